"""Open311 and event texts (issue 17): status notes in the request's language; a POST files the
case in the partner's language (locale, else Accept-Language)."""

import re

import pytest

from complaints.models import Bureau, Complaint
from complaints.services import lifecycle
from tests.factories.complaints import UserFactory, file_complaint

from .helpers import as_json, as_xml, xml_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def transferred():
    case = file_complaint().complaint
    return lifecycle.transfer(
        case,
        to_bureau=Bureau.objects.get(code="wh-amr"),
        actor=UserFactory(),
        reason="投诉人张三丰系重复投诉",
        public_note="请等待联系。",
    )


def test_status_notes_in_the_requests_language(client, transferred):
    url = f"/open311/v2/requests/{transferred.tracking_number}.json"
    [chinese] = as_json(client.get(url))
    assert chinese["status_notes"] == "已移送武汉市市场监督管理局办理。请等待联系。"
    [english] = as_json(client.get(url, {"locale": "en"}))
    assert english["status_notes"] == (
        "Transferred to Wuhan Administration for Market Regulation for handling. 请等待联系。"
    )
    [by_header] = as_json(client.get(url, headers={"accept-language": "en"}))
    assert by_header["status_notes"] == english["status_notes"]
    assert "张三丰" not in str(english)  # the transfer's reason stays internal


def test_list_and_xml_render_each_cases_latest_text(client):
    case = file_complaint().complaint
    root = as_xml(client.get("/open311/v2/requests.xml", {"locale": "en"}))
    [record] = [
        r for r in xml_records(root, "request") if r["service_request_id"] == case.tracking_number
    ]
    assert record["status_notes"].startswith("Received; handled by ")
    assert not CHINESE.search(record["status_notes"])
    [listed] = [
        r
        for r in as_json(client.get("/open311/v2/requests.json"))
        if r["service_request_id"] == case.tracking_number
    ]
    assert listed["status_notes"] == f"已收到，由{case.bureau.name}办理。"


@pytest.mark.parametrize(
    ("fields", "headers", "language"),
    [
        ({}, {}, "zh-hans"),
        ({"locale": "en"}, {}, "en"),
        ({"locale": "en_US"}, {"accept-language": "zh-CN"}, "en"),
        ({}, {"accept-language": "en-GB,en;q=0.8"}, "en"),
        ({"locale": "zh_CN"}, {"accept-language": "en"}, "zh-hans"),
    ],
)
def test_post_files_the_case_in_the_partners_language(post_case, fields, headers, language):
    response = post_case(headers=headers, **fields)
    assert response.status_code == 201
    [answer] = as_json(response)
    case = Complaint.objects.get(tracking_number=answer["service_request_id"])
    assert case.language == language
