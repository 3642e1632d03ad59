"""The respondent's side of a mediation agreement: its own masked copy, confirm or decline,
and nothing of another enterprise's agreement."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from complaints.mediation import services as mediation
from complaints.models import AccessLog, mask_name
from complaints.services import lifecycle
from tests.factories.mediation import TERMS
from tests.factories.respondents import (
    NAME_B,
    PASSWORD,
    USCC_B,
    invited_case,
    respondent_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted_for_a(calendar, supervisor_a):
    case_a, code_a = invited_case(supervisor_a)
    _case_b, code_b = invited_case(supervisor_a, credit_code=USCC_B, name=NAME_B)
    respondent_login(code_a)
    respondent_login(code_b, credit_code=USCC_B, name=NAME_B, username="resp_b")
    case_a = lifecycle.start_handling(case_a, actor=supervisor_a)
    agreement = mediation.draft_agreement(case_a, TERMS, supervisor_a)
    return case_a, agreement


def signed_in(username) -> Client:
    client = Client()
    response = client.post("/respondent/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_respondent_reads_confirms_and_downloads_its_masked_copy(drafted_for_a):
    case, agreement = drafted_for_a
    client = signed_in("resp_a")
    page = client.get(f"/respondent/cases/{case.pk}/").content.decode()
    assert "伍万元" in page and f"/respondent/cases/{case.pk}/agreement/confirm/" in page

    response = client.get(f"/respondent/cases/{case.pk}/agreement.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert case.tracking_number in text and "伍万元" in text
    assert "张三丰" not in text and mask_name("张三丰") in text
    assert AccessLog.objects.filter(complaint=case, action="respondent_mediation_pdf").exists()

    assert client.post(f"/respondent/cases/{case.pk}/agreement/confirm/").status_code == 302
    agreement.refresh_from_db()
    assert agreement.respondent_confirmed_at is not None
    assert agreement.respondent_confirmed_by.username == "resp_a"
    # Confirmed: the button is gone, a second confirmation is refused.
    assert client.post(f"/respondent/cases/{case.pk}/agreement/confirm/").status_code == 404


def test_decline_needs_a_reason_that_only_the_bureau_reads(drafted_for_a):
    case, agreement = drafted_for_a
    client = signed_in("resp_a")
    url = f"/respondent/cases/{case.pk}/agreement/decline/"
    assert client.post(url, {"reason": " "}).status_code == 400
    assert client.post(url, {"reason": "赔偿金额过高。"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.state == "declined" and agreement.declined_by == "respondent"
    event = case.events.get(action="mediation_declined")
    assert "赔偿金额过高" in event.internal_note
    assert "赔偿金额过高" not in event.public_note + event.complainant_note


def test_another_enterprise_reaches_nothing_of_the_agreement(drafted_for_a):
    case, agreement = drafted_for_a
    other = signed_in("resp_b")
    assert other.get(f"/respondent/cases/{case.pk}/agreement.pdf").status_code == 404
    assert other.post(f"/respondent/cases/{case.pk}/agreement/confirm/").status_code == 404
    assert (
        other.post(f"/respondent/cases/{case.pk}/agreement/decline/", {"reason": "x"}).status_code
        == 404
    )
    agreement.refresh_from_db()
    assert agreement.respondent_confirmed_at is None and agreement.state == "pending"
