"""Legal clocks: which step a case is in, when it is due, pauses and extensions."""

import datetime

from django.utils import timezone

from complaints.models import ClockStep, Complaint, TimeUnit

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
    complaint.extension_months += months
    complaint.due_on = workdays.add_months(complaint.due_on, months)


def working_days_left(complaint: Complaint, today: datetime.date | None = None) -> int | None:
    if complaint.due_on is None:
        return None
    return workdays.working_days_between(today or timezone.localdate(), complaint.due_on)
