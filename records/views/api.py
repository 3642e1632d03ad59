"""JSON API and CSV export of the public database, with the same filters as the HTML page."""

import csv
from urllib.parse import urlencode

from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from records.columns import COLUMNS, VALUE_FIELDS, Labels, csv_value
from records.models import PublicRecord
from records.queries import Filters, Selection

API_PAGE_SIZE = 100
MAX_API_PAGE_SIZE = 500
EXPORT_CHUNK = 2000
NOTES = {
    "respondent_answered": "null: not available (no respondent answer channel yet)",
    "respondent": "named only for an organisation with a valid unified social credit code",
    "narrative": "only with the complainant's consent, personal identifiers replaced",
}


def _int(value, default, low, high) -> int:
    return min(max(int(value), low), high) if str(value).isdigit() else default


@require_safe
def records_json(request):
    filters = Filters.from_query(request.GET)
    page_size = _int(request.GET.get("page_size", ""), API_PAGE_SIZE, 1, MAX_API_PAGE_SIZE)
    page = _int(request.GET.get("page", ""), 1, 1, 100_000)
    records = Selection(filters).records().order_by("-closed_on", "-id")
    count = records.count()
    start = (page - 1) * page_size
    labels = Labels()
    results = [
        labels.row(values)
        for values in records.values_list(*VALUE_FIELDS)[start : start + page_size]
    ]
    for row in results:
        row["url"] = request.build_absolute_uri(reverse("records:detail", kwargs={"pk": row["id"]}))
    base = request.build_absolute_uri(request.path)
    params = filters.as_params()

    def link(number):
        return f"{base}?{urlencode({**params, 'page': number, 'page_size': page_size})}"

    return JsonResponse(
        {
            "count": count,
            "page": page,
            "page_size": page_size,
            "next": link(page + 1) if start + page_size < count else None,
            "previous": link(page - 1) if page > 1 else None,
            "notes": NOTES,
            "results": results,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def record_json(request, pk):
    record = get_object_or_404(PublicRecord.objects.public(), pk=pk)
    values = PublicRecord.objects.filter(pk=record.pk).values_list(*VALUE_FIELDS).get()
    row = Labels().row(values)
    return JsonResponse({**row, "notes": NOTES}, json_dumps_params={"ensure_ascii": False})


class _Echo:
    def write(self, value):
        return value


def export_rows(filters: Filters):
    """The CSV lines of the selection, a chunk of rows at a time (constant memory)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the Chinese as UTF-8
    yield writer.writerow(COLUMNS)
    labels = Labels()
    records = Selection(filters).records().order_by("-closed_on", "-id")
    for values in records.values_list(*VALUE_FIELDS).iterator(chunk_size=EXPORT_CHUNK):
        row = labels.row(values)
        yield writer.writerow([csv_value(row[column]) for column in COLUMNS])


@require_safe
def records_csv(request):
    filters = Filters.from_query(request.GET)
    response = StreamingHttpResponse(export_rows(filters), content_type="text/csv; charset=utf-8")
    name = f"complaint-records-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
