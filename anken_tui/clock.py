"""Provides the one clock that every "now" and "today" in anken-tui comes from.

Timestamps are stored as naive UTC datetimes; calendar dates (today, a meeting
date, an approval date) are dates in Japan Standard Time, where the office is.
"""

from datetime import date, datetime, timedelta, timezone

JST_OFFSET = timedelta(hours=9)
JST = timezone(JST_OFFSET, "JST")


class Clock:
    """The system clock."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        return datetime.now(timezone.utc)

    def today(self) -> date:
        """Return today's date in Japan Standard Time."""
        return self.now().astimezone(JST).date()


class FrozenClock(Clock):
    """A clock stopped at one instant, for tests and benchmarks; `advance` moves it."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._instant = instant.astimezone(timezone.utc)

    def now(self) -> datetime:
        return self._instant

    def advance(self, delta: timedelta) -> None:
        self._instant += delta


def to_storage(instant: datetime) -> datetime:
    """Convert an aware datetime to the naive UTC form stored in the database."""
    return instant.astimezone(timezone.utc).replace(tzinfo=None)


def from_storage(stored: datetime) -> datetime:
    """Convert a stored naive UTC datetime back to an aware one."""
    return stored.replace(tzinfo=timezone.utc)


def jst_date(stored: datetime) -> date:
    """Return the JST calendar date of a stored naive UTC timestamp."""
    # Japan keeps no daylight saving time, so JST is always UTC+9.
    return (stored + JST_OFFSET).date()
