"""Notifications: sent after commit, through the SMS backend and e-mail, retried on failure."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from complaints.models import Bureau, Outcome
from complaints.notifications import services, sms
from complaints.notifications.models import Notification
from complaints.services import lifecycle
from tests.factories.complaints import file_complaint, resolve_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture(autouse=True)
def known_calendar_year(frozen_today):
    frozen_today(datetime.date(2026, 3, 2))


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create(username="handler")


def test_update_with_public_note_is_sent_only_after_commit(
    staff, django_capture_on_commit_callbacks
):
    case = file_complaint().complaint
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lifecycle.accept(case, actor=staff, public_note="已受理，请保持电话畅通。")
    assert sms.outbox == [] and not Notification.objects.exists()
    # The signal's receiver queues delivery for after its own commit: run those too.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert len(sms.outbox) == 1
    message = sms.outbox[0]
    assert message.to == "13812345678" and "已受理，请保持电话畅通" in message.body
    assert case.tracking_number in message.body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhang@example.cn"]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_rolled_back_change_sends_nothing(staff):
    from django.db import transaction

    case = file_complaint().complaint
    with pytest.raises(RuntimeError), transaction.atomic():
        lifecycle.accept(case, actor=staff, public_note="不会发送")
        raise RuntimeError("roll back")
    assert sms.outbox == [] and not Notification.objects.filter(purpose="update").exists()


def test_events_without_public_note_and_anonymous_cases_send_nothing(
    staff, django_capture_on_commit_callbacks
):
    case = file_complaint().complaint
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.assign(case, handler=staff, actor=staff)
    assert sms.outbox == []
    anonymous = file_complaint(kind="report", is_anonymous=True, complainant_name="").complaint
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.accept(anonymous, actor=staff)
    assert sms.outbox == [] and not Notification.objects.filter(complaint=anonymous).exists()


class FlakySMS(sms.BaseSMSBackend):
    failures = 1

    def send_messages(self, messages):
        if FlakySMS.failures:
            FlakySMS.failures -= 1
            raise sms.SMSError("gateway timeout")
        sms.outbox.extend(messages)
        return len(messages)


def test_failure_is_recorded_visible_and_retried(
    staff, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = f"{__name__}.FlakySMS"
    FlakySMS.failures = 1
    case = file_complaint().complaint
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.accept(case, actor=staff)
    failed = Notification.objects.get(channel="sms")
    assert failed.status == "failed" and failed.attempts == 1
    assert "gateway timeout" in failed.last_error
    assert failed.next_attempt_at > timezone.now()
    # Not due yet: nothing is retried.
    assert services.retry_due() == 0
    later = failed.next_attempt_at + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_due(now=later) == 1
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 2 and failed.last_error == ""
    assert len(sms.outbox) == 1


def test_gives_up_after_max_attempts(staff, settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = f"{__name__}.FlakySMS"
    FlakySMS.failures = 100
    case = file_complaint(complainant_email="").complaint
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.accept(case, actor=staff)
    notification = Notification.objects.get()
    for _ in range(services.MAX_ATTEMPTS):
        services.deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.status == "gave_up" and notification.attempts == services.MAX_ATTEMPTS


def test_same_event_is_never_queued_twice(staff, django_capture_on_commit_callbacks):
    case = file_complaint(complainant_email="").complaint
    with django_capture_on_commit_callbacks(execute=True):
        case = lifecycle.accept(case, actor=staff)
    event = case.events.last()
    services.queue_update(case, event)
    assert Notification.objects.filter(event=event).count() == 1


def test_confirmation_code_is_not_kept_after_sending(django_capture_on_commit_callbacks):
    result = file_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_confirmation(result.complaint, result.access_code)
    assert result.access_code in sms.outbox[0].body
    for notification in Notification.objects.all():
        assert result.access_code not in notification.body
        assert notification.status == "sent"


def test_resolution_and_closure_notify(staff, django_capture_on_commit_callbacks):
    case = file_complaint(complainant_email="").complaint
    with django_capture_on_commit_callbacks(execute=True):
        case = lifecycle.accept(case, actor=staff)
        case = resolve_case(case, staff, Outcome.MEDIATED, public_note="双方已签订调解协议。")
    # accepted, mediation recorded, resolved
    assert len(sms.outbox) == 3 and "调解达成协议" in sms.outbox[1].body
    assert "双方已签订调解协议。" in sms.outbox[2].body


def test_retry_command(staff, settings, django_capture_on_commit_callbacks, capsys):
    call_command("retry_notifications")
    assert "0 notification(s)" in capsys.readouterr().out


def test_admin_lists_outbox_with_masked_recipient(admin_client, django_capture_on_commit_callbacks):
    result = file_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_confirmation(result.complaint, result.access_code)
    page = admin_client.get("/django-admin/notifications/notification/")
    html = page.content.decode()
    assert page.status_code == 200
    assert result.complaint.tracking_number in html
    assert "138****5678" in html and "13812345678" not in html


def test_console_backend_prints(capsys):
    sms.ConsoleSMSBackend().send_messages([sms.SMSMessage("13800000000", "你好")])
    assert "你好" in capsys.readouterr().out


def test_transfer_tells_the_public_note_never_the_internal_reason(
    staff, django_capture_on_commit_callbacks
):
    case = file_complaint().complaint
    target = Bureau.objects.get(code="wh-amr")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.transfer(
            case,
            to_bureau=target,
            actor=staff,
            reason="投诉人多次无理纠缠",
            public_note="新部门将在三个工作日内联系您。",
        )
    [message] = sms.outbox
    assert target.name in message.body and "新部门将在三个工作日内联系您。" in message.body
    assert "纠缠" not in message.body
    assert all("纠缠" not in n.body for n in Notification.objects.all())  # nor by e-mail
