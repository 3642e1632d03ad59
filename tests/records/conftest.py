import pytest

from tests.complaints.conftest import fresh_calendar_cache  # noqa: F401
from tests.complaints.conftest import reference_data as complaints_reference_data  # noqa: F401


@pytest.fixture
def reference_data(complaints_reference_data):  # noqa: F811
    """The Wuhan reference set plus the demo's provisional calendar for next year: closed
    cases started handling clocks that run past the package's last known year."""
    from complaints.demo import seed_provisional_calendar

    seed_provisional_calendar()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Counts are cached per data version; a flushed test database must not see old ones."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
