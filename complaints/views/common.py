"""Helpers shared by the public views: hashed client address, 429 page, route explanation."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from complaints.services.audit import client_hash as ip_hash
from complaints.services.ratelimit import RateLimitResult

__all__ = ["ip_hash", "route_reason", "too_many_requests"]


def too_many_requests(request, result: RateLimitResult, message: str = ""):
    minutes = max(1, round(result.retry_after / 60))
    response = render(
        request,
        "complaints/track/ratelimited.html",
        {"message": message, "retry_after": result.retry_after, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(result.retry_after)
    return response


def route_reason(decision) -> str:
    if decision.rule is None:
        return _("没有更具体的分派规则，由该热线的市级部门办理。")
    return decision.rule.note or str(decision.rule)
