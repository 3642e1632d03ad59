"""Credit tests reuse (import, never copy) the complaints fixtures: reference data, staff, cases."""

import pytest

from complaints.models import Bureau, Role
from tests.complaints.conftest import (  # noqa: F401
    fresh_calendar_cache,
    frozen_today,
    reference_data,
)
from tests.complaints.dashboard.conftest import (  # noqa: F401
    bureau_a,
    bureau_b,
    case_a,
    case_b,
    handler_a,
    login,
    supervisor_a,
)
from tests.factories.complaints import UserFactory, staff_member


@pytest.fixture(autouse=True)
def empty_cache():
    """The public count is cached per day; factories write without forgetting it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def supervisor_b(reference_data):  # noqa: F811
    return staff_member(Bureau.objects.get(code="wh-ipo"), Role.SUPERVISOR, username="sup_b")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)
