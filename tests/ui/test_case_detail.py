"""Pilot tests of the case detail pane: opening it from a card, what it shows, following the board, closing it."""

import asyncio
from datetime import timedelta

from anken_tui.clock import FrozenClock
from anken_tui.db.models import Customer
from anken_tui.domain.lines import MEETING, RECEIVED, Line
from anken_tui.screens.case_detail import CaseDetailPane
from anken_tui.services.activities import log_activity
from anken_tui.services.case_fields import CaseFieldsInput, update_case_fields
from anken_tui.services.customers import create_care_manager, create_care_office, set_customer_care_manager
from anken_tui.services.notes import add_note
from anken_tui.widgets.stage_column import StageColumn
from tests.ui.conftest import BOARD_NOW
from tests.ui.detail_steps import open_detail, pane_of, shown_note_texts, static_text
from tests.ui.test_board import SIZE, board, focus_case, focused_column, settle


def customer_of(board_data, name: str) -> int:
    return Customer.get(Customer.name == name).id


async def test_enter_opens_pane_beside_board(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, board_data.id("urgent"))

        assert pane.case_id == board_data.id("urgent")
        assert focused_column(app).highlighted_card.id == board_data.id("urgent")
        assert not board(app).has_class("-detail-full")
        # The board keeps the space the pane leaves, and the pane sits on its right.
        assert pane.region.x >= board(app).query_one("#board-columns").region.right
        heading = static_text(pane.query_one("#detail-heading"))
        assert heading.startswith("山田 花子様  [至急] 手すり")
        assert "案件受付(3日目)" in heading


async def test_pane_shows_customer_case_and_care_manager(board_data, make_app, board_clock):
    customer_id = customer_of(board_data, "高橋 美智子")
    Customer.update(phone="0745-82-1234", city="宇陀市").where(Customer.id == customer_id).execute()
    office = create_care_office("榛原ケアプランセンター", "0745-82-0000")
    manager = create_care_manager("森 美香", "もり みか", office.id)
    set_customer_care_manager(customer_id, manager.id, user=board_data.user, clock=board_clock)
    case = board_data.cases["rental_meeting"]
    form = CaseFieldsInput(meeting_date="12/10", payment_method="kaipoke_debit")
    update_case_fields(case.id, form, expected_version=case.version, user=board_data.user, clock=board_clock)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, case.id)
        customer = static_text(pane.query_one("#detail-customer"))
        details = static_text(pane.query_one("#detail-case"))

        assert "高橋 美智子様" in customer
        assert "タカハシ ミチコ" in customer
        assert "0745-82-1234" in customer
        assert "宇陀市" in customer
        assert "森 美香さん" in customer
        assert "榛原ケアプランセンター" in customer
        assert "0745-82-0000" in customer
        assert "レンタル" in details
        assert "介護ベッド入替" in details
        assert "打合せ(5日目)" in details
        assert "山口" in details
        assert "12/10(木)" in details
        assert "口座振替(カイポケ)" in details


async def test_pane_shows_history_with_days(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, board_data.id("rental_work"))
        history = static_text(pane.query_one("#detail-history")).splitlines()

        # Newest first: 打合せ → 作業工程 after one day in 打合せ, by 山口, who made the moves.
        assert "打合せ → 作業工程" in history[0]
        assert "山口" in history[0]
        assert "打合せに1日" in history[0]
        assert "案件受付 → 打合せ" in history[1]
        assert "案件登録 → 案件受付" in history[2]


async def test_pane_shows_notes_newest_first_and_activities(board_data, make_app):
    case_id = board_data.id("urgent")
    user = board_data.user
    add_note(case_id, "最初の詳細", user, FrozenClock(BOARD_NOW - timedelta(days=2)))
    add_note(case_id, "次の詳細", user, FrozenClock(BOARD_NOW - timedelta(days=1)))
    log_activity(case_id, "call", "12/3", None, "ケアマネに電話", "12/9", user=user, clock=FrozenClock(BOARD_NOW))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, case_id)
        notes = shown_note_texts(app)
        activities = static_text(pane.query_one("#detail-activities"))

        assert notes[0].splitlines() == ["12/3(山口)", "次の詳細"]
        assert notes[1].splitlines() == ["12/2(山口)", "最初の詳細"]
        assert "12/3(木)  電話  山口" in activities
        assert "次回予定 12/9(水)" in activities
        assert "ケアマネに電話" in activities


async def test_pane_follows_highlighted_card(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, board_data.id("rental_new"))
        await pilot.press("down")
        await settle(pilot)
        assert pane_of(app).case_id == board_data.id("urgent")

        await pilot.press("right")
        await settle(pilot)
        assert pane_of(app).case_id == board_data.id("rental_meeting")


async def test_pane_follows_board_switch(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, board_data.id("urgent"))
        await pilot.press("2")
        await settle(pilot)

        assert board(app).line is Line.SALES
        assert pane_of(app).case_id == focused_column(app).highlighted_card.id


async def test_escape_closes_pane(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, board_data.id("urgent"))
        await pilot.press("escape")
        await settle(pilot)

        assert board(app).detail_pane is None
        assert focused_column(app).highlighted_card.id == board_data.id("urgent")
        assert len(app.query(CaseDetailPane)) == 0


async def test_enter_goes_into_notes_then_escape_back(board_data, make_app):
    case_id = board_data.id("urgent")
    add_note(case_id, "電話あり", board_data.user, FrozenClock(BOARD_NOW))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        await pilot.press("enter")
        await settle(pilot)
        assert pane_of(app).focused_note().text == "電話あり"

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, StageColumn)
        assert board(app).detail_pane is not None


async def test_reload_keeps_focused_note(board_data, make_app):
    # A change saved elsewhere reloads the pane and redraws its notes. The focused note
    # is removed and drawn again, and the focus must not pass to a column on the way.
    case_id = board_data.id("urgent")
    add_note(case_id, "電話あり", board_data.user, FrozenClock(BOARD_NOW))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, case_id)
        await pilot.press("enter")
        await settle(pilot)

        await pane.reload()

        assert pane.focused_note().text == "電話あり"
        await settle(pilot)
        assert pane.case_id == case_id
        assert pane.focused_note().text == "電話あり"
        assert board(app).highlighted_case_id() == case_id


async def test_narrow_terminal_pane_takes_screen(board_data, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, board_data.id("urgent"))

        assert board(app).has_class("-detail-full")
        assert not board(app).query_one("#board-columns").display
        assert pane.region.width == 80
        assert pane in app.focused.ancestors_with_self

        await pilot.press("escape")
        await settle(pilot)
        assert board(app).detail_pane is None
        assert board(app).query_one("#board-columns").display
        assert isinstance(app.focused, StageColumn)


async def test_full_screen_pane_ignores_hidden_columns(board_data, make_app):
    # Hiding the board makes Textual hand the focus of a hidden column to a sibling
    # column, which then reports its card. The pane must stay on the case opened.
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, case_id)
        meeting = board(app).column(MEETING)

        app.screen.set_focus(meeting)
        await settle(pilot)
        await asyncio.sleep(0.2)
        await settle(pilot)

        assert pane.case_id == case_id
        assert pane.detail.id == case_id


async def test_full_screen_pane_follows_line_switch(board_data, make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = await open_detail(pilot, board_data.id("urgent"))

        await pilot.press("2")
        await settle(pilot)

        assert board(app).line is Line.SALES
        assert pane.case_id == board(app).highlighted_case_id()
        assert pane.detail.line is Line.SALES


async def test_move_keeps_pane_on_case(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        await pilot.press("greater_than_sign")
        await settle(pilot)

        pane = pane_of(app)
        assert pane.case_id == case_id
        assert pane.detail.stage == MEETING
        assert "打合せ(0日目)" in static_text(pane.query_one("#detail-heading"))
        assert "案件受付 → 打合せ" in static_text(pane.query_one("#detail-history")).splitlines()[0]


async def test_completed_case_detail_without_card(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await board(app).open_case_detail(Line.RENTAL, board_data.id("rental_old_done"))
        await settle(pilot)

        assert pane_of(app).case_id == board_data.id("rental_old_done")
        assert "30日より前" in list(app._notifications)[-1].message


async def test_bracket_text_shows_literally(board_data, make_app):
    case_id = board_data.id("urgent")
    add_note(case_id, "[bold]太字にしない[/bold] [至急]", board_data.user, FrozenClock(BOARD_NOW))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        assert shown_note_texts(app)[0].splitlines()[1] == "[bold]太字にしない[/bold] [至急]"


async def test_received_card_still_highlighted_after_open(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, board_data.id("urgent"))
        assert focused_column(app).stage == RECEIVED
        await focus_case(pilot, board_data.id("rental_new"))
        await settle(pilot)
        assert pane_of(app).case_id == board_data.id("rental_new")


# Case fields (f).


async def open_fields(pilot, case_id: int):
    from anken_tui.screens.case_fields import CaseFieldsModal

    await open_detail(pilot, case_id)
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaseFieldsModal)
    return pilot.app.screen


def set_input(modal, name: str, value: str) -> None:
    from textual.widgets import Input

    modal.query_one(f"#field-{name}", Input).value = value


async def test_fields_saved_with_amounts_shown_in_yen(board_data, make_app):
    from anken_tui.db.models import Case

    case_id = board_data.id("pre_application")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        modal = await open_fields(pilot, case_id)
        set_input(modal, "quote_amount", "１２，０００円")
        set_input(modal, "pre_application_on", "11/20")
        set_input(modal, "city_approved_on", "2026-12-01")
        set_input(modal, "invoice_amount", "180000")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is board(app)
        details = static_text(pane_of(app).query_one("#detail-case"))
        assert "見積金額           12,000円" in details
        assert "請求金額           180,000円" in details
        assert "市の承認日         12/1(火)" in details

    case = Case.get_by_id(case_id)
    assert (case.quote_amount, case.invoice_amount) == (12000, 180000)
    assert case.version == board_data.cases["pre_application"].version + 1


async def test_fields_invalid_named_and_nothing_saved(board_data, make_app):
    from anken_tui.db.models import Case

    case_id = board_data.id("pre_application")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        modal = await open_fields(pilot, case_id)
        set_input(modal, "quote_amount", "12,000")
        set_input(modal, "pre_application_on", "12/2")
        set_input(modal, "city_approved_on", "12/1")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is modal
        error = static_text(modal.query_one("#case-fields-error"))
        assert error == "市の承認日: 市の承認日(12/1)は事前申請日(12/2)以降の日付にしてください。"
        assert modal.query_one("#row-city_approved_on").has_class("-error")

        set_input(modal, "city_approved_on", "")
        set_input(modal, "quote_amount", "12.5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert static_text(modal.query_one("#case-fields-error")).startswith("見積金額: 12.5: 1円未満の端数")

    case = Case.get_by_id(case_id)
    assert (case.quote_amount, case.pre_application_on) == (None, None)


async def test_fields_conflict_keeps_typed_values(board_data, make_app, board_clock):
    from anken_tui.db.models import Case

    case = board_data.cases["rental_meeting"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = await open_fields(pilot, case.id)
        set_input(modal, "meeting_date", "12/10")

        # 佐藤 changes the case while the dialog is open.
        form = CaseFieldsInput(meeting_date="12/9")
        update_case_fields(case.id, form, expected_version=case.version, user=board_data.other, clock=board_clock)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is modal
        error = static_text(modal.query_one("#case-fields-error"))
        assert error.startswith("佐藤 健一さんが12/4 10:00にこの案件を変更していました。")
        assert "入力中の内容は消えていません" in error
        assert static_text(modal.query_one("#newer-meeting_date")) == "最新の値: 12/9(水)(ほかの人が変更しました)"
        assert modal.query_one("#field-meeting_date").value == "12/10"
        assert Case.get_by_id(case.id).meeting_date.day == 9

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is board(app)
        assert "12/10(木)" in static_text(pane_of(app).query_one("#detail-case"))

    assert Case.get_by_id(case.id).meeting_date.day == 10


async def test_rental_payment_method_chosen(board_data, make_app):
    from textual.widgets import Select

    from anken_tui.db.models import Case

    case_id = board_data.id("rental_done")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        modal = await open_fields(pilot, case_id)
        modal.query_one("#field-payment_method", Select).value = "kaipoke_debit"
        set_input(modal, "kaipoke_registered_on", "12/3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "口座振替(カイポケ)" in static_text(pane_of(app).query_one("#detail-case"))

    case = Case.get_by_id(case_id)
    assert (case.payment_method, case.kaipoke_registered_on.day) == ("kaipoke_debit", 3)
