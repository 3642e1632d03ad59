"""Delivering one notification from the outbox and finding the ones due for another try.

The task module (tasks.py) runs these and owns every enqueue; services.py writes the outbox rows.
"""

import datetime
import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import Notification
from .sms import PermanentSMSError, send_sms

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
STALE_PENDING = datetime.timedelta(minutes=10)
_ACCESS_CODE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{1,5}){2,}\b")
REDACTED = "（访问码已发送，系统不再保存）"


def sms_template(notification: Notification) -> str:
    """The template kind, with the case's language when it was filed in English ("update.en"):
    a gateway with an English template registered for that kind sends it, others fall back to
    the kind's Chinese template (the parameters are the same)."""
    complaint = notification.complaint if notification.complaint_id else None
    if complaint is not None and complaint.language == "en":
        return f"{notification.purpose}.en"
    return notification.purpose


def _send(notification: Notification) -> None:
    # A worker killed after the gateway accepted but before the commit sends again: the same
    # reference (SMS) / Message-ID (e-mail) on every attempt lets the far side drop the repeat.
    reference = f"notification-{notification.pk}"
    if notification.channel == Notification.Channel.SMS:
        notification.provider_message_id = send_sms(
            notification.recipient,
            notification.body,
            reference=reference,
            template=sms_template(notification),
            params=notification.sms_params,
        )[:64]
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
            # A refusal that no retry can change (not a mobile number, template not approved).
            if isinstance(exc, PermanentSMSError) or notification.attempts >= MAX_ATTEMPTS:
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
            mark_sent(notification)
        notification.save()
    return notification


def mark_sent(notification: Notification, at=None) -> None:
    """Record that the gateway took the message (the caller saves): by deliver(), or by a
    delivery receipt that proves a send whose confirmation the worker never recorded."""
    notification.status = Notification.State.SENT
    notification.sent_at = notification.sent_at or at or timezone.now()
    notification.next_attempt_at = None
    notification.last_error = ""
    # The secret was needed only to send it: never keep the access code at rest.
    notification.body = _ACCESS_CODE.sub(REDACTED, notification.body)
    notification.sms_params = {}


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
