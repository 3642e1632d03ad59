"""benchmarks.settings plus DASHBOARD_COUNTS_TTL from the environment (bench_staff_queue runs
the queue with the counts cache on and off)."""

import os

from benchmarks.settings import *  # noqa: F403

DASHBOARD_COUNTS_TTL = int(os.environ.get("DASHBOARD_COUNTS_TTL", "30"))
