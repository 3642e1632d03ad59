"""Public pages of the complaint database: browse with facets, a record, trends, a respondent."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from records import conf
from records.models import PublicRecord
from records.queries import FACETS, Filters, Selection

PAGE_SIZE = 25
MAX_PAGE = 400


def _link(params: dict, **changes) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({key: value for key, value in merged.items() if value})


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return min(max(int(value), 1), MAX_PAGE) if value.isdigit() else 1


@require_safe
def browse(request):
    filters = Filters.from_query(request.GET)
    selection = Selection(filters)
    params = filters.as_params()
    facets = selection.facets()
    for facet in facets:
        for value in facet["values"]:
            value["link"] = _link(
                params, page="", **{facet["name"]: "" if value["selected"] else value["value"]}
            )
    paginator = Paginator(selection.listing(), PAGE_SIZE)
    paginator.count = selection.count()  # the cached count, instead of a COUNT per request
    page = paginator.get_page(_page_number(request))
    context = {
        "filters": filters,
        "facets": facets,
        "page": page,
        "total": paginator.count,
        "query_string": urlencode(params),
        "clear_link": "?",
        "previous_link": _link(params, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_link": _link(params, page=page.next_page_number())
        if page.has_next() and page.number < MAX_PAGE
        else "",
        "search_limit": conf.search_limit() if filters.q else None,
        "active_chips": [
            {"name": name, "link": _link(params, **{name: ""})}
            for name in (*FACETS, "respondent", "narrative")
            if name in params
        ],
    }
    return render(request, "records/browse.html", context)


@require_safe
def detail(request, pk):
    record = get_object_or_404(
        PublicRecord.objects.public().select_related("channel", "category", "district"), pk=pk
    )
    return render(request, "records/detail.html", {"record": record})


@require_safe
def trends(request):
    filters = Filters.from_query(request.GET)
    rows = Selection(filters).monthly()
    months = [month.strftime("%Y-%m") for month, _count in rows]
    counts = [count for _month, count in rows]
    context = {
        "filters": filters,
        "rows": [(month.strftime("%Y-%m"), count) for month, count in rows],
        "chart_json": {"labels": months, "counts": counts},
        "query_string": urlencode(filters.as_params()),
    }
    return render(request, "records/trends.html", context)


@require_safe
def respondent(request, credit_code):
    credit_code = credit_code.upper()
    records = PublicRecord.objects.public().filter(respondent_credit_code=credit_code)
    first = records.only("respondent_name").order_by("-closed_on", "-id").first()
    if first is None:
        raise Http404
    answers = records.order_by().aggregate(
        known=Count("id", filter=Q(respondent_answered__isnull=False)),
        answered=Count("id", filter=Q(respondent_answered=True)),
    )
    paginator = Paginator(records.select_related("channel", "category", "district"), PAGE_SIZE)
    page = paginator.get_page(_page_number(request))
    context = {
        "name": first.respondent_name,
        "credit_code": credit_code,
        "page": page,
        "total": paginator.count,
        # None until the respondent answer channel records answers ("not available").
        "answer_rate": answers["answered"] / answers["known"] if answers["known"] else None,
        "previous_link": _link({}, page=page.previous_page_number()) if page.has_previous() else "",
        "next_link": _link({}, page=page.next_page_number()) if page.has_next() else "",
        "database_link": "?" + urlencode({"respondent": credit_code}),
    }
    return render(request, "records/respondent.html", context)
