"""Notification preference, export of my data, deleting the account, and filing while signed in."""

import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from citizens.models import Citizen, SignInCode
from complaints.models import AccessLog, Complaint, Status
from complaints.services.events import record_event
from tests.factories.citizens import CitizenFactory, sign_in
from tests.factories.complaints import file_complaint, staff_member

PHONE = "13812345678"


@pytest.mark.django_db
def test_notification_preference_is_stored(client):
    sign_in(client, PHONE)

    refused = client.post("/account/data/", {"notify_by": "email", "email": ""})
    page = BeautifulSoup(refused.content, "html.parser")
    email = page.find("input", attrs={"name": "email"})
    assert "选择电子邮件通知时请填写电子邮箱" in page.find(id="id_email_error").get_text()
    assert "id_email_error" in email["aria-describedby"]

    saved = client.post("/account/data/", {"notify_by": "email", "email": "me@example.cn"})

    assert saved["Location"] == "/account/data/"
    citizen = Citizen.objects.get(phone=PHONE)
    assert (citizen.notify_by, citizen.email) == ("email", "me@example.cn")


@pytest.mark.django_db
def test_every_field_says_who_reads_it(client):
    sign_in(client, PHONE)
    page = BeautifulSoup(client.get("/account/data/").content, "html.parser")
    for name in ("email", "confirm"):
        field = page.find("input", attrs={"name": name})
        help_id = next(i for i in field["aria-describedby"].split() if i.endswith("helptext"))
        assert "本系统" in page.find(id=help_id).get_text()
    assert "保存期限" in page.get_text()  # deletion of cases is explained


@pytest.mark.django_db
def test_export_contains_my_cases_and_what_i_may_see(client, reference_data):
    mine = file_complaint(complainant_phone=PHONE, facts="我方注册商标被仿冒，已购买样品。")
    theirs = file_complaint(complainant_phone="13900001111")
    case = mine.complaint
    handler = staff_member(case.bureau)
    record_event(
        case, "note", actor=handler, public_note="已联系被投诉人。", internal_note="内部：疑似惯犯"
    )
    sign_in(client, PHONE)

    response = client.post("/account/data/export/")

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["phone"] == PHONE
    [exported] = data["cases"]
    assert exported["tracking_number"] == case.tracking_number
    assert exported["facts"] == "我方注册商标被仿冒，已购买样品。"
    assert exported["complainant_id_number"] == case.complainant_id_number
    notes = [event["public_note"] for event in exported["events"]]
    assert "已联系被投诉人。" in notes
    text = response.content.decode()
    assert "内部：疑似惯犯" not in text and "分派依据" not in text  # staff-only notes
    assert theirs.complaint.tracking_number not in text
    assert AccessLog.objects.filter(complaint=case, action="account_export").exists()
    assert client.get("/account/data/export/").status_code == 405


@pytest.mark.django_db
def test_delete_account_keeps_the_cases_and_ends_every_session(client, reference_data):
    case = file_complaint(complainant_phone=PHONE).complaint
    other_device = Client()
    sign_in(client, PHONE)
    sign_in(other_device, PHONE)

    refused = client.post("/account/data/delete/", {})
    assert refused.status_code == 200 and Citizen.objects.filter(phone=PHONE).exists()
    assert "请勾选确认" in refused.content.decode()

    response = client.post("/account/data/delete/", {"confirm": "on"})

    assert response["Location"] == "/account/"
    assert not Citizen.objects.filter(phone=PHONE).exists()
    assert not SignInCode.objects.exists()
    assert Complaint.objects.filter(pk=case.pk).exists()
    for device in (client, other_device):
        page = device.get("/account/")
        assert "citizens/sign_in.html" in [t.name for t in page.templates]
        assert case.tracking_number not in page.content.decode()


@pytest.mark.django_db
def test_closed_purged_cases_leave_my_cases(client, reference_data):
    """The retention purge blanks the phone: a purged case is no longer found by it."""
    from django.core.management import call_command

    case = file_complaint(complainant_phone=PHONE).complaint
    long_ago = timezone.now() - datetime.timedelta(days=10_000)
    Complaint.objects.filter(pk=case.pk).update(status=Status.CLOSED, closed_at=long_ago)
    call_command("purge_expired_cases", "--apply", stdout=io.StringIO())
    assert Complaint.objects.get(pk=case.pk).purged_at is not None
    sign_in(client, PHONE)
    assert case.tracking_number not in client.get("/account/").content.decode()


@pytest.mark.django_db
def test_other_sessions_of_a_stale_token_are_signed_out(client):
    sign_in(client, PHONE)
    citizen = Citizen.objects.get(phone=PHONE)
    citizen.session_token = "rotated"
    citizen.save()
    page = client.get("/account/")
    assert "citizens/sign_in.html" in [t.name for t in page.templates]


@pytest.mark.django_db
def test_wizard_prefills_the_contact_step_when_signed_in(client, reference_data, answers):
    file_complaint(complainant_phone=PHONE, complainant_name="张三丰")
    CitizenFactory(phone=PHONE, email="zhang@example.cn")
    sign_in(client, PHONE)
    client.post("/complaints/new/what/", answers["what"])

    form = client.get("/complaints/new/who/").context["form"]

    assert form.initial["complainant_phone"] == PHONE
    assert form.initial["complainant_name"] == "张三丰"
    assert form.initial["complainant_email"] == "zhang@example.cn"
    # What the citizen typed wins over the prefill.
    client.post("/complaints/new/who/", {**answers["who"], "complainant_name": "李四"})
    assert client.get("/complaints/new/who/").context["form"].initial["complainant_name"] == "李四"


@pytest.mark.django_db
def test_wizard_is_not_prefilled_without_an_account(client, reference_data, answers):
    file_complaint(complainant_phone=PHONE)
    client.post("/complaints/new/what/", answers["what"])
    assert "complainant_phone" not in client.get("/complaints/new/who/").context["form"].initial
