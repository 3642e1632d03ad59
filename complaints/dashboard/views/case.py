"""Case detail (every view logged), actions through the lifecycle services, evidence download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from complaints import permissions
from complaints.dashboard import forms, services
from complaints.dashboard.queue import annotate_time_left
from complaints.lifecycle import can_transition
from complaints.models import AccessLog, Complaint, Status
from complaints.services import evidence as evidence_custody
from complaints.services import lifecycle, workdays
from complaints.services.clock import limit_for
from complaints.services.uploads import extension_for

DETAIL_RELATED = (
    "channel",
    "category__clock_profile",
    "category__report_clock_profile",
    "bureau",
    "district",
    "assigned_to",
)


def _do_accept(case, user, data):
    return lifecycle.accept(case, actor=user, **_notes(data))


def _do_refuse(case, user, data):
    return lifecycle.refuse(case, actor=user, reason=data["reason"], **_notes(data))


def _do_request_info(case, user, data):
    return lifecycle.request_information(case, actor=user, **_notes(data))


def _do_start(case, user, data):
    return lifecycle.start_handling(case, actor=user, **_notes(data))


def _do_mediation(case, user, data):
    return services.record_mediation(
        case, actor=user, agreed=data["agreed"], note=data["internal_note"]
    )


def _do_resolve(case, user, data):
    return lifecycle.resolve(
        case,
        actor=user,
        outcome=data["outcome"],
        outcome_detail=data["outcome_detail"],
        **_notes(data),
    )


def _do_close(case, user, data):
    return lifecycle.close(case, actor=user, **_notes(data))


def _do_reopen(case, user, data):
    return lifecycle.reopen(case, reason=data["reason"], actor=user)


def _do_transfer(case, user, data):
    return lifecycle.transfer(
        case,
        to_bureau=data["to_bureau"],
        actor=user,
        reason=data["reason"],
        public_note=data["public_note"],
    )


def _do_assign(case, user, data):
    return services.assign(case, actor=user, handler=data["handler"])


def _do_extend(case, user, data):
    return services.extend_deadline(case, actor=user, months=data["months"], reason=data["reason"])


def _notes(data):
    return {"public_note": data.get("public_note", ""), "internal_note": data["internal_note"]}


# name → (label, form, handler, target status for the map check or None, supervisor only)
ACTIONS = {
    "accept": (gettext_lazy("受理"), forms.AcceptForm, _do_accept, Status.ACCEPTED, False),
    "refuse": (gettext_lazy("不予受理"), forms.RefuseForm, _do_refuse, Status.NOT_ACCEPTED, False),
    "assign": (gettext_lazy("分配承办人"), forms.AssignForm, _do_assign, None, False),
    "request_info": (
        gettext_lazy("要求补充材料（暂停计时）"),
        forms.RequestInfoForm,
        _do_request_info,
        Status.AWAITING_COMPLAINANT,
        False,
    ),
    "start": (gettext_lazy("开始办理"), forms.StartForm, _do_start, Status.IN_PROGRESS, False),
    "mediation": (gettext_lazy("记录调解结果"), forms.MediationForm, _do_mediation, None, False),
    "resolve": (gettext_lazy("办结"), forms.ResolveForm, _do_resolve, Status.RESOLVED, False),
    "close": (gettext_lazy("结案"), forms.CloseForm, _do_close, Status.CLOSED, False),
    "reopen": (gettext_lazy("重新办理"), forms.ReopenForm, _do_reopen, Status.IN_PROGRESS, False),
    "transfer": (gettext_lazy("移送其他部门"), forms.TransferForm, _do_transfer, None, False),
    "extend": (gettext_lazy("批准延期"), forms.ExtendForm, _do_extend, None, True),
}


def _available(case: Complaint, user) -> list[str]:
    names = []
    for name, (_label, _form, _fn, target, supervisor_only) in ACTIONS.items():
        if supervisor_only and not permissions.is_supervisor(user, case.bureau_id):
            continue
        if target and not can_transition(case.status, target):
            continue
        if name == "reopen" and case.status not in (Status.CLOSED, Status.RESOLVED):
            continue
        if name == "start" and case.status == Status.RESOLVED:
            continue
        if name in ("assign", "transfer") and not case.is_open:
            continue
        if name == "mediation" and case.status not in (Status.ACCEPTED, Status.IN_PROGRESS):
            continue
        if name == "extend" and not (case.is_open and case.step == "handling"):
            continue
        names.append(name)
    return names


def _form_for(name, case, data=None):
    form_class = ACTIONS[name][1]
    kwargs = {"case": case} if "case" in form_class.__init__.__code__.co_varnames else {}
    return form_class(data, prefix=name, **kwargs)


def _case(request, pk, *, write=False):
    qs = Complaint.objects.select_related(*DETAIL_RELATED)
    return permissions.get_case(request.user, pk, write=write, queryset=qs)


@permissions.staff_required
def detail(request, pk: int):
    case = _case(request, pk)
    AccessLog.objects.create(complaint=case, user=request.user, action="view_full")
    annotate_time_left([case])
    writable = permissions.can_act(request.user, case)
    actions = _available(case, request.user) if writable else []
    profile = case.category.clock_profile_for(case.kind)
    context = {
        "case": case,
        "writable": writable,
        "profile": profile,
        "limit": limit_for(case, case.step) if case.step != "none" else None,
        "events": case.events.select_related("actor", "from_bureau", "to_bureau", "clock_record"),
        "evidence": case.evidence.all(),
        "original_form": forms.OriginalReleaseForm(),
        "related": _related(case),
        "actions": [(name, ACTIONS[name][0], _form_for(name, case)) for name in actions],
        "visible_bureaus": permissions.bureau_ids(request.user),
        "is_supervisor": permissions.is_supervisor(request.user),
    }
    return render(request, "complaints/dashboard/case.html", context)


def _related(case: Complaint):
    """Same respondent or same complainant across all channels: non-personal columns only."""
    match = Q()
    if case.respondent_credit_code:
        match |= Q(respondent_credit_code=case.respondent_credit_code)
    elif case.respondent_name:
        match |= Q(respondent_name=case.respondent_name)
    if case.complainant_phone:
        match |= Q(complainant_phone=case.complainant_phone)
    if not match:
        return []
    return list(
        Complaint.objects.filter(match)
        .exclude(pk=case.pk)
        .select_related("channel", "category", "bureau")
        .only(
            "id",
            "tracking_number",
            "status",
            "submitted_at",
            "bureau_id",
            "bureau__name",
            "channel__code",
            "category__name",
            "category__name_en",
        )
        .order_by("-submitted_at", "-id")[:20]
    )


@require_POST
@permissions.staff_required
def act(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    case = _case(request, pk, write=True)
    if action not in _available(case, request.user):
        if ACTIONS[action][4]:
            raise PermissionDenied
        messages.error(request, _("当前状态下不能执行该操作。"))
        return redirect("dashboard:case", pk=case.pk)
    form = _form_for(action, case, request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label} {' '.join(errors)}".strip())
        return redirect("dashboard:case", pk=case.pk)
    try:
        ACTIONS[action][2](case, request.user, form.cleaned_data)
    except (lifecycle.TransitionNotAllowed, ValueError, workdays.CalendarUnavailable) as exc:
        messages.error(request, _("操作未完成：%(error)s") % {"error": exc})
    else:
        messages.success(request, _("已完成：%(action)s") % {"action": ACTIONS[action][0]})
    return redirect("dashboard:case", pk=case.pk)


@permissions.staff_required
def evidence(request, pk: int, evidence_id: int):
    case = _case(request, pk)
    item = case.evidence.filter(pk=evidence_id).first()
    if item is None:
        raise Http404
    AccessLog.objects.create(
        complaint=case, user=request.user, action="evidence_download", detail=str(item.pk)
    )
    return _attachment(item, item.file.open("rb"), item.sha256)


@require_POST
@permissions.staff_required
def evidence_original(request, pk: int, evidence_id: int):
    """The sealed original as received: for the handling bureau only, with a logged reason."""
    case = _case(request, pk, write=True)
    item = case.evidence.filter(pk=evidence_id).first()
    if item is None or not item.has_original:
        raise Http404
    form = forms.OriginalReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("调取原件须填写理由。"))
        return redirect("dashboard:case", pk=case.pk)
    try:
        handle = evidence_custody.release_original(item, request.user, form.cleaned_data["reason"])
    except FileNotFoundError:
        messages.error(request, _("原件文件缺失，请联系系统管理员核查。"))
        return redirect("dashboard:case", pk=case.pk)
    return _attachment(item, handle, item.original_sha256, label="original-")


def _attachment(item, handle, sha256: str, label: str = "") -> FileResponse:
    """Named by case data, never the uploaded name; extension and type from the detected type."""
    name = f"evidence-{item.pk}-{label}{sha256[:8]}.{extension_for(item.content_type)}"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=item.content_type)
