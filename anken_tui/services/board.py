"""Provides loading a board: the cases of one line, grouped by stage."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from peewee import JOIN

from anken_tui.clock import Clock, jst_date, to_storage
from anken_tui.db.models import Activity, Case, Customer, Staff
from anken_tui.domain.lines import COMPLETED, STAGES, Line, SalesKind
from anken_tui.errors import NotFoundError
from anken_tui import texts
from anken_tui.services.summaries import Board, BoardColumn, CaseSummary

# The 案件完了 column shows the cases completed in this many recent days.
RECENT_COMPLETION_DAYS = 30

_SUMMARY_FIELDS = (
    Case.id,
    Case.line,
    Case.sales_kind,
    Case.stage,
    Case.title,
    Customer.name,
    Customer.search_key,
    Staff.name,
    Case.stage_entered_at,
    Case.version,
    Case.outcome,
    Case.meeting_date,
    Case.stale_snoozed_until,
)

# The follow-up date (次回予定) of the latest activity, by activity day and then order of logging, as in
# services.activities.next_follow_ups; a correlated subquery keeps the board at one query.
_LatestActivity = Activity.alias()
_NEXT_FOLLOW_UP = (
    _LatestActivity.select(_LatestActivity.follow_up_on)
    .where(_LatestActivity.case == Case.id)
    .order_by(_LatestActivity.done_on.desc(), _LatestActivity.id.desc())
    .limit(1)
)


def _summary_query():
    return (
        Case.select(*_SUMMARY_FIELDS, _NEXT_FOLLOW_UP.alias("next_follow_up"))
        .join(Customer)
        .switch(Case)
        .join(Staff, JOIN.LEFT_OUTER, on=(Case.owner == Staff.id))
    )


def _to_summary(row: tuple) -> CaseSummary:
    case_id, line, kind, stage, title, customer, search, owner, entered, version, outcome, meeting, snoozed, follow_up = row
    return CaseSummary(
        id=case_id,
        line=Line(line),
        sales_kind=SalesKind(kind) if kind else None,
        stage=stage,
        title=title,
        customer_name=customer,
        customer_search_key=search,
        owner_name=owner or "",
        stage_entered_on=jst_date(entered),
        version=version,
        outcome=outcome,
        meeting_date=meeting,
        stale_snoozed_until=snoozed,
        next_follow_up=_as_date(follow_up),
    )


def _as_date(value: date | str | None) -> date | None:
    """Return a date read through a subquery, which SQLite hands back as ISO text rather than a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def load_board(line: Line, clock: Clock) -> Board:
    """Load every open case of `line` and its recent completions, oldest in stage first.

    One query fetches the rows as tuples, so a board of 10,000 cases builds no
    model instances; completions older than RECENT_COMPLETION_DAYS are only counted.
    """
    cutoff = _completion_cutoff(clock)
    columns = {stage: BoardColumn(stage) for stage in STAGES[line]}

    rows = _summary_query().where(_on_board(line, cutoff)).order_by(Case.stage_entered_at, Case.id).tuples()
    for row in rows:
        summary = _to_summary(row)
        columns[summary.stage].cards.append(summary)

    completed = columns[COMPLETED]
    completed.cards.reverse()
    completed.hidden_count = (
        Case.select()
        .where((Case.line == line.value) & (Case.stage == COMPLETED) & (Case.stage_entered_at < cutoff))
        .count()
    )
    return Board(line=line, columns=list(columns.values()))


def load_board_cards(line: Line, case_ids: Iterable[int], clock: Clock) -> dict[int, CaseSummary | None]:
    """Load the cards of `case_ids` as the board of `line` shows them, None for a case it does not show.

    A case is not shown when it belongs to another line, was completed more than
    RECENT_COMPLETION_DAYS ago, or no longer exists.
    """
    ids = list(case_ids)
    cards: dict[int, CaseSummary | None] = dict.fromkeys(ids)
    if not ids:
        return cards
    rows = _summary_query().where(Case.id.in_(ids) & _on_board(line, _completion_cutoff(clock))).tuples()
    for row in rows:
        card = _to_summary(row)
        cards[card.id] = card
    return cards


def _completion_cutoff(clock: Clock) -> datetime:
    return to_storage(clock.now() - timedelta(days=RECENT_COMPLETION_DAYS))


def _on_board(line: Line, cutoff: datetime):
    """The condition of the cases the board of `line` shows: open ones, and those completed since `cutoff`."""
    return (Case.line == line.value) & ((Case.stage != COMPLETED) | (Case.stage_entered_at >= cutoff))


def load_case_summary(case_id: int) -> CaseSummary:
    """Load the card of one case; raise NotFoundError if it no longer exists."""
    row = _summary_query().where(Case.id == case_id).tuples().first()
    if row is None:
        raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
    return _to_summary(row)
