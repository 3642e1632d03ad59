"""The staff workbench's queue on the production server: every page carries the navigation
column's counts and the facet counts beside the filters. p50/p95 and SQL queries per request
(X-Bench-Queries) for a handler of the largest bureau (ipo_handler) and a superuser (admin):

- queue_first_page     /dashboard/                       newest first, all statuses
- queue_open           /dashboard/?status=open           the working queue
- queue_saved_search   a saved search of the user's (open trademark cases, least time first)
- queue_deep_page      /dashboard/?after=<cursor>        --deep-offset cases in

Each scenario runs twice: with the counts cache (DASHBOARD_COUNTS_TTL=30, what production
runs: users of one bureau share facet counts for 30 s) and without it (TTL=0: every request
counts in the database, the cold case). Goal: p95 ≤ 150 ms at a constant number of queries.

Runs against the configured database without seeding it (seed it first with
`manage.py seed_demo --complaints 1000000`); it writes only what it needs: the migrations of
this checkout and one saved search per measured user.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_bench1m \\
        .venv/bin/python -m benchmarks.bench_staff_queue
"""

import argparse
import asyncio
import itertools
import os
import warnings

HANDLER = "ipo_handler"  # handler of wh-ipo, the bureau with the most cases
SUPERUSER = "admin"
TARGET_P95_MS = 150
SAVED = {
    "name": "基准：未办结商标侵权",
    "filters": {"status": "open", "category": "trademark-infringement"},
    "order": "due",
}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    warnings.simplefilter("ignore", SyntaxWarning)
    import logging

    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)


def prepare(deep_offset: int) -> dict:
    """Per user: the saved search's URL and a keyset cursor `deep_offset` cases in."""
    from urllib.parse import urlencode

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from complaints import permissions
    from complaints.dashboard import queue
    from complaints.models import SavedSearch

    call_command("migrate", verbosity=0)
    out = {}
    for username in (HANDLER, SUPERUSER):
        user = get_user_model().objects.get(username=username)
        SavedSearch.objects.update_or_create(
            user=user,
            name=SAVED["name"],
            defaults={"filters": SAVED["filters"], "order": SAVED["order"]},
        )
        cases = permissions.visible_cases(user).order_by(*queue.ORDERINGS["-submitted"])
        case = cases.only("id", "submitted_at")[deep_offset]
        out[username] = {
            "saved": "/dashboard/?" + urlencode({**SAVED["filters"], "sort": SAVED["order"]}),
            "cursor": queue.encode_cursor("-submitted", case),
            "offset": deep_offset,
        }
    return out


def scenarios(data: dict) -> dict[str, str]:
    return {
        "queue_first_page": "/dashboard/",
        "queue_open": "/dashboard/?status=open",
        "queue_saved_search": data["saved"],
        "queue_deep_page": f"/dashboard/?after={data['cursor']}",
    }


def get_step(path: str, expect: str):
    async def step(client, state):
        from benchmarks.common import queries_of

        response = await client.get(path)
        if response.status_code != 200 or expect not in response.text:
            raise RuntimeError(f"GET {path}: {response.status_code}")
        return {"queries": queries_of(response)}

    return step


async def login(client, username: str) -> None:
    from benchmarks.bench_lookup_queue import login as staff_login

    await staff_login(client, username)


def run_mode(base: str, prepared: dict, seconds: float, concurrency: int) -> dict:
    from benchmarks.common import drive, load_average, load_figures

    figures = {}
    for username, role in ((HANDLER, "handler"), (SUPERUSER, "superuser")):

        async def setup(client, index, username=username):
            await login(client, username)

        for name, path in scenarios(prepared[username]).items():
            print(f"  {name} as {role} for {seconds:.0f}s…", flush=True)
            run = asyncio.run(
                drive(
                    base,
                    get_step(path, 'id="queue-rows"'),
                    seconds=seconds,
                    concurrency=concurrency,
                    setup=setup,
                    warmup=1,
                )
            )
            result = load_figures(run)
            result["load"] = load_average()
            figures[f"{name}:{role}"] = result
    return figures


def verdicts(modes: dict) -> list[str]:
    lines = []
    for mode, figures in modes.items():
        for name, result in figures.items():
            p95 = result.get("p95_ms")
            if p95 is None or p95 > TARGET_P95_MS or result.get("errors"):
                lines.append(f"{mode} {name}: p95 {p95} ms (goal ≤ {TARGET_P95_MS})")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8, help="per scenario and mode")
    parser.add_argument("--concurrency", type=int, default=1, help="virtual users")
    parser.add_argument("--deep-offset", type=int, default=100_000, help="deep page position")
    parser.add_argument("--modes", default="cached,uncached", help="cached and/or uncached")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.db import connection

    from benchmarks.common import ROOT, load_average, production_server, report, server_description
    from complaints.models import Complaint

    load_start = load_average()
    prepared = prepare(args.deep_offset)
    cases = Complaint.objects.count()
    connection.close()
    figures = {
        "database": connection.vendor,
        "cases": cases,
        "server": server_description("benchmarks.staff_queue_settings (DEBUG off)"),
        "cache": settings.CACHES["default"]["BACKEND"],
        "concurrency": args.concurrency,
        "load_at_start": load_start,
        "target_p95_ms": TARGET_P95_MS,
        "deep_offset": args.deep_offset,
        "modes": {},
    }
    log_path = ROOT / "benchmarks" / "results" / "bench_staff_queue.server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    ttl = {"cached": "30", "uncached": "0"}
    for mode in itertools.chain(m.strip() for m in args.modes.split(",") if m.strip()):
        print(f"{mode} (DASHBOARD_COUNTS_TTL={ttl[mode]})", flush=True)
        env = {"DASHBOARD_COUNTS_TTL": ttl[mode]}
        with production_server("benchmarks.staff_queue_settings", env, log_path=log_path) as base:
            figures["modes"][mode] = run_mode(base, prepared, args.seconds, args.concurrency)
    figures["load_at_end"] = load_average()
    figures["missed_goal"] = verdicts(figures["modes"])
    report(f"staff_queue_{figures['database']}_{cases}", figures)


if __name__ == "__main__":
    main()
