"""Provides opening a database ready for use: connected, schema up to date, an SQLite file backed up first."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import Database, SqliteDatabase

from anken_tui import texts
from anken_tui.db.backup import backup_sqlite, stamped_path
from anken_tui.db.database import close_database, open_target
from anken_tui.db.schema import HISTORY_TABLE, migrate, pending_migrations, schema_version
from anken_tui.errors import AnkenError

log = logging.getLogger(__name__)

# A PostgreSQL session lock held while migrating, so that several copies of
# anken-tui started at once after an upgrade apply each migration only once.
MIGRATION_LOCK_KEY = 0x616E6B656E + 1


class ForeignDatabaseError(AnkenError):
    """A PostgreSQL database that holds another program's tables, which anken-tui leaves alone."""

    title = "データベースを開けません"


def open_database(target: str | Path) -> Database:
    """Open the SQLite file at a path or the PostgreSQL database of a URL, and bring its schema up to date.

    An SQLite file made by an older version is first copied to
    `<name>.before-v<N>-<date>-<time>.bak` beside it (mode 0600), so an upgrade
    that goes wrong can be undone.

    Raises:
        DatabaseUrlError, DatabaseUnavailableError: the PostgreSQL database cannot be reached.
        ForeignDatabaseError: a PostgreSQL database with tables but no anken-tui schema.
        BackupError: the backup before the migration failed; nothing was migrated.
    """
    db = open_target(target)
    try:
        check_ours(db)
        with _migration_lock(db):
            # An everyday start, with nothing pending, reads the history table and stops here.
            if pending_migrations(db):
                version = schema_version(db)
                if isinstance(db, SqliteDatabase) and version > 0:
                    backup_before_migrating(Path(target), version)
                migrate(db)
    except BaseException:
        close_database()
        raise
    return db


def backup_before_migrating(path: Path, version: int) -> Path:
    """Copy the SQLite file at `path` beside itself before its schema is changed, and return the copy."""
    destination = stamped_path(path.parent, f"{path.name}.before-v{version}", ".bak")
    backup_sqlite(path, destination)
    log.info("backed up the database before migrating it from schema version %s", version)
    return destination


@contextmanager
def _migration_lock(db: Database) -> Iterator[None]:
    if isinstance(db, SqliteDatabase):
        # The SQLite migrator switches foreign keys off outside a transaction, so no lock is wrapped around it.
        yield
        return
    db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    try:
        yield
    finally:
        db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))


def check_ours(db: Database) -> None:
    """Raise ForeignDatabaseError for a PostgreSQL database with tables but no anken-tui migration history."""
    if isinstance(db, SqliteDatabase):
        # An SQLite file is checked by its header before it is opened.
        return
    tables = db.get_tables()
    if tables and HISTORY_TABLE not in tables:
        raise ForeignDatabaseError(texts.DB_PG_FOREIGN_TABLES.format(count=len(tables)))
