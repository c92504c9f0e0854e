"""Provides the plain records that services hand to screens and widgets."""

from dataclasses import dataclass, field
from datetime import date, datetime

from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.activities import ActivityKind
from anken_tui.domain.dates import format_note_stamp
from anken_tui.domain.lines import COMPLETED, Line, SalesKind
from anken_tui.domain.outcomes import Outcome
from anken_tui.domain.staleness import StaleStatus, Thresholds, stale_status


@dataclass(frozen=True)
class StaffRef:
    """A member of staff as the screens see them."""

    id: int
    name: str
    role: str


@dataclass(frozen=True)
class CaseSummary:
    """The fields of one case that its card on the board shows."""

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


# --- Case detail, notes (詳細), activities (活動), customers and care managers (ケアマネ) ---
# Timestamps here are aware datetimes in UTC (`clock.from_storage`); show them with `.astimezone(JST)`.


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
class CareOfficeRef:
    """A care manager's office (居宅介護支援事業所)."""

    id: int
    name: str
    phone: str


@dataclass(frozen=True)
class CareManagerRef:
    """A care manager (ケアマネ) and the office they work at, if known."""

    id: int
    name: str
    furigana: str
    phone: str
    office_id: int | None
    office_name: str
    office_phone: str


@dataclass(frozen=True)
class CustomerInfo:
    """A customer as the case detail and the customer page show them.

    `care_manager_name` and `care_office_name` come from the care manager record
    when `care_manager_id` is set, and otherwise from the text typed on the
    customer before care managers were records of their own.
    """

    id: int
    name: str
    furigana: str
    phone: str
    address: str
    city: str
    care_manager_id: int | None
    care_manager_name: str
    care_office_name: str
    care_manager_phone: str
    care_office_phone: str


@dataclass(frozen=True)
class CustomerRow:
    """A customer as the customers list shows them, with the number of open cases."""

    id: int
    name: str
    furigana: str
    phone: str
    city: str
    care_manager_name: str
    open_case_count: int


@dataclass(frozen=True)
class CustomerPage:
    """A customer and every case of theirs across the four lines: open cases first, then completed ones."""

    customer: CustomerInfo
    cases: list[CaseSummary]

    @property
    def open_cases(self) -> list[CaseSummary]:
        return [case for case in self.cases if case.stage != COMPLETED]


@dataclass(frozen=True)
class CareManagerCases:
    """A care manager and the open cases of the customers they look after."""

    care_manager: CareManagerRef
    cases: list[CaseSummary]


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
