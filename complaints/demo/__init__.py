"""Demo data for `manage.py seed_demo`: idempotent, keyed on codes and usernames."""

from .cases import seed_complaints
from .reference import seed_provisional_calendar, seed_reference_data
from .staff import seed_staff

__all__ = [
    "seed_complaints",
    "seed_provisional_calendar",
    "seed_reference_data",
    "seed_staff",
]
