"""Tracking at /complaints/track/: number + code by POST, then follow-up actions on the case.

After a successful lookup the case id is kept in the session for a short while, so later
pages and actions never carry the number or the code in a URL.
"""

import datetime
import time

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from complaints.forms.track import LookupForm, RateForm, ReopenForm, SupplyForm, WithdrawForm
from complaints.models import AccessLog, Complaint, Evidence, Status
from complaints.services import access, lifecycle
from complaints.services.evidence import store_evidence

from .common import ip_hash, no_store, too_many_requests

SESSION_KEY = "complaints_track"
SESSION_TTL = 20 * 60
REOPEN_WINDOW_DAYS = lifecycle.REOPEN_WINDOW_DAYS


def _log(request, complaint, action, detail=""):
    AccessLog.objects.create(
        complaint=complaint, action=action, ip_hash=ip_hash(request), detail=detail[:200]
    )


def _lookup_error(request, form, message):
    form.add_error(None, message)
    return no_store(render(request, "complaints/track/lookup.html", {"form": form}))


@require_http_methods(["GET", "POST"])
def lookup(request):
    if request.method == "GET":
        return no_store(render(request, "complaints/track/lookup.html", {"form": LookupForm()}))
    form = LookupForm(request.POST)
    if not form.is_valid():
        return no_store(render(request, "complaints/track/lookup.html", {"form": form}))
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
    request.session[SESSION_KEY] = {"id": result.case.pk, "exp": time.time() + SESSION_TTL}
    return redirect("complaints:track_case")


def _authorised_case(request) -> Complaint | None:
    grant = request.session.get(SESSION_KEY)
    if not grant or grant.get("exp", 0) < time.time():
        request.session.pop(SESSION_KEY, None)
        return None
    return (
        Complaint.objects.select_related("bureau", "category", "channel")
        .filter(pk=grant["id"])
        .first()
    )


def _reopen_open(complaint) -> bool:
    if complaint.status not in (Status.RESOLVED, Status.CLOSED) or not complaint.closed_at:
        return False
    return (timezone.now() - complaint.closed_at).days <= REOPEN_WINDOW_DAYS


def _case_page(request, complaint, status=200, **forms):
    can = {
        "supply": complaint.status == Status.AWAITING_COMPLAINANT,
        "withdraw": complaint.is_open,
        "rate": complaint.status in (Status.RESOLVED, Status.CLOSED)
        and complaint.satisfaction is None,
        "reopen": _reopen_open(complaint),
    }
    defaults = {
        "supply_form": SupplyForm(),
        "withdraw_form": WithdrawForm(),
        "rate_form": RateForm(),
        "reopen_form": ReopenForm(),
    }
    context = {
        "complaint": complaint,
        "events": complaint.events.for_complainant().select_related("to_bureau", "clock_record"),
        "can": can,
        "reopen_until": complaint.closed_at
        and complaint.closed_at + datetime.timedelta(days=REOPEN_WINDOW_DAYS),
        **defaults,
        **forms,
    }
    return no_store(render(request, "complaints/track/case.html", context, status=status))


def _expired(request):
    messages.info(request, _("查询已超时，请重新输入受理编号和访问码。"))
    return redirect("complaints:track")


def case(request):
    complaint = _authorised_case(request)
    if complaint is None:
        return _expired(request)
    _log(request, complaint, "track_view")
    return _case_page(request, complaint)


def _action(handler):
    """POST only, authorised by the session grant; the handler returns a response or None."""

    @require_POST
    def view(request):
        complaint = _authorised_case(request)
        if complaint is None:
            return _expired(request)
        try:
            response = handler(request, complaint)
        except lifecycle.TransitionNotAllowed:
            messages.error(request, _("当前状态下不能进行此操作。"))
            return redirect("complaints:track_case")
        if response is None:
            return redirect("complaints:track_case")
        return response

    view.__name__ = handler.__name__
    return view


@_action
def supply(request, complaint):
    form = SupplyForm(request.POST, request.FILES, existing_count=complaint.evidence.count())
    if complaint.status != Status.AWAITING_COMPLAINANT:
        raise lifecycle.TransitionNotAllowed(complaint.status)
    if not form.is_valid():
        return _case_page(request, complaint, supply_form=form)
    with transaction.atomic():
        case = lifecycle.supply_information(complaint, note=form.cleaned_data["note"])
        for upload in form.cleaned_data["files"]:
            store_evidence(case, upload, Evidence.Uploader.COMPLAINANT, note="补充材料")
    _log(request, complaint, "track_supply")
    messages.success(request, _("补充材料已提交，办理期限恢复计算。"))
    return None


@_action
def withdraw(request, complaint):
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _case_page(request, complaint, withdraw_form=form)
    lifecycle.withdraw(complaint, reason=form.cleaned_data["reason"])
    _log(request, complaint, "track_withdraw")
    messages.success(request, _("案件已撤回。"))
    return None


@_action
def rate(request, complaint):
    form = RateForm(request.POST)
    if not form.is_valid():
        return _case_page(request, complaint, rate_form=form)
    lifecycle.rate(
        complaint, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"]
    )
    _log(request, complaint, "track_rate")
    messages.success(request, _("感谢您的评价。"))
    return None


@_action
def reopen(request, complaint):
    form = ReopenForm(request.POST)
    if not _reopen_open(complaint):
        raise lifecycle.TransitionNotAllowed("reopen window")
    if not form.is_valid():
        return _case_page(request, complaint, reopen_form=form)
    lifecycle.reopen(complaint, reason=form.cleaned_data["reason"])
    _log(request, complaint, "track_reopen")
    messages.success(request, _("已申请重新办理。"))
    return None


@require_POST
def end(request):
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("已退出本案查询。"))
    return redirect("complaints:track")
