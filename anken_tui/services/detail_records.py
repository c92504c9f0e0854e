"""Provides the plain records of the case detail pane: notes (詳細), activities (活動), fields and history.

Timestamps here are aware datetimes in UTC (`clock.from_storage`); show them with `.astimezone(JST)`.
"""

from dataclasses import dataclass
from datetime import date, datetime

from anken_tui.domain.activities import ActivityKind
from anken_tui.domain.dates import format_note_stamp
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.outcomes import Outcome
from anken_tui.services.customer_records import CustomerInfo
from anken_tui.services.summaries import CaseSummary


@dataclass(frozen=True)
class NoteView:
    """One note (詳細) of a case: its stamp (the day written and the author), its text as typed, and any edit."""

    id: int
    case_id: int
    written_on: date
    author_id: int
    author_name: str
    text: str
    version: int
    """Grows by one on every edit; edit_note checks it."""
    edited_at: datetime | None = None
    edited_by_name: str | None = None
    revision_count: int = 0
    """How many earlier wordings the note's history keeps (one per edit)."""

    def stamp(self, today: date) -> str:
        """Return the stamp shown before the text: 12/4(山口), or 2025/12/4(山口) when not in the year of `today`."""
        return format_note_stamp(self.written_on, self.author_name, today)

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


@dataclass(frozen=True)
class NoteRevisionView:
    """An earlier wording of a note, kept when someone edited it: the text before that edit, who edited and when."""

    id: int
    note_id: int
    text: str
    edited_by_name: str
    edited_at: datetime


@dataclass(frozen=True)
class ActivityView:
    """One activity (活動): a visit, call, fax, mail, check or other contact, with its planned follow-up."""

    id: int
    case_id: int
    kind: ActivityKind
    done_on: date
    staff_id: int
    staff_name: str
    text: str
    follow_up_on: date | None
    created_by_name: str


@dataclass(frozen=True)
class CaseFields:
    """The fields of a case that only some lines use; amounts are whole yen, dates are JST dates."""

    meeting_date: date | None = None
    payment_method: str | None = None
    """"kaipoke_debit" (口座振替(カイポケ)) or "cash" (現金支払い); labels in texts.PAYMENT_METHOD_LABELS."""
    kaipoke_registered_on: date | None = None
    purchase_amount: int | None = None
    quote_amount: int | None = None
    invoice_amount: int | None = None
    pre_application_on: date | None = None
    city_approved_on: date | None = None
    work_start_on: date | None = None
    work_end_on: date | None = None


@dataclass(frozen=True)
class StageHistoryRow:
    """One change of stage: from, to, who, when, and how many days the case had spent in `from_stage`."""

    id: int
    from_stage: str | None
    """None for the row written when the case was registered."""
    to_stage: str
    changed_by_name: str
    changed_at: datetime
    days_in_from_stage: int | None
    """Calendar days (JST) from entering `from_stage` to this change; None for the registration row."""
    outcome: Outcome | None
    outcome_reason: str
    is_undo: bool


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case detail pane shows of one case.

    `history` runs oldest first; `notes` and `activities` newest first.
    `version` is the one to pass back as `expected_version` when saving.
    """

    id: int
    version: int
    line: Line
    sales_kind: SalesKind | None
    title: str
    stage: str
    stage_entered_on: date
    owner_id: int | None
    owner_name: str
    outcome: Outcome | None
    outcome_reason: str
    created_on: date
    updated_at: datetime
    updated_by_name: str
    customer: CustomerInfo
    fields: CaseFields
    history: list[StageHistoryRow]
    notes: list[NoteView]
    activities: list[ActivityView]
    next_follow_up: date | None
    """The follow-up date (次回予定) of the case's latest activity, if it set one."""
    stale_snoozed_until: date | None
    summary: CaseSummary
    """The same case as a board card, for the move dialogs."""

    def days_in_stage(self, today: date) -> int:
        """Return the calendar days since the case entered its stage (0 on the day itself)."""
        return (today - self.stage_entered_on).days
