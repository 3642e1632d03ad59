"""Retention: dry run changes nothing; --apply anonymises or deletes expired finished cases."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints.models import Complaint, Status
from complaints.services.evidence import CheckedUpload
from complaints.services.intake import submit_complaint
from tests.factories.complaints import file_complaint, intake_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def finished(days_ago: int, status=Status.CLOSED, **kwargs):
    result = submit_complaint(
        intake_data(**kwargs), files=[CheckedUpload("a.pdf", "application/pdf", b"%PDF-1.4 x")]
    )
    closed = timezone.now() - datetime.timedelta(days=days_ago)
    Complaint.objects.filter(pk=result.complaint.pk).update(status=status, closed_at=closed)
    return Complaint.objects.get(pk=result.complaint.pk)


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("purge_expired_cases", *args, stdout=out)
    return out.getvalue()


def test_dry_run_reports_and_changes_nothing():
    old = finished(4 * 365)
    output = run()
    assert "Dry run: 1 case(s) would be anonymised" in output
    old.refresh_from_db()
    assert old.complainant_name == "张三丰" and old.evidence.count() == 1


def test_apply_anonymises_only_expired_finished_cases():
    old = finished(4 * 365)
    recent = finished(30)
    still_open = file_complaint().complaint
    Complaint.objects.filter(pk=still_open.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=5 * 365)
    )
    file_path = old.evidence.get().file.path
    output = run("--apply")
    assert "1/1" in output and "1 case(s) anonymised" in output
    old.refresh_from_db()
    assert old.complainant_name == "" and old.complainant_phone == ""
    assert old.complainant_id_number == "" and old.facts == "（已按保存期限清除）"
    assert old.evidence.count() == 0
    import os

    assert not os.path.exists(file_path)
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
