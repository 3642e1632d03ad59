"""Public pages on the production server (uvicorn with workers, benchmarks.common), with the
anonymous page cache on and off: requests/s, p50/p95, and each as a ratio to the ceiling
measured on the same server in the same run.

Each target is measured --rounds times, interleaved with the ceiling (medians reported, each
ratio against the ceiling measured just before it), so a load change on a shared machine skews
one round rather than one target. The ceiling is a trivial Django view (benchmarks/pages_urls.py,
a 2-byte text response) behind the site's whole middleware stack, with the same settings
(benchmarks.pages_settings: DEBUG off, the configured database and cache). Runs against
PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set (SQLite and local memory
otherwise); run migrate and seed_demo first:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_pages \\
        REDIS_URL=redis://127.0.0.1:6379/11
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --allow-production
    .venv/bin/python -m benchmarks.bench_pages

Target: a cached public page answers at least half the ceiling's requests/s.
"""

import argparse
import os
import re
import statistics
import time

import httpx

from benchmarks.common import WORKERS, measure, production_server, report, server_description

SETTINGS = "benchmarks.pages_settings"
CEILING_PATH = "/bench/ceiling"  # benchmarks/pages_urls.py
CACHE_HEADER = "X-Page-Cache"
QUERIES_HEADER = "X-Bench-Queries"
POLICY_PATH = "/policies/wuhan-ip-city-plan-2017-2020/"
TARGET_RATIO = 0.5


def services() -> dict:
    database = os.environ.get("DATABASE_URL", "")
    return {
        "database": "PostgreSQL (DATABASE_URL)"
        if database.startswith("postgres")
        else "SQLite (DATABASE_URL not set: embedded default)",
        "cache": "Redis (REDIS_URL)"
        if os.environ.get("REDIS_URL")
        else "local memory (REDIS_URL not set)",
        "server": server_description(SETTINGS, WORKERS),
    }


def find_policy(base: str, wanted: str) -> str:
    if httpx.get(base + wanted, timeout=30).status_code == 200:
        return wanted
    listing = httpx.get(base + "/policies/", timeout=30).text
    match = re.search(r'href="(/policies/[\w\-]+/)"', listing)
    if not match:
        raise SystemExit("no policy page found: run `manage.py seed_demo` first")
    return match.group(1)


def probe(base: str, path: str, warm: int) -> dict:
    """Warm the page (and the cache), then report what one more request looks like."""
    for _ in range(warm):
        httpx.get(base + path, timeout=30).raise_for_status()
    response = httpx.get(base + path, timeout=30)
    response.raise_for_status()
    return {
        "page_cache": response.headers.get(CACHE_HEADER, "-"),
        "queries": int(response.headers.get(QUERIES_HEADER, "-1")),
        "bytes": len(response.content),
    }


def run(mode: str, args, policy_path: str | None) -> tuple:
    """One server; the targets measured in turn, `rounds` times over (the machine's load drifts:
    each ratio compares a page with the ceiling measured moments before, medians reported)."""
    env = {"PAGE_CACHE_SECONDS": "300" if mode == "cache_on" else "0"}
    samples: dict[str, list[dict]] = {}
    states = {}
    with production_server(settings=SETTINGS, env=env) as base:
        policy_path = policy_path or find_policy(base, POLICY_PATH)
        targets = [
            ("ceiling", CEILING_PATH),
            ("home", "/"),
            ("home_en", "/en/"),
            ("policy", policy_path),
        ]
        for name, path in targets:
            states[name] = {"path": path, **probe(base, path, warm=3)}
            if mode == "cache_on" and name != "ceiling" and states[name]["page_cache"] != "hit":
                raise SystemExit(f"{path} is not served from the page cache: {states[name]}")
        for round_number in range(1, args.rounds + 1):
            for name, path in targets:
                print(f"[{mode} {round_number}/{args.rounds}] {path} {args.seconds}s…", flush=True)
                figures = measure(base + path, args.seconds, args.concurrency)
                samples.setdefault(name, []).append(figures)
    results = {}
    for name, rounds in samples.items():
        ratios = [
            figures["rps"] / (ceiling["rps"] or 1)
            for figures, ceiling in zip(rounds, samples["ceiling"], strict=True)
        ]
        results[name] = {
            **states[name],
            "requests": sum(figures["requests"] for figures in rounds),
            **{
                field: round(statistics.median(figures[field] for figures in rounds), 1)
                for field in ("rps", "p50_ms", "p95_ms")
            },
            "ratio_to_ceiling": round(statistics.median(ratios), 2),
            "rps_per_round": [figures["rps"] for figures in rounds],
        }
    return results, policy_path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3, help="per target and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    info = services()
    print(
        f"database: {info['database']}; cache: {info['cache']}; server: {info['server']}",
        flush=True,
    )
    load_before = os.getloadavg()
    started = time.time()
    results = {}
    policy_path = None
    for mode in ("cache_off", "cache_on"):
        results[mode], policy_path = run(mode, args, policy_path)
    cached = results["cache_on"]
    worst = min(cached[name]["ratio_to_ceiling"] for name in ("home", "home_en", "policy"))
    figures = {
        **info,
        "seconds_per_round": args.seconds,
        "rounds": args.rounds,
        "concurrency": args.concurrency,
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
        "cpus": os.cpu_count(),
        "duration_s": round(time.time() - started, 1),
        **results,
        "speedup": {
            name: round(cached[name]["rps"] / (results["cache_off"][name]["rps"] or 1), 1)
            for name in ("home", "home_en", "policy")
        },
        "target": {
            "cached_page_min_ratio_to_ceiling": TARGET_RATIO,
            "worst_cached_ratio": worst,
            "met": worst >= TARGET_RATIO,
        },
    }
    report("pages", figures)


if __name__ == "__main__":
    main()
