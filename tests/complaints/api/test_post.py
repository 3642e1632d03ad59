"""POST requests.json/.xml: filing, validation, keys, idempotent retries."""

import json
from unittest import mock

import pytest
from django.test import Client

from complaints.api.keys import issue_key, revoke
from complaints.api.models import ApiSubmission
from complaints.models import CaseEvent, Complaint, Kind, Source

from .helpers import as_json, as_xml

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_post_files_a_case_and_answers_in_the_standard_shape(post_case):
    response = post_case()
    assert response.status_code == 201
    [answer] = as_json(response)
    assert set(answer) == {"service_request_id", "service_notice", "account_id", "tracking_url"}
    case = Complaint.objects.get(tracking_number=answer["service_request_id"])
    assert case.source == Source.OPEN311
    assert case.kind == Kind.COMPLAINT
    assert case.district.code == "jiangan"
    assert case.bureau.name in answer["service_notice"]
    assert case.due_on.isoformat() in answer["service_notice"]
    assert answer["tracking_url"].endswith("/complaints/track/")
    assert isinstance(answer["account_id"], str) and len(answer["account_id"]) >= 26
    assert case.complainant_name == "张三丰" and case.complainant_phone == "13812345678"
    assert case.respondent_name == "武汉某某贸易有限公司"
    event = CaseEvent.objects.get(complaint=case)
    assert event.actor_label == "Open311: 12345 热线"
    assert ApiSubmission.objects.get(complaint=case).api_key.name == "12345 热线"


def test_post_xml(post_case):
    response = post_case(fmt="xml")
    assert response.status_code == 201
    root = as_xml(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request.findtext("service_request_id").startswith("IP-")
    assert request.findtext("service_notice")
    assert request.findtext("account_id")


def test_post_accepts_json_bodies(client, raw_key):
    body = {
        "api_key": raw_key,
        "service_code": "copyright-infringement",
        "lat": 30.55,
        "long": 114.32,
        "description": "网站未经许可传播我方作品。",
        "first_name": "四",
        "last_name": "李",
        "phone": "13900000000",
        "attribute": {"kind": "complaint", "is_online": "true"},
    }
    response = client.post(
        "/open311/v2/requests.json", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    case = Complaint.objects.get(tracking_number=as_json(response)[0]["service_request_id"])
    assert case.category.code == "copyright-infringement"
    assert case.district.code == "wuchang"
    assert case.is_online is True
    assert case.complainant_name == "李四"


def test_post_is_csrf_exempt(raw_key):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": raw_key,
            "service_code": "counterfeit-goods",
            "attribute[district]": "hongshan",
            "attribute[kind]": "report",
            "description": "某商场销售假冒名牌运动鞋。",
        },
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("location", "district"),
    [
        ({"attribute[district]": "qiaokou"}, "qiaokou"),
        ({"address_string": "武汉市江汉区解放大道688号"}, "jianghan"),
        ({"address_string": "光谷大道77号"}, "donghu-hitech"),
        ({"lat": "30.88", "long": "114.38"}, "huangpi"),
    ],
)
def test_location_by_district_address_or_coordinates(post_case, location, district):
    response = post_case(**{"attribute[district]": None, **location})
    assert response.status_code == 201, response.content
    case = Complaint.objects.get(tracking_number=as_json(response)[0]["service_request_id"])
    assert case.district.code == district


def test_address_without_a_known_district_goes_to_the_city_bureau(post_case):
    response = post_case(**{"attribute[district]": None, "address_string": "某网店"})
    assert response.status_code == 201
    case = Complaint.objects.get(tracking_number=as_json(response)[0]["service_request_id"])
    assert case.district is None and case.bureau.level == "city"


def test_anonymous_report(post_case):
    response = post_case(
        service_code="counterfeit-goods",
        **{"attribute[kind]": "report", "attribute[ip_right_number]": None},
        first_name=None,
        last_name=None,
        phone=None,
        email=None,
    )
    assert response.status_code == 201, response.content
    case = Complaint.objects.get(tracking_number=as_json(response)[0]["service_request_id"])
    assert case.is_anonymous and case.kind == Kind.REPORT and case.complainant_name == ""


def test_media_url_is_recorded_and_never_fetched(post_case):
    with (
        mock.patch("urllib.request.urlopen") as urlopen,
        mock.patch("socket.create_connection") as connect,
    ):
        response = post_case(media_url="https://partner.example/photos/1.jpg")
    assert response.status_code == 201
    urlopen.assert_not_called()
    connect.assert_not_called()
    case = Complaint.objects.get(tracking_number=as_json(response)[0]["service_request_id"])
    assert ApiSubmission.objects.get(complaint=case).media_url.endswith("/photos/1.jpg")
    assert "https://partner.example/photos/1.jpg" in case.facts
    assert case.evidence.count() == 0


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"description": None}, "description"),
        ({"description": "字" * 4001}, "4000"),
        ({"attribute[district]": None}, "address_string"),
        ({"attribute[district]": "atlantis"}, "attribute[district]"),
        ({"attribute[district]": None, "lat": "39.9", "long": "116.4"}, "lat/long"),
        ({"attribute[district]": None, "lat": "north", "long": "114.3"}, "lat/long"),
        ({"attribute[kind]": "assistance"}, "attribute[kind]"),
        ({"phone": None}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"media_url": "ftp://x.example/a"}, "media_url"),
        ({"attribute[anonymous]": "true"}, "匿名"),
        ({"service_code": None}, "service_code"),
    ],
)
def test_invalid_submissions_are_400_with_reasons(post_case, fields, fragment):
    response = post_case(**fields)
    assert response.status_code == 400
    errors = as_json(response)
    assert all(e["code"] == 400 and isinstance(e["description"], str) for e in errors)
    assert any(fragment in e["description"] for e in errors), errors
    assert Complaint.objects.count() == 0


def test_description_of_exactly_4000_characters_is_accepted(post_case):
    assert post_case(description="字" * 4000).status_code == 201


def test_category_requiring_a_right_number(post_case):
    response = post_case(service_code="patent-dispute", **{"attribute[ip_right_number]": None})
    assert response.status_code == 400
    assert "ip_right_number" in as_json(response)[0]["description"]


def test_invalid_xml_submission_errors_are_xml(post_case):
    response = post_case(fmt="xml", description=None)
    assert response.status_code == 400
    root = as_xml(response)
    assert root.tag == "errors" and root.findtext("error/code") == "400"


def test_unknown_service_code_is_404(post_case):
    response = post_case(service_code="no-such-service")
    assert response.status_code == 404
    assert as_json(response)[0]["code"] == 404


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_missing_or_bad_key_is_403(post_case, fmt):
    for key in (None, "", "o311_nope_nope"):
        response = post_case(fmt=fmt, api_key=key)
        assert response.status_code == 403
        body = as_json(response)[0] if fmt == "json" else as_xml(response).find("error")
        code = body["code"] if fmt == "json" else int(body.findtext("code"))
        assert code == 403
    assert Complaint.objects.count() == 0


def test_revoked_key_and_read_only_key_cannot_submit(post_case, api_key):
    _, read_only = issue_key("查询平台", scopes=["read"])
    assert post_case(api_key=read_only).status_code == 403
    revoke(api_key[0])
    assert post_case().status_code == 403
    assert Complaint.objects.count() == 0


def test_retry_with_the_same_idempotency_key_files_one_case(post_case):
    first = post_case(headers={"Idempotency-Key": "hotline-20261125-0001"})
    again = post_case(headers={"Idempotency-Key": "hotline-20261125-0001"})
    assert first.status_code == 201 and again.status_code == 200
    # The retry answers exactly as the first response did, the private code included.
    assert as_json(again) == as_json(first)
    assert Complaint.objects.count() == 1
    assert CaseEvent.objects.count() == 1


def test_idempotency_key_as_a_parameter(post_case):
    post_case(idempotency_key="abc-1")
    post_case(idempotency_key="abc-1")
    post_case(idempotency_key="abc-2")
    assert Complaint.objects.count() == 2


def test_two_partners_using_the_same_client_key_do_not_collide(post_case):
    _, other = issue_key("电商平台")
    first = post_case(idempotency_key="order-42")
    second = post_case(idempotency_key="order-42", api_key=other)
    assert first.status_code == second.status_code == 201
    assert as_json(first)[0]["service_request_id"] != as_json(second)[0]["service_request_id"]
    assert Complaint.objects.count() == 2


def test_retried_code_opens_only_with_the_submitting_key(post_case, raw_key):
    from complaints.api import sealing

    post_case(idempotency_key="k-1")
    record = ApiSubmission.objects.get()
    assert raw_key not in record.sealed_access_code
    assert sealing.unseal(record.sealed_access_code, raw_key + "x", "k-1") is None
    assert sealing.unseal(record.sealed_access_code, raw_key, "k-2") is None
    assert sealing.unseal(record.sealed_access_code, raw_key, "k-1")


def test_malformed_idempotency_key_is_refused(post_case):
    response = post_case(idempotency_key="x" * 65)
    assert response.status_code == 400


def test_api_key_in_the_query_string_of_a_post(client, raw_key):
    response = client.post(
        f"/open311/v2/requests.json?api_key={raw_key}",
        {
            "service_code": "counterfeit-goods",
            "attribute[district]": "wuchang",
            "attribute[kind]": "report",
            "description": "某商场销售假冒名牌运动鞋。",
        },
    )
    assert response.status_code == 201, response.content
