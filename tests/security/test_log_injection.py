"""CR/LF in anything that can reach a log line must not forge a new line.

Every logger is captured at DEBUG while hostile values go through the wizard, the tracking
page, the Open311 API and the dashboard (paths, headers, fields, keys)."""

import logging

import pytest

from tests.complaints.intake.conftest import walk_to_review
from tests.complaints.intake.test_tracking import look_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

# What follows the line break would pose as an entry of its own.
FORGED = "\r\nFORGED 2026-03-02 10:00:00,000 INFO complaints admin logged in"
FORMATTER = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("django.request", "django.security", "complaints", "portal", "search"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def assert_no_forged_line(records):
    """A forged entry would start a line of its own: only the first line may mention it."""
    assert records, "nothing was logged: the test would prove nothing"
    for record in records:
        lines = FORMATTER.format(record).splitlines()
        assert not [line for line in lines[1:] if line.lstrip().startswith("FORGED")], lines


def test_hostile_paths_and_hosts_are_logged_escaped(client, all_logs):
    client.get("/complaints/track/%0d%0aFORGED%202026-03-02%2010:00:00,000%20INFO%20x/")
    client.get("/dashboard/cases/1%0d%0aFORGED/")
    client.get("/open311/v2/requests/IP%0d%0aFORGED.json")
    client.get("/complaints/track/", HTTP_HOST="evil.example\r\nFORGED")
    client.get("/complaints/new/what/", HTTP_HOST="evil.example" + FORGED.replace(" ", ""))
    assert_no_forged_line(all_logs.records)


def test_hostile_fields_in_the_wizard_tracking_and_api(client, answers, post_case, all_logs):
    answers["who"]["complainant_name"] = "张三" + FORGED[:40]
    answers["details"]["facts"] = "事实与理由" + FORGED
    walk_to_review(client, answers)
    token = client.get("/complaints/new/review/").context["form"].initial["form_token"]
    client.post("/complaints/new/review/", {"consent": "on", "form_token": token + FORGED})
    look_up(client, "IP-2026-" + FORGED, "CODE" + FORGED)
    post_case(description="侵权" + FORGED, last_name=FORGED[:50], headers={"Idempotency-Key": "k"})
    post_case(service_code="nope" + FORGED)
    post_case(api_key="bad" + FORGED)
    client.get("/open311/v2/requests.json", {"start_date": FORGED, "api_key": FORGED})
    client.get("/dashboard/login/", {"next": "/dashboard/" + FORGED})
    client.get("/dashboard/export/cases.csv", {"q": FORGED})
    # Something was logged (404s, 403s), and none of it carries a forged line.
    assert_no_forged_line(all_logs.records)


def test_a_dashboard_search_failure_logs_no_forged_line(login, handler_a, all_logs, monkeypatch):
    from complaints.dashboard import queue

    def broken(*args, **kwargs):
        raise RuntimeError("search engine down")

    monkeypatch.setattr("search.api.search_case_ids", broken)
    response = login(handler_a).post("/dashboard/search/", {"q": "鞋" + FORGED[:60]}, follow=True)
    assert response.status_code == 200
    assert any(r.name == queue.log.name for r in all_logs.records)
    assert_no_forged_line(all_logs.records)
