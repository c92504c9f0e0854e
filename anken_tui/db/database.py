"""Provides the database handle that every model uses, and opening an SQLite file or a PostgreSQL database."""

import logging
import os
from pathlib import Path

from peewee import (
    Database,
    DatabaseProxy,
    ImproperlyConfigured,
    PeeweeException,
    PostgresqlDatabase,
    SqliteDatabase,
)

from anken_tui import texts
from anken_tui.db.url import PostgresTarget, is_postgres_url, parse_postgres_url, scrub
from anken_tui.errors import AnkenError

log = logging.getLogger(__name__)

# Models bind to this proxy; `open_target` points it at a real database once
# the location is known, so importing the models touches no file.
database = DatabaseProxy()

BUSY_TIMEOUT_MS = 5000

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    # FULL syncs the WAL on every commit, so a commit the app has reported
    # survives a power cut as well as a crash of the app.
    "synchronous": "full",
    # Read pages through a memory map rather than copying them: a board of
    # 10,000 cases loads in about two thirds of the time. A file of the app
    # stays far below this size, so the whole of it is mapped.
    "mmap_size": 256 * 1024 * 1024,
}

# Session settings of every PostgreSQL connection. lock_timeout is the
# counterpart of SQLite's busy timeout: a writer waits this long for another
# writer's lock, then gets an error that write_transaction turns into DatabaseBusyError.
POSTGRES_SESSION = {
    "lock_timeout": f"{BUSY_TIMEOUT_MS}ms",
    "idle_in_transaction_session_timeout": "60s",
}
POSTGRES_DEFAULT_PARAMETERS = {"connect_timeout": "10", "application_name": "anken-tui"}
POSTGRES_ENCODING = "UTF8"


class DatabaseUnavailableError(AnkenError):
    """The PostgreSQL server could not be reached or refused the connection."""

    title = "データベースに接続できません"


class AnkenPostgresqlDatabase(PostgresqlDatabase):
    """A PostgresqlDatabase that sets the session up on connect and reconnects after a lost connection."""

    def _initialize_connection(self, conn) -> None:
        with conn.cursor() as cursor:
            for name, value in POSTGRES_SESSION.items():
                cursor.execute(f"SET {name} = %s", (value,))

    def cursor(self, named_cursor=None):
        # After the server restarts or the network drops, psycopg2 marks the connection
        # closed. Outside a transaction, start a fresh one instead of failing every query.
        if not self.is_closed() and not self.in_transaction() and self._state.conn.closed:
            log.warning("PostgreSQL connection was lost; connecting again")
            self.dispose()
        return super().cursor(named_cursor)


def is_postgres(db: Database | None = None) -> bool:
    """Return whether `db` (default: the database the models are bound to) is PostgreSQL."""
    target = database.obj if db is None else db
    return isinstance(target, PostgresqlDatabase)


def create_private_file(path: Path) -> None:
    """Create `path` (and its folder) readable by the owner only, if it does not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(descriptor)


def open_target(target: str | Path) -> Database:
    """Open the SQLite file at a path, or the PostgreSQL database of a postgresql:// URL.

    Raises:
        DatabaseUrlError: the URL cannot be read.
        DatabaseUnavailableError: the PostgreSQL server refused or could not be reached.
    """
    if isinstance(target, str) and is_postgres_url(target):
        return open_postgres(parse_postgres_url(target))
    return open_sqlite(Path(target))


def open_sqlite(path: Path) -> SqliteDatabase:
    """Open the SQLite file at `path`, creating it with mode 0600, and bind the models to it.

    SQLite gives the -wal and -shm files the permissions of the database file.
    """
    is_new = not path.exists()
    create_private_file(path)
    sqlite = SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS)
    database.initialize(sqlite)
    sqlite.connect(reuse_if_open=True)
    log.info("opened SQLite database (new=%s)", is_new)
    return sqlite


def open_postgres(target: PostgresTarget) -> PostgresqlDatabase:
    """Connect to the PostgreSQL database of `target` and bind the models to it.

    Without a password in the URL, libpq takes it from PGPASSWORD or ~/.pgpass.

    Raises:
        DatabaseUnavailableError: the server refused, could not be reached, or
            the database does not store text as UTF-8.
    """
    parameters = {**POSTGRES_DEFAULT_PARAMETERS, **target.parameters}
    postgres = AnkenPostgresqlDatabase(target.dbname, encoding="utf8", **parameters)
    try:
        postgres.connect()
    except ImproperlyConfigured:
        raise DatabaseUnavailableError(texts.DB_PG_DRIVER_MISSING) from None
    except PeeweeException as error:
        # Peewee wraps psycopg2's OperationalError, whose text is libpq's English.
        detail = scrub(str(error).strip(), target)
        log.warning("could not connect to PostgreSQL at %s: %s", target.redacted, detail)
        raise DatabaseUnavailableError(connection_failure_message(target, detail)) from None

    encoding = postgres.execute_sql("SHOW server_encoding").fetchone()[0]
    if encoding.upper() != POSTGRES_ENCODING:
        postgres.close()
        raise DatabaseUnavailableError(texts.DB_PG_NOT_UTF8.format(url=target.redacted, encoding=encoding))

    database.initialize(postgres)
    log.info("opened PostgreSQL database %s (server %s)", target.redacted, postgres.server_version)
    return postgres


def connection_failure_message(target: PostgresTarget, detail: str) -> str:
    """Return the Japanese message for a refused connection, with the likely cause where libpq names one."""
    cause = next((cause for marker, cause in texts.DB_PG_CAUSES if marker in detail), "")
    return texts.DB_PG_CONNECT_FAILED.format(url=target.redacted, cause=cause, detail=detail)


def close_database() -> None:
    """Close the connection of the bound database, if there is one."""
    if database.obj is not None and not database.is_closed():
        database.close()
