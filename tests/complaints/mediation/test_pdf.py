"""What the agreement PDF says, to whom, and that a sealed one never changes."""

import hashlib

import pytest
from django.utils import timezone

from complaints.mediation import pdf, services
from complaints.mediation.models import Party
from complaints.services.actions import COMPLAINANT, ActionRefused
from tests.factories.mediation import TERMS, confirmed_by_both, drafted, sealed

from .pdftext import content_stream, pdf_text

pytestmark = pytest.mark.django_db


def today_text():
    today = timezone.localdate()
    return f"{today.year}年{today.month}月{today.day}日"


def test_the_bureau_copy_names_the_parties_and_terms(reference_data):
    agreement, _code, _handler = drafted()
    text = pdf_text(services.document(agreement))
    case = agreement.complaint
    for expected in (
        "调解协议书",
        f"案件编号：{case.tracking_number}",
        "申请人（投诉人）：张三丰",
        "11010519491231002X",
        "被申请人（被投诉人）：武汉某某贸易有限公司",
        "统一社会信用代码：91420100MA4KXXXX0X",
        "武汉市江岸区解放大道100号",
        "一、被申请人于2026年12月31日前停止销售带有涉案近似标志的运动鞋",
        "二、被申请人于2027年1月15日前向申请人支付赔偿金人民币伍万元整",
        f"调解单位：{case.bureau.name}",
        f"拟定日期：{today_text()}",
        "申请人确认：待确认",
        "被申请人确认：待确认",
    ):
        assert expected in text, expected
    assert "盖章日期" not in text


def test_confirmation_dates_appear_once_given(reference_data):
    agreement, _code, _handler = confirmed_by_both()
    text = pdf_text(services.document(agreement))
    assert f"申请人确认：已于{today_text()}确认" in text
    assert f"被申请人确认：已于{today_text()}确认" in text


def test_the_respondent_never_sees_the_complainants_identity(reference_data):
    agreement, _code, handler = confirmed_by_both()
    for version in (agreement, services.seal(agreement, handler)):
        text = pdf_text(services.respondent_pdf(version))
        assert "申请人（投诉人）：张**" in text
        assert "张三丰" not in text
        assert "11010519491231002X" not in text
        assert "沿江大道1号" not in text
        assert "被申请人于2026年12月31日前停止销售" in text  # the terms they agreed to


def test_the_sealed_agreement_has_the_seal_and_the_confirmed_texts_hash(reference_data):
    agreement, _code, _handler = sealed()
    content = services.document(agreement)
    text = pdf_text(content)
    assert f"盖章日期：{today_text()}" in text
    assert f"调解单位（盖章）：{agreement.complaint.bureau.name}" in text
    assert agreement.confirmed_sha256[:16] in text
    assert hashlib.sha256(content).hexdigest() == agreement.pdf_sha256
    assert agreement.confirmed_sha256 != agreement.pdf_sha256
    # The seal's red circle: reportlab strokes in pure red only for the seal.
    assert b"1 0 0 RG" in content_stream(content)
    unsealed, _code, _handler = drafted()
    assert b"1 0 0 RG" not in content_stream(services.document(unsealed))


def test_same_content_same_bytes(reference_data):
    agreement, _code, _handler = drafted()
    assert pdf.agreement_pdf(agreement) == pdf.agreement_pdf(agreement)
    assert hashlib.sha256(pdf.agreement_pdf(agreement)).hexdigest() == agreement.pdf_sha256


def test_a_sealed_agreement_is_immutable(reference_data):
    agreement, _code, handler = sealed()
    stored, digest = agreement.pdf.name, agreement.pdf_sha256
    with pytest.raises(services.AgreementSealed):
        services._store(agreement, b"%PDF- other")
    with pytest.raises(ActionRefused):
        services.draft_agreement(agreement.complaint, TERMS + "四、另付一元。", handler)
    with pytest.raises(ActionRefused):
        services.confirm(agreement, Party.COMPLAINANT, COMPLAINANT)
    with pytest.raises(ActionRefused):
        services.seal(agreement, handler)
    agreement.refresh_from_db()
    assert (agreement.pdf.name, agreement.pdf_sha256) == (stored, digest)
    # A file changed on disk is noticed, not served.
    path = agreement.pdf.path
    import os

    os.chmod(path, 0o644)
    with open(path, "ab") as handle:
        handle.write(b"\n% tampered")
    with pytest.raises(services.AgreementSealed):
        services.document(agreement)
    with pytest.raises(services.AgreementSealed):
        services.judicial_packet(agreement)
