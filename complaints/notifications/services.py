"""Queueing notifications in the outbox (at least once, retried): the rows are written here,
tasks.py enqueues their delivery and delivery.py sends them."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.services import event_texts

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

SITE_NAME = gettext_lazy("武汉知识产权公共服务平台")
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


def _queue(complaint, *, purpose, subject, body, event=None) -> list[Notification]:
    created = []
    for channel, recipient in _recipients(complaint):
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        complaint=complaint,
                        event=event,
                        purpose=purpose,
                        channel=channel,
                        recipient=recipient,
                        subject=subject,
                        body=body,
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
        body = _(
            "【%(site)s】您的%(kind)s已提交，受理编号 %(number)s，访问码 %(code)s。"
            "请妥善保管访问码，凭编号和访问码可在网站“进度查询”中查看办理进度。"
        ) % {
            "site": SITE_NAME,
            "kind": complaint.get_kind_display(),
            "number": complaint.tracking_number,
            "code": access_code,
        }
        subject = _("受理编号 %(number)s") % {"number": complaint.tracking_number}
    return _queue(complaint, purpose="confirmation", subject=subject, body=body)


def queue_update(complaint, event) -> list[Notification]:
    """A status change with a public text: tell the complainant (no personal data in it), in
    the language the case was filed in, whoever's action sent it."""
    with event_texts.for_case(complaint):
        body = _("【%(site)s】您的案件 %(number)s 有新进展（%(status)s）：%(text)s") % {
            "site": SITE_NAME,
            "number": complaint.tracking_number,
            "status": complaint.get_status_display(),
            "text": event_texts.public_text(event),
        }
        subject = _("案件 %(number)s 办理进展") % {"number": complaint.tracking_number}
    return _queue(complaint, purpose="update", subject=subject, body=body, event=event)
