"""Status lookup and the staff queue on the production server: p50/p95, SQL queries per request,
and each figure as a multiple of the ceiling (/healthz) measured in the same run.

Runs against the configured database (DATABASE_URL; SQLite otherwise), topping the synthetic
case set up to --cases first (a no-op when seed_demo already made that many), then filing
--real-cases cases through the intake service, whose random access codes are known to this run.
The server runs with benchmarks.settings: DEBUG off, rate limits multiplied (a load generator on
one address would be refused within seconds), SQL queries counted into a response header.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python -m benchmarks.bench_lookup_queue --cases 1000000
"""

import argparse
import asyncio
import itertools
import os
import random
import re
import time
import warnings

TARGETS_MS = {"lookup": 100, "queue": 300}  # p95 targets (benchmarks issue)
HANDLER = "ipo_handler"  # handler of wh-ipo, the bureau with the most cases
SUPERUSER = "admin"
STAFF_QUERIES = ["运动鞋", "光谷", "侵权", "商标", "有限公司", "保温杯", "盗版", "专利侵权"]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    warnings.simplefilter("ignore", SyntaxWarning)
    import logging

    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # no line per request


def prepare(args) -> dict:
    """Data in the database, and what the load needs from it (numbers, codes, cursors)."""
    from django.core.management import call_command

    from complaints import demo
    from search.api import rebuild

    call_command("migrate", verbosity=0)
    demo.seed_reference_data()
    demo.seed_provisional_calendar()
    demo.seed_staff()
    print(f"topping synthetic cases up to {args.cases}…", flush=True)
    if demo.seed_complaints(count=args.cases, seed=args.seed):
        print("indexing cases for the queue's full-text filter…", flush=True)
        rebuild(kinds=("case",))
    rng = random.Random(args.seed)
    return {
        "real_pairs": file_real_cases(args.real_cases, rng),
        "demo_pairs": demo_pairs(args.demo_sample),
        "cursors": deep_cursors(args.deep_offset),
    }


def file_real_cases(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Cases filed like a citizen's, through the intake service: (tracking number, access code)."""
    from complaints.models import Category, District, Kind
    from complaints.services.intake import IntakeData, submit_complaint

    categories = [
        c for c in Category.objects.filter(is_active=True) if "complaint" in c.allowed_kinds
    ]
    districts = list(District.objects.all())
    run = time.strftime("%Y%m%d%H%M%S")
    pairs = []
    started = time.perf_counter()
    for i in range(count):
        result = submit_complaint(
            IntakeData(
                kind=Kind.COMPLAINT,
                category=rng.choice(categories),
                district=rng.choice(districts),
                facts="被投诉人在运动鞋上使用与我方注册商标近似的标志（基准测试）。",
                request="请求责令停止侵权。",
                complainant_name="基准测试",
                complainant_phone="13800000000",
                respondent_name="武汉基准测试贸易有限公司",
                ip_right_type="trademark",
                ip_right_number="12345678",
            ),
            idempotency_key=f"bench-lookup-{run}-{i}",
        )
        pairs.append((result.complaint.tracking_number, result.access_code))
    print(f"filed {count} real cases in {time.perf_counter() - started:.1f}s", flush=True)
    return pairs


def demo_pairs(count: int) -> list[tuple[str, str]]:
    """Synthetic cases share one documented access code (complaints.demo.cases)."""
    from complaints.demo.cases import DEMO_ACCESS_CODE
    from complaints.models import Complaint

    last = Complaint.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = random.Random(1).sample(range(1, last + 1), min(count * 2, last))
    numbers = list(
        Complaint.objects.filter(pk__in=ids, idempotency_key__startswith="demo-").values_list(
            "tracking_number", flat=True
        )[:count]
    )
    return [(number, DEMO_ACCESS_CODE) for number in numbers]


def deep_cursors(offset: int) -> dict:
    """A keyset cursor `offset` cases into each user's newest-first queue."""
    from django.contrib.auth import get_user_model

    from complaints import permissions
    from complaints.dashboard import queue

    cursors = {}
    for username in (HANDLER, SUPERUSER):
        user = get_user_model().objects.get(username=username)
        cases = permissions.visible_cases(user).order_by(*queue.ORDERINGS["-submitted"])
        total = cases.count()
        at = max(min(offset, total - queue.PAGE_SIZE - 1), 0)
        case = cases.only("id", "submitted_at")[at]
        cursors[username] = {
            "cursor": queue.encode_cursor("-submitted", case),
            "offset": at,
            "visible": total,
        }
    return cursors


# The load


async def csrf_cookie(client, path: str) -> str:
    response = await client.get(path)
    response.raise_for_status()
    return client.cookies["csrftoken"]


async def post_lookup(client, number: str, code: str):
    from benchmarks.common import connects_of, queries_of

    response = await client.post(
        "/complaints/track/",
        data={
            "tracking_number": number,
            "access_code": code,
            "csrfmiddlewaretoken": client.cookies["csrftoken"],
        },
    )
    if response.status_code != 302 or not response.headers["location"].endswith("/case/"):
        raise RuntimeError(f"lookup of {number}: {response.status_code}")
    return queries_of(response), connects_of(response)


def lookup_step(pairs):
    cycle = itertools.cycle(pairs)

    async def step(client, state):
        queries, connects = await post_lookup(client, *next(cycle))
        return {"queries": queries, "connects": connects}

    return step


def lookup_and_case_step(pairs):
    """What a citizen waits for: the lookup and the case page it redirects to."""
    cycle = itertools.cycle(pairs)

    async def step(client, state):
        from benchmarks.common import connects_of, queries_of

        number, code = next(cycle)
        queries, connects = await post_lookup(client, number, code)
        response = await client.get("/complaints/track/case/")
        if response.status_code != 200 or number not in response.text:
            raise RuntimeError(f"case page of {number}: {response.status_code}")
        return {
            "queries": (queries or 0) + (queries_of(response) or 0),
            "connects": (connects or 0) + (connects_of(response) or 0),
        }

    return step


def get_step(paths):
    cycle = itertools.cycle(paths)

    async def step(client, state):
        from benchmarks.common import connects_of, queries_of

        path = next(cycle)
        response = await client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}: {response.status_code}")
        return {"queries": queries_of(response), "connects": connects_of(response)}

    return step


def search_step(searches):
    """Queue searches as staff run them: the term is POSTed (kept in the session, never in a
    URL or an access log) and the queue read after the redirect."""
    cycle = itertools.cycle(searches)

    async def step(client, state):
        from benchmarks.common import connects_of, queries_of

        filters, term = next(cycle)
        data = {**filters, "q": term, "csrfmiddlewaretoken": client.cookies.get("csrftoken")}
        response = await client.post("/dashboard/search/", data=data, follow_redirects=True)
        if response.status_code != 200:
            raise RuntimeError(f"search {term!r}: {response.status_code}")
        return {"queries": queries_of(response), "connects": connects_of(response)}

    return step


async def login(client, username: str) -> None:
    from complaints.demo.staff import DEMO_PASSWORD

    token = await csrf_cookie(client, "/dashboard/login/")
    response = await client.post(
        "/dashboard/login/",
        data={"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
    )
    if response.status_code != 302:
        raise RuntimeError(f"login of {username} failed: {response.status_code}")


def search_scenarios(tracking_number: str) -> dict[str, list[tuple[dict, str]]]:
    texts = [*STAFF_QUERIES, tracking_number]
    return {
        "queue_fulltext_q": [({}, text) for text in texts],
        "queue_combined_search": [({"status": "open", "district": "jiangan"}, "侵权")],
    }


def queue_scenarios(cursor: str) -> dict[str, list[str]]:
    return {
        "queue_first_page": ["/dashboard/"],
        "queue_deep_page": [f"/dashboard/?after={cursor}"],
        "queue_status_open": ["/dashboard/?status=open"],
        "queue_status_in_progress": ["/dashboard/?status=in_progress"],
        "queue_channel": ["/dashboard/?channel=12330", "/dashboard/?channel=12315"],
        "queue_district": ["/dashboard/?district=jiangan", "/dashboard/?district=hongshan"],
        "queue_overdue": ["/dashboard/?overdue=on"],
        "queue_due_within_5": ["/dashboard/?due_within=5"],
        "queue_due_sort": ["/dashboard/?status=open&sort=due"],
        "queue_combined": ["/dashboard/?status=open&channel=12330&due_within=10&sort=due"],
    }


async def walk_pages(base: str, username: str, pages: int) -> list[int | None]:
    """SQL queries of pages 1…n followed through the queue's own "next" links."""
    import httpx

    from benchmarks.common import queries_of

    counts = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await login(client, username)
        path = "/dashboard/"
        for _ in range(pages):
            response = await client.get(path)
            response.raise_for_status()
            counts.append(queries_of(response))
            found = re.search(r'rel="next" href="\?([^"]*after=[^"]+)"', response.text)
            if not found:
                break
            path = "/dashboard/?" + found.group(1).replace("&amp;", "&")
    return counts


def with_ratios(figures: dict, ceiling: dict) -> dict:
    for name in ("p50_ms", "p95_ms"):
        if figures.get(name) and ceiling.get(name):
            figures[f"{name[:3]}_x_ceiling"] = round(figures[name] / ceiling[name], 1)
    if ceiling.get("rps"):
        figures["rps_ratio_to_ceiling"] = round(figures["rps"] / ceiling["rps"], 2)
    return figures


def run_level(base: str, data: dict, concurrency: int, seconds: float) -> dict:
    from benchmarks.common import drive, load_average, load_figures

    def measure(name, step, setup=None):
        print(f"  c={concurrency} {name} for {seconds:.0f}s…", flush=True)
        figures = load_figures(
            asyncio.run(
                drive(base, step, seconds=seconds, concurrency=concurrency, setup=setup, warmup=1)
            )
        )
        figures["load"] = load_average()
        return figures

    async def track_setup(client, index):
        await csrf_cookie(client, "/complaints/track/")

    pairs = data["real_pairs"] + data["demo_pairs"]
    random.Random(concurrency).shuffle(pairs)
    level = {"ceiling_healthz": measure("ceiling /healthz", get_step(["/healthz"]))}
    level["lookup"] = measure("status lookup (POST)", lookup_step(pairs), track_setup)
    level["lookup_real_codes_only"] = measure(
        "status lookup, intake-filed cases", lookup_step(data["real_pairs"]), track_setup
    )
    level["lookup_then_case_page"] = measure(
        "lookup + case page", lookup_and_case_step(pairs), track_setup
    )
    sample_number = data["real_pairs"][0][0]
    for username in (HANDLER, SUPERUSER):
        role = "handler" if username == HANDLER else "superuser"

        async def staff_setup(client, index, username=username):
            await login(client, username)

        scenarios = queue_scenarios(data["cursors"][username]["cursor"])
        for name, paths in scenarios.items():
            level[f"{name}:{role}"] = measure(f"{name} as {role}", get_step(paths), staff_setup)
        for name, searches in search_scenarios(sample_number).items():
            step = search_step(searches)
            level[f"{name}:{role}"] = measure(f"{name} as {role}", step, staff_setup)
    ceiling = level["ceiling_healthz"]
    for name, figures in level.items():
        if name != "ceiling_healthz":
            with_ratios(figures, ceiling)
    return level


def verdicts(levels: dict) -> list[str]:
    lines = []
    for concurrency, level in levels.items():
        for name, figures in level.items():
            target = TARGETS_MS["lookup"] if name.startswith("lookup") else None
            target = TARGETS_MS["queue"] if name.startswith("queue") else target
            if target is None or figures.get("p95_ms") is None:
                continue
            if figures["p95_ms"] > target or figures["errors"]:
                lines.append(
                    f"c={concurrency} {name}: p95 {figures['p95_ms']} ms (target ≤ {target}), "
                    f"{figures['errors']} errors"
                )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000, help="top synthetic cases up to N")
    parser.add_argument("--real-cases", type=int, default=200, help="cases filed via intake")
    parser.add_argument("--demo-sample", type=int, default=300, help="synthetic cases looked up")
    parser.add_argument("--deep-offset", type=int, default=100_000, help="deep page position")
    parser.add_argument("--seconds", type=float, default=8, help="per scenario and level")
    parser.add_argument("--concurrency", default="1,4", help="virtual users, comma separated")
    parser.add_argument("--pages", type=int, default=5, help="pages walked for query counts")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.db import connection

    from benchmarks.common import ROOT, load_average, production_server, report, server_description
    from complaints.models import Complaint

    load_start = load_average()
    data = prepare(args)
    cases = Complaint.objects.count()
    connection.close()
    figures = {
        "database": connection.vendor,
        "cases": cases,
        "server": server_description("benchmarks.settings (DEBUG off)"),
        "rate_limits": f"multiplied by RATELIMIT_MULTIPLIER={settings.RATELIMIT_MULTIPLIER}",
        "cache": settings.CACHES["default"]["BACKEND"],
        "load_at_start": load_start,
        "lookup_pairs": {
            "intake_filed": len(data["real_pairs"]),
            "synthetic": len(data["demo_pairs"]),
        },
        "deep_page": {
            name: {k: v for k, v in c.items() if k != "cursor"}
            for name, c in data["cursors"].items()
        },
        "targets_p95_ms": TARGETS_MS,
    }
    log_path = ROOT / "benchmarks" / "results" / "bench_lookup_queue.server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with production_server("benchmarks.settings", log_path=log_path) as base:
        figures["queries_per_page_walk"] = {
            role: asyncio.run(walk_pages(base, username, args.pages))
            for role, username in (("handler", HANDLER), ("superuser", SUPERUSER))
        }
        levels = {}
        for concurrency in [int(c) for c in args.concurrency.split(",") if c.strip()]:
            levels[f"c{concurrency}"] = run_level(base, data, concurrency, args.seconds)
        figures["levels"] = levels
    figures["load_at_end"] = load_average()
    figures["missed_targets"] = verdicts(levels)
    report(f"lookup_queue_{figures['database']}_{cases}", figures)


if __name__ == "__main__":
    main()
