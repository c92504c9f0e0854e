"""Provides the plain records of a board that services hand to screens and widgets: staff, cards and columns.

The records of the case detail are in `detail_records`, those of customers and
care managers in `customer_records`; screens that need them load them later.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.staleness import StaleStatus, Thresholds, stale_status


@dataclass(frozen=True)
class StaffRef:
    """A member of staff as the screens see them."""

    id: int
    name: str
    role: str


class CaseSummary(NamedTuple):
    """The fields of one case that its card on the board shows.

    A named tuple rather than a frozen dataclass: a board of thousands of cards
    builds one per card at every start, and a tuple is built about three times faster.
    """

    id: int
    line: Line
    sales_kind: SalesKind | None
    stage: str
    title: str
    customer_name: str
    customer_search_key: str
    owner_name: str
    stage_entered_on: date
    version: int
    outcome: str | None = None
    meeting_date: date | None = None
    """The planned 打合せ date, from which a case in 打合せ counts its days in stage."""
    stale_snoozed_until: date | None = None
    """The date until which the stale flag is paused (保留); the case is stale again on that date."""
    next_follow_up: date | None = None
    """The follow-up date (次回予定) set by the case's latest activity, as services.activities.next_follow_ups defines it."""

    def days_in_stage(self, today: date) -> int:
        """Return the calendar days since the case entered its stage (0 on the day itself)."""
        return (today - self.stage_entered_on).days

    def stale_status(self, today: date, calendar: BusinessCalendar, thresholds: Thresholds) -> StaleStatus | None:
        """Return how long the case has been stale (滞留案件), or None when it is not stale or is paused.

        This is the rule of the stale view (services.stale), applied to one card.
        """
        if self.stale_snoozed_until is not None and self.stale_snoozed_until > today:
            return None
        status = stale_status(
            self.line, self.stage, self.stage_entered_on, today, calendar, thresholds, self.meeting_date
        )
        return status if status is not None and status.is_stale else None


@dataclass(frozen=True)
class ColumnCounts:
    """The counts of a column of which only the first cards are loaded."""

    total: int
    """Every card of the column."""
    stale: int
    """The stale cards (滞留案件) among them."""


@dataclass
class BoardColumn:
    """One stage of a board with its cards; `hidden_count` counts completions left off.

    `counts` is None when `cards` contains every card of the column. A board
    loaded for its first screen has only the first cards of a long column, and
    `counts` then gives the column's real counts.
    """

    stage: str
    cards: list[CaseSummary] = field(default_factory=list)
    hidden_count: int = 0
    counts: ColumnCounts | None = None

    @property
    def total(self) -> int:
        """How many cards the column has, loaded or not."""
        return self.counts.total if self.counts is not None else len(self.cards)


@dataclass
class Board:
    """The columns of one business line, in stage order."""

    line: Line
    columns: list[BoardColumn]

    @property
    def open_count(self) -> int:
        """Count the cases not yet at 案件完了."""
        return sum(column.total for column in self.columns[:-1])

    @property
    def is_complete(self) -> bool:
        """Tell whether every column contains all its cards."""
        return all(column.counts is None for column in self.columns)

    def column(self, stage: str) -> BoardColumn:
        return next(column for column in self.columns if column.stage == stage)
