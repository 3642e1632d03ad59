"""Shared benchmark plumbing: start the production ASGI server, drive it with an async client,
report."""

import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The production server, as docs/deployment.md and `make serve` run it: uvicorn with worker
# processes (chosen on benchmarks/compare_servers.py's figures). BENCH_WORKERS overrides the count.
APPLICATION = "portal.asgi:application"
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
SERVER_NAME = "uvicorn"


def server_command(port: int, workers: int = WORKERS, app: str = APPLICATION) -> list[str]:
    """The production command line (the Makefile's `serve` target) on a loopback port."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--proxy-headers",
        "--no-access-log",  # the reverse proxy keeps the access log
    ]


def server_description(settings: str, workers: int = WORKERS) -> str:
    return f"{SERVER_NAME} --workers {workers}, DJANGO_SETTINGS_MODULE={settings}"


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the server's process group (the supervisor and its workers), then SIGKILL what is
    left: a supervisor killed alone would leave its workers serving the port."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@contextmanager
def production_server(
    settings: str = "portal.settings.dev",
    env: dict | None = None,
    *,
    log_path: Path | None = None,
    timeout: float = 30,
    workers: int = WORKERS,
    app: str = APPLICATION,
):
    """Run the production ASGI server (uvicorn, `workers` processes) on a free loopback port.

    The server's output goes to `log_path` (else to a scratch file: a pipe nobody reads can fill
    up and stall a chatty server); the server is stopped, and killed if need be, however the
    block ends. Yields the base URL once /healthz answers."""
    port = free_port()
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **(env or {})}
    scratch = None
    if log_path is None:
        scratch = tempfile.NamedTemporaryFile(prefix="server-", suffix=".log", delete=False)  # noqa: SIM115
        scratch.close()
        log_path = Path(scratch.name)
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            server_command(port, workers, app),
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=log,
            start_new_session=True,  # its own process group: _stop reaches every worker
        )
    base = f"http://127.0.0.1:{port}"
    try:
        ready = False
        deadline = time.monotonic() + timeout
        while not ready and time.monotonic() < deadline and process.poll() is None:
            try:
                httpx.get(base + "/healthz", timeout=2)
                ready = True
            except httpx.HTTPError:
                time.sleep(0.2)
        if not ready:
            output = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{SERVER_NAME} did not start: " + output)
        yield base
    finally:
        _stop(process)
        if scratch:
            log_path.unlink(missing_ok=True)


async def _load(url: str, seconds: float, concurrency: int) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(timeout=10) as client:

        async def worker():
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.get(url)
                response.raise_for_status()
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def measure(url: str, seconds: float = 5, concurrency: int = 8) -> dict:
    latencies = asyncio.run(_load(url, seconds, concurrency))
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    }


def report(name: str, figures: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(json.dumps({name: figures}, indent=2, ensure_ascii=False))


def load_average() -> str:
    """The machine's 1/5/15-minute load (benchmarks share the machine; figures are noisy)."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


QUERIES_HEADER = "X-Bench-Queries"  # set by benchmarks.settings (benchmarks/querycount.py)


def latency_figures(latencies: list[float]) -> dict:
    """count, p50/p95/max in ms of a list of durations in seconds."""
    if not latencies:
        return {"count": 0, "p50_ms": None, "p95_ms": None, "max_ms": None}
    ordered = sorted(latencies)
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(int(len(ordered) * 0.95) - 1, 0)] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def queries_of(response: httpx.Response) -> int | None:
    value = response.headers.get(QUERIES_HEADER)
    return int(value) if value is not None else None


def connects_of(response: httpx.Response) -> int | None:
    """New database connections the request opened (X-Bench-Connects, benchmarks.settings)."""
    value = response.headers.get("X-Bench-Connects")
    return int(value) if value is not None else None


async def drive(
    base: str, step, *, seconds: float, concurrency: int, setup=None, timeout=30, warmup=0
):
    """Closed-loop load: `concurrency` virtual users, each with its own cookie-keeping
    httpx.AsyncClient on `base`, run `await step(client, state)` until `seconds` have passed.

    `setup(client, index)` (optional, not timed) returns the user's `state`, then each user runs
    `warmup` untimed steps (lazy loads, caches); the clock starts once every user is ready.
    `step` returns a dict (recorded, e.g. {"queries": 7}) or raises
    (recorded as an error; the user goes on). Returns {"elapsed", "latencies", "results",
    "errors"}."""
    latencies: list[float] = []
    results: list[dict] = []
    errors: list[str] = []
    prepared = [0]
    ready = asyncio.Event()
    window = {"deadline": float("inf")}

    async def user(index: int):
        async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
            try:
                state = await setup(client, index) if setup else None
                for _ in range(warmup):
                    await step(client, state)
            finally:
                prepared[0] += 1
            await ready.wait()
            while time.perf_counter() < window["deadline"]:
                started = time.perf_counter()
                try:
                    outcome = await step(client, state)
                except Exception as exc:  # every failure is a figure
                    errors.append(f"{type(exc).__name__}: {exc}"[:300])
                    continue
                latencies.append(time.perf_counter() - started)
                results.append(outcome or {})

    tasks = [asyncio.create_task(user(i)) for i in range(concurrency)]
    while prepared[0] < concurrency:
        await asyncio.sleep(0.02)
    started = time.perf_counter()
    window["deadline"] = started + seconds
    ready.set()
    await asyncio.gather(*tasks)
    return {
        "elapsed": time.perf_counter() - started,
        "latencies": latencies,
        "results": results,
        "errors": errors,
    }


def load_figures(run: dict) -> dict:
    """Throughput, latency and SQL query counts (min/max of the recorded `queries`)."""
    figures = {
        "rps": round(len(run["latencies"]) / run["elapsed"], 1) if run["elapsed"] else 0,
        **latency_figures(run["latencies"]),
        "errors": len(run["errors"]),
    }
    counts = [r["queries"] for r in run["results"] if r.get("queries") is not None]
    if counts:
        figures["queries_min"], figures["queries_max"] = min(counts), max(counts)
    connects = [r["connects"] for r in run["results"] if r.get("connects") is not None]
    if connects:
        figures["db_connects_per_request"] = round(sum(connects) / len(connects), 2)
    if run["errors"]:
        figures["first_errors"] = sorted(set(run["errors"]))[:3]
    return figures
