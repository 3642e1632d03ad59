"""The mediation panels of the staff case page and of the tracking page: what they show and
which forms they offer is asked of `services.available_steps`."""

from django import template

from complaints.mediation import services
from complaints.mediation.forms import DeclineForm, DraftForm, InPersonForm
from complaints.services.actions import COMPLAINANT

register = template.Library()


@register.inclusion_tag("complaints/mediation/_staff_panel.html", takes_context=True)
def mediation_staff_panel(context, case):
    user = context["request"].user
    agreement = services.current(case)
    steps = services.available_steps(case, user, agreement=agreement)
    return {
        "case": case,
        "agreement": agreement,
        "steps": steps,
        "draft_form": DraftForm(initial={"terms": agreement.terms} if agreement else None),
        "in_person_form": InPersonForm(),
        "deadline": services.judicial_deadline(agreement) if agreement else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("complaints/mediation/_citizen_panel.html", takes_context=True)
def mediation_citizen_panel(context, case):
    agreement = services.current(case)
    steps = services.available_steps(case, COMPLAINANT, agreement=agreement)
    return {
        "agreement": agreement if "download" in steps else None,
        "steps": steps,
        "decline_form": DeclineForm(),
        "deadline": services.judicial_deadline(agreement) if agreement else None,
        "csrf_token": context.get("csrf_token"),
    }
