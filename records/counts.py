"""Cached counts of the public records: they change only when records do, and at 100k records
the facet counts cost seconds, so each filter set is counted once per change."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)
CACHE_SECONDS = 600
VERSION_KEY = "records:version"


def _version() -> int:
    return int(cache.get_or_set(VERSION_KEY, 1, None) or 1)


def changed() -> None:
    """The public records changed (published, withheld, removed): counts computed before are
    stale. Called by the services; a cache outage only costs the cache."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
    except Exception:
        logger.warning("could not mark the public record counts stale", exc_info=True)


def cached(key: str, compute):
    """Counts change only when records do (`changed()`); at 100k records the facet counts
    cost seconds, so they are computed once per change and filter set. Without a working
    cache, they are computed every time."""
    try:
        key = f"records:{_version()}:{key}"
        value = cache.get(key)
    except Exception:
        logger.warning("cache unavailable: public record counts computed uncached")
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, CACHE_SECONDS)
        except Exception:
            logger.warning("cache unavailable: public record counts not kept")
    return value
