"""Bureau isolation by id: a handler of bureau A gets 404 for bureau B's case everywhere."""

import csv
import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from complaints.dashboard.forms import ACTION_FORMS
from complaints.models import AccessLog, CaseEvent, Complaint, Status
from complaints.services.evidence import CheckedUpload, store_evidence
from tests.complaints.intake.conftest import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def evidence_b(case_b):
    upload = CheckedUpload("b-secret.pdf", "application/pdf", pdf_bytes("bureau B"))
    return store_evidence(case_b, upload, "complainant")


@pytest.fixture
def evidence_a(case_a):
    upload = CheckedUpload("a.pdf", "application/pdf", pdf_bytes("bureau A"))
    return store_evidence(case_a, upload, "complainant")


def test_case_page_of_another_bureau_is_404(login, handler_a, case_b):
    response = login(handler_a).get(f"/dashboard/cases/{case_b.pk}/")
    assert response.status_code == 404
    assert case_b.tracking_number not in response.content.decode()
    assert not AccessLog.objects.filter(complaint=case_b, user=handler_a).exists()


def test_unknown_and_foreign_case_ids_answer_alike(login, handler_a, case_b):
    staff = login(handler_a)
    foreign = staff.get(f"/dashboard/cases/{case_b.pk}/")
    missing = staff.get(f"/dashboard/cases/{case_b.pk + 1000}/")
    assert foreign.status_code == missing.status_code == 404

    def shape(response, pk):
        html = re.sub(r'nonce="[^"]+"', "", response.content.decode())
        return html.replace(f"/dashboard/cases/{pk}/", "/dashboard/cases/ID/")

    assert shape(foreign, case_b.pk) == shape(missing, case_b.pk + 1000)


def test_evidence_of_another_bureau_is_404_by_either_id(
    login, handler_a, case_a, case_b, evidence_a, evidence_b
):
    staff = login(handler_a)
    assert staff.get(f"/dashboard/cases/{case_b.pk}/evidence/{evidence_b.pk}/").status_code == 404
    # Own case id with the other bureau's evidence id: still 404, never B's file.
    crossed = staff.get(f"/dashboard/cases/{case_a.pk}/evidence/{evidence_b.pk}/")
    assert crossed.status_code == 404
    own = staff.get(f"/dashboard/cases/{case_a.pk}/evidence/{evidence_a.pk}/")
    assert own.status_code == 200
    assert b"bureau A" in b"".join(own.streaming_content)


@pytest.mark.parametrize("action", sorted(ACTION_FORMS))
def test_every_action_on_another_bureaus_case_is_404(login, handler_a, bureau_a, case_b, action):
    events = CaseEvent.objects.filter(complaint=case_b).count()
    data = {
        f"{action}-internal_note": "越权",
        f"{action}-public_note": "越权",
        f"{action}-reason": "越权",
        f"{action}-to_bureau": bureau_a.pk,
        f"{action}-months": 1,
        f"{action}-outcome": "no_violation",
        f"{action}-agreed": "1",
    }
    response = login(handler_a).post(f"/dashboard/cases/{case_b.pk}/{action}/", data)
    assert response.status_code == 404
    case_b.refresh_from_db()
    assert case_b.status == Status.SUBMITTED and case_b.bureau_id != bureau_a.pk
    assert CaseEvent.objects.filter(complaint=case_b).count() == events


def test_bulk_actions_skip_another_bureaus_cases(login, supervisor_a, case_a, case_b):
    response = login(supervisor_a).post(
        "/dashboard/cases/bulk/", {"bulk-bulk_action": "accept", "cases": [case_a.pk, case_b.pk]}
    )
    case_b.refresh_from_db()
    assert case_b.status == Status.SUBMITTED
    assert case_b.tracking_number not in response.content.decode()


@pytest.mark.parametrize("path", ["cases.csv", "cases.xlsx"])
def test_exports_never_contain_another_bureaus_cases(login, handler_a, case_a, case_b, path):
    response = login(handler_a).get(
        f"/dashboard/export/{path}", {"q": case_b.tracking_number, "status": ""}
    )
    assert response.status_code == 200
    everything = login(handler_a).get(f"/dashboard/export/{path}")
    for result in (response, everything):
        if path.endswith(".csv"):
            text = b"".join(result.streaming_content).decode("utf-8-sig")
            cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        else:
            book = load_workbook(io.BytesIO(result.content))
            cells = [c.value for s in book.worksheets for row in s.iter_rows() for c in row]
        assert case_b.tracking_number not in cells
    assert case_a.tracking_number in cells


def test_statistics_exports_cover_only_supervised_bureaus(login, supervisor_a, case_b, bureau_b):
    # A passed limit: B's case would show in the on-time figures if the filter let it through.
    Complaint.objects.filter(pk=case_b.pk).update(due_on=datetime.date(2026, 2, 2))
    response = login(supervisor_a).get("/dashboard/export/statistics.csv", {"bureau": bureau_b.pk})
    assert response.status_code == 200
    assert bureau_b.name not in response.content.decode("utf-8-sig")


def test_queue_filter_by_tracking_number_of_another_bureau_finds_nothing(login, handler_a, case_b):
    html = login(handler_a).get("/dashboard/", {"q": case_b.tracking_number}).content.decode()
    assert f'data-case-id="{case_b.pk}"' not in html
    assert f'href="/dashboard/cases/{case_b.pk}/"' not in html
    assert f">{case_b.tracking_number}<" not in html
