"""Shared fixtures: a real SQLite file in tmp_path, a frozen clock and a member of staff."""

from datetime import datetime

import pytest

from anken_tui.clock import JST, FrozenClock
from anken_tui.db.database import close_database
from anken_tui.db.setup import open_database
from anken_tui.services.staff import register_staff
from anken_tui.services.summaries import StaffRef

# Monday 2 March 2026, 10:00 in the office: a business day with no holiday near it.
START = datetime(2026, 3, 2, 10, 0, tzinfo=JST)


@pytest.fixture
def database_path(tmp_path):
    return tmp_path / "anken.db"


@pytest.fixture
def db(database_path):
    """The migrated database file, bound to the models for the length of one test."""
    database = open_database(database_path)
    yield database
    close_database()


@pytest.fixture
def clock():
    return FrozenClock(START)


@pytest.fixture
def staff(db, clock) -> StaffRef:
    return register_staff("山口", "sales", clock)
