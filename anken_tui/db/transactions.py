"""Provides the write transaction that every service uses."""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import OperationalError

from anken_tui import texts
from anken_tui.db.database import database
from anken_tui.errors import DatabaseBusyError

log = logging.getLogger(__name__)


def _is_busy(error: Exception) -> bool:
    return "database is locked" in str(error) or "database is busy" in str(error)


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in one transaction; all of it is written, or nothing.

    A lock held by another writer past the busy timeout becomes a
    DatabaseBusyError with a message the user can act on.
    """
    try:
        # IMMEDIATE takes the write lock before the first read. SQLite runs the busy timeout
        # only for a transaction that holds no read lock yet, so a deferred BEGIN that reads
        # first fails at once with "database is locked" while another writer holds the lock.
        with database.atomic("IMMEDIATE"):
            yield
    except (OperationalError, sqlite3.OperationalError) as error:
        if not _is_busy(error):
            raise
        log.warning("write rolled back: database stayed locked (%s)", error)
        raise DatabaseBusyError(texts.DATABASE_BUSY) from error
