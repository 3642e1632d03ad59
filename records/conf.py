"""Settings of the public complaint database, with their defaults."""

from django.conf import settings


def publication_delay_days() -> int:
    """Days between a case's final closing and its public record (time to reopen, to withhold)."""
    return int(getattr(settings, "RECORDS_PUBLICATION_DELAY_DAYS", 15))


def search_limit() -> int:
    """How many best full-text matches the database page filters and counts."""
    return int(getattr(settings, "RECORDS_SEARCH_LIMIT", 1000))
