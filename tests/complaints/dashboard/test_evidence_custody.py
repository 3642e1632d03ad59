"""Evidence custody: staff get the cleaned copy by default, the sealed original only by an
explicit, logged request of the handling bureau; verify_evidence re-hashes every stored file."""

import hashlib
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from complaints.models import AccessLog
from complaints.services import lifecycle
from complaints.services.evidence import CheckedUpload
from tests.complaints.intake.conftest import jpeg_with_gps, pdf_bytes
from tests.factories.complaints import file_complaint, received_file

pytestmark = pytest.mark.django_db

RECEIVED = jpeg_with_gps()


@pytest.fixture
def photo_case(case_a):
    """A case in bureau A whose photo arrived named .png but is a JPEG with its GPS position."""
    return file_complaint(files=[received_file("现场.png", RECEIVED)]).complaint


def _release(client, case, reason="与被投诉人提交的照片比对拍摄时间"):
    evidence = case.evidence.get()
    url = reverse("dashboard:evidence_original", args=[case.pk, evidence.pk])
    return client.post(url, {"reason": reason} if reason is not None else {})


def _filename(response) -> str:
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


def test_default_download_is_the_cleaned_copy_with_its_real_extension_and_type(
    login, handler_a, photo_case
):
    evidence = photo_case.evidence.get()
    client = login(handler_a)
    page = client.get(reverse("dashboard:case", args=[photo_case.pk])).content.decode()
    assert evidence.sha256 in page and evidence.original_sha256 in page
    download = client.get(reverse("dashboard:evidence", args=[photo_case.pk, evidence.pk]))
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == evidence.sha256 and body != RECEIVED
    assert download["Content-Type"] == "image/jpeg"
    assert download["Content-Disposition"].startswith("attachment;")
    assert _filename(download).endswith(".jpg")


def test_releasing_the_original_needs_a_reason_and_is_logged(login, handler_a, photo_case):
    client = login(handler_a)
    for reason in (None, "   "):
        refused = _release(client, photo_case, reason)
        assert refused.status_code == 302 and not refused.has_header("Content-Disposition")
    evidence = photo_case.evidence.get()
    url = reverse("dashboard:evidence_original", args=[photo_case.pk, evidence.pk])
    assert client.get(url).status_code == 405
    assert not AccessLog.objects.filter(action="evidence_original").exists()

    released = _release(client, photo_case)
    assert released.status_code == 200
    assert b"".join(released.streaming_content) == RECEIVED
    assert released["Content-Disposition"].startswith("attachment;")
    assert released["Content-Type"] == "image/jpeg" and _filename(released).endswith(".jpg")
    log = AccessLog.objects.get(action="evidence_original")
    assert log.user == handler_a and log.complaint_id == photo_case.pk and log.at
    assert log.detail == f"{evidence.pk}: 与被投诉人提交的照片比对拍摄时间"


def test_only_the_handling_bureau_can_release_the_original(
    login, handler_a, handler_b, bureau_b, photo_case
):
    assert _release(login(handler_b), photo_case).status_code == 404
    # After a transfer, the former bureau still reads the case but no longer releases originals.
    lifecycle.transfer(photo_case, to_bureau=bureau_b, actor=handler_a, reason="属专利纠纷")
    former = login(handler_a)
    assert former.get(reverse("dashboard:case", args=[photo_case.pk])).status_code == 200
    assert _release(former, photo_case).status_code == 404
    assert not AccessLog.objects.filter(action="evidence_original").exists()
    assert _release(login(handler_b), photo_case).status_code == 200


def test_evidence_from_before_originals_were_kept_says_so(login, handler_a, case_a):
    legacy = CheckedUpload("发票.pdf", "application/pdf", pdf_bytes())  # no original: an old row
    case = file_complaint(files=[legacy]).complaint
    evidence = case.evidence.get()
    assert not evidence.has_original and not evidence.original
    client = login(handler_a)
    assert "未保留原件" in client.get(reverse("dashboard:case", args=[case.pk])).content.decode()
    assert _release(client, case).status_code == 404


def _verify() -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_evidence", "--batch-size", "1", stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_verify_evidence_reports_altered_and_missing_files(case_a):
    intact, altered, lost = (
        file_complaint(files=[received_file(f"{n}.jpg", RECEIVED)]).complaint.evidence.get()
        for n in ("intact", "altered", "lost")
    )
    out, err, failure = _verify()
    assert failure is None and "3/3 checked" in out and not err

    with open(altered.file.path, "ab") as handle:
        handle.write(b"tampered")
    lost.original.storage.delete(lost.original.name)
    out, err, failure = _verify()
    assert failure is not None and failure.returncode != 0
    assert f"MISMATCH evidence {altered.pk} (case {altered.complaint_id}) cleaned" in err
    assert f"MISSING evidence {lost.pk} (case {lost.complaint_id}) original" in err
    assert f"evidence {intact.pk} " not in err
    assert "1/3 checked" in out and "3/3 checked, 2 problem(s)" in out
