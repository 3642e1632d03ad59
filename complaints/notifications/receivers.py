"""Tell the complainant about changes that carry a public text (the receipt is sent at intake)."""

from django.dispatch import receiver

from complaints.services import event_texts
from complaints.signals import case_changed

from . import services

# The complainant's own actions need no message back about themselves.
SILENT_ACTIONS = {"submitted", "rated", "information_supplied"}


@receiver(case_changed, dispatch_uid="notifications.case_changed")
def notify_complainant(sender, complaint, event, created=False, **kwargs):
    if created or not event_texts.has_public_text(event) or event.action in SILENT_ACTIONS:
        return
    services.queue_update(complaint, event)
