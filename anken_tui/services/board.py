"""Provides loading a board: the cases of one line, grouped by stage."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from peewee import JOIN, fn

from anken_tui.clock import Clock, jst_date, to_storage
from anken_tui.db.database import database
from anken_tui.db.models import Activity, Case, Customer, Staff
from anken_tui.db.values import as_date, as_datetime
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import COMPLETED, STAGES, Line, SalesKind
from anken_tui.domain.staleness import Thresholds
from anken_tui.errors import NotFoundError
from anken_tui import texts
from anken_tui.services.stale import count_stale
from anken_tui.services.summaries import Board, BoardColumn, CaseSummary, ColumnCounts

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


def summary_query():
    """Return the query of the fields a card shows; add the conditions and hand it to `fetch_summaries`."""
    return (
        Case.select(*_SUMMARY_FIELDS, _NEXT_FOLLOW_UP.alias("next_follow_up"))
        .join(Customer)
        .switch(Case)
        .join(Staff, JOIN.LEFT_OUTER, on=(Case.owner == Staff.id))
    )


def fetch_summaries(query) -> list[CaseSummary]:
    """Run a `summary_query` and return its cards in the query's order.

    The rows come straight from the driver's cursor, without Peewee's
    per-field conversion, because that took as long as the query itself on a
    board of 10,000 cases. The conversion below accepts text from SQLite and
    date objects from PostgreSQL alike.
    """
    rows = database.execute(query).fetchall()
    return [_to_summary(row) for row in rows]


_LINES = {line.value: line for line in Line}
_SALES_KINDS = {kind.value: kind for kind in SalesKind}


def _to_summary(row: tuple) -> CaseSummary:
    case_id, line, kind, stage, title, customer, search, owner, entered, version, outcome, meeting, snoozed, follow_up = row
    return CaseSummary(
        id=case_id,
        line=_LINES[line],
        sales_kind=_SALES_KINDS[kind] if kind else None,
        stage=stage,
        title=title,
        customer_name=customer,
        customer_search_key=search,
        owner_name=owner or "",
        stage_entered_on=jst_date(as_datetime(entered)),
        version=version,
        outcome=outcome,
        meeting_date=as_date(meeting),
        stale_snoozed_until=as_date(snoozed),
        next_follow_up=as_date(follow_up),
    )


def load_board(line: Line, clock: Clock) -> Board:
    """Load every open case of `line` and its recent completions, oldest in stage first.

    One query fetches the rows as tuples, so a board of 10,000 cards builds no
    model instances; completions older than RECENT_COMPLETION_DAYS are only counted.
    """
    cutoff = _completion_cutoff(clock)
    columns = {stage: BoardColumn(stage) for stage in STAGES[line]}

    # Sorting by stage first lets SQLite read the cards in the order of its (line, stage, stage_entered_at) index.
    query = summary_query().where(_on_board(line, cutoff)).order_by(Case.stage, Case.stage_entered_at, Case.id)
    for summary in fetch_summaries(query):
        columns[summary.stage].cards.append(summary)

    completed = columns[COMPLETED]
    completed.cards.reverse()
    completed.hidden_count = _count_hidden_completions(line, cutoff)
    return Board(line=line, columns=list(columns.values()))


def load_board_start(
    line: Line, clock: Clock, first_cards: int, calendar: BusinessCalendar, thresholds: Thresholds
) -> Board:
    """Load the first `first_cards` cards of each column of `line`, and the counts of the longer columns.

    This is the board as its first screen shows it. A column with more cards
    holds only its first ones, with its counts (BoardColumn.counts); `load_board`
    then fetches the rest. A small board comes back complete (Board.is_complete).
    """
    cutoff = _completion_cutoff(clock)
    totals = dict(
        Case.select(Case.stage, fn.COUNT(Case.id)).where(_on_board(line, cutoff)).group_by(Case.stage).tuples()
    )
    columns = [BoardColumn(stage) for stage in STAGES[line]]
    for column in columns:
        if totals.get(column.stage, 0) > 0:
            column.cards = fetch_summaries(_first_of_stage(line, column.stage, cutoff).limit(first_cards))

    long_stages = [column.stage for column in columns if totals.get(column.stage, 0) > len(column.cards)]
    stale = count_stale(line, long_stages, clock, calendar, thresholds) if long_stages else {}
    for column in columns:
        if column.stage in stale:
            column.counts = ColumnCounts(total=totals[column.stage], stale=stale[column.stage])
    columns[-1].hidden_count = _count_hidden_completions(line, cutoff)
    return Board(line=line, columns=columns)


def _first_of_stage(line: Line, stage: str, cutoff: datetime):
    """Return the query of one column's cards in the order of `load_board`: oldest in stage first, newest at 案件完了."""
    query = summary_query().where(_on_board(line, cutoff) & (Case.stage == stage))
    if stage == COMPLETED:
        return query.order_by(Case.stage_entered_at.desc(), Case.id.desc())
    return query.order_by(Case.stage_entered_at, Case.id)


def _count_hidden_completions(line: Line, cutoff: datetime) -> int:
    return (
        Case.select()
        .where((Case.line == line.value) & (Case.stage == COMPLETED) & (Case.stage_entered_at < cutoff))
        .count()
    )


def load_board_cards(line: Line, case_ids: Iterable[int], clock: Clock) -> dict[int, CaseSummary | None]:
    """Load the cards of `case_ids` as the board of `line` shows them, None for a case it does not show.

    A case is not shown when it belongs to another line, was completed more than
    RECENT_COMPLETION_DAYS ago, or no longer exists.
    """
    ids = list(case_ids)
    cards: dict[int, CaseSummary | None] = dict.fromkeys(ids)
    if not ids:
        return cards
    query = summary_query().where(Case.id.in_(ids) & _on_board(line, _completion_cutoff(clock)))
    for card in fetch_summaries(query):
        cards[card.id] = card
    return cards


def _completion_cutoff(clock: Clock) -> datetime:
    return to_storage(clock.now() - timedelta(days=RECENT_COMPLETION_DAYS))


def _on_board(line: Line, cutoff: datetime):
    """The condition of the cases the board of `line` shows: open ones, and those completed since `cutoff`."""
    return (Case.line == line.value) & ((Case.stage != COMPLETED) | (Case.stage_entered_at >= cutoff))


def load_case_summary(case_id: int) -> CaseSummary:
    """Load the card of one case; raise NotFoundError if it no longer exists."""
    found = fetch_summaries(summary_query().where(Case.id == case_id))
    if not found:
        raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
    return found[0]
