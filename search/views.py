"""Public search: /search/?q=… over published content. Accepts any input without failing."""

import re
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from search.api import ContentFilters, search_content
from search.backends.base import MAX_PAGE
from search.text import MAX_QUERY_LENGTH, normalize_query

SLUG = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
FACET_TITLES = {"type": _("内容类型"), "year": _("年份"), "policy_level": _("政策层级")}


def _slug(value) -> str:
    value = str(value or "")
    return value if SLUG.match(value) else ""


def _int(value, default, low, high):
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def _link(params: dict, **changes) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({key: value for key, value in merged.items() if value})


@require_safe
def search(request):
    raw = request.GET.get("q", "")
    query = normalize_query(raw)
    filters = ContentFilters(
        type=_slug(request.GET.get("type")),
        year=_int(request.GET.get("year"), None, 1949, 2100),
        policy_level=_slug(request.GET.get("policy_level")),
    )
    page = _int(request.GET.get("page"), 1, 1, MAX_PAGE)
    results = None
    if query:
        results = search_content(query, filters=filters, page=page, language=get_language())
    params = {"q": query, **{k: v for k, v in filters.as_dict().items() if v}}
    facets = []
    if results:
        for name, values in results.facets.items():
            if not values:
                continue
            for value in values:
                value.link = _link(params, **{name: "" if value.selected else value.value})
            facets.append({"name": name, "title": FACET_TITLES[name], "values": values})
    context = {
        "search_query": query,
        "results": results,
        "facets": facets,
        "truncated": len(" ".join(str(raw).split())) > MAX_QUERY_LENGTH,
        "active_filters": bool(filters.active()),
        "clear_filters_link": _link({"q": query}),
        "previous_link": _link(params, page=page - 1) if results and results.has_previous else "",
        "next_link": _link(params, page=page + 1) if results and results.has_next else "",
        "suggestion_link": _link({"q": results.suggestion})
        if results and results.suggestion
        else "",
    }
    return render(request, "search/results.html", context)
