"""Credit records at scale: the public page and the platform export with N records.

    DATABASE_URL=postgres://… python -m benchmarks.credit_scale --records 100000

Tops the table up to N synthetic records (bulk, idempotent), then measures in-process (Django's
test client, no HTTP server): the public list (first page, a deep page, search by USCC, search by
a name part) — latency p50/p95 and SQL queries per request — and the full CSV export: rows per
second and how much the process's peak memory grew while streaming it.
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from complaints.models import Bureau  # noqa: E402
from complaints.services.validators import uscc_check_char  # noqa: E402
from complaints.services.workdays import add_months  # noqa: E402
from credit import export  # noqa: E402
from credit.models import CreditRecord, PublicationRule, RecordKind  # noqa: E402

PREFIX = "基准"


def top_up(target: int) -> None:
    have = CreditRecord.objects.count()
    if have >= target:
        return
    rule, _ = PublicationRule.objects.get_or_create(
        code="bench", defaults={"name": "基准", "period_months": 36, "legal_basis": "基准"}
    )
    bureaus = list(Bureau.objects.all()[:20]) or [
        Bureau.objects.create(code="bench", name="基准局", level="city")
    ]
    today = timezone.localdate()
    kinds = list(RecordKind.values)
    batch = []
    for n in range(have, target):
        published = today - datetime.timedelta(days=n % 1500)
        first17 = f"91420{n:012d}"
        batch.append(
            CreditRecord(
                enterprise_name=f"武汉{PREFIX}{n}贸易有限公司",
                uscc=first17 + uscc_check_char(first17),
                kind=kinds[n % len(kinds)],
                facts="销售侵权商品。",
                legal_basis="《中华人民共和国商标法》第六十条",
                decision_number=f"{PREFIX}罚〔{n}〕号",
                decision_date=published - datetime.timedelta(days=7),
                bureau=bureaus[n % len(bureaus)],
                penalty="罚款5万元",
                rule=rule,
                published_on=published,
                publication_ends_on=add_months(published, rule.period_months),
            )
        )
        if len(batch) == 5000:
            CreditRecord.objects.bulk_create(batch)
            batch = []
            print(f"  records: {n + 1}/{target}", flush=True)
    CreditRecord.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give later
            cursor.execute("ANALYZE credit_creditrecord")


def measure(client: Client, url: str, runs: int = 30) -> tuple[float, float, int]:
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    top_up(args.records)
    total = CreditRecord.objects.count()
    public = CreditRecord.objects.public().count()
    print(f"{total} records, {public} public ({connection.vendor})")
    sample = CreditRecord.objects.public().order_by("id").first()
    client = Client()
    pages = {
        "first page": "/credit/",
        "page 200": "/credit/?page=200",
        "USCC search": f"/credit/?q={sample.uscc}",
        "name search": f"/credit/?q={PREFIX}4242",
        "detail": f"/credit/{sample.pk}/",
    }
    for label, url in pages.items():
        p50, p95, queries = measure(client, url)
        print(f"  {label:12s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {queries} queries")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    rows = sum(1 for _ in export.stream_csv(CreditRecord.objects.all(), archive=True)) - 1
    seconds = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(
        f"  export (--all): {rows} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s), "
        f"peak RSS grew {grown / 1024:.1f} MB"
    )


if __name__ == "__main__":
    sys.exit(main())
