"""Search: indexing throughput, and p50/p95 latency of public and staff queries.

Runs against the configured database and backend (DATABASE_URL, ELASTICSEARCH_URL), topping the
synthetic case set up to --cases with the demo generator's bulk inserts, then rebuilding:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_bench \\
        .venv/bin/python -m benchmarks.bench_search --cases 100000
"""

import argparse
import os
import random
import statistics
import time
import warnings


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    warnings.simplefilter("ignore", SyntaxWarning)
    import django

    django.setup()


PUBLIC_QUERIES = [
    "知识产权强市",
    "专利侵权纠纷",
    "行政裁决",
    "假冒专利",
    "质押融资",
    "双随机一公开",
    "商标法",
    "著作权",
    "十大案件",
    "白皮书",
    "337调查",
    "商业秘密",
    "维权援助",
    "专项资金",
    "知识产权",
    "专利",
    "商标侵权怎么投诉",
    "集成电路布图设计",
    "海外维权",
    "不存在的词语组合",
]
STAFF_QUERIES = [
    "专利",
    "商标",
    "运动鞋",
    "假冒注册商标",
    "盗版",
    "网店",
    "侵权",
    "有限公司",
    "电商平台",
    "专利侵权纠纷",
    "商业秘密",
    "光谷",
]


def percentiles(samples: list[float]) -> dict:
    samples = sorted(samples)
    return {
        "queries": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)] * 1000, 2),
        "max_ms": round(samples[-1] * 1000, 2),
    }


def timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


def prepare(cases: int, seed: int) -> None:
    from cms.demo import seed_pages
    from complaints import demo

    demo.seed_reference_data()
    demo.seed_provisional_calendar()
    seed_pages()
    print(f"topping synthetic cases up to {cases}…", flush=True)
    demo.seed_complaints(count=cases, seed=seed)


def measure_queries(rounds: int, rng: random.Random) -> dict:
    from complaints.models import Bureau, Complaint
    from search.api import search_case_ids, search_content

    public = [timed(search_content, q) for _ in range(rounds) for q in PUBLIC_QUERIES]
    public_page2 = [timed(search_content, q, page=2) for q in PUBLIC_QUERIES]
    bureaus = list(Bureau.objects.values_list("id", flat=True))
    # Real identifiers from the data, so exact lookups are part of the mix.
    samples = list(
        Complaint.objects.order_by("?").values_list("tracking_number", "respondent_name")[:20]
    )
    staff_queries = STAFF_QUERIES + [number for number, _ in samples]
    staff_queries += [name for _, name in samples if name]
    one_bureau, several, everyone = [], [], []
    for _ in range(rounds):
        for query in staff_queries:
            one_bureau.append(timed(search_case_ids, query, bureau_ids=[rng.choice(bureaus)]))
            several.append(
                timed(search_case_ids, query, bureau_ids=rng.sample(bureaus, min(4, len(bureaus))))
            )
            everyone.append(timed(search_case_ids, query, bureau_ids=None, limit=50))
    return {
        "public_search": percentiles(public),
        "public_search_page_2": percentiles(public_page2),
        "staff_search_one_bureau": percentiles(one_bureau),
        "staff_search_four_bureaus": percentiles(several),
        "staff_search_all_bureaus": percentiles(everyone),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000, help="synthetic cases (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="times each query is run")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--skip-rebuild", action="store_true", help="reuse the current index")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.common import report
    from complaints.models import Complaint
    from search.api import rebuild
    from search.text import tokenizer

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    tokenizer()
    jieba_seconds = time.perf_counter() - started
    prepare(args.cases, args.seed)
    figures = {
        "backend": settings.SEARCH_BACKEND,
        "database": connection.vendor,
        "cases": Complaint.objects.count(),
        "jieba_load_seconds": round(jieba_seconds, 2),
    }
    if not args.skip_rebuild:

        def progress(kind, done, total):
            if done == total or done % 20000 < 500:
                print(f"  indexing {kind}: {done}/{total}", flush=True)

        figures["indexing"] = rebuild(progress=progress)
    figures.update(measure_queries(args.rounds, random.Random(args.seed)))
    report(f"search_{figures['database']}_{figures['cases']}", figures)


if __name__ == "__main__":
    main()
