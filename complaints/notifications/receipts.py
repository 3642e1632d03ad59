"""Delivery receipts from the SMS gateway: did the message reach the phone?

Alibaba Cloud pushes receipts (SmsReport, "HTTP 批量推送") as a JSON list, each with out_id (the
outbox reference, `notification-<pk>`, sent as OutId), biz_id (the gateway's id, returned by
SendSms), success, err_code, err_msg, report_time (Beijing time) and phone_number. This module
updates the outbox; views.py authenticates the push and answers it.

Idempotent: the gateway pushes again whenever it misses our acknowledgement, so a receipt already
applied changes nothing. "Delivered" is final; "undelivered" can still turn into "delivered" (a
message sent twice by a crashed worker, the second copy arriving). A receipt for a message whose
send the worker never recorded proves the gateway took it: the outbox marks it sent and stops
retrying it. Unknown ids (a sign-in code, which has no outbox row; a purged case) are ignored.
"""

import datetime
import logging
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from .delivery import mark_sent
from .models import Notification

logger = logging.getLogger(__name__)

_OUT_ID = re.compile(r"^notification-(\d{1,18})$")
_REPORT_TIME = "%Y-%m-%d %H:%M:%S"
_SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class ReceiptResult:
    updated: int = 0
    unchanged: int = 0
    unknown: int = 0


def _report_time(value) -> datetime.datetime:
    try:
        return datetime.datetime.strptime(str(value), _REPORT_TIME).replace(tzinfo=_SHANGHAI)
    except ValueError:
        return timezone.now()


def _succeeded(value) -> bool:
    return value is True or str(value).strip().lower() in {"true", "1"}


def _find(item: dict):
    query = Notification.objects.select_for_update().filter(channel=Notification.Channel.SMS)
    match = _OUT_ID.match(str(item.get("out_id") or ""))
    if match:
        return query.filter(pk=int(match.group(1))).first()
    biz_id = str(item.get("biz_id") or "")
    if biz_id:
        return query.filter(provider_message_id=biz_id).first()
    return None


def apply_receipt(item: dict) -> str:
    """Apply one receipt; returns "updated", "unchanged" or "unknown"."""
    with transaction.atomic():
        notification = _find(item)
        if notification is None:
            return "unknown"
        delivered = _succeeded(item.get("success"))
        if notification.delivery_status == Notification.Delivery.DELIVERED or (
            not delivered and notification.delivery_status == Notification.Delivery.UNDELIVERED
        ):
            return "unchanged"
        at = _report_time(item.get("report_time"))
        if notification.status != Notification.State.SENT:
            mark_sent(notification, at=at)
        if not notification.provider_message_id:
            notification.provider_message_id = str(item.get("biz_id") or "")[:64]
        if delivered:
            notification.delivery_status = Notification.Delivery.DELIVERED
            notification.delivered_at = at
            notification.delivery_error = ""
        else:
            notification.delivery_status = Notification.Delivery.UNDELIVERED
            code, message = str(item.get("err_code") or ""), str(item.get("err_msg") or "")
            notification.delivery_error = (f"{code} {message}".strip() or "未知原因")[:200]
        notification.save()
        return "updated"


def apply_receipts(items: list) -> ReceiptResult:
    result = ReceiptResult()
    for item in items:
        outcome = apply_receipt(item) if isinstance(item, dict) else "unknown"
        setattr(result, outcome, getattr(result, outcome) + 1)
    # Counts only: a receipt carries the whole phone number, which never goes to a log.
    logger.info(
        "SMS receipts: %s updated, %s unchanged, %s unknown",
        result.updated,
        result.unchanged,
        result.unknown,
    )
    return result
