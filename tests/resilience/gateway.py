"""A file-backed SMS gateway for the worker-crash test, used by a real `db_worker` process.

Like a real gateway it accepts a message and is then slow to confirm, and it de-duplicates on
the sender's reference (an idempotency key). Under $RESILIENCE_GATEWAY_DIR:
- received.jsonl: every submission the gateway accepted (a retry appears twice);
- phone.jsonl: what reached the citizen's phone (once per reference);
- hold: while this file exists, the confirmation back to the sender waits (up to 120 s).
"""

import json
import os
import time
from pathlib import Path

from complaints.notifications.sms import BaseSMSBackend


def _lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    # Only whole lines: the worker may be writing the next one while a test reads.
    complete = path.read_text().rpartition("\n")[0]
    return [json.loads(line) for line in complete.splitlines() if line.strip()]


def _append(path: Path, record: dict) -> None:
    with path.open("a") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


class FileGatewaySMSBackend(BaseSMSBackend):
    def send_messages(self, messages):
        root = Path(os.environ["RESILIENCE_GATEWAY_DIR"])
        for message in messages:
            record = {"to": message.to, "body": message.body, "reference": message.reference}
            _append(root / "received.jsonl", {**record, "pid": os.getpid()})
            seen = {line["reference"] for line in _lines(root / "phone.jsonl")}
            if not message.reference or message.reference not in seen:
                _append(root / "phone.jsonl", record)
        deadline = time.monotonic() + 120
        while (root / "hold").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        return len(messages)


def received(root: Path) -> list[dict]:
    return _lines(root / "received.jsonl")


def phone(root: Path) -> list[dict]:
    return _lines(root / "phone.jsonl")
