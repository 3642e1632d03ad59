"""Intake throughput on the production server: submissions/s sustained for --seconds through the
web wizard and through Open311 POST, p50/p95 per submission, then a database check that every
acknowledged submission is a stored, routed case with a running legal clock (zero loss).

Web path: each virtual user keeps its own cookies (session + CSRF) and walks the five steps as
a browser does (what → who → respondent → details → review → done), filing a named complaint
(anonymous reports would need the challenge question). Open311: form-encoded POST
/open311/v2/requests.json with an API key made by `manage.py create_api_key` and an
Idempotency-Key per request.

The server runs with benchmarks.settings: DEBUG off and every rate limit multiplied by
RATELIMIT_MULTIPLIER (the web form allows 10 submissions per hour per address; one load
generator is one address). The key gets --rate-limit 1000000. Runs against the configured
database (DATABASE_URL; SQLite otherwise) and adds the cases it files (marked in their facts).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python -m benchmarks.bench_intake --seconds 60
"""

import argparse
import asyncio
import io
import itertools
import os
import re
import shutil
import subprocess
import uuid
import warnings
from contextlib import redirect_stdout

TARGET_PER_SECOND = 50
TRACKING = re.compile(r'data-testid="tracking-number">(IP-\d{4}-[0-9A-Z]+)<')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    warnings.simplefilter("ignore", SyntaxWarning)
    import logging

    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # no line per request


def prepare() -> dict:
    from django.core.management import call_command

    from complaints import demo
    from complaints.models import Category, District

    call_command("migrate", verbosity=0)
    demo.seed_reference_data()
    demo.seed_provisional_calendar()
    out = io.StringIO()
    with redirect_stdout(out):
        call_command("create_api_key", "intake benchmark", "--rate-limit", "1000000", stdout=out)
    raw_key = out.getvalue().strip().splitlines()[-1]
    categories = [
        c
        for c in Category.objects.filter(is_active=True).order_by("code")
        if "complaint" in c.allowed_kinds
    ]
    return {
        "api_key": raw_key,
        "categories": [(c.pk, c.code) for c in categories],
        "districts": list(District.objects.order_by("code").values_list("pk", "code")),
    }


# The web wizard


def wizard_answers(category_pk: int, district_pk: int, marker: str) -> dict:
    return {
        "what": {
            "description": "网店卖假冒我公司商标的运动鞋",
            "kind": "complaint",
            "category": str(category_pk),
            "district": str(district_pk),
        },
        "who": {
            "complainant_name": "张三丰",
            "complainant_phone": "13812345678",
            "complainant_email": "zhang@example.cn",
            "complainant_address": "武汉市江岸区沿江大道1号",
        },
        "respondent": {
            "respondent_name": "武汉某某贸易有限公司",
            "respondent_address": "武汉市江岸区解放大道100号",
        },
        "details": {
            "facts": f"被投诉人在运动鞋上使用与我方注册商标近似的标志，已购买样品。{marker}",
            "request": "请求责令停止侵权。",
            "ip_right_type": "trademark",
            "ip_right_number": "12345678",
        },
    }


def web_step(data: dict, marker: str, acknowledged: list):
    combos = itertools.cycle(
        [(c, d) for c, _code in data["categories"] for d, _district in data["districts"][:4]]
    )

    async def step(client, state):
        from benchmarks.common import connects_of, queries_of

        totals = {"queries": 0, "connects": 0}

        def count(response):
            totals["queries"] += queries_of(response) or 0
            totals["connects"] += connects_of(response) or 0
            return response

        category, district = next(combos)
        answers = wizard_answers(category, district, marker)
        for name in ("what", "who", "respondent", "details"):
            response = count(
                await client.post(
                    f"/complaints/new/{name}/",
                    data={**answers[name], "csrfmiddlewaretoken": client.cookies["csrftoken"]},
                )
            )
            if response.status_code != 302:
                raise RuntimeError(f"step {name}: {response.status_code}")
        review = count(await client.get("/complaints/new/review/"))
        token = FORM_TOKEN.search(review.text)
        if review.status_code != 200 or not token:
            raise RuntimeError(f"review: {review.status_code}")
        response = count(
            await client.post(
                "/complaints/new/review/",
                data={
                    "consent": "on",
                    "form_token": token.group(1),
                    "website": "",
                    "csrfmiddlewaretoken": client.cookies["csrftoken"],
                },
            )
        )
        if response.status_code != 302 or "/done/" not in response.headers.get("location", ""):
            raise RuntimeError(f"submit: {response.status_code}")
        done = count(await client.get(response.headers["location"]))
        number = TRACKING.search(done.text)
        if done.status_code != 200 or not number:
            raise RuntimeError(f"receipt: {done.status_code}")
        acknowledged.append(number.group(1))
        return totals  # 7 requests per submission

    return step


async def web_setup(client, index):
    response = await client.get("/complaints/new/what/")
    response.raise_for_status()


# Open311


def open311_step(data: dict, marker: str, acknowledged: list):
    combos = itertools.cycle(
        [(code, district) for _pk, code in data["categories"] for _d, district in data["districts"]]
    )

    async def step(client, state):
        code, district = next(combos)
        response = await client.post(
            "/open311/v2/requests.json",
            data={
                "api_key": data["api_key"],
                "service_code": code,
                "description": f"被投诉人在网店销售假冒注册商标的运动鞋。{marker}",
                "first_name": "三丰",
                "last_name": "张",
                "phone": "13812345678",
                "attribute[district]": district,
                "attribute[ip_right_type]": "trademark",
                "attribute[ip_right_number]": "12345678",
                "attribute[respondent_name]": "武汉某某贸易有限公司",
            },
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        if response.status_code != 201:
            raise RuntimeError(f"POST requests.json: {response.status_code} {response.text[:200]}")
        record = response.json()[0]
        if not record.get("service_request_id") or not record.get("account_id"):
            raise RuntimeError("no service_request_id/account_id in the answer")
        acknowledged.append(record["service_request_id"])
        from benchmarks.common import connects_of, queries_of

        return {"queries": queries_of(response), "connects": connects_of(response)}

    return step


# Proof


def verify(acknowledged: list[str], marker: str, source: str) -> dict:
    """Every acknowledged number is stored, routed, on the clock; nothing stored unacknowledged."""
    from complaints.models import CaseEvent, ClockStep, Complaint, Status

    numbers = set(acknowledged)
    stored = Complaint.objects.filter(facts__contains=marker)
    good = 0
    found = set()
    for chunk in range(0, len(acknowledged), 2000):
        batch = acknowledged[chunk : chunk + 2000]
        rows = Complaint.objects.filter(tracking_number__in=batch).values(
            "id",
            "tracking_number",
            "bureau_id",
            "status",
            "step",
            "step_started_on",
            "due_on",
            "source",
        )
        ids = [r["id"] for r in rows]
        with_event = set(
            CaseEvent.objects.filter(complaint_id__in=ids, action="submitted").values_list(
                "complaint_id", flat=True
            )
        )
        for row in rows:
            found.add(row["tracking_number"])
            if (
                row["bureau_id"]
                and row["status"] == Status.SUBMITTED
                and row["step"] == ClockStep.ACCEPTANCE
                and row["step_started_on"]
                and row["due_on"]
                and row["source"] == source
                and row["id"] in with_event
            ):
                good += 1
    return {
        "acknowledged": len(acknowledged),
        "acknowledged_distinct": len(numbers),
        "stored_acknowledged": len(found),
        "routed_with_clock_and_event": good,
        "lost": len(numbers - found),
        "stored_with_run_marker": stored.count(),
        "zero_loss": len(numbers) == len(acknowledged) == len(found) == good,
    }


def py_spy_profile(base: str, seconds: int, out_path) -> str | None:
    """Sample the server's processes with py-spy (if installed) while the load runs."""
    py_spy = shutil.which("py-spy") or shutil.which(
        "py-spy", path=os.path.dirname(os.sys.executable)
    )
    if not py_spy:
        return None
    port = base.rsplit(":", 1)[1]
    listing = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=False
    ).stdout
    # The supervisor and its workers all hold the listening socket; the supervisor started first
    # (lowest pid) and --subprocesses follows it into the workers.
    pids = sorted(int(pid) for pid in re.findall(r"pid=(\d+)", listing))
    if not pids:
        return None
    return subprocess.Popen(
        [
            py_spy,
            "record",
            "-p",
            str(pids[0]),
            "--subprocesses",
            "-d",
            str(seconds),
            "-f",
            "raw",
            "-o",
            str(out_path),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60, help="duration of each path")
    parser.add_argument("--concurrency", type=int, default=8, help="virtual users")
    parser.add_argument("--paths", default="web,open311", help="web, open311 or both")
    parser.add_argument("--profile", action="store_true", help="py-spy the server (if installed)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="override CONN_MAX_AGE in the server (0 closes each request's connection)",
    )
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.db import connection

    from benchmarks.common import (
        RESULTS,
        ROOT,
        drive,
        load_average,
        load_figures,
        production_server,
        report,
        server_description,
    )
    from complaints.models import Complaint

    data = prepare()
    connection.close()
    figures = {
        "database": connection.vendor,
        "cases_before": Complaint.objects.count(),
        "server": server_description("benchmarks.settings (DEBUG off)"),
        "rate_limits": (
            f"raised: every limit × RATELIMIT_MULTIPLIER={settings.RATELIMIT_MULTIPLIER}; "
            "API key rate limit 1000000/min"
        ),
        "tasks_backend": settings.TASKS["default"]["BACKEND"],
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "target_per_second": TARGET_PER_SECOND,
    }
    connection.close()
    RESULTS.mkdir(parents=True, exist_ok=True)
    log_path = ROOT / "benchmarks" / "results" / "bench_intake.server.log"
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    server_env = {}
    if args.conn_max_age is not None:
        server_env["BENCH_CONN_MAX_AGE"] = str(args.conn_max_age)
        figures["conn_max_age"] = args.conn_max_age
    with production_server("benchmarks.settings", env=server_env, log_path=log_path) as base:

        async def healthz(client, state):
            response = await client.get("/healthz")
            response.raise_for_status()
            return {}

        print("ceiling: /healthz for 5s…", flush=True)
        ceiling = load_figures(
            asyncio.run(drive(base, healthz, seconds=5, concurrency=args.concurrency, warmup=1))
        )
        ceiling["load"] = load_average()
        figures["ceiling_healthz"] = ceiling
        for path in paths:
            marker = f"[bench-intake {path} {uuid.uuid4().hex[:12]}]"
            acknowledged: list[str] = []
            if path == "web":
                step, setup = web_step(data, marker, acknowledged), web_setup
            else:
                step, setup = open311_step(data, marker, acknowledged), None
            print(f"{path}: {args.concurrency} users for {args.seconds:.0f}s…", flush=True)
            load_before = load_average()
            profiler = None
            if args.profile:
                profile_path = RESULTS / f"intake_{path}.py-spy.txt"
                profiler = py_spy_profile(base, int(args.seconds), profile_path)
            run = asyncio.run(
                drive(
                    base,
                    step,
                    seconds=args.seconds,
                    concurrency=args.concurrency,
                    setup=setup,
                    warmup=1,  # first submission per user loads jieba etc.: not timed
                )
            )
            if profiler:
                profiler.wait(timeout=args.seconds + 60)
            result = load_figures(run)
            # Timed submissions only (the warm-up ones are in the proof, not in the rate).
            result["submissions_per_second"] = round(len(run["latencies"]) / run["elapsed"], 1)
            result["load_before"], result["load_after"] = load_before, load_average()
            result["proof"] = verify(acknowledged, marker, "web" if path == "web" else "open311")
            result["meets_target"] = (
                result["submissions_per_second"] >= TARGET_PER_SECOND
                and result["proof"]["zero_loss"]
            )
            if ceiling["rps"]:
                result["ratio_to_ceiling_rps"] = round(
                    result["submissions_per_second"] / ceiling["rps"], 3
                )
            if profiler:
                result["profile"] = str(profile_path.relative_to(ROOT))
            figures[path] = result
            connection.close()
    suffix = "" if args.conn_max_age is None else f"_conn_max_age_{args.conn_max_age}"
    report(f"intake_{figures['database']}{suffix}", figures)


if __name__ == "__main__":
    main()
