"""Provides schema creation and migration: numbered scripts in `migrations/`, applied in order."""

import logging
from pathlib import Path

from peewee import Database
from playhouse.migrations import Migration, Runner

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# The history table that records which numbered migrations have been applied.
HISTORY_TABLE = "schema_migration"


def _runner(db: Database) -> Runner:
    return Runner(db, str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def latest_version() -> int:
    """Return the number of the newest migration shipped with this version of anken-tui."""
    return max(migration.idx for migration in Migration.load_directory(str(MIGRATIONS_DIR)))


def schema_version(db: Database) -> int:
    """Return the number of the newest migration applied to `db`, 0 for an empty database."""
    applied = [migration.idx for migration in _runner(db).status() if migration.applied]
    return max(applied, default=0)


def pending_migrations(db: Database) -> list[str]:
    """Return the names of the migrations not yet applied to `db`, oldest first."""
    return [migration.name for migration in _runner(db).status() if not migration.applied]


def migrate(db: Database, target: str | None = None) -> list[str]:
    """Apply the pending migrations to `db`, each in its own transaction; return their names.

    With `target`, stop after that migration (tests use it to build an old schema).
    """
    applied = _runner(db).up(target)
    for name in applied:
        log.info("applied schema migration %s", name)
    return applied
