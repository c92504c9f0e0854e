"""Provides reading date and time values that bypass the models' fields.

A raw cursor, a subquery or an aggregate such as MAX() hands values back as
the driver gives them: SQLite as ISO text, PostgreSQL as date and datetime
objects. These functions accept both.
"""

from datetime import date, datetime


def as_date(value: date | datetime | str | None) -> date | None:
    """Return the calendar date of a raw DATE value, or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def as_datetime(value: datetime | str) -> datetime:
    """Return a raw DATETIME value, stored as naive UTC, as a naive datetime."""
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
