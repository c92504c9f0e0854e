"""Pilot tests of keys typed faster than the board redraws: each must act as it would after a pause."""

from textual.app import App, ComposeResult
from textual.events import Key

from anken_tui.db.models import StageChange
from anken_tui.domain.lines import RECEIVED, Line, SalesKind
from anken_tui.screens.stage_picker import StagePickerModal
from anken_tui.services.summaries import ColumnCounts
from anken_tui.widgets.stage_column import StageColumn
from tests.ui.test_board import SIZE, board, focused_column, settle
from tests.ui.test_board_start import TODAY, _cards
from tests.ui.detail_steps import start_note


def type_at_once(app, *keys: tuple[str, str | None]) -> None:
    """Queue key presses without waiting between them, as a fast typist or a pasted burst delivers them."""
    for key, character in keys:
        app.post_message(Key(key, character))


async def test_filter_takes_keys_typed_right_after_slash(board_data, make_app):
    """m and u are board keys (stage picker, undo); typed right after / they are filter text."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        changes_before = StageChange.select().count()

        type_at_once(app, ("slash", "/"), ("m", "m"), ("u", "u"))
        await settle(pilot)

        assert not isinstance(app.screen, StagePickerModal)
        assert board(app).query_one("#board-filter").value == "mu"
        assert StageChange.select().count() == changes_before


async def test_key_after_board_switch_goes_to_new_board(board_data, make_app, case_maker):
    older = case_maker.make(Line.SALES, "歩行器購入", ("大野 進", "オオノ ススム"), days_ago=9, kind=SalesKind.SELF_PAY)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        type_at_once(app, ("2", "2"), ("j", "j"))
        await settle(pilot)

        assert board(app).line is Line.SALES
        column = focused_column(app)
        assert [card.id for card in column.cards] == [older.id, board_data.id("insured_new")]
        assert column.highlighted_card.id == board_data.id("insured_new")


class PartialColumnApp(App[None]):
    """One column with the first 3 of 10 cards; `load_rest` hands it all 10 when a key needs them."""

    def __init__(self) -> None:
        super().__init__()
        self.cards = _cards(10)
        self.requests = 0

    def compose(self) -> ComposeResult:
        yield StageColumn(
            RECEIVED, self.cards[:3], today=TODAY, counts=ColumnCounts(total=10, stale=0),
            need_all_cards=self.load_rest,
        )

    def load_rest(self) -> None:
        self.requests += 1
        self.query_one(StageColumn).set_cards(self.cards, today=TODAY)


async def test_end_on_partial_column_reaches_last_card():
    app = PartialColumnApp()
    async with app.run_test(size=(30, 20)) as pilot:
        column = app.query_one(StageColumn)
        column.focus()
        await pilot.pause()

        await pilot.press("end")

        assert app.requests == 1
        assert column.highlighted_card.id == 9


async def test_down_past_loaded_cards_loads_the_rest():
    app = PartialColumnApp()
    async with app.run_test(size=(30, 20)) as pilot:
        column = app.query_one(StageColumn)
        column.focus()
        await pilot.pause()

        await pilot.press("down", "down", "down", "down")

        assert column.highlighted_card.id == 4
        await pilot.press("up", "end")
        assert app.requests == 1


async def test_digits_and_slash_in_note_stay_text(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, board_data.id("urgent"), "2/3 訪問")

        assert editor.text == "2/3 訪問"
        assert board(app).line is Line.RENTAL
        assert not board(app).has_class("-filtering")


async def test_digits_in_filter_stay_text(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        await pilot.press("slash", "3", "/")
        await settle(pilot)

        assert board(app).query_one("#board-filter").value == "3/"
        assert board(app).line is Line.RENTAL
