"""How long `seed_demo --complaints N` takes: creation and search indexing, from its progress.

Not a bench_* module (run_all skips it): a million cases take many minutes. Needs DATABASE_URL
(a database you can fill; the data stays for the other benchmarks):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python -m benchmarks.seed_timing --complaints 1000000
"""

import argparse
import os
import re
import subprocess
import sys
import time

from benchmarks.common import ROOT, load_average, report


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--no-index", action="store_true", help="pass --no-index to seed_demo")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("seed_timing needs DATABASE_URL (PostgreSQL): it fills that database.")
    command = [
        sys.executable,
        "manage.py",
        "seed_demo",
        "--allow-production",  # the database may run under production settings
        "--complaints",
        str(args.complaints),
        "--seed",
        str(args.seed),
    ] + (["--no-index"] if args.no_index else [])
    load_before = load_average()
    marks: dict[str, float] = {}
    lines = []
    started = time.perf_counter()
    with subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        for line in process.stdout:
            now = time.perf_counter() - started
            print(f"[{now:7.1f}s] {line}", end="", flush=True)
            lines.append(line.rstrip())
            if line.startswith("Synthetic complaints"):
                marks["complaints_start"] = now
            elif line.startswith("Indexing cases"):
                marks["index_start"] = now
            elif line.startswith("Demo data ready"):
                marks["end"] = now
    if process.returncode:
        sys.exit(f"seed_demo failed with status {process.returncode}")
    total = time.perf_counter() - started
    created = 0
    for line in lines:
        if match := re.match(r"\s+([\d,]+)/([\d,]+) complaints", line):
            created = int(match.group(1).replace(",", ""))
    create_end = marks.get("index_start", marks.get("end", total))
    creation = create_end - marks.get("complaints_start", 0)
    figures = {
        "target_complaints": args.complaints,
        "created_this_run": created,
        "total_seconds": round(total, 1),
        "reference_and_pages_seconds": round(marks.get("complaints_start", 0), 1),
        "complaint_creation_seconds": round(creation, 1),
        "complaints_per_second": round(created / creation, 1) if creation and created else None,
        "indexing_seconds": round(marks["end"] - marks["index_start"], 1)
        if "index_start" in marks and "end" in marks
        else None,
        "load_before": load_before,
        "load_after": load_average(),
        "last_lines": lines[-4:],
    }
    report(f"seed_{args.complaints}", figures)


if __name__ == "__main__":
    main()
