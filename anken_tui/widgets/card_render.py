"""Provides drawing one case card as fixed-width lines for the board's stage columns."""

import unicodedata
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from anken_tui import texts
from anken_tui.domain.activities import FollowUpDue, follow_up_due
from anken_tui.domain.dates import format_short_date
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

# 滞 is a wide character (two cells) in every terminal, so marks up to 滞+99 fit in five cells.
STALE_MARK_CELLS = 5
STALE_MARK_ROW = 2

# The follow-up date (次回予定) goes on the right of the title line.
FOLLOW_UP_ROW = 1


@dataclass(frozen=True)
class CardStyles:
    """The Rich styles a card is drawn with, taken from the column's component classes."""

    text: Style
    cursor: Style
    detail: Style
    separator: Style
    stale: Style = Style()


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


def stale_mark(days_over: int) -> str:
    """Return the stale mark of a card, such as ` 滞+3`, right-aligned in STALE_MARK_CELLS cells."""
    mark = texts.CARD_STALE_MARK.format(days=days_over)
    return " " * max(STALE_MARK_CELLS - cell_len(mark), 0) + mark


def follow_up_mark(card: CaseSummary, today: date) -> tuple[str, bool]:
    """Return the card's follow-up mark and whether it is due: 次12/8, 次今日 (due) or 次12/1! (overdue), or ""."""
    day = card.next_follow_up
    if day is None:
        return "", False
    due = follow_up_due(day, today)
    if due is FollowUpDue.TODAY:
        return texts.CARD_FOLLOW_UP_TODAY, True
    template = texts.CARD_FOLLOW_UP_OVERDUE if due is FollowUpDue.OVERDUE else texts.CARD_FOLLOW_UP
    return template.format(day=format_short_date(day, today)), due is FollowUpDue.OVERDUE


def card_lines(card: CaseSummary, width: int, today: date, mark: str = "") -> tuple[tuple[str, str], ...]:
    """Return the card's three text lines as (left, right) pairs of plain text, fitted to `width`.

    The first two cells of each line are left for the cursor mark. A stale
    `mark` goes on the right of the third line, where the owner's short name
    leaves the most room, before the outcome or sales kind. The follow-up
    date, if any, goes on the right of the title line.
    """
    inner = max(width - cell_len(NO_MARK), 0)
    customer = texts.CUSTOMER_HONORIFIC.format(name=clean_text(card.customer_name))
    days = texts.DAYS_IN_STAGE.format(days=max(card.days_in_stage(today), 0))
    label = _card_label(card)
    if mark:
        label = f"{mark} {label}" if label else mark
    owner = clean_text(card.owner_name) or texts.NO_OWNER
    title = clean_text(card.title)
    follow_up, _due = follow_up_mark(card, today)

    return (
        split_right(customer, days, inner),
        split_right(title, follow_up, inner) if follow_up else (fit_cells(title, inner), ""),
        split_right(owner, label, inner),
    )


def _card_label(card: CaseSummary) -> str:
    """Return the outcome of a completed case, or 介護保険/自費 of a sale, or nothing."""
    if card.outcome:
        return Outcome(card.outcome).label
    if card.sales_kind is not None:
        return card.sales_kind.label
    return ""


def render_card(
    card: CaseSummary,
    width: int,
    today: date,
    styles: CardStyles,
    *,
    cursor: bool,
    marked: bool,
    days_over: int | None = None,
) -> list[Strip]:
    """Draw `card` as CARD_HEIGHT strips of exactly `width` cells.

    `cursor` draws the card in the cursor style; `marked` also puts the ▸ mark
    in front, so the selected card shows in a plain-text screenshot too.
    `days_over`, given for a stale card only, adds the 滞+N mark in the stale style.
    A follow-up date that is today or overdue is drawn in the stale style too.
    """
    base = styles.cursor if cursor else styles.text
    detail = base + styles.detail if not cursor else base
    stale = stale_mark(days_over) if days_over is not None else ""
    _follow_up, follow_up_is_due = follow_up_mark(card, today)
    strips = []
    for row, (left, right) in enumerate(card_lines(card, width, today, stale)):
        mark = CURSOR_MARK if marked and row == 0 else NO_MARK
        segments = [Segment(mark, base), Segment(left, base if row < 2 else detail)]
        if row == STALE_MARK_ROW and stale and right.startswith(stale):
            segments.append(Segment(stale, base + styles.stale))
            right = right[len(stale) :]
        if row == FOLLOW_UP_ROW and right and follow_up_is_due:
            segments.append(Segment(right, base + styles.stale))
            right = ""
        if right:
            segments.append(Segment(right, detail))
        strips.append(Strip(segments).adjust_cell_length(width, base))
    strips.append(Strip([Segment(SEPARATOR_CHAR * width, styles.separator)], width))
    return strips
