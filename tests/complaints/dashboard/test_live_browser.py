"""Live dashboard across processes: two daphne servers sharing PostgreSQL and Redis.

A case filed in the test process appears in a dashboard open on server B; a refusal clicked in a
window on server A updates that same dashboard. Needs a database and a channel layer that
several processes share, so it runs only with DATABASE_URL (PostgreSQL) and REDIS_URL.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections
from playwright.sync_api import expect

from complaints.models import Role
from tests.factories.complaints import file_complaint, staff_member

ROOT = Path(__file__).resolve().parents[3]
SHARED = os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not SHARED,
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) shared between processes",
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_daphne(port: int) -> subprocess.Popen:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        ),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
         "tests.complaints.dashboard.live_asgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"daphne on port {port} did not start")


@pytest.fixture
def two_servers(reference_data):
    ports = [_free_port(), _free_port()]
    processes = [_start_daphne(port) for port in ports]
    try:
        for port in ports:
            _wait_for(port)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)


def _sign_in(page, base, username):
    page.goto(f"{base}/dashboard/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("main button[type=submit]")
    expect(page.locator("#live-status")).to_have_attribute("data-connected", "1", timeout=15000)


def test_case_filed_and_refused_elsewhere_reaches_an_open_dashboard(browser, two_servers, bureau_a):
    server_a, server_b = two_servers
    staff_member(bureau_a, Role.HANDLER, username="live_handler")
    staff_member(bureau_a, Role.SUPERVISOR, username="live_supervisor")
    watcher = browser.new_context(locale="zh-CN").new_page()
    _sign_in(watcher, server_b, "live_handler")

    filed = {}

    def file_elsewhere():
        # Playwright's loop owns the test thread; file from another so the push can be sent.
        try:
            filed["case"] = file_complaint().complaint
        finally:
            connections.close_all()

    thread = threading.Thread(target=file_elsewhere)
    thread.start()
    thread.join(30)
    case = filed["case"]
    row = watcher.locator(f'#queue-rows tr[data-case-id="{case.pk}"]')
    expect(row).to_contain_text(case.tracking_number, timeout=15000)
    expect(row).not_to_contain_text("张三丰")

    watcher.reload()  # now the case is a normal row, updated in place
    actor = browser.new_context(locale="zh-CN").new_page()
    _sign_in(actor, server_a, "live_supervisor")
    actor.goto(f"{server_a}/dashboard/cases/{case.pk}/")
    actor.click("details.action-refuse summary")
    # No reason is preselected: the handler must choose one (no default speaks for them).
    actor.select_option("details.action-refuse select[name=refuse-reason]", "out_of_remit")
    actor.click("details.action-refuse button[type=submit]")
    expect(watcher.locator(f'tr[data-case-id="{case.pk}"] .case-status')).to_have_text(
        "不予受理", timeout=15000
    )
