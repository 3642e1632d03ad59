"""Rebuild the record of finished clock steps from a case's events (migration 0007's backfill).

Before steps were recorded, accepting a case reset its clock and forgot whether the acceptance
was late. The events still say when each step started and ended, so the steps are replayed:

- acceptance review: from receipt (or from a transfer that restarted the clock) to the
  acceptance decision, a refusal or a withdrawal; its limit comes from the category's clock
  profile, as when the case was filed (no pause is possible before acceptance);
- the last step a concluded case ran (`due_on` still holds its limit, pauses and extensions
  included) up to its conclusion.

A handling step that a reopening later replaced left no limit behind and is not rebuilt.
Works on historical models (`apps`), one batch of cases at a time.
"""

import datetime
from functools import lru_cache

from django.utils import timezone

from . import clock, workdays

BATCH = 2000
ACCEPTANCE, HANDLING, NONE = "acceptance", "handling", "none"
RUNNING_BEFORE_ACCEPTANCE = ("submitted",)


def backfill_clock_records(apps, schema_editor=None) -> None:
    Complaint = apps.get_model("complaints", "Complaint")
    limits = _acceptance_limits(apps)
    for cached in (_due, _late):  # holiday overrides may have changed since the last run
        cached.cache_clear()
    fields = (
        "id", "kind", "category_id", "submitted_at", "step", "due_on", "is_overdue", "status",
    )  # fmt: skip
    batch = []
    for case in Complaint.objects.order_by("pk").values(*fields).iterator(chunk_size=BATCH):
        batch.append(case)
        if len(batch) == BATCH:
            _backfill_batch(apps, batch, limits)
            batch = []
    if batch:
        _backfill_batch(apps, batch, limits)


def _acceptance_limits(apps) -> dict:
    """(category id, is_report) → (acceptance limit, unit, restart on transfer)."""
    profiles = {
        row["id"]: (row["acceptance_limit"], row["acceptance_unit"], row["restart_on_transfer"])
        for row in apps.get_model("complaints", "ClockProfile").objects.values(
            "id", "acceptance_limit", "acceptance_unit", "restart_on_transfer"
        )
    }
    limits = {}
    for category in apps.get_model("complaints", "Category").objects.values(
        "id", "clock_profile_id", "report_clock_profile_id"
    ):
        report_profile = category["report_clock_profile_id"] or category["clock_profile_id"]
        limits[category["id"], False] = profiles[category["clock_profile_id"]]
        limits[category["id"], True] = profiles[report_profile]
    return limits


def _backfill_batch(apps, cases: list[dict], limits: dict) -> None:
    CaseEvent = apps.get_model("complaints", "CaseEvent")
    ClockRecord = apps.get_model("complaints", "ClockRecord")
    Complaint = apps.get_model("complaints", "Complaint")
    events: dict[int, list[dict]] = {case["id"]: [] for case in cases}
    rows = (
        CaseEvent.objects.filter(complaint_id__in=list(events))
        .order_by("complaint_id", "created_at", "id")
        .values("id", "complaint_id", "action", "from_status", "to_status", "created_at")
    )
    for event in rows.iterator(chunk_size=BATCH):
        events[event["complaint_id"]].append(event)
    records, breached = [], []
    for case in cases:
        limit = limits[case["category_id"], case["kind"] == "report"]
        steps = _replay(case, events[case["id"]], limit)
        records += [ClockRecord(complaint_id=case["id"], **step) for step in steps]
        if case["is_overdue"] or any(step["late_working_days"] for step in steps):
            breached.append(case["id"])
    ClockRecord.objects.bulk_create(records, batch_size=1000)
    Complaint.objects.filter(pk__in=breached).update(ever_breached=True)


def _replay(case: dict, events: list[dict], limit: tuple) -> list[dict]:
    """The finished steps of one case, oldest first (see the module docstring)."""
    acceptance_limit, acceptance_unit, restart_on_transfer = limit
    step = ACCEPTANCE
    started_on: datetime.date | None = timezone.localdate(case["submitted_at"])
    ends = [event for event in events if _ends_step(event)]
    last_end = ends[-1]["id"] if ends and case["step"] == NONE else None
    steps = []
    for event in events:
        day = timezone.localdate(event["created_at"])
        if event["action"] == "transferred" and restart_on_transfer and step != NONE:
            if step == ACCEPTANCE:
                due = _due(started_on, acceptance_limit, acceptance_unit)
                steps.append(_finished(ACCEPTANCE, started_on, due, day, event))
            started_on = day
        elif _ends_step(event):
            if event["id"] == last_end and case["due_on"]:
                steps.append(_finished(step, started_on, case["due_on"], day, event))
            elif step == ACCEPTANCE:
                due = _due(started_on, acceptance_limit, acceptance_unit)
                steps.append(_finished(ACCEPTANCE, started_on, due, day, event))
            step, started_on = (HANDLING, day) if event["to_status"] == "accepted" else (NONE, None)
        elif event["to_status"] == "in_progress" and event["from_status"] in ("resolved", "closed"):
            step, started_on = HANDLING, day
    return [step for step in steps if step is not None]


def _ends_step(event: dict) -> bool:
    if event["to_status"] == "accepted":
        return event["from_status"] in RUNNING_BEFORE_ACCEPTANCE
    if event["to_status"] == "closed":  # closing a resolved case ends no step
        return event["from_status"] != "resolved"
    return event["to_status"] in ("not_accepted", "resolved", "withdrawn")


@lru_cache(maxsize=65536)  # a million cases share a few thousand start days
def _due(started_on, limit: int, unit: str):
    try:
        return clock.compute_due(started_on, limit, unit)
    except workdays.CalendarUnavailable:
        return None  # a year whose holidays are not known: not guessed


@lru_cache(maxsize=65536)
def _late(due_on, finished_on) -> int | None:
    try:
        return clock.late_working_days(due_on, finished_on)
    except workdays.CalendarUnavailable:
        return None


def _finished(step, started_on, due_on, finished_on, event) -> dict | None:
    late = None if due_on is None else _late(due_on, finished_on)
    if late is None:
        return None
    return {
        "step": step,
        "started_on": started_on,
        "due_on": due_on,
        "finished_on": finished_on,
        "late_working_days": late,
        "ended_by": event["action"],
        "event_id": event["id"],
    }
