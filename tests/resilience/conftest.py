"""Fixtures for failure tests: throwaway PostgreSQL/Redis, and server databases made from one
migrated template (PostgreSQL when its binaries exist, else an SQLite file)."""

import itertools
import json
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.complaints.conftest import reference_data  # noqa: F401 (fixture)
from tests.complaints.intake.conftest import answers  # noqa: F401 (fixture)

from .services import ThrowawayPostgres, ThrowawayRedis, manage, postgres_bindir, server_env

NO_POSTGRES = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
TEMPLATE = "resilience_template"


@dataclass
class ServerDatabases:
    """Copies of one migrated, seeded database; `info` is what seed_server printed."""

    info: dict
    cluster: ThrowawayPostgres | None
    sqlite_template: Path | None
    workdir: Path
    _names = itertools.count(1)

    def new(self, label: str) -> str:
        name = f"{label}_{next(self._names)}"
        if self.cluster is not None:
            if not self.cluster.accepts_connections():
                self.cluster.start()  # a test that stopped it failed before restarting it
            self.cluster.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
            return self.cluster.url(name)
        path = self.workdir / f"{name}.sqlite3"
        shutil.copyfile(self.sqlite_template, path)
        return f"sqlite:///{path}"


class Provisioning(threading.Thread):
    """Cluster + migrated, seeded template, built in the background while the in-process tests
    run (migrating takes tens of seconds on a loaded machine). Cleaned up at session end."""

    def __init__(self):
        super().__init__(daemon=True, name="resilience-provisioning")
        self.workdir = Path(tempfile.mkdtemp(prefix="ipportal-resilience-"))
        self.cluster: ThrowawayPostgres | None = None
        self.databases: ServerDatabases | None = None
        self.error: BaseException | None = None

    def run(self):
        try:
            sqlite_template = None
            bindir = postgres_bindir()
            if bindir is not None:
                self.cluster = ThrowawayPostgres(bindir)
                self.cluster.initdb()
                self.cluster.start()
                self.cluster.execute(f'CREATE DATABASE "{TEMPLATE}"')
                url = self.cluster.url(TEMPLATE)
            else:
                sqlite_template = self.workdir / "template.sqlite3"
                url = f"sqlite:///{sqlite_template}"
            env = server_env(url, self.workdir)
            output = manage(["-m", "tests.resilience.seed_server"], env, 400)
            info = json.loads(output.strip().splitlines()[-1])
            self.databases = ServerDatabases(info, self.cluster, sqlite_template, self.workdir)
        except BaseException as exc:
            self.error = exc

    def result(self) -> ServerDatabases:
        self.join(timeout=420)
        if self.error is not None:
            raise RuntimeError("could not prepare the server databases") from self.error
        assert self.databases is not None, "provisioning timed out"
        return self.databases

    def destroy(self):
        self.join(timeout=420)
        try:
            if self.cluster is not None:
                self.cluster.destroy()
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)


_provisioning: list[Provisioning] = []


def _provision() -> Provisioning:
    if not _provisioning:
        _provisioning.append(Provisioning())
        _provisioning[0].start()
    return _provisioning[0]


def pytest_collection_finish(session):
    if any("server_databases" in getattr(item, "fixturenames", ()) for item in session.items):
        _provision()


def pytest_sessionfinish(session, exitstatus):
    while _provisioning:
        _provisioning.pop().destroy()


@pytest.fixture(scope="session")
def server_databases():
    """Each test gets its own copy of the template (`new()`)."""
    return _provision().result()


@pytest.fixture(scope="session")
def pg_cluster(server_databases):
    """The private cluster on a free port (never the machine's 127.0.0.1:5432)."""
    if server_databases.cluster is None:
        pytest.skip(NO_POSTGRES)
    return server_databases.cluster


@pytest.fixture
def redis_server():
    server = ThrowawayRedis()
    if server.binary is None:
        pytest.skip("redis-server is not installed")
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def scratch(tmp_path):
    """Media and private (evidence) storage for one test's server processes."""
    for name in ("media", "private"):
        (tmp_path / name).mkdir()
    return tmp_path


@pytest.fixture(autouse=True)
def quiet_http_client_logs():
    """One INFO line per request of a load test drowns the failure report."""
    import logging

    logger = logging.getLogger("httpx")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)
