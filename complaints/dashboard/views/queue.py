"""The queue page and the supervisors' bulk actions."""

from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.dashboard import counts
from complaints.dashboard import queue as queue_service
from complaints.dashboard.forms import QueueFilterForm, SavedSearchForm

SEARCH_SESSION_KEY = "dashboard_queue_search"
DEFAULT_SORT = "-submitted"  # left out of URLs, so the navigation's links stay current


def filter_form(request) -> tuple[QueueFilterForm, dict]:
    """The queue's filters: the URL's parameters plus the search term kept in the session.

    A `q` in the URL is ignored: terms are posted to `search` and never travel in a URL."""
    params = request.GET.copy()
    params.pop("q", None)
    params.pop("after", None)
    term = request.session.get(SEARCH_SESSION_KEY, "")
    if term:
        params["q"] = term
    form = QueueFilterForm(params or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data


def url_params(source) -> QueryDict:
    """The filter parameters of a GET or POST dict, without the search term or the cursor."""
    params = QueryDict(mutable=True)
    for name in QueueFilterForm.URL_FIELDS:
        value = source.get(name, "")
        if value and not (name == "sort" and value == DEFAULT_SORT):
            params[name] = value
    return params


def queue_url(params: QueryDict) -> str:
    query = params.urlencode()
    return reverse("dashboard:queue") + (f"?{query}" if query else "")


@permissions.staff_required
def queue(request):
    form, data = filter_form(request)
    found = queue_service.search(request.user, data) if data.get("q") else None
    result = queue_service.page(request.user, data, request.GET.get("after", ""), found=found)
    if form.is_bound and form.is_valid():
        form.show_counts(counts.facet_counts(request.user, data, found))
    else:
        form.show_counts(counts.facet_counts(request.user, {}))
    params = url_params(request.GET)
    supervisor = permissions.is_supervisor(request.user)
    bureau_ids = permissions.bureau_ids(request.user)
    context = {
        "form": form,
        "page": result,
        "cases": result.cases,
        "search_term": data.get("q", ""),
        "query_string": params.urlencode(),
        "saved_form": SavedSearchForm(),
        "has_filters": bool(params),
        "is_supervisor": supervisor,
        "bureau_ids": bureau_ids or [],
        "many_bureaus": bureau_ids is None or len(bureau_ids) > 1,
        "is_first_page": not request.GET.get("after"),
    }
    return render(request, "complaints/dashboard/queue.html", context)


@require_POST
@permissions.staff_required
def search(request):
    """Post-redirect-get: the term goes to the session, the other filters to the URL.

    "reset" clears the term and every filter; "clear_term" clears only the term."""
    if "reset" in request.POST:
        request.session.pop(SEARCH_SESSION_KEY, None)
        return redirect("dashboard:queue")
    term = request.POST.get("q", "").strip()[: QueueFilterForm.base_fields["q"].max_length]
    if term and "clear_term" not in request.POST:
        request.session[SEARCH_SESSION_KEY] = term
    else:
        request.session.pop(SEARCH_SESSION_KEY, None)
    return redirect(queue_url(url_params(request.POST)))
