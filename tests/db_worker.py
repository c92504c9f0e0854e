"""Runs writes through the services in a process of its own, for the tests of crashes, backups and concurrent writers.

Usage: python tests/db_worker.py JOB [ARGUMENT…] with the database (a path or a
postgresql:// URL) in the environment variable ANKEN_WORKER_DB. Each change is
printed as one line on stdout, flushed, only after its commit has returned.

Jobs:
  burst CASE…       Move the cases in turn back and forth between 案件受付 and 打合せ,
                    and add a note after every second move, until killed. Prints
                    "move CASE CHANGE STAGE VERSION" and "note CASE NOTE".
  hold SECONDS      Add a note to case 1 and keep the write transaction open for
                    SECONDS. Prints "holding" once inside it and "released" after the commit.
  move CASE STAGE   Move one case as 佐藤 健一. Prints "moved CASE VERSION".
"""

import os
import sys
import time
from itertools import count

from anken_tui.clock import Clock
from anken_tui.db.database import close_database
from anken_tui.db.setup import open_database
from anken_tui.db.transactions import write_transaction
from anken_tui.domain.lines import MEETING, RECEIVED
from anken_tui.services.board import load_case_summary
from anken_tui.services.cases import move_case
from anken_tui.services.notes import add_note
from anken_tui.services.staff import find_staff

TARGET_ENV = "ANKEN_WORKER_DB"
MAIN_USER = "山口"
OTHER_USER = "佐藤 健一"


def _report(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def burst(case_ids: list[int]) -> None:
    user, clock = find_staff(MAIN_USER), Clock()
    for step in count():
        case = load_case_summary(case_ids[step % len(case_ids)])
        target = MEETING if case.stage == RECEIVED else RECEIVED
        moved = move_case(case.id, target, expected_version=case.version, user=user, clock=clock)
        _report(f"move {case.id} {moved.change_id} {target} {moved.case.version}")
        if step % 2:
            note = add_note(case.id, f"途中経過 {step}", user, clock)
            _report(f"note {case.id} {note.id}")


def hold(seconds: float) -> None:
    user, clock = find_staff(MAIN_USER), Clock()
    with write_transaction():
        add_note(1, "長い書き込み", user, clock)
        _report("holding")
        time.sleep(seconds)
    _report("released")


def move(case_id: int, stage: str) -> None:
    case = load_case_summary(case_id)
    moved = move_case(case_id, stage, expected_version=case.version, user=find_staff(OTHER_USER), clock=Clock())
    _report(f"moved {case_id} {moved.case.version}")


def main(argv: list[str]) -> None:
    open_database(os.environ[TARGET_ENV])
    job, *arguments = argv
    try:
        if job == "burst":
            burst([int(case_id) for case_id in arguments])
        elif job == "hold":
            hold(float(arguments[0]))
        elif job == "move":
            move(int(arguments[0]), arguments[1])
        else:
            raise SystemExit(f"unknown job {job}")
    finally:
        close_database()


if __name__ == "__main__":
    main(sys.argv[1:])
