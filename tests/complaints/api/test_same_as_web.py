"""A case filed through the API is routed, timed, recorded and shown exactly like a web case."""

import pytest

from complaints.models import CaseEvent, Complaint, Role, Source
from complaints.permissions import visible_cases
from complaints.services import access
from tests.factories.complaints import file_complaint, staff_member

from .helpers import as_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

SAME = ["kind", "category_id", "channel_id", "bureau_id", "district_id", "status", "step"]
SAME += ["step_started_on", "due_on", "is_overdue", "paused_since"]


@pytest.mark.parametrize(
    ("code", "district"),
    [
        ("trademark-infringement", "jiangan"),
        ("patent-dispute", "hongshan"),
        ("copyright-infringement", "donghu-hitech"),
    ],
)
def test_api_case_has_the_web_routing_clock_and_event(post_case, code, district):
    from complaints.models import District

    web = file_complaint(code, district=District.objects.get(code=district)).complaint
    response = post_case(service_code=code, **{"attribute[district]": district})
    assert response.status_code == 201, response.content
    api = Complaint.objects.get(tracking_number=as_json(response)[0]["service_request_id"])
    assert web.source == Source.WEB and api.source == Source.OPEN311
    web.refresh_from_db()
    for field in SAME:
        assert getattr(api, field) == getattr(web, field), field
    web_event, api_event = (CaseEvent.objects.get(complaint=case) for case in (web, api))
    for field in ["action", "from_status", "to_status", "to_bureau_id", "public_note"]:
        assert getattr(api_event, field) == getattr(web_event, field), field
    assert api_event.internal_note == web_event.internal_note


def test_api_case_appears_in_the_staff_queue_and_the_tracking_page(client, post_case):
    answer = as_json(post_case())[0]
    number, code = answer["service_request_id"], answer["account_id"]
    case = Complaint.objects.get(tracking_number=number)
    web_number = file_complaint().complaint.tracking_number

    assert access.verify(number, code) == case
    response = client.post("/complaints/track/", {"tracking_number": number, "access_code": code})
    assert response.status_code == 302 and response["Location"] == "/complaints/track/case/"
    page = client.get("/complaints/track/case/").content.decode()
    assert number in page and case.bureau.name in page

    handler = staff_member(case.bureau, Role.HANDLER, username="jiangan-handler")
    assert set(visible_cases(handler)) == {
        case,
        Complaint.objects.get(tracking_number=web_number),
    }
    staff_client = client.__class__()
    staff_client.force_login(handler)
    queue = staff_client.get("/dashboard/")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert number in html and web_number in html
    detail = staff_client.get(f"/dashboard/cases/{case.pk}/")
    assert detail.status_code == 200
    assert "Open311: 12345 热线" in detail.content.decode()
