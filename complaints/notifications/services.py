"""Queueing and delivering notifications through the outbox (at least once, retried)."""

import datetime
import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Notification
from .sms import send_sms

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
STALE_PENDING = datetime.timedelta(minutes=10)
SITE_NAME = "武汉知识产权公共服务平台"
_ACCESS_CODE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{1,5}){2,}\b")
REDACTED = "（访问码已发送，系统不再保存）"


def _recipients(complaint) -> list[tuple[str, str]]:
    if complaint.is_anonymous:
        return []
    found = []
    if complaint.complainant_phone:
        found.append((Notification.Channel.SMS, complaint.complainant_phone))
    if complaint.complainant_email:
        found.append((Notification.Channel.EMAIL, complaint.complainant_email))
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


def enqueue_delivery(notification_id: int) -> None:
    """Hand the delivery to the task queue once the surrounding transaction commits."""
    from .tasks import deliver_notification

    transaction.on_commit(lambda: deliver_notification.enqueue(notification_id))


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


def _send(notification: Notification) -> None:
    # A worker killed after the gateway accepted but before the commit sends again: the same
    # reference (SMS) / Message-ID (e-mail) on every attempt lets the far side drop the repeat.
    reference = f"notification-{notification.pk}"
    if notification.channel == Notification.Channel.SMS:
        send_sms(notification.recipient, notification.body, reference=reference)
    else:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
        EmailMessage(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient],
            headers={"Message-ID": f"<{reference}@{domain}>"},
        ).send()


def deliver(notification_id: int) -> Notification | None:
    """Try to send one notification; record success or the error and when to retry."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status in (
            Notification.State.SENT,
            Notification.State.GAVE_UP,
        ):
            return notification
        notification.attempts += 1
        try:
            _send(notification)
        except Exception as exc:
            notification.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            if notification.attempts >= MAX_ATTEMPTS:
                notification.status = Notification.State.GAVE_UP
                notification.next_attempt_at = None
            else:
                notification.status = Notification.State.FAILED
                delay = datetime.timedelta(minutes=2**notification.attempts)
                notification.next_attempt_at = timezone.now() + delay
            logger.warning(
                "notification %s failed (attempt %s)", notification.pk, notification.attempts
            )
        else:
            notification.status = Notification.State.SENT
            notification.sent_at = timezone.now()
            notification.next_attempt_at = None
            notification.last_error = ""
            # The secret was needed only to send it: never keep the access code at rest.
            notification.body = _ACCESS_CODE.sub(REDACTED, notification.body)
        notification.save()
    return notification


def due_for_retry(now=None):
    now = now or timezone.now()
    failed = Notification.objects.filter(status=Notification.State.FAILED, next_attempt_at__lte=now)
    stale_after = getattr(settings, "NOTIFICATION_STALE_PENDING_SECONDS", None)
    stale_after = STALE_PENDING if stale_after is None else datetime.timedelta(seconds=stale_after)
    # Still pending this long after it was queued: the worker that had it died (kill -9 leaves
    # its task "running" for ever); delivering again is safe, deliver() skips what was sent.
    stale = Notification.objects.filter(
        status=Notification.State.PENDING, created_at__lte=now - stale_after
    )
    return failed | stale


def retry_due(now=None) -> int:
    """Re-enqueue failed messages whose back-off has passed and pending ones a worker lost."""
    ids = list(due_for_retry(now).values_list("pk", flat=True))
    for notification_id in ids:
        enqueue_delivery(notification_id)
    return len(ids)
