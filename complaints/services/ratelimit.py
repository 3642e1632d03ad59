"""A cache-backed fixed-window rate limiter, shared by every process through the cache.

`hit()` counts an attempt; `peek()` reads the count without adding one (e.g. to refuse a
lookup while a tracking number is locked out, before checking its code).
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .hashing import keyed

PREFIX = "ratelimit"


def _scaled(limit: int) -> int:
    """Every limit times settings.RATELIMIT_MULTIPLIER (default 1): load tests raise it
    (benchmarks/settings.py) instead of spreading their traffic over fake addresses."""
    return limit * getattr(settings, "RATELIMIT_MULTIPLIER", 1)


def client_ip(request) -> str:
    """The caller's address. REMOTE_ADDR only: a forwarded-for header is trivially spoofed, so
    behind a proxy the ASGI server must set it (uvicorn --proxy-headers, as `make serve` runs it;
    docs/deployment.md)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the current window ends (0 when allowed)


def _window(window_seconds: int, now: float) -> tuple[int, int]:
    index = int(now // window_seconds)
    reset_in = math.ceil((index + 1) * window_seconds - now)
    return index, max(reset_in, 1)


def _cache_key(key: str, index: int) -> str:
    # Keys may carry IPs or tracking numbers: store only a keyed digest (a plain one of an
    # IPv4 address is reversed by trying all 2**32).
    digest = keyed("complaints.ratelimit", key).hexdigest()[:32]
    return f"{PREFIX}:{digest}:{index}"


def hit(key: str, limit: int, window_seconds: int, *, now: float | None = None) -> RateLimitResult:
    """Count one attempt under `key`; allowed while at most `limit` attempts fall in the window."""
    now = time.time() if now is None else now
    limit = _scaled(limit)
    index, reset_in = _window(window_seconds, now)
    cache_key = _cache_key(key, index)
    cache.add(cache_key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 1)
        count = 1
    if count is None:
        # The cache is unreachable (its errors are ignored): fail open rather than refuse
        # every citizen while Redis is down.
        count = 0
    allowed = count <= limit
    return RateLimitResult(allowed, count, limit, 0 if allowed else reset_in)


def peek(key: str, limit: int, window_seconds: int, *, now: float | None = None) -> RateLimitResult:
    """The current state without counting an attempt: blocked once `limit` is reached."""
    now = time.time() if now is None else now
    limit = _scaled(limit)
    index, reset_in = _window(window_seconds, now)
    count = cache.get(_cache_key(key, index), 0)
    allowed = count < limit
    return RateLimitResult(allowed, count, limit, 0 if allowed else reset_in)


def reset(key: str, window_seconds: int, *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    index, _ = _window(window_seconds, now)
    cache.delete(_cache_key(key, index))
