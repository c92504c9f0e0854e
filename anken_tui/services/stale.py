"""Provides the stale-case list (滞留案件) and pausing a case's stale flag (保留)."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce
from operator import or_

from peewee import JOIN, fn

from anken_tui.clock import JST, Clock, jst_date, to_storage
from anken_tui.db.models import Activity, Case, Customer, Note, Staff
from anken_tui.db.values import as_date
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import MEETING, Line, SalesKind
from anken_tui.domain.staleness import StaleStatus, Thresholds, stale_cutoff, stale_status

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

    not_snoozed = Case.stale_snoozed_until.is_null() | (Case.stale_snoozed_until <= today)
    query = (
        Case.select(
            Case.id, Case.line, Case.sales_kind, Case.stage, Case.title, Customer.name,
            Case.owner, Staff.name, Case.version, Case.stage_entered_at, Case.meeting_date,
        )
        .join(Customer)
        .switch(Case)
        .join(Staff, JOIN.LEFT_OUTER, on=(Case.owner == Staff.id))
        .where(condition & not_snoozed)
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
            part = (Case.line == line.value) & (Case.stage == stage)
            part &= Case.stage_entered_at < start_of_day(cutoff + timedelta(days=1))
            if stage == MEETING:
                part &= Case.meeting_date.is_null() | (Case.meeting_date <= cutoff)
            parts.append(part)
    return reduce(or_, parts) if parts else None


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

