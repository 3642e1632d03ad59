"""Staff pages: list, create and edit credit records, record a credit repair, export CSV."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.models import AccessLog
from complaints.services.validators import is_valid_uscc, normalize
from credit import export, services
from credit.forms import CreditRecordForm, RepairForm, StaffFilterForm
from credit.models import RepairStatus

PAGE_SIZE = 25


def _filtered(request):
    form = StaffFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = services.records_for_staff(request.user)
    if data.get("status"):
        qs = qs.with_status(data["status"])
    query = (data.get("q") or "").strip()
    if query and is_valid_uscc(query):
        qs = qs.filter(uscc=normalize(query))
    elif query:
        qs = qs.filter(Q(enterprise_name__icontains=query) | Q(decision_number=query))
    return form, qs, {k: v for k, v in data.items() if v}


def _record(request, pk: int):
    record = services.records_for_staff(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


@permissions.supervisor_required
def record_list(request):
    form, qs, used = _filtered(request)
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "today": timezone.localdate(),
        "query_string": urlencode(used) + "&" if used else "",
        "filter_string": urlencode(used),
        "is_supervisor": True,
    }
    return render(request, "credit/staff/list.html", context)


def _initial_from_inspection(request) -> dict:
    """Fields a 双随机 inspection's finding already knows (?inspection=<pk>, own bureaus only)."""
    from inspections.permissions import get_inspection

    pk = request.GET.get("inspection", "")
    if not pk.isdigit():
        return {}
    inspection = get_inspection(request.user, int(pk))
    result = getattr(inspection, "result", None)
    if result is None or not result.violation_found:
        return {}
    facts = _("双随机抽查（%(draw)s）发现违法行为。") % {"draw": inspection.draw.title}
    if result.public_note:
        facts = f"{facts}\n{result.public_note}"
    return {
        "enterprise_name": inspection.pool_target.name,
        "uscc": inspection.pool_target.key,
        "bureau": inspection.draw.bureau_id,
        "facts": facts,
    }


@permissions.supervisor_required
def record_create(request):
    initial = _initial_from_inspection(request) if request.method == "GET" else {}
    form = CreditRecordForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "case_numbers"}
        record = services.create_record(
            actor=request.user, cases=form.cleaned_data["case_numbers"], **data
        )
        messages.success(request, _("信用记录已保存。"))
        return redirect("credit_staff:detail", pk=record.pk)
    context = {"form": form, "is_supervisor": True, "record": None}
    return render(request, "credit/staff/form.html", context)


@permissions.supervisor_required
def record_edit(request, pk: int):
    record = _record(request, pk)
    before = services.snapshot(record)
    form = CreditRecordForm(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_changes(
            form.instance, before, actor=request.user, cases=form.cleaned_data["case_numbers"]
        )
        messages.success(request, _("信用记录已更新。"))
        return redirect("credit_staff:detail", pk=record.pk)
    context = {"form": form, "is_supervisor": True, "record": record}
    return render(request, "credit/staff/form.html", context)


@permissions.supervisor_required
def record_detail(request, pk: int):
    return _render_detail(request, _record(request, pk), RepairForm())


def _render_detail(request, record, repair_form, status=200):
    context = {
        "record": record,
        "cases": record.cases.only("id", "tracking_number", "status"),
        "events": record.events.select_related("actor"),
        "applications": record.repair_applications.select_related("decided_by"),
        "repair_form": repair_form,
        "is_supervisor": True,
    }
    return render(request, "credit/staff/detail.html", context, status=status)


@require_POST
@permissions.supervisor_required
def record_repair(request, pk: int):
    record = _record(request, pk)
    form = RepairForm(request.POST)
    if not form.is_valid():
        # Nothing typed is lost: the page comes back with the form filled in and its errors.
        return _render_detail(request, record, form, status=400)
    data = form.cleaned_data
    try:
        services.record_repair(
            record,
            applied_on=data["applied_on"],
            grounds=data["grounds"],
            approve=data["result"] == RepairStatus.APPROVED,
            decision=data["decision"],
            decided_on=data["decided_on"],
            actor=request.user,
        )
    except services.RepairNotAllowed as exc:
        messages.error(request, _("操作未完成：%(error)s") % {"error": exc})
    else:
        messages.success(request, _("信用修复决定已记录。"))
    return redirect("credit_staff:detail", pk=record.pk)


@permissions.supervisor_required
def export_csv(request):
    """The national platform's CSV of the filtered records (current only unless archive=1)."""
    _form, qs, used = _filtered(request)
    archive = request.GET.get("archive") == "1"
    if not archive:
        qs = qs.public()
    AccessLog.objects.create(
        user=request.user, action="export", detail=f"credit: {urlencode(used)}"[:200]
    )
    response = StreamingHttpResponse(
        export.stream_csv(qs, archive=archive), content_type="text/csv; charset=utf-8"
    )
    stem = "credit-records-archive" if archive else "credit-records"
    response["Content-Disposition"] = (
        f'attachment; filename="{stem}-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response
