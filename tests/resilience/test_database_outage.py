"""PostgreSQL crashes while citizens and partners submit: a clear, retryable 503 (bilingual page,
Open311 error list, Retry-After), no half-created case, no orphaned evidence file; after the
database comes back, intake resumes by itself and every acknowledged submission is a whole case.

Runs against a throwaway cluster on a free port (`pg_ctl stop -m immediate`), never the machine's
own PostgreSQL, and the real production server (uvicorn, workers).
"""

import json
import time

import httpx
import pytest

from benchmarks.common import production_server
from tests.complaints.intake.conftest import pdf_bytes

from .clients import (
    LoadGenerator,
    assert_bilingual_503_page,
    assert_open311_503,
    post_case,
    submit_review,
    walk_wizard_to_review,
)
from .services import SERVER_SETTINGS, manage, server_env, wait_until

pytestmark = pytest.mark.slow


def assert_whole_case(case: dict) -> None:
    """Filed in one transaction: routed, clock started, the submission recorded."""
    assert case["bureau"], case
    assert case["step"] == "acceptance" and case["step_started_on"] and case["due_on"], case
    assert "submitted" in case["events"], case


def test_postgres_crash_during_submission_load(pg_cluster, server_databases, scratch):
    database_url = server_databases.new("pg_outage")
    info = server_databases.info
    env = server_env(database_url, scratch)
    log = scratch / "server.log"
    load = None
    try:
        with (
            production_server(SERVER_SETTINGS, env, log_path=log, timeout=120) as base,
            httpx.Client(base_url=base, timeout=60) as web,
            httpx.Client(base_url=base, timeout=60) as api,
        ):
            # A citizen has reached the wizard's last step, with an evidence file waiting.
            token = walk_wizard_to_review(web, info, evidence=pdf_bytes("outage"))
            load = LoadGenerator(base, info["api_key"])
            load.start()
            wait_until(lambda: load.count(201) >= 5, 120, what="submissions before the crash")

            pg_cluster.stop("immediate")
            crashed_at = time.monotonic()
            wait_until(lambda: load.count(503, since=crashed_at) >= 5, 60, what="503s")

            # Citizens see the bilingual page, partners the standard's error list.
            assert_bilingual_503_page(web.get("/"))
            assert_bilingual_503_page(web.get("/en/"))
            final = submit_review(web, token)
            assert_bilingual_503_page(final)
            assert_open311_503(post_case(api, info["api_key"], "during-outage"))
            assert_open311_503(api.get("/open311/v2/requests.json"))
            # Nothing reached evidence storage: the file still waits among the pending uploads.
            evidence_dir = scratch / "private" / "evidence"
            assert not evidence_dir.exists() or not any(evidence_dir.rglob("*"))

            pg_cluster.start()
            restarted_at = time.monotonic()
            # No manual step: the next submissions are filed again.
            wait_until(
                lambda: load.count(201, since=restarted_at) >= 5, 120, what="intake to resume"
            )
            load.stop()

            # The citizen presses submit again: filed now, once, with the evidence.
            again = submit_review(web, token)
            assert again.status_code == 302 and again.headers["Location"].endswith("/done/")
            done = web.get(again.headers["Location"])
            assert done.status_code == 200 and "访问码" in done.text

            attempts = load.attempts
            statuses = {a.status for a in attempts}
            assert statuses <= {201, 503}, [
                (a.status, a.body[:300]) for a in attempts if a.status not in (201, 503)
            ]
            for attempt in attempts:
                if attempt.status == 503:
                    assert attempt.retry_after and int(attempt.retry_after) > 0
                    assert json.loads(attempt.body)[0]["code"] == 503
            # Partners retry what failed with the same key: filed once, never twice.
            acknowledged = {
                a.key: json.loads(a.body)[0]["service_request_id"]
                for a in attempts
                if a.status == 201
            }
            for attempt in attempts:
                if attempt.status != 201:
                    retry = post_case(api, info["api_key"], attempt.key)
                    assert retry.status_code in (200, 201), retry.text[:300]
                    acknowledged[attempt.key] = retry.json()[0]["service_request_id"]
            retry = post_case(api, info["api_key"], "during-outage")
            assert retry.status_code in (200, 201)
    finally:
        if load is not None:
            load.stop()
        if not pg_cluster.accepts_connections():
            pg_cluster.start()

    state = json.loads(manage(["-m", "tests.resilience.inspect_server"], env).splitlines()[-1])
    cases = state["cases"]
    by_number = {case["tracking_number"]: case for case in cases}
    for key, number in acknowledged.items():
        assert number in by_number, f"acknowledged {key} → {number} is not in the database"
    for case in cases:
        assert_whole_case(case)
    # One case per submission key: the partners' loads, the outage probe, the citizen's case.
    open311 = [case for case in cases if case["source"] == "open311"]
    assert len(open311) == len(acknowledged) + 1 == len({c["idempotency_key"] for c in open311})
    web_cases = [case for case in cases if case["source"] == "web"]
    assert len(web_cases) == 1 and len(web_cases[0]["evidence"]) == 1
    # Evidence storage holds exactly the files of existing cases, and no pending upload is left.
    referenced = sorted(name for case in cases for name in case["stored"])
    assert state["files"] == referenced, state["files"]
    assert sum(1 for a in attempts if a.status == 503) >= 5
