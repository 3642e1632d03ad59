"""The whole path: the handler drafts → the complainant confirms on the tracking page → the
respondent confirms (the portal's service function) → the bureau seals → the case records the
mediation as agreed → the packet for judicial confirmation."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse

from complaints.mediation import services
from complaints.mediation.models import MediationAgreement
from complaints.models import AccessLog, Outcome, Status
from complaints.services import lifecycle
from tests.factories.mediation import TERMS, handled_case, respondent_user, with_evidence

from .pdftext import pdf_text

pytestmark = pytest.mark.django_db


def track(client, case, code):
    response = client.post(
        reverse("complaints:track"), {"tracking_number": case.tracking_number, "access_code": code}
    )
    assert response.status_code == 302


def test_draft_confirm_seal_and_packet(client, reference_data):
    case, code, handler = handled_case(files=with_evidence())
    staff = client.__class__()
    staff.force_login(handler)

    # The handler drafts the terms from the case page.
    page = staff.get(reverse("dashboard:case", args=[case.pk]))
    assert reverse("mediation:draft", args=[case.pk]).encode() in page.content
    response = staff.post(reverse("mediation:draft", args=[case.pk]), {"terms": TERMS})
    assert response.status_code == 302
    agreement = MediationAgreement.objects.get(complaint=case)
    assert agreement.version == 1 and agreement.state == "pending"
    assert agreement.complainant_name == "张三丰"
    assert agreement.respondent_credit_code == "91420100MA4KXXXX0X"
    page = staff.get(reverse("dashboard:case", args=[case.pk])).content.decode()
    assert reverse("mediation:download", args=[case.pk]) in page
    assert reverse("mediation:confirm_in_person", args=[case.pk]) in page
    assert reverse("mediation:seal", args=[case.pk]) not in page  # nobody confirmed yet

    # The complainant reads the terms on the tracking page and confirms.
    track(client, case, code)
    page = client.get(reverse("complaints:track_case")).content.decode()
    assert "被申请人于2026年12月31日前停止销售" in page
    assert reverse("mediation:citizen_confirm") in page
    assert reverse("mediation:citizen_decline") in page
    download = client.get(reverse("mediation:citizen_download"))
    assert download["Content-Type"] == "application/pdf"
    assert "张三丰" in pdf_text(download.content)
    response = client.post(reverse("mediation:citizen_confirm"))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.complainant_confirmed_at is not None
    assert agreement.complainant_confirmed_by is None  # online, not recorded by staff
    page = client.get(reverse("complaints:track_case")).content.decode()
    assert reverse("mediation:citizen_confirm") not in page  # confirmed once

    # The respondent confirms through the portal's service function.
    company = respondent_user(username="respondent-1")
    services.respondent_confirm(agreement, company)
    agreement.refresh_from_db()
    assert agreement.respondent_confirmed_by == company
    assert not agreement.respondent_confirmed_in_person

    # The bureau seals; the mediation is recorded as agreed; resolving stays with the handler.
    response = staff.post(reverse("mediation:seal", args=[case.pk]))
    assert response.status_code == 302
    agreement.refresh_from_db()
    case.refresh_from_db()
    assert agreement.state == "sealed" and agreement.sealed_by == handler
    assert case.status == Status.IN_PROGRESS
    assert case.events.filter(action=lifecycle.MEDIATION_AGREED).count() == 1
    page = client.get(reverse("complaints:track_case")).content.decode()
    deadline = services.judicial_deadline(agreement)
    assert deadline.isoformat() in page  # when to apply for judicial confirmation
    assert reverse("mediation:citizen_download") in page
    lifecycle.resolve(case, actor=handler, outcome=Outcome.MEDIATED, public_note="调解结案。")
    case.refresh_from_db()
    assert case.status == Status.RESOLVED and case.outcome == Outcome.MEDIATED

    # The packet for the court.
    before = AccessLog.objects.filter(complaint=case, action="mediation_packet").count()
    response = staff.get(reverse("mediation:packet", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert AccessLog.objects.filter(complaint=case, action="mediation_packet").count() == before + 1
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert names == {
        "01-agreement.pdf",
        "02-application.pdf",
        "03-case-summary.pdf",
        "04-evidence.csv",
        "manifest.json",
    }
    sealed_pdf = archive.read("01-agreement.pdf")
    assert hashlib.sha256(sealed_pdf).hexdigest() == agreement.pdf_sha256
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["tracking_number"] == case.tracking_number
    assert manifest["agreement_sha256"] == agreement.pdf_sha256
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
    assert {entry["name"] for entry in manifest["files"]} == names - {"manifest.json"}

    application = pdf_text(archive.read("02-application.pdf"))
    for expected in (
        "司法确认申请书",
        "张三丰",
        "11010519491231002X",
        "武汉某某贸易有限公司",
        "91420100MA4KXXXX0X",
        "被申请人于2026年12月31日前停止销售",
        "武汉市中级人民法院",
        case.tracking_number,
        services.judicial_deadline(agreement).strftime("%Y年%-m月%-d日"),
    ):
        assert expected in application, expected
    summary = pdf_text(archive.read("03-case-summary.pdf"))
    assert "案件情况摘要" in summary and case.tracking_number in summary
    assert "运动鞋上使用与我方注册商标近似的标志" in summary
    evidence = case.evidence.get()
    rows = list(csv.reader(io.StringIO(archive.read("04-evidence.csv").decode("utf-8-sig"))))
    assert rows[1][1] == "合同.png"
    assert rows[1][5] == evidence.original_sha256 and rows[1][6] == evidence.sha256
    assert manifest["evidence"][0]["sha256_original"] == evidence.original_sha256


def test_the_account_opens_the_same_panel(client, reference_data):
    """A citizen account opens the case through the same session grant as the tracking page."""
    from complaints.services import access

    case, _code, handler = handled_case()
    services.draft_agreement(case, TERMS, handler)
    session = client.session
    session[access.CASE_SESSION_KEY] = {"id": case.pk, "exp": 1e12}
    session.save()
    page = client.get(reverse("complaints:track_case")).content.decode()
    assert "双方就本纠纷再无其他争议" in page


def test_staff_pdf_download_is_logged(client, reference_data):
    case, _code, handler = handled_case()
    agreement = services.draft_agreement(case, TERMS, handler)
    client.force_login(handler)
    response = client.get(reverse("mediation:download", args=[case.pk]))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == agreement.pdf_sha256
    assert AccessLog.objects.filter(complaint=case, action="mediation_pdf").exists()
