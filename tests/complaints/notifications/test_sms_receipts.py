"""Delivery receipts pushed by the SMS gateway (Alibaba Cloud SmsReport) update the outbox."""

import datetime
import json
import logging
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from complaints.notifications import services
from complaints.notifications.models import Notification
from tests.factories.complaints import file_complaint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

TOKEN = "receipt-token-5b1f0e9c2d7a4e33"
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def receipt_token(settings, frozen_today):
    frozen_today(datetime.date(2026, 3, 2))
    settings.SMS_RECEIPT_TOKEN = TOKEN


@pytest.fixture
def gateway():
    # The gateway is no browser: CSRF checks on, as in production, must not stop it.
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def sent(aliyun_gateway, django_capture_on_commit_callbacks):
    result = file_complaint(complainant_email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_confirmation(result.complaint, result.access_code)
    notification = Notification.objects.get(channel="sms")
    assert notification.status == Notification.State.SENT and notification.provider_message_id
    return notification


def report(notification, *, success=True, code="DELIVERED", message="用户接收成功", **extra):
    """One receipt as Alibaba Cloud's HTTP batch push sends it."""
    return {
        "phone_number": PHONE,
        "send_time": "2026-03-02 10:00:01",
        "report_time": "2026-03-02 10:00:05",
        "success": success,
        "err_code": code,
        "err_msg": message,
        "sms_size": "1",
        "biz_id": notification.provider_message_id,
        "out_id": f"notification-{notification.pk}",
        **extra,
    }


def push(client, receipts, token=TOKEN):
    return client.post(
        f"/notifications/sms/receipts/{token}/",
        data=json.dumps(receipts, ensure_ascii=False),
        content_type="application/json",
    )


def test_delivered_receipt_marks_the_message_delivered(gateway, sent):
    response = push(gateway, [report(sent)])
    assert response.status_code == 200
    assert response.json() == {"code": 0, "msg": "成功"}
    sent.refresh_from_db()
    assert sent.delivery_status == Notification.Delivery.DELIVERED
    shanghai = ZoneInfo("Asia/Shanghai")
    assert sent.delivered_at == datetime.datetime(2026, 3, 2, 10, 0, 5, tzinfo=shanghai)
    assert sent.delivery_error == ""


def test_failed_receipt_records_the_error(gateway, sent):
    push(gateway, [report(sent, success=False, code="MK:0001", message="空号")])
    sent.refresh_from_db()
    assert sent.delivery_status == Notification.Delivery.UNDELIVERED
    assert sent.delivery_error == "MK:0001 空号" and sent.delivered_at is None
    assert sent.status == Notification.State.SENT  # the gateway took it: no resend


def test_wrong_token_is_refused_and_changes_nothing(gateway, sent):
    response = push(gateway, [report(sent)], token=TOKEN[:-1] + "x")
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.delivery_status == ""


def test_endpoint_is_absent_without_a_configured_token(gateway, sent, settings):
    settings.SMS_RECEIPT_TOKEN = ""
    assert push(gateway, [report(sent)], token="anything").status_code == 404


def test_unknown_ids_are_acknowledged_and_ignored(gateway, sent):
    unknown = report(sent, out_id="notification-999999", biz_id="nope^0")
    foreign = report(sent, out_id="someone-else", biz_id="")
    response = push(gateway, [unknown, foreign, "not a receipt"])
    assert response.json() == {"code": 0, "msg": "成功"}
    sent.refresh_from_db()
    assert sent.delivery_status == ""


def test_repeated_receipts_are_idempotent(gateway, sent):
    assert push(gateway, [report(sent)]).json()["code"] == 0
    sent.refresh_from_db()
    first = (sent.delivery_status, sent.delivered_at)
    later = report(sent, report_time="2026-03-02 11:30:00")
    assert push(gateway, [later, report(sent)]).json()["code"] == 0
    # A failure reported after delivery does not undo it either.
    push(gateway, [report(sent, success=False, code="MN:0001", message="空号")])
    sent.refresh_from_db()
    assert (sent.delivery_status, sent.delivered_at) == first and sent.delivery_error == ""


def test_delivery_after_a_failed_copy_wins(gateway, sent):
    push(gateway, [report(sent, success=False, code="IC:0001", message="关机")])
    push(gateway, [report(sent, success="true")])
    sent.refresh_from_db()
    assert sent.delivery_status == Notification.Delivery.DELIVERED and sent.delivery_error == ""


def test_receipt_matches_by_the_gateway_id_without_an_out_id(gateway, sent):
    push(gateway, [report(sent, out_id="")])
    sent.refresh_from_db()
    assert sent.delivery_status == Notification.Delivery.DELIVERED


def test_receipt_for_a_send_the_worker_never_recorded_stops_the_retry(gateway, sent):
    """The worker died after the gateway accepted: the outbox still says failed."""
    Notification.objects.filter(pk=sent.pk).update(
        status=Notification.State.FAILED,
        next_attempt_at=timezone.now(),
        provider_message_id="",
        sent_at=None,
    )
    push(gateway, [report(sent, biz_id="900777^0")])
    sent.refresh_from_db()
    assert sent.status == Notification.State.SENT and sent.next_attempt_at is None
    assert sent.sent_at and sent.provider_message_id == "900777^0"
    assert services.retry_due(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_malformed_push_is_refused(gateway, sent):
    response = gateway.post(
        f"/notifications/sms/receipts/{TOKEN}/", data="[{", content_type="application/json"
    )
    assert response.status_code == 400
    assert gateway.get(f"/notifications/sms/receipts/{TOKEN}/").status_code == 405


def test_receipts_never_log_the_phone_number(gateway, sent, caplog):
    caplog.set_level(logging.DEBUG)
    push(gateway, [report(sent), report(sent, out_id="notification-0")])
    assert "1 updated" in caplog.text and "1 unknown" in caplog.text
    assert PHONE not in caplog.text


def test_outbox_admin_shows_the_delivery_state(gateway, sent, admin_client):
    push(gateway, [report(sent)])
    changelist = admin_client.get("/django-admin/notifications/notification/")
    assert changelist.status_code == 200
    row = f"notification/{sent.pk}/change/"
    assert row in changelist.content.decode()
    assert '<td class="field-delivery_status">已送达</td>' in changelist.content.decode()
    url = "/django-admin/notifications/notification/?delivery_status__exact="
    delivered = admin_client.get(url + "delivered")
    undelivered = admin_client.get(url + "undelivered")
    assert delivered.status_code == undelivered.status_code == 200
    assert row in delivered.content.decode() and row not in undelivered.content.decode()
    detail = admin_client.get(f"/django-admin/notifications/notification/{sent.pk}/change/")
    assert sent.provider_message_id in detail.content.decode()
    assert PHONE not in detail.content.decode()
