"""The intake wizard with the Django test client: steps, saved progress, submit, receipt."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Complaint, Evidence, Kind, Status
from complaints.notifications.models import Notification
from complaints.services import access

from .conftest import pdf_bytes, walk_to_review

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("reference_data")]


def submit(client, **extra):
    page = client.get("/complaints/new/review/")
    token = page.context["form"].initial["form_token"]
    data = {"consent": "on", "form_token": token, "nav": "submit", **extra}
    return client.post("/complaints/new/review/", data), token


def test_full_journey_files_routes_and_shows_the_receipt_once(
    client, answers, django_capture_on_commit_callbacks
):
    files = {"details": {"evidence": [SimpleUploadedFile("发票.pdf", pdf_bytes())]}}
    review = walk_to_review(client, answers, files=files)
    assert review.status_code == 200
    body = review.content.decode()
    assert "张三丰" in body and "发票.pdf" in body
    assert "江岸区市场监督管理局" in body  # the handling bureau and why
    with django_capture_on_commit_callbacks(execute=True):
        response, token = submit(client)
    assert response.status_code == 302 and response["Location"].endswith("/complaints/new/done/")
    case = Complaint.objects.get()
    assert case.idempotency_key == token
    assert case.bureau.code == "jiangan-amr"
    assert case.status == Status.SUBMITTED and case.due_on is not None
    assert case.evidence.count() == 1
    done = client.get(response["Location"])
    html = done.content.decode()
    code = re.search(r'data-testid="access-code">([^<]+)<', html).group(1)
    assert access.verify(case.tracking_number, code) == case
    assert {"no-store", "no-cache", "private", "max-age=0"} <= {
        part.strip() for part in done["Cache-Control"].split(",")
    }
    # The code is shown once; the receipt page afterwards shows only the number.
    again = client.get("/complaints/new/done/").content.decode()
    assert case.tracking_number in again and code not in again
    # No personal data or codes in any URL of the journey.
    assert case.tracking_number not in response["Location"]
    sms = Notification.objects.get(channel="sms")
    assert sms.status == "sent" and code not in sms.body


def test_validation_error_keeps_earlier_answers_and_step_text(client, answers):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    bad = dict(answers["details"], ip_right_number="ABC")
    response = client.post("/complaints/new/details/", bad)
    assert response.status_code == 200
    assert "商标注册号应为数字" in response.content.decode()
    assert "已购买样品" in response.content.decode()  # the facts typed in this step
    who = client.get("/complaints/new/who/").content.decode()
    assert "张三丰" in who and "13812345678" in who
    what = client.get("/complaints/new/what/")
    assert what.context["form"].initial["district"] == answers["what"]["district"]


def test_back_keeps_unvalidated_input(client, answers):
    walk_to_review(client, answers, steps=("what", "who"))
    response = client.post(
        "/complaints/new/respondent/", {"respondent_name": "半填的名称", "nav": "back"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/who/")
    assert "半填的名称" in client.get("/complaints/new/respondent/").content.decode()


def test_cannot_skip_ahead(client, answers):
    client.post("/complaints/new/what/", answers["what"])
    response = client.get("/complaints/new/details/")
    assert response.status_code == 302 and response["Location"].endswith("/complaints/new/who/")


def test_step_one_suggests_a_category_and_the_bureau(client, reference_data):
    response = client.post(
        "/complaints/new/what/", {"description": "网上有人卖盗版小说和影视", "nav": "suggest"}
    )
    assert response.status_code == 302
    page = client.get("/complaints/new/what/")
    suggestions = page.context["suggestions"]
    assert suggestions[0].category.code == "online-piracy"
    assert page.context["form"].initial["category"] == str(suggestions[0].category.pk)
    assert page.context["route"]["bureau"].code == "wh-copyright"


def test_consent_is_required(client, answers):
    walk_to_review(client, answers)
    page = client.get("/complaints/new/review/")
    token = page.context["form"].initial["form_token"]
    response = client.post("/complaints/new/review/", {"form_token": token, "nav": "submit"})
    assert response.status_code == 200
    assert "须同意个人信息处理说明才能提交" in response.content.decode()
    assert not Complaint.objects.exists()


def test_double_submit_files_one_case(client, answers):
    walk_to_review(client, answers)
    first, token = submit(client)
    second = client.post(
        "/complaints/new/review/", {"consent": "on", "form_token": token, "nav": "submit"}
    )
    assert first.status_code == second.status_code == 302
    assert second["Location"].endswith("/complaints/new/done/")
    assert Complaint.objects.count() == 1


def test_anonymous_report_needs_the_challenge_and_stores_no_identity(client, answers):
    answers["what"]["kind"] = Kind.REPORT
    answers["who"] = {"is_anonymous": "on", "complainant_name": "不应保存"}
    walk_to_review(client, answers)
    page = client.get("/complaints/new/review/")
    question = page.context["challenge_question"]
    a, b = map(int, re.search(r"\((\d) \+ (\d) = \?\)", question).groups())
    token = page.context["form"].initial["form_token"]
    challenge_token = page.context["form"].initial["challenge_token"]
    wrong = client.post(
        "/complaints/new/review/",
        {
            "consent": "on",
            "form_token": token,
            "challenge_token": challenge_token,
            "challenge_answer": str(a + b + 1),
        },
    )
    assert wrong.status_code == 200 and not Complaint.objects.exists()
    challenge_token = wrong.context["form"].initial["challenge_token"]
    question = wrong.context["challenge_question"]
    a, b = map(int, re.search(r"\((\d) \+ (\d) = \?\)", question).groups())
    response = client.post(
        "/complaints/new/review/",
        {
            "consent": "on",
            "form_token": token,
            "challenge_token": challenge_token,
            "challenge_answer": str(a + b),
        },
    )
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.is_anonymous and case.complainant_name == "" and case.kind == Kind.REPORT


def test_honeypot_rejects_the_submission(client, answers):
    walk_to_review(client, answers)
    response, _token = submit(client, website="http://spam.example")
    assert response.status_code == 200 and not Complaint.objects.exists()


def test_anonymity_is_not_offered_for_a_complaint(client, answers):
    client.post("/complaints/new/what/", answers["what"])
    page = client.get("/complaints/new/who/")
    assert "is_anonymous" not in page.context["form"].fields


def test_agent_filing_needs_power_of_attorney(client, answers):
    client.post("/complaints/new/what/", answers["what"])
    data = dict(answers["who"], is_agent_filing="on", agent_name="李律师")
    response = client.post("/complaints/new/who/", data)
    assert response.status_code == 200 and "须上传授权委托书" in response.content.decode()
    data["power_of_attorney"] = SimpleUploadedFile("委托书.pdf", pdf_bytes("poa"))
    assert client.post("/complaints/new/who/", data).status_code == 302
    walk_to_review(client, answers, steps=("respondent", "details"))
    submit(client)
    evidence = Evidence.objects.get()
    assert evidence.note == "授权委托书" and evidence.original_name == "委托书.pdf"


def test_invalid_resident_id_is_refused(client, answers):
    client.post("/complaints/new/what/", answers["what"])
    data = dict(answers["who"], complainant_id_number="110105194912310021")
    response = client.post("/complaints/new/who/", data)
    assert response.status_code == 200
    assert "身份证号码不正确" in response.content.decode()


def test_english_pages_render(client, answers):
    response = client.get("/en/complaints/new/what/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
