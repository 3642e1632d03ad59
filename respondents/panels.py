"""The respondent's answer as shown on the staff case page and on the tracking page."""

import datetime

from django.utils import timezone

from . import services
from .models import RespondentAnswer, RespondentCase


def staff_panel(case, forms: dict) -> dict | None:
    """Everything: the invitation's state, the request, the answer and the complainant's word."""
    opened = RespondentCase.objects.filter(complaint=case).select_related("enterprise").first()
    invitations = list(case.respondent_invitations.order_by("-created_at")[:5])
    if opened is None and not invitations:
        return None
    return {
        "template": "respondents/_staff_panel.html",
        "opened": opened,
        "invitations": invitations,
        "answer": RespondentAnswer.objects.filter(complaint=case).first(),
    }


def track_panel(case, forms: dict) -> dict | None:
    """The complainant sees the answer (never who answered it) and, for a settlement, the
    decision form when it is open to them."""
    answer = RespondentAnswer.objects.filter(complaint=case).first()
    if answer is None:
        return None
    return {
        "template": "respondents/_track_panel.html",
        "answer": answer,
        "form": forms.get("settlement_decision"),
    }


def performance_panel(cases_qs, period) -> dict:
    """Answer rate, answers on time and median answer time per enterprise, for the cases in
    the page's scope whose invitation fell in the period."""
    start = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(period.end, datetime.time.max))
    return {
        "template": "respondents/_performance_panel.html",
        "rows": services.enterprise_figures(cases_qs, since=start, until=end),
    }
