"""Tracking: right and wrong codes, rate limits and lock-out, access log, follow-up actions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaints.models import AccessLog, Complaint, Outcome, Status
from complaints.services import access, event_texts, lifecycle
from tests.factories.complaints import file_complaint, resolve_case

from .conftest import pdf_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture(autouse=True)
def known_calendar_year(frozen_today):
    """Handling clocks run ~45 working days: stay inside a year the holiday calendar knows."""
    frozen_today(datetime.date(2026, 3, 2))


@pytest.fixture
def filed():
    return file_complaint()


def look_up(client, number, code, **extra):
    return client.post(
        "/complaints/track/", {"tracking_number": number, "access_code": code}, **extra
    )


def test_right_code_shows_the_case_without_code_in_url(client, filed):
    response = look_up(client, filed.complaint.tracking_number, filed.access_code.lower())
    assert response.status_code == 302
    assert response["Location"] == "/complaints/track/case/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert filed.complaint.bureau.name in html
    assert "已收到" in html  # the public note of the submitted event
    assert "张三丰" not in html and "13812345678" not in html  # no personal data shown
    assert filed.complaint.due_on.strftime("%Y-%m-%d") in html
    actions = list(AccessLog.objects.values_list("action", flat=True))
    assert "track_lookup" in actions and "track_view" in actions
    assert all(len(h) == 64 for h in AccessLog.objects.values_list("ip_hash", flat=True))


def test_wrong_code_and_unknown_number_look_the_same(client, filed):
    wrong = look_up(client, filed.complaint.tracking_number, "AAAAA-BBBBB")
    unknown = look_up(client, "IP-2026-ZZZZZZ", "AAAAA-BBBBB")
    assert wrong.status_code == unknown.status_code == 200
    message = "受理编号或访问码不正确"
    assert message in wrong.content.decode() and message in unknown.content.decode()
    assert client.get("/complaints/track/case/").status_code == 302
    assert AccessLog.objects.filter(action="track_failed", complaint=filed.complaint).count() == 1
    assert AccessLog.objects.filter(action="track_failed", complaint=None).count() == 1


def test_wrong_guesses_past_the_numbers_ceiling_are_refused(client, filed, monkeypatch):
    monkeypatch.setattr(access, "NUMBER_FAILURES", 3)  # a low ceiling keeps the test short
    number = filed.complaint.tracking_number
    for i in range(3):
        assert look_up(client, number, "WRONG-CODE", REMOTE_ADDR=f"10.0.0.{i}").status_code == 200
    refused = look_up(client, number, "WRONG-CODE", REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "正确的访问码不受影响" in refused.content.decode()
    assert look_up(client, number, filed.access_code, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_per_ip_limit(client, filed):
    for _ in range(access.ADDRESS_FAILURES):
        look_up(client, "IP-2026-ZZZZZZ", "X", REMOTE_ADDR="10.1.1.1")
    blocked = look_up(
        client, filed.complaint.tracking_number, filed.access_code, REMOTE_ADDR="10.1.1.1"
    )
    assert blocked.status_code == 429 and "Retry-After" in blocked
    other = look_up(
        client, filed.complaint.tracking_number, filed.access_code, REMOTE_ADDR="10.1.1.2"
    )
    assert other.status_code == 302


def test_only_wrong_guesses_count_against_an_address(client, filed):
    """The owner checking their case often from one address is never refused."""
    for _ in range(access.ADDRESS_FAILURES + 5):
        response = look_up(
            client, filed.complaint.tracking_number, filed.access_code, REMOTE_ADDR="10.1.2.1"
        )
        assert response.status_code == 302


def authorise(client, filed):
    assert look_up(client, filed.complaint.tracking_number, filed.access_code).status_code == 302


def test_withdrawal_with_reason(client, filed):
    authorise(client, filed)
    refused = client.post("/complaints/track/case/withdraw/", {"reason": "已和解"})
    assert refused.status_code == 200  # the confirmation box is required
    response = client.post(
        "/complaints/track/case/withdraw/", {"reason": "已和解", "confirm": "on"}
    )
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.status == Status.WITHDRAWN
    withdrawal = case.events.last()
    assert (event_texts.public_text(withdrawal), withdrawal.complainant_note) == (
        "投诉人已撤回本案。",
        "已和解",
    )
    assert "已和解" in client.get("/complaints/track/case/").content.decode()  # their own words


def test_rating_after_resolution(client, filed, django_user_model):
    staff = django_user_model.objects.create(username="handler")
    case = lifecycle.accept(filed.complaint, actor=staff)
    resolve_case(case, staff, Outcome.MEDIATED)
    authorise(client, filed)
    assert "提交评价" in client.get("/complaints/track/case/").content.decode()
    response = client.post("/complaints/track/case/rate/", {"score": "4", "comment": "很及时"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.satisfaction == 4 and case.satisfaction_comment == "很及时"
    assert "提交评价" not in client.get("/complaints/track/case/").content.decode()


def test_rating_an_open_case_is_refused(client, filed):
    authorise(client, filed)
    response = client.post("/complaints/track/case/rate/", {"score": "5"})
    assert response.status_code == 302
    assert Complaint.objects.get().satisfaction is None


def test_supplying_information_when_asked(client, filed, django_user_model):
    staff = django_user_model.objects.create(username="handler")
    case = lifecycle.accept(filed.complaint, actor=staff)
    lifecycle.request_information(case, actor=staff, public_note="请补充商标注册证复印件")
    authorise(client, filed)
    page = client.get("/complaints/track/case/").content.decode()
    assert "请补充商标注册证复印件" in page and "提交补充材料" in page
    response = client.post(
        "/complaints/track/case/supply/",
        {"note": "已补充注册证", "files": [SimpleUploadedFile("注册证.pdf", pdf_bytes("tm"))]},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.paused_since is None
    assert case.evidence.get().note == "补充材料"


def test_reopen_within_fifteen_days_only(client, filed, django_user_model, frozen_today):
    staff = django_user_model.objects.create(username="handler")
    case = lifecycle.accept(filed.complaint, actor=staff)
    case = resolve_case(case, staff)
    case = lifecycle.close(case, actor=staff)
    authorise(client, filed)
    assert client.post("/complaints/track/case/reopen/", {"reason": "有新证据"}).status_code == 302
    assert Complaint.objects.get().status == Status.IN_PROGRESS

    other = file_complaint()
    case = lifecycle.accept(other.complaint, actor=staff)
    case = resolve_case(case, staff)
    lifecycle.close(case, actor=staff)
    frozen_today(timezone.localdate() + datetime.timedelta(days=20))
    client.post("/complaints/track/end/")
    authorise(client, other)
    assert 'id="reopen-heading"' not in client.get("/complaints/track/case/").content.decode()
    client.post("/complaints/track/case/reopen/", {"reason": "太晚了"})
    assert Complaint.objects.get(pk=other.complaint.pk).status == Status.CLOSED


def test_session_grant_expires(client, filed):
    authorise(client, filed)
    assert client.get("/complaints/track/case/").status_code == 200
    session = client.session
    session[access.CASE_SESSION_KEY] = {**session[access.CASE_SESSION_KEY], "exp": 0}
    session.save()
    assert client.get("/complaints/track/case/").status_code == 302
    assert (
        client.post(
            "/complaints/track/case/withdraw/", {"reason": "x", "confirm": "on"}
        ).status_code
        == 302
    )
    assert Complaint.objects.get().status == Status.SUBMITTED
