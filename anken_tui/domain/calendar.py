"""Provides the company's business-day calendar (営業日) and business-day counting."""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import MINYEAR, date, datetime, timedelta


# The year-end closure (年末年始), 12/29 to 1/3, when the city office is closed too.
YEAR_END_CLOSURE = ((12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3))

SATURDAY = 5
SUNDAY = 6

# The national holidays of each year, shared by every calendar in the process,
# because jpholiday takes about 30 ms to list one year and a change of the
# settings builds a new calendar. anken_tui.holiday_cache also fills this from a file.
_national_holidays_by_year: dict[int, frozenset[date]] = {}


def national_holidays(year: int) -> frozenset[date]:
    """Return the national holidays of `year`, 振替休日 and 国民の休日 included."""
    found = _national_holidays_by_year.get(year)
    if found is None:
        # Imported here: when anken_tui.holiday_cache has read this year, a start does not load it.
        import jpholiday

        found = frozenset(holiday for holiday, _name in jpholiday.year_holidays(year))
        _national_holidays_by_year[year] = found
    return found


def remember_national_holidays(year: int, days: frozenset[date]) -> None:
    """Use `days` as the national holidays of `year` from now on, as a cache read from disk gives them."""
    _national_holidays_by_year[year] = frozenset(days)


def forget_national_holidays() -> None:
    """Drop every year's remembered holidays, so that the next calendar calls jpholiday again."""
    _national_holidays_by_year.clear()


@dataclass(frozen=True)
class _YearTable:
    """One year's closed dates and its running count of business days."""

    first_ordinal: int
    closed: frozenset[date]
    # prefix[i] is the number of business days from January 1 through day i of the
    # year (day 1 is January 1), and prefix[0] is 0 for the day before January 1.
    prefix: tuple[int, ...]


@dataclass(frozen=True)
class BusinessCalendar:
    """Which days are business days (営業日) for the company.

    A day is closed when it is a Sunday, a Saturday (unless `saturday_is_workday`),
    a national holiday from jpholiday (振替休日 and 国民の休日 included) or a day of
    the year-end closure 12/29 to 1/3. It is also closed when it is in `closed_days`,
    the company's own closed days such as お盆. Every other day is a business day.
    """

    saturday_is_workday: bool = False
    closed_days: frozenset[date] = frozenset()
    # Built lazily, one table per year, so that counting over years costs no day loop.
    _tables: dict[int, _YearTable] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        # Accept any iterable of dates (a set or a list from the settings) but store a frozenset.
        object.__setattr__(self, "closed_days", frozenset(self.closed_days))

    def is_business_day(self, day: date) -> bool:
        """Return whether `day` is a business day."""
        _require_date(day)
        return self._is_open(day, self._table(day.year).closed)

    def business_days_between(self, start: date, end: date) -> int:
        """Count the business days strictly after `start` up to and including `end`.

        The same day gives 0, and a Friday to the next Monday gives 1. The weekend,
        holidays and closed days in between are skipped, and `start` itself never
        counts. When `end` is before `start` the result is the negative of
        `business_days_between(end, start)`. A call costs a few lookups per calendar
        year spanned, because each year's running count is computed once and cached.
        """
        _require_date(start)
        _require_date(end)
        if end < start:
            return -self.business_days_between(end, start)

        start_table = self._table(start.year)
        end_table = self._table(end.year)
        start_count = start_table.prefix[start.toordinal() - start_table.first_ordinal + 1]
        end_count = end_table.prefix[end.toordinal() - end_table.first_ordinal + 1]
        if start.year == end.year:
            return end_count - start_count

        total = start_table.prefix[-1] - start_count
        for year in range(start.year + 1, end.year):
            total += self._table(year).prefix[-1]
        return total + end_count

    def latest_start(self, end: date, days: int) -> date:
        """Return the latest date `start` with `business_days_between(start, end) >= days`.

        Any earlier date also counts at least `days` business days up to `end`, so the
        result is the cutoff for "in the stage for `days` business days or more".

        Raises:
            ValueError: `days` is less than 1.
            OverflowError: the result would fall before year 1.
        """
        _require_date(end)
        if days < 1:
            raise ValueError(f"days must be at least 1, got {days}")

        year = end.year
        remaining = days
        table = self._table(year)
        day_index = end.toordinal() - table.first_ordinal + 1
        # Walk back a whole year at a time, then search the year that contains the answer.
        while table.prefix[day_index] < remaining:
            remaining -= table.prefix[day_index]
            year -= 1
            if year < MINYEAR:
                raise OverflowError(f"{days} business days before {end} is before year {MINYEAR}")
            table = self._table(year)
            day_index = len(table.prefix) - 1

        target = table.prefix[day_index] - remaining
        found_index = bisect_right(table.prefix, target) - 1
        return date.fromordinal(table.first_ordinal + found_index - 1)

    def _table(self, year: int) -> _YearTable:
        table = self._tables.get(year)
        if table is None:
            table = self._build_table(year)
            self._tables[year] = table
        return table

    def _build_table(self, year: int) -> _YearTable:
        closed = set(national_holidays(year))
        closed.update(date(year, month, day) for month, day in YEAR_END_CLOSURE)
        closed.update(day for day in self.closed_days if day.year == year)
        frozen_closed = frozenset(closed)

        first = date(year, 1, 1)
        day_count = date(year, 12, 31).toordinal() - first.toordinal() + 1
        prefix = [0]
        for offset in range(day_count):
            day = first + timedelta(days=offset)
            prefix.append(prefix[-1] + self._is_open(day, frozen_closed))
        return _YearTable(first_ordinal=first.toordinal(), closed=frozen_closed, prefix=tuple(prefix))

    def _is_open(self, day: date, closed: frozenset[date]) -> bool:
        weekday = day.weekday()
        if weekday == SUNDAY or (weekday == SATURDAY and not self.saturday_is_workday):
            return False
        return day not in closed


def _require_date(value: date) -> None:
    # A datetime never equals the date it falls on, so it would miss every closed day.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")
