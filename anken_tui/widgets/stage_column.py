"""Provides StageColumn: one stage of a board, drawing only the cards that are in view."""

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from anken_tui import texts
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.kana import search_key
from anken_tui.domain.staleness import Thresholds
from anken_tui.services.summaries import CaseSummary, ColumnCounts
from anken_tui.widgets.card_render import CARD_HEIGHT, CardStyles, fit_cells, render_card

# Enough for every card of a large board, so filtering twice does not normalise twice.
_title_search_key = lru_cache(maxsize=20_000)(search_key)


class StageColumn(ScrollView, can_focus=True):
    """The cards of one stage, with a cursor.

    A Line API widget: it keeps a list of CaseSummary and draws the few cards in
    view, so a column of thousands of cases costs no widgets. It never touches
    the database; the screen hands it cards and reads `highlighted_card`.
    """

    COMPONENT_CLASSES = {
        "stage-column--card",
        "stage-column--cursor",
        "stage-column--cursor-blurred",
        "stage-column--detail",
        "stage-column--separator",
        "stage-column--note",
        "stage-column--stale",
    }

    DEFAULT_CSS = """
    StageColumn {
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .stage-column--card { background: $surface; color: $foreground; }
        & > .stage-column--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .stage-column--cursor-blurred { background: $surface-lighten-1; color: $foreground; }
        & > .stage-column--detail { color: $text-muted; }
        & > .stage-column--separator { color: $panel-lighten-1; background: $surface; }
        & > .stage-column--note { color: $text-muted; background: $surface; text-style: italic; }
        & > .stage-column--stale { color: $text-warning; text-style: bold; }
    }
    """

    # The scrolling keys of ScrollView would swallow ← and →, which move between columns.
    INHERIT_BINDINGS = False

    BINDINGS = [
        Binding("up,k", "cursor_up", texts.KEY_CARD_UP, show=False, id="card-up"),
        Binding("down,j", "cursor_down", texts.KEY_CARD_DOWN, show=False, id="card-down"),
        Binding("home", "cursor_first", texts.KEY_CARD_FIRST, show=False, id="card-first"),
        Binding("end", "cursor_last", texts.KEY_CARD_LAST, show=False, id="card-last"),
        Binding("pageup", "cursor_page(-1)", texts.KEY_PAGE_UP, show=False, id="card-page-up"),
        Binding("pagedown", "cursor_page(1)", texts.KEY_PAGE_DOWN, show=False, id="card-page-down"),
    ]

    class CardHighlighted(Message):
        """The highlighted card changed, or the column got focus; `card` is None in an empty column."""

        def __init__(self, column: "StageColumn", card: CaseSummary | None) -> None:
            super().__init__()
            self.column = column
            self.card = card

        @property
        def control(self) -> "StageColumn":
            return self.column

    cursor = reactive(0, repaint=False, init=False)
    """Index of the highlighted card among the cards shown."""

    def __init__(
        self,
        stage: str,
        cards: list[CaseSummary],
        *,
        today: date,
        hidden_count: int = 0,
        newest_first: bool = False,
        calendar: BusinessCalendar | None = None,
        thresholds: Thresholds | None = None,
        counts: ColumnCounts | None = None,
        need_all_cards: Callable[[], None] | None = None,
        id: str | None = None,
    ) -> None:
        """Build the column; with `calendar` and `thresholds` its stale cards get the 滞+N mark.

        `counts` is given when `cards` are only the first cards of the column:
        the title shows the real counts, and the rest of the column stays blank
        until `set_cards` hands over every card. A cursor key that needs the rest
        first calls `need_all_cards`, which must call `set_cards` before it returns.
        """
        super().__init__(id=id)
        self.stage = stage
        self.newest_first = newest_first
        self._today = today
        self._calendar = calendar
        self._thresholds = thresholds
        # Days over the threshold by the fields that decide it (see days_over); None for a card that is not stale.
        self._days_over: dict[tuple, int | None] = {}
        self._cards = cards
        self._shown = cards
        self._hidden_count = hidden_count
        self._counts = counts
        self._need_all_cards = need_all_cards
        self._filter_key = ""
        self._strips: LRUCache[tuple, list[Strip]] = LRUCache(maxsize=256)

    @property
    def cards(self) -> list[CaseSummary]:
        """The cards shown now, in order (all of them unless a filter is set)."""
        return self._shown

    @property
    def total_count(self) -> int:
        """How many cards the column contains, filtered out or not, loaded or not."""
        return self._counts.total if self._counts is not None else len(self._cards)

    @property
    def is_complete(self) -> bool:
        """Tell whether the column contains all its cards, rather than only the first ones."""
        return self._counts is None

    @property
    def shown_count(self) -> int:
        """How many cards the column shows: all of them unless a filter is set, loaded or not."""
        if self._counts is not None and not self._filter_key:
            return self._counts.total
        return len(self._shown)

    @property
    def stale_count(self) -> int:
        """How many of the cards shown are stale (滞留案件)."""
        if self._counts is not None and not self._filter_key:
            return self._counts.stale
        return sum(1 for card in self._shown if self.days_over(card) is not None)

    def days_over(self, card: CaseSummary) -> int | None:
        """Return the business days `card` is past its stage's threshold, or None when it is not stale."""
        if self._thresholds is None or self._calendar is None:
            return None
        # Cards that entered the stage on the same day share the result, so a column of
        # thousands of cards counts business days only once per day of entry.
        key = (card.line, card.stage, card.stage_entered_on, card.meeting_date, card.stale_snoozed_until)
        if key not in self._days_over:
            status = card.stale_status(self._today, self._calendar, self._thresholds)
            self._days_over[key] = status.days_over if status is not None else None
        return self._days_over[key]

    @property
    def highlighted_card(self) -> CaseSummary | None:
        """The card under the cursor, or None when no card is shown."""
        if not self._shown:
            return None
        return self._shown[min(self.cursor, len(self._shown) - 1)]

    def set_cards(self, cards: list[CaseSummary], *, today: date, hidden_count: int = 0) -> None:
        """Replace every card and keep the filter. The cursor stays on the same index."""
        self._cards = cards
        self._today = today
        self._hidden_count = hidden_count
        self._counts = None
        self._strips.clear()
        self._days_over.clear()
        self._apply_filter()

    def filter_by(self, key: str) -> None:
        """Show only the cards whose customer (name or furigana) or title contains `key`.

        `key` is a search key (domain.kana.search_key); an empty key shows every card.
        """
        self._filter_key = key
        self._apply_filter()

    def remove_card(self, case_id: int) -> CaseSummary | None:
        """Take the card of `case_id` out of the column and return it, or None if it is not here."""
        card = _take(self._cards, case_id)
        if card is None:
            return None
        if self._shown is not self._cards:
            shown_index = _index_of(self._shown, case_id)
            if shown_index is not None:
                del self._shown[shown_index]
        self._after_change()
        return card

    def insert_card(self, card: CaseSummary) -> int | None:
        """Put `card` in its place by the date it entered the stage and return its index (None if filtered out)."""
        position = self._position(self._cards, card)
        self._cards.insert(position, card)
        index = None
        if self._shown is self._cards:
            index = position
        elif self._matches(card):
            index = self._position(self._shown, card)
            self._shown.insert(index, card)
        self._after_change()
        return index

    def replace_cards(self, changed: dict[int, CaseSummary | None]) -> None:
        """Show the cards changed elsewhere: drop the old card of each case, add the new one if it is in this stage.

        A None card means the case left the board. The cursor stays on the card
        it was on, or at the same place when that card left this column, and the
        card under it is announced once, after all the changes.
        """
        highlighted = self.highlighted_card
        touched = False
        for case_id, card in changed.items():
            touched |= _take(self._cards, case_id) is not None
            if card is not None and card.stage == self.stage:
                self._cards.insert(self._position(self._cards, card), card)
                touched = True
        if not touched:
            return

        # Drawn cards are cached by version, and a note or a renamed customer changes a card without one.
        self._strips.clear()
        self._days_over.clear()
        self._shown = [card for card in self._cards if self._matches(card)] if self._filter_key else self._cards
        if highlighted is not None:
            index = _index_of(self._shown, highlighted.id)
            if index is not None:
                self.set_reactive(StageColumn.cursor, index)
        self._after_change()
        self.scroll_to_cursor()

    def select_case(self, case_id: int) -> bool:
        """Put the cursor on the card of `case_id`, or return False if it is not shown here."""
        index = _index_of(self._shown, case_id)
        if index is None:
            return False
        self.cursor = index
        self.scroll_to_cursor()
        return True

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the whole highlighted card."""
        region = Region(0, self.cursor * CARD_HEIGHT, 1, CARD_HEIGHT)
        self.scroll_to_region(region, animate=False, immediate=True, x_axis=False)

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._shown) - 1))

    def watch_cursor(self) -> None:
        self.scroll_to_cursor()
        self.refresh()
        self._post_highlighted()

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self._complete()
        self.cursor += 1

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self._complete()
        self.cursor = len(self._shown) - 1

    def action_cursor_page(self, direction: int) -> None:
        self._complete()
        self.cursor += direction * max(self.size.height // CARD_HEIGHT, 1)

    def _complete(self) -> None:
        """Have every card loaded before a key moves the cursor where only some are: End must reach the last."""
        if self._counts is not None and self._need_all_cards is not None:
            self._need_all_cards()

    def on_mount(self) -> None:
        self._after_change()

    def on_focus(self) -> None:
        self.refresh()
        self._post_highlighted()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // CARD_HEIGHT
        if index >= len(self._shown):
            self._complete()
        if index < len(self._shown):
            self.cursor = index
        self.focus()

    def on_resize(self) -> None:
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        # The vertical scrollbar of a long column takes the last cell, so cards are drawn narrower.
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, row = divmod(line, CARD_HEIGHT)
        if index < len(self._shown):
            return self._card_strips(index, width)[row]

        # The cards not loaded yet are blank, and the notes go under all the cards.
        notes = self._note_lines(width)
        note_row = line - self.shown_count * CARD_HEIGHT
        note_style = self.get_component_rich_style("stage-column--note")
        if 0 <= note_row < len(notes):
            return Strip([Segment(fit_cells(notes[note_row], width), note_style)], width)
        return Strip.blank(width, note_style)

    def _card_strips(self, index: int, width: int) -> list[Strip]:
        card = self._shown[index]
        is_cursor = index == self.cursor
        key = (card.id, card.version, width, is_cursor, self.has_focus)
        strips = self._strips.get(key)
        if strips is None:
            strips = render_card(
                card,
                width,
                self._today,
                self._card_styles(),
                cursor=is_cursor,
                marked=is_cursor and self.has_focus,
                days_over=self.days_over(card),
            )
            self._strips[key] = strips
        return strips

    def _card_styles(self) -> CardStyles:
        cursor_class = "stage-column--cursor" if self.has_focus else "stage-column--cursor-blurred"
        return CardStyles(
            text=self.get_component_rich_style("stage-column--card"),
            cursor=self.get_component_rich_style(cursor_class),
            detail=self.get_component_rich_style("stage-column--detail", partial=True),
            separator=self.get_component_rich_style("stage-column--separator"),
            stale=self.get_component_rich_style("stage-column--stale", partial=True),
        )

    def _note_lines(self, width: int) -> list[str]:
        """Return the lines under the cards: an empty-column note and the count of hidden completions."""
        notes = []
        if not self.shown_count:
            notes.append(texts.FILTER_NO_MATCH if self._filter_key else texts.EMPTY_COLUMN)
        if self._hidden_count > 0:
            hidden = texts.COMPLETED_HIDDEN.format(count=self._hidden_count)
            notes.extend(wrap_cells(hidden, max(width, 1)))
        return notes

    def _apply_filter(self) -> None:
        if self._filter_key:
            self._shown = [card for card in self._cards if self._matches(card)]
        else:
            self._shown = self._cards
        self._after_change()

    def _matches(self, card: CaseSummary) -> bool:
        key = self._filter_key
        return not key or key in card.customer_search_key or key in _title_search_key(card.title)

    def _position(self, cards: list[CaseSummary], card: CaseSummary) -> int:
        """Return where `card` goes: after older cards, or before them in a newest-first column."""
        if self.newest_first:
            ordinal = -card.stage_entered_on.toordinal()
            return bisect_left(cards, ordinal, key=lambda other: -other.stage_entered_on.toordinal())
        return bisect_right(cards, card.stage_entered_on, key=lambda other: other.stage_entered_on)

    def _after_change(self) -> None:
        """Update the title, size and cursor after the cards changed, and repaint."""
        stale = self.stale_count
        title = texts.COLUMN_TITLE_STALE if stale else texts.COLUMN_TITLE
        self.border_title = title.format(stage=self.stage, count=self.shown_count, stale=stale)
        self._update_virtual_size()
        self.set_reactive(StageColumn.cursor, self.validate_cursor(self.cursor))
        self.refresh()
        if self.is_mounted:
            self._post_highlighted()

    def _update_virtual_size(self) -> None:
        height = self.shown_count * CARD_HEIGHT + len(self._note_lines(max(self.scrollable_content_region.width, 1)))
        self.virtual_size = Size(0, height)

    def _post_highlighted(self) -> None:
        self.post_message(self.CardHighlighted(self, self.highlighted_card))


def wrap_cells(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` cells, at spaces where it can.

    A word wider than `width` is cut by cells, never in the middle of a wide character.
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.extend(chop_cells(word, width))
    return lines


def _index_of(cards: list[CaseSummary], case_id: int) -> int | None:
    return next((index for index, card in enumerate(cards) if card.id == case_id), None)


def _take(cards: list[CaseSummary], case_id: int) -> CaseSummary | None:
    index = _index_of(cards, case_id)
    return None if index is None else cards.pop(index)
