"""Site-wide views: health check and error pages in both languages."""

from axes.helpers import get_cool_off
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.health import run_checks


@never_cache
@require_GET
def healthz(request):
    checks = run_checks()
    healthy = all(item["ok"] for item in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )


ERRORS = {
    400: (_("请求无效"), _("您的请求无法处理，请检查后重试。")),
    403: (_("无权访问"), _("您没有权限访问此页面。")),
    404: (_("页面未找到"), _("您要找的页面不存在或已被移除。")),
    500: (_("服务器错误"), _("服务器出现问题，请稍后再试。您填写的内容未被提交。")),
}


def _error(request, status: int):
    title, message = ERRORS[status]
    context = {"error_code": status, "error_title": title, "error_message": message}
    return render(request, "error.html", context, status=status)


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' lock-out answer for the three sign-in pages: 429, in the visitor's language.
    (axes calls it with (request, response, credentials), or (request, credentials) under ASGI.)"""
    seconds = int(get_cool_off(request).total_seconds())
    message = gettext(
        "此用户名在您当前网络地址的登录失败次数过多，已暂时锁定。"
        "请在 %(minutes)s 分钟后再试，或请系统管理员解锁。"
    ) % {"minutes": max(1, seconds // 60)}
    context = {
        "error_code": 429,
        "error_title": gettext("登录已暂时锁定"),
        "error_message": message,
    }
    response = render(request, "error.html", context, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception=None):
    return _error(request, 400)


def permission_denied(request, exception=None):
    return _error(request, 403)


def page_not_found(request, exception=None):
    return _error(request, 404)


def server_error(request):
    import sys

    from portal.middleware import is_database_unavailable, service_unavailable

    if is_database_unavailable(sys.exception()):
        # Raised outside a view (e.g. by the session middleware): still a retryable 503.
        return service_unavailable(request)
    try:
        return _error(request, 500)
    except Exception:
        # The template layer itself may be what failed: answer with plain text.
        from django.http import HttpResponseServerError

        return HttpResponseServerError(
            "服务器内部错误，请稍后再试。 Internal server error, please try again later.",
            content_type="text/plain; charset=utf-8",
        )
