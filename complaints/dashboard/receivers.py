"""Push each case change to the dashboards of the bureaus concerned (no personal data)."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.dispatch import receiver
from django.urls import reverse

from complaints.consumers import ALL_CASES_GROUP, bureau_group
from complaints.signals import case_changed

log = logging.getLogger(__name__)


def payload(complaint, event, created: bool) -> dict:
    return {
        "type": "case.changed",
        "id": complaint.pk,
        "tracking_number": complaint.tracking_number,
        "created": created,
        "action": event.action if event is not None else "",
        "status": complaint.status,
        "status_label": str(complaint.get_status_display()),
        "kind_label": str(complaint.get_kind_display()),
        "bureau_id": complaint.bureau_id,
        "category_id": complaint.category_id,
        "due_on": complaint.due_on.isoformat() if complaint.due_on else None,
        "is_overdue": complaint.is_overdue,
        "url": reverse("dashboard:case", args=[complaint.pk]),
    }


@receiver(case_changed)
def push_to_dashboards(sender, complaint, event=None, created=False, **kwargs):
    layer = get_channel_layer()
    if layer is None:
        return
    groups = {bureau_group(complaint.bureau_id), ALL_CASES_GROUP}
    if event is not None and event.from_bureau_id:
        groups.add(bureau_group(event.from_bureau_id))  # the sender sees its transfer leave
    message = {"type": "case.changed", "payload": payload(complaint, event, created)}
    send = async_to_sync(layer.group_send)
    for group in sorted(groups):
        try:
            send(group, message)
        except Exception:
            # The database is the source of truth; a missed push only delays a reload.
            log.warning("dashboard push to %s failed", group, exc_info=True)
