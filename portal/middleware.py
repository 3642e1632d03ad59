"""Site-wide middleware: the editors' own CSP; a database outage is a retryable 503, not a 500."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
TITLE = "服务暂时不可用 Service temporarily unavailable"
MESSAGE = (
    "系统暂时无法连接数据库，请稍后重试；重新提交不会产生重复案件。"
    " The service is temporarily unavailable. Please try again in a moment;"
    " submitting again will not create a duplicate case."
)


def is_database_unavailable(exc: BaseException | None) -> bool:
    """The database cannot be reached (stopped, restarting, connection lost)."""
    return isinstance(exc, OperationalError | InterfaceError)


def service_unavailable(request) -> HttpResponse:
    """503 with Retry-After: Open311's error format on the API, the bilingual page elsewhere."""
    path = request.path
    if path.startswith("/open311/"):
        from complaints.api import render as open311

        fmt = "xml" if path.endswith(".xml") else "json"
        response = open311.error(fmt, 503, MESSAGE)
    else:
        context = {
            "error_code": 503,
            "error_title": TITLE,
            "error_message": MESSAGE,
            # Messages live in the session, i.e. the database that is down.
            "messages": (),
        }
        try:
            response = render(request, "error.html", context, status=503)
        except Exception:
            response = HttpResponse(
                f"{TITLE}\n{MESSAGE}\n", status=503, content_type="text/plain; charset=utf-8"
            )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns OperationalError/InterfaceError raised by a view into a 503 (handler500 does the
    same for errors raised by other middleware, e.g. saving the session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.error("database unavailable for %s %s: %r", request.method, request.path, exception)
        return service_unavailable(request)


class AdminAwareContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, with `ADMIN_SECURE_CSP` for the editors' admin URLs.

    Wagtail's admin widgets (date pickers, choosers, inline panels) start themselves with
    inline scripts that carry no nonce; the public pages keep `SECURE_CSP` untouched.
    A view's own `@csp_override` still wins."""

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config") and is_admin_path(request.path):
            response._csp_config = settings.ADMIN_SECURE_CSP
        return super().process_response(request, response)


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.ADMIN_CSP_PATH_PREFIXES))
