"""Provides where anken-tui keeps its files, and the checks of a database path given by the user.

Every location is computed when asked for, from platformdirs and the
environment at that moment, so importing this module creates nothing and tests
can point XDG_DATA_HOME and the others at a temporary folder.
"""

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from anken_tui import texts
from anken_tui.errors import AnkenError

APP_NAME = "anken-tui"
DATABASE_FILE_NAME = "anken.db"
DEMO_DATABASE_FILE_NAME = "demo.db"
SETTINGS_FILE_NAME = "settings.toml"
LOG_FILE_NAME = "anken-tui.log"
HOLIDAY_CACHE_FILE_NAME = "holidays.json"

DATABASE_ENV_VAR = "ANKEN_TUI_DB"
PRIVATE_DIRECTORY_MODE = 0o700

# The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseLocationError(AnkenError):
    """A database path that cannot be used; the message names the path and the fix."""

    title = "データベースを開けません"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """Return the database used when neither --db nor ANKEN_TUI_DB names one."""
    return data_dir() / DATABASE_FILE_NAME


def demo_database_path() -> Path:
    """Return the demo database, kept apart from the real one in the same folder."""
    return data_dir() / DEMO_DATABASE_FILE_NAME


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE_NAME


def holiday_cache_path() -> Path:
    """Return the file that keeps the national holidays between starts (anken_tui.holiday_cache)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / HOLIDAY_CACHE_FILE_NAME


def log_path() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / LOG_FILE_NAME


@dataclass(frozen=True)
class DatabaseChoice:
    """The database file to open and where that choice came from."""

    path: Path
    source: str
    """One of "option" (--db), "environment" (ANKEN_TUI_DB), "default" or "demo"."""


def choose_database(db_option: str | None, demo: bool, environ: Mapping[str, str]) -> DatabaseChoice:
    """Return the database to open: --demo, then --db, then ANKEN_TUI_DB, then the default.

    A postgresql:// URL never reaches here: anken_tui.db_choice takes it first.

    Raises:
        DatabaseLocationError: the value is a URL or empty.
    """
    if demo:
        return DatabaseChoice(demo_database_path(), "demo")
    if db_option is not None:
        return DatabaseChoice(_path_from_user(db_option, "--db"), "option")

    from_environment = environ.get(DATABASE_ENV_VAR, "")
    if from_environment.strip():
        return DatabaseChoice(_path_from_user(from_environment, DATABASE_ENV_VAR), "environment")
    return DatabaseChoice(default_database_path(), "default")


def _path_from_user(value: str, origin: str) -> Path:
    value = value.strip()
    if not value:
        raise DatabaseLocationError(texts.CLI_DB_EMPTY.format(origin=origin))

    scheme, separator, _ = value.partition("://")
    if separator:
        # The URL itself is never shown: it may carry a password.
        raise DatabaseLocationError(texts.CLI_DB_URL_NOT_SUPPORTED.format(origin=origin, scheme=scheme))
    return Path(value).expanduser().absolute()


def make_private_dir(path: Path) -> None:
    """Create `path` and each missing parent with mode 0700; an existing folder is left as it is.

    Raises:
        OSError: a parent is a file, or the folder cannot be created.
    """
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent

    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIRECTORY_MODE)
        except FileExistsError:
            # Another process made it in the meantime: fine if it is a folder.
            if not folder.is_dir():
                raise
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))


def prepare_database_file(path: Path) -> None:
    """Check that `path` can be opened as an SQLite database, creating its folder if needed.

    A missing file is fine (the database creates it). Nothing in an existing
    file is changed.

    Raises:
        DatabaseLocationError: the folder cannot be created, the path is a
            folder, or the file is not an SQLite database.
    """
    try:
        make_private_dir(path.parent)
    except OSError as error:
        raise DatabaseLocationError(
            texts.CLI_DB_FOLDER_FAILED.format(folder=path.parent, path=path, reason=_reason(error))
        ) from error

    if path.is_dir():
        raise DatabaseLocationError(texts.CLI_DB_IS_FOLDER.format(path=path))
    if not path.exists():
        return

    try:
        with path.open("rb") as database_file:
            header = database_file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseLocationError(texts.CLI_DB_UNREADABLE.format(path=path, reason=_reason(error))) from error

    # SQLite treats an empty file as a new database.
    if header and header != SQLITE_HEADER:
        raise DatabaseLocationError(texts.CLI_DB_NOT_SQLITE.format(path=path))


def delete_database_files(path: Path) -> None:
    """Delete the SQLite file at `path` with its -wal and -shm files, where they exist."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _reason(error: OSError) -> str:
    """Return the cause of `error` in Japanese where it is a common one, else the system's words."""
    name = errno.errorcode.get(error.errno or 0, "")
    return texts.OS_ERROR_REASONS.get(name, error.strerror or str(error))
