"""Redis dies (cache and channel layer): public pages, intake and the dashboard keep working from
the database, nothing is lost; when Redis is back, cache and channel layer recover by themselves.

A throwaway redis-server on a free port, killed with SIGKILL, and the real production server
(uvicorn with workers).
"""

import json
import time

import httpx
import pytest

from benchmarks.common import production_server
from tests.complaints.intake.conftest import pdf_bytes

from .clients import RawWebSocket, post_case, submit_review, walk_wizard_to_review
from .services import SERVER_SETTINGS, manage, server_env, wait_until

pytestmark = pytest.mark.slow

# A dead Redis must cost a refused connection, not a hang: every answer comes quickly.
QUICK = 10.0


def timed_get(client: httpx.Client, path: str) -> httpx.Response:
    started = time.monotonic()
    response = client.get(path)
    assert time.monotonic() - started < QUICK, f"{path} took {time.monotonic() - started:.1f} s"
    return response


def health(client: httpx.Client) -> dict:
    response = client.get("/healthz")
    return {**response.json(), "http": response.status_code}


def test_redis_killed_and_restarted(server_databases, redis_server, scratch):
    info = server_databases.info
    env = server_env(
        server_databases.new("redis_outage"),
        scratch,
        REDIS_URL=redis_server.url,
        CACHE_KEY_PREFIX="resilience",
        CHANNELS_PREFIX="resilience",
    )
    numbers = []
    with (
        production_server(
            SERVER_SETTINGS, env, log_path=scratch / "server.log", timeout=120
        ) as base,
        httpx.Client(base_url=base, timeout=60) as visitor,
        httpx.Client(base_url=base, timeout=60) as citizen,
        httpx.Client(base_url=base, timeout=60) as api,
        httpx.Client(
            base_url=base, timeout=60, cookies={"sessionid": info["staff_session"]}
        ) as staff,
    ):
        assert health(visitor)["http"] == 200
        assert timed_get(visitor, info["policy_url"]).status_code == 200  # cached now
        token = walk_wizard_to_review(citizen, info, evidence=pdf_bytes("redis"))

        redis_server.kill()

        # /healthz tells operators, without hanging; the database is still fine.
        down = health(visitor)
        assert down["http"] == 503 and down["checks"]["database"]["ok"]
        assert not down["checks"]["cache"]["ok"] and not down["checks"]["channel_layer"]["ok"]
        # Public pages render from the database.
        for path in ("/", "/en/", info["policy_url"]):
            page = timed_get(visitor, path)
            assert page.status_code == 200, (path, page.status_code, page.text[:300])
        assert "武汉市知识产权保护条例" in timed_get(visitor, info["policy_url"]).text
        # Partners' submissions are filed (the rate limiter fails open, the push is skipped).
        for n in range(3):
            started = time.monotonic()
            response = post_case(api, info["api_key"], f"redis-down-{n}")
            assert response.status_code == 201, response.text[:500]
            assert time.monotonic() - started < QUICK
            numbers.append(response.json()[0]["service_request_id"])
        # The citizen's final step files the case and still shows the access code once.
        final = submit_review(citizen, token)
        assert final.status_code == 302, final.text[:500]
        done = citizen.get(final.headers["Location"])
        assert done.status_code == 200 and 'data-testid="access-code"' in done.text
        assert 'data-testid="access-code"' not in citizen.get(final.headers["Location"]).text
        # Staff: the dashboard page renders and lists the new cases (live updates are off; the
        # page works by reloading).
        dashboard = timed_get(staff, "/dashboard/")
        assert dashboard.status_code == 200, dashboard.text[:300]
        assert numbers[0] in dashboard.text
        # The live feed is refused or closed at once (the page's script then reloads instead).
        started = time.monotonic()
        feed = RawWebSocket(base, "/ws/dashboard/", info["staff_session"])
        try:
            assert feed.status != 101 or feed.receive_text(QUICK) is None
        finally:
            feed.close()
        assert time.monotonic() - started < QUICK

        redis_server.start()  # same port, empty

        wait_until(lambda: health(visitor)["http"] == 200, 60, 0.5, "cache and channel layer")
        assert timed_get(visitor, info["policy_url"]).status_code == 200
        # Live updates work again: a new case reaches the signed-in staff member's feed.
        feed = RawWebSocket(base, "/ws/dashboard/", info["staff_session"])
        try:
            assert feed.status == 101
            response = post_case(api, info["api_key"], "redis-back")
            assert response.status_code == 201, response.text[:500]
            numbers.append(response.json()[0]["service_request_id"])
            message = feed.receive_text(30)
        finally:
            feed.close()
        assert message and json.loads(message)["tracking_number"] == numbers[-1], message
        assert numbers[-1] in timed_get(staff, "/dashboard/").text

    state = json.loads(manage(["-m", "tests.resilience.inspect_server"], env).splitlines()[-1])
    cases = {case["tracking_number"]: case for case in state["cases"]}
    for number in numbers:
        case = cases[number]
        assert case["bureau"] and case["due_on"] and "submitted" in case["events"]
    web = [case for case in state["cases"] if case["source"] == "web"]
    assert len(web) == 1 and len(web[0]["evidence"]) == 1
    assert len(state["cases"]) == len(numbers) + 1
    assert len(web[0]["stored"]) == 2  # the cleaned copy and the sealed original
    assert state["files"] == web[0]["stored"]
