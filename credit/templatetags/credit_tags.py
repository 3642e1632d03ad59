"""Credit records shown beside other public pages about an enterprise (the records app's
respondent page), without those apps importing credit: they load this tag library."""

from django import template

from credit.services import current_records_for

register = template.Library()


@register.inclusion_tag("credit/_enterprise_records.html")
def enterprise_credit_records(uscc: str):
    """The enterprise's credit records public today (one query)."""
    return {"records": list(current_records_for(uscc=uscc)), "uscc": uscc}
