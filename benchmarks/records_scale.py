"""The public complaint database at scale: publishing, browsing and exporting N closed cases.

Not a bench_* module (run_all skips it): it fills a database. By default a fresh SQLite file
under /tmp; DATABASE_URL points it at PostgreSQL instead (the database must be one you can fill):

    .venv/bin/python -m benchmarks.records_scale --cases 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_pubdb \\
        .venv/bin/python -m benchmarks.records_scale --cases 100000

Measures: `publish_records` (batched; rows per second, peak Python memory), the browse page's
queries (facets with counts + first page), the trends query, and the CSV export of every
record streamed through the view's generator with tracemalloc: the peak must stay flat as the
number of rows grows (the figure is printed for 10k rows and for all rows).
"""

import argparse
import datetime
import os
import random
import sys
import time
import tracemalloc


def setup(path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{path}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from complaints.demo import seed_provisional_calendar, seed_reference_data

    seed_reference_data()
    seed_provisional_calendar()


def fill(cases: int, seed: int) -> None:
    """Closed cases, a third with consent, written with bulk_create (no lifecycle: speed)."""
    from django.utils import timezone

    from complaints.models import Category, ClockRecord, Complaint, District

    rng = random.Random(seed)
    have = Complaint.objects.count()
    categories = list(Category.objects.all())
    districts = list(District.objects.all())
    bureau_id = categories[0].channel.bureau_set.values_list("pk", flat=True).first()
    start = timezone.now() - datetime.timedelta(days=730)
    facts = (
        "我叫王小明，手机13812345678。在{d}买到假冒商标的运动鞋，店主李建国拒绝退货，"
        "请依法查处。银行卡 6222 0212 3456 7890 123。"
    )
    batch = []
    for n in range(have, cases):
        category = rng.choice(categories)
        submitted = start + datetime.timedelta(minutes=rng.randrange(0, 700 * 24 * 60))
        batch.append(
            Complaint(
                tracking_number=f"BENCH-{n:09d}",
                access_code_hash="x",
                kind="complaint",
                channel_id=category.channel_id,
                category=category,
                bureau_id=bureau_id,
                district=rng.choice(districts),
                respondent_name=f"武汉某某{n % 500}贸易有限公司",
                respondent_credit_code="91420100MA4K3B2C1" + "X",
                facts=facts.format(d=rng.choice(districts).name),
                status="closed",
                outcome=rng.choice(["no_violation", "mediated", "penalty"]),
                submitted_at=submitted,
                closed_at=submitted + datetime.timedelta(days=rng.randrange(5, 40)),
                publication_consent=n % 3 == 0,
                ever_breached=n % 50 == 0,
            )
        )
        if len(batch) == 5000:
            _flush(batch, Complaint, ClockRecord)
            batch = []
            print(f"  filled {n + 1}/{cases}", file=sys.stderr)
    if batch:
        _flush(batch, Complaint, ClockRecord)


def _flush(batch, Complaint, ClockRecord):
    from django.utils import timezone

    created = Complaint.objects.bulk_create(batch)
    ClockRecord.objects.bulk_create(
        ClockRecord(
            complaint_id=case.pk,
            step="acceptance",
            due_on=timezone.localdate(case.submitted_at),
            finished_on=timezone.localdate(case.submitted_at),
            late_working_days=1 if case.ever_breached else 0,
            ended_by="accepted",
        )
        for case in created
    )


def measure(cases: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from records.models import PublicRecord
    from records.queries import Filters, Selection
    from records.services import publish
    from records.views.api import export_rows
    from records.views.browse import browse

    figures: dict = {"cases": cases, "database": connection.vendor}
    tracemalloc.start()
    started = time.perf_counter()
    published = publish.publish(index=False, batch_size=1000)
    seconds = time.perf_counter() - started
    figures["publish"] = {
        "records": published,
        "seconds": round(seconds, 1),
        "per_second": round(published / seconds) if seconds else None,
        "peak_mib": round(tracemalloc.get_traced_memory()[1] / 2**20, 1),
    }
    tracemalloc.stop()
    figures["records"] = PublicRecord.objects.count()
    started = time.perf_counter()
    figures["publish_again_seconds"] = round(
        (publish.sync(index=False), time.perf_counter() - started)[1], 2
    )

    request = RequestFactory().get("/complaints/database/")
    cases_ = (
        ("browse", {}),
        ("browse_cached", {}),  # the same page again: counts from the cache
        ("browse_filtered", {"outcome": "mediated", "year": "2025"}),
    )
    for label, params in cases_:
        request = RequestFactory().get("/complaints/database/", params)
        request.LANGUAGE_CODE = "zh-hans"
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            browse(request)
            elapsed = time.perf_counter() - started
        figures[label] = {"ms": round(elapsed * 1000), "queries": len(queries.captured_queries)}
    started = time.perf_counter()
    Selection(Filters()).monthly()
    figures["trends_ms"] = round((time.perf_counter() - started) * 1000)
    reset_queries()

    for limit in (10_000, None):
        tracemalloc.start()
        started = time.perf_counter()
        rows = size = 0
        for line in export_rows(Filters()):
            rows += 1
            size += len(line)
            if limit and rows > limit:
                break
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures[f"csv_{limit or 'all'}"] = {
            "rows": rows - 2 if not limit else rows - 1,
            "mib_written": round(size / 2**20, 1),
            "seconds": round(time.perf_counter() - started, 1),
            "peak_python_mib": round(peak / 2**20, 2),
        }
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--db", default="/tmp/records_scale.sqlite3")
    args = parser.parse_args()
    setup(args.db)
    fill(args.cases, args.seed)
    from benchmarks.common import load_average, report

    figures = measure(args.cases)
    figures["load_average"] = load_average()
    report("records_scale", figures)


if __name__ == "__main__":
    main()
