"""Provides the plain records that services hand to screens and widgets."""

from dataclasses import dataclass, field
from datetime import date

from anken_tui.domain.lines import Line, SalesKind


@dataclass(frozen=True)
class StaffRef:
    """A member of staff as the screens see them."""

    id: int
    name: str
    role: str


@dataclass(frozen=True)
class CaseSummary:
    """What a card on the board shows of one case."""

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

    def days_in_stage(self, today: date) -> int:
        """Return the calendar days since the case entered its stage (0 on the day itself)."""
        return (today - self.stage_entered_on).days


@dataclass
class BoardColumn:
    """One stage of a board with its cards; `hidden_count` counts completions left off."""

    stage: str
    cards: list[CaseSummary] = field(default_factory=list)
    hidden_count: int = 0


@dataclass
class Board:
    """The columns of one business line, in stage order."""

    line: Line
    columns: list[BoardColumn]

    @property
    def open_count(self) -> int:
        """Count the cases not yet at 案件完了."""
        return sum(len(column.cards) for column in self.columns[:-1])

    def column(self, stage: str) -> BoardColumn:
        return next(column for column in self.columns if column.stage == stage)


@dataclass(frozen=True)
class CustomerRef:
    """A customer as the new case form lists them: id, name and フリガナ."""

    id: int
    name: str
    furigana: str
