"""Settings for bench_pages: benchmarks.settings (DEBUG off, queries counted into a header) with
a URLconf that adds the ceiling view. PAGE_CACHE_SECONDS comes from the environment as usual.

    DJANGO_SETTINGS_MODULE=benchmarks.pages_settings
"""

from benchmarks.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.pages_urls"
