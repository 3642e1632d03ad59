"""The database failing at the worst moments, in-process (SQLite or PostgreSQL): every failure is a
bilingual 503 with Retry-After (Open311's error list on the API), the transaction leaves no case
and no evidence file behind, and submitting again files the case once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError
from django.test import Client

from complaints.models import Complaint, Evidence
from complaints.models.storage import private_storage
from complaints.notifications.models import Notification
from tests.complaints.intake.conftest import pdf_bytes, walk_to_review

pytestmark = pytest.mark.django_db

LOST = OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def web():
    """A browser: errors come back as the pages users see, not as test exceptions."""
    return Client(raise_request_exception=False)


def assert_bilingual_503(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "服务暂时不可用" in html and "Service temporarily unavailable" in html
    assert "12330" in html  # the shared error template's hotlines


def review_token(client, answers, with_poa=False) -> str:
    """Walk the wizard to its last step with an evidence file (and a power of attorney)."""
    files = {"details": {"evidence": [SimpleUploadedFile("发票.pdf", pdf_bytes("invoice"))]}}
    if with_poa:
        files["who"] = {
            "is_agent_filing": "on",
            "agent_name": "李律师",
            "power_of_attorney": SimpleUploadedFile("授权委托书.pdf", pdf_bytes("poa")),
        }
    return walk_to_review(client, answers, files=files).context["form"].initial["form_token"]


def submit(client, token):
    return client.post(
        "/complaints/new/review/", {"consent": "on", "form_token": token, "nav": "submit"}
    )


def stored_files(prefix: str) -> list[str]:
    found = []

    def walk(path):
        if not private_storage.exists(path):
            return
        directories, files = private_storage.listdir(path)
        found.extend(f"{path}/{name}" for name in files)
        for directory in directories:
            walk(f"{path}/{directory}")

    walk(prefix)
    return found


@pytest.mark.parametrize("error", [LOST, InterfaceError("connection already closed")])
def test_page_view_database_error_is_a_bilingual_503(web, monkeypatch, error):
    from complaints.views import intake

    def down(*args, **kwargs):
        raise error

    monkeypatch.setattr(intake, "validate_steps", down)
    assert_bilingual_503(web.get("/complaints/new/what/"))
    assert_bilingual_503(web.get("/en/complaints/new/what/"))


def test_open311_database_error_is_the_standards_error_list(web, monkeypatch):
    from complaints.api import views

    def down(*args, **kwargs):
        raise LOST

    monkeypatch.setattr(views.guard, "check", down)
    response = web.post("/open311/v2/requests.json", {"service_code": "x"})
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    [error] = response.json()
    assert error["code"] == 503 and "temporarily unavailable" in error["description"]
    xml = web.get("/open311/v2/services.xml")
    assert xml.status_code == 503 and xml["Content-Type"].startswith("text/xml")
    assert b"<errors><error><code>503</code>" in xml.content


def test_database_error_outside_the_view_is_a_503(web, reference_data, monkeypatch):
    """Saving the session happens in middleware, after the view: still a 503, not a 500."""
    from django.contrib.sessions.backends.db import SessionStore

    def down(*args, **kwargs):
        raise LOST

    monkeypatch.setattr(SessionStore, "save", down)
    assert_bilingual_503(web.post("/complaints/new/what/", {"description": "假冒商标"}))


def test_other_errors_stay_500(web, monkeypatch):
    from complaints.views import intake

    def broken(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(intake, "validate_steps", broken)
    response = web.get("/complaints/new/what/")
    assert response.status_code == 500 and "Retry-After" not in response


@pytest.mark.parametrize("fails_at", ["evidence_row", "record_event", "queue_confirmation"])
def test_database_lost_mid_submission_leaves_no_case_and_no_evidence_file(
    web, answers, monkeypatch, fails_at, django_capture_on_commit_callbacks
):
    """The connection drops as the evidence row is written (its file is already on disk), later
    in the intake transaction, or in the web view's own transaction around it: all rolled
    back, the files removed."""
    from complaints.services import intake as intake_service
    from complaints.views import intake as intake_view

    before = {*stored_files("evidence"), *stored_files("originals"), *stored_files("pending")}
    token = review_token(web, answers, with_poa=True)
    pending_uploads = sorted(set(stored_files("pending")) - before)
    assert len(pending_uploads) == 4  # two uploads: each a cleaned copy and its sealed original

    def down(*args, **kwargs):
        raise LOST

    target = {
        "evidence_row": (Evidence, "save"),
        "record_event": (intake_service, "record_event"),
        "queue_confirmation": (intake_view, "queue_confirmation"),
    }[fails_at]
    with monkeypatch.context() as patch:
        patch.setattr(*target, down)
        assert_bilingual_503(submit(web, token))
    assert not Complaint.objects.exists() and not Evidence.objects.exists()
    assert set(stored_files("evidence")) - before == set()
    assert set(stored_files("originals")) - before == set()
    assert sorted(set(stored_files("pending")) - before) == pending_uploads  # for the retry

    # The database is back and the citizen presses submit again: one case, all files.
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(web, token)
    assert response.status_code == 302 and response["Location"].endswith("/done/")
    assert submit(web, token)["Location"].endswith("/done/")  # a double click: same case
    case = Complaint.objects.get()
    names = sorted(e.file.name for e in case.evidence.all())
    assert len(names) == 2 and sorted(set(stored_files("evidence")) - before) == names
    originals = sorted(e.original.name for e in case.evidence.all())
    assert sorted(set(stored_files("originals")) - before) == originals
    assert set(stored_files("pending")) - before == set()
    assert Notification.objects.filter(complaint=case, purpose="confirmation").exists()
