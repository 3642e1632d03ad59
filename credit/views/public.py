"""Public pages: current credit records with search, and one record's detail."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from credit import services
from credit.forms import PublicSearchForm

PAGE_SIZE = 20


def index(request):
    form = PublicSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    records = services.search_public(query)
    paginator = Paginator(records, PAGE_SIZE)
    if not query:
        paginator.count = services.public_count()  # cached: counting scans every record
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "query": query,
        "page_obj": page_obj,
        "query_string": urlencode({"q": query}) + "&" if query else "",
    }
    return render(request, "credit/index.html", context)


def detail(request, pk: int):
    record = services.current_records_for().filter(pk=pk).first()
    if record is None:
        # Ended or repaired records are no longer public: the same answer as a missing one.
        raise Http404
    return render(request, "credit/detail.html", {"record": record})
