import pytest
from django.core.cache import cache

from complaints.notifications import sms


@pytest.fixture(autouse=True)
def clean_outboxes():
    cache.clear()
    sms.outbox.clear()
    yield
    sms.outbox.clear()
