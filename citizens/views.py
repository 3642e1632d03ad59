"""/account/: sign in with a phone and an SMS code, then my cases, preferences and my data."""

import json
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from complaints.notifications.sms import SMSError
from complaints.views.common import ip_hash, too_many_requests

from . import services
from .forms import CodeForm, DeleteForm, PhoneForm, PreferencesForm
from .services import Verified


def citizen_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        citizen = services.current_citizen(request)
        if citizen is None:
            messages.info(request, _("请先用手机号码登录。"))
            return redirect("citizens:index")
        return view(request, citizen, *args, **kwargs)

    return never_cache(wrapper)


@never_cache
@require_http_methods(["GET", "POST"])
def index(request):
    """My cases when signed in; otherwise the phone form (the first step of signing in)."""
    citizen = services.current_citizen(request)
    if citizen is not None and request.method == "GET":
        return _my_cases(request, citizen)
    if request.method == "GET":
        return render(request, "citizens/sign_in.html", {"form": PhoneForm()})
    form = PhoneForm(request.POST)
    if not form.is_valid():
        return render(request, "citizens/sign_in.html", {"form": form})
    phone = form.cleaned_data["phone"]
    try:
        sent = services.request_code(phone, client=ip_hash(request))
    except SMSError:
        form.add_error(None, _("短信发送失败，请稍后再试。"))
        return render(request, "citizens/sign_in.html", {"form": form})
    if not sent.sent and sent.limit is not None:
        return too_many_requests(request, sent.limit, _("获取验证码过于频繁。"))
    # The same answer for every valid number: whether it has cases is not revealed.
    request.session[services.PENDING_KEY] = phone
    return redirect("citizens:code")


def _my_cases(request, citizen):
    page = services.cases_page(citizen, request.GET.get("after", ""))
    return render(
        request,
        "citizens/cases.html",
        {"citizen": citizen, "cases": page.cases, "next_cursor": page.next_cursor},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def code(request):
    phone = request.session.get(services.PENDING_KEY)
    if not phone:
        return redirect("citizens:index")
    masked = f"{phone[:3]}****{phone[-4:]}"
    if request.method == "GET":
        return render(request, "citizens/code.html", {"form": CodeForm(), "masked": masked})
    form = CodeForm(request.POST)
    if form.is_valid():
        result = services.verify_code(phone, form.cleaned_data["code"])
        if result.outcome is Verified.OK and result.citizen is not None:
            services.sign_in(request, result.citizen)
            messages.success(request, _("已登录。"))
            return redirect("citizens:index")
        errors = {
            Verified.WRONG: _("验证码不正确，请核对后重试。"),
            Verified.EXPIRED: _("验证码已过期，请重新获取。"),
            Verified.EXHAUSTED: _("错误次数过多，此验证码已失效，请重新获取。"),
        }
        form.add_error("code", errors[result.outcome])
    return render(request, "citizens/code.html", {"form": form, "masked": masked})


@require_POST
def sign_out(request):
    services.sign_out(request)
    messages.info(request, _("已退出登录。"))
    return redirect("citizens:index")


@require_POST
@citizen_required
def open_case(request, citizen, case_id: int):
    """The tracking page for one of my cases, without its access code."""
    if services.open_case(request, citizen, case_id) is None:
        raise Http404
    return redirect("complaints:track_case")


@require_POST
@citizen_required
def reset_code(request, citizen, case_id: int):
    """A new access code, shown on this response only (never stored in clear, never sent)."""
    result = services.reset_access_code(request, citizen, case_id)
    if result is None:
        raise Http404
    complaint, new_code = result
    return render(request, "citizens/code_reset.html", {"complaint": complaint, "code": new_code})


@require_http_methods(["GET", "POST"])
@citizen_required
def my_data(request, citizen):
    """Notification preference, export, and deleting the account."""
    form = PreferencesForm(request.POST or None, instance=citizen)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("通知方式已保存。"))
        return redirect("citizens:data")
    return render(
        request,
        "citizens/data.html",
        {"citizen": citizen, "form": form, "delete_form": DeleteForm()},
    )


@require_POST
@citizen_required
def export(request, citizen):
    data = services.export_data(request, citizen)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"my-data-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@citizen_required
def delete(request, citizen):
    form = DeleteForm(request.POST)
    if not form.is_valid():
        context = {"citizen": citizen, "form": PreferencesForm(instance=citizen)}
        return render(request, "citizens/data.html", {**context, "delete_form": form})
    services.delete_account(request, citizen)
    messages.success(request, _("您的账户已删除。"))
    return redirect("citizens:index")
