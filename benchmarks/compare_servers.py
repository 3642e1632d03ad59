"""Which ASGI server for production: each candidate serves the project side by side in one run,
and the same pages are measured on each in turn, interleaved round by round, so the load of a
shared machine falls on every candidate alike. Reported per server and page: requests/s, the
ratio to that server's own ceiling in the same round (benchmarks/pages_urls.py, a bare view
behind the whole middleware stack), and the ratio to the best server's ceiling, p50/p95.

Load comes from wrk (C, little CPU taken from the servers) when installed, else from the
project's async client (benchmarks.common.measure). Settings: benchmarks.pages_settings
(DEBUG off, the configured database and cache). Run migrate and seed_demo first:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_pages \\
        REDIS_URL=redis://127.0.0.1:6379/11
    .venv/bin/python -m benchmarks.compare_servers --workers 2

The candidates other than the chosen one are not project dependencies: install them into the
virtualenv to compare (`pip install gunicorn granian`); a missing one is skipped.
"""

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

from benchmarks.common import ROOT, free_port, measure, report

SETTINGS = "benchmarks.pages_settings"
APP = "portal.asgi:application"

# wrk's own summary lacks p95; this prints what we need as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "errors": %d, "p50_us": %d, "p95_us": %d}\\n',
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95)))
end
"""


def commands(port: int, workers: int) -> dict[str, list[str]]:
    """Each candidate's production command line (access logs off: the proxy keeps them)."""
    py = sys.executable
    bind = ["127.0.0.1", str(port)]
    return {
        "daphne (1 process)": [py, "-m", "daphne", "--proxy-headers", "-b", bind[0],
                               "-p", bind[1], APP],
        f"uvicorn --workers {workers}": [py, "-m", "uvicorn", "--workers", str(workers),
                                         "--proxy-headers", "--no-access-log", "--host", bind[0],
                                         "--port", bind[1], APP],
        f"gunicorn -k uvicorn × {workers}": [py, "-m", "gunicorn", "-k",
                                             "uvicorn.workers.UvicornWorker", "-w", str(workers),
                                             "-b", ":".join(bind), APP],
        f"granian --workers {workers}": [py, "-m", "granian", "--interface", "asgi",
                                         "--workers", str(workers), "--host", bind[0],
                                         "--port", bind[1], APP],
    }  # fmt: skip


MODULES = {"daphne": "daphne", "uvicorn": "uvicorn", "gunicorn": "gunicorn", "granian": "granian"}


def available(name: str) -> bool:
    return all(
        importlib.util.find_spec(module) for key, module in MODULES.items() if key in name.split()
    )


def start(name: str, command: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    with open(log, "ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
        )


def wait_ready(base: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[2]} exited:\n{log.read_text()[-2000:]}")
        try:
            httpx.get(base + "/healthz", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit(f"{process.args[2]} did not start:\n{log.read_text()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def load(url: str, seconds: float, concurrency: int, script: Path | None) -> dict:
    """requests/s, p50/p95 ms and errors of `concurrency` keep-alive clients on `url`."""
    if script is None:
        return {**measure(url, seconds, concurrency), "errors": 0}
    output = subprocess.run(
        ["wrk", "-t2", f"-c{concurrency}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return {
        "requests": figures["requests"],
        "rps": round(figures["requests"] / seconds, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "errors": figures["errors"],
    }


def open311_path(base: str) -> str:
    listing = httpx.get(base + "/open311/v2/requests.json", timeout=30).json()
    if not listing:
        raise SystemExit("no Open311 request to read: run `manage.py seed_demo` first")
    return f"/open311/v2/requests/{listing[0]['service_request_id']}.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=5, help="per server, page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--only", help="regular expression on the server names")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="compare-servers-"))
    script = None
    if shutil.which("wrk"):
        script = scratch / "percentiles.lua"
        script.write_text(WRK_SCRIPT)
    started, load_before = time.time(), os.getloadavg()
    servers: dict[str, str] = {}
    with ExitStack() as stack:
        for name, command in commands(0, args.workers).items():
            if args.only and not re.search(args.only, name):
                continue
            if not available(name):
                print(f"skipped (not installed): {name}", flush=True)
                continue
            port = free_port()
            command = commands(port, args.workers)[name]
            log = scratch / f"{name.split()[0]}.log"
            process = start(name, command, log)
            stack.callback(stop, process)
            servers[name] = f"http://127.0.0.1:{port}"
            wait_ready(servers[name], process, log)
        if not servers:
            raise SystemExit("no server to compare")
        first = next(iter(servers.values()))
        pages = {
            "ceiling": "/bench/ceiling",
            "home (page cache hit)": "/",
            "Open311 GET one request": open311_path(first),
            "public search 专利": "/search/?q=%E4%B8%93%E5%88%A9",
        }
        for base in servers.values():  # every worker warmed: caches, lazy imports, pools
            for path in pages.values():
                load(base + path, 2, args.concurrency, script)
        samples: dict[tuple[str, str], list[dict]] = {}
        names = list(servers)
        for round_number in range(args.rounds):
            # Rotate who goes first, so no server always follows the same neighbour.
            order = names[round_number % len(names) :] + names[: round_number % len(names)]
            for page, path in pages.items():
                for name in order:
                    print(f"[{round_number + 1}/{args.rounds}] {name}: {page}", flush=True)
                    figures = load(servers[name] + path, args.seconds, args.concurrency, script)
                    samples.setdefault((name, page), []).append(figures)
    best_ceiling = max(
        statistics.median(f["rps"] for f in samples[(name, "ceiling")]) for name in servers
    )
    results: dict = {}
    for (name, page), rounds in samples.items():
        ceilings = samples[(name, "ceiling")]
        results.setdefault(name, {})[page] = {
            "rps": round(statistics.median(f["rps"] for f in rounds), 1),
            "ratio_to_own_ceiling": round(
                statistics.median(
                    f["rps"] / (c["rps"] or 1) for f, c in zip(rounds, ceilings, strict=True)
                ),
                2,
            ),
            "ratio_to_best_ceiling": round(
                statistics.median(f["rps"] for f in rounds) / (best_ceiling or 1), 2
            ),
            "p50_ms": round(statistics.median(f["p50_ms"] for f in rounds), 1),
            "p95_ms": round(statistics.median(f["p95_ms"] for f in rounds), 1),
            "errors": sum(f["errors"] for f in rounds),
            "rps_per_round": [f["rps"] for f in rounds],
        }
    report(
        "servers",
        {
            "load_generator": "wrk -t2" if script else "httpx (benchmarks.common.measure)",
            "workers": args.workers,
            "concurrency": args.concurrency,
            "seconds_per_round": args.seconds,
            "rounds": args.rounds,
            "cpus": os.cpu_count(),
            "load_average_before": [round(value, 2) for value in load_before],
            "load_average_after": [round(value, 2) for value in os.getloadavg()],
            "duration_s": round(time.time() - started, 1),
            "pages": pages,
            "servers": results,
        },
    )
    print("\n| server | page | req/s | ÷ best ceiling | ÷ own ceiling | p50 ms | p95 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, rows in results.items():
        for page, row in rows.items():
            print(
                f"| {name} | {page} | {row['rps']} | {row['ratio_to_best_ceiling']} | "
                f"{row['ratio_to_own_ceiling']} | {row['p50_ms']} | {row['p95_ms']} |"
            )


if __name__ == "__main__":
    main()
