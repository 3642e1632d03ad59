"""GET requests.json/.xml and requests/<id>: fields, types, filters, limits."""

import datetime as dt

import pytest
from django.utils import timezone

from complaints.api import views
from complaints.models import Complaint, Status
from complaints.services import lifecycle
from tests.factories.complaints import UserFactory, file_complaint

from .helpers import as_json, as_xml, xml_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def _at(case, **delta):
    moment = timezone.now() - dt.timedelta(**delta)
    Complaint.objects.filter(pk=case.pk).update(submitted_at=moment)
    return moment


def test_single_request_fields_and_types(client):
    case = file_complaint().complaint
    [data] = as_json(client.get(f"/open311/v2/requests/{case.tracking_number}.json"))
    assert set(data) == REQUEST_FIELDS
    assert data["service_request_id"] == case.tracking_number
    assert data["status"] == "open"
    assert data["service_code"] == "trademark-infringement"
    assert data["service_name"] == "商标侵权"
    assert data["agency_responsible"] == case.bureau.name
    assert data["address"] == "江岸区"
    assert data["lat"] is None and data["long"] is None
    requested = dt.datetime.fromisoformat(data["requested_datetime"])
    assert requested.utcoffset() == dt.timedelta(hours=8)
    assert abs(requested - case.submitted_at) < dt.timedelta(seconds=1)
    assert dt.datetime.fromisoformat(data["updated_datetime"]).utcoffset() == dt.timedelta(hours=8)
    expected = dt.datetime.fromisoformat(data["expected_datetime"])
    assert expected.date() == case.due_on and expected.utcoffset() == dt.timedelta(hours=8)
    assert case.due_on.isoformat() in data["service_notice"]


def test_single_request_xml(client):
    case = file_complaint().complaint
    root = as_xml(client.get(f"/open311/v2/requests/{case.tracking_number}.xml"))
    assert root.tag == "service_requests"
    [record] = xml_records(root, "request")
    assert set(record) == REQUEST_FIELDS
    assert record["service_request_id"] == case.tracking_number
    assert record["status"] == "open"
    assert record["lat"] == "" and record["address"] == "江岸区"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_request_is_404(client, fmt):
    response = client.get(f"/open311/v2/requests/IP-2026-ZZZZZZ.{fmt}")
    assert response.status_code == 404


def test_status_notes_are_public_notes_only_and_status_follows_the_case(client, frozen_today):
    frozen_today(dt.date(2026, 3, 2))  # the handling clock must end inside a known calendar
    case = file_complaint().complaint
    staff = UserFactory(is_superuser=True)
    lifecycle.accept(
        case,
        actor=staff,
        public_note="已受理，请等待调解通知。",
        internal_note="内部：疑似重复投诉",
    )
    [data] = as_json(client.get(f"/open311/v2/requests/{case.tracking_number}.json"))
    assert data["status"] == "open"
    assert data["status_notes"] == "已受理，请等待调解通知。"
    case.refresh_from_db()
    assert dt.datetime.fromisoformat(data["expected_datetime"]).date() == case.due_on
    lifecycle.start_handling(case, actor=staff)
    lifecycle.record_mediation(case, actor=staff, agreed=True, internal_note="内部：协议条款")
    lifecycle.resolve(
        case,
        actor=staff,
        outcome="mediated",
        public_note="双方达成调解协议。",
        internal_note="内部",
    )
    body = client.get(f"/open311/v2/requests/{case.tracking_number}.json").content.decode()
    [data] = as_json(client.get(f"/open311/v2/requests/{case.tracking_number}.json"))
    assert data["status"] == "closed"
    assert data["status_notes"] == "双方达成调解协议。"
    assert data["expected_datetime"] is None
    assert "内部" not in body


def test_list_defaults_to_the_last_90_days_newest_first(client):
    recent = file_complaint().complaint
    older = file_complaint().complaint
    ancient = file_complaint().complaint
    _at(recent, days=1)
    _at(older, days=30)
    _at(ancient, days=120)
    data = as_json(client.get("/open311/v2/requests.json"))
    assert [d["service_request_id"] for d in data] == [
        recent.tracking_number,
        older.tracking_number,
    ]
    assert all(set(d) == REQUEST_FIELDS for d in data)


def test_list_filters(client):
    a = file_complaint("trademark-infringement").complaint
    b = file_complaint("counterfeit-goods").complaint
    c = file_complaint("trademark-infringement").complaint
    _at(a, days=200)
    _at(b, days=10)
    _at(c, days=5)
    Complaint.objects.filter(pk=c.pk).update(status=Status.CLOSED)

    def ids(query):
        response = client.get("/open311/v2/requests.json?" + query)
        assert response.status_code == 200, response.content
        return {d["service_request_id"] for d in as_json(response)}

    assert ids("service_code=trademark-infringement") == {c.tracking_number}
    start = (timezone.localdate() - dt.timedelta(days=365)).isoformat()
    assert ids(f"start_date={start}") == {a.tracking_number, b.tracking_number, c.tracking_number}
    assert ids(f"start_date={start}&service_code=trademark-infringement") == {
        a.tracking_number,
        c.tracking_number,
    }
    end = (timezone.now() - dt.timedelta(days=7)).isoformat()
    assert ids(f"end_date={end}".replace("+", "%2B")) == {b.tracking_number}
    assert ids("status=open") == {b.tracking_number}
    assert ids("status=closed") == {c.tracking_number}
    assert ids("status=open,closed") == {b.tracking_number, c.tracking_number}
    # A list of ids overrides every other filter, as the standard says.
    both = f"{a.tracking_number},{c.tracking_number}"
    assert ids(f"service_request_id={both}&status=open") == {a.tracking_number, c.tracking_number}


@pytest.mark.parametrize("query", ["status=pending", "start_date=yesterday", "end_date=2026-13-45"])
def test_bad_filters_are_400(client, query):
    response = client.get("/open311/v2/requests.json?" + query)
    assert response.status_code == 400
    assert as_json(response)[0]["code"] == 400


def test_list_is_capped(client, monkeypatch):
    monkeypatch.setattr(views, "MAX_RESULTS", 3)
    for _ in range(4):
        file_complaint()
    assert len(as_json(client.get("/open311/v2/requests.json"))) == 3
    assert views.MAX_RESULTS == 3


def test_default_cap_is_1000():
    assert views.MAX_RESULTS == 1000 and views.DEFAULT_DAYS == 90


def test_list_xml(client):
    file_complaint()
    file_complaint("counterfeit-goods")
    root = as_xml(client.get("/open311/v2/requests.xml"))
    records = xml_records(root, "request")
    assert len(records) == 2 and all(set(r) == REQUEST_FIELDS for r in records)


def test_list_query_count_does_not_grow_with_cases(client, django_assert_max_num_queries):
    for _ in range(6):
        file_complaint()
    with django_assert_max_num_queries(3):
        assert len(as_json(client.get("/open311/v2/requests.json"))) == 6
