"""A queue search on the production server (daphne): the term is posted, kept in the session,
and appears neither in the redirect nor in the server's access log.

Daphne writes each request's path WITH its query string to the access log, so a term in a URL
would be logged. Needs a database the server process shares with the test: PostgreSQL.
"""

import os
import subprocess
import sys

import httpx
import pytest
from django.db import connection

from complaints.models import Role
from tests.complaints.dashboard.test_live_browser import ROOT, _free_port, _wait_for
from tests.factories.complaints import file_complaint, staff_member

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL) shared with a daphne process",
    ),
]

PHONE = "13812345678"


@pytest.fixture
def server(reference_data, tmp_path):
    settings = connection.settings_dict
    port = _free_port()
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        ),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "--access-log", str(log), "-b", "127.0.0.1",
         "-p", str(port), "tests.complaints.dashboard.live_asgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(port)
        yield f"http://127.0.0.1:{port}", log
    finally:
        process.terminate()
        process.wait(10)


def test_a_searched_phone_number_is_in_neither_the_redirect_nor_the_access_log(server, bureau_a):
    base, log = server
    staff_member(bureau_a, Role.HANDLER, username="log_handler")
    file_complaint()  # the complainant's phone is PHONE
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/dashboard/login/")
        token = client.cookies["csrftoken"]
        signed_in = client.post(
            "/dashboard/login/",
            data={
                "username": "log_handler",
                "password": "pw-for-tests",
                "csrfmiddlewaretoken": token,
            },
        )
        assert signed_in.status_code == 302
        token = client.cookies["csrftoken"]
        posted = client.post(
            "/dashboard/search/",
            data={"q": PHONE, "status": "open", "csrfmiddlewaretoken": token},
        )
        assert posted.status_code == 302
        assert posted.headers["location"] == "/dashboard/?status=open"
        page = client.get(posted.headers["location"])
        assert page.status_code == 200
        assert PHONE in page.text  # the term, kept in the session, is applied and shown
    lines = log.read_text(encoding="utf-8").splitlines()
    assert any('"POST /dashboard/search/"' in line for line in lines)
    assert any('"GET /dashboard/?status=open"' in line for line in lines)
    assert not [line for line in lines if PHONE in line or "q=" in line]
