"""Hotline operators record a call on one page: /dashboard/calls/new/.

The page binds the wizard's own step forms (complaints/forms/call.py) and files through the
intake service (complaints/services/phone_intake.py), so routing, the legal clock, the timeline,
search indexing and the confirmation SMS are those of a web submission.
"""

import hashlib
import secrets
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from complaints.dashboard.call_preview import route_preview
from complaints.dashboard.call_reading import groups
from complaints.forms.call import CONSENT_NOTICE, CallIntake, context_for_preview
from complaints.models import Complaint, Kind
from complaints.services import ratelimit, routing, workdays
from complaints.services.intake import IntakeError
from complaints.services.phone_intake import (
    IDEMPOTENCY_PREFIX,
    Call,
    can_record_calls,
    record_call,
)

SAVE_LIMIT, SAVE_WINDOW = 60, 3600  # calls one operator may record per hour
PREVIEW_LIMIT, PREVIEW_WINDOW = 1200, 3600  # live routing previews per operator per hour
RECEIPT_SESSION_KEY = "dashboard_call_receipt"
RECEIPT_FALLBACK_KEY = "dashboard_call_receipt_fallback"
HOTLINE_SESSION_KEY = "dashboard_call_hotline"  # an operator usually answers one hotline
RECEIPT_TTL = 15 * 60


def operator_required(view):
    """Hotline operators and superusers; others are sent to sign in, or refused."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        if not can_record_calls(request.user):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        # The page and its receipt carry personal data and the access code: never cached.
        add_never_cache_headers(response)
        return response

    return wrapper


def _receipt_key(token: str) -> str:
    return "dashboard:call-receipt:" + hashlib.sha256(token.encode()).hexdigest()


def _forget_receipt(request) -> None:
    token = request.session.pop(RECEIPT_SESSION_KEY, None)
    request.session.pop(RECEIPT_FALLBACK_KEY, None)
    if token:
        cache.delete(_receipt_key(token))


def _answers(intake: CallIntake) -> dict:
    """The routing-relevant answers typed so far (valid ones only)."""
    what = intake.what
    cleaned = {}
    if what.is_bound:
        what.is_valid()
        cleaned = what.cleaned_data
    return {
        "kind": intake.context.get("kind"),
        "category": cleaned.get("category"),
        "district": cleaned.get("district"),
        "is_online": bool(cleaned.get("is_online")),
        "is_cross_district": bool(cleaned.get("is_cross_district")),
    }


def _render(request, intake: CallIntake, *, answers=None, status=200, message=""):
    errors = intake.errors() if intake.is_bound else []
    if not errors:
        intake["hotline"].field.widget.attrs["autofocus"] = True  # else the error summary
    context = {
        "intake": intake,
        "sections": list(intake.sections()),
        "errors": errors,
        "message": message,
        "route": route_preview(answers if answers is not None else _answers(intake)),
        "consent_notice": CONSENT_NOTICE,
        "anonymous_allowed": intake.anonymous_allowed,
        "form_token": intake.call["form_token"].value(),
    }
    return render(request, "complaints/dashboard/call_new.html", context, status=status)


@require_http_methods(["GET", "POST"])
@operator_required
def new(request):
    if request.method == "POST":
        return _save(request)
    _forget_receipt(request)
    initial = {"form_token": secrets.token_urlsafe(24), "kind": Kind.COMPLAINT}
    if request.session.get(HOTLINE_SESSION_KEY):
        initial["hotline"] = request.session[HOTLINE_SESSION_KEY]
    return _render(request, CallIntake(initial=initial))


def _save(request):
    intake = CallIntake(request.POST)
    if request.POST.get("nav") == "preview":
        # Without JavaScript: show the bureau and deadline for what is typed, no errors yet.
        answers = _answers(intake)
        shown = CallIntake(initial=request.POST.dict(), context=intake.context)
        return _render(request, shown, answers=answers)
    if not intake.is_valid():
        return _render(request, intake)
    limit = ratelimit.hit(f"calls-save:{request.user.pk}", SAVE_LIMIT, SAVE_WINDOW)
    if not limit.allowed:
        minutes = max(1, round(limit.retry_after / 60))
        message = _("记录过于频繁，请 %(minutes)d 分钟后再保存；已填写的内容仍在下方。") % {
            "minutes": minutes
        }
        response = _render(request, intake, status=429, message=message)
        response["Retry-After"] = str(limit.retry_after)
        return response
    cleaned = intake.cleaned_data
    token = cleaned["form_token"]
    call = Call(hotline=cleaned["hotline"], operator=request.user, consent_text=str(CONSENT_NOTICE))
    try:
        result = record_call(intake.intake_data(), call, idempotency_key=token)
    except (IntakeError, routing.NoBureauAvailable):
        return _render(
            request, intake, status=400, message=_("无法登记：案件信息不完整或没有办理部门。")
        )
    except workdays.CalendarUnavailable:
        return _render(
            request,
            intake,
            status=503,
            message=_(
                "法定期限无法计算（节假日安排缺失），请联系系统管理员；已填写的内容仍在下方。"
            ),
        )
    request.session[HOTLINE_SESSION_KEY] = cleaned["hotline"].pk
    if result.created:
        receipt = {"access_code": result.access_code}
        cache.set(_receipt_key(token), receipt, RECEIPT_TTL)
        if cache.get(_receipt_key(token)) is None:
            request.session[RECEIPT_FALLBACK_KEY] = receipt  # the cache is unreachable
    request.session[RECEIPT_SESSION_KEY] = token
    return redirect("dashboard:call_done")


@require_GET
@operator_required
def done(request):
    """The receipt to read out: kept for the operator until the next call (at most 15 min)."""
    token = request.session.get(RECEIPT_SESSION_KEY)
    if not token:
        return redirect("dashboard:call_new")
    complaint = (
        Complaint.objects.select_related("bureau", "category", "phone_intake__hotline")
        .filter(idempotency_key=IDEMPOTENCY_PREFIX + token)
        .first()
    )
    phone = getattr(complaint, "phone_intake", None) if complaint else None
    if phone is None or not (request.user.is_superuser or phone.operator_id == request.user.pk):
        raise Http404
    receipt = cache.get(_receipt_key(token)) or request.session.get(RECEIPT_FALLBACK_KEY)
    code = receipt["access_code"] if receipt else None
    context = {
        "complaint": complaint,
        "phone": phone,
        "access_code": code,
        "tracking_groups": groups(complaint.tracking_number),
        "code_groups": groups(code) if code else [],
        "messages_sent": list(
            complaint.notifications.filter(purpose="confirmation").order_by("id")
        ),
    }
    return render(request, "complaints/dashboard/call_done.html", context)


@require_GET
@operator_required
def preview(request):
    """The live routing preview: bureau, reason and acceptance deadline for the routing
    answers only (kind, category, district, online, cross-district), never personal data."""
    limit = ratelimit.hit(f"calls-preview:{request.user.pk}", PREVIEW_LIMIT, PREVIEW_WINDOW)
    if not limit.allowed:
        return JsonResponse({"error": _("预览过于频繁，请稍后再试。")}, status=429)
    answers, intake = context_for_preview(request.GET)
    html = render_to_string(
        "complaints/dashboard/call_route.html", {"route": route_preview(answers)}, request=request
    )
    return JsonResponse(
        {
            "html": html,
            "required": intake.required(),
            "anonymous_allowed": intake.anonymous_allowed,
        }
    )
