"""Provides schema creation and migration: numbered scripts in `migrations/`, applied in order."""

import logging
from pathlib import Path

from peewee import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# The history table that records which numbered migrations have been applied.
HISTORY_TABLE = "schema_migration"


def _runner(db: Database):
    # Imported only to migrate: an everyday start, with nothing to apply, skips loading it.
    from playhouse.migrations import Runner

    return Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def _shipped() -> list[str]:
    """Return the names of the migrations shipped with this version, oldest first, as playhouse.migrations finds them."""
    return sorted(path.stem for path in MIGRATIONS_DIR.glob("[0-9]*.py"))


def _applied(db: Database) -> set[str]:
    """Return the names of the migrations recorded in the history table of `db`."""
    if not db.table_exists(HISTORY_TABLE):
        return set()
    return {name for (name,) in db.execute_sql(f'SELECT name FROM "{HISTORY_TABLE}"')}


def _number(name: str) -> int:
    return int(name.split("_", 1)[0])


def latest_version() -> int:
    """Return the number of the newest migration shipped with this version of anken-tui."""
    return max(_number(name) for name in _shipped())


def schema_version(db: Database) -> int:
    """Return the number of the newest migration applied to `db`, 0 for an empty database."""
    return max((_number(name) for name in _applied(db)), default=0)


def pending_migrations(db: Database) -> list[str]:
    """Return the names of the migrations not yet applied to `db`, oldest first."""
    applied = _applied(db)
    return [name for name in _shipped() if name not in applied]


def migrate(db: Database, target: str | None = None) -> list[str]:
    """Apply the pending migrations to `db`, each in its own transaction; return their names.

    With `target`, stop after that migration (tests use it to build an old schema).
    """
    applied = _runner(db).up(target)
    for name in applied:
        log.info("applied schema migration %s", name)
    return applied
