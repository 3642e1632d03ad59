"""Personal data (name, phone, ID number, e-mail, address) never in URLs, logs, public or
cacheable responses."""

import logging
from urllib.parse import quote, quote_plus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Complaint
from tests.complaints.api.helpers import as_json
from tests.complaints.intake.conftest import pdf_bytes

from .conftest import PERSONAL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

FORMATTER = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")


def leaks(text: str) -> list[str]:
    forms = {v for value in PERSONAL for v in (value, quote(value), quote_plus(value))}
    return sorted(value for value in forms if value in text)


def assert_not_cacheable(response):
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control, (
        response.request["PATH_INFO"],
        cache_control,
    )
    assert "public" not in cache_control


class Recorder:
    """Every URL requested and every redirect target, in the order they happened."""

    def __init__(self, client):
        self.client, self.urls = client, []

    def __call__(self, method, path, data=None, **extra):
        response = getattr(self.client, method)(path, data or {}, **extra)
        self.urls.append(response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"])
        if "Location" in response:
            self.urls.append(response["Location"])
        return response


@pytest.fixture
def full_journey(client, answers, caplog, login, handler_a):
    """File through the wizard, track it, supply evidence, and let staff open it."""
    caplog.set_level(logging.DEBUG)
    go = Recorder(client)
    responses = []
    for step in ("what", "who", "respondent", "details"):
        go("get", f"/complaints/new/{step}/")
        data = dict(answers[step])
        if step == "details":
            data["evidence"] = [SimpleUploadedFile("证据.pdf", pdf_bytes())]
        assert go("post", f"/complaints/new/{step}/", data).status_code == 302
    review = go("get", "/complaints/new/review/")
    token = review.context["form"].initial["form_token"]
    responses.append(review)
    assert go("post", "/complaints/new/review/", {"consent": "on", "form_token": token}).status_code
    done = go("get", "/complaints/new/done/")
    responses.append(done)
    case = Complaint.objects.get()
    code = done.context["access_code"]
    responses.append(go("get", "/complaints/track/"))
    lookup = go(
        "post", "/complaints/track/", {"tracking_number": case.tracking_number, "access_code": code}
    )
    assert lookup.status_code == 302
    responses.append(go("get", "/complaints/track/case/"))
    staff = login(handler_a)
    staff_pages = [
        staff.get("/dashboard/"),
        staff.get(f"/dashboard/cases/{case.pk}/"),
        staff.get("/dashboard/export/cases.csv"),
        staff.get("/dashboard/export/cases.xlsx"),
        staff.get(f"/dashboard/cases/{case.pk}/evidence/{case.evidence.get().pk}/"),
    ]
    return {
        "case": case,
        "urls": go.urls,
        "citizen_pages": responses,
        "staff_pages": staff_pages,
        "logs": caplog.records,
    }


def test_no_personal_data_in_any_url(full_journey):
    assert full_journey["urls"]
    for url in full_journey["urls"]:
        assert not leaks(url), url


def test_no_personal_data_in_the_logs(full_journey):
    text = "\n".join(FORMATTER.format(record) for record in full_journey["logs"])
    assert not leaks(text)


def test_citizen_pages_with_case_details_are_not_cacheable(full_journey):
    for response in full_journey["citizen_pages"]:
        assert_not_cacheable(response)
        assert response["Referrer-Policy"] == "same-origin"


def test_the_tracking_page_shows_no_personal_data(full_journey):
    tracking_page = full_journey["citizen_pages"][-1]
    assert full_journey["case"].bureau.name in tracking_page.content.decode()
    assert not leaks(tracking_page.content.decode())


def test_staff_pages_with_personal_data_are_not_cacheable(full_journey):
    case_page = full_journey["staff_pages"][1]
    assert "张三丰" in case_page.content.decode()  # the full record, for the handling bureau
    for response in full_journey["staff_pages"]:
        assert response.status_code == 200
        assert_not_cacheable(response)


def test_exports_and_queue_show_personal_data_masked(full_journey):
    queue, _case, csv_export = full_journey["staff_pages"][:3]
    assert not leaks(queue.content.decode())
    body = b"".join(csv_export.streaming_content).decode("utf-8-sig")
    assert not leaks(body)
    assert "张**" in body and "138****5678" in body


def test_public_responses_carry_no_personal_data(client, full_journey, raw_key):
    case = full_journey["case"]
    public = [
        client.get("/stats/"),
        client.get("/open311/v2/requests.json", {"api_key": raw_key}),
        client.get(f"/open311/v2/requests/{case.tracking_number}.json"),
        client.get(f"/open311/v2/requests/{case.tracking_number}.xml"),
    ]
    for response in public:
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert not leaks(response.content.decode()), response.request["PATH_INFO"]


def test_open311_answer_with_the_access_code_is_not_cacheable(post_case):
    response = post_case()
    assert response.status_code == 201
    assert as_json(response)[0]["account_id"]
    assert_not_cacheable(response)


def test_the_wizard_session_is_not_in_the_url_and_cookies_are_http_only(client, answers):
    response = client.post("/complaints/new/what/", answers["what"])
    assert response.status_code == 302
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie.value not in response["Location"]
