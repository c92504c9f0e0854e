"""Pilot tests of logging an activity (活動): the dialog, its date parsing, and the follow-up date on the card."""

from datetime import date

import pytest
from textual.widgets import Input, Select

from anken_tui.db.models import Activity, Case
from anken_tui.domain.lines import RECEIVED
from anken_tui.screens.activity import ActivityModal
from anken_tui.services.activities import log_activity
from anken_tui.clock import FrozenClock
from tests.ui.conftest import BOARD_NOW
from tests.ui.detail_steps import open_detail, pane_of, static_text, type_text
from tests.ui.test_board import SIZE, board, column_lines, focus_case, settle

# The kinds in the order of the dialog's buttons.
KIND_INDEX = {"visit": 0, "call": 1, "fax": 2, "email": 3, "check": 4, "other": 5}


def activities_of(case_id: int) -> list[Activity]:
    return list(Activity.select().where(Activity.case == case_id).order_by(Activity.id))


async def open_activity(pilot, case_id: int) -> ActivityModal:
    await open_detail(pilot, case_id)
    await pilot.press("v")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, ActivityModal)
    return modal


async def choose_kind(pilot, kind: str) -> None:
    """Choose the kind with the keys: the focus starts on the kinds, → moves, Enter picks."""
    await pilot.press(*["right"] * KIND_INDEX[kind], "enter")


def set_field(modal: ActivityModal, field_id: str, value: str) -> None:
    modal.query_one(f"#{field_id}", Input).value = value


def error_text(modal: ActivityModal) -> str:
    return static_text(modal.query_one("#activity-error"))


async def test_check_activity_with_follow_up_shows_on_card(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = await open_activity(pilot, case_id)
        assert modal.query_one("#activity-date", Input).value == "2026/12/4"
        assert modal.query_one("#activity-staff", Select).value == board_data.user.id

        await choose_kind(pilot, "check")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "ケアマネに打合せ日を確認")
        await pilot.press("tab")
        await type_text(pilot, "12/8")
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen is board(app)
        lines = column_lines(board(app).column(RECEIVED))
        urgent_title = next(line for line in lines if "[至急]" in line)
        assert urgent_title.rstrip().endswith("次12/8")
        activities = static_text(pane_of(app).query_one("#detail-activities"))
        assert "12/4(金)  確認  山口  次回予定 12/8(火)" in activities
        assert "次回予定           12/8(火)" in static_text(pane_of(app).query_one("#detail-case"))

    [activity] = activities_of(case_id)
    assert (activity.kind, activity.done_on, activity.follow_up_on) == ("check", date(2026, 12, 4), date(2026, 12, 8))
    assert activity.text == "ケアマネに打合せ日を確認"
    assert activity.staff_id == board_data.user.id
    assert Case.get_by_id(case_id).stage == RECEIVED


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/4", date(2026, 12, 4)),
        ("12/1", date(2026, 12, 1)),
        ("2026/12/3", date(2026, 12, 3)),
        ("2026-12-02", date(2026, 12, 2)),
        ("１２／３", date(2026, 12, 3)),
        ("12月3日", date(2026, 12, 3)),
        ("2025/2/28", date(2025, 2, 28)),
        ("", date(2026, 12, 4)),
    ],
)
async def test_activity_date_accepted(board_data, make_app, typed, expected):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = await open_activity(pilot, case_id)
        await choose_kind(pilot, "call")
        set_field(modal, "activity-date", typed)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is board(app)

    assert activities_of(case_id)[0].done_on == expected


@pytest.mark.parametrize(
    ("field_id", "typed", "message"),
    [
        ("activity-date", "2/30", "活動日: 2/30 は存在しない日付です。"),
        ("activity-date", "2026/13/1", "活動日: 2026/13/1 は存在しない日付です。"),
        ("activity-date", "あした", "活動日: あした は日付として読めません。"),
        ("activity-date", "12/5", "活動日: 活動日に今日(12/4)より後の日付は入れられません。"),
        ("activity-date", "1999/1/1", "活動日: 1999/1/1 の年は扱えません。"),
        ("activity-follow-up", "2/30", "次回予定: 2/30 は存在しない日付です。"),
        ("activity-follow-up", "12/3", "次回予定: 次回予定(12/3)は活動日(12/4)以降の日付にしてください。"),
        ("activity-follow-up", "12/", "次回予定: 12/ は日付として読めません。"),
    ],
)
async def test_activity_date_rejected(board_data, make_app, field_id, typed, message):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = await open_activity(pilot, case_id)
        await choose_kind(pilot, "visit")
        set_field(modal, field_id, typed)
        await pilot.press("ctrl+s")
        # The dialog stays open, so its worker is still waiting: pause rather than settle.
        await pilot.pause()

        assert app.screen is modal
        assert error_text(modal).startswith(message)
        field = modal.query_one(f"#{field_id}", Input)
        assert field.value == typed
        assert app.focused is field
        assert field.parent.has_class("-error")

    assert activities_of(case_id) == []


async def test_activity_kind_required(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = await open_activity(pilot, case_id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(modal) == "種類: 活動の種類を一覧から選んでください。"
    assert activities_of(case_id) == []


@pytest.mark.parametrize(
    ("follow_up", "mark", "due"),
    [
        (date(2026, 12, 8), "次12/8", False),
        (date(2026, 12, 4), "次今日", True),
        (date(2026, 12, 2), "次12/2!", True),
    ],
)
async def test_card_marks_follow_up_when_due(board_data, make_app, follow_up, mark, due):
    case_id = board_data.id("urgent")
    clock = FrozenClock(BOARD_NOW)
    log_activity(case_id, "check", date(2026, 12, 1), None, "", follow_up, user=board_data.user, clock=clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        column = board(app).column(RECEIVED)
        lines = column_lines(column)
        title_line = next(line for line in lines if "[至急]" in line)
        assert title_line.rstrip().endswith(mark)

        index = [card.id for card in column.cards].index(case_id)
        strip = column.render_line(index * 4 + 1)
        mark_segment = next(segment for segment in strip if mark in segment.text)
        stale_style = column.get_component_rich_style("stage-column--stale", partial=True)
        assert (stale_style.color == mark_segment.style.color) is due


async def test_escape_with_text_asks_before_closing(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = await open_activity(pilot, case_id)
        set_field(modal, "activity-text", "途中まで")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not modal
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is modal
        assert modal.query_one("#activity-text", Input).value == "途中まで"


async def test_activity_logged_from_board_without_pane(board_data, make_app):
    case_id = board_data.id("rental_new")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_case(pilot, case_id)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ActivityModal)
        await choose_kind(pilot, "fax")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pane_of(app).case_id == case_id
    assert [activity.kind for activity in activities_of(case_id)] == ["fax"]
