"""Pilot tests of the board: keys, what the screen shows and what the database contains afterwards."""

import asyncio
import gc
import sqlite3
import weakref
import pytest
from rich.cells import cell_len
from textual.widgets import Input, OptionList, RadioSet
from textual.widgets._footer import FooterKey

from anken_tui import texts
from anken_tui.db.database import close_database, database
from anken_tui.db.models import Case, Staff, StageChange
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import COMPLETED, MEETING, RECEIVED, STAGES, WORK, Line
from anken_tui.domain.moves import allowed_targets
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import ConflictError, DatabaseBusyError, MoveRejectedError
from anken_tui.screens.board import MIN_COLUMN_WIDTH, BoardScreen
from anken_tui.screens.confirm import ConfirmModal
from anken_tui.screens.end_case import EndCaseModal
from anken_tui.screens.new_case import NewCaseModal
from anken_tui.screens.stage_picker import StagePickerModal
from anken_tui.screens.user_setup import UserSetupModal
from anken_tui.services.cases import move_case
from anken_tui.widgets.card_render import CARD_HEIGHT, ELLIPSIS, fit_cells
from anken_tui.widgets.key_footer import KeyFooter
from anken_tui.widgets.stage_column import StageColumn, wrap_cells

SIZE = (120, 36)


# Helpers that read the screen and the database.


def board(app) -> BoardScreen:
    assert isinstance(app.screen, BoardScreen), f"expected the board, found {type(app.screen).__name__}"
    return app.screen


def focused_column(app) -> StageColumn:
    focused = app.screen.focused
    assert isinstance(focused, StageColumn), f"expected a column to have focus, found {focused!r}"
    return focused


def column_ids(app, stage: str) -> list[int]:
    return [card.id for card in board(app).column(stage).cards]


def column_lines(column: StageColumn) -> list[str]:
    """Return the plain text of the column's lines in view, as it draws them."""
    return ["".join(segment.text for segment in column.render_line(y)) for y in range(column.size.height)]


def stage_changes(case_id: int) -> list[StageChange]:
    return list(StageChange.select().where(StageChange.case == case_id).order_by(StageChange.id))


def notifications(app) -> list:
    return list(app._notifications)


async def settle(pilot) -> None:
    """Let the keys pressed take effect: messages, workers without a dialog, and the repaint.

    A worker still waiting on a dialog fails the test after a few seconds instead of hanging it.
    """
    await pilot.pause()
    await asyncio.wait_for(pilot.app.workers.wait_for_complete(), timeout=5)
    await pilot.pause()


async def focus_case(pilot, case_id: int) -> StageColumn:
    """Put the focus and the cursor on the card of `case_id`, as arrow keys would."""
    screen = board(pilot.app)
    for stage_column in screen.columns:
        if stage_column.select_case(case_id):
            screen._focus_column(stage_column)
            await pilot.pause()
            return stage_column
    raise AssertionError(f"case {case_id} is not on the board")


async def show_line(pilot, key: str) -> None:
    await pilot.press(key)
    await settle(pilot)


# Showing the board.


async def test_board_shows_stages_as_columns(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)

        assert [column.stage for column in screen.columns] == list(STAGES[Line.RENTAL])
        assert column_ids(app, RECEIVED) == [board_data.id("rental_new"), board_data.id("urgent")]
        assert screen.column(RECEIVED).border_title == "案件受付 2"
        assert screen.sub_title == "レンタル  進行中 4件  入力者 山口"
        assert focused_column(app).stage == RECEIVED


async def test_completed_column_counts_hidden_cases(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        completed = board(app).column(COMPLETED)

        assert column_ids(app, COMPLETED) == [board_data.id("rental_done")]
        text = "".join(column_lines(completed))
        assert "ほか 1件" in text
        assert "成約" in text


async def test_card_shows_customer_title_owner_days(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = column_lines(board(app).column(RECEIVED))

        # The older card (12 days) comes first, then 山田 様's (3 days).
        assert lines[0].startswith("▸ 鈴木 一郎様")
        assert lines[0].rstrip().endswith("12日")
        assert lines[2].strip() == "佐藤 健一"
        assert lines[4].strip().startswith("山田 花子様")
        assert lines[4].rstrip().endswith("3日")


async def test_sales_cards_show_insurance_or_self_pay(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_line(pilot, "2")
        meeting = column_lines(board(app).column(MEETING))
        work = column_lines(board(app).column(WORK))

        assert meeting[2].rstrip().endswith("自費")
        assert work[2].rstrip().endswith("介護保険")


async def test_bracket_title_shows_literally(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = column_lines(board(app).column(RECEIVED))
        assert "[至急] 手すり" in lines[5]

        await focus_case(pilot, board_data.id("urgent"))
        await pilot.press("greater_than_sign")
        await settle(pilot)

        message = notifications(app)[-1]
        assert message.message == "「[至急] 手すり」を打合せへ移動しました"
        assert message.markup is False


# Moving with the keys.


@pytest.mark.parametrize("key", ["greater_than_sign", "shift+right"])
async def test_move_next_saves_and_moves_card(board_data, make_app, key):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press(key)
        await settle(pilot)

        assert case_id not in column_ids(app, RECEIVED)
        assert case_id in column_ids(app, MEETING)
        assert focused_column(app).stage == MEETING
        assert focused_column(app).highlighted_card.id == case_id
        assert board(app).column(MEETING).border_title == "打合せ 2"

    assert Case.get_by_id(case_id).stage == MEETING
    last = stage_changes(case_id)[-1]
    assert (last.from_stage, last.to_stage) == (RECEIVED, MEETING)
    assert last.changed_by_id == board_data.user.id


async def test_move_back_with_less_than(board_data, make_app):
    case_id = board_data.id("rental_meeting")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("less_than_sign")
        await settle(pilot)

        assert case_id in column_ids(app, RECEIVED)
        assert focused_column(app).highlighted_card.id == case_id

    assert Case.get_by_id(case_id).stage == RECEIVED
    last = stage_changes(case_id)[-1]
    assert (last.from_stage, last.to_stage, last.is_undo) == (MEETING, RECEIVED, False)


async def test_move_back_with_shift_left(board_data, make_app):
    case_id = board_data.id("rental_work")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("shift+left")
        await settle(pilot)

        assert case_id in column_ids(app, MEETING)

    assert Case.get_by_id(case_id).stage == MEETING


@pytest.mark.parametrize(
    ("case_name", "key", "message"),
    [
        ("urgent", "less_than_sign", texts.NO_PREVIOUS_STAGE),
        ("rental_done", "greater_than_sign", texts.NO_NEXT_STAGE),
        ("rental_done", "c", "すでに案件完了にあります。"),
    ],
)
async def test_rejected_move_writes_nothing(board_data, make_app, case_name, key, message):
    case_id = board_data.id(case_name)
    rows_before = StageChange.select().count()
    stage_before = Case.get_by_id(case_id).stage
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        column = await focus_case(pilot, case_id)
        await pilot.press(key)
        await settle(pilot)

        shown = notifications(app)
        assert [note.message for note in shown] == [message]
        assert shown[0].title == MoveRejectedError.title
        assert isinstance(app.screen, BoardScreen)
        assert case_id in [card.id for card in column.cards]

    assert StageChange.select().count() == rows_before
    assert Case.get_by_id(case_id).stage == stage_before


async def test_pick_stage_with_confirmed_skip(board_data, make_app):
    case_id = board_data.id("self_pay_meeting")
    case = board_data.cases["self_pay_meeting"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_line(pilot, "2")
        await focus_case(pilot, case_id)
        await pilot.press("m")
        await pilot.pause()

        assert isinstance(app.screen, StagePickerModal)
        targets = [check.target for check in allowed_targets(case.line, case.sales_kind, case.stage)]
        app.screen.query_one(OptionList).highlighted = targets.index(WORK)
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, ConfirmModal)
        assert "見積工程を飛ばして作業工程へ移動します" in str(app.screen.query_one("#confirm-message").render())
        await pilot.press("y")
        await settle(pilot)

        assert case_id in column_ids(app, WORK)
        assert focused_column(app).highlighted_card.id == case_id

    assert Case.get_by_id(case_id).stage == WORK
    last = stage_changes(case_id)[-1]
    assert (last.from_stage, last.to_stage) == (MEETING, WORK)


async def test_pick_stage_declined_skip_writes_nothing(board_data, make_app):
    case_id = board_data.id("self_pay_meeting")
    case = board_data.cases["self_pay_meeting"]
    rows_before = StageChange.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_line(pilot, "2")
        await focus_case(pilot, case_id)
        await pilot.press("m")
        await pilot.pause()
        targets = [check.target for check in allowed_targets(case.line, case.sales_kind, case.stage)]
        app.screen.query_one(OptionList).highlighted = targets.index(WORK)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)

        assert isinstance(app.screen, BoardScreen)
        assert case_id in column_ids(app, MEETING)

    assert StageChange.select().count() == rows_before


async def test_pick_stage_escape_writes_nothing(board_data, make_app):
    rows_before = StageChange.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, board_data.id("urgent"))
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)

        assert isinstance(app.screen, BoardScreen)

    assert StageChange.select().count() == rows_before


async def test_end_case_requires_reason(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("c")
        await pilot.pause()

        modal = app.screen
        assert isinstance(modal, EndCaseModal)
        # Ending at 案件受付 is an early end: 成約 is not offered.
        labels = [str(button.label) for button in modal.query_one(RadioSet).query("RadioButton")]
        assert labels == [outcome.label for outcome in Outcome if outcome is not Outcome.WON]
        modal.query_one(RadioSet).query("RadioButton").first().value = True
        reason = modal.query_one("#end-case-reason", Input)
        reason.focus()
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is modal
        assert Case.get_by_id(case_id).stage == RECEIVED

        reason.value = "ご家族と相談の結果、見送り"
        await pilot.press("enter")
        await settle(pilot)

        assert column_ids(app, COMPLETED)[0] == case_id
        assert focused_column(app).stage == COMPLETED
        assert focused_column(app).highlighted_card.id == case_id

    case = Case.get_by_id(case_id)
    assert (case.stage, case.outcome, case.outcome_reason) == (COMPLETED, "declined", "ご家族と相談の結果、見送り")
    last = stage_changes(case_id)[-1]
    assert (last.from_stage, last.to_stage, last.outcome) == (RECEIVED, COMPLETED, "declined")


async def test_next_into_completed_asks_outcome(board_data, make_app):
    case_id = board_data.id("rental_work")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("greater_than_sign")
        await pilot.pause()

        modal = app.screen
        assert isinstance(modal, EndCaseModal)
        assert modal.query_one(RadioSet).pressed_button.label.plain == Outcome.WON.label
        # 成約 needs no reason, so Enter in the empty reason saves at once.
        await pilot.press("enter")
        await settle(pilot)

        assert column_ids(app, COMPLETED)[0] == case_id

    case = Case.get_by_id(case_id)
    assert (case.stage, case.outcome) == (COMPLETED, "won")


async def test_end_case_escape_writes_nothing(board_data, make_app):
    rows_before = StageChange.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, board_data.id("rental_work"))
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)

        assert board_data.id("rental_work") in column_ids(app, WORK)

    assert StageChange.select().count() == rows_before


# Undo.


async def test_undo_adds_reverse_change(board_data, make_app, board_clock):
    case_id = board_data.id("urgent")
    rows_before = len(stage_changes(case_id))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)

        assert case_id in column_ids(app, RECEIVED)
        assert focused_column(app).highlighted_card.id == case_id
        assert notifications(app)[-1].message == "「[至急] 手すり」の移動を取り消し、案件受付へ戻しました"
        # The card gets back its days in 案件受付.
        assert focused_column(app).highlighted_card.days_in_stage(board_clock.today()) == 3

    changes = stage_changes(case_id)
    assert len(changes) == rows_before + 2
    assert [(change.from_stage, change.to_stage, change.is_undo) for change in changes[-2:]] == [
        (RECEIVED, MEETING, False),
        (MEETING, RECEIVED, True),
    ]
    assert Case.get_by_id(case_id).stage == RECEIVED


async def test_undo_goes_back_move_by_move(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert case_id in column_ids(app, WORK)

        await pilot.press("u")
        await settle(pilot)
        assert case_id in column_ids(app, MEETING)

        await pilot.press("u")
        await settle(pilot)
        assert case_id in column_ids(app, RECEIVED)

        await pilot.press("u")
        await settle(pilot)
        assert notifications(app)[-1].message == texts.NOTHING_TO_UNDO

    assert Case.get_by_id(case_id).stage == RECEIVED


async def test_undo_of_ending_restores_case(board_data, make_app):
    case_id = board_data.id("rental_work")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert Case.get_by_id(case_id).stage == COMPLETED

        await pilot.press("u")
        await settle(pilot)

        assert case_id in column_ids(app, WORK)
        assert case_id not in column_ids(app, COMPLETED)

    case = Case.get_by_id(case_id)
    assert (case.stage, case.outcome) == (WORK, None)


# New case, filter, boards.


async def test_new_case_appears_at_received_with_focus(board_data, make_app):
    cases_before = Case.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, board_data.id("rental_work"))
        await pilot.press("n")
        await pilot.pause()

        modal = app.screen
        assert isinstance(modal, NewCaseModal)
        modal.query_one("#new-case-customer-choice", RadioSet).query("RadioButton").last().value = True
        await pilot.pause()
        modal.query_one("#new-case-name", Input).value = "森 [特] 太郎"
        modal.query_one("#new-case-furigana", Input).value = "もり とくたろう"
        modal.query_one("#new-case-title", Input).value = "車いす 試用"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, BoardScreen)
        created = focused_column(app).highlighted_card
        assert focused_column(app).stage == RECEIVED
        assert created.title == "車いす 試用"
        assert created.id == column_ids(app, RECEIVED)[-1]
        assert "森 [特] 太郎様" in "".join(column_lines(focused_column(app)))
        assert board(app).sub_title.startswith("レンタル  進行中 5件")

    assert Case.select().count() == cases_before + 1
    case = Case.get_by_id(created.id)
    assert (case.line, case.stage, case.created_by_id) == ("rental", RECEIVED, board_data.user.id)


async def test_filter_by_furigana_and_title(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        widths = [column.region.width for column in board(app).columns]
        await pilot.press("slash")
        await pilot.pause()
        filter_input = app.screen.query_one("#board-filter", Input)
        assert filter_input.display
        assert app.screen.focused is filter_input
        assert [column.region.width for column in board(app).columns] == widths

        # Hiragana meets the katakana furigana.
        await pilot.press(*"やまだ")
        await pilot.pause()
        assert column_ids(app, RECEIVED) == [board_data.id("urgent")]
        assert column_ids(app, MEETING) == []
        assert "(該当なし)" in column_lines(board(app).column(MEETING))[0]
        assert "絞り込み中: やまだ" in board(app).sub_title

        filter_input.value = "ベッド"
        await pilot.pause()
        assert column_ids(app, MEETING) == [board_data.id("rental_meeting")]
        assert column_ids(app, RECEIVED) == []

        await pilot.press("escape")
        await pilot.pause()
        assert not filter_input.display
        assert len(column_ids(app, RECEIVED)) == 2
        assert isinstance(app.screen.focused, StageColumn)


async def test_filter_kept_while_moving(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"山田", "enter")
        await pilot.pause()
        assert focused_column(app).highlighted_card.id == case_id

        await pilot.press("greater_than_sign")
        await settle(pilot)

        assert column_ids(app, MEETING) == [case_id]
        assert focused_column(app).highlighted_card.id == case_id


async def test_number_keys_switch_boards(board_data, make_app):
    expected = [
        ("2", Line.SALES, "福祉用具販売  進行中 3件"),
        ("3", Line.RENOVATION, "住宅改修  進行中 3件"),
        ("4", Line.EQUIPMENT, "設備  進行中 2件"),
        ("1", Line.RENTAL, "レンタル  進行中 4件"),
    ]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, line, header in expected:
            await show_line(pilot, key)

            assert [column.stage for column in board(app).columns] == list(STAGES[line])
            assert board(app).sub_title.startswith(header)
            assert focused_column(app).stage == RECEIVED


async def test_header_count_follows_moves(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, board_data.id("rental_work"))
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)

        assert board(app).sub_title.startswith("レンタル  進行中 3件")


# Focus and scrolling.


async def test_focus_follows_card_into_long_column(board_data, make_app, case_maker):
    for number in range(15):
        case_maker.make(Line.RENTAL, f"打合せ待ち {number}", ("大野 進", "オオノ ススム"), MEETING, days_ago=20 + number)
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("greater_than_sign")
        await settle(pilot)

        column = focused_column(app)
        assert column.stage == MEETING
        assert column.highlighted_card.id == case_id
        # The moved card entered today, so it is last, below the fold.
        assert column.cursor == len(column.cards) - 1
        top = column.scroll_offset.y
        assert top > 0
        assert top <= column.cursor * CARD_HEIGHT
        assert column.cursor * CARD_HEIGHT + CARD_HEIGHT <= top + column.size.height
        assert any(line.startswith("▸ 山田 花子様") for line in column_lines(column))


async def test_arrow_keys_move_between_columns_and_cards(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert focused_column(app).highlighted_card.id == board_data.id("rental_new")

        await pilot.press("down")
        assert focused_column(app).highlighted_card.id == board_data.id("urgent")
        await pilot.press("k")
        assert focused_column(app).highlighted_card.id == board_data.id("rental_new")

        await pilot.press("right")
        assert focused_column(app).stage == MEETING
        await pilot.press("l", "l")
        assert focused_column(app).stage == COMPLETED
        await pilot.press("right")
        assert focused_column(app).stage == COMPLETED
        await pilot.press("h")
        assert focused_column(app).stage == WORK
        await pilot.press("left", "left", "left")
        assert focused_column(app).stage == RECEIVED


async def test_renovation_columns_reachable_at_80x24(board_data, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await show_line(pilot, "3")

        for stage in STAGES[Line.RENOVATION]:
            column = focused_column(app)
            assert column.stage == stage
            assert column.region.x >= 0
            assert column.region.right <= 80
            assert column.region.width >= MIN_COLUMN_WIDTH
            await pilot.press("right")
            await pilot.pause()


async def test_fast_keys_leave_whole_columns_in_view(board_data, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await show_line(pilot, "3")
        await pilot.press(*["right"] * 7)
        await settle(pilot)

        assert focused_column(app).stage == STAGES[Line.RENOVATION][7]
        in_view = [column for column in board(app).columns if 0 <= column.region.x < 80]
        assert [column.region.x for column in in_view] == [0, 20, 40, 60]


async def test_wide_text_cut_by_cells_at_80x24(board_data, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await show_line(pilot, "3")
        column = board(app).column(RECEIVED)
        lines = column_lines(column)[:3]
        width = column.size.width

        assert all(cell_len(line) == width for line in lines)
        customer_line, title_line, _ = lines
        assert customer_line.rstrip().endswith(" 15日")
        assert customer_line.startswith("▸ 長谷川 久美… ")
        assert ELLIPSIS in title_line
        kept = title_line.strip().rstrip(ELLIPSIS).rstrip()
        assert "浴室の段差解消と手すり設置工事(二階の廊下を含む)".startswith(kept)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("山田 花子様", 20, "山田 花子様" + " " * 9),
        ("長谷川久美子左衛門", 9, "長谷川久…"),
        # Cutting at an odd cell would halve 美: a space takes its place, never half a character.
        ("長谷川久美子左衛門", 10, "長谷川久 …"),
        ("[至急] 手すり", 8, "[至急] …"),
        ("abc", 0, ""),
    ],
)
def test_fit_cells_never_splits_a_character(text, width, expected):
    fitted = fit_cells(text, width)

    assert fitted == expected
    assert cell_len(fitted) == width


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (30, ["ほか 12件(30日より前)"]),
        (19, ["ほか", "12件(30日より前)"]),
        (9, ["ほか", "12件(30日", "より前)"]),
    ],
)
def test_wrap_cells_breaks_at_spaces(width, expected):
    lines = wrap_cells("ほか 12件(30日より前)", width)

    assert lines == expected
    assert all(cell_len(line) <= width for line in lines)


# Errors from the database and other writers.


async def test_conflict_reloads_board(board_data, make_app, board_clock):
    case = board_data.cases["urgent"]
    rows_before = StageChange.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case.id)
        # Someone else moves the case while this board still shows it at 案件受付.
        move_case(case.id, MEETING, expected_version=case.version, user=board_data.other, clock=board_clock)

        await pilot.press("greater_than_sign")
        await settle(pilot)

        shown = notifications(app)[-1]
        assert shown.title == ConflictError.title
        assert "佐藤 健一さん" in shown.message
        assert case.id in column_ids(app, MEETING)
        assert focused_column(app).highlighted_card.id == case.id

    assert StageChange.select().count() == rows_before + 1
    assert stage_changes(case.id)[-1].changed_by_id == board_data.other.id


async def test_busy_database_changes_nothing(board_data, make_app, database_path):
    case_id = board_data.id("urgent")
    rows_before = StageChange.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        database.execute_sql("PRAGMA busy_timeout = 50")
        other_writer = sqlite3.connect(database_path)
        other_writer.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("greater_than_sign")
            await settle(pilot)
        finally:
            other_writer.rollback()
            other_writer.close()

        assert notifications(app)[-1].title == DatabaseBusyError.title
        assert case_id in column_ids(app, RECEIVED)
        assert focused_column(app).highlighted_card.id == case_id

    assert StageChange.select().count() == rows_before
    assert Case.get_by_id(case_id).stage == RECEIVED


async def test_restart_shows_moved_card(board_data, make_app, database_path):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("greater_than_sign")
        await settle(pilot)

    close_database()
    open_database(database_path)
    restarted = make_app()
    async with restarted.run_test(size=SIZE) as pilot:
        await settle(pilot)

        assert case_id in column_ids(restarted, MEETING)
        assert case_id not in column_ids(restarted, RECEIVED)


# Memory: nothing piles up while the board is used.


async def test_board_switch_frees_old_columns(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        old_columns = [weakref.ref(column) for column in board(app).columns]

        for key in "2341":
            await show_line(pilot, key)
        await pilot.pause()
        gc.collect()

        # The first board was frozen out of the collector's passes; switching must thaw it.
        assert [ref() for ref in old_columns] == [None] * len(old_columns)
        assert gc.get_freeze_count() > 0


async def test_footer_not_rebuilt_by_focus_changes(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        keys = list(footer.query(FooterKey))

        for _ in range(10):
            await pilot.press("right", "left")
        await pilot.pause()

        assert list(footer.query(FooterKey)) == keys


async def test_footer_rebuilt_when_keys_change(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        assert texts.KEY_CLEAR_FILTER not in [key.description for key in footer.query(FooterKey)]

        await pilot.press("slash")
        await settle(pilot)

        assert texts.KEY_CLEAR_FILTER in [key.description for key in footer.query(FooterKey)]


# Keys that do nothing without a card, the command palette and the first run.


async def test_card_keys_disabled_in_empty_column(board_data, make_app):
    rows_before = StageChange.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await show_line(pilot, "2")
        await pilot.press("right", "right")
        await pilot.pause()
        assert focused_column(app).stage == "見積工程"
        assert focused_column(app).highlighted_card is None

        for action in ("move_next", "move_back", "pick_stage", "end_case"):
            assert board(app).check_action(action, ()) is None
        await pilot.press("greater_than_sign", "c", "m")
        await settle(pilot)

        assert isinstance(app.screen, BoardScreen)
        assert notifications(app) == []
        assert "(案件なし)" in column_lines(focused_column(app))[0]

    assert StageChange.select().count() == rows_before


async def test_command_palette_lists_actions_in_japanese(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, board_data.id("urgent"))
        titles = [command.title for command in app.get_system_commands(app.screen)]

        for title in (texts.KEY_NEXT_STAGE, texts.KEY_PREVIOUS_STAGE, texts.KEY_PICK_STAGE, texts.KEY_END_CASE,
                      texts.KEY_NEW_CASE, texts.KEY_FILTER, texts.KEY_QUIT, texts.KEY_COLUMN_LEFT,
                      texts.KEY_CARD_DOWN, "レンタル", "福祉用具販売", "住宅改修", "設備", texts.COMMAND_THEME):
            assert title in titles
        assert not {"Quit", "Theme", "Keys", "Screenshot"} & set(titles)

        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one("CommandInput", Input).placeholder == texts.PALETTE_PLACEHOLDER


async def test_palette_command_runs_board_action(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(command for command in app.get_system_commands(app.screen) if command.title == "住宅改修")
        await command.callback()
        await settle(pilot)

        assert board(app).line is Line.RENOVATION


async def test_unknown_user_registers_and_saves_name(board_data, make_app, tmp_path):
    settings_path = tmp_path / "settings.toml"
    app = make_app(user_name="新人 [研修]", settings_path=settings_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, UserSetupModal)
        assert modal.query_one("#user-setup-name", Input).value == "新人 [研修]"

        modal.query_one("#user-setup-role", RadioSet).query("RadioButton").first().value = True
        modal.query_one("#user-setup-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)

        assert board(app).sub_title == "レンタル  進行中 4件  入力者 新人 [研修]"

    assert 'user = "新人 [研修]"' in settings_path.read_text(encoding="utf-8")


async def test_settings_save_failure_keeps_running(board_data, make_app, tmp_path):
    settings_path = tmp_path / "settings.toml"
    settings_path.write_text("user = [broken\n", encoding="utf-8")
    app = make_app(user_name=None, settings_path=settings_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        staff_list = app.screen.query_one("#user-setup-staff", OptionList)
        staff_list.highlighted = 0
        staff_list.focus()
        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, BoardScreen)
        assert notifications(app)[-1].title == texts.SETTINGS_SAVE_FAILED

    assert settings_path.read_text(encoding="utf-8") == "user = [broken\n"


async def test_retired_user_gets_setup_dialog(board_data, make_app):
    Staff.update(active=False).where(Staff.id == board_data.other.id).execute()
    app = make_app(user_name="佐藤 健一")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        assert isinstance(app.screen, UserSetupModal)


async def test_quit_key_exits(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()

    assert app.return_code == 0
