"""CSV and Excel exports of the filtered queue and of the statistics (personal data masked)."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from complaints import permissions
from complaints.dashboard import queue as queue_service
from complaints.models import ClockStep
from complaints.services.audit import log_access

from .performance import scoped_stats
from .queue import filter_form

MAX_ROWS = 100_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise spreadsheet formulas (CSV/formula injection) in text cells."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _queue_header():
    return [
        _("受理编号"), _("类型"), _("热线渠道"), _("类别"), _("办理部门"), _("行政区"),
        _("状态"), _("投诉人"), _("联系电话"), _("被投诉人"), _("提交时间"), _("法定期限"),
        _("已超期"), _("承办人"), _("曾超期"),
    ]  # fmt: skip


def _queue_rows(request):
    _form, data = filter_form(request)
    qs, _used = queue_service.filtered(request.user, data)
    qs = qs.select_related(*queue_service.LIST_RELATED).order_by("-submitted_at", "-id")
    for case in qs[:MAX_ROWS].iterator(chunk_size=2000):
        yield [
            case.tracking_number,
            case.get_kind_display(),
            case.channel.code,
            case.category.name,
            case.bureau.name,
            case.district.name if case.district else "",
            case.get_status_display(),
            str(case.masked_complainant_name),
            case.masked_complainant_phone,
            case.respondent_name,
            timezone.localtime(case.submitted_at).strftime("%Y-%m-%d %H:%M"),
            case.due_on.isoformat() if case.due_on else "",
            _("是") if case.is_overdue else "",
            (case.assigned_to.get_full_name() or case.assigned_to.username)
            if case.assigned_to
            else "",
            # A step finished late stays a breach even when the running step is on time.
            _("是") if case.ever_breached else "",
        ]


class _Echo:
    def write(self, value):
        return value


def _log_export(request, what: str) -> None:
    log_access(None, "export", user=request.user, detail=f"{what}: {request.GET.urlencode()}")


def _filename(stem: str, ext: str) -> str:
    return f'attachment; filename="{stem}-{timezone.localdate():%Y%m%d}.{ext}"'


@permissions.staff_required
def queue_csv(request):
    _log_export(request, "queue.csv")
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # BOM: Excel opens UTF-8 Chinese correctly
        yield writer.writerow(_queue_header())
        for row in _queue_rows(request):
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename("cases", "csv")
    return response


def _xlsx_response(sheets: dict[str, tuple[list, object]], stem: str) -> HttpResponse:
    book = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = _filename(stem, "xlsx")
    return response


@permissions.staff_required
def queue_xlsx(request):
    _log_export(request, "queue.xlsx")
    return _xlsx_response({_("案件"): (_queue_header(), _queue_rows(request))}, "cases")


def _stats_tables(figures) -> dict[str, tuple[list, list]]:
    rate_header = [_("案件数"), _("按期办结"), _("按期办结率")]

    def rate_rows(rows, *keys):
        return [
            [*(str(row[key]) for key in keys), row["total"], row["on_time"],
             round(row["rate"], 4) if row["rate"] is not None else ""]
            for row in rows
        ]  # fmt: skip

    by_category = rate_rows(figures["by_category"], "category__name")
    by_bureau = rate_rows(figures["by_bureau"], "bureau__name")
    return {
        _("按类别"): ([_("类别"), *rate_header], by_category),
        _("按部门"): ([_("办理部门"), *rate_header], by_bureau),
        _("按月份"): (
            [_("月份"), *rate_header],
            [[row["month"].strftime("%Y-%m"), *rest[1:]] for row, rest in zip(
                figures["by_month"], rate_rows(figures["by_month"], "month"), strict=True)],
        ),
        _("按环节"): (
            [_("环节"), _("到期环节"), _("按期完成"), _("按期率")],
            [[str(ClockStep(row["step"]).label), *rest[1:]] for row, rest in zip(
                figures["by_step"], rate_rows(figures["by_step"], "step"), strict=True)],
        ),
        _("满意度"): (
            [_("评分"), _("件数")],
            [[score, count] for score, count in figures["satisfaction"]["distribution"]],
        ),
        _("受理量"): (
            [_("月份"), _("热线渠道"), _("件数")],
            [[row["month"].strftime("%Y-%m"), row["channel__code"], row["count"]]
             for row in figures["by_channel"]],
        ),
    }  # fmt: skip


@permissions.supervisor_required
def stats_csv(request):
    _log_export(request, "stats.csv")
    _form, figures = scoped_stats(request)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    for title, (header, rows) in _stats_tables(figures).items():
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows([[safe_cell(value) for value in row] for row in rows])
        writer.writerow([])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename("statistics", "csv")
    return response


@permissions.supervisor_required
def stats_xlsx(request):
    _log_export(request, "stats.xlsx")
    _form, figures = scoped_stats(request)
    return _xlsx_response(_stats_tables(figures), "statistics")
