"""Provides opening a database ready for use: connected, pragmas set, schema up to date."""

from pathlib import Path

from peewee import Database

from anken_tui.db.database import open_sqlite
from anken_tui.db.schema import migrate


def open_database(path: Path) -> Database:
    """Open (or create, with mode 0600) the SQLite file at `path` and apply pending migrations."""
    db = open_sqlite(path)
    migrate(db)
    return db
