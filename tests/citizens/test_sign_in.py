"""Signing in with a phone and an SMS code: hashed, expiring, limited, and silent about cases."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone

from citizens import services
from citizens.models import Citizen, SignInCode
from complaints.notifications import sms
from complaints.notifications.sms import SMSError
from tests.factories.citizens import last_code, request_code, sign_in
from tests.factories.complaints import file_complaint

PHONE = "13812345678"


def signed_in(client) -> bool:
    response = client.get("/account/")
    return response.status_code == 200 and "citizens/cases.html" in [
        t.name for t in response.templates
    ]


def enter(client, code: str):
    return client.post("/account/code/", {"code": code})


def comparable(response, phone: str) -> str:
    """The page without what differs per request anyway (CSRF token, CSP nonce) or per number
    typed (its masked echo)."""
    text = response.content.decode().replace(f"{phone[:3]}****{phone[-4:]}", "X")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'nonce="[^"]+"', "", text)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.mark.django_db
def test_sign_in_happy_path(client, reference_data):
    case = file_complaint(complainant_phone=PHONE).complaint
    users_before = get_user_model().objects.count()

    response = request_code(client, "+86 138-1234-5678")  # normalised like intake's formats

    assert response.status_code == 302 and response["Location"] == "/account/code/"
    assert [m.to for m in sms.outbox] == [PHONE]
    code = last_code(PHONE)
    stored = SignInCode.objects.get()
    assert code not in stored.code_hash and len(stored.code_hash) == 64
    assert PHONE not in stored.phone_digest

    response = enter(client, code)

    assert response.status_code == 302 and response["Location"] == "/account/"
    page = client.get("/account/")
    assert case.tracking_number in page.content.decode()
    citizen = Citizen.objects.get(phone=PHONE)
    assert citizen.last_login is not None
    # A citizen is not a Django user: no staff login, group or admin is reachable.
    assert get_user_model().objects.count() == users_before
    assert client.get("/dashboard/").status_code == 302
    # The code is spent: it does not sign in a second time.
    assert services.verify_code(PHONE, code).outcome is services.Verified.WRONG


@pytest.mark.django_db
def test_code_is_six_random_digits(client):
    codes = set()
    for _ in range(4):
        request_code(client, PHONE)
        codes.add(last_code(PHONE))
    assert all(re.fullmatch(r"\d{6}", code) for code in codes)
    assert len(codes) > 1


@pytest.mark.django_db
def test_wrong_code_is_refused_with_an_accessible_error(client):
    request_code(client, PHONE)
    code = last_code(PHONE)

    response = enter(client, wrong(code))

    assert response.status_code == 200 and not signed_in(client)
    page = BeautifulSoup(response.content, "html.parser")
    field = page.find("input", attrs={"name": "code"})
    assert field["autocomplete"] == "one-time-code"
    error_id = next(i for i in field["aria-describedby"].split() if i.endswith("_error"))
    assert "验证码不正确" in page.find(id=error_id).get_text()
    assert page.find("label", attrs={"for": field["id"]})
    # A wrong guess does not spend the code.
    assert enter(client, code).status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_expired_code_is_refused(client, monkeypatch):
    request_code(client, PHONE)
    code = last_code(PHONE)
    later = timezone.now() + services.CODE_TTL + datetime.timedelta(seconds=1)
    monkeypatch.setattr(services.timezone, "now", lambda: later)

    response = enter(client, code)

    assert response.status_code == 200 and "验证码已过期" in response.content.decode()
    assert not signed_in(client)


@pytest.mark.django_db
def test_code_still_valid_just_before_expiry(client, monkeypatch):
    request_code(client, PHONE)
    code = last_code(PHONE)
    almost = timezone.now() + services.CODE_TTL - datetime.timedelta(seconds=5)
    monkeypatch.setattr(services.timezone, "now", lambda: almost)
    assert enter(client, code).status_code == 302


@pytest.mark.django_db
def test_attempts_are_limited_then_even_the_right_code_fails(client):
    request_code(client, PHONE)
    code = last_code(PHONE)
    for attempt in range(1, services.MAX_ATTEMPTS + 1):
        response = enter(client, wrong(code))
        expected = "错误次数过多" if attempt == services.MAX_ATTEMPTS else "验证码不正确"
        assert expected in response.content.decode(), attempt

    response = enter(client, code)

    assert "错误次数过多" in response.content.decode() and not signed_in(client)
    # A new code works again.
    request_code(client, PHONE)
    assert enter(client, last_code(PHONE)).status_code == 302


@pytest.mark.django_db
def test_a_new_code_replaces_the_previous_one(client):
    request_code(client, PHONE)
    first = last_code(PHONE)
    request_code(client, PHONE)
    second = last_code(PHONE)
    if first != second:
        assert enter(client, first).status_code == 200
    assert enter(client, second).status_code == 302


@pytest.mark.django_db
def test_codes_per_phone_are_rate_limited(client):
    for _ in range(services.PHONE_LIMIT):
        assert request_code(client, PHONE).status_code == 302

    response = request_code(client, PHONE)

    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert len(sms.outbox) == services.PHONE_LIMIT
    # Another number from the same address is not blocked by this phone's limit.
    assert request_code(client, "13912345678").status_code == 302


@pytest.mark.django_db
def test_codes_per_client_address_are_rate_limited(client):
    for n in range(services.ADDRESS_LIMIT):
        assert request_code(client, f"1370000{n:04d}").status_code == 302

    response = request_code(client, "13799999999")

    assert response.status_code == 429
    assert len(sms.outbox) == services.ADDRESS_LIMIT
    # Another address can still ask for a code.
    assert (
        client.post("/account/", {"phone": "13799999999"}, REMOTE_ADDR="10.9.9.9").status_code
        == 302
    )


@pytest.mark.django_db
def test_the_answer_never_reveals_whether_a_phone_has_cases(client, reference_data):
    with_cases, without = "13812345678", "13987654321"
    file_complaint(complainant_phone=with_cases)
    answers = []
    for phone in (with_cases, without):
        first = request_code(client, phone)
        page = client.get("/account/code/")
        wrong_answer = enter(client, "000000" if last_code(phone) != "000000" else "111111")
        answers.append(
            (
                first.status_code,
                first["Location"],
                comparable(page, phone),
                comparable(wrong_answer, phone),
                re.sub(r"\d{6}", "N", sms.outbox[-1].body),
            )
        )
    assert answers[0] == answers[1]


@pytest.mark.django_db
def test_invalid_phone_is_refused_without_sending(client):
    response = request_code(client, "027-8888-8888")  # a landline cannot receive the code

    assert response.status_code == 200 and "请填写有效的11位手机号码" in response.content.decode()
    assert sms.outbox == []


@pytest.mark.django_db
def test_code_page_without_a_pending_phone_goes_back(client):
    assert client.get("/account/code/")["Location"] == "/account/"


@pytest.mark.django_db
def test_sign_out(client):
    sign_in(client)
    assert signed_in(client)

    client.post("/account/sign-out/")

    assert not signed_in(client)


@pytest.mark.django_db
def test_english_page(client):
    response = client.get("/en/account/")
    assert response.status_code == 200
    assert 'autocomplete="tel"' in response.content.decode()


@pytest.mark.django_db
def test_a_gateway_failure_is_reported_without_a_pending_code(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise SMSError("gateway down")

    monkeypatch.setattr(services, "send_sms", refuse)

    response = request_code(client, PHONE)

    assert response.status_code == 200 and "短信发送失败" in response.content.decode()
    assert client.get("/account/code/")["Location"] == "/account/"
