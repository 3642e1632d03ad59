"""Hostile text: invalid UTF-8 bytes, NUL, lone surrogates, deep JSON, over-length values, and
4-byte characters (emoji, CJK Extension B) that must survive storage and display unchanged."""

import json

import pytest

from complaints.models import Complaint
from complaints.services.intake import IntakeError, submit_complaint
from tests.complaints.api.helpers import as_json
from tests.complaints.intake.conftest import walk_to_review
from tests.factories.complaints import file_complaint, intake_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

FOUR_BYTE = "商标😀侵权🈶𠀀𩸽👨‍👩‍👧"  # emoji, a ZWJ sequence and CJK Extension B characters
FORM = "application/x-www-form-urlencoded"


def open311_errors(response, status=400):
    assert response.status_code == status, response.content[:300]
    errors = as_json(response)
    assert errors and all(error["code"] == status for error in errors)
    return errors


# Invalid UTF-8 ----------------------------------------------------------------------------------


def test_invalid_utf8_in_a_wizard_body_is_not_a_server_error(client, answers, nothing_stored):
    body = (
        b"description=%FF%FE%C0%AF\xff\xfe&kind=complaint&category="
        + answers["what"]["category"].encode()
        + b"&nav=next"
    )
    response = client.post("/complaints/new/what/", body, content_type=FORM)
    assert response.status_code in (200, 302)
    saved = client.session["complaints_intake"]["data"]["what"]["description"]
    saved.encode("utf-8")  # stored as valid text (replacement characters), not raw bytes
    nothing_stored()


def test_invalid_utf8_in_a_tracking_lookup_is_the_normal_answer(client, filed):
    body = b"tracking_number=IP-2026-%FF%FE\xc3\x28&access_code=%ED%A0%80\xa0\xa1"
    response = client.post("/complaints/track/", body, content_type=FORM)
    assert response.status_code == 200
    assert "受理编号或访问码不正确" in response.content.decode()


def test_invalid_utf8_in_a_multipart_body_is_not_a_server_error(client, awaiting):
    boundary = b"XyZ"
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\n\xff\xfe\xc3\x28note\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="files"; filename="\xff\xfe.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--XyZ--\r\n"
    )
    response = client.post(
        "/complaints/track/case/supply/",
        body,
        content_type="multipart/form-data; boundary=" + boundary.decode(),
    )
    assert response.status_code in (200, 302)
    for name in awaiting.evidence.values_list("original_name", flat=True):
        name.encode("utf-8")


def test_invalid_utf8_in_an_open311_form_body(client, raw_key, nothing_stored):
    body = f"api_key={raw_key}&service_code=trademark-infringement&description=".encode()
    body += b"\xff\xfe\xc3\x28%FF&attribute[district]=\xa0"
    response = client.post("/open311/v2/requests.json", body, content_type=FORM)
    open311_errors(response)  # no name or phone: refused, but cleanly
    nothing_stored()


def test_invalid_utf8_in_an_open311_json_body(client, raw_key, nothing_stored):
    body = b'{"api_key": "' + raw_key.encode() + b'", "description": "\xff\xfe\xc3\x28"}'
    response = client.post("/open311/v2/requests.json", body, content_type="application/json")
    open311_errors(response)
    nothing_stored()


# NUL, lone surrogates, deep JSON ------------------------------------------------------------


@pytest.mark.parametrize("field", ["description", "last_name", "attribute[respondent_name]"])
def test_nul_in_an_open311_field_is_a_clean_400(post_case, nothing_stored, field):
    response = post_case(**{field: "侵权\x00事实" if field == "description" else "张\x00"})
    open311_errors(response)
    nothing_stored()


@pytest.mark.parametrize("value", ["\\u0000", "\\ud800", "abc\\udfff"], ids=["nul", "hi", "lo"])
def test_nul_and_lone_surrogates_in_open311_json_are_a_clean_400(
    client, raw_key, nothing_stored, value
):
    body = (
        (
            '{"api_key": "KEY", "service_code": "trademark-infringement",'
            ' "description": "侵权VALUE", "last_name": "张", "first_name": "三",'
            ' "phone": "13812345678",'
            ' "attribute": {"district": "jiangan", "ip_right_number": "12345678"}}'
        )
        .replace("KEY", raw_key)
        .replace("VALUE", value)
    )
    response = client.post("/open311/v2/requests.json", body, content_type="application/json")
    open311_errors(response)
    nothing_stored()


def test_deeply_nested_open311_json_is_a_clean_400(client, raw_key, nothing_stored):
    body = f'{{"api_key": "{raw_key}", "x": {"[" * 200_000}{"]" * 200_000}}}'
    response = client.post("/open311/v2/requests.json", body, content_type="application/json")
    open311_errors(response)
    nothing_stored()


@pytest.mark.parametrize(
    "overrides",
    [
        {"facts": "事实\x00理由"},
        {"complainant_name": "张\x00"},
        {"respondent_name": "\ud800公司"},
        {"request": "请求\udfff"},
    ],
    ids=["nul-facts", "nul-name", "surrogate-respondent", "surrogate-request"],
)
def test_intake_service_refuses_text_the_database_cannot_store(overrides, nothing_stored):
    with pytest.raises(IntakeError):
        submit_complaint(intake_data(**overrides))
    nothing_stored()


# Over-length ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "length"),
    [
        ("complainant_name", 101),
        ("complainant_phone", 31),
        ("complainant_id_number", 41),
        ("complainant_address", 201),
        ("respondent_name", 201),
        ("respondent_credit_code", 19),
        ("respondent_url", 501),
        ("ip_right_number", 41),
        ("agent_name", 101),
        ("complainant_email", 255),
    ],
)
def test_intake_service_refuses_text_longer_than_its_column(field, length, nothing_stored):
    value = (
        ("a" * (length - len("@example.cn")) + "@example.cn") if "email" in field else "长" * length
    )
    with pytest.raises(IntakeError, match=field):
        submit_complaint(intake_data(**{field: value}))
    nothing_stored()


def test_wizard_refuses_an_email_longer_than_the_column(client, answers, nothing_stored):
    """A 300-character address is valid for Django's form (≤ 320) but not for the column (254)."""
    walk_to_review(client, answers, steps=("what",))
    long_email = (
        "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "@" + "e" * 50 + ".cn"
    )
    assert 254 < len(long_email) <= 320
    response = client.post(
        "/complaints/new/who/", dict(answers["who"], complainant_email=long_email)
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("complainant_email")
    nothing_stored()


@pytest.mark.parametrize(
    ("step", "field", "length"),
    [
        ("what", "description", 501),
        ("who", "complainant_name", 101),
        ("who", "complainant_address", 201),
        ("respondent", "respondent_name", 201),
        ("details", "facts", 5001),
        ("details", "request", 2001),
    ],
)
def test_wizard_refuses_over_length_text_with_a_form_error(
    client, answers, nothing_stored, step, field, length
):
    steps = ("what", "who", "respondent", "details")
    walk_to_review(client, answers, steps=steps[: steps.index(step)])
    response = client.post(
        f"/complaints/new/{step}/", dict(answers[step], **{field: "长" * length})
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    nothing_stored()


def test_open311_over_length_description_is_a_clean_400(post_case, nothing_stored):
    open311_errors(post_case(description="长" * 4001))
    nothing_stored()


# 4-byte characters -------------------------------------------------------------------------------


def test_four_byte_characters_survive_the_wizard_storage_and_both_pages(
    client, answers, login, handler_a
):
    answers["who"]["complainant_name"] = "张" + FOUR_BYTE[:6]
    answers["respondent"]["respondent_name"] = FOUR_BYTE + "有限公司"
    answers["details"]["facts"] = "事实与理由：" + FOUR_BYTE * 3
    walk_to_review(client, answers)
    token = client.get("/complaints/new/review/").context["form"].initial["form_token"]
    assert (
        client.post("/complaints/new/review/", {"consent": "on", "form_token": token}).status_code
        == 302
    )
    done = client.get("/complaints/new/done/")
    code = done.context["access_code"]
    case = Complaint.objects.get()
    assert case.facts == "事实与理由：" + FOUR_BYTE * 3
    assert case.respondent_name == FOUR_BYTE + "有限公司"
    assert case.complainant_name == "张" + FOUR_BYTE[:6]
    staff_page = login(handler_a).get(f"/dashboard/cases/{case.pk}/").content.decode()
    assert FOUR_BYTE * 3 in staff_page and FOUR_BYTE + "有限公司" in staff_page
    client.post(
        "/complaints/track/", {"tracking_number": case.tracking_number, "access_code": code}
    )
    client.post("/complaints/track/case/withdraw/", {"reason": FOUR_BYTE, "confirm": "on"})
    assert FOUR_BYTE in client.get("/complaints/track/case/").content.decode()
    assert Complaint.objects.get().events.last().complainant_note.endswith(FOUR_BYTE)


def test_four_byte_characters_through_open311(post_case):
    response = post_case(description="描述" + FOUR_BYTE, **{"attribute[request]": FOUR_BYTE})
    assert response.status_code == 201, response.content
    case = Complaint.objects.get(tracking_number=as_json(response)[0]["service_request_id"])
    assert case.facts == "描述" + FOUR_BYTE and case.request == FOUR_BYTE


def test_four_byte_characters_through_the_intake_service():
    case = file_complaint(respondent_shop_name=FOUR_BYTE, facts=FOUR_BYTE).complaint
    case.refresh_from_db()
    assert case.respondent_shop_name == FOUR_BYTE and case.facts == FOUR_BYTE
    assert Complaint.objects.filter(facts__contains="𩸽").get() == case
    json.dumps(case.facts)


# Echoed or shown through Open311 ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '{"api_key": "%(key)s", "service_code": "trademark\\ud800"}',
        '{"api_key": "o311_\\udfff", "service_code": "trademark-infringement"}',
        '{"api_key": "%(key)s", "attribute": {"dis\\ud800trict": "jiangan"}}',
        '{"api_key": "%(key)s", "service_code": "trade\\u0000mark"}',
    ],
    ids=["surrogate-code", "surrogate-key", "surrogate-name", "nul-code"],
)
def test_open311_refuses_unstorable_text_anywhere_in_the_json(
    client, raw_key, nothing_stored, body
):
    response = client.post(
        "/open311/v2/requests.json", body % {"key": raw_key}, content_type="application/json"
    )
    open311_errors(response)
    nothing_stored()


def test_open311_xml_errors_stay_well_formed_with_control_characters(client, raw_key):
    from tests.complaints.api.helpers import as_xml, xml_records

    response = client.post(
        "/open311/v2/requests.xml", {"api_key": raw_key, "service_code": "a\x01b\x0bc\x1f"}
    )
    assert response.status_code == 404
    errors = xml_records(as_xml(response), "error")
    assert errors[0]["code"] == "404" and "abc" in errors[0]["description"]


def test_open311_xml_stays_well_formed_when_a_public_note_has_control_characters(
    client, tracked, raw_key, django_user_model
):
    from complaints.services import lifecycle
    from tests.complaints.api.helpers import as_xml, xml_records

    # Staff text pasted into a public note: Django's form keeps C0 controls other than NUL.
    staff = django_user_model.objects.create(username="handler")
    lifecycle.accept(tracked.complaint, actor=staff, public_note="受理\x01\x08\x0b")
    number = tracked.complaint.tracking_number
    for path in (f"/open311/v2/requests/{number}.xml", "/open311/v2/requests.xml"):
        response = client.get(path, {"api_key": raw_key})
        assert response.status_code == 200
        (record,) = [
            r for r in xml_records(as_xml(response), "request") if r["service_request_id"] == number
        ]
        assert record["status_notes"] == "受理"


@pytest.mark.parametrize("param", ["service_request_id", "service_code", "status"])
def test_open311_get_with_nul_in_a_filter_is_a_clean_400(client, raw_key, param):
    response = client.get(f"/open311/v2/requests.json?api_key={raw_key}&{param}=IP%00x")
    open311_errors(response)
