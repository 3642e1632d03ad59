"""The case page's top-ten proposal panel (templates/complaints/dashboard/_propose_top_ten.html)."""

from django import template

from complaints.services import topten

register = template.Library()


@register.simple_tag(takes_context=True)
def top_ten_panel(context, case):
    """What the panel shows: nothing, the proposal already made, or the form."""
    user = context["request"].user
    if case.status != "closed":
        return {"show": False}
    year = topten.proposal_year()
    existing = topten.existing_proposal(case, year)
    allowed = topten.can_propose(user, case)
    return {
        "show": allowed or existing is not None,
        "year": year,
        "existing": existing,
        "allowed": allowed,
    }
