"""Provides backups made while others keep working, and restoring one, for SQLite files and PostgreSQL.

SQLite uses its online backup API, which copies one consistent snapshot while
other processes go on writing. PostgreSQL uses pg_dump and pg_restore, which
must be installed. Every backup file is created with mode 0600 under a
temporary name and renamed only once it is complete, so a failed backup never
leaves a file that looks finished.
"""

import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from glob import glob
from pathlib import Path

from anken_tui import texts
from anken_tui.db.database import BUSY_TIMEOUT_MS
from anken_tui.db.url import PostgresTarget, scrub
from anken_tui.errors import AnkenError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
BACKUP_FILE_MODE = 0o600

# Where Debian and Ubuntu install the PostgreSQL programs when /usr/bin has no link to them.
DEBIAN_POSTGRES_BIN = "/usr/lib/postgresql/*/bin"


class BackupError(AnkenError):
    """A backup or restore that failed; nothing was replaced."""

    title = "バックアップ・復元できません"


def file_kind(path: Path) -> str | None:
    """Return "sqlite" or "pg_dump" from the first bytes of `path`, or None for any other file."""
    try:
        with path.open("rb") as backup_file:
            header = backup_file.read(len(SQLITE_HEADER))
    except OSError:
        return None
    if header.startswith(SQLITE_HEADER):
        return "sqlite"
    if header.startswith(PG_DUMP_HEADER):
        return "pg_dump"
    return None


def stamped_path(folder: Path, stem: str, suffix: str) -> Path:
    """Return `folder/stem-YYYYmmdd-HHMMSS<suffix>` in local time, with -2, -3… added if it exists."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{stem}-{stamp}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{stamp}-{number}{suffix}"
        number += 1
    return candidate


@contextmanager
def private_output(destination: Path) -> Iterator[Path]:
    """Yield a temporary 0600 file beside `destination`; rename it there when the block succeeds.

    Raises:
        BackupError: `destination` exists already, or its folder cannot be written.
    """
    if destination.exists():
        raise BackupError(texts.BACKUP_EXISTS.format(path=destination))
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, BACKUP_FILE_MODE)
        os.close(descriptor)
    except OSError as error:
        raise BackupError(texts.BACKUP_CANNOT_WRITE.format(path=destination, reason=error.strerror or error)) from error

    try:
        yield partial
        _fsync(partial)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- SQLite ---


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy the SQLite database at `source` to the new file `destination`, consistently, and check the copy.

    Other processes may write to `source` meanwhile: the copy is one snapshot.
    The copy is a single file (journal mode DELETE) that opens without -wal.

    Raises:
        BackupError: `destination` exists, cannot be written, or the copy fails its integrity check.
    """
    with private_output(destination) as partial:
        with _connect(source, read_only=True) as reader, _connect(partial) as writer:
            # pages=-1 copies everything in one step, under one read transaction: one snapshot.
            reader.backup(writer, pages=-1)
            writer.execute("PRAGMA journal_mode = DELETE")
            _check_integrity(writer, destination)
    log.info("backed up the SQLite database to %s", destination)
    return destination


def restore_sqlite(source: Path, target: Path) -> None:
    """Write the SQLite backup `source` over the database at `target`, in place.

    The backup API writes into the live file under its write lock, so other
    processes that have `target` open wait for it and then read the restored
    data. The caller keeps a copy of the previous data first.

    Raises:
        BackupError: `source` is not a sound SQLite file, or `target` stayed locked.
    """
    with _connect(source, read_only=True) as reader:
        _check_integrity(reader, source)
        with _connect(target) as writer:
            try:
                reader.backup(writer, pages=-1)
            except sqlite3.OperationalError as error:
                raise BackupError(texts.RESTORE_TARGET_BUSY.format(path=target, reason=error)) from error
            writer.execute("PRAGMA journal_mode = WAL")
            _check_integrity(writer, target)
    log.info("restored the SQLite database from a backup")


@contextmanager
def _connect(path: Path, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    uri = f"{path.resolve().as_uri()}{'?mode=ro' if read_only else ''}"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise BackupError(texts.BACKUP_CANNOT_OPEN.format(path=path, reason=error)) from error
    try:
        yield connection
    except sqlite3.DatabaseError as error:
        raise BackupError(texts.BACKUP_SQLITE_FAILED.format(path=path, reason=error)) from error
    finally:
        connection.close()


def _check_integrity(connection: sqlite3.Connection, shown_path: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(texts.BACKUP_DAMAGED.format(path=shown_path))


# --- PostgreSQL ---


def find_postgres_program(name: str) -> str:
    """Return the path of pg_dump or pg_restore: on PATH, else the newest in Debian's folder.

    Raises:
        BackupError: the program is not installed.
    """
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob(f"{DEBIAN_POSTGRES_BIN}/{name}"), key=_major_version, reverse=True)
    if candidates:
        return candidates[0]
    raise BackupError(texts.PG_PROGRAM_MISSING.format(program=name))


def _major_version(path: str) -> int:
    folder = Path(path).parent.parent.name
    return int(folder) if folder.isdigit() else 0


def _libpq_arguments(target: PostgresTarget) -> tuple[str, dict[str, str]]:
    """Return the connection string without the password, and the environment that carries it."""
    from psycopg2.extensions import make_dsn  # noqa: PLC0415 (only the PostgreSQL commands need it)

    parameters = {key: value for key, value in target.parameters.items() if key != "password"}
    environment = dict(os.environ)
    if target.password:
        # In the environment of the child only: a command line is visible to every user in `ps`.
        environment["PGPASSWORD"] = target.password
    return make_dsn(dbname=target.dbname, **parameters), environment


def backup_postgres(target: PostgresTarget, destination: Path) -> Path:
    """Write a pg_dump archive (custom format) of the database to the new file `destination`.

    pg_dump reads one snapshot while others keep writing.

    Raises:
        BackupError: pg_dump is missing or fails; `destination` is not created.
    """
    program = find_postgres_program("pg_dump")
    conninfo, environment = _libpq_arguments(target)
    with private_output(destination) as partial:
        with partial.open("wb") as output:
            result = subprocess.run(
                [program, "--format=custom", "--no-owner", "--no-privileges", f"--dbname={conninfo}"],
                stdout=output, stderr=subprocess.PIPE, env=environment, check=False,
            )
        if result.returncode != 0:
            detail = scrub(result.stderr.decode("utf-8", "replace").strip(), target)
            raise BackupError(texts.PG_PROGRAM_FAILED.format(program="pg_dump", detail=detail))
    log.info("backed up the PostgreSQL database %s to %s", target.redacted, destination)
    return destination


def restore_postgres(source: Path, target: PostgresTarget) -> None:
    """Restore the pg_dump archive `source` into the database of `target`, in one transaction.

    Tables of the same name are dropped first; a failure rolls everything back.

    Raises:
        BackupError: pg_restore is missing or fails.
    """
    program = find_postgres_program("pg_restore")
    conninfo, environment = _libpq_arguments(target)
    result = subprocess.run(
        [
            program, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
            "--exit-on-error", f"--dbname={conninfo}", str(source),
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment, check=False,
    )
    if result.returncode != 0:
        detail = scrub(result.stderr.decode("utf-8", "replace").strip(), target)
        raise BackupError(texts.PG_PROGRAM_FAILED.format(program="pg_restore", detail=detail))
    log.info("restored the PostgreSQL database %s from a backup", target.redacted)
