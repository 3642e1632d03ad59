"""Throwaway services for failure tests: a private PostgreSQL cluster and Redis server, each on a
free loopback port, that a test may stop, kill and restart without touching the machine's own."""

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from benchmarks.common import ROOT, free_port

SERVER_SETTINGS = "tests.resilience.server_settings"


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def stop_process(process: subprocess.Popen | None, *, kill: bool = False, timeout: float = 10):
    """Stop a child (SIGTERM, or SIGKILL when `kill`), escalating to SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    if kill:
        process.kill()
    else:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def postgres_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb, pg_ctl and postgres."""

    def version(path: str) -> float:
        try:
            return float(Path(path).parent.name)
        except ValueError:
            return 0.0

    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if all((Path(candidate) / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return Path(candidate)
    return None


class ThrowawayPostgres:
    """initdb into a temporary directory; start/stop with pg_ctl. As root, PostgreSQL runs as
    the `postgres` user (it refuses to run as root)."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="ipportal-resilience-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            import pwd

            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.root.chmod(0o755)

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False, cwd=self.root
        )

    def initdb(self) -> None:
        result = self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync", "--locale=C",
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(f"initdb failed: {result.stdout}\n{result.stderr}")

    def start(self, timeout: float = 60) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
            # fsync=off is safe here (the OS does not crash, only PostgreSQL); commits stay
            # synchronous, or an immediate stop would lose acknowledged transactions.
            " -c fsync=off -c full_page_writes=off"
            " -c max_connections=60 -c shared_buffers=32MB"
        )
        result = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "-t", str(int(timeout)), "start",
            timeout=timeout + 10,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(f"pg_ctl start failed: {result.stderr}\n{self.tail_log()}")
        wait_until(self.accepts_connections, timeout, what="PostgreSQL to accept connections")

    def stop(self, mode: str = "fast") -> None:
        """`mode="immediate"` is a crash from the application's point of view."""
        if not (self.data / "postmaster.pid").exists():
            return
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", timeout=70)

    def accepts_connections(self) -> bool:
        try:
            with psycopg.connect(self.url("postgres"), connect_timeout=2):
                return True
        except psycopg.Error:
            return False

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)

    def tail_log(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class ThrowawayRedis:
    """redis-server in the foreground on a free port, no persistence; kill and restart it."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def start(self, timeout: float = 20) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.ping, timeout, what="redis-server to answer PING")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        wait_until(lambda: not self.ping(), 10, what="redis-server to go away")

    def stop(self) -> None:
        stop_process(self.process, kill=True)


def server_env(database_url: str, scratch: Path, **extra: str) -> dict[str, str]:
    """Environment for a server-side subprocess (ASGI server, db_worker, manage.py) of these tests:
    only what is given here, whatever the test run's own DATABASE_URL/REDIS_URL say."""
    env = {
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "ELASTICSEARCH_URL": "",
        "TASKS_BACKEND": "",
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "",
    }
    env.update(extra)
    return env


def manage(args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    """Run `manage.py …` (or `-m module` when args[0] == "-m") in a subprocess; its stdout."""
    command = [sys.executable, *args] if args[0] == "-m" else [sys.executable, "manage.py", *args]
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(
            f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )
    return result.stdout


def query(database_url: str, sql: str) -> list[tuple]:
    """Rows from a server database (PostgreSQL or SQLite URL), read directly: cheaper than a
    Django process when a test polls."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30) as conn:
            return conn.execute(sql).fetchall()
    with psycopg.connect(database_url, connect_timeout=10) as conn:
        return conn.execute(sql).fetchall()
