"""Provides loading a board: the cases of one line, grouped by stage."""

from datetime import timedelta

from peewee import JOIN

from anken_tui.clock import Clock, jst_date, to_storage
from anken_tui.db.models import Case, Customer, Staff
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
)


def _summary_query():
    return (
        Case.select(*_SUMMARY_FIELDS)
        .join(Customer)
        .switch(Case)
        .join(Staff, JOIN.LEFT_OUTER, on=(Case.owner == Staff.id))
    )


def _to_summary(row: tuple) -> CaseSummary:
    case_id, line, kind, stage, title, customer, search, owner, entered, version, outcome = row
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
    )


def load_board(line: Line, clock: Clock) -> Board:
    """Load every open case of `line` and its recent completions, oldest in stage first.

    One query fetches the rows as tuples, so a board of 10,000 cases builds no
    model instances; completions older than RECENT_COMPLETION_DAYS are only counted.
    """
    cutoff = to_storage(clock.now() - timedelta(days=RECENT_COMPLETION_DAYS))
    columns = {stage: BoardColumn(stage) for stage in STAGES[line]}

    rows = (
        _summary_query()
        .where((Case.line == line.value) & ((Case.stage != COMPLETED) | (Case.stage_entered_at >= cutoff)))
        .order_by(Case.stage_entered_at, Case.id)
        .tuples()
    )
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


def load_case_summary(case_id: int) -> CaseSummary:
    """Load the card of one case; raise NotFoundError if it no longer exists."""
    row = _summary_query().where(Case.id == case_id).tuples().first()
    if row is None:
        raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
    return _to_summary(row)
