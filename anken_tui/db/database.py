"""Provides the database handle that every model uses, and opening it safely."""

import logging
import os
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

log = logging.getLogger(__name__)

# Models bind to this proxy; `open_database` points it at a real database once
# the path is known, so importing the models touches no file.
database = DatabaseProxy()

BUSY_TIMEOUT_MS = 5000

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    # With WAL, NORMAL keeps every committed transaction across a crash of the
    # app; only a power cut may lose the last commits, never corrupt the file.
    "synchronous": "normal",
}


def create_private_file(path: Path) -> None:
    """Create `path` (and its folder) readable by the owner only, if it does not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(descriptor)


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


def close_database() -> None:
    """Close the connection of the bound database, if there is one."""
    if database.obj is not None and not database.is_closed():
        database.close()
