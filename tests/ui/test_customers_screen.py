"""Pilot tests of the customers (顧客) and care managers (ケアマネ) screens, a customer's page and the care manager dialogs."""

import pytest
from textual.widgets import Input, OptionList

from anken_tui.db.models import Customer
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.screens.care_manager_dialogs import CareManagerPickerModal, NewCareManagerModal
from anken_tui.screens.care_managers import CareManagerCasesScreen, CareManagersScreen
from anken_tui.screens.customers import CustomerScreen, CustomersScreen
from anken_tui.services.cases import create_case
from anken_tui.services.customers import create_care_manager, create_care_office, set_customer_care_manager
from tests.ui.detail_steps import pane_of, static_text, type_text
from tests.ui.test_board import SIZE, board, focused_column, settle


def customer_id(name: str) -> int:
    return Customer.get(Customer.name == name).id


def table_names(screen) -> list[str]:
    """Return the first cell of each row of the screen's table, as shown."""
    table = screen.query_one("CaseTable")
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def open_customers(pilot) -> CustomersScreen:
    await pilot.press("f2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CustomersScreen)
    return screen


async def search(pilot, screen, query: str) -> list[str]:
    search_input = screen.query_one("#customers-query", Input)
    search_input.value = ""
    search_input.focus()
    await type_text(pilot, query)
    await pilot.pause()
    return table_names(screen)


@pytest.fixture
def tricky_customers(board_data, case_maker):
    """Customers whose names hold the characters that LIKE treats as wildcards."""
    for name, furigana in (("100%介護 太郎", "ヒャクパー タロウ"), ("A_B 花子", "エービー ハナコ"), ("AXB 花子", "エーエックスビー ハナコ")):
        case_maker.make(Line.RENTAL, "手すり", (name, furigana))


async def test_f2_lists_all_customers(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_customers(pilot)
        names = table_names(screen)
        assert len(names) == Customer.select().count()
        # Sorted by フリガナ: イトウ before カトウ before キムラ.
        assert names.index("伊藤 和子様") < names.index("加藤 茂様") < names.index("木村 春子様")
        assert screen.sub_title == f"{len(names)}人"
        assert isinstance(app.focused, Input)


@pytest.mark.parametrize(
    "query",
    ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "やまだ はなこ", "やまだはなこ", "山田", "山田 花子", "山田花子", "ヤマダ\u3000ハナコ", "はなこ"],
)
async def test_search_normalises_query(board_data, make_app, query):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_customers(pilot)
        assert await search(pilot, screen, query) == ["山田 花子様"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("%", ["100%介護 太郎様"]), ("_", ["A_B 花子様"]), ("a_b", ["A_B 花子様"]), ("100%", ["100%介護 太郎様"])],
)
async def test_search_percent_and_underscore_literal(board_data, tricky_customers, make_app, query, expected):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_customers(pilot)
        assert await search(pilot, screen, query) == expected


async def test_search_without_match_shows_note(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_customers(pilot)
        assert await search(pilot, screen, "ぞぞぞ") == []
        assert screen.has_class("-empty")
        assert screen.query_one("#customers-empty").display


async def test_customer_page_lists_cases_of_all_lines(board_data, make_app, case_maker):
    yamada = customer_id("山田 花子")
    form = NewCaseInput(line=Line.RENOVATION, title="浴室手すり", customer_id=yamada, owner_id=board_data.user.id)
    create_case(form, board_data.user, make_app().clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_customers(pilot)
        await search(pilot, screen, "やまだ")
        await pilot.press("enter", "enter")
        await settle(pilot)

        page = app.screen
        assert isinstance(page, CustomerScreen)
        assert "ヤマダ ハナコ" in static_text(page.query_one("#customer-info"))
        assert table_names(page) == ["レンタル", "住宅改修"]
        assert static_text(page.query_one("#customer-cases-title")) == "案件 2件(進行中 2件)"


async def test_case_chosen_on_page_opens_board_with_detail(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = await open_customers(pilot)
        await search(pilot, screen, "たかはし")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen is board(app)
        assert board(app).line is Line.RENTAL
        assert focused_column(app).highlighted_card.id == board_data.id("rental_meeting")
        assert pane_of(app).case_id == board_data.id("rental_meeting")


async def test_down_in_search_goes_to_list(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_customers(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, CustomerScreen)
        assert page.customer_id == screen._rows[1].id


async def test_escape_goes_back_to_board(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_customers(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is board(app)


async def test_care_manager_chosen_from_list(board_data, make_app):
    office = create_care_office("榛原ケアプランセンター")
    create_care_manager("森 美香", "モリ ミカ", office.id)
    create_care_manager("岡 優子", "オカ ユウコ", office.id)
    yamada = customer_id("山田 花子")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CustomerScreen(yamada, board_data.user, app.clock))
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CareManagerPickerModal)
        await type_text(pilot, "もり")
        await pilot.press("down", "down", "enter")
        await settle(pilot)

        assert isinstance(app.screen, CustomerScreen)
        assert "森 美香さん" in static_text(app.screen.query_one("#customer-info"))
    customer = Customer.get_by_id(yamada)
    assert (customer.care_manager_name, customer.care_manager_office) == ("森 美香", "榛原ケアプランセンター")


async def test_new_care_manager_registered_from_picker(board_data, make_app):
    yamada = customer_id("山田 花子")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CustomerScreen(yamada, board_data.user, app.clock))
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, NewCareManagerModal)
        modal.query_one("#new-care-manager-name", Input).value = "辻 真理"
        modal.query_one("#new-care-manager-furigana", Input).value = "つじ まり"
        from textual.widgets import Select

        from anken_tui.screens.care_manager_dialogs import NEW_OFFICE

        modal.query_one("#new-care-manager-office", Select).value = NEW_OFFICE
        modal.query_one("#new-care-manager-office-name", Input).value = "大宇陀ケアプラン"
        modal.query_one("#new-care-manager-phone", Input).value = "0745-00-0000"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, CustomerScreen)
        info = static_text(app.screen.query_one("#customer-info"))
        assert "辻 真理さん" in info
        assert "大宇陀ケアプラン" in info
    assert Customer.get_by_id(yamada).care_manager.furigana == "ツジ マリ"


async def test_new_care_manager_name_required(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(NewCareManagerModal())
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = static_text(app.screen.query_one("#new-care-manager-error"))
        assert error == "ケアマネ氏名: ケアマネの氏名を入力してください。"
        assert app.screen.query_one("#new-care-manager-name-row").has_class("-error")


async def test_care_manager_view_lists_open_cases(board_data, make_app, board_clock):
    office = create_care_office("榛原ケアプランセンター")
    manager = create_care_manager("森 美香", "モリ ミカ", office.id)
    for name in ("山田 花子", "高橋 美智子", "伊藤 和子"):
        set_customer_care_manager(customer_id(name), manager.id, user=board_data.user, clock=board_clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CareManagersScreen)
        assert table_names(screen) == ["森 美香"]

        await pilot.press("enter", "enter")
        await settle(pilot)
        cases = app.screen
        assert isinstance(cases, CareManagerCasesScreen)
        # 伊藤 和子's case is completed, so only the two open cases are listed.
        table = cases.query_one("CaseTable")
        customers = [str(table.get_row_at(index)[2]) for index in range(table.row_count)]
        assert sorted(customers) == ["山田 花子様", "高橋 美智子様"]
        assert cases.title == "森 美香さんの進行中の案件 2件"

        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is board(app)
        assert pane_of(app).case_id in {board_data.id("urgent"), board_data.id("rental_meeting")}


async def test_palette_lists_customers_and_care_managers(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "顧客" in titles
        assert "ケアマネ" in titles


async def test_care_manager_picker_none_clears(board_data, make_app, board_clock):
    office = create_care_office("榛原ケアプランセンター")
    manager = create_care_manager("森 美香", "モリ ミカ", office.id)
    yamada = customer_id("山田 花子")
    set_customer_care_manager(yamada, manager.id, user=board_data.user, clock=board_clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CustomerScreen(yamada, board_data.user, app.clock))
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 1
        options.focus()
        await pilot.press("home", "enter")
        await settle(pilot)
    assert Customer.get_by_id(yamada).care_manager_id is None
