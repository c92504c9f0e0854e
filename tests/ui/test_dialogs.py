"""Pilot tests of the board's modal dialogs, each hosted in a bare app on a real SQLite file."""

from collections.abc import Callable
from datetime import datetime

import pytest
from textual.app import App
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, RadioSet, Select, Static

from anken_tui import texts
from anken_tui.clock import JST, FrozenClock
from anken_tui.db.database import close_database
from anken_tui.db.models import CareManager, CareOffice, Case, Customer, Staff
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import COMPLETED, MEETING, QUOTING, RECEIVED, WORK, Line, SalesKind
from anken_tui.domain.moves import allowed_targets
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.screens.confirm import ConfirmModal
from anken_tui.screens.end_case import EndCaseChoice, EndCaseModal
from anken_tui.screens.new_case import NewCaseModal
from anken_tui.screens.stage_picker import StagePickerModal
from anken_tui.screens.user_setup import UserSetupModal
from anken_tui.services.cases import create_case
from anken_tui.services.staff import register_staff
from anken_tui.services.summaries import CaseSummary, StaffRef

CLOCK = FrozenClock(datetime(2026, 12, 4, 10, 0, tzinfo=JST))
SMALL = (80, 24)
LARGE = (120, 36)
URGENT_TITLE = "[至急] 手すり"
EARLY_OUTCOMES = tuple(outcome for outcome in Outcome if outcome is not Outcome.WON)


class ModalHost(App):
    """A bare app that pushes one modal at start and records what it returns."""

    def __init__(self, make_modal: Callable[[], ModalScreen]) -> None:
        super().__init__()
        self._make_modal = make_modal
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self._make_modal(), self.results.append)


@pytest.fixture
def user(tmp_path) -> StaffRef:
    """Open a fresh database file and register the current user, 山口 (営業)."""
    open_database(tmp_path / "anken.db")
    yield register_staff("山口", "sales", CLOCK)
    close_database()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


def text_of(widget: Static) -> str:
    return str(widget.content)


def is_on_screen(app: App, widget: Widget) -> bool:
    width, height = app.size
    return widget.region.area > 0 and Region(0, 0, width, height).contains_region(widget.region)


def rows_in_order(app: App, selectors: list[str]) -> bool:
    """Whether the widgets are laid out top to bottom without overlapping."""
    regions = [app.screen.query_one(selector).region for selector in selectors]
    return all(upper.bottom <= lower.y for upper, lower in zip(regions, regions[1:]))


# Stage picker


@pytest.mark.parametrize("size", [LARGE, SMALL])
async def test_picker_returns_chosen_stage(size):
    checks = allowed_targets(Line.SALES, SalesKind.SELF_PAY, RECEIVED)
    app = ModalHost(lambda: StagePickerModal("手すり", checks))

    async with app.run_test(size=size) as pilot:
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]
        assert [prompt.split()[0] for prompt in prompts] == [MEETING, QUOTING, WORK, COMPLETED]
        assert texts.MOVE_KIND_LABELS["next"] in prompts[0]
        assert texts.MOVE_KIND_LABELS["skip"] in prompts[2]
        assert "打合せ・見積工程を飛ばす" in prompts[2]
        assert texts.MOVE_KIND_LABELS["end_early"] in prompts[3]
        assert is_on_screen(app, options)

        await pilot.press("down", "down", "enter")

    assert app.results == [WORK]


async def test_picker_escape_returns_none():
    checks = allowed_targets(Line.RENTAL, None, MEETING)
    app = ModalHost(lambda: StagePickerModal("手すり", checks))

    async with app.run_test() as pilot:
        await pilot.press("escape")

    assert app.results == [None]


async def test_picker_without_targets_shows_message():
    app = ModalHost(lambda: StagePickerModal("手すり", []))

    async with app.run_test() as pilot:
        assert text_of(app.screen.query_one("#stage-picker-none", Static)) == texts.PICK_STAGE_NONE
        assert not app.screen.query(OptionList)

        await pilot.press("enter")
        assert app.results == []

        await pilot.press("escape")

    assert app.results == [None]


async def test_picker_title_is_not_markup():
    app = ModalHost(lambda: StagePickerModal(URGENT_TITLE, []))

    async with app.run_test():
        title = app.screen.query_one(".dialog-title", Static)
        assert URGENT_TITLE in title.visual.plain


# Confirmation


def _skip_question() -> ConfirmModal:
    return ConfirmModal("打合せを飛ばして見積工程へ移動します。よろしいですか?", texts.CONFIRM_YES, texts.CONFIRM_NO)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("enter",), True),
        (("y",), True),
        (("escape",), False),
        (("n",), False),
        (("right", "enter"), False),
        (("tab", "enter"), False),
    ],
)
async def test_confirm_answers(keys, expected):
    app = ModalHost(_skip_question)

    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*keys)

    assert app.results == [expected]


async def test_confirm_focus_on_no_when_asked():
    app = ModalHost(lambda: ConfirmModal("破棄しますか?", "破棄する", "入力に戻る", focus_yes=False))

    async with app.run_test() as pilot:
        await pilot.press("enter")

    assert app.results == [False]


async def test_confirm_message_is_not_markup():
    app = ModalHost(lambda: ConfirmModal(f"{URGENT_TITLE}を移動しますか?", "はい", "いいえ"))

    async with app.run_test() as pilot:
        assert URGENT_TITLE in app.screen.query_one("#confirm-message", Static).visual.plain
        await pilot.press("escape")

    assert app.results == [False]


# End of case


@pytest.mark.parametrize("size", [LARGE, SMALL])
async def test_end_case_won_needs_no_reason(size):
    app = ModalHost(lambda: EndCaseModal("手すり", tuple(Outcome), Outcome.WON))

    async with app.run_test(size=size) as pilot:
        assert isinstance(app.focused, Input)
        assert is_on_screen(app, app.screen.query_one("#end-case-save"))
        await pilot.press("enter")

    assert app.results == [EndCaseChoice(outcome=Outcome.WON, reason="")]


@pytest.mark.parametrize("size", [LARGE, SMALL])
async def test_end_case_declined_needs_reason(size):
    app = ModalHost(lambda: EndCaseModal("手すり", EARLY_OUTCOMES, None))

    async with app.run_test(size=size) as pilot:
        assert isinstance(app.focused, RadioSet)
        # Enter presses the highlighted first outcome, お断り; tab goes on to the reason.
        await pilot.press("enter", "tab", "enter")

        error = app.screen.query_one("#end-case-error", Static)
        assert app.results == []
        assert isinstance(app.screen, EndCaseModal)
        assert text_of(error).startswith(f"{texts.END_CASE_REASON}: ")
        assert "お断り" in text_of(error)
        assert is_on_screen(app, error)
        assert is_on_screen(app, app.screen.query_one("#end-case-save"))
        assert app.focused is app.screen.query_one("#end-case-reason", Input)

        await type_text(pilot, "ご家族と相談")
        await pilot.press("enter")

    assert app.results == [EndCaseChoice(outcome=Outcome.DECLINED, reason="ご家族と相談")]


async def test_end_case_keeps_reason_when_outcome_missing():
    app = ModalHost(lambda: EndCaseModal("手すり", EARLY_OUTCOMES, None))

    async with app.run_test() as pilot:
        await pilot.press("tab")
        await type_text(pilot, "連絡がつかない")
        await pilot.press("enter")

        error = app.screen.query_one("#end-case-error", Static)
        assert app.results == []
        assert text_of(error) == f"{texts.END_CASE_OUTCOME}: {texts.OUTCOME_REQUIRED}"
        assert app.screen.query_one("#end-case-reason", Input).value == "連絡がつかない"
        assert isinstance(app.focused, RadioSet)

        # The third outcome is 連絡不通.
        await pilot.press("down", "down", "enter", "tab", "enter")

    assert app.results == [EndCaseChoice(outcome=Outcome.NO_CONTACT, reason="連絡がつかない")]


async def test_end_case_reason_label_follows_outcome():
    app = ModalHost(lambda: EndCaseModal("手すり", tuple(Outcome), None))

    async with app.run_test() as pilot:
        label = app.screen.query_one("#end-case-reason-label", Static)
        assert text_of(label) == texts.END_CASE_REASON_REQUIRED

        await pilot.press("enter")
        assert text_of(label) == texts.END_CASE_REASON_OPTIONAL

        await pilot.press("down", "enter")
        assert text_of(label) == texts.END_CASE_REASON_REQUIRED


async def test_end_case_ignores_preselect_outside_outcomes():
    app = ModalHost(lambda: EndCaseModal("手すり", EARLY_OUTCOMES, Outcome.WON))

    async with app.run_test():
        assert app.screen.query_one(RadioSet).pressed_index == -1


@pytest.mark.parametrize("key", ["escape", "tab"])
async def test_end_case_cancel_returns_none(key):
    app = ModalHost(lambda: EndCaseModal("手すり", tuple(Outcome), Outcome.WON))

    async with app.run_test() as pilot:
        await type_text(pilot, "途中まで")
        if key == "tab":
            # From the reason: 完了にする, then やめる.
            await pilot.press("tab", "tab", "enter")
        else:
            await pilot.press("escape")

    assert app.results == [None]


# New case (案件登録)


def _case_count() -> int:
    return Case.select().count()


def _customer_count() -> int:
    return Customer.select().count()


async def _choose_new_customer(pilot) -> None:
    """From the search field: back to the customer choice, then press 新しい顧客."""
    await pilot.press("shift+tab", "right", "enter")


async def _fill_new_customer(pilot, name: str, furigana: str, title: str) -> None:
    await _choose_new_customer(pilot)
    await pilot.press("tab")
    await type_text(pilot, name)
    await pilot.press("tab")
    await type_text(pilot, furigana)
    await pilot.press("tab")
    await type_text(pilot, title)


def _new_case_host(line: Line, user: StaffRef) -> ModalHost:
    return ModalHost(lambda: NewCaseModal(line, user, CLOCK))


def _form_value(app: App, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


def _error_text(app: App) -> str:
    return text_of(app.screen.query_one("#new-case-error", Static))


@pytest.mark.parametrize("size", [LARGE, SMALL])
async def test_new_case_missing_title_saves_nothing(user, size):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test(size=size) as pilot:
        await _fill_new_customer(pilot, "山田 花子", "やまだ はなこ", "")
        await pilot.press("ctrl+s")

        assert app.results == []
        assert _error_text(app).startswith("件名: ")
        assert app.focused is app.screen.query_one("#new-case-title", Input)
        assert is_on_screen(app, app.screen.query_one("#new-case-error"))
        assert is_on_screen(app, app.screen.query_one("#new-case-save"))
        assert _form_value(app, "#new-case-name") == "山田 花子"
        assert _form_value(app, "#new-case-furigana") == "やまだ はなこ"
        assert _case_count() == 0
        assert _customer_count() == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("やまだ はなこ", "ヤマダ ハナコ"),
        ("ﾔﾏﾀﾞ ﾊﾅｺ", "ヤマダ ハナコ"),
        ("ヤマダ　ハナコ", "ヤマダ ハナコ"),
    ],
)
async def test_new_case_saves_furigana_as_katakana(user, typed, stored):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test(size=SMALL) as pilot:
        await _fill_new_customer(pilot, "山田 花子", typed, "車いすレンタル")
        await pilot.press("ctrl+s")

    [summary] = app.results
    assert isinstance(summary, CaseSummary)
    assert summary.title == "車いすレンタル"
    assert summary.stage == RECEIVED
    assert summary.owner_name == "山口"
    customer = Customer.get()
    assert customer.name == "山田 花子"
    assert customer.furigana == stored


async def test_new_case_latin_furigana_named(user):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        await _fill_new_customer(pilot, "山田 花子", "yamada", "車いす")
        await pilot.press("ctrl+s")

        assert app.results == []
        assert _error_text(app).startswith("フリガナ: ")
        assert app.focused is app.screen.query_one("#new-case-furigana", Input)
        assert app.screen.query_one("#new-case-furigana", Input).parent.has_class("-error")
        assert _form_value(app, "#new-case-title") == "車いす"
        assert _case_count() == 0


async def test_new_case_error_clears_on_retry(user):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        await _fill_new_customer(pilot, "山田 花子", "yamada", "車いす")
        await pilot.press("ctrl+s")
        furigana = app.screen.query_one("#new-case-furigana", Input)
        furigana.value = ""
        await type_text(pilot, "やまだ")
        await pilot.click("#new-case-save")

    assert len(app.results) == 1
    assert Customer.get().furigana == "ヤマダ"


@pytest.mark.parametrize("size", [LARGE, SMALL])
async def test_new_case_sales_without_kind_named(user, size):
    app = _new_case_host(Line.SALES, user)

    async with app.run_test(size=size) as pilot:
        await _fill_new_customer(pilot, "山田 花子", "やまだ はなこ", "ポータブルトイレ購入")
        await pilot.press("ctrl+s")

        assert app.results == []
        assert _error_text(app).startswith(f"{texts.NEW_CASE_KIND}: ")
        assert app.focused is app.screen.query_one("#new-case-kind", RadioSet)
        assert is_on_screen(app, app.screen.query_one("#new-case-kind"))
        assert _case_count() == 0

        # The kind list is focused: the second choice is 自費.
        await pilot.press("right", "enter", "ctrl+s")

    [summary] = app.results
    assert summary.sales_kind is SalesKind.SELF_PAY
    assert Case.get().sales_kind == SalesKind.SELF_PAY.value


async def test_new_case_kind_only_on_sales_board(user):
    app = _new_case_host(Line.RENOVATION, user)

    async with app.run_test():
        assert not app.screen.query("#new-case-kind")
        assert text_of(app.screen.query_one("#new-case-line", Static)) == Line.RENOVATION.label


async def test_new_case_picks_existing_customer_by_hiragana(user):
    existing = create_case(
        NewCaseInput(line=Line.RENTAL, title="車いす", customer_name="山田 花子", customer_furigana="ヤマダ ハナコ"),
        user,
        CLOCK,
    )
    create_case(
        NewCaseInput(line=Line.RENTAL, title="歩行器", customer_name="佐藤 健", customer_furigana="サトウ ケン"),
        user,
        CLOCK,
    )
    app = _new_case_host(Line.SALES, user)

    async with app.run_test(size=SMALL) as pilot:
        await type_text(pilot, "やまだ")
        matches = app.screen.query_one("#new-case-matches", OptionList)
        assert matches.option_count == 1
        assert "山田 花子様" in str(matches.get_option_at_index(0).prompt)

        await pilot.press("enter", "enter")
        picked = text_of(app.screen.query_one("#new-case-picked", Static))
        assert rows_in_order(app, ["#new-case-search", "#new-case-matches", "#new-case-picked", "#new-case-title"])
        assert picked == texts.NEW_CASE_PICKED.format(name="山田 花子", furigana="ヤマダ ハナコ")
        assert app.focused is app.screen.query_one("#new-case-title", Input)

        await type_text(pilot, "ポータブルトイレ購入")
        await pilot.press("ctrl+s")
        # The kind is missing: the error must not squeeze the picked customer under the title.
        assert _error_text(app).startswith(f"{texts.NEW_CASE_KIND}: ")
        assert rows_in_order(app, ["#new-case-search", "#new-case-matches", "#new-case-picked", "#new-case-title"])

        await pilot.press("enter", "ctrl+s")

    [summary] = app.results
    assert summary.customer_name == "山田 花子"
    assert summary.sales_kind is SalesKind.INSURANCE
    assert Case.get_by_id(summary.id).customer_id == Case.get_by_id(existing.id).customer_id
    assert _customer_count() == 2


async def test_new_case_customer_names_are_not_markup(user):
    create_case(
        NewCaseInput(line=Line.RENTAL, title="車いす", customer_name="[b]田中[/b]", customer_furigana="タナカ"),
        user,
        CLOCK,
    )
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        await type_text(pilot, "たなか")
        await pilot.press("enter", "enter")

        matches = app.screen.query_one("#new-case-matches", OptionList)
        assert "[b]田中[/b]様" in matches.get_option_at_index(0).prompt.plain
        assert "[b]田中[/b]様" in app.screen.query_one("#new-case-picked", Static).visual.plain


async def test_new_case_search_shows_no_match(user):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        no_match = app.screen.query_one("#new-case-no-match")
        assert not no_match.display

        await type_text(pilot, "すずき")
        assert no_match.display
        assert not app.screen.query_one("#new-case-matches").display


async def test_new_case_existing_mode_needs_pick(user):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        await pilot.press("tab")
        await type_text(pilot, "車いす")
        await pilot.press("ctrl+s")

        assert app.results == []
        assert _error_text(app).startswith(f"{texts.NEW_CASE_CUSTOMER}: ")
        assert app.focused is app.screen.query_one("#new-case-search", Input)
        assert _form_value(app, "#new-case-title") == "車いす"
        assert _case_count() == 0


async def test_new_case_owner_defaults_to_user(user):
    colleague = register_staff("佐藤 美咲", "sales", CLOCK)
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        owner = app.screen.query_one("#new-case-owner", Select)
        assert owner.value == user.id

        await _fill_new_customer(pilot, "山田 花子", "やまだ", "車いす")
        owner.value = colleague.id
        await pilot.press("ctrl+s")

    [summary] = app.results
    assert summary.owner_name == "佐藤 美咲"
    assert Case.get().created_by_id == user.id


async def test_new_case_escape_on_empty_form_closes(user):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        await pilot.press("escape")

    assert app.results == [None]


async def test_new_case_escape_with_text_asks_to_discard(user):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test() as pilot:
        await pilot.press("tab")
        await type_text(pilot, "車いす")
        await pilot.press("escape")

        assert isinstance(app.screen, ConfirmModal)
        assert texts.DISCARD_NEW_CASE in app.screen.query_one("#confirm-message", Static).visual.plain

        # Escape on the question means "do not discard": the form is back with the text.
        await pilot.press("escape")
        assert isinstance(app.screen, NewCaseModal)
        assert _form_value(app, "#new-case-title") == "車いす"
        assert app.results == []

        await pilot.press("escape", "y")

    assert app.results == [None]
    assert _case_count() == 0


# User setup (入力者)


def _setup_host(suggested: str | None = None) -> ModalHost:
    return ModalHost(lambda: UserSetupModal(CLOCK, suggested))


@pytest.mark.parametrize("size", [LARGE, SMALL])
async def test_setup_picks_existing_staff(user, size):
    register_staff("佐藤 美咲", "office", CLOCK)
    app = _setup_host()

    async with app.run_test(size=size) as pilot:
        assert text_of(app.screen.query_one("#user-setup-explain", Static)) == texts.USER_SETUP_EXPLAIN
        assert is_on_screen(app, app.screen.query_one("#user-setup-register"))
        # Staff are listed by name: 佐藤 美咲, then 山口.
        await pilot.press("down", "enter")

    assert app.results == [user]


async def test_setup_suggested_existing_name_is_highlighted(user):
    app = _setup_host(suggested="山口")

    async with app.run_test() as pilot:
        await pilot.press("enter")

    assert app.results == [user]


async def test_setup_registers_new_with_role(user):
    app = _setup_host(suggested="鈴木")

    async with app.run_test(size=SMALL) as pilot:
        assert app.focused is app.screen.query_one("#user-setup-name", Input)
        assert _form_value(app, "#user-setup-name") == "鈴木"

        await pilot.press("tab", "right", "enter", "tab", "enter")

    [staff] = app.results
    assert staff.name == "鈴木"
    assert staff.role == "office"
    assert Staff.get(Staff.name == "鈴木").role == "office"


async def test_setup_accepts_full_width_space(user):
    app = _setup_host(suggested="")

    async with app.run_test() as pilot:
        await pilot.press("tab")
        await type_text(pilot, "鈴木　一郎")
        assert _form_value(app, "#user-setup-name") == "鈴木\u3000一郎"
        await pilot.press("tab", "enter", "tab", "enter")

    [staff] = app.results
    assert staff.name == "鈴木 一郎"


async def test_setup_on_empty_database_focuses_name(tmp_path):
    open_database(tmp_path / "anken.db")
    try:
        app = _setup_host()
        async with app.run_test() as pilot:
            assert not app.screen.query("#user-setup-staff")
            await type_text(pilot, "山口")
            await pilot.press("tab", "enter", "tab", "enter")
        [staff] = app.results
        assert (staff.name, staff.role) == ("山口", "sales")
    finally:
        close_database()


@pytest.mark.parametrize("size", [LARGE, SMALL])
async def test_setup_rejects_empty_name(user, size):
    app = _setup_host(suggested="   ")

    async with app.run_test(size=size) as pilot:
        await pilot.press("tab", "tab", "enter", "tab", "enter")

        error = app.screen.query_one("#user-setup-error", Static)
        assert app.results == []
        assert text_of(error).startswith(f"{texts.USER_SETUP_NAME}: ")
        assert is_on_screen(app, error)
        assert app.focused is app.screen.query_one("#user-setup-name", Input)
        assert Staff.select().count() == 1


async def test_setup_rejects_missing_role(user):
    app = _setup_host(suggested="鈴木")

    async with app.run_test() as pilot:
        await pilot.press("enter")

        error = app.screen.query_one("#user-setup-error", Static)
        assert app.results == []
        assert text_of(error).startswith(f"{texts.USER_SETUP_ROLE}: ")
        assert app.focused is app.screen.query_one("#user-setup-role", RadioSet)
        assert Staff.select().count() == 1


async def test_setup_escape_keeps_dialog_open(user):
    app = _setup_host()

    async with app.run_test() as pilot:
        await pilot.press("escape")

        assert app.results == []
        assert isinstance(app.screen, UserSetupModal)
        assert text_of(app.screen.query_one("#user-setup-error", Static)) == texts.USER_SETUP_REQUIRED


async def test_setup_typed_existing_name_returns_existing_row(user):
    app = _setup_host()

    async with app.run_test() as pilot:
        await pilot.press("tab")
        await type_text(pilot, "山口")
        await pilot.press("tab", "right", "enter", "tab", "enter")

    assert app.results == [user]
    assert Staff.select().count() == 1


async def test_new_case_new_customer_gets_care_manager(user):
    office = CareOffice.create(name="うだ居宅介護支援センター", phone="", search_key="ウダキョタクカイゴシエンセンター")
    manager = CareManager.create(name="松本 由美", furigana="マツモト ユミ", office=office, search_key="松本由美\nマツモトユミ")
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test(size=LARGE) as pilot:
        await _fill_new_customer(pilot, "山田 花子", "やまだ はなこ", "車いすレンタル")
        app.screen.query_one("#new-case-care-manager", Select).value = manager.id
        await pilot.pause()
        await pilot.press("ctrl+s")

    [summary] = app.results
    assert summary.title == "車いすレンタル"
    customer = Customer.get()
    assert customer.care_manager_id == manager.id
    assert customer.care_manager_name == "松本 由美"
    assert customer.care_manager_office == "うだ居宅介護支援センター"


async def test_new_case_care_manager_hidden_for_existing_customer(user):
    app = _new_case_host(Line.RENTAL, user)

    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#new-case-care-manager-row").display
        await _choose_new_customer(pilot)
        assert app.screen.query_one("#new-case-care-manager-row").display
