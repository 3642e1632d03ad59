"""Property-based fuzzing of the intake service and the Open311 POST.

Whatever the text (control characters, NUL, CR/LF, lone surrogates, emoji, huge strings), the
outcome is either a created case that is routed and has a legal clock, or a clean refusal
(IntakeError / a 4xx in the Open311 error format) that stored nothing. Never a 500, never half
a case."""

import datetime
import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from complaints.models import Category, ClockStep, Complaint, District, Kind, Status
from complaints.services import clock, routing, workdays
from complaints.services.intake import IntakeError, submit_complaint
from tests.complaints.api.helpers import as_json, as_xml, xml_records
from tests.factories.complaints import intake_data

from .conftest import Snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no example database written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TODAY = datetime.date(2026, 3, 2)  # conftest.known_calendar_year

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "行1\r\n行2\n\r",
    "\u202e反转",
    "\ufeff",
    "😀👨‍👩‍👧𠀀",
    "<script>alert(1)</script>",
    "=1+1",
    "'; DROP TABLE complaints_complaint; --",
    "%s%n%x",
    "\\x00",
    "١٢٣",
]


def huge(symbols: str):
    return st.builds(lambda s, n: s * n, st.sampled_from(symbols), st.integers(1, 6000))


def hostile_text(surrogates: bool):
    alphabet = st.characters(exclude_categories=[] if surrogates else ["Cs"])
    return st.one_of(
        st.text(alphabet, max_size=60),
        st.text(st.characters(max_codepoint=0x1F), max_size=20),  # control characters
        st.sampled_from(SPECIAL),
        huge("a😀\x00\n长" + ("\ud800" if surrogates else "")),
    )


TEXT_FIELDS = [
    "complainant_name",
    "complainant_phone",
    "complainant_email",
    "complainant_id_type",
    "complainant_id_number",
    "complainant_address",
    "agent_name",
    "respondent_name",
    "respondent_credit_code",
    "respondent_address",
    "respondent_shop_name",
    "respondent_url",
    "respondent_platform",
    "ip_right_type",
    "ip_right_number",
    "facts",
    "request",
]


def assert_routed_with_a_legal_clock(case: Complaint, *, is_online=None, is_cross=None):
    case = Complaint.objects.select_related("category", "bureau", "district").get(pk=case.pk)
    expected = routing.route(
        case.category,
        case.district,
        is_online=case.is_online if is_online is None else is_online,
        is_cross_district=case.is_cross_district if is_cross is None else is_cross,
    )
    assert case.bureau == expected.bureau and case.bureau.is_active
    assert case.status == Status.SUBMITTED and case.channel_id == case.category.channel_id
    assert case.step == ClockStep.ACCEPTANCE and case.step_started_on == TODAY
    limit, unit = clock.limit_for(case, ClockStep.ACCEPTANCE)
    assert case.due_on == clock.compute_due(TODAY, limit, unit)
    assert case.due_on > TODAY and workdays.is_working_day(case.due_on)
    assert not case.is_overdue and case.paused_since is None
    assert list(case.events.values_list("action", flat=True)) == ["submitted"]
    return case


@FUZZ
@given(
    overrides=st.fixed_dictionaries(
        {}, optional={name: hostile_text(surrogates=True) for name in TEXT_FIELDS}
    ),
    kind=st.sampled_from([*Kind.values, "bogus", ""]),
    category_index=st.integers(0, 50),
    district_index=st.one_of(st.none(), st.integers(0, 50)),
    flags=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
)
def test_intake_service_creates_a_routed_case_or_refuses_cleanly(
    overrides, kind, category_index, district_index, flags
):
    categories = list(Category.objects.filter(is_active=True).order_by("pk"))
    districts = list(District.objects.order_by("pk"))
    is_anonymous, is_online, is_cross, is_agent = flags
    data = intake_data(
        categories[category_index % len(categories)],
        kind=kind,
        district=None if district_index is None else districts[district_index % len(districts)],
        is_anonymous=is_anonymous,
        is_online=is_online,
        is_cross_district=is_cross,
        is_agent_filing=is_agent,
        **overrides,
    )
    expected_text = {name: getattr(data, name) for name in TEXT_FIELDS}
    before = Snapshot.take()
    try:
        result = submit_complaint(data)
    except IntakeError as refusal:
        assert str(refusal)
        assert Snapshot.take() == before
        return
    assert result.created and result.access_code
    case = assert_routed_with_a_legal_clock(result.complaint)
    assert Snapshot.take().complaints == before.complaints + 1
    for name, value in expected_text.items():
        if is_anonymous and name in (
            "complainant_name",
            "complainant_phone",
            "complainant_id_number",
        ):
            assert getattr(case, name) == ""
        else:
            assert getattr(case, name) == value, name  # stored exactly, on every database


OPEN311_FIELDS = [
    "service_code",
    "description",
    "first_name",
    "last_name",
    "phone",
    "email",
    "address_string",
    "lat",
    "long",
    "media_url",
    "attribute[kind]",
    "attribute[district]",
    "attribute[respondent_name]",
    "attribute[respondent_address]",
    "attribute[respondent_credit_code]",
    "attribute[respondent_url]",
    "attribute[respondent_platform]",
    "attribute[respondent_shop_name]",
    "attribute[is_online]",
    "attribute[ip_right_type]",
    "attribute[ip_right_number]",
    "attribute[request]",
    "attribute[anonymous]",
    "idempotency_key",
]
VALID_OPEN311 = {
    "service_code": "trademark-infringement",
    "attribute[district]": "jiangan",
    "attribute[kind]": "complaint",
    "attribute[respondent_name]": "武汉某某贸易有限公司",
    "attribute[ip_right_number]": "12345678",
    "last_name": "张",
    "first_name": "三丰",
    "phone": "13812345678",
    "description": "被投诉人在运动鞋上使用与我方注册商标近似的标志。",
}


def _open311_body(params: dict, encoding: str, raw_key: str):
    params = {**params, "api_key": raw_key}
    if encoding == "json":
        body = {k: v for k, v in params.items() if not k.startswith("attribute[")}
        body["attribute"] = {k[10:-1]: v for k, v in params.items() if k.startswith("attribute[")}
        return json.dumps(body), "application/json"
    if encoding == "urlencoded":
        from django.utils.http import urlencode

        return urlencode(params), "application/x-www-form-urlencoded"
    return params, None  # the test client's multipart


@FUZZ
@given(
    encoding=st.sampled_from(["json", "urlencoded", "multipart"]),
    overrides=st.fixed_dictionaries(
        {}, optional={name: hostile_text(surrogates=True) for name in OPEN311_FIELDS}
    ),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_open311_post_creates_a_routed_case_or_answers_a_clean_4xx(
    client, raw_key, encoding, overrides, fmt
):
    if encoding != "json":  # form encodings are UTF-8 bytes: a lone surrogate cannot be sent
        assume(all(not any(0xD800 <= ord(ch) <= 0xDFFF for ch in v) for v in overrides.values()))
    body, content_type = _open311_body({**VALID_OPEN311, **overrides}, encoding, raw_key)
    before = Snapshot.take()
    kwargs = {"content_type": content_type} if content_type else {}
    response = client.post(f"/open311/v2/requests.{fmt}", body, **kwargs)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert Snapshot.take() == before
        if fmt == "json":
            errors = as_json(response)
            assert errors and all(e["code"] == response.status_code for e in errors)
            assert all(isinstance(e["description"], str) and e["description"] for e in errors)
        else:
            errors = xml_records(as_xml(response), "error")  # well-formed XML, always
            assert errors and all(e["code"] == str(response.status_code) for e in errors)
        return
    assert response.status_code in (200, 201)
    if fmt == "json":
        answer = as_json(response)[0]
        number = answer["service_request_id"]
    else:
        answer = xml_records(as_xml(response), "request")[0]
        number = answer["service_request_id"]
    case = Complaint.objects.get(tracking_number=number)
    if response.status_code == 201:
        assert answer["account_id"]
        assert Snapshot.take().complaints == before.complaints + 1
    assert_routed_with_a_legal_clock(case)
    description = {**VALID_OPEN311, **overrides}["description"].strip()
    assert case.facts.startswith(description)
