"""Pilot tests of the stale view (滞留案件・事務残), the snooze dialog, the settings screen and the board's stale marks."""

from datetime import date, datetime

import pytest
from rich.cells import cell_len

from anken_tui import texts
from anken_tui.clock import JST, FrozenClock
from anken_tui.db.models import Case, Note
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import MEETING, RECEIVED, WORK, Line
from anken_tui.errors import ValidationError
from anken_tui.screens.board import BoardScreen
from anken_tui.screens.end_case import EndCaseModal
from anken_tui.screens.settings_view import SettingsScreen
from anken_tui.screens.snooze import SnoozeModal, business_days_ahead, parse_until
from anken_tui.screens.stage_picker import StagePickerModal
from anken_tui.screens.stale import StaleScreen
from anken_tui.services.snooze import snooze_stale
from anken_tui.widgets.case_table import CaseTable, TableColumn, TableRow, cut_cells, fit_columns
from anken_tui.widgets.stage_column import StageColumn
from tests.ui.stale_cases import STALE_ORDER, add_stale_cases

SIZE = (120, 36)
TODAY = date(2026, 12, 4)


@pytest.fixture
def stale_data(board_data):
    """The board fixture's cases (none stale) and six stale ones."""
    add_stale_cases(board_data)
    return board_data


# Helpers that drive the app and read the screen and the database.


async def settle(pilot) -> None:
    """Let the keys pressed take effect: messages, workers without a dialog, and the repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_stale_view(pilot) -> StaleScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    return stale_screen(pilot.app)


def stale_screen(app) -> StaleScreen:
    assert isinstance(app.screen, StaleScreen), f"expected the stale view, found {type(app.screen).__name__}"
    return app.screen


def board(app) -> BoardScreen:
    assert isinstance(app.screen, BoardScreen), f"expected the board, found {type(app.screen).__name__}"
    return app.screen


def row_names(table: CaseTable, data) -> list[str]:
    """Return the fixture names of the stale cases listed, top to bottom."""
    names = {str(case.id): name for name, case in data.cases.items()}
    return [names[key] for key in table.row_keys]


def highlighted_name(table: CaseTable, data) -> str:
    names = {str(case.id): name for name, case in data.cases.items()}
    return names[table.highlighted_key]


def row_text(table: CaseTable, index: int) -> list[str]:
    return [cell.plain for cell in table.get_row_at(index)]


async def highlight(pilot, table: CaseTable, index: int) -> None:
    table.move_cursor(row=index)
    await pilot.pause()


def notification_texts(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def column_lines(column: StageColumn) -> list[str]:
    return ["".join(segment.text for segment in column.render_line(y)) for y in range(column.size.height)]


# The list: order, cells, filters, empty list.


async def test_lists_most_overdue_first(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)

        assert row_names(screen.stale_table, stale_data) == STALE_ORDER
        assert row_text(screen.stale_table, 0) == [
            "設備", "受注待ち", "森 一郎様", "エアコン交換", "山口", "28営業日", "15", "+13", "なし",
        ]
        assert row_text(screen.stale_table, 1)[-1] == "2026/11/20"
        assert row_text(screen.stale_table, 2)[4] == "佐藤 健一"
        assert screen.sub_title == "全事業区分  6件  入力者 山口"
        assert screen.title == "滞留案件"


async def test_title_with_brackets_shows_literally(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)

        assert row_text(screen.stale_table, 1)[3] == "[至急] 車いす"


async def test_line_keys_toggle_line_filter(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)

        await pilot.press("1")
        assert row_names(screen.stale_table, stale_data) == ["stale_rental", "stale_rental_work"]
        assert screen.sub_title == "レンタル  2件(全6件中)  入力者 山口"

        await pilot.press("4")
        assert row_names(screen.stale_table, stale_data) == ["stale_equipment", "stale_rental", "stale_rental_work"]
        assert screen.sub_title.startswith("レンタル・設備  3件")

        await pilot.press("1")
        assert row_names(screen.stale_table, stale_data) == ["stale_equipment"]

        await pilot.press("0")
        assert row_names(screen.stale_table, stale_data) == STALE_ORDER
        assert screen.sub_title == "全事業区分  6件  入力者 山口"


async def test_o_shows_only_own_cases(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)

        await pilot.press("o")
        assert row_names(screen.stale_table, stale_data) == [
            "stale_equipment", "stale_rental", "stale_post", "stale_renovation",
        ]
        assert screen.sub_title == "全事業区分  自分の案件  4件(全6件中)  入力者 山口"

        await pilot.press("o")
        assert row_names(screen.stale_table, stale_data) == STALE_ORDER


async def test_empty_list_shows_message(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        note = screen.query_one("#stale-empty")

        assert screen.stale_table.row_count == 0
        assert str(note.render()) == "滞留している案件はありません"
        assert note.display
        assert not screen.stale_table.display

        await pilot.press("1")
        assert str(note.render()).startswith("絞り込みの条件に合う滞留案件はありません")


async def test_row_actions_disabled_in_empty_list(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)

        for action in ("move_next", "snooze", "open_case"):
            assert screen.check_action(action, ()) is None


async def test_r_reloads_changes_made_elsewhere(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        until = date(2026, 12, 10)
        case = stale_data.cases["stale_post"]
        snooze_stale(case.id, until, "認定結果待ち", expected_version=case.version, user=stale_data.other,
                     clock=FrozenClock(datetime(2026, 12, 4, 9, 0, tzinfo=JST)))

        assert "stale_post" in row_names(screen.stale_table, stale_data)
        await pilot.press("r")
        await settle(pilot)
        assert "stale_post" not in row_names(screen.stale_table, stale_data)


# Snooze (保留).


async def open_snooze(pilot, screen: StaleScreen, index: int) -> SnoozeModal:
    await highlight(pilot, screen.stale_table, index)
    await pilot.press("z")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, SnoozeModal), f"expected the snooze dialog, found {type(modal).__name__}"
    return modal


async def test_snooze_takes_case_off_list_and_writes_note(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        modal = await open_snooze(pilot, screen, 1)

        # Five business days after Friday 12/4.
        assert modal.query_one("#snooze-until").value == "2026/12/11"
        await pilot.press("enter")
        await pilot.press("tab", "enter")
        assert modal.query_one("#snooze-reason").value == "ケアマネの返答待ち"
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen is screen
        assert "stale_rental" not in row_names(screen.stale_table, stale_data)
        assert highlighted_name(screen.stale_table, stale_data) == "stale_rental_work"
        assert "「[至急] 車いす」の滞留を12/11(金)まで保留しました" in notification_texts(app)

    case = Case.get_by_id(stale_data.id("stale_rental"))
    assert case.stale_snoozed_until == date(2026, 12, 11)
    notes = [note.text for note in Note.select().where(Note.case == case.id).order_by(Note.id)]
    assert notes[-1] == "滞留を保留(2026/12/11まで): ケアマネの返答待ち"


async def test_snoozed_case_returns_on_its_date(stale_data, make_app):
    case = stale_data.cases["stale_rental"]
    snooze_stale(case.id, date(2026, 12, 11), "ご家族の検討待ち", expected_version=case.version,
                 user=stale_data.user, clock=FrozenClock(datetime(2026, 12, 4, 9, 0, tzinfo=JST)))

    app = make_app(clock=FrozenClock(datetime(2026, 12, 11, 9, 0, tzinfo=JST)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)

        assert "stale_rental" in row_names(screen.stale_table, stale_data)


async def test_snooze_typed_reason_with_full_width_space(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        modal = await open_snooze(pilot, screen, 0)

        await pilot.press(*"12/18", "enter")
        await pilot.press(*"見積の", "ideographic_space", *"返事待ち", "enter")
        await settle(pilot)

        assert app.screen is screen
    case = Case.get_by_id(stale_data.id("stale_equipment"))
    assert case.stale_snoozed_until == date(2026, 12, 18)
    assert case.stale_snooze_reason == "見積の 返事待ち"
    assert modal.is_attached is False


@pytest.mark.parametrize(
    ("typed_date", "reason", "error"),
    [
        pytest.param("2026/12/01", "認定結果待ち", "保留期限: 保留期限は今日(2026/12/4)より後の日付にしてください。", id="past"),
        pytest.param("2/30", "認定結果待ち", "保留期限: 2/30 は存在しない日付です。", id="no-such-day"),
        pytest.param("来週", "認定結果待ち", "保留期限: 来週 は日付として読めません。", id="unreadable"),
        pytest.param("12/11", "", "保留の理由: 保留の理由を入力してください(例: ケアマネの返答待ち)。", id="no-reason"),
    ],
)
async def test_snooze_invalid_input_keeps_dialog(stale_data, make_app, typed_date, reason, error):
    case_id = stale_data.id("stale_equipment")
    version = Case.get_by_id(case_id).version
    note_count = Note.select().count()

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        modal = await open_snooze(pilot, screen, 0)
        await pilot.press(*typed_date, "enter")
        if reason:
            await pilot.press(*reason)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is modal
        assert str(modal.query_one("#snooze-error").render()).startswith(error)
        assert modal.query_one("#snooze-until").value == typed_date
        assert modal.query_one("#snooze-reason").value == reason
        assert "stale_equipment" in row_names(screen.stale_table, stale_data)

    case = Case.get_by_id(case_id)
    assert case.stale_snoozed_until is None
    assert case.version == version
    assert Note.select().count() == note_count


async def test_snooze_escape_writes_nothing(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await open_snooze(pilot, screen, 0)
        await pilot.press("escape")
        await settle(pilot)

        assert app.screen is screen
        assert row_names(screen.stale_table, stale_data) == STALE_ORDER
    assert Case.get_by_id(stale_data.id("stale_equipment")).stale_snoozed_until is None


# Moves from the list.


async def test_move_next_takes_case_off_list(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await highlight(pilot, screen.stale_table, 1)
        await pilot.press("greater_than_sign")
        await settle(pilot)

        assert row_names(screen.stale_table, stale_data) == [name for name in STALE_ORDER if name != "stale_rental"]
        assert highlighted_name(screen.stale_table, stale_data) == "stale_rental_work"
        assert "「[至急] 車いす」を打合せへ移動しました" in notification_texts(app)

    assert Case.get_by_id(stale_data.id("stale_rental")).stage == MEETING


async def test_move_of_last_row_highlights_previous(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await pilot.press("end")
        assert highlighted_name(screen.stale_table, stale_data) == "stale_renovation"

        await pilot.press("greater_than_sign")
        await settle(pilot)

        assert row_names(screen.stale_table, stale_data) == STALE_ORDER[:-1]
        assert highlighted_name(screen.stale_table, stale_data) == "stale_post"


async def test_move_back_from_first_stage_is_rejected(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await highlight(pilot, screen.stale_table, 1)
        await pilot.press("less_than_sign")
        await settle(pilot)

        assert texts.NO_PREVIOUS_STAGE in notification_texts(app)
        assert row_names(screen.stale_table, stale_data) == STALE_ORDER
    assert Case.get_by_id(stale_data.id("stale_rental")).stage == RECEIVED


async def test_pick_stage_moves_with_picker(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await highlight(pilot, screen.stale_table, 2)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, StagePickerModal)

        # The first choice from 作業工程 is one stage back, to 打合せ.
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen is screen
        assert "stale_rental_work" not in row_names(screen.stale_table, stale_data)
    assert Case.get_by_id(stale_data.id("stale_rental_work")).stage == MEETING


async def test_end_case_asks_outcome_and_reason(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await highlight(pilot, screen.stale_table, 1)
        await pilot.press("c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, EndCaseModal)

        # 案件受付 can only end early, so the first outcome is お断り and it needs a reason.
        await pilot.press("enter")
        await pilot.press("tab", *"ご本人が入院", "enter")
        await settle(pilot)

        assert app.screen is screen
        assert "stale_rental" not in row_names(screen.stale_table, stale_data)
    case = Case.get_by_id(stale_data.id("stale_rental"))
    assert (case.stage, case.outcome, case.outcome_reason) == ("案件完了", "declined", "ご本人が入院")


# Opening a case and going back.


async def test_enter_opens_board_with_card_selected(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await highlight(pilot, screen.stale_table, 2)
        await pilot.press("enter")
        await settle(pilot)

        shown = board(app)
        assert shown.line is Line.RENTAL
        focused = app.focused
        assert isinstance(focused, StageColumn)
        assert focused.stage == WORK
        assert focused.highlighted_card.id == stale_data.id("stale_rental_work")
        assert shown.detail_pane is not None
        assert shown.detail_pane.case_id == stale_data.id("stale_rental_work")


async def test_enter_switches_to_other_line(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stale_view(pilot)
        await pilot.press("enter")
        await settle(pilot)

        assert board(app).line is Line.EQUIPMENT
        assert app.focused.highlighted_card.id == stale_data.id("stale_equipment")


async def test_escape_returns_to_reloaded_board(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await highlight(pilot, screen.stale_table, 1)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        shown = board(app)
        assert shown.line is Line.RENTAL
        assert stale_data.id("stale_rental") in [card.id for card in shown.column(MEETING).cards]


async def test_b_returns_to_board(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_stale_view(pilot)
        await pilot.press("b")
        await settle(pilot)

        assert board(app).line is Line.RENTAL


# Office follow-ups (事務残).


async def test_follow_up_tab_lists_won_rental_without_payment(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await pilot.press("t")
        await settle(pilot)
        table = screen.follow_up_table

        done_key = f"no_payment_method-{stale_data.id('rental_done')}"
        assert done_key in table.row_keys
        assert f"post_application_late-{stale_data.id('stale_post')}" in table.row_keys
        row = row_text(table, table.row_keys.index(done_key))
        assert row == ["レンタル", "案件完了", "伊藤 和子様", "歩行器レンタル", "山口", "支払方法が未登録"]
        assert app.focused is table
        assert screen.sub_title == f"全事業区分  {table.row_count}件  入力者 山口"
        assert screen.check_action("move_next", ()) is None
        assert screen.check_action("snooze", ()) is None


async def test_follow_up_enter_opens_completed_card(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await pilot.press("t")
        await settle(pilot)
        table = screen.follow_up_table
        await highlight(pilot, table, table.row_keys.index(f"no_payment_method-{stale_data.id('rental_done')}"))
        await pilot.press("enter")
        await settle(pilot)

        assert board(app).line is Line.RENTAL
        assert app.focused.highlighted_card.id == stale_data.id("rental_done")


async def test_follow_up_of_old_completion_is_named(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)
        await pilot.press("t")
        await settle(pilot)
        table = screen.follow_up_table
        await highlight(pilot, table, table.row_keys.index(f"no_payment_method-{stale_data.id('rental_old_done')}"))
        await pilot.press("enter")
        await settle(pilot)

        assert board(app).line is Line.RENTAL
        assert texts.CASE_NOT_ON_BOARD.format(line="レンタル") in notification_texts(app)


# Settings: problems at start, thresholds in force, the settings screen.


async def test_settings_problems_notified_at_start(stale_data, make_app, tmp_path):
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(
        'colour = "blue"\n[thresholds.rental]\n"案件受付" = "十日"\n', encoding="utf-8"
    )
    app = make_app(settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        warnings = [n for n in app._notifications if n.title == texts.SETTINGS_PROBLEM_TITLE]
        assert len(warnings) == 2
        assert all(n.severity == "warning" and n.markup is False for n in warnings)
        assert "colour" in warnings[0].message
        assert "[thresholds.事業区分]" in warnings[0].message
        assert "案件受付" in warnings[1].message
        assert board(app).line is Line.RENTAL
        assert app.settings.thresholds[Line.RENTAL][RECEIVED] == 10


async def test_broken_settings_file_keeps_defaults(stale_data, make_app, tmp_path):
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[thresholds.rental\n"案件受付" = 3\n', encoding="utf-8")
    app = make_app(settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stale_view(pilot)

        assert len([n for n in app._notifications if n.title == texts.SETTINGS_PROBLEM_TITLE]) == 1
        assert row_names(screen.stale_table, stale_data) == STALE_ORDER


async def test_thresholds_from_settings_apply(stale_data, make_app, tmp_path):
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[thresholds.rental]\n"案件受付" = 30\n', encoding="utf-8")
    app = make_app(settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert board(app).column(RECEIVED).border_title == "案件受付 3"

        screen = await open_stale_view(pilot)
        assert "stale_rental" not in row_names(screen.stale_table, stale_data)


async def test_settings_screen_shows_thresholds_and_problems(stale_data, make_app, tmp_path):
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(
        'size = 1\n[thresholds.rental]\n"案件受付" = 30\n[calendar]\nclosed_days = [2026-08-13, 2026-08-14]\n',
        encoding="utf-8",
    )
    app = make_app(settings_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "設定" in titles
        assert "滞留" in titles

        app.action_open_settings()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)

        table = screen.query_one("#settings-thresholds")
        rows = {row.key.value: [cell.plain for cell in table.get_row(row.key)] for row in table.ordered_rows}
        assert rows[RECEIVED] == [RECEIVED, "30*", "10", "10", "10"]
        assert rows["事前申請中"] == ["事前申請中", "", "", "10", ""]
        assert str(screen.query_one("#settings-path").render()) == str(settings_file)
        problems = [str(widget.render()) for widget in screen.query(".settings-problem")]
        assert len(problems) == 1
        assert "size" in problems[0]
        calendar_text = str(screen.query_one("#settings-calendar").render())
        assert "会社の休業日: 2026/08/13、2026/08/14" in calendar_text

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


# The board: stale marks and counts.


async def test_board_marks_stale_cards(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = board(app)

        assert shown.column(RECEIVED).border_title == "案件受付 3 滞1"
        assert shown.column(WORK).border_title == "作業工程 2 滞1"
        assert shown.column(MEETING).border_title == "打合せ 1"

        # 案件受付 lists the oldest first: the stale 石田 様, then two cards that are not stale.
        lines = column_lines(shown.column(RECEIVED))
        assert lines[0].lstrip("▸ ").startswith("石田 芳子様")
        assert lines[2].rstrip().endswith("滞+11")
        assert "滞" not in lines[6]
        assert "滞" not in lines[10]


async def test_board_leaves_snoozed_case_unmarked(stale_data, make_app):
    case = stale_data.cases["stale_rental"]
    snooze_stale(case.id, date(2026, 12, 11), "認定結果待ち", expected_version=case.version,
                 user=stale_data.user, clock=FrozenClock(datetime(2026, 12, 4, 9, 0, tzinfo=JST)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        assert board(app).column(RECEIVED).border_title == "案件受付 3"


async def test_board_marks_sales_card_beside_kind(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        column = board(app).column("事後申請中")

        assert column.border_title == "事後申請中 1 滞1"
        assert column_lines(column)[2].rstrip().endswith("滞+3 介護保険")


# Date parsing, business days and column fitting.


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/11", date(2026, 12, 11)),
        ("2026/12/11", date(2026, 12, 11)),
        ("2026-12-11", date(2026, 12, 11)),
        ("１２／１１", date(2026, 12, 11)),
        ("12月11日", date(2026, 12, 11)),
        ("2027年1月8日", date(2027, 1, 8)),
        (" 1/8 ", date(2027, 1, 8)),
        ("12/4", date(2026, 12, 4)),
        ("2026/12/01", date(2026, 12, 1)),
        ("令和8年12月11日", date(2026, 12, 11)),
    ],
)
def test_parse_until_reads_dates(typed, expected):
    assert parse_until(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", texts.DATE_REQUIRED),
        ("2/30", "2/30 は存在しない日付です。"),
        ("2027/2/29", "2027/2/29 は存在しない日付です。"),
        ("13/1", "13/1 は存在しない日付です。"),
        ("来週", texts.DATE_UNREADABLE.format(value="来週")),
        ("12/11/5", texts.DATE_UNREADABLE.format(value="12/11/5")),
    ],
)
def test_parse_until_names_invalid_dates(typed, message):
    with pytest.raises(ValidationError) as raised:
        parse_until(typed, TODAY)

    assert raised.value.field == texts.SNOOZE_UNTIL
    assert raised.value.message == message


def test_business_days_ahead_skips_year_end():
    calendar = BusinessCalendar()

    assert business_days_ahead(TODAY, 5, calendar) == date(2026, 12, 11)
    # From Friday 12/25: Monday 12/28 is open, 12/29 to 1/3 are closed, then Monday 1/4.
    assert business_days_ahead(date(2026, 12, 25), 2, calendar) == date(2027, 1, 4)


COLUMNS = [
    TableColumn("line", "事業区分"),
    TableColumn("customer", "顧客", flexible=True, min_width=10),
    TableColumn("days", "滞留日数", right=True),
    TableColumn("threshold", "基準", right=True, drop_rank=0),
    TableColumn("touched", "最終活動", drop_rank=1),
]
ROWS = [TableRow("1", ("福祉用具販売", "長谷川 久美子左衛門様", "12営業日", "10", "2026/12/04"))]


def test_fit_columns_gives_natural_widths_when_wide():
    assert fit_columns(COLUMNS, ROWS, 200) == [(0, 12), (1, 21), (2, 8), (3, 4), (4, 10)]


def test_fit_columns_shares_width_with_flexible_column():
    # 34 cells of fixed columns and 10 of padding leave 16 for the customer.
    assert fit_columns(COLUMNS, ROWS, 60) == [(0, 12), (1, 16), (2, 8), (3, 4), (4, 10)]


def test_fit_columns_hides_ranked_columns_in_order():
    assert fit_columns(COLUMNS, ROWS, 50) == [(0, 12), (1, 12), (2, 8), (4, 10)]
    assert fit_columns(COLUMNS, ROWS, 40) == [(0, 12), (1, 14), (2, 8)]


def test_fit_columns_minimum_when_too_narrow():
    # The table is wider than 30 cells then, and scrolls sideways.
    assert fit_columns(COLUMNS, ROWS, 30) == [(0, 12), (1, 10), (2, 8)]


def test_cut_cells_never_splits_wide_character():
    assert cut_cells("[至急] 車いす", 11) == "[至急] 車…"
    assert cut_cells("車いす", 6) == "車いす"
    assert cut_cells("車いす", 5) == "車い…"
    assert cut_cells("車いす", 4) == "車…"


async def test_narrow_table_hides_threshold_and_last_touched(stale_data, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stale_view(pilot)
        table = screen.stale_table

        labels = [column.label.plain for column in table.ordered_columns]
        assert labels == ["事業区分", "ステージ", "顧客", "件名", "営業担当", "滞留日数", "超過"]
        title_width = table.ordered_columns[3].width
        for index in range(table.row_count):
            assert cell_len(row_text(table, index)[3]) <= title_width
