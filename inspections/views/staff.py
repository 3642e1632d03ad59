"""Staff pages: draws of the user's bureaus, commit and draw, results, target import, conflicts."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints import permissions as complaint_permissions
from complaints.permissions import staff_required, supervisor_required
from inspections import permissions
from inspections.forms import ConflictForm, DrawForm, ResultForm, TargetImportForm
from inspections.models import ConflictOfInterest, DrawStatus, InspectionTarget
from inspections.services import draws, importing, public, results


def _context(request, **extra):
    return {"is_supervisor": complaint_permissions.is_supervisor(request.user), **extra}


@staff_required
def draw_list(request):
    qs = permissions.draws_for(request.user).order_by("-created_at")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    context = _context(
        request, page=page, target_count=InspectionTarget.objects.filter(is_active=True).count()
    )
    return render(request, "inspections/staff/draw_list.html", context)


@staff_required
def draw_new(request):
    ids = permissions.bureau_ids(request.user)
    form = DrawForm(request.POST or None, bureau_ids=ids)
    if request.method == "POST" and form.is_valid():
        draw = form.save(commit=False)
        draw.created_by = request.user
        draw.save()
        form.save_m2m()
        messages.success(request, _("抽查任务已保存为草稿。"))
        return redirect("inspections_staff:draw", pk=draw.pk)
    return render(request, "inspections/staff/draw_form.html", _context(request, form=form))


@staff_required
def draw_detail(request, pk: int):
    draw = permissions.get_draw(request.user, pk)
    context = _context(
        request,
        draw=draw,
        items=draw.items.all(),
        districts=draw.districts.all(),
        eligible=draws.eligible_targets(draw).count() if draw.status == DrawStatus.DRAFT else None,
        pool_size=draw.pool_targets.count(),
        inspections=public.inspections_with_results(draw).select_related(
            "inspector_1__inspector__membership__user", "inspector_2__inspector__membership__user"
        ),
        may_decide=complaint_permissions.is_supervisor(request.user, draw.bureau_id),
    )
    return render(request, "inspections/staff/draw_detail.html", context)


@require_POST
@staff_required
def draw_commit(request, pk: int):
    draw = permissions.get_draw(request.user, pk)
    permissions.require_supervisor(request.user, draw.bureau_id)
    try:
        draws.commit(draw, request.user)
    except draws.DrawError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("名录已冻结，种子承诺值已公示。"))
    return redirect("inspections_staff:draw", pk=pk)


@require_POST
@staff_required
def draw_run(request, pk: int):
    draw = permissions.get_draw(request.user, pk)
    permissions.require_supervisor(request.user, draw.bureau_id)
    try:
        draws.run(draw, request.user)
    except draws.DrawError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("抽取完成，随机种子已公开。"))
    return redirect("inspections_staff:draw", pk=pk)


@staff_required
def result_edit(request, pk: int):
    inspection = permissions.get_inspection(request.user, pk)
    existing = getattr(inspection, "result", None)
    initial = {}
    if existing:
        initial = {
            "inspected_on": existing.inspected_on,
            "checked_items": list(existing.checked_items.all()),
            "outcome": existing.outcome,
            "violation_found": existing.violation_found,
            "public_note": existing.public_note,
            "internal_note": existing.internal_note,
        }
    form = ResultForm(request.POST or None, initial=initial, items=inspection.draw.items.all())
    if request.method == "POST" and form.is_valid():
        results.record_result(inspection, form.cleaned_data, request.user)
        messages.success(request, _("检查结果已保存并公示。"))
        return redirect("inspections_staff:draw", pk=inspection.draw_id)
    context = _context(request, form=form, inspection=inspection, draw=inspection.draw)
    return render(request, "inspections/staff/result_form.html", context)


@supervisor_required
def target_import(request):
    form = TargetImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = importing.import_targets(form.cleaned_data["file"].read())
        if report.ok:
            messages.success(
                request,
                _("已导入 %(rows)s 行：新增 %(created)s 家，更新 %(updated)s 家。")
                % {"rows": report.rows, "created": report.created, "updated": report.updated},
            )
            return redirect("inspections_staff:draws")
    context = _context(request, form=form, report=report, columns=importing.COLUMNS)
    return render(request, "inspections/staff/import.html", context)


@staff_required
def conflicts(request):
    inspectors = permissions.inspectors_for(request.user)
    form = ConflictForm(request.POST or None, inspectors=inspectors)
    if request.method == "POST" and form.is_valid():
        conflict = form.save(commit=False)
        conflict.declared_by = request.user
        conflict.save()
        messages.success(request, _("回避申报已登记，此后的抽取将排除该组合。"))
        return redirect("inspections_staff:conflicts")
    declared = (
        ConflictOfInterest.objects.filter(inspector__in=inspectors)
        .select_related("inspector__membership__user", "target")
        .order_by("-declared_at")
    )
    page = Paginator(declared, 50).get_page(request.GET.get("page"))
    return render(
        request, "inspections/staff/conflicts.html", _context(request, form=form, page=page)
    )
