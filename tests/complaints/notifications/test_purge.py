"""Retention: dry run changes nothing; --apply anonymises or deletes expired finished cases
everywhere their personal data was copied, and records the run."""

import datetime
import os
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from complaints.models import AccessLog, Category, Complaint, PurgeRecord, Status
from complaints.notifications.models import Notification
from complaints.services import event_texts, lifecycle
from complaints.services.evidence import CheckedUpload
from complaints.services.intake import submit_complaint
from complaints.stats import figures
from search import api as search_api
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import alias_name
from tests.factories.complaints import UserFactory, file_complaint, intake_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

UNIQUE_WORD = "琥珀色独角兽"


def finished(days_ago: float, status=Status.CLOSED, **kwargs):
    result = submit_complaint(
        intake_data(**kwargs), files=[CheckedUpload("a.pdf", "application/pdf", b"%PDF-1.4 x")]
    )
    closed = timezone.now() - datetime.timedelta(days=days_ago)
    Complaint.objects.filter(pk=result.complaint.pk).update(status=status, closed_at=closed)
    return Complaint.objects.get(pk=result.complaint.pk)


def run(*args):
    out = StringIO()
    call_command("purge_expired_cases", *args, stdout=out)
    return out.getvalue()


def test_dry_run_reports_and_changes_nothing():
    old = finished(4 * 365)
    output = run()
    assert "Dry run: 1 case(s) would be anonymised" in output
    old.refresh_from_db()
    assert old.complainant_name == "张三丰" and old.evidence.count() == 1


def stored_files() -> set[str]:
    root = settings.PRIVATE_MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names}


def test_apply_anonymises_only_expired_finished_cases():
    before = stored_files()
    old = finished(4 * 365)
    old_files = stored_files() - before  # every file kept for the case (copy, original…)
    recent = finished(30)
    still_open = file_complaint().complaint
    Complaint.objects.filter(pk=still_open.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=5 * 365)
    )
    assert old.evidence.get().file.path in old_files
    output = run("--apply")
    assert "1/1" in output and "1 case(s) anonymised" in output
    old.refresh_from_db()
    assert old.complainant_name == "" and old.complainant_phone == ""
    assert old.complainant_id_number == "" and old.facts == "（已按保存期限清除）"
    assert old.evidence.count() == 0
    assert not any(os.path.exists(path) for path in old_files)
    assert old.category_id and old.bureau_id  # still counted in statistics
    recent.refresh_from_db()
    assert recent.complainant_name == "张三丰"
    assert Complaint.objects.get(pk=still_open.pk).complainant_name == "张三丰"
    assert "Dry run: 0 case(s)" in run()


def test_retention_is_per_category():
    from complaints.models import Category

    Category.objects.filter(code="trademark-infringement").update(retention_days=10)
    finished(30)
    assert "Dry run: 1 case(s)" in run()


def test_apply_delete_removes_cases():
    finished(4 * 365, status=Status.WITHDRAWN)
    run("--apply", "--delete")
    assert not Complaint.objects.exists()


def apply_purge(django_capture_on_commit_callbacks, *args):
    """--apply, with the index work that waits for the commit run as in production."""
    with django_capture_on_commit_callbacks(execute=True):
        return run("--apply", *args)


def test_purged_case_is_no_longer_found_by_staff_search(django_capture_on_commit_callbacks):
    old = finished(4 * 365, facts=f"被投诉人销售印有{UNIQUE_WORD}图案的仿冒商品。")
    search_api.rebuild()
    assert search_api.search_case_ids(UNIQUE_WORD, bureau_ids=None) == [old.pk]
    apply_purge(django_capture_on_commit_callbacks)
    assert search_api.search_case_ids(UNIQUE_WORD, bureau_ids=None) == []
    search_api.rebuild()  # a rebuild leaves purged cases out
    assert search_api.search_case_ids(UNIQUE_WORD, bureau_ids=None) == []


def test_purge_sends_elasticsearch_a_delete_for_the_case(
    django_capture_on_commit_callbacks, monkeypatch
):
    old = finished(4 * 365)
    client = mock.MagicMock()
    monkeypatch.setattr("search.indexing.get_backend", lambda: ElasticsearchBackend(client))
    apply_purge(django_capture_on_commit_callbacks)
    client.delete.assert_called_once_with(index=alias_name("case"), id=f"complaints.cases:{old.pk}")


def test_purge_blanks_notification_bodies_access_logs_and_notes_but_keeps_the_rows(
    django_capture_on_commit_callbacks,
):
    old = finished(4 * 365)
    sent = Notification.objects.create(
        complaint=old,
        channel=Notification.Channel.SMS,
        recipient="13812345678",
        body="张三丰您好，您的案件已结案。",
        status=Notification.State.SENT,
        sent_at=timezone.now(),
    )
    unsent = Notification.objects.create(
        complaint=old, channel=Notification.Channel.EMAIL, recipient="zhang@example.cn", body="x"
    )
    viewer = UserFactory()
    log = AccessLog.objects.create(
        complaint=old, user=viewer, action="export", ip_hash="abc", detail="张三丰 13812345678"
    )
    old.events.update(internal_note="投诉人张三丰来电", public_note="已联系张三丰")
    apply_purge(django_capture_on_commit_callbacks)
    sent.refresh_from_db()
    assert (sent.recipient, sent.body) == ("", "")
    assert sent.status == Notification.State.SENT and sent.sent_at and sent.complaint_id == old.pk
    unsent.refresh_from_db()
    assert unsent.body == "" and unsent.status == Notification.State.GAVE_UP  # never retried
    log.refresh_from_db()
    assert log.detail == "" and (log.user, log.action, log.ip_hash) == (viewer, "export", "abc")
    notes = old.events.exclude(action="purged").values_list(
        "note_code", "note_params", "public_note", "internal_note"
    )
    # Every public text (the system's, with its parameters, and staff's) is the purged text.
    assert notes and all(row == ("purged", {}, "", "") for row in notes)
    assert {event_texts.public_text(event) for event in old.events.public()} == {
        "（已按保存期限清除）"
    }


def test_purge_is_recorded_and_the_case_still_counts_in_the_figures(
    django_capture_on_commit_callbacks,
):
    Category.objects.filter(code="trademark-infringement").update(retention_days=10)
    old = finished(30)
    today = timezone.localdate()
    Complaint.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=60),
        due_on=today - datetime.timedelta(days=35),
        satisfaction=4,
        rated_at=timezone.now() - datetime.timedelta(days=30),
    )
    period = figures.Period.last_months(12)
    before = figures.summary(Complaint.objects.all(), period)
    assert before["overall"]["total"] == 1 and before["satisfaction"]["count"] == 1
    output = apply_purge(django_capture_on_commit_callbacks, "--by", "运维值班员")
    assert figures.summary(Complaint.objects.all(), period) == before
    record = PurgeRecord.objects.get()
    assert (record.run_by, record.mode, record.cases) == ("运维值班员", "anonymise", 1)
    assert record.cases_by_category == {"trademark-infringement": 1}
    assert record.evidence_files == 1 and record.finished_at is not None
    assert f"purge record #{record.pk}" in output
    old.refresh_from_db()
    assert old.purged_at is not None
    event = old.events.get(action="purged")
    assert event.actor_label == "系统" and event.actor is None
    assert "Dry run: 0 case(s)" in run()  # purged once, never again


def test_delete_keeps_the_access_logs_and_outbox_rows_without_personal_data(
    django_capture_on_commit_callbacks,
):
    old = finished(4 * 365, status=Status.WITHDRAWN)
    log = AccessLog.objects.create(complaint=old, action="track_view", detail="张三丰")
    notification = Notification.objects.create(
        complaint=old, channel=Notification.Channel.SMS, recipient="13812345678", body="张三丰"
    )
    apply_purge(django_capture_on_commit_callbacks, "--delete")
    log.refresh_from_db()
    notification.refresh_from_db()
    assert log.complaint is None and log.detail == "" and log.action == "track_view"
    assert notification.complaint is None and notification.body == notification.recipient == ""
    assert PurgeRecord.objects.get().mode == "delete"


def test_resolved_cases_close_after_the_reopening_window_then_retention_applies(
    django_capture_on_commit_callbacks, frozen_today
):
    frozen_today(datetime.date(2026, 6, 1))  # a reopened case's clock needs a known calendar
    window = lifecycle.REOPEN_WINDOW_DAYS
    old = finished(window + 1, status=Status.RESOLVED)
    within = finished(window + 0.9, status=Status.RESOLVED)
    resolved_at = old.closed_at
    output = StringIO()
    call_command("sla_tick", stdout=output)
    assert "1 resolved case(s) closed" in output.getvalue()
    old.refresh_from_db()
    assert old.status == Status.CLOSED and old.closed_at == resolved_at
    assert old.events.get(action="closed").actor_label == "系统"
    with pytest.raises(lifecycle.TransitionNotAllowed):
        lifecycle.reopen(old, reason="不服")
    lifecycle.reopen(within, reason="不服")  # still inside the window: not closed
    Category.objects.filter(code="trademark-infringement").update(retention_days=window)
    apply_purge(django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert old.purged_at is not None and old.complainant_name == ""


def test_auto_close_drains_a_backlog_a_limited_number_at_a_time():
    first = finished(40, status=Status.RESOLVED)
    second = finished(30, status=Status.RESOLVED)
    assert lifecycle.close_after_reopen_window(limit=1) == 1
    assert Complaint.objects.get(pk=first.pk).status == Status.CLOSED  # oldest first
    assert Complaint.objects.get(pk=second.pk).status == Status.RESOLVED
    assert lifecycle.close_after_reopen_window(limit=1) == 1
    assert lifecycle.close_after_reopen_window(limit=1) == 0
