"""The task worker is killed (SIGKILL) while an SMS is in flight: after a restart the message is
delivered, and the citizen receives it exactly once per event.

Production shape: the database task queue (django-tasks-db), real `manage.py db_worker`
processes, and a gateway (tests/resilience/gateway.py) that accepts a message and is then slow to
confirm, so the kill lands after the gateway took the message and before the outbox recorded it.
"""

import json
import signal
import subprocess
import sys

import pytest

from benchmarks.common import ROOT

from . import gateway
from .services import manage, query, server_env, stop_process, wait_until

pytestmark = pytest.mark.slow


def start_worker(env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "manage.py", "db_worker",
            "--interval", "0.2", "--no-startup-delay", "--no-reload", "--queue-name", "*",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )  # fmt: skip


def outbox(env: dict) -> list[dict]:
    rows = query(
        env["DATABASE_URL"],
        "SELECT id, event_id, status, attempts FROM notifications_notification ORDER BY id",
    )
    return [dict(zip(("id", "event_id", "status", "attempts"), row, strict=True)) for row in rows]


def staff_action(env: dict, *args: str) -> dict:
    return json.loads(manage(["-m", "tests.resilience.notify_driver", *args], env).splitlines()[-1])


def test_worker_killed_mid_delivery_delivers_once(server_databases, scratch):
    import os

    box = scratch / "gateway"
    box.mkdir()
    env = {
        **os.environ,
        **server_env(
            server_databases.new("worker_crash"),
            scratch,
            TASKS_BACKEND="db",
            SMS_BACKEND="tests.resilience.gateway.FileGatewaySMSBackend",
            RESILIENCE_GATEWAY_DIR=str(box),
        ),
    }
    log = (scratch / "worker.log").open("ab")
    first = second = None
    try:
        # A case is accepted with a public note: one SMS to send, queued for the worker.
        number = staff_action(env, "file-and-accept")["tracking_number"]
        (box / "hold").touch()  # the gateway will take the message, then stall
        first = start_worker(env, log)
        wait_until(lambda: gateway.received(box), 120, what="the SMS to reach the gateway")
        assert first.poll() is None
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert first.returncode == -signal.SIGKILL

        # The outbox never recorded the send: the row is still pending, no attempt counted.
        [lost] = outbox(env)
        assert lost["status"] == "pending" and lost["attempts"] == 0
        assert len(gateway.phone(box)) == 1  # …but the citizen already has the message.

        (box / "hold").unlink()
        second = start_worker(env, log)
        # The periodic sweep (cron: retry_notifications) re-queues what a dead worker lost.
        wait_until(
            lambda: "1 notification(s)" in manage(["retry_notifications"], env),
            90,
            1,
            "the sweep to find the lost notification",
        )
        wait_until(lambda: len(gateway.received(box)) >= 2, 120, what="the retried send")
        wait_until(
            lambda: outbox(env)[0]["status"] == "sent", 60, 1, "the outbox to record the send"
        )
        # Another event while the new worker runs: delivered once, no sweep needed.
        staff_action(env, "resolve", number)
        wait_until(lambda: len(gateway.phone(box)) >= 2, 120, what="the second event's SMS")
        wait_until(lambda: all(n["status"] == "sent" for n in outbox(env)), 60, 1, "both sent")
        assert "0 notification(s)" in manage(["retry_notifications"], env)
    except BaseException:
        print("worker log:", (scratch / "worker.log").read_text(errors="replace")[-4000:])
        print("gateway:", gateway.received(box), "outbox:", outbox(env))
        raise
    finally:
        stop_process(first, kill=True)
        stop_process(second)
        log.close()

    notifications = outbox(env)
    assert len(notifications) == 2  # one per event and channel
    assert len({n["event_id"] for n in notifications}) == 2
    assert [(n["status"], n["attempts"]) for n in notifications] == [("sent", 1), ("sent", 1)]
    # The gateway was asked three times (once again after the crash); the phone shows each
    # event's message once.
    references = [line["reference"] for line in gateway.received(box)]
    assert len(references) == 3 and len(set(references)) == 2
    texts = [line["body"] for line in gateway.phone(box)]
    assert len(texts) == 2 and "已受理" in texts[0] and number in texts[1]
