"""CSRF on every state-changing form, Host header spoofing, and open redirects after login."""

import pytest
from django.test import Client

from complaints.models import Complaint, Status
from tests.complaints.intake.test_tracking import look_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def strict():
    return Client(enforce_csrf_checks=True)


def test_wizard_posts_need_the_csrf_token(strict, answers, nothing_stored):
    strict.get("/complaints/new/what/")  # a session and a CSRF cookie, but no token in the form
    assert strict.post("/complaints/new/what/", answers["what"]).status_code == 403
    assert strict.post("/complaints/new/restart/").status_code == 403
    assert "complaints_intake" not in strict.session or not strict.session["complaints_intake"][
        "data"
    ].get("what")
    nothing_stored()


def test_final_submit_needs_the_csrf_token(answers, nothing_stored):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/complaints/new/what/")
    token = page.context["csrf_token"]
    for step in ("what", "who", "respondent", "details"):
        data = dict(answers[step], csrfmiddlewaretoken=str(token))
        assert browser.post(f"/complaints/new/{step}/", data).status_code == 302, step
    form_token = browser.get("/complaints/new/review/").context["form"].initial["form_token"]
    forged = browser.post("/complaints/new/review/", {"consent": "on", "form_token": form_token})
    assert forged.status_code == 403
    nothing_stored()
    good = browser.post(
        "/complaints/new/review/",
        {"consent": "on", "form_token": form_token, "csrfmiddlewaretoken": str(token)},
    )
    assert good.status_code == 302 and Complaint.objects.count() == 1  # the token is what mattered


def test_tracking_lookup_and_actions_need_the_csrf_token(strict, filed):
    number, code = filed.complaint.tracking_number, filed.access_code
    assert look_up(strict, number, code).status_code == 403
    # Even with a valid grant in the session, the citizen's actions are protected.
    session = strict.session
    session["complaints_track"] = {"id": filed.complaint.pk, "exp": 2**40}
    session.save()
    assert strict.get("/complaints/track/case/").status_code == 200
    withdraw = strict.post("/complaints/track/case/withdraw/", {"reason": "x", "confirm": "on"})
    assert withdraw.status_code == 403
    assert strict.post("/complaints/track/end/").status_code == 403
    assert Complaint.objects.get().status == Status.SUBMITTED


def test_dashboard_actions_and_login_need_the_csrf_token(handler_a, supervisor_a, case_a):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(handler_a)
    assert staff.post(f"/dashboard/cases/{case_a.pk}/accept/", {}).status_code == 403
    boss = Client(enforce_csrf_checks=True)
    boss.force_login(supervisor_a)
    bulk = boss.post("/dashboard/cases/bulk/", {"bulk-bulk_action": "accept", "cases": [case_a.pk]})
    assert bulk.status_code == 403
    case_a.refresh_from_db()
    assert case_a.status == Status.SUBMITTED
    anonymous = Client(enforce_csrf_checks=True)
    login = anonymous.post(
        "/dashboard/login/", {"username": "handler_a", "password": "pw-for-tests"}
    )
    assert login.status_code == 403
    assert "_auth_user_id" not in anonymous.session


# Host header -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/complaints/new/what/", "/complaints/track/", "/dashboard/login/", "/healthz"]
)
@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1@evil.example"])
def test_spoofed_host_is_400(client, path, host):
    assert client.get(path, HTTP_HOST=host).status_code == 400


def test_spoofed_host_cannot_shape_the_open311_answer(client, post_case, raw_key, nothing_stored):
    response = client.post(
        "/open311/v2/requests.json",
        {"api_key": raw_key, "service_code": "trademark-infringement"},
        HTTP_HOST="evil.example",
    )
    assert response.status_code == 400
    nothing_stored()
    forwarded = post_case(headers={"X-Forwarded-Host": "evil.example"})
    assert forwarded.status_code == 201
    assert b"evil.example" not in forwarded.content


def test_forwarded_host_is_ignored_in_redirects(client):
    response = client.get("/complaints/new/", headers={"X-Forwarded-Host": "evil.example"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


# Open redirect after login ------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        " https://evil.example",
        "http://testserver@evil.example/",
        "https://evil.example\\@testserver/",
    ],
)
def test_login_never_redirects_off_site(client, handler_a, target):
    response = client.post(
        "/dashboard/login/?next=" + target,
        {"username": "handler_a", "password": "pw-for-tests", "next": target},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert location == "/dashboard/", location
    assert "_auth_user_id" in client.session


def test_login_keeps_a_local_next(client, handler_a, case_a):
    target = f"/dashboard/cases/{case_a.pk}/"
    response = client.post(
        "/dashboard/login/", {"username": "handler_a", "password": "pw-for-tests", "next": target}
    )
    assert response["Location"] == target


def test_login_page_does_not_echo_an_off_site_next_as_a_link(client):
    html = client.get("/dashboard/login/?next=https://evil.example/").content.decode()
    assert 'href="https://evil.example' not in html
