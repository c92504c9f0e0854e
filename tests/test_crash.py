"""Crash test: a process killed with SIGKILL in the middle of moves and notes loses nothing it reported as saved.

A worker process (tests/db_worker.py) moves cases and adds notes through the
services and prints each change after its commit returns. The test kills it at
a random moment, three times over, and then checks the database: it is sound,
every reported change is there, and no case is half-moved.
"""

import random
import sqlite3

import pytest

from anken_tui.db.database import close_database
from anken_tui.db.models import Case, Note, StageChange
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.services.cases import create_case
from anken_tui.services.staff import register_staff

ROUNDS = 3
CASES = 4


@pytest.fixture
def case_ids(db, clock) -> list[int]:
    user = register_staff("山口", "sales", clock)
    register_staff("佐藤 健一", "sales", clock)
    forms = [
        NewCaseInput(line=Line.RENTAL, title=f"手すり{number}", customer_name=f"山田 {number}", customer_furigana="ヤマダ")
        for number in range(CASES)
    ]
    return [create_case(form, user, clock).id for form in forms]


def _kill_mid_burst(start_worker, case_ids: list[int], rng: random.Random) -> list[str]:
    worker = start_worker("burst", *case_ids)
    reported = [worker.next_line() for _ in range(rng.randint(15, 60))]
    return reported + worker.kill()


def test_killed_worker_loses_no_reported_change(db, database_target, backend, case_ids, start_worker):
    rng = random.Random(20260302)
    close_database()

    reported = []
    for _ in range(ROUNDS):
        reported += _kill_mid_burst(start_worker, case_ids, rng)

    if backend == "sqlite":
        _assert_sqlite_sound(database_target)
    open_database(database_target)
    _assert_reported_present(reported)
    _assert_no_case_half_moved(case_ids)


def _assert_sqlite_sound(path) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def _assert_reported_present(reported: list[str]) -> None:
    moves = [line.split() for line in reported if line.startswith("move ")]
    notes = [line.split() for line in reported if line.startswith("note ")]
    assert len(moves) >= ROUNDS * 10
    assert notes

    for _, case_id, change_id, stage, version in moves:
        change = StageChange.get_or_none(StageChange.id == int(change_id))
        assert change is not None, f"reported move {change_id} of case {case_id} is missing"
        assert (change.case_id, change.to_stage) == (int(case_id), stage)
        assert Case.get_by_id(int(case_id)).version >= int(version)
    for _, case_id, note_id in notes:
        note = Note.get_or_none(Note.id == int(note_id))
        assert note is not None, f"reported note {note_id} of case {case_id} is missing"
        assert note.case_id == int(case_id)


def _assert_no_case_half_moved(case_ids: list[int]) -> None:
    for case_id in case_ids:
        case = Case.get_by_id(case_id)
        changes = list(StageChange.select().where(StageChange.case == case_id).order_by(StageChange.id))
        # The creation row plus one row per move, and the case shows the last of them.
        assert case.version == len(changes), case_id
        assert case.stage == changes[-1].to_stage, case_id
        assert case.stage_entered_at == changes[-1].changed_at, case_id
        assert case.updated_at == changes[-1].changed_at, case_id
