"""Tracking at /complaints/track/: number + code by POST, then follow-up actions on the case.

After a successful lookup the case id is kept in the session for a short while, so later
pages and actions never carry the number or the code in a URL.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from complaints.forms.track import (
    EvidenceForm,
    LookupForm,
    RateForm,
    ReopenForm,
    SupplyForm,
    WithdrawForm,
)
from complaints.models import Complaint, Evidence
from complaints.services import access, actions, casework
from complaints.services.actions import COMPLAINANT
from complaints.services.audit import log_access
from complaints.services.uploads import extension_for

from .common import ip_hash, too_many_requests


def _log(request, complaint, action, detail=""):
    log_access(complaint, action, request=request, detail=detail)


def _lookup_error(request, form, message):
    form.add_error(None, message)
    return render(request, "complaints/track/lookup.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    if request.method == "GET":
        return render(request, "complaints/track/lookup.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, "complaints/track/lookup.html", {"form": form})
    result = access.look_up(
        form.cleaned_data["tracking_number"],
        form.cleaned_data["access_code"],
        client=ip_hash(request),
    )
    if result.outcome is access.Outcome.ADDRESS_LIMITED:
        return too_many_requests(request, result.limit, _("查询次数过多。"))
    if result.outcome is access.Outcome.NUMBER_LIMITED:
        _log(request, result.logged_case, "track_locked")
        return too_many_requests(
            request,
            result.limit,
            _("该受理编号近期错误尝试过多，错误的访问码暂不受理；正确的访问码不受影响。"),
        )
    if result.outcome is access.Outcome.WRONG:
        _log(request, result.logged_case, "track_failed")
        # Same message whether the number exists or not: nothing is revealed.
        return _lookup_error(request, form, _("受理编号或访问码不正确。请核对后重试。"))
    _log(request, result.case, "track_lookup")
    request.session.cycle_key()
    access.grant_case_session(request, result.case.pk)
    return redirect("complaints:track_case")


def _authorised_case(request) -> Complaint | None:
    case_id = access.granted_case_id(request)
    if case_id is None:
        return None
    return (
        Complaint.objects.select_related("bureau", "category", "channel").filter(pk=case_id).first()
    )


# action name → (form class, success message, access-log action)
ACTIONS = {
    "supply": (SupplyForm, _lazy("补充材料已提交，办理期限恢复计算。"), "track_supply"),
    "add_evidence": (EvidenceForm, _lazy("证据材料已提交。"), "track_add_evidence"),
    "rate": (RateForm, _lazy("感谢您的评价。"), "track_rate"),
    "reopen": (ReopenForm, _lazy("已申请重新办理。"), "track_reopen"),
    "withdraw": (WithdrawForm, _lazy("案件已撤回。"), "track_withdraw"),
}
UPLOAD_ACTIONS = ("supply", "add_evidence")
# Other apps add sections to the page (respondents: the respondent's answer): callables
# (complaint, forms) -> {"template": ..., ...} or None, appended from their AppConfig.ready().
CASE_PANELS: list = []


def _citizen_files(complaint) -> int:
    """Files the complainant sent so far (the per-case limit counts these, not staff's)."""
    return complaint.evidence.exclude(
        uploaded_by__in=(Evidence.Uploader.STAFF, Evidence.Uploader.RESPONDENT)
    ).count()


def _form(name, complaint, data=None, files=None):
    form_class = ACTIONS[name][0]
    if name in UPLOAD_ACTIONS:
        count = _citizen_files(complaint) if data is not None else 0
        return form_class(data, files, existing_count=count)
    return form_class(data)


def _case_page(request, complaint, status=200, bound=None):
    """The tracking page; the forms shown are exactly the actions open to the complainant."""
    available = actions.available_actions(complaint, COMPLAINANT)
    forms = {
        name: bound[1] if bound and bound[0] == name else _form(name, complaint)
        for name in available
    }
    context = {
        "complaint": complaint,
        "events": complaint.events.for_complainant().select_related("to_bureau", "clock_record"),
        "forms": forms,
        **{f"{name}_form": form for name, form in forms.items()},
        "can": {name: name in forms for name in ACTIONS},
        "reopen_until": actions.reopen_until(complaint),
        "shared_files": complaint.evidence.filter(
            uploaded_by=Evidence.Uploader.STAFF, audience=Evidence.Audience.COMPLAINANT
        ),
    }
    context["panels"] = [panel for make in CASE_PANELS if (panel := make(complaint, forms))]
    return render(request, "complaints/track/case.html", context, status=status)


def _expired(request):
    messages.info(request, _("查询已超时，请重新输入受理编号和访问码。"))
    return redirect("complaints:track")


@never_cache
def case(request):
    complaint = _authorised_case(request)
    if complaint is None:
        return _expired(request)
    _log(request, complaint, "track_view")
    return _case_page(request, complaint)


@never_cache
@require_POST
def act(request, action: str):
    """One view for the complainant's actions: authorised by the session grant, decided by
    `actions`, done by `casework.perform`."""
    if action not in ACTIONS:
        raise Http404
    complaint = _authorised_case(request)
    if complaint is None:
        return _expired(request)
    if action not in actions.available_actions(complaint, COMPLAINANT):
        messages.error(request, _("当前状态下不能进行此操作。"))
        return redirect("complaints:track_case")
    form = _form(action, complaint, request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, complaint, bound=(action, form))
    try:
        casework.perform(complaint, COMPLAINANT, action, form.cleaned_data)
    except actions.CaseError as error:
        messages.error(request, str(error))
        return redirect("complaints:track_case")
    _log(request, complaint, ACTIONS[action][2])
    messages.success(request, ACTIONS[action][1])
    return redirect("complaints:track_case")


def _named(action: str):
    def view(request):
        return act(request, action)

    view.__name__ = action
    return view


supply = _named("supply")
add_evidence = _named("add_evidence")
withdraw = _named("withdraw")
rate = _named("rate")
reopen = _named("reopen")


@never_cache
@require_POST
def act_named(request, action: str):
    """Actions other apps add to the page (see CASE_PANELS)."""
    return act(request, action)


def shared_file(request, evidence_id: int):
    """A file staff chose to show the complainant, for the holder of the session grant."""
    complaint = _authorised_case(request)
    if complaint is None:
        return _expired(request)
    item = complaint.evidence.filter(
        pk=evidence_id, uploaded_by=Evidence.Uploader.STAFF, audience=Evidence.Audience.COMPLAINANT
    ).first()
    if item is None:
        raise Http404
    _log(request, complaint, "track_file", str(item.pk))
    name = f"{complaint.tracking_number}-{item.pk}.{extension_for(item.content_type)}"
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def end(request):
    access.end_case_session(request)
    messages.info(request, _("已退出本案查询。"))
    return redirect("complaints:track")
