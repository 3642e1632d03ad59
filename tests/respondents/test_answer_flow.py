"""Invitation → account → answer → the complainant's decision → the handler sees it all,
through the pages each party uses (the test client), plus the rules each step enforces."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from complaints.models import AccessLog, Evidence
from complaints.notifications.models import Notification
from complaints.notifications.services import deliver
from complaints.services import lifecycle, workdays
from respondents.models import Enterprise, Invitation, RespondentAnswer, RespondentUser
from tests.complaints.intake.conftest import pdf_bytes
from tests.factories.complaints import file_complaint, received_file
from tests.factories.respondents import NAME_A, PASSWORD, USCC_A, USCC_B, invited_case

pytestmark = pytest.mark.django_db

CODE = re.compile(r"[A-Z2-9]{5}(?:-[A-Z2-9]{1,5}){2,}")


def staff_invites(client, case, **fields):
    data = {
        "invite_respondent-phone": "13700000001",
        "invite_respondent-email": "legal@example.cn",
        "invite_respondent-facts": "被投诉人在运动鞋上使用近似标志。",
        "invite_respondent-request_text": "请说明情况并停止销售。",
    }
    data.update({f"invite_respondent-{k}": v for k, v in fields.items()})
    return client.post(f"/dashboard/cases/{case.pk}/invite_respondent/", data)


def sent_code(channel=Notification.Channel.SMS) -> str:
    message = Notification.objects.filter(purpose="respondent_invite", channel=channel).first()
    return CODE.search(message.body).group(0)


def test_invitation_answer_and_settlement_end_to_end(calendar, login, supervisor_a):
    filed = file_complaint(
        respondent_name=NAME_A,
        respondent_credit_code=USCC_A,
        files=[received_file("购买凭证.pdf", pdf_bytes("receipt"))],
    )
    case = lifecycle.accept(filed.complaint, actor=supervisor_a)
    staff = login(supervisor_a)

    # The handler invites from the case page; the invitation goes out through the outbox.
    page = staff.get(f"/dashboard/cases/{case.pk}/").content.decode()
    assert "action-invite_respondent" in page
    assert staff_invites(staff, case).status_code == 302
    code = sent_code()
    assert sent_code(Notification.Channel.EMAIL) == code
    invitation = Invitation.objects.get(complaint=case)
    assert code not in invitation.token_hash
    expected_due = workdays.add_working_days(timezone.localdate(), 10)
    assert invitation.due_on == expected_due

    # The respondent enters the code and opens the enterprise's account with its credit code.
    respondent = Client()
    response = respondent.post("/respondent/invitation/", {"code": code.lower()})
    assert response["Location"] == "/respondent/invitation/accept/"
    account = {
        "uscc": USCC_A.lower(),
        "name": NAME_A,
        "username": "guanggu_legal",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    assert respondent.post("/respondent/invitation/accept/", account).status_code == 302
    login_row = RespondentUser.objects.get(user__username="guanggu_legal")
    assert login_row.enterprise.uscc == USCC_A and login_row.is_admin

    listing = respondent.get("/respondent/").content.decode()
    assert case.tracking_number in listing
    case_page = respondent.get(f"/respondent/cases/{case.pk}/").content.decode()
    assert "请说明情况并停止销售。" in case_page
    assert expected_due.strftime("%Y-%m-%d") in case_page
    assert "张**" in case_page and "张三丰" not in case_page

    # The answer: a settlement, with evidence kept in custody like the citizens'.
    upload = SimpleUploadedFile("授权书.pdf", pdf_bytes("licence"))
    response = respondent.post(
        f"/respondent/cases/{case.pk}/",
        {
            "position": "settle",
            "statement": "我司已下架涉案商品。",
            "settlement_terms": "赔偿投诉人 2000 元。",
            "files": [upload],
        },
    )
    assert response.status_code == 302
    answer = RespondentAnswer.objects.get(complaint=case)
    assert answer.position == "settle" and answer.due_on == expected_due
    evidence = Evidence.objects.get(complaint=case, uploaded_by=Evidence.Uploader.RESPONDENT)
    assert evidence.has_original and evidence.original_name == "授权书.pdf"
    # The enterprise reads back its own file (the cleaned copy), logged; no other file.
    own = respondent.get(f"/respondent/cases/{case.pk}/files/{evidence.pk}/")
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert b"".join(own.streaming_content) == evidence.file.open("rb").read()
    assert AccessLog.objects.filter(complaint=case, action="respondent_file").exists()
    complainant_file = Evidence.objects.get(complaint=case, original_name="购买凭证.pdf")
    url = f"/respondent/cases/{case.pk}/files/{complainant_file.pk}/"
    assert respondent.get(url).status_code == 404
    # A second answer is refused: one answer per case.
    again = respondent.post(
        f"/respondent/cases/{case.pk}/",
        {"position": "dispute", "statement": "另有说明"},
        follow=True,
    )
    assert "本案已答复或已办结，不能再答复。" in again.content.decode()
    assert RespondentAnswer.objects.get(complaint=case).position == "settle"

    # The complainant sees the answer on the tracking page and accepts the settlement.
    citizen = Client()
    citizen.post(
        "/complaints/track/",
        {"tracking_number": case.tracking_number, "access_code": filed.access_code},
    )
    track = citizen.get("/complaints/track/case/").content.decode()
    assert "赔偿投诉人 2000 元。" in track and "我司已下架涉案商品。" in track
    assert "guanggu_legal" not in track
    decided = citizen.post(
        "/complaints/track/case/act/settlement_decision/", {"decision": "accepted"}
    )
    assert decided.status_code == 302
    answer.refresh_from_db()
    assert answer.complainant_decision == "accepted" and answer.complainant_decided_at
    track = citizen.get("/complaints/track/case/").content.decode()
    assert "投诉人接受和解方案" in track and "提交意见" not in track
    # Once decided, the decision is closed.
    refused = citizen.post(
        "/complaints/track/case/act/settlement_decision/", {"decision": "declined"}
    )
    assert refused.status_code == 302
    answer.refresh_from_db()
    assert answer.complainant_decision == "accepted"

    # The handler sees everything.
    staff_page = staff.get(f"/dashboard/cases/{case.pk}/").content.decode()
    for text in ("我司已下架涉案商品。", "赔偿投诉人 2000 元。", "投诉人接受和解方案", USCC_A):
        assert text in staff_page
    assert "action-invite_respondent" not in staff_page  # answered: no new invitation


def test_the_invitation_code_leaves_the_outbox_once_sent(calendar, supervisor_a):
    _case, code = invited_case(supervisor_a)
    sms = Notification.objects.get(purpose="respondent_invite", channel="sms")
    assert code in sms.body
    deliver(sms.pk)
    sms.refresh_from_db()
    assert sms.status == Notification.State.SENT and code not in sms.body


def test_deadline_follows_the_category_in_working_days(calendar, supervisor_a):
    from complaints.models import Category

    Category.objects.filter(code="trademark-infringement").update(respondent_days=3)
    case, _code = invited_case(supervisor_a)
    invitation = Invitation.objects.get(complaint=case)
    assert invitation.due_on == workdays.add_working_days(timezone.localdate(), 3)


def test_credit_code_must_be_valid_and_match_the_case(calendar, supervisor_a):
    _case, code = invited_case(supervisor_a)
    client = Client()
    client.post("/respondent/invitation/", {"code": code})
    base = {"name": NAME_A, "username": "x_user", "password1": PASSWORD, "password2": PASSWORD}
    bad_checksum = USCC_A[:-1] + ("0" if USCC_A[-1] != "0" else "1")
    page = client.post("/respondent/invitation/accept/", {**base, "uscc": bad_checksum})
    assert "校验位不正确" in page.content.decode()
    page = client.post("/respondent/invitation/accept/", {**base, "uscc": USCC_B})
    assert "与案件记录的被投诉人不一致" in page.content.decode()
    assert not Enterprise.objects.exists() and not RespondentUser.objects.exists()


def test_expired_or_used_invitations_open_nothing(calendar, supervisor_a):
    _case, code = invited_case(supervisor_a)
    client = Client()
    Invitation.objects.update(expires_at=timezone.now())
    page = client.post("/respondent/invitation/", {"code": code}).content.decode()
    assert "邀请码不正确或已失效" in page
    Invitation.objects.update(expires_at=timezone.now() + timezone.timedelta(days=1))
    client.post("/respondent/invitation/", {"code": code})
    account = {
        "uscc": USCC_A,
        "name": NAME_A,
        "username": "first_user",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    assert client.post("/respondent/invitation/accept/", account).status_code == 302
    other = Client()
    page = other.post("/respondent/invitation/", {"code": code}).content.decode()
    assert "邀请码不正确或已失效" in page


def test_a_second_case_joins_the_same_enterprise_account(calendar, supervisor_a):
    first, code = invited_case(supervisor_a)
    client = Client()
    client.post("/respondent/invitation/", {"code": code})
    client.post(
        "/respondent/invitation/accept/",
        {
            "uscc": USCC_A,
            "name": NAME_A,
            "username": "shared_login",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    second, code2 = invited_case(supervisor_a)
    client.post("/respondent/invitation/", {"code": code2})
    assert client.post("/respondent/invitation/accept/").status_code == 302
    listing = client.get("/respondent/").content.decode()
    assert first.tracking_number in listing and second.tracking_number in listing
    assert Enterprise.objects.count() == 1 and RespondentUser.objects.count() == 1


def test_admin_invites_a_colleague_who_sees_the_same_cases(calendar, supervisor_a):
    case, code = invited_case(supervisor_a)
    admin = Client()
    admin.post("/respondent/invitation/", {"code": code})
    account = {"uscc": USCC_A, "name": NAME_A, "password1": PASSWORD, "password2": PASSWORD}
    admin.post("/respondent/invitation/accept/", {**account, "username": "admin_user"})
    assert admin.post("/respondent/colleagues/", {"phone": "13700000002"}).status_code == 302
    colleague_sms = Notification.objects.filter(recipient="13700000002").get()
    colleague_code = CODE.search(colleague_sms.body).group(0)
    colleague = Client()
    colleague.post("/respondent/invitation/", {"code": colleague_code})
    colleague.post("/respondent/invitation/accept/", {**account, "username": "colleague"})
    joined = RespondentUser.objects.get(user__username="colleague")
    assert joined.enterprise.uscc == USCC_A and not joined.is_admin
    assert case.tracking_number in colleague.get("/respondent/").content.decode()
    # Only the administrator invites colleagues.
    assert colleague.get("/respondent/colleagues/").status_code == 404


def test_every_case_view_by_a_respondent_is_logged(calendar, supervisor_a):
    case, code = invited_case(supervisor_a)
    client = Client()
    client.post("/respondent/invitation/", {"code": code})
    client.post(
        "/respondent/invitation/accept/",
        {
            "uscc": USCC_A,
            "name": NAME_A,
            "username": "logged_user",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    for _ in range(2):
        assert client.get(f"/respondent/cases/{case.pk}/").status_code == 200
    logs = AccessLog.objects.filter(complaint=case, action="respondent_view")
    assert logs.count() == 2
    assert all(log.user.username == "logged_user" and log.ip_hash for log in logs)
