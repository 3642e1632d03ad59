"""Who is calling and how often: API key checks and rate limits for every endpoint."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from complaints.services import ratelimit

from . import keys, render
from .models import ApiKey, Scope

DEFAULT_ANON_RATE = 60
WINDOW_SECONDS = 60


class Refused(Exception):
    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


@dataclass
class Caller:
    api_key: ApiKey | None
    verdict: ratelimit.RateLimitResult

    @property
    def remaining(self) -> int:
        return max(self.verdict.limit - self.verdict.count, 0)


def anon_rate() -> int:
    return getattr(settings, "OPEN311_ANON_RATE_PER_MINUTE", DEFAULT_ANON_RATE)


def check(request, fmt: str, raw_key: str, *, need: str | None = None) -> Caller:
    """Authenticate (`need` = a required scope) and count the request; raise Refused."""
    api_key = keys.authenticate(raw_key) if raw_key else None
    if raw_key and api_key is None:
        raise Refused(render.error(fmt, 403, _("api_key 无效或已吊销")))
    if need and api_key is None:
        raise Refused(render.error(fmt, 403, _("须提供有效的 api_key")))
    if need and not api_key.has_scope(need):
        raise Refused(render.error(fmt, 403, _("该 api_key 无此权限")))
    if api_key is not None and (need or api_key.has_scope(Scope.READ)):
        bucket, limit = f"open311:key:{api_key.pk}", api_key.rate_limit_per_minute
    else:
        # The shared limiter keeps only a digest of the bucket name: no address in the cache.
        bucket, limit = f"open311:ip:{ratelimit.client_ip(request)}", anon_rate()
    verdict = ratelimit.hit(bucket, limit, WINDOW_SECONDS)
    if not verdict.allowed:
        raise Refused(
            render.error(
                fmt,
                429,
                _("请求过于频繁，请稍后再试"),
                headers={
                    "Retry-After": str(verdict.retry_after),
                    "X-RateLimit-Limit": str(verdict.limit),
                    "X-RateLimit-Remaining": "0",
                },
            )
        )
    return Caller(api_key, verdict)


def annotate(response, caller: Caller):
    response["X-RateLimit-Limit"] = str(caller.verdict.limit)
    response["X-RateLimit-Remaining"] = str(caller.remaining)
    return response
