"""Citizen tests reuse (import, never copy) the complaints fixtures: reference data."""

import pytest
from django.core.cache import cache

from complaints.notifications import sms
from tests.complaints.conftest import fresh_calendar_cache, reference_data  # noqa: F401
from tests.complaints.intake.conftest import answers  # noqa: F401


@pytest.fixture(autouse=True)
def clean_state():
    """Rate-limit counters live in the cache, SMS in the Locmem outbox: start each test empty."""
    cache.clear()
    sms.outbox.clear()
    yield
    cache.clear()
    sms.outbox.clear()
