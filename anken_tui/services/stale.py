"""Provides the stale-case list (滞留案件) and pausing a case's stale flag (保留)."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

from peewee import JOIN, fn

from anken_tui.clock import JST, Clock, jst_date, to_storage
from anken_tui.db.models import Activity, Case, Customer, Note, Staff
from anken_tui.db.database import database
from anken_tui.db.values import as_date, as_datetime
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import MEETING, Line, SalesKind
from anken_tui.domain.staleness import StaleStatus, Thresholds, meeting_sure_cutoff, stale_cutoff, stale_status

log = logging.getLogger(__name__)

# Keeps each IN (...) list well under SQLite's limit of bound parameters.
ID_CHUNK = 500


@dataclass(frozen=True)
class StaleCase:
    """One row of the stale view: a case, how long it has waited and when it was last touched."""

    id: int
    line: Line
    sales_kind: SalesKind | None
    stage: str
    title: str
    customer_name: str
    owner_id: int | None
    owner_name: str
    version: int
    status: StaleStatus
    last_touched_on: date | None


def start_of_day(day: date) -> datetime:
    """Return the stored (naive UTC) timestamp of 00:00 JST on `day`."""
    return to_storage(datetime.combine(day, time(), tzinfo=JST))


def list_stale_cases(
    clock: Clock,
    calendar: BusinessCalendar,
    thresholds: Thresholds,
    line: Line | None = None,
    owner_id: int | None = None,
) -> list[StaleCase]:
    """Return the stale cases, most overdue first, optionally of one line or one owner.

    The database selects only cases that entered their stage on or before the
    stage's cutoff date, so the open cases that are not stale, and every
    completed one, stay in the database; Python then measures the few it gets.
    Cases whose stale flag is paused until after today are left out.
    """
    today = clock.today()
    condition = _stale_condition(today, calendar, thresholds, line)
    if condition is None:
        return []

    query = (
        Case.select(
            Case.id, Case.line, Case.sales_kind, Case.stage, Case.title, Customer.name,
            Case.owner, Staff.name, Case.version, Case.stage_entered_at, Case.meeting_date,
        )
        .join(Customer)
        .switch(Case)
        .join(Staff, JOIN.LEFT_OUTER, on=(Case.owner == Staff.id))
        .where(condition & _not_snoozed(today))
    )
    if owner_id is not None:
        query = query.where(Case.owner == owner_id)

    rows = [_measure(row, today, calendar, thresholds) for row in query.tuples()]
    stale = [row for row in rows if row is not None]
    touched = last_touched(case.id for case in stale)
    stale = [_with_touch(case, touched.get(case.id)) for case in stale]
    stale.sort(key=lambda case: (-case.status.days_over, -case.status.days_in_stage, case.id))
    return stale


def _stale_condition(today, calendar, thresholds, only_line):
    """Build "(line, stage, entered on or before the cutoff) OR …" over every threshold."""
    parts = []
    for line, stages in thresholds.items():
        if only_line is not None and line is not only_line:
            continue
        for stage in stages:
            cutoff = stale_cutoff(line, stage, today, calendar, thresholds)
            parts.append(_stage_condition(line, stage, cutoff))
    return reduce(or_, parts) if parts else None


def _stage_condition(line: Line, stage: str, cutoff: date):
    """Return the condition of the cases of one stage that entered it on or before `cutoff` (see `stale_cutoff`)."""
    condition = (Case.line == line.value) & (Case.stage == stage)
    condition &= Case.stage_entered_at < start_of_day(cutoff + timedelta(days=1))
    if stage == MEETING:
        condition &= Case.meeting_date.is_null() | (Case.meeting_date <= cutoff)
    return condition


def _not_snoozed(today: date):
    return Case.stale_snoozed_until.is_null() | (Case.stale_snoozed_until <= today)


def count_stale(
    line: Line, stages: Iterable[str], clock: Clock, calendar: BusinessCalendar, thresholds: Thresholds
) -> dict[str, int]:
    """Count the stale cases of each of `stages` of `line`, as the stale view and the board's cards judge them.

    The database counts them. In 打合せ it counts the cases that are surely
    stale (see `meeting_sure_cutoff`), and the few that depend on how their
    entry day and meeting date fall are measured one by one.
    """
    today = clock.today()
    counts = {}
    for stage in stages:
        cutoff = stale_cutoff(line, stage, today, calendar, thresholds)
        if cutoff is None:
            counts[stage] = 0
            continue
        candidates = _stage_condition(line, stage, cutoff) & _not_snoozed(today)
        if stage != MEETING:
            counts[stage] = Case.select().where(candidates).count()
            continue

        sure_cutoff = meeting_sure_cutoff(line, today, calendar, thresholds)
        entered_by_sure = Case.stage_entered_at < start_of_day(sure_cutoff + timedelta(days=1))
        surely_stale = Case.select().where(candidates & entered_by_sure).count()
        undecided = Case.select(Case.stage_entered_at, Case.meeting_date).where(
            candidates & ~entered_by_sure & Case.meeting_date.is_null(False)
        )
        # Raw rows, like the board's cards: Peewee's conversion of many rows costs more than the query.
        counts[stage] = surely_stale + sum(
            1
            for entered_at, meeting in database.execute(undecided)
            if _is_stale(line, stage, jst_date(as_datetime(entered_at)), today, calendar, thresholds, as_date(meeting))
        )
    return counts


def _is_stale(line, stage, entered_on, today, calendar, thresholds, meeting) -> bool:
    status = stale_status(line, stage, entered_on, today, calendar, thresholds, meeting)
    return status is not None and status.is_stale


def _measure(row, today, calendar, thresholds) -> StaleCase | None:
    case_id, line, kind, stage, title, customer, owner_id, owner, version, entered_at, meeting = row
    line = Line(line)
    status = stale_status(line, stage, jst_date(entered_at), today, calendar, thresholds, meeting)
    if status is None or not status.is_stale:
        return None
    return StaleCase(
        id=case_id,
        line=line,
        sales_kind=SalesKind(kind) if kind else None,
        stage=stage,
        title=title,
        customer_name=customer,
        owner_id=owner_id,
        owner_name=owner or "",
        version=version,
        status=status,
        last_touched_on=None,
    )


def _with_touch(case: StaleCase, touched: date | None) -> StaleCase:
    return StaleCase(**{**case.__dict__, "last_touched_on": touched})


def last_touched(case_ids) -> dict[int, date]:
    """Return, per case id, the date of its latest note or activity (cases with neither are absent)."""
    ids = list(case_ids)
    latest: dict[int, date] = {}
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        notes = Note.select(Note.case, fn.MAX(Note.written_on)).where(Note.case.in_(chunk)).group_by(Note.case)
        activities = (
            Activity.select(Activity.case, fn.MAX(Activity.done_on))
            .where(Activity.case.in_(chunk))
            .group_by(Activity.case)
        )
        for case_id, day in [*notes.tuples(), *activities.tuples()]:
            day = as_date(day)
            if day is not None and (case_id not in latest or day > latest[case_id]):
                latest[case_id] = day
    return latest

