from django import template

from complaints import permissions
from complaints.dashboard.forms import BulkActionForm

register = template.Library()


@register.simple_tag(takes_context=True)
def bulk_actions_form(context):
    """The supervisors' bulk form for the queue page (None for staff who supervise no bureau)."""
    request = context.get("request")
    if request is None or not permissions.is_supervisor(request.user):
        return None
    return BulkActionForm(prefix="bulk", bureau_ids=permissions.supervised_bureau_ids(request.user))
