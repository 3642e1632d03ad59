"""The production server (uvicorn with workers, as `make serve` and the benchmarks run it):
a case filed through one worker reaches live dashboards connected to every worker (Redis
channel layer), and a 2,000-character search query gets an answer, not a dropped connection.

Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) shared between processes, and `ss`
(iproute2) to see which worker holds each websocket.
"""

import asyncio
import json
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from websockets.asyncio.client import connect

from benchmarks.common import production_server, server_command
from complaints.api.keys import issue_key
from complaints.models import Bureau, Role
from tests.complaints.conftest import fresh_calendar_cache, reference_data  # noqa: F401
from tests.factories.complaints import staff_member

SHARED = os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")
WORKERS = 2
PREFIX = f"prodserver{os.getpid()}"


def on_shared_services(test):
    """Marks for a test against the server: it shares the test database and Redis with it."""
    marks = [
        pytest.mark.slow,
        pytest.mark.django_db(transaction=True),
        pytest.mark.skipif(
            not SHARED,
            reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) shared between processes",
        ),
    ]
    for mark in marks:
        test = mark(test)
    return test


def test_the_benchmarks_run_the_documented_command():
    """benchmarks.common and `make serve` start the same server the same way."""
    make = subprocess.run(
        ["make", "-s", "-n", "-o", ".venv/.installed", "serve", "PORT=8765", "WORKERS=3"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    documented = make.replace("\\\n", " ").split()
    ours = server_command(8765, workers=3)
    assert documented[0].endswith("/uvicorn") and ours[1:3] == ["-m", "uvicorn"]
    assert documented[1:] == ours[3:]


@pytest.fixture
def server(tmp_path):
    """The production server with two workers on the test database and the Redis channel
    layer (a prefix of its own); its log must hold no traceback."""
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CHANNELS_PREFIX": PREFIX,
    }
    log = tmp_path / "server.log"
    with production_server(
        "portal.settings.test", env, log_path=log, timeout=90, workers=WORKERS
    ) as base:
        yield base
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text()[-3000:]


def _worker_of(port: int, client_port: int) -> int | None:
    """The pid of the server process holding the server side of a loopback connection."""
    listing = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for line in listing.splitlines():
        if re.search(rf":{client_port}\s", line + " "):
            found = re.search(r"pid=(\d+)", line)
            return int(found.group(1)) if found else None
    return None


async def _dashboards_on_every_worker(base: str, cookie: str, deadline: float) -> dict:
    """Open dashboard websockets until every worker holds at least one: {pid: [socket, …]}."""
    port = int(base.rsplit(":", 1)[1])
    by_worker: dict[int, list] = {}
    while len(by_worker) < WORKERS:
        assert time.monotonic() < deadline, f"websockets reached only workers {list(by_worker)}"
        socket = await connect(
            base.replace("http", "ws", 1) + "/ws/dashboard/",
            origin=base,
            additional_headers={"Cookie": cookie},
            proxy=None,
            open_timeout=10,
        )
        pid = _worker_of(port, socket.local_address[1])
        assert pid is not None, "no server process holds the websocket"
        by_worker.setdefault(pid, []).append(socket)
        await asyncio.sleep(0.1)  # a worker still booting gets its turn at accepting
    return by_worker


async def _next_case_event(socket, case_id: str) -> dict:
    while True:
        event = json.loads(await socket.recv())
        if event.get("tracking_number") == case_id:
            return event


@on_shared_services
@pytest.mark.skipif(not shutil.which("ss"), reason="needs ss (iproute2)")
@pytest.mark.usefixtures("reference_data")
def test_a_case_filed_through_one_worker_reaches_dashboards_on_every_worker(server):
    # A trademark case in 江岸区 goes to this bureau.
    bureau = Bureau.objects.get(code="jiangan-amr")
    staff = staff_member(bureau, Role.HANDLER, username="prod_server_handler")
    browser = Client()
    browser.force_login(staff)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    _key, raw_key = issue_key("production server test")

    async def body():
        by_worker = await _dashboards_on_every_worker(server, cookie, time.monotonic() + 60)
        try:
            async with httpx.AsyncClient(base_url=server, timeout=30, trust_env=False) as http:
                filed = await http.post(
                    "/open311/v2/requests.json",
                    data={
                        "api_key": raw_key,
                        "service_code": "trademark-infringement",
                        "attribute[district]": "jiangan",
                        "attribute[kind]": "complaint",
                        "attribute[respondent_name]": "武汉某某贸易有限公司",
                        "attribute[ip_right_number]": "12345678",
                        "last_name": "张",
                        "first_name": "三丰",
                        "phone": "13812345678",
                        "description": "被投诉人在运动鞋上使用与我方注册商标近似的标志。",
                    },
                )
            assert filed.status_code == 201, filed.text[:500]
            tracking = filed.json()[0]["service_request_id"]

            async def event_or_none(socket):
                try:
                    return await asyncio.wait_for(_next_case_event(socket, tracking), 15)
                except TimeoutError:
                    return None

            return {
                pid: await asyncio.gather(*(event_or_none(socket) for socket in group))
                for pid, group in by_worker.items()
            }
        finally:
            for group in by_worker.values():
                for socket in group:
                    await socket.close()

    # On a loop of its own in a fresh thread: after Playwright's tests the test thread already
    # runs one, and asyncio.run() refuses to start another there.
    with ThreadPoolExecutor(max_workers=1) as thread:
        events_by_worker = thread.submit(asyncio.run, body()).result()
    assert len(events_by_worker) == WORKERS
    missed = {pid: events.count(None) for pid, events in events_by_worker.items() if None in events}
    assert not missed, f"dashboards that got no event, per worker pid: {missed}"
    for events in events_by_worker.values():
        assert all(event["created"] and event["status"] == "submitted" for event in events)


@on_shared_services
def test_a_two_thousand_character_search_query_is_answered(server):
    query = ("专利商标著作权地理标志" * 200)[:2000]
    with httpx.Client(base_url=server, timeout=60, trust_env=False) as http:
        response = http.get("/search/", params={"q": query})  # a dropped connection raises
    assert len(str(response.request.url)) > 16_000  # what daphne's request-line limit drops
    assert response.status_code in (200, 400)
