"""Respondent tests reuse (import, never copy) the complaints and dashboard fixtures."""

import pytest
from django.core.cache import cache

from complaints.demo import seed_provisional_calendar
from complaints.notifications import sms
from tests.complaints.conftest import fresh_calendar_cache, reference_data  # noqa: F401
from tests.complaints.dashboard.conftest import (  # noqa: F401
    bureau_a,
    bureau_b,
    handler_a,
    handler_b,
    login,
    supervisor_a,
)


@pytest.fixture(autouse=True)
def clean_state():
    cache.clear()
    sms.outbox.clear()
    yield
    cache.clear()
    sms.outbox.clear()


@pytest.fixture
def calendar(reference_data):  # noqa: F811
    """Working-day deadlines may run into a year whose holiday notice is not published yet."""
    seed_provisional_calendar()
