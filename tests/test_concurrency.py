"""Two processes on one database (an SQLite file, a PostgreSQL database): waiting writers and conflicting edits.

The second process is tests/db_worker.py, which writes through the same
services as the app.
"""

import time

import pytest

from anken_tui.db import database as database_module
from anken_tui.db.database import close_database
from anken_tui.db.models import Case, Note, StageChange
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import MEETING, RECEIVED, Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.errors import ConflictError, DatabaseBusyError
from anken_tui.services.board import load_case_summary
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.staff import register_staff

OTHER_USER = "佐藤 健一"


@pytest.fixture
def users(db, clock):
    return register_staff("山口", "sales", clock), register_staff(OTHER_USER, "sales", clock)


@pytest.fixture
def case(users, clock):
    form = NewCaseInput(line=Line.RENTAL, title="車いす", customer_name="山田 花子", customer_furigana="ヤマダ ハナコ")
    return create_case(form, users[0], clock)


def test_move_waits_for_long_write(case, users, clock, start_worker):
    holder = start_worker("hold", 1.0)
    assert holder.next_line() == "holding"

    started = time.monotonic()
    moved = move_case(case.id, MEETING, expected_version=case.version, user=users[0], clock=clock)
    waited = time.monotonic() - started

    assert moved.case.stage == MEETING
    assert waited > 0.5
    assert holder.finish() == ["released"]
    assert Note.select().where(Note.case == case.id).count() == 1
    assert Case.get_by_id(case.id).version == case.version + 1


@pytest.fixture
def impatient(monkeypatch, database_target):
    """Reopen the test's database so that a writer gives up after waiting 300 ms for another."""
    monkeypatch.setitem(database_module.SQLITE_PRAGMAS, "busy_timeout", 300)
    monkeypatch.setitem(database_module.POSTGRES_SESSION, "lock_timeout", "300ms")
    close_database()
    open_database(database_target)


def test_write_longer_than_timeout_gives_busy_error(case, users, clock, start_worker, impatient):
    holder = start_worker("hold", 3.0)
    assert holder.next_line() == "holding"

    with pytest.raises(DatabaseBusyError) as raised:
        move_case(case.id, MEETING, expected_version=case.version, user=users[0], clock=clock)

    assert "何も保存されていません" in raised.value.message
    assert Case.get_by_id(case.id).stage == RECEIVED
    assert holder.finish() == ["released"]
    retried = move_case(case.id, MEETING, expected_version=case.version, user=users[0], clock=clock)
    assert retried.case.stage == MEETING


def test_second_edit_of_same_case_conflicts(case, users, clock, start_worker):
    seen_version = case.version
    other = start_worker("move", case.id, MEETING)
    assert other.finish() == [f"moved {case.id} {seen_version + 1}"]

    with pytest.raises(ConflictError) as raised:
        move_case(case.id, MEETING, expected_version=seen_version, user=users[0], clock=clock)

    assert f"{OTHER_USER}さん" in raised.value.message
    assert StageChange.select().where(StageChange.case == case.id).count() == 2
    assert load_case_summary(case.id).version == seen_version + 1
