import datetime as dt

import pytest

from complaints.models import WorkingDayOverride
from complaints.services import workdays

D = dt.date

# Overrides live in the database, so every lookup may read it.
pytestmark = pytest.mark.django_db


def test_spring_festival_2026_is_skipped():
    # 2026 Spring Festival: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are make-up working days.
    assert not workdays.is_working_day(D(2026, 2, 16))
    assert workdays.is_working_day(D(2026, 2, 14))
    assert workdays.is_working_day(D(2026, 2, 28))
    # Receipt on Fri 13 Feb: 14 Feb (make-up Sat) is day 1, then 24, 25, 26, 27 Feb, 28 Feb (Sat).
    assert workdays.add_working_days(D(2026, 2, 13), 7) == D(2026, 3, 2)


def test_national_day_2025_with_make_up_saturday():
    # 2025: 1–8 Oct off; Sun 28 Sep and Sat 11 Oct are make-up working days.
    assert workdays.is_working_day(D(2025, 9, 28))
    assert workdays.is_working_day(D(2025, 10, 11))
    assert not workdays.is_working_day(D(2025, 10, 8))
    # Receipt Tue 30 Sep: 9, 10, 11 (Sat, make-up), 13, 14 Oct.
    assert workdays.add_working_days(D(2025, 9, 30), 5) == D(2025, 10, 14)


def test_ordinary_week_and_between_is_inverse_of_add():
    start = D(2026, 11, 2)  # a Monday
    assert workdays.add_working_days(start, 5) == D(2026, 11, 9)
    for n in (0, 1, 7, 15, 45):
        end = workdays.add_working_days(D(2026, 3, 3), n)
        assert workdays.working_days_between(D(2026, 3, 3), end) == n
    assert workdays.working_days_between(D(2026, 11, 9), start) == -5


def test_unknown_year_fails_loudly_then_works_once_entered():
    with pytest.raises(workdays.CalendarUnavailable, match="2031"):
        workdays.is_working_day(D(2031, 3, 3))
    WorkingDayOverride.objects.create(date=D(2031, 1, 1), is_working_day=False, note="元旦")
    WorkingDayOverride.objects.create(date=D(2031, 3, 3), is_working_day=False, note="test")
    assert not workdays.is_working_day(D(2031, 1, 1))
    assert not workdays.is_working_day(D(2031, 3, 3))
    assert workdays.is_working_day(D(2031, 3, 4))


def test_override_corrects_the_package():
    assert workdays.is_working_day(D(2026, 6, 10))
    WorkingDayOverride.objects.create(date=D(2026, 6, 10), is_working_day=False, note="test")
    assert not workdays.is_working_day(D(2026, 6, 10))


def test_add_months_clamps_to_month_end():
    assert workdays.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert workdays.add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
