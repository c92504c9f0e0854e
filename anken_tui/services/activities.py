"""Provides logging a case's activities (活動) and finding each case's next follow-up (次回予定)."""

import logging
from collections.abc import Iterable
from datetime import date

from peewee import fn

from anken_tui import texts
from anken_tui.clock import Clock, to_storage
from anken_tui.db.models import Activity, Case, Staff
from anken_tui.db.transactions import write_transaction
from anken_tui.domain.activities import ActivityKind
from anken_tui.domain.dates import InvalidDateError, format_short_date, parse_optional_date
from anken_tui.errors import NotFoundError, ValidationError
from anken_tui.services.detail_records import ActivityView
from anken_tui.services.summaries import StaffRef

log = logging.getLogger(__name__)

MAX_ACTIVITY_TEXT_LENGTH = 500

# Keeps each IN (...) list well under SQLite's limit of bound parameters.
ID_CHUNK = 500

Creator = Staff.alias()

DateInput = date | str | None
"""A date, the text typed for it (12/4, 2026/12/4, 2026-12-04), or None / "" for none."""


def log_activity(
    case_id: int,
    kind: ActivityKind | str,
    done_on: DateInput,
    staff_id: int | None,
    text: str,
    follow_up_on: DateInput,
    *,
    user: StaffRef,
    clock: Clock,
) -> ActivityView:
    """Record an activity on a case: its kind, day, staff member, text and an optional follow-up date.

    `done_on` defaults to today and `staff_id` to `user` when None or blank.
    Logging an activity changes neither the stage nor the case's version, so it
    never conflicts with a move made at the same time. `text` is stored as typed.

    Raises:
        ValidationError: the kind is unknown, a date cannot be read, the activity
            day is after today, the follow-up is before the activity day, the
            staff member does not exist, or the text is too long.
        NotFoundError: the case no longer exists.
    """
    today = clock.today()
    activity_kind = _parse_kind(kind)
    done = _parse_day(done_on, today, texts.FIELD_ACTIVITY_DATE) or today
    follow_up = _parse_day(follow_up_on, today, texts.FIELD_FOLLOW_UP)
    _check_activity(done, follow_up, text, today)
    staff = user.id if staff_id is None else staff_id

    with write_transaction():
        if not Case.select().where(Case.id == case_id).exists():
            raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
        if not Staff.select().where(Staff.id == staff).exists():
            raise ValidationError(texts.FIELD_ACTIVITY_STAFF, texts.ACTIVITY_STAFF_NOT_FOUND)
        activity = Activity.create(
            case=case_id,
            kind=activity_kind.value,
            done_on=done,
            staff=staff,
            text=text,
            follow_up_on=follow_up,
            created_at=to_storage(clock.now()),
            created_by=user.id,
        )

    log.info("logged %s activity %s on case %s by staff %s", activity_kind.value, activity.id, case_id, user.id)
    return _load_activity(activity.id)


def list_activities(case_id: int) -> list[ActivityView]:
    """Return the activities of a case, newest first (by activity day, then by order of logging)."""
    query = _activity_query().where(Activity.case == case_id).order_by(Activity.done_on.desc(), Activity.id.desc())
    return [_to_view(row) for row in query.tuples()]


def next_follow_up(case_id: int) -> date | None:
    """Return the follow-up date (次回予定) of a case, or None; see next_follow_ups for the rule."""
    return next_follow_ups([case_id]).get(case_id)


def next_follow_ups(case_ids: Iterable[int]) -> dict[int, date]:
    """Return the follow-up date (次回予定) of each case that has one, by case id.

    The follow-up of a case is the one set by its latest activity (by activity
    day, then order of logging): a newer activity replaces the plan, and one
    logged without a follow-up date clears it. Cases without one are left out.
    """
    ids = list(dict.fromkeys(case_ids))
    follow_ups: dict[int, date] = {}
    for start in range(0, len(ids), ID_CHUNK):
        follow_ups |= _latest_follow_ups(ids[start : start + ID_CHUNK])
    return follow_ups


def _latest_follow_ups(case_ids: list[int]) -> dict[int, date]:
    latest_day = (
        Activity.select(Activity.case, fn.MAX(Activity.done_on).alias("latest_day"))
        .where(Activity.case.in_(case_ids))
        .group_by(Activity.case)
        .alias("latest")
    )
    rows = (
        Activity.select(Activity.case, Activity.id, Activity.follow_up_on)
        .join(latest_day, on=((Activity.case == latest_day.c.case_id) & (Activity.done_on == latest_day.c.latest_day)))
        .order_by(Activity.case, Activity.id)
        .tuples()
    )
    # Rows come in order of logging, so the last one of each case wins.
    latest = {case_id: follow_up for case_id, _activity_id, follow_up in rows}
    return {case_id: follow_up for case_id, follow_up in latest.items() if follow_up is not None}


def _parse_kind(kind: ActivityKind | str) -> ActivityKind:
    try:
        return ActivityKind(kind)
    except ValueError:
        raise ValidationError(texts.FIELD_ACTIVITY_KIND, texts.ACTIVITY_KIND_UNKNOWN) from None


def _parse_day(value: DateInput, today: date, field: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return parse_optional_date(value, today)
    except InvalidDateError as error:
        raise ValidationError(field, error.message) from None


def _check_activity(done: date, follow_up: date | None, text: str, today: date) -> None:
    if done > today:
        raise ValidationError(
            texts.FIELD_ACTIVITY_DATE, texts.ACTIVITY_DATE_FUTURE.format(today=format_short_date(today, today))
        )
    if follow_up is not None and follow_up < done:
        message = texts.FOLLOW_UP_BEFORE_ACTIVITY.format(
            follow_up=format_short_date(follow_up, today), done=format_short_date(done, today)
        )
        raise ValidationError(texts.FIELD_FOLLOW_UP, message)
    if len(text) > MAX_ACTIVITY_TEXT_LENGTH:
        message = texts.ACTIVITY_TEXT_TOO_LONG.format(limit=MAX_ACTIVITY_TEXT_LENGTH, length=len(text))
        raise ValidationError(texts.FIELD_ACTIVITY_TEXT, message)


def _activity_query():
    return (
        Activity.select(
            Activity.id, Activity.case, Activity.kind, Activity.done_on, Activity.staff, Staff.name,
            Activity.text, Activity.follow_up_on, Creator.name,
        )
        .join(Staff, on=(Activity.staff == Staff.id))
        .switch(Activity)
        .join(Creator, on=(Activity.created_by == Creator.id))
    )


def _load_activity(activity_id: int) -> ActivityView:
    return _to_view(_activity_query().where(Activity.id == activity_id).tuples().get())


def _to_view(row: tuple) -> ActivityView:
    activity_id, case_id, kind, done_on, staff_id, staff_name, text, follow_up_on, creator = row
    return ActivityView(
        id=activity_id,
        case_id=case_id,
        kind=ActivityKind(kind),
        done_on=done_on,
        staff_id=staff_id,
        staff_name=staff_name,
        text=text,
        follow_up_on=follow_up_on,
        created_by_name=creator,
    )
