"""Settings for load benchmarks: the shared base (DATABASE_URL, REDIS_URL as set), plus

- DEBUG off (no query log, no debug pages: what production runs);
- every rate limit multiplied by RATELIMIT_MULTIPLIER (default 100000; env
  BENCH_RATELIMIT_MULTIPLIER), because a load generator on one loopback address would
  otherwise hit the per-address limits within seconds;
- a middleware that counts the SQL queries (X-Bench-Queries) and new database connections
  (X-Bench-Connects) of each request;
- CONN_MAX_AGE from BENCH_CONN_MAX_AGE when set, without the connection pool (else the shared
  setting: per-request connections from psycopg's pool on PostgreSQL).

    DJANGO_SETTINGS_MODULE=benchmarks.settings
"""

import os

from portal.settings.base import *  # noqa: F403
from portal.settings.base import DATABASES, MIDDLEWARE

DEBUG = False
RATELIMIT_MULTIPLIER = int(os.environ.get("BENCH_RATELIMIT_MULTIPLIER", "100000"))
MIDDLEWARE = ["benchmarks.querycount.QueryCountMiddleware", *MIDDLEWARE]
if os.environ.get("BENCH_CONN_MAX_AGE"):
    # Under ASGI each request runs in its own context, so a kept connection is never reused and
    # lingers until collected; 0 closes it when the request ends (bench_intake --conn-max-age).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])
    DATABASES["default"].get("OPTIONS", {}).pop("pool", None)  # the pool refuses kept ones
