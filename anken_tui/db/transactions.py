"""Provides the write transaction that every service uses, on SQLite and on PostgreSQL."""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import DatabaseError, OperationalError

from anken_tui import texts
from anken_tui.db.database import database, is_postgres
from anken_tui.errors import DatabaseBusyError

log = logging.getLogger(__name__)

# The key of the PostgreSQL advisory lock that every write holds until it commits.
# Migration 0004's change-log trigger takes the same lock, so change numbers are
# handed out in commit order.
WRITE_LOCK_KEY = 0x616E6B656E  # "anken" in ASCII

# SQLSTATEs of a PostgreSQL write that gave up waiting for another writer:
# lock_not_available (lock_timeout ran out), serialization_failure, deadlock_detected.
POSTGRES_BUSY_CODES = ("55P03", "40001", "40P01")


def _sqlite_busy(error: Exception) -> bool:
    return "database is locked" in str(error) or "database is busy" in str(error)


def _postgres_busy(error: Exception) -> bool:
    # Peewee re-raises the driver's exception as its own class and keeps the original as `orig`.
    original = getattr(error, "orig", error)
    return getattr(original, "pgcode", None) in POSTGRES_BUSY_CODES


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in one transaction; all of it is written, or nothing.

    Writers queue up instead of failing: SQLite's BEGIN IMMEDIATE and PostgreSQL's
    advisory lock both let one writer in at a time, and the others wait up to
    BUSY_TIMEOUT_MS. A wait that runs out becomes a DatabaseBusyError with a
    message the user can act on. Lost updates are caught by the version checks
    of the services, not by this lock: a case read minutes ago still fails its
    check when someone else changed it since.
    """
    if is_postgres():
        with _postgres_transaction():
            yield
        return

    try:
        # IMMEDIATE takes the write lock before the first read. SQLite runs the busy timeout
        # only for a transaction that holds no read lock yet, so a deferred BEGIN that reads
        # first fails at once with "database is locked" while another writer holds the lock.
        with database.atomic("IMMEDIATE"):
            yield
    except (OperationalError, sqlite3.OperationalError) as error:
        if not _sqlite_busy(error):
            raise
        log.warning("write rolled back: database stayed locked (%s)", error)
        raise DatabaseBusyError(texts.DATABASE_BUSY) from error


@contextmanager
def _postgres_transaction() -> Iterator[None]:
    try:
        with database.atomic():
            database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            yield
    except DatabaseError as error:
        if not _postgres_busy(error):
            raise
        log.warning("write rolled back: another writer held the lock (%s)", type(getattr(error, "orig", error)).__name__)
        raise DatabaseBusyError(texts.DATABASE_BUSY) from error
