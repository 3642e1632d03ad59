"""A fixed-window request counter in the cache (Redis in production, local memory otherwise)."""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int


def hit(bucket: str, limit: int, window: int = WINDOW_SECONDS) -> Verdict:
    """Count one request against `bucket`; refuse once `limit` is reached in this window."""
    now = int(time.time())
    window_start = now - now % window
    key = f"open311:rl:{bucket}:{window_start}"
    # add() is atomic: the first request of a window creates the counter, the rest increment it.
    if cache.add(key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window + 1)
            count = 1
    retry_after = window_start + window - now
    return Verdict(count <= limit, limit, max(limit - count, 0), max(retry_after, 1))


def ip_bucket(ip: str) -> str:
    # The address itself never reaches the cache keys (or Redis logs).
    return "ip:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def key_bucket(api_key_id: int) -> str:
    return f"key:{api_key_id}"
