"""Shared fixtures: the database of each test on SQLite and on PostgreSQL, a frozen clock and a member of staff.

A test that uses `db` (itself or through `staff` and the like) runs twice, with
the ids `sqlite` and `postgres`. Each run gets a new database: a file in
tmp_path, or a database created on the test server (see tests/pg_server.py).
It runs on SQLite only when it also asks for `database_path` (it needs the
file), is marked `sqlite_only`, or lives under tests/ui without the mark
`both_backends`.

PostgreSQL tests are skipped, with the reason in the summary, when no server
can be used; in CI (CI=true) that is an error instead.
"""

import os
from datetime import datetime
from pathlib import Path

import pytest

from anken_tui.clock import JST, FrozenClock
from anken_tui.db.database import close_database
from anken_tui.db.setup import open_database
from anken_tui.services.staff import register_staff
from anken_tui.services.summaries import StaffRef
from pg_server import ServerUnavailable, TestServer, server_from_environment, start_throwaway_server
from workers import Worker

# Monday 2 March 2026, 10:00 in the office: a business day with no holiday near it.
START = datetime(2026, 3, 2, 10, 0, tzinfo=JST)

BACKENDS = ("sqlite", "postgres")
UI_TESTS = Path(__file__).parent / "ui"


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: run this database test on SQLite only")
    config.addinivalue_line("markers", "both_backends: run this UI test on PostgreSQL too")


def pytest_generate_tests(metafunc):
    # A test on SQLite only keeps the `backend` fixture below and its id without a suffix,
    # so snapshot files named after the test id stay the same.
    if "backend" in metafunc.fixturenames and _on_both_backends(metafunc):
        metafunc.parametrize("backend", BACKENDS)


def _on_both_backends(metafunc) -> bool:
    if metafunc.definition.get_closest_marker("sqlite_only") or "database_path" in metafunc.fixturenames:
        return False
    in_ui = UI_TESTS in Path(metafunc.definition.path).parents
    return not in_ui or metafunc.definition.get_closest_marker("both_backends") is not None


@pytest.fixture
def backend() -> str:
    """The database of a test that runs on SQLite only; pytest_generate_tests replaces it for the others."""
    return "sqlite"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def postgres_server():
    """The PostgreSQL server of the session, with a template database that has the newest schema."""
    try:
        server = server_from_environment() or start_throwaway_server()
    except ServerUnavailable as error:
        if _in_ci():
            pytest.fail(f"CI needs a PostgreSQL server and none could be used: {error}", pytrace=False)
        pytest.skip(f"no PostgreSQL server: {error}")

    template = server.new_name("anken_template")
    open_database(server.create_database(template))
    close_database()
    server.template = template
    yield server
    server.drop_database(template)
    server.stop()


@pytest.fixture
def new_postgres_database(postgres_server: TestServer):
    """Return a factory of new PostgreSQL databases with the newest schema (or none, with blank=True); drops them after."""
    created = []

    def create(blank: bool = False) -> str:
        name = postgres_server.new_name()
        url = postgres_server.create_database(name, template="template0" if blank else postgres_server.template)
        created.append(name)
        return url

    yield create
    close_database()
    for name in created:
        postgres_server.drop_database(name)


@pytest.fixture
def database_target(backend, tmp_path, request) -> str | Path:
    """Where the test's database lives: a new SQLite file, or the URL of a new PostgreSQL database."""
    if backend == "sqlite":
        return tmp_path / "anken.db"
    return request.getfixturevalue("new_postgres_database")()


@pytest.fixture
def database_path(tmp_path):
    """The SQLite file of a test that needs the file itself; such a test runs on SQLite only."""
    return tmp_path / "anken.db"


@pytest.fixture
def db(database_target):
    """The migrated database, bound to the models for the length of one test."""
    database = open_database(database_target)
    yield database
    close_database()


@pytest.fixture
def start_worker(database_target):
    """Return a function that starts tests/db_worker.py on the test's database; kills the workers after."""
    workers = []

    def start(*arguments) -> Worker:
        worker = Worker(database_target, *arguments)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def clock():
    return FrozenClock(START)


@pytest.fixture
def staff(db, clock) -> StaffRef:
    return register_staff("山口", "sales", clock)
