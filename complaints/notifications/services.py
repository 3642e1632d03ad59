"""Queueing notifications in the outbox (at least once, retried): the rows are written here,
tasks.py enqueues their delivery and delivery.py sends them."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from complaints.services import event_texts

from . import texts
from .delivery import MAX_ATTEMPTS, REDACTED, STALE_PENDING, deliver, due_for_retry
from .models import Notification
from .tasks import enqueue_delivery, retry_due

__all__ = [
    "MAX_ATTEMPTS",
    "REDACTED",
    "STALE_PENDING",
    "deliver",
    "due_for_retry",
    "enqueue_delivery",
    "queue_confirmation",
    "queue_update",
    "retry_due",
]

SITE_NAME = texts.SITE_NAME
# Other apps may narrow or redirect who is told (citizens: the account's notification choice):
# callables (complaint, recipients) -> recipients, appended from their AppConfig.ready().
RECIPIENT_POLICIES: list = []


def _recipients(complaint) -> list[tuple[str, str]]:
    if complaint.is_anonymous:
        return []
    found = []
    if complaint.complainant_phone:
        found.append((Notification.Channel.SMS, complaint.complainant_phone))
    if complaint.complainant_email:
        found.append((Notification.Channel.EMAIL, complaint.complainant_email))
    for policy in RECIPIENT_POLICIES:
        found = policy(complaint, found) or found  # a policy never leaves nobody to tell
    return found


def _queue(complaint, *, subject, text: texts.SMSText, event=None) -> list[Notification]:
    """One outbox row per channel; the purpose is the SMS template kind, its parameters kept
    (for the SMS only) until it is sent."""
    created = []
    for channel, recipient in _recipients(complaint):
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        complaint=complaint,
                        event=event,
                        purpose=text.kind,
                        channel=channel,
                        recipient=recipient,
                        subject=subject,
                        body=text.body,
                        sms_params=text.params if channel == Notification.Channel.SMS else {},
                    )
                )
        except IntegrityError:
            continue  # this event was already queued for this channel
    for notification in created:
        enqueue_delivery(notification.pk)
    return created


def queue_confirmation(complaint, access_code: str) -> list[Notification]:
    """The receipt: tracking number and access code, to the phone and e-mail given, in the
    language the case was filed in."""
    with event_texts.for_case(complaint):
        text = texts.confirmation(
            complaint.get_kind_display(), complaint.tracking_number, access_code
        )
        subject = _("受理编号 %(number)s") % {"number": complaint.tracking_number}
    return _queue(complaint, subject=subject, text=text)


def queue_update(complaint, event) -> list[Notification]:
    """A status change with a public text: tell the complainant (no personal data in it), in
    the language the case was filed in, whoever's action sent it."""
    with event_texts.for_case(complaint):
        text = texts.update(
            complaint.tracking_number,
            complaint.get_status_display(),
            event_texts.public_text(event),
        )
        subject = _("案件 %(number)s 办理进展") % {"number": complaint.tracking_number}
    return _queue(complaint, subject=subject, text=text, event=event)
