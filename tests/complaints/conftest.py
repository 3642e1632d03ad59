import pytest

from complaints.services import workdays


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """Overrides are cached per process; a flushed test database must not see stale ones."""
    workdays.invalidate_cache()
    yield
    workdays.invalidate_cache()


@pytest.fixture
def reference_data(db):
    """The real Wuhan reference set: channels, 14 districts, bureaus, categories, rules."""
    from django.core.cache import cache

    from complaints.demo import seed_reference_data

    cache.clear()
    seed_reference_data()


@pytest.fixture
def frozen_today(monkeypatch):
    """Pin 'today' (Asia/Shanghai) for clock tests: `frozen_today(datetime.date(...))`."""
    import datetime

    from django.utils import timezone

    def freeze(day: datetime.date):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, tz=None: (
                timezone.localtime(value, tz).date() if value is not None else day
            ),
        )
        return moment

    return freeze
