"""Queueing notifications in the outbox (at least once, retried): the rows are written here,
tasks.py enqueues their delivery and delivery.py sends them."""

from django.db import IntegrityError, transaction

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

SITE_NAME = "武汉知识产权公共服务平台"
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
    """The receipt: tracking number and access code, to the phone and e-mail given."""
    body = (
        f"【{SITE_NAME}】您的{complaint.get_kind_display()}已提交，受理编号 "
        f"{complaint.tracking_number}，访问码 {access_code}。请妥善保管访问码，"
        f"凭编号和访问码可在网站“进度查询”中查看办理进度。"
    )
    return _queue(
        complaint,
        purpose="confirmation",
        subject=f"受理编号 {complaint.tracking_number}",
        body=body,
    )


def queue_update(complaint, event) -> list[Notification]:
    """A status change with a public note: tell the complainant (no personal data in it)."""
    body = (
        f"【{SITE_NAME}】您的案件 {complaint.tracking_number} 有新进展"
        f"（{complaint.get_status_display()}）：{event.public_note}"
    )
    return _queue(
        complaint,
        purpose="update",
        subject=f"案件 {complaint.tracking_number} 办理进展",
        body=body,
        event=event,
    )
