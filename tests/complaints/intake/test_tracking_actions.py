"""The tracking page offers exactly the complainant's available actions; evidence added later
is kept in custody; files staff shared can be downloaded, internal ones cannot."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints.models import Evidence, Role
from complaints.services import actions, casework, lifecycle
from complaints.services.actions import COMPLAINANT
from tests.factories.complaints import file_complaint, received_file, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture(autouse=True)
def known_calendar_year(frozen_today):
    frozen_today(datetime.date(2026, 3, 2))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 128, 0)).save(out, "PNG")
    return out.getvalue()


def _open(client, filed):
    client.post(
        "/complaints/track/",
        {"tracking_number": filed.complaint.tracking_number, "access_code": filed.access_code},
    )


def test_the_page_shows_the_available_actions_only(client):
    filed = file_complaint()
    _open(client, filed)
    page = client.get("/complaints/track/case/")
    assert list(page.context["forms"]) == actions.available_actions(filed.complaint, COMPLAINANT)
    assert list(page.context["forms"]) == ["add_evidence", "withdraw"]
    refused = client.post("/complaints/track/case/rate/", {"score": "5"})
    assert refused.status_code == 302
    filed.complaint.refresh_from_db()
    assert filed.complaint.satisfaction is None


def test_added_evidence_is_kept_in_custody_and_seen_by_staff(client):
    filed = file_complaint()
    _open(client, filed)
    upload = SimpleUploadedFile("新证据.png", _png())
    response = client.post("/complaints/track/case/evidence/", {"files": [upload], "note": "新"})
    assert response.status_code == 302
    item = filed.complaint.evidence.get()
    assert item.uploaded_by == Evidence.Uploader.COMPLAINANT and item.has_original
    event = filed.complaint.events.get(action="evidence_added")
    assert "新证据.png" in event.complainant_note and not event.public_note


def test_shared_staff_files_only(client):
    filed = file_complaint()
    staff = staff_member(filed.complaint.bureau, Role.HANDLER, username="h")
    shared, internal = (
        casework.attach(
            filed.complaint,
            actor=staff,
            files=[received_file(f"{name}.png", _png())],
            audience=audience,
        )[0]
        for name, audience in (("决定书", "complainant"), ("内部照片", "staff"))
    )
    _open(client, filed)
    page = client.get("/complaints/track/case/").content.decode()
    assert "决定书.png" in page and "内部照片.png" not in page
    assert client.get(f"/complaints/track/case/files/{shared.pk}/").status_code == 200
    assert client.get(f"/complaints/track/case/files/{internal.pk}/").status_code == 404


def test_supply_with_files_is_one_service_call(client):
    filed = file_complaint()
    staff = staff_member(filed.complaint.bureau, Role.HANDLER, username="h2")
    case = lifecycle.accept(filed.complaint, actor=staff)
    lifecycle.request_information(case, actor=staff, public_note="请补充商标注册证")
    _open(client, filed)
    upload = SimpleUploadedFile("注册证.png", _png())
    client.post("/complaints/track/case/supply/", {"note": "已补充", "files": [upload]})
    case.refresh_from_db()
    assert case.status == "in_progress" and case.evidence.get().note == "补充材料"
