"""RATELIMIT_MULTIPLIER scales every limit (load tests raise it); the default leaves them as is."""

import pytest
from django.core.cache import cache

from complaints.services import ratelimit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_limits_are_unchanged_by_default():
    assert ratelimit.hit("m", 2, 60, now=0.0).allowed
    assert ratelimit.hit("m", 2, 60, now=0.0).allowed
    assert not ratelimit.hit("m", 2, 60, now=0.0).allowed


def test_the_multiplier_scales_hit_and_peek(settings):
    settings.RATELIMIT_MULTIPLIER = 3
    results = [ratelimit.hit("m", 2, 60, now=0.0) for _ in range(7)]
    assert [r.allowed for r in results] == [True] * 6 + [False]
    assert results[-1].limit == 6
    assert not ratelimit.peek("m", 2, 60, now=0.0).allowed
