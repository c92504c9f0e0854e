"""Pilot tests of a board that starts with the first cards of each column and fills in the rest after its first frame."""

from datetime import date, timedelta

from textual.app import App, ComposeResult

from anken_tui.domain.lines import COMPLETED, MEETING, RECEIVED, Line
from anken_tui.services.summaries import CaseSummary, ColumnCounts
from anken_tui.widgets.card_render import CARD_HEIGHT
from anken_tui.widgets.stage_column import StageColumn
from tests.ui.test_board import board, column_lines, focused_column, settle

NARROW = (80, 24)
TODAY = date(2026, 12, 4)


async def test_long_column_gets_every_card(board_data, make_app, case_maker):
    """At 80x24 the first screen loads 7 cards a column; the other 14 of 打合せ follow."""
    for number in range(20):
        case_maker.make(Line.RENTAL, f"打合せ待ち {number}", ("大野 進", "オオノ ススム"), MEETING, days_ago=30 + number)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        column = board(app).column(MEETING)

        assert column.is_complete
        assert len(column.cards) == 21
        assert column.border_title == f"{MEETING} 21 滞{column.stale_count}"
        assert 0 < column.stale_count < 21
        board(app)._focus_column(column)
        await pilot.press("end")
        await settle(pilot)
        assert focused_column(app).highlighted_card.id == board_data.id("rental_meeting")


def _cards(count: int) -> list[CaseSummary]:
    return [
        CaseSummary(
            id=number, line=Line.RENTAL, sales_kind=None, stage=RECEIVED, title=f"手すり {number}",
            customer_name=f"山田 {number}", customer_search_key=f"山田{number}", owner_name="佐藤",
            stage_entered_on=TODAY - timedelta(days=number), version=1,
        )
        for number in range(count)
    ]


class ColumnApp(App[None]):
    """One column with the first 3 of 10 cards, as a board's first screen gives it."""

    def __init__(self, cards: list[CaseSummary]) -> None:
        super().__init__()
        self.cards = cards

    def compose(self) -> ComposeResult:
        yield StageColumn(RECEIVED, self.cards[:3], today=TODAY, counts=ColumnCounts(total=10, stale=4))


async def test_partial_column_shows_real_counts_and_blank_rest():
    cards = _cards(10)
    app = ColumnApp(cards)
    async with app.run_test(size=(30, 60)) as pilot:
        await pilot.pause()
        column = app.query_one(StageColumn)

        assert not column.is_complete
        assert column.total_count == 10
        assert column.border_title == f"{RECEIVED} 10 滞4"
        assert column.virtual_size.height == 10 * CARD_HEIGHT
        lines = column_lines(column)
        assert any("山田 2様" in line for line in lines)
        assert all(line.strip() == "" for line in lines[3 * CARD_HEIGHT : 10 * CARD_HEIGHT])

        column.set_cards(cards, today=TODAY)
        await pilot.pause()
        assert column.is_complete
        # Without thresholds the column marks no card stale, so the count it shows is its own.
        assert column.border_title == f"{RECEIVED} 10"
        assert any("山田 9様" in line for line in column_lines(column))


async def test_hidden_note_below_unloaded_cards():
    class CompletedApp(App[None]):
        def compose(self) -> ComposeResult:
            yield StageColumn(
                COMPLETED, _cards(2), today=TODAY, hidden_count=5, newest_first=True,
                counts=ColumnCounts(total=6, stale=0),
            )

    app = CompletedApp()
    async with app.run_test(size=(30, 60)) as pilot:
        await pilot.pause()
        lines = column_lines(app.query_one(StageColumn))

        assert "ほか 5件" in lines[6 * CARD_HEIGHT]
        assert not any("ほか" in line for line in lines[: 6 * CARD_HEIGHT])



async def test_long_column_cards_leave_room_for_scrollbar():
    """The scrollbar takes the last cell; a card drawn over it lost the 日 of its days and digits of 滞+N."""

    class LongColumnApp(App[None]):
        def compose(self) -> ComposeResult:
            yield StageColumn(RECEIVED, _cards(10), today=TODAY)

    app = LongColumnApp()
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        column = app.query_one(StageColumn)
        inner = column.scrollable_content_region.width

        assert inner < column.size.width
        first_line = column.render_line(0)
        assert first_line.cell_length == inner
        assert first_line.text.rstrip().endswith("0日")
