"""Chinese working days: weekends and statutory holidays off, make-up days (调休) on.

The chinese-calendar package carries the State Council's published calendar; rows in
WorkingDayOverride extend or correct it (e.g. next year's notice before a package release).
A date outside every known year raises CalendarUnavailable: a legal deadline is never guessed.
"""

import datetime
import time
from functools import lru_cache

import chinese_calendar

from complaints.models import WorkingDayOverride


class CalendarUnavailable(Exception):
    """The official holiday calendar for this year is not known yet."""

    def __init__(self, day: datetime.date):
        self.day = day
        super().__init__(
            f"No official holiday calendar for {day.year}: add the State Council's notice as "
            f"working-day overrides for {day.year} (admin → 节假日调整)."
        )


PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)
# The package's own is_workday() rescans its whole table on every call; read it once instead.
_PACKAGE_HOLIDAYS = frozenset(chinese_calendar.holidays)
_PACKAGE_MAKEUP_DAYS = frozenset(chinese_calendar.workdays)


def _package_is_working_day(day: datetime.date) -> bool:
    if day in _PACKAGE_MAKEUP_DAYS:
        return True
    return day.weekday() < 5 and day not in _PACKAGE_HOLIDAYS


@lru_cache(maxsize=32)
def _override_years_cached(version: tuple[int, int]) -> frozenset[int]:
    return frozenset(day.year for day in WorkingDayOverride.objects.values_list("date", flat=True))


@lru_cache(maxsize=32)
def _overrides_cached(version: tuple[int, int]) -> dict[datetime.date, bool]:
    return dict(WorkingDayOverride.objects.values_list("date", "is_working_day"))


_local_version = [0]
# Other processes pick up an administrator's change within this many seconds.
CROSS_PROCESS_REFRESH_SECONDS = 300


def _version() -> tuple[int, int]:
    return _local_version[0], int(time.time() // CROSS_PROCESS_REFRESH_SECONDS)


def invalidate_cache() -> None:
    """Called when overrides change (see receivers) and by tests."""
    _local_version[0] += 1


def known_years() -> set[int]:
    return set(PACKAGE_YEARS) | set(_override_years_cached(_version()))


def is_working_day(day: datetime.date) -> bool:
    overrides = _overrides_cached(_version())
    if day in overrides:
        return overrides[day]
    if day.year not in PACKAGE_YEARS:
        if day.year in _override_years_cached(_version()):
            # The year's notice has been entered: every day not listed follows the week.
            return day.weekday() < 5
        raise CalendarUnavailable(day)
    return _package_is_working_day(day)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `start` (the day of receipt does not count)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`; negative when end < start."""
    if end < start:
        return -working_days_between(end, start)
    day, count = start, 0
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def add_months(start: datetime.date, months: int) -> datetime.date:
    """Calendar months, clamped to the month's last day (31 Jan + 1 month → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)
