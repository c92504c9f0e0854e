"""Provides drawing one case card as fixed-width lines for the board's stage columns."""

import unicodedata
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from anken_tui import texts
from anken_tui.domain.outcomes import Outcome
from anken_tui.services.summaries import CaseSummary

CARD_HEIGHT = 4
"""Lines per card: customer and days, title, owner and kind, then a separator."""

# Both marks have East Asian Width "N", so they take one cell in every terminal,
# unlike ▶ or ─, which are ambiguous and take two in some Japanese setups.
CURSOR_MARK = "▸ "
NO_MARK = "  "
SEPARATOR_CHAR = "╌"
ELLIPSIS = "…"


@dataclass(frozen=True)
class CardStyles:
    """The Rich styles a card is drawn with, taken from the column's component classes."""

    text: Style
    cursor: Style
    detail: Style
    separator: Style


def clean_text(text: str) -> str:
    """Replace control characters (tabs, line breaks) with spaces, so one value stays on one line."""
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(char).startswith("C") else char for char in text)


def fit_cells(text: str, width: int) -> str:
    """Return `text` cut or padded to exactly `width` cells.

    Text that does not fit ends with `…`. A wide character that would be cut in
    half is replaced by a space, so no character is ever split.
    """
    if width <= 0:
        return ""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + ELLIPSIS


def split_right(left: str, right: str, width: int) -> tuple[str, str]:
    """Return `left` fitted to the cells that `right` and one space leave, and `right`.

    `right` (a short value such as 12日) keeps its full width when it fits at all.
    """
    right_width = cell_len(right)
    if right_width + 2 > width:
        return fit_cells(left, width), ""
    return fit_cells(left, width - right_width - 1) + " ", right


def card_lines(card: CaseSummary, width: int, today: date) -> tuple[tuple[str, str], ...]:
    """Return the card's three text lines as (left, right) pairs of plain text, fitted to `width`.

    The first two cells of each line are left for the cursor mark.
    """
    inner = max(width - cell_len(NO_MARK), 0)
    customer = texts.CUSTOMER_HONORIFIC.format(name=clean_text(card.customer_name))
    days = texts.DAYS_IN_STAGE.format(days=max(card.days_in_stage(today), 0))
    owner = clean_text(card.owner_name) or texts.NO_OWNER

    return (
        split_right(customer, days, inner),
        (fit_cells(clean_text(card.title), inner), ""),
        split_right(owner, _card_label(card), inner),
    )


def _card_label(card: CaseSummary) -> str:
    """Return the outcome of a completed case, or 介護保険/自費 of a sale, or nothing."""
    if card.outcome:
        return Outcome(card.outcome).label
    if card.sales_kind is not None:
        return card.sales_kind.label
    return ""


def render_card(
    card: CaseSummary, width: int, today: date, styles: CardStyles, *, cursor: bool, marked: bool
) -> list[Strip]:
    """Draw `card` as CARD_HEIGHT strips of exactly `width` cells.

    `cursor` draws the card in the cursor style; `marked` also puts the ▸ mark
    in front, so the selected card shows in a plain-text screenshot too.
    """
    base = styles.cursor if cursor else styles.text
    detail = base + styles.detail if not cursor else base
    strips = []
    for row, (left, right) in enumerate(card_lines(card, width, today)):
        mark = CURSOR_MARK if marked and row == 0 else NO_MARK
        segments = [Segment(mark, base), Segment(left, base if row < 2 else detail)]
        if right:
            segments.append(Segment(right, detail))
        strips.append(Strip(segments).adjust_cell_length(width, base))
    strips.append(Strip([Segment(SEPARATOR_CHAR * width, styles.separator)], width))
    return strips
