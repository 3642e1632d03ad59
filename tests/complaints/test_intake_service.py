import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import CaseEvent, Complaint, Evidence, Kind, Status
from complaints.services import access
from complaints.services.evidence import CheckedUpload
from complaints.services.intake import IntakeError, submit_complaint
from complaints.signals import case_changed
from tests.factories.complaints import file_complaint, intake_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_submission_creates_routes_and_starts_the_clock(
    frozen_today, django_capture_on_commit_callbacks
):
    frozen_today(dt.date(2026, 2, 13))
    received = []
    case_changed.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t1")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = file_complaint("trademark-infringement")
    finally:
        case_changed.disconnect(dispatch_uid="t1")
    case = result.complaint
    assert result.created
    assert re.fullmatch(r"IP-2026-[2-9A-HJKMNP-Z]{6}", case.tracking_number)
    assert case.bureau.code == "jiangan-amr"
    assert case.channel.code == "12315"
    assert case.status == Status.SUBMITTED
    assert case.due_on == dt.date(2026, 3, 2)  # 7 working days across Spring Festival
    event = CaseEvent.objects.get(complaint=case)
    assert event.action == "submitted" and event.to_bureau == case.bureau
    assert received and received[0]["created"] and received[0]["complaint"] == case


def test_access_code_is_long_random_and_only_its_hash_is_stored():
    result = file_complaint()
    code = result.access_code
    assert len(access.normalize_code(code)) == access.ACCESS_CODE_LENGTH
    stored = Complaint.objects.get(pk=result.complaint.pk)
    assert code not in stored.access_code_hash
    assert access.verify(stored.tracking_number, code) == stored
    assert access.verify(stored.tracking_number.lower(), code.lower()) == stored
    assert access.verify(stored.tracking_number, "WRONG-CODE") is None
    assert access.verify("IP-2026-XXXXXX", code) is None


def test_report_uses_the_15_working_day_verification_clock(frozen_today):
    frozen_today(dt.date(2026, 11, 2))
    result = file_complaint("counterfeit-goods", kind=Kind.REPORT)
    assert result.complaint.due_on == dt.date(2026, 11, 23)


def test_anonymous_report_keeps_no_identity():
    result = file_complaint(
        "counterfeit-goods",
        kind=Kind.REPORT,
        is_anonymous=True,
        complainant_name="不该保存",
        complainant_phone="13900000000",
    )
    case = result.complaint
    assert case.is_anonymous
    assert case.complainant_name == "" and case.complainant_phone == ""


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": Kind.COMPLAINT, "is_anonymous": True}, "anonymous"),
        ({"complainant_phone": ""}, "phone"),
        ({"facts": "   "}, "facts"),
        ({"kind": Kind.ASSISTANCE}, "does not accept"),
    ],
)
def test_invalid_submissions_are_refused_and_store_nothing(overrides, message):
    with pytest.raises(IntakeError, match=message):
        submit_complaint(intake_data("trademark-infringement", **overrides))
    assert not Complaint.objects.exists()


def test_idempotency_key_returns_the_same_case():
    first = submit_complaint(intake_data(), idempotency_key="form-abc")
    again = submit_complaint(intake_data(), idempotency_key="form-abc")
    assert first.created and not again.created
    assert again.complaint.pk == first.complaint.pk
    assert again.access_code is None
    assert Complaint.objects.count() == 1


def test_evidence_is_hashed_and_stored_under_a_random_name(settings):
    upload = CheckedUpload("../../etc/合同.pdf", "application/pdf", b"%PDF-1.4 test")
    result = submit_complaint(intake_data(), files=[upload])
    evidence = Evidence.objects.get(complaint=result.complaint)
    assert evidence.sha256 == hashlib.sha256(b"%PDF-1.4 test").hexdigest()
    assert "合同" not in evidence.file.name and ".." not in evidence.file.name
    path = Path(settings.PRIVATE_MEDIA_ROOT) / evidence.file.name
    assert path.read_bytes() == b"%PDF-1.4 test"
    assert not str(path).startswith(str(settings.MEDIA_ROOT))


def test_failed_transaction_leaves_no_case_and_no_orphaned_file(settings, monkeypatch):
    from complaints.services import intake

    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    root = Path(settings.PRIVATE_MEDIA_ROOT)

    def files_on_disk():
        return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()

    before = files_on_disk()
    monkeypatch.setattr(intake, "record_event", explode)
    upload = CheckedUpload("photo.png", "image/png", b"\x89PNG\r\n\x1a\n....")
    with pytest.raises(RuntimeError):
        submit_complaint(intake_data(), files=[upload])
    assert not Complaint.objects.exists()
    assert files_on_disk() == before


def test_submission_query_count_is_bounded():
    file_complaint()  # warm caches (content types, calendar)
    with CaptureQueriesContext(connection) as queries:
        file_complaint()
    assert len(queries) <= 12, [q["sql"][:80] for q in queries]
