"""Provides copying an SQLite database into an empty PostgreSQL one (anken-tui migrate --from-sqlite)."""

import logging
import tempfile
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from peewee import Database, DatabaseError, SqliteDatabase, sort_models

from anken_tui import texts
from anken_tui.db.backup import backup_sqlite, file_kind
from anken_tui.db.models import ALL_MODELS
from anken_tui.db.schema import HISTORY_TABLE, latest_version, migrate, schema_version
from anken_tui.errors import AnkenError

log = logging.getLogger(__name__)

BATCH_SIZE = 500

# Tables that are not data: the migration history, the change log that the
# triggers fill (its rows only matter to boards open at the time), SQLite's own.
NOT_COPIED = {HISTORY_TABLE, "case_change", "sqlite_sequence"}


class CopyError(AnkenError):
    """A copy that was refused or failed; the PostgreSQL database was left as it was."""

    title = "データベースを移せません"


@dataclass(frozen=True)
class CopiedTable:
    """The rows of one table: how many the SQLite file has and how many PostgreSQL has after the copy."""

    table: str
    source_rows: int
    copied_rows: int


def check_empty_target(target: Database) -> None:
    """Raise CopyError unless `target` has no tables, or only anken-tui's tables with no rows.

    Call it before migrating `target`, so a database of another program is never changed.
    """
    ours = {model._meta.table_name for model in ALL_MODELS} | NOT_COPIED
    tables = set(target.get_tables())
    foreign = sorted(tables - ours)
    if foreign:
        raise CopyError(texts.COPY_TARGET_FOREIGN.format(tables="、".join(foreign)))

    filled = filled_tables(target)
    if filled:
        raise CopyError(texts.COPY_TARGET_NOT_EMPTY.format(tables="、".join(filled)))


def filled_tables(db: Database) -> list[str]:
    """Return the names of anken-tui's tables in `db` that hold at least one row."""
    tables = set(db.get_tables())
    return [model._meta.table_name for model in ALL_MODELS if model._meta.table_name in tables and _count(db, model)]


def copy_sqlite_file(source: Path, target: Database) -> list[CopiedTable]:
    """Copy every row of the SQLite file `source` into `target`, migrated and empty, in one transaction.

    `source` itself is never changed: a snapshot of it is taken first and
    brought to the newest schema. Ids are kept, and each table's id sequence
    continues after the highest id. The row counts are compared before the
    commit, so a copy that loses rows is rolled back.

    Raises:
        CopyError: `source` is not an anken-tui SQLite file, is newer than this
            version, has tables this version does not know, or a row is rejected.
    """
    if file_kind(source) != "sqlite":
        raise CopyError(texts.COPY_SOURCE_NOT_SQLITE.format(path=source))

    with tempfile.TemporaryDirectory(prefix="anken-copy-") as folder:
        snapshot_path = backup_sqlite(source, Path(folder) / "snapshot.db")
        snapshot = SqliteDatabase(str(snapshot_path), pragmas={"foreign_keys": 1})
        try:
            _prepare_snapshot(snapshot, source)
            with target.atomic():
                copied = [_copy_table(model, snapshot, target) for model in sort_models(ALL_MODELS)]
                _restart_sequences(target)
                target.execute_sql("DELETE FROM case_change")
                _check_counts(copied)
        finally:
            snapshot.close()

    log.info("copied an SQLite database into PostgreSQL: %s", {table.table: table.copied_rows for table in copied})
    return copied


def _prepare_snapshot(snapshot: SqliteDatabase, source: Path) -> None:
    version = schema_version(snapshot)
    if version == 0:
        raise CopyError(texts.COPY_SOURCE_NOT_ANKEN.format(path=source))
    if version > latest_version():
        raise CopyError(texts.COPY_SOURCE_TOO_NEW.format(path=source))
    migrate(snapshot)

    known = {model._meta.table_name for model in ALL_MODELS} | NOT_COPIED
    unknown = sorted(set(snapshot.get_tables()) - known)
    if unknown:
        raise CopyError(texts.COPY_SOURCE_UNKNOWN_TABLES.format(path=source, tables="、".join(unknown)))


def _copy_table(model, source: Database, target: Database) -> CopiedTable:
    fields = model._meta.sorted_fields
    table = model._meta.table_name
    rows = model.select(*fields).order_by(model._meta.primary_key).tuples().bind(source).iterator()
    try:
        while batch := list(islice(rows, BATCH_SIZE)):
            model.insert_many(batch, fields=fields).bind(target).execute()
    except DatabaseError as error:
        # The driver's message names the column and the constraint, never a row's content.
        raise CopyError(texts.COPY_ROW_REJECTED.format(table=table, detail=str(error).strip())) from error
    return CopiedTable(table, _count(source, model), _count(target, model))


def _count(db: Database, model) -> int:
    return model.select().bind(db).count()


def _restart_sequences(target: Database) -> None:
    for model in ALL_MODELS:
        table = model._meta.table_name
        target.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
            f'FROM "{table}"'
        )


def _check_counts(copied: list[CopiedTable]) -> None:
    for table in copied:
        if table.source_rows != table.copied_rows:
            raise CopyError(
                texts.COPY_COUNT_MISMATCH.format(table=table.table, source=table.source_rows, copied=table.copied_rows)
            )
