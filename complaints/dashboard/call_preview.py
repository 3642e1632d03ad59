"""What the operator sees beside the form while typing: the handling bureau (the routing
service) and the acceptance deadline (the legal clock), as the case will get them."""

from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import ClockStep, Complaint, Kind, TimeUnit
from complaints.services import clock, routing, workdays
from complaints.views.common import route_reason


def route_preview(answers: dict) -> dict | None:
    """`answers`: kind, category, district, is_online, is_cross_district (category may be None:
    nothing to show yet)."""
    category = answers.get("category")
    if category is None:
        return None
    try:
        decision = routing.route(
            category,
            answers.get("district"),
            is_online=answers.get("is_online", False),
            is_cross_district=answers.get("is_cross_district", False),
        )
    except routing.NoBureauAvailable:
        return {"error": _("没有可以办理此类案件的部门，请联系系统管理员核对分派规则。")}
    probe = Complaint(kind=answers.get("kind") or Kind.COMPLAINT, category=category)
    limit, unit = clock.limit_for(probe, ClockStep.ACCEPTANCE)
    try:
        due_on = clock.compute_due(timezone.localdate(), limit, unit)
    except workdays.CalendarUnavailable:
        due_on = None
    return {
        "bureau": decision.bureau,
        "reason": route_reason(decision),
        "limit": limit,
        "unit": TimeUnit(unit).label,
        "unit_code": unit,
        "due_on": due_on,
    }
