"""Provides choosing the database to open: an SQLite file, or a PostgreSQL database named by a URL.

The order is --demo, then --db, then ANKEN_TUI_DB, then DATABASE_URL, then the
default file. --db and ANKEN_TUI_DB take a path or a postgresql:// URL;
DATABASE_URL, which other programs use too, is read only for a PostgreSQL URL.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from anken_tui import paths, texts
from anken_tui.db.url import is_postgres_url, redact_url, url_scheme

URL_ENV_VAR = "DATABASE_URL"


@dataclass(frozen=True)
class ChosenDatabase:
    """The database to open and where that choice came from."""

    source: str
    """One of "option" (--db), "environment" (ANKEN_TUI_DB), "database_url", "default" or "demo"."""
    path: Path | None = None
    """The SQLite file, when the database is one."""
    url: str | None = None
    """The PostgreSQL URL as given; it may contain the password, so show `shown` instead."""

    @property
    def target(self) -> str | Path:
        """What `open_database` takes: the URL or the path."""
        return self.url if self.url is not None else self.path

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    @property
    def shown(self) -> str:
        """The database as it may be printed and logged: the path, or the URL without its password."""
        return redact_url(self.url) if self.url is not None else str(self.path)


def choose_database(db_option: str | None, demo: bool, environ: Mapping[str, str]) -> ChosenDatabase:
    """Return the database that the options and the environment choose.

    Raises:
        DatabaseLocationError: a value is empty, or a URL of another kind than postgresql://.
    """
    if not demo:
        if db_option is not None and is_postgres_url(db_option):
            return ChosenDatabase("option", url=db_option.strip())
        from_environment = environ.get(paths.DATABASE_ENV_VAR, "")
        if db_option is None and is_postgres_url(from_environment):
            return ChosenDatabase("environment", url=from_environment.strip())
        if db_option is None and not from_environment.strip():
            database_url = environ.get(URL_ENV_VAR, "").strip()
            if database_url:
                return _from_database_url(database_url)

    choice = paths.choose_database(db_option, demo, environ)
    return ChosenDatabase(choice.source, path=choice.path)


def _from_database_url(value: str) -> ChosenDatabase:
    if is_postgres_url(value):
        return ChosenDatabase("database_url", url=value)
    # The value itself is never shown: it may carry a password.
    scheme = url_scheme(value)
    kind = f"{scheme}://" if scheme else texts.DATABASE_URL_NOT_A_URL
    raise paths.DatabaseLocationError(texts.DATABASE_URL_NOT_POSTGRESQL.format(kind=kind))
