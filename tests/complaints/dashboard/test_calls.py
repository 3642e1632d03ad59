"""Hotline operators record a call on one page: access, the wizard's rules, consent, filing."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from complaints.dashboard.call_reading import reading
from complaints.models import (
    CaseEvent,
    Category,
    Channel,
    Complaint,
    District,
    PhoneIntake,
    Source,
    Status,
)
from complaints.notifications import sms
from complaints.notifications.models import Notification
from complaints.services import access
from complaints.services.phone_intake import can_record_calls
from tests.factories.complaints import UserFactory, file_complaint, hotline_operator

NEW = "/dashboard/calls/new/"
PREVIEW = "/dashboard/calls/new/preview/"
DONE = "/dashboard/calls/done/"
TOKEN = "t" * 32


@pytest.fixture(autouse=True)
def clean_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def operator(reference_data):
    return hotline_operator()


@pytest.fixture
def operator_client(operator):
    client = Client()
    client.force_login(operator)
    return client


def call_post(token=TOKEN, **overrides) -> dict:
    """A typical call: a trademark complaint against a shop in 江岸区, consent given."""
    data = {
        "form_token": token,
        "hotline": str(Channel.objects.get(code="12315").pk),
        "kind": "complaint",
        "consent": "yes",
        "complainant_name": "张三丰",
        "complainant_phone": "13812345678",
        "complainant_address": "武汉市江岸区沿江大道1号",
        "complainant_id_type": "",
        "complainant_id_number": "",
        "complainant_email": "",
        "category": str(Category.objects.get(code="trademark-infringement").pk),
        "district": str(District.objects.get(code="jiangan").pk),
        "respondent_name": "武汉某某贸易有限公司",
        "respondent_address": "武汉市江岸区解放大道100号",
        "facts": "该店销售的运动鞋使用了我公司的注册商标，我没有授权。",
        "request": "请求责令停止侵权。",
        "ip_right_type": "trademark",
        "ip_right_number": "12345678",
        "nav": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_only_operators_and_superusers_reach_the_page(operator_client, handler_a, login):
    assert Client().get(NEW).status_code == 302  # to the sign-in page
    assert login(handler_a).get(NEW).status_code == 403  # bureau staff are not operators
    assert login(handler_a).get(PREVIEW).status_code == 403
    assert login(handler_a).post(NEW, call_post()).status_code == 403
    assert not Complaint.objects.exists()
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert login(admin).get(NEW).status_code == 200
    response = operator_client.get(NEW)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_page_starts_on_the_first_field_with_no_answer_for_the_caller(operator_client):
    html = operator_client.get(NEW).content.decode()
    assert re.search(r'<select name="hotline"[^>]*autofocus', html)
    consent_inputs = re.findall(r'<input[^>]*name="consent"[^>]*>', html)
    assert len(consent_inputs) == 2 and not any("checked" in tag for tag in consent_inputs)
    assert 'name="power_of_attorney"' not in html and 'name="evidence"' not in html
    # Every field says who reads it.
    assert html.count("call-audience") >= 20
    assert "谁能看到" in html


def test_a_call_is_filed_as_a_phone_case_with_the_operator_as_actor(
    operator_client, operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(NEW, call_post())
    assert response.status_code == 302 and response["Location"] == DONE

    case = Complaint.objects.get()
    assert case.source == Source.PHONE and case.status == Status.SUBMITTED
    assert case.bureau.code == "jiangan-amr" and case.due_on is not None
    assert case.complainant_phone == "13812345678"
    phone = PhoneIntake.objects.get(complaint=case)
    assert phone.hotline.code == "12315" and phone.operator == operator
    assert "请问您同意吗" in phone.consent_text
    event = CaseEvent.objects.get(complaint=case)
    assert event.action == "submitted" and event.actor == operator
    assert event.actor_label == "吴倩"
    assert "12315" in event.internal_note and "口头同意" in event.internal_note
    assert "分派依据" in event.internal_note

    # The receipt: tracking number and access code, grouped with a reading aid.
    page = operator_client.get(DONE)
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    code = re.search(r'data-testid="access-code">([A-Z0-9-]+)<', html).group(1)
    assert case.access_code_hash == access.hash_access_code(code)
    assert case.tracking_number in html
    last = case.tracking_number[-1]
    word = reading(last)
    assert f'<ruby class="call-char">{last}<rp>(</rp><rt>{word}</rt>' in html

    # The same code went out by SMS through the outbox (redacted there once sent).
    assert len(sms.outbox) == 1
    message = sms.outbox[0]
    assert message.to == "13812345678"
    assert case.tracking_number in message.body and code in message.body
    note = Notification.objects.get(complaint=case)
    assert note.purpose == "confirmation" and note.status == Notification.State.SENT
    assert code not in note.body


def test_unanswered_consent_blocks_saving_and_keeps_every_answer(operator_client):
    response = operator_client.post(NEW, call_post(consent=None))
    html = response.content.decode()
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert "请向来电人宣读个人信息处理说明，并记录其答复" in html
    assert 'id="call-errors"' in html and "autofocus" in html
    for value in ("张三丰", "13812345678", "武汉某某贸易有限公司", "我没有授权", "12345678"):
        assert value in html
    assert re.search(r'<option value="\d+" selected>商标侵权', html)
    assert not sms.outbox


def test_a_caller_who_declines_cannot_be_recorded(operator_client):
    response = operator_client.post(NEW, call_post(consent="no"))
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert "来电人不同意处理其个人信息" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"complainant_phone": "12345"}, "请填写有效的手机号码"),
        ({"ip_right_number": "ABC-不是号码"}, "商标注册号应为数字"),
        (
            {"complainant_id_type": "resident_id", "complainant_id_number": "123"},
            "身份证号码不正确",
        ),
        ({"respondent_name": ""}, "请填写被投诉（举报）对象的名称"),
        ({"complainant_address": ""}, "请填写此项"),
        ({"facts": "太短"}, "facts"),
        ({"hotline": ""}, "请选择来电人拨打的热线"),
    ],
)
def test_the_wizards_rules_apply(operator_client, overrides, message):
    response = operator_client.post(NEW, call_post(**overrides))
    html = response.content.decode()
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert 'id="call-errors"' in html
    if message != "facts":
        assert message in html
    else:
        assert 'id="id_facts_error"' in html


def test_a_category_refuses_a_kind_it_does_not_take(operator_client):
    patent = Category.objects.get(code="patent-dispute")
    response = operator_client.post(
        NEW, call_post(kind="report", category=str(patent.pk), ip_right_type="patent")
    )
    assert "只能以" in response.content.decode() and not Complaint.objects.exists()


def test_only_a_report_may_be_anonymous(operator_client, django_capture_on_commit_callbacks):
    response = operator_client.post(NEW, call_post(is_anonymous="on"))
    assert "只有举报可以匿名" in response.content.decode()
    assert not Complaint.objects.exists()

    anonymous = call_post(
        kind="report", is_anonymous="on", complainant_name="", complainant_phone="", request=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(NEW, anonymous)
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.is_anonymous and case.complainant_phone == "" and case.source == Source.PHONE
    assert not sms.outbox and not Notification.objects.exists()
    html = operator_client.get(DONE).content.decode()
    assert "不发送短信" in html and 'data-testid="access-code"' in html


def test_a_repeated_save_files_one_case(operator_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = operator_client.post(NEW, call_post())
        again = operator_client.post(NEW, call_post())
    assert first.status_code == again.status_code == 302
    assert Complaint.objects.count() == 1 and len(sms.outbox) == 1
    assert 'data-testid="access-code"' in operator_client.get(DONE).content.decode()


def test_saving_is_throttled_per_operator_without_losing_the_answers(operator_client, monkeypatch):
    from complaints.dashboard.views import calls

    monkeypatch.setattr(calls, "SAVE_LIMIT", 1)
    assert operator_client.post(NEW, call_post()).status_code == 302
    response = operator_client.post(NEW, call_post(token="u" * 32))
    assert response.status_code == 429 and response["Retry-After"]
    assert "记录过于频繁" in response.content.decode()
    assert "我没有授权" in response.content.decode()
    assert Complaint.objects.count() == 1


def test_the_receipt_is_the_operators_own(operator_client, login):
    operator_client.post(NEW, call_post())
    other = hotline_operator(username="operator2")
    client = login(other)
    session = client.session
    session["dashboard_call_receipt"] = TOKEN
    session.save()
    assert client.get(DONE).status_code == 404


def test_the_next_call_forgets_the_receipt(operator_client):
    operator_client.post(NEW, call_post())
    html = operator_client.get(NEW).content.decode()
    # The hotline of the last call is preselected: operators sit on one line.
    hotline = Channel.objects.get(code="12315").pk
    assert f'<option value="{hotline}" selected>' in html
    assert operator_client.get(DONE)["Location"] == NEW


def test_live_preview_routes_like_the_wizard_and_lists_required_fields(operator_client):
    category = Category.objects.get(code="trademark-infringement")
    district = District.objects.get(code="wuchang")
    response = operator_client.get(
        PREVIEW, {"kind": "complaint", "category": category.pk, "district": district.pk}
    )
    data = response.json()
    assert "武昌区市场监督管理局" in data["html"] and "个工作日" in data["html"]
    assert "complainant_address" in data["required"] and "ip_right_number" in data["required"]
    assert data["anonymous_allowed"] is False

    report = operator_client.get(PREVIEW, {"kind": "report", "category": category.pk}).json()
    assert report["anonymous_allowed"] is True
    assert "complainant_address" not in report["required"]
    assert "选择案件类别后" in operator_client.get(PREVIEW).json()["html"]


def test_preview_without_javascript_keeps_the_answers_and_shows_no_errors(operator_client):
    response = operator_client.post(NEW, call_post(nav="preview", consent=None))
    html = response.content.decode()
    assert response.status_code == 200 and not Complaint.objects.exists()
    assert 'data-testid="route-bureau">江岸区市场监督管理局' in html
    assert 'id="call-errors"' not in html and "is-invalid" not in html
    assert "我没有授权" in html and "13812345678" in html


def test_page_queries_stay_constant(operator_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        operator_client.get(NEW)
    with django_assert_max_num_queries(12):
        operator_client.get(PREVIEW, {"category": Category.objects.first().pk})


@pytest.mark.urls("tests.complaints.dashboard.calls_i18n_urls")
def test_english_page_and_errors(operator_client):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("dashboard:call_new")
    assert url == "/en/dashboard/calls/new/"
    html = operator_client.get(url).content.decode()
    assert '<html lang="en"' in html
    assert "Facts and reasons" in html  # a wizard label, from the shared catalogue
    response = operator_client.post(url, call_post(consent=None, complainant_phone="12345"))
    html = response.content.decode()
    assert 'lang="en"' in html and not Complaint.objects.exists()
    assert not re.search(r"[\u4e00-\u9fff]", _errors(html))  # the typed answers are not in it


def _errors(html: str) -> str:
    summary = r'<div class="alert alert-danger"[^>]*id="call-errors".*?</div>'
    return re.search(summary, html, re.S).group(0)


def test_every_string_of_the_call_pages_has_an_english_entry():
    """Source strings of the call pages are in an English table (the lead compiles them)."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    known = {}
    for table in (root / "locale/en/json").glob("*.json"):
        known.update(json.loads(table.read_text(encoding="utf-8")))
    sources = [*(root / "templates/complaints/dashboard").glob("call_*.html")]
    texts = [path.read_text(encoding="utf-8") for path in sources]
    found = set()
    for text in texts:
        found |= set(re.findall(r'{% translate "([^"]+)"', text))
        for body in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text):
            found.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", body))
    from complaints.forms import call

    found |= {str(text) for text in call.AUDIENCE.values()}
    found |= {str(title) for _key, title, _names in call.SECTIONS}
    found.add(str(call.CONSENT_NOTICE))
    missing = sorted(text for text in found if text not in known)
    assert not missing, missing


def test_demo_operator_can_record_calls_and_sees_no_queue(reference_data):
    from complaints.demo import operators
    from complaints.demo.staff import DEMO_PASSWORD

    operators.seed()
    operators.seed()  # idempotent
    user = UserFactory._meta.model.objects.get(username="hotline_operator")
    assert user.check_password(DEMO_PASSWORD) and can_record_calls(user)
    client = Client()
    client.force_login(user)
    assert client.get(NEW).status_code == 200
    assert client.get("/dashboard/").status_code == 403


def test_the_case_page_shows_how_the_call_came_in(
    operator_client, login, django_capture_on_commit_callbacks
):
    from complaints.models import Bureau, Role
    from tests.factories.complaints import staff_member

    operator_client.post(NEW, call_post())
    case = Complaint.objects.get()
    handler = staff_member(Bureau.objects.get(code="jiangan-amr"), Role.HANDLER, username="h")
    html = login(handler).get(f"/dashboard/cases/{case.pk}/").content.decode()
    assert 'data-testid="call-panel"' in html and "12315" in html and "吴倩" in html
    assert "请问您同意吗" in html
    web = file_complaint().complaint
    html = login(handler).get(f"/dashboard/cases/{web.pk}/").content.decode()
    assert 'data-testid="call-panel"' not in html


def test_codes_are_read_in_short_groups_with_a_word_per_character():
    from complaints.dashboard.call_reading import groups

    assert groups("IP-2026-K7MP3Q") == [
        [("I", "India"), ("P", "Papa")],
        [("2", "二"), ("0", "零"), ("2", "二"), ("6", "六")],
        [("K", "Kilo"), ("7", "七"), ("M", "Mike")],
        [("P", "Papa"), ("3", "三"), ("Q", "Quebec")],
    ]
    code = "ABCDE-FGHJK-MNPQR-STUVW-XYZ23-4"
    assert [len(group) for group in groups(code)] == [5, 5, 5, 5, 5, 1]
    from django.utils import translation

    with translation.override("en"):
        assert groups("7")[0][0] == ("7", "seven")
