"""Live boards: changes made by another process or another app appear within 3 seconds, on SQLite and PostgreSQL.

The other writer is either tests/db_worker.py in a process of its own, which
moves cases and adds notes through the services, or a second AnkenApp on the
same database. Each wait has a deadline of 3 seconds and ends as soon as the
change shows, so a test fails when the board is slower than that.
"""

import time
from collections.abc import Callable

import pytest
from textual.widgets import Input, RadioButton, RadioSet

from anken_tui import texts
from anken_tui.app import CHANGE_POLL_SECONDS, AnkenApp
from anken_tui.clock import Clock
from anken_tui.db.models import Case
from anken_tui.domain.lines import COMPLETED, MEETING, RECEIVED, WORK, Line
from anken_tui.errors import ConflictError
from anken_tui.screens.end_case import EndCaseModal
from anken_tui.screens.stale import StaleScreen
from anken_tui.services.notes import add_note
from tests.ui.detail_steps import editor_of, pane_of, shown_note_texts, start_note
from tests.ui.stale_cases import add_stale_cases
from tests.ui.test_board import SIZE, board, column_ids, focus_case, focused_column, notifications, settle

pytestmark = pytest.mark.both_backends

DEADLINE_SECONDS = 3.0



@pytest.fixture
def make_app(make_app):
    """Build the app as the shared fixture does, but polling for changes as the real app does."""

    def factory(**options) -> AnkenApp:
        options.setdefault("change_poll_seconds", CHANGE_POLL_SECONDS)
        return make_app(**options)

    return factory

async def shows_within(pilot, condition: Callable[[], bool], seconds: float = DEADLINE_SECONDS) -> float:
    """Let the app run until `condition` is true and return the seconds it took; fail after `seconds`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"the change did not show within {seconds} s")
        await pilot.pause(0.05)
    return time.monotonic() - started


def selection(app) -> tuple[str, int | None]:
    """The stage of the focused column and the id of its highlighted card."""
    column = focused_column(app)
    card = column.highlighted_card
    return column.stage, card.id if card else None


async def test_move_by_other_process_shows_in_place(board_data, make_app, start_worker):
    moved_id = board_data.id("rental_new")
    selected_id = board_data.id("rental_work")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, selected_id)
        before = selection(app)

        other = start_worker("move", moved_id, MEETING)
        assert other.finish() == [f"moved {moved_id} {board_data.cases['rental_new'].version + 1}"]
        await shows_within(pilot, lambda: moved_id in column_ids(app, MEETING))

        assert moved_id not in column_ids(app, RECEIVED)
        assert selection(app) == before
        assert board(app).column(WORK).highlighted_card.id == selected_id


async def test_highlighted_card_kept_when_card_above_leaves(board_data, case_maker, make_app, start_worker):
    # 案件受付 lists cases of 12, 3 and 1 days in stage. The cursor is on the middle one, the urgent case.
    newest = case_maker.make(Line.RENTAL, "歩行器", ("新井 一", "アライ ハジメ"), days_ago=1).id
    leaving = board_data.id("rental_new")
    selected = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, selected)
        assert column_ids(app, RECEIVED) == [leaving, selected, newest]

        start_worker("move", leaving, MEETING).finish()
        await shows_within(pilot, lambda: leaving not in column_ids(app, RECEIVED))

        assert selection(app) == (RECEIVED, selected)


async def test_two_apps_see_each_others_moves(board_data, make_app):
    first_case, second_case = board_data.id("rental_new"), board_data.id("rental_meeting")
    mine, theirs = make_app(), make_app(user_name=board_data.other.name)
    async with mine.run_test(size=SIZE) as my_pilot, theirs.run_test(size=SIZE) as their_pilot:
        await settle(my_pilot)
        await settle(their_pilot)
        await focus_case(my_pilot, board_data.id("urgent"))
        my_selection = selection(mine)

        await focus_case(their_pilot, first_case)
        await their_pilot.press("greater_than_sign")
        await settle(their_pilot)
        await shows_within(my_pilot, lambda: first_case in column_ids(mine, MEETING))
        assert selection(mine) == my_selection

        await focus_case(my_pilot, second_case)
        await my_pilot.press("greater_than_sign")
        await settle(my_pilot)
        await shows_within(their_pilot, lambda: second_case in column_ids(theirs, WORK))

    assert Case.get_by_id(first_case).stage == MEETING
    assert Case.get_by_id(second_case).stage == WORK


async def test_same_case_moved_twice_second_conflicts(board_data, make_app, start_worker):
    case_id = board_data.id("rental_new")
    # Without polling, the board still shows the case where it was when the other move lands.
    app = make_app(change_poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        start_worker("move", case_id, MEETING).finish()

        await pilot.press("greater_than_sign")
        await settle(pilot)

        shown = notifications(app)[-1]
        assert shown.title == ConflictError.title
        assert f"{board_data.other.name}さん" in shown.message
        assert case_id in column_ids(app, MEETING)
        assert case_id not in column_ids(app, WORK)

    assert Case.get_by_id(case_id).stage == MEETING


async def test_end_case_reason_kept_after_conflict(board_data, make_app, start_worker):
    case_id = board_data.id("rental_new")
    app = make_app(change_poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, EndCaseModal)
        modal.query_one(RadioSet).query(RadioButton).first().value = True
        modal.query_one("#end-case-reason", Input).value = "ご家族と相談の結果、見送り"
        start_worker("move", case_id, MEETING).finish()

        modal.query_one("#end-case-reason", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert notifications(app)[-1].title == ConflictError.title
        assert case_id in column_ids(app, MEETING)

        await focus_case(pilot, case_id)
        await pilot.press("c")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, EndCaseModal)
        assert again.query_one("#end-case-reason", Input).value == "ご家族と相談の結果、見送り"
        assert again.query_one(RadioSet).pressed_index == 0
        await pilot.press("enter")
        await settle(pilot)

    case = Case.get_by_id(case_id)
    assert (case.stage, case.outcome_reason) == (COMPLETED, "ご家族と相談の結果、見送り")


async def test_note_by_other_shows_while_typing_kept(board_data, make_app, start_worker):
    case_id = board_data.id("rental_meeting")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, "ケアマネに電話した")

        add_note(case_id, "佐藤がご家族と話した", board_data.other, Clock())
        await shows_within(pilot, lambda: any("佐藤がご家族と話した" in text for text in shown_note_texts(app)))

        assert editor_of(app) is editor
        assert editor.text == "ケアマネに電話した"
        assert app.focused is editor.text_area
        assert pane_of(app).case_id == case_id


async def test_stale_view_drops_case_moved_elsewhere(board_data, make_app, start_worker):
    add_stale_cases(board_data)
    moved = board_data.id("stale_rental")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        stale_view = app.screen
        assert isinstance(stale_view, StaleScreen)
        assert str(moved) in stale_view.stale_table.row_keys
        highlighted = stale_view.stale_table.highlighted_key

        start_worker("move", moved, MEETING).finish()
        await shows_within(pilot, lambda: str(moved) not in stale_view.stale_table.row_keys)

        assert app.focused is stale_view.stale_table
        if highlighted != str(moved):
            assert stale_view.stale_table.highlighted_key == highlighted
        assert texts.STALE_TAB.format(count=len(stale_view.stale_table.row_keys)) in str(
            stale_view.query_one("#stale-tabs").get_tab("stale-pane").label
        )
