"""Provides the maintenance commands: backup, restore, and migrate --from-sqlite into PostgreSQL."""

import logging
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from anken_tui import paths, texts
from anken_tui.db.backup import (
    BackupError,
    backup_postgres,
    backup_sqlite,
    file_kind,
    restore_postgres,
    restore_sqlite,
    stamped_path,
)
from anken_tui.db.copy import CopiedTable, check_empty_target, copy_sqlite_file, filled_tables
from anken_tui.db.database import close_database, create_private_file, open_target
from anken_tui.db.schema import latest_version, migrate, schema_version
from anken_tui.db.setup import check_ours, open_database
from anken_tui.db.url import parse_postgres_url
from anken_tui.db_choice import ChosenDatabase

log = logging.getLogger(__name__)

BACKUP_FOLDER_NAME = "backups"


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore, and where the data it replaced was kept (None when there was none)."""

    previous: Path | None


def run_backup(choice: ChosenDatabase, destination: Path) -> Path:
    """Back up the chosen database to `destination`, or to a new dated file in it when it is a folder.

    Raises:
        BackupError: the database does not exist, the file exists, or the copy failed.
    """
    suffix = ".dump" if choice.is_postgres else ".db"
    if destination.is_dir():
        destination = stamped_path(destination, "anken", suffix)

    if choice.is_postgres:
        return backup_postgres(parse_postgres_url(choice.url), destination)

    if file_kind(choice.path) != "sqlite":
        raise BackupError(texts.BACKUP_NO_DATABASE.format(path=choice.path))
    return backup_sqlite(choice.path, destination)


def run_restore(choice: ChosenDatabase, source: Path, force: bool) -> RestoreResult:
    """Restore the chosen database from the backup `source`, then bring its schema up to date.

    A database that contains data is replaced only with `force`, and its data is
    backed up first: beside the SQLite file, or in the data folder for PostgreSQL.

    Raises:
        BackupError: `source` is not a backup of this kind of database, or the restore failed.
    """
    kind = file_kind(source)
    if kind is None:
        raise BackupError(texts.RESTORE_NOT_BACKUP.format(path=source))
    if choice.is_postgres:
        if kind != "pg_dump":
            raise BackupError(texts.RESTORE_SQLITE_INTO_POSTGRES.format(path=source))
        return _restore_postgres(choice, source, force)
    if kind != "sqlite":
        raise BackupError(texts.RESTORE_DUMP_INTO_SQLITE.format(path=source))
    return _restore_sqlite(choice.path, source, force)


def _restore_sqlite(target: Path, source: Path, force: bool) -> RestoreResult:
    _check_sqlite_backup(source)
    paths.prepare_database_file(target)

    previous = None
    if target.exists():
        filled = _sqlite_filled_tables(target)
        if filled and not force:
            raise BackupError(texts.RESTORE_NEEDS_FORCE.format(database=target, tables="、".join(filled)))
        previous = backup_sqlite(target, stamped_path(target.parent, f"{target.name}.before-restore", ".bak"))
    else:
        create_private_file(target)

    restore_sqlite(source, target)
    open_database(target)
    close_database()
    log.info("restored the SQLite database; previous data kept: %s", previous is not None)
    return RestoreResult(previous)


def _check_sqlite_backup(source: Path) -> None:
    version = _sqlite_read_only(source, schema_version)
    if version == 0:
        raise BackupError(texts.RESTORE_NOT_ANKEN.format(path=source))
    if version > latest_version():
        raise BackupError(texts.RESTORE_TOO_NEW.format(path=source))


def _sqlite_filled_tables(path: Path) -> list[str]:
    return _sqlite_read_only(path, filled_tables)


def _sqlite_read_only(path: Path, read):
    sqlite = SqliteDatabase(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return read(sqlite)
    finally:
        sqlite.close()


def _restore_postgres(choice: ChosenDatabase, source: Path, force: bool) -> RestoreResult:
    target = parse_postgres_url(choice.url)
    db = open_target(choice.url)
    try:
        check_ours(db)
        has_tables = bool(db.get_tables())
        filled = filled_tables(db)
    finally:
        close_database()
    if filled and not force:
        raise BackupError(texts.RESTORE_NEEDS_FORCE.format(database=target.redacted, tables="、".join(filled)))

    previous = None
    if has_tables:
        folder = paths.data_dir() / BACKUP_FOLDER_NAME
        paths.make_private_dir(folder)
        previous = backup_postgres(target, stamped_path(folder, f"{target.dbname}.before-restore", ".dump"))

    restore_postgres(source, target)
    open_database(choice.url)
    close_database()
    log.info("restored the PostgreSQL database %s; previous data kept: %s", target.redacted, previous is not None)
    return RestoreResult(previous)


def run_copy_from_sqlite(choice: ChosenDatabase, source: Path) -> list[CopiedTable]:
    """Copy the SQLite file `source` into the chosen PostgreSQL database, which must be empty.

    Raises:
        CopyError: the chosen database is not empty, or the copy failed.
        DatabaseUnavailableError: the PostgreSQL server cannot be reached.
    """
    db = open_target(choice.url)
    try:
        check_empty_target(db)
        migrate(db)
        return copy_sqlite_file(source, db)
    finally:
        close_database()
