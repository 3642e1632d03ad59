"""Mediation pages. Staff: draft, record an in-person confirmation, seal, download the PDF and
the packet for the court (the handling bureau only, through the dashboard's permission checks).
The complainant: the agreement on the tracking page (and the account's case view, which opens
the same page through the same session grant): download, confirm, decline."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.services import access
from complaints.services.actions import COMPLAINANT, CaseError
from complaints.services.audit import log_access

from . import services
from .forms import DeclineForm, DraftForm, InPersonForm
from .models import Party


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _back(case):
    return redirect("dashboard:case", pk=case.pk)


def _staff_step(request, pk, step, *, write=True):
    case = permissions.get_case(request.user, pk, write=write)
    agreement = services.current(case)
    if step not in services.available_steps(case, request.user, agreement=agreement):
        raise Http404
    return case, agreement


def _done(request, case, func, success):
    try:
        func()
    except CaseError as error:
        messages.error(request, _("操作未完成：%(error)s") % {"error": error})
    else:
        messages.success(request, success)
    return _back(case)


@require_POST
@permissions.staff_required
def draft(request, pk: int):
    case = permissions.get_case(request.user, pk, write=True)
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写调解协议内容。"))
        return _back(case)
    return _done(
        request,
        case,
        lambda: services.draft_agreement(case, form.cleaned_data["terms"], request.user),
        _("调解协议已拟定，等待双方确认。"),
    )


@require_POST
@permissions.staff_required
def confirm_in_person(request, pk: int):
    case, agreement = _staff_step(request, pk, "confirm_in_person")
    form = InPersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择确认的一方并说明当面确认的情况。"))
        return _back(case)
    data = form.cleaned_data
    return _done(
        request,
        case,
        lambda: services.confirm(
            agreement, data["party"], request.user, in_person=True, reason=data["reason"]
        ),
        _("已记录当面确认。"),
    )


@require_POST
@permissions.staff_required
def seal(request, pk: int):
    case, agreement = _staff_step(request, pk, "seal")
    return _done(
        request,
        case,
        lambda: services.seal(agreement, request.user),
        _("调解协议已盖章生效，调解结果已记录为达成协议。"),
    )


@permissions.staff_required
def download(request, pk: int):
    case, agreement = _staff_step(request, pk, "download", write=False)
    try:
        content = services.document(agreement)
    except CaseError as error:
        messages.error(request, str(error))
        return _back(case)
    log_access(
        case, "mediation_pdf", user=request.user, request=request, detail=f"v{agreement.version}"
    )
    return _pdf(content, services.filename(agreement))


@permissions.staff_required
def packet(request, pk: int):
    case, agreement = _staff_step(request, pk, "packet", write=False)
    try:
        content = services.judicial_packet(agreement)
    except CaseError as error:
        messages.error(request, str(error))
        return _back(case)
    log_access(
        case, "mediation_packet", user=request.user, request=request, detail=f"v{agreement.version}"
    )
    response = HttpResponse(content, content_type="application/zip")
    name = f"judicial-confirmation-{case.tracking_number}-v{agreement.version}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the complainant ----------------------------------------------------------------------


def _granted(request):
    from complaints.models import Complaint

    case_id = access.granted_case_id(request)
    case = Complaint.objects.filter(pk=case_id).first() if case_id is not None else None
    return case


def _expired(request):
    messages.info(request, _("查询已超时，请重新输入受理编号和访问码。"))
    return redirect("complaints:track")


@never_cache
def citizen_download(request):
    case = _granted(request)
    if case is None:
        return _expired(request)
    agreement = services.current(case)
    if "download" not in services.available_steps(case, COMPLAINANT, agreement=agreement):
        raise Http404
    try:
        content = services.document(agreement)
    except CaseError as error:
        messages.error(request, str(error))
        return redirect("complaints:track_case")
    log_access(case, "track_mediation_pdf", request=request, detail=f"v{agreement.version}")
    return _pdf(content, services.filename(agreement))


def _citizen_act(request, func, success):
    case = _granted(request)
    if case is None:
        return _expired(request)
    agreement = services.current(case)
    if agreement is None:
        raise Http404
    try:
        func(agreement)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("complaints:track_case")


@never_cache
@require_POST
def citizen_confirm(request):
    def act(agreement):
        services.confirm(agreement, Party.COMPLAINANT, COMPLAINANT)
        log_access(agreement.complaint, "track_mediation_confirm", request=request)

    return _citizen_act(request, act, _("您已确认调解协议。"))


@never_cache
@require_POST
def citizen_decline(request):
    form = DeclineForm(request.POST)

    def act(agreement):
        if not form.is_valid():
            from complaints.services.actions import InvalidInput

            raise InvalidInput(_("请填写不同意的理由。"))
        services.decline(
            agreement, Party.COMPLAINANT, COMPLAINANT, reason=form.cleaned_data["reason"]
        )
        log_access(agreement.complaint, "track_mediation_decline", request=request)

    return _citizen_act(request, act, _("已告知办理部门您不同意该调解协议。"))
