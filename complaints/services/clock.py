"""Legal clocks: which step a case is in, when it is due, pauses and extensions."""

import datetime

from django.utils import timezone

from complaints.models import CaseEvent, ClockRecord, ClockStep, Complaint, TimeUnit

from . import workdays


def limit_for(complaint: Complaint, step: str) -> tuple[int, str]:
    profile = complaint.category.clock_profile_for(complaint.kind)
    if step == ClockStep.ACCEPTANCE:
        return profile.acceptance_limit, profile.acceptance_unit
    return profile.handling_limit, profile.handling_unit


def compute_due(start: datetime.date, limit: int, unit: str, extension_months: int = 0):
    if unit == TimeUnit.MONTHS:
        due = workdays.add_months(start, limit + extension_months)
        # A deadline that falls on a rest day moves to the next working day.
        while not workdays.is_working_day(due):
            due += datetime.timedelta(days=1)
        return due
    due = workdays.add_working_days(start, limit)
    return workdays.add_months(due, extension_months) if extension_months else due


def start_step(complaint: Complaint, step: str, on: datetime.date | None = None) -> None:
    """Set the step and its deadline (fields only: the caller saves)."""
    complaint.step = step
    complaint.paused_since = None
    complaint.extension_months = 0
    complaint.is_overdue = False
    if step == ClockStep.NONE:
        complaint.step_started_on = None
        complaint.due_on = None
        return
    complaint.step_started_on = on or timezone.localdate()
    limit, unit = limit_for(complaint, step)
    complaint.due_on = compute_due(complaint.step_started_on, limit, unit)


def late_working_days(due_on: datetime.date, finished_on: datetime.date) -> int:
    """Working days past the limit; a step finished on a rest day after it is one day late."""
    if finished_on <= due_on:
        return 0
    return max(workdays.working_days_between(due_on, finished_on), 1)


def finish_step(complaint: Complaint, on: datetime.date, ended_by: str) -> ClockRecord | None:
    """End the running step: its record (unsaved, see `keep_record`) and the breach flags.

    `is_overdue` tells whether the step that just ended was late; `ever_breached` is set for
    good, so starting the next step cannot hide a missed limit.
    """
    if complaint.step == ClockStep.NONE or complaint.due_on is None:
        return None
    resume(complaint)  # a paused clock stood still until now
    late = late_working_days(complaint.due_on, on)
    complaint.is_overdue = late > 0
    complaint.ever_breached = complaint.ever_breached or late > 0
    return ClockRecord(
        complaint=complaint,
        step=complaint.step,
        started_on=complaint.step_started_on,
        due_on=complaint.due_on,
        finished_on=on,
        late_working_days=late,
        ended_by=ended_by,
    )


def keep_record(record: ClockRecord | None, event: CaseEvent) -> None:
    """Save a finished step's record with the event that ended it (its timeline entry)."""
    if record is not None:
        record.event = event
        record.save()


def pause(complaint: Complaint, at: datetime.datetime | None = None) -> None:
    if complaint.paused_since is None and complaint.step != ClockStep.NONE:
        complaint.paused_since = at or timezone.now()


def resume(complaint: Complaint, at: datetime.datetime | None = None) -> int:
    """End a pause; the deadline moves by the working days the clock stood still."""
    if complaint.paused_since is None:
        return 0
    paused_from = timezone.localdate(complaint.paused_since)
    resumed_on = timezone.localdate(at or timezone.now())
    stood_still = max(workdays.working_days_between(paused_from, resumed_on), 0)
    if complaint.due_on and stood_still:
        complaint.due_on = workdays.add_working_days(complaint.due_on, stood_still)
    complaint.paused_since = None
    return stood_still


def extend(complaint: Complaint, months: int) -> None:
    """Extend the handling deadline (needs supervisor approval: checked by the caller)."""
    profile = complaint.category.clock_profile_for(complaint.kind)
    if months < 1 or complaint.extension_months + months > profile.max_extension_months:
        raise ValueError(
            f"extension of {months} month(s) exceeds the allowed "
            f"{profile.max_extension_months} month(s)"
        )
    assert complaint.due_on is not None, "only a running deadline can be extended"
    complaint.extension_months += months
    complaint.due_on = workdays.add_months(complaint.due_on, months)


def working_days_left(complaint: Complaint, today: datetime.date | None = None) -> int | None:
    if complaint.due_on is None:
        return None
    return workdays.working_days_between(today or timezone.localdate(), complaint.due_on)
