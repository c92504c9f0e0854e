"""Tests for the business-day calendar against the real Japanese calendars of 2026 and 2027."""

import random
from datetime import date, datetime, timedelta

import jpholiday
import pytest

from anken_tui.domain import calendar as calendar_module
from anken_tui.domain.calendar import BusinessCalendar

DEFAULT = BusinessCalendar()
SATURDAYS = BusinessCalendar(saturday_is_workday=True)
OBON = BusinessCalendar(closed_days=frozenset({date(2026, 8, 13), date(2026, 8, 14)}))
OBON_SATURDAYS = BusinessCalendar(
    saturday_is_workday=True, closed_days=frozenset({date(2026, 8, 15)})
)


def reference_business_days(start: date, end: date, calendar: BusinessCalendar) -> int:
    """Count business days in (start, end] one day at a time, with jpholiday.is_holiday."""
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        weekday = day.weekday()
        closed = (
            weekday == 6
            or (weekday == 5 and not calendar.saturday_is_workday)
            or jpholiday.is_holiday(day)
            or (day.month, day.day) in {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}
            or day in calendar.closed_days
        )
        count += not closed
        day += timedelta(days=1)
    return count


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        # Golden Week 2026.
        (DEFAULT, date(2026, 4, 28), True),
        (DEFAULT, date(2026, 4, 29), False),  # 昭和の日, Wednesday
        (DEFAULT, date(2026, 4, 30), True),
        (DEFAULT, date(2026, 5, 1), True),
        (DEFAULT, date(2026, 5, 2), False),  # Saturday
        (SATURDAYS, date(2026, 5, 2), True),
        (DEFAULT, date(2026, 5, 3), False),  # 憲法記念日, Sunday
        (SATURDAYS, date(2026, 5, 3), False),
        (DEFAULT, date(2026, 5, 4), False),  # みどりの日
        (DEFAULT, date(2026, 5, 5), False),  # こどもの日
        (DEFAULT, date(2026, 5, 6), False),  # 振替休日 for 5/3
        (SATURDAYS, date(2026, 5, 6), False),
        (DEFAULT, date(2026, 5, 7), True),
        # Silver week 2026.
        (DEFAULT, date(2026, 9, 18), True),
        (DEFAULT, date(2026, 9, 19), False),  # Saturday
        (SATURDAYS, date(2026, 9, 19), True),
        (DEFAULT, date(2026, 9, 21), False),  # 敬老の日
        (DEFAULT, date(2026, 9, 22), False),  # 国民の休日
        (DEFAULT, date(2026, 9, 23), False),  # 秋分の日
        (DEFAULT, date(2026, 9, 24), True),
        # Year-end closure 2026 to 2027.
        (DEFAULT, date(2026, 12, 28), True),
        (DEFAULT, date(2026, 12, 29), False),
        (DEFAULT, date(2026, 12, 30), False),
        (DEFAULT, date(2026, 12, 31), False),
        (DEFAULT, date(2027, 1, 1), False),  # 元日
        (SATURDAYS, date(2027, 1, 2), False),  # Saturday inside the closure
        (DEFAULT, date(2027, 1, 3), False),
        (DEFAULT, date(2027, 1, 4), True),
        (DEFAULT, date(2027, 1, 11), False),  # 成人の日
        (SATURDAYS, date(2026, 12, 26), True),
        # Company closed days (お盆).
        (DEFAULT, date(2026, 8, 13), True),
        (OBON, date(2026, 8, 13), False),
        (OBON, date(2026, 8, 14), False),
        (OBON, date(2026, 8, 17), True),
        (OBON_SATURDAYS, date(2026, 8, 15), False),  # closed day on a working Saturday
        (OBON_SATURDAYS, date(2026, 8, 22), True),
    ],
)
def test_is_business_day(calendar: BusinessCalendar, day: date, expected: bool) -> None:
    assert calendar.is_business_day(day) is expected


@pytest.mark.parametrize(
    ("calendar", "start", "end", "expected"),
    [
        (DEFAULT, date(2026, 6, 5), date(2026, 6, 5), 0),  # same day
        (DEFAULT, date(2026, 6, 5), date(2026, 6, 8), 1),  # Friday to Monday
        (DEFAULT, date(2026, 6, 8), date(2026, 6, 12), 4),  # Monday to Friday
        (DEFAULT, date(2026, 6, 6), date(2026, 6, 7), 0),  # Saturday to Sunday
        (DEFAULT, date(2026, 6, 6), date(2026, 6, 8), 1),  # Saturday to Monday
        (DEFAULT, date(2026, 6, 8), date(2026, 6, 5), -1),  # end before start
        (SATURDAYS, date(2026, 6, 5), date(2026, 6, 8), 2),
        # Golden Week 2026: 4/29 and 5/3 to 5/6 are holidays.
        (DEFAULT, date(2026, 4, 28), date(2026, 5, 7), 3),
        (DEFAULT, date(2026, 5, 1), date(2026, 5, 6), 0),
        (DEFAULT, date(2026, 5, 1), date(2026, 5, 7), 1),
        (SATURDAYS, date(2026, 5, 1), date(2026, 5, 7), 2),
        # Silver week 2026: 9/19 Saturday to 9/23 are closed.
        (DEFAULT, date(2026, 9, 18), date(2026, 9, 24), 1),
        (SATURDAYS, date(2026, 9, 18), date(2026, 9, 24), 2),
        (DEFAULT, date(2026, 9, 17), date(2026, 9, 25), 3),
        # Year-end closure across the year boundary.
        (DEFAULT, date(2026, 12, 28), date(2027, 1, 4), 1),
        (DEFAULT, date(2026, 12, 25), date(2027, 1, 4), 2),
        (SATURDAYS, date(2026, 12, 25), date(2027, 1, 4), 3),
        (DEFAULT, date(2027, 1, 4), date(2026, 12, 25), -2),
        (DEFAULT, date(2027, 1, 8), date(2027, 1, 12), 1),  # 1/11 成人の日
        # お盆 as company closed days, after 8/11 山の日.
        (DEFAULT, date(2026, 8, 10), date(2026, 8, 17), 4),
        (OBON, date(2026, 8, 10), date(2026, 8, 17), 2),
        # The whole of 2026: 261 weekdays, 16 weekday holidays, 5 weekdays of closure.
        (DEFAULT, date(2025, 12, 31), date(2026, 12, 31), 240),
        # Saturday-working 2026 adds 51 Saturdays (1/3 is in the closure).
        (SATURDAYS, date(2025, 12, 31), date(2026, 12, 31), 291),
    ],
)
def test_business_days_between(
    calendar: BusinessCalendar, start: date, end: date, expected: int
) -> None:
    assert calendar.business_days_between(start, end) == expected


@pytest.mark.parametrize("calendar", [DEFAULT, SATURDAYS, OBON], ids=["default", "saturdays", "obon"])
def test_between_matches_day_by_day_count(calendar: BusinessCalendar) -> None:
    rng = random.Random(20260506)
    first = date(2024, 1, 1).toordinal()
    for _ in range(300):
        start = date.fromordinal(first + rng.randrange(365 * 5))
        end = start + timedelta(days=rng.randrange(0, 365 * 3))
        expected = reference_business_days(start, end, calendar)
        assert calendar.business_days_between(start, end) == expected, (start, end)


def test_is_business_day_agrees_with_jpholiday() -> None:
    day = date(2026, 1, 1)
    while day <= date(2027, 12, 31):
        expected = reference_business_days(day - timedelta(days=1), day, DEFAULT) == 1
        assert DEFAULT.is_business_day(day) is expected, day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("calendar", "end", "days", "expected"),
    [
        (DEFAULT, date(2026, 6, 8), 1, date(2026, 6, 7)),  # Monday: the Sunday before
        (DEFAULT, date(2026, 6, 6), 1, date(2026, 6, 4)),  # Saturday: Friday counts
        (SATURDAYS, date(2026, 6, 6), 1, date(2026, 6, 5)),
        (DEFAULT, date(2026, 5, 19), 11, date(2026, 4, 29)),  # back across Golden Week
        (DEFAULT, date(2027, 1, 4), 1, date(2027, 1, 3)),
        (DEFAULT, date(2027, 1, 4), 2, date(2026, 12, 27)),  # back across the year end
        (DEFAULT, date(2026, 12, 31), 240, date(2026, 1, 4)),  # 1/5 is the first business day
        (OBON, date(2026, 8, 17), 2, date(2026, 8, 11)),
    ],
)
def test_latest_start(calendar: BusinessCalendar, end: date, days: int, expected: date) -> None:
    assert calendar.latest_start(end, days) == expected


def test_latest_start_is_tight() -> None:
    for offset in range(0, 400, 3):
        end = date(2026, 1, 1) + timedelta(days=offset)
        for days in (1, 2, 5, 10, 21, 250, 700):
            start = DEFAULT.latest_start(end, days)
            assert DEFAULT.business_days_between(start, end) >= days, (end, days)
            assert DEFAULT.business_days_between(start + timedelta(days=1), end) < days, (end, days)


def test_latest_start_rejects_zero_days() -> None:
    with pytest.raises(ValueError):
        DEFAULT.latest_start(date(2026, 6, 8), 0)


def test_datetime_is_rejected() -> None:
    with pytest.raises(TypeError):
        DEFAULT.is_business_day(datetime(2026, 5, 6, 9, 0))
    with pytest.raises(TypeError):
        DEFAULT.business_days_between(date(2026, 5, 1), datetime(2026, 5, 7))


def test_closed_days_accepts_a_list() -> None:
    calendar = BusinessCalendar(closed_days=[date(2026, 8, 13)])  # type: ignore[arg-type]

    assert calendar.closed_days == frozenset({date(2026, 8, 13)})
    assert calendar.is_business_day(date(2026, 8, 13)) is False
    assert calendar == BusinessCalendar(closed_days=frozenset({date(2026, 8, 13)}))


def test_holidays_are_looked_up_once_per_year(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = jpholiday.year_holidays

    def counting_year_holidays(year: int) -> list[tuple[date, str]]:
        calls.append(year)
        return original(year)

    monkeypatch.setattr(jpholiday, "year_holidays", counting_year_holidays)
    calendar_module.forget_national_holidays()
    calendar = BusinessCalendar()
    today = date(2026, 12, 4)
    for offset in range(100_000):
        # Case entry dates spread over three years before today.
        calendar.business_days_between(today - timedelta(days=offset % 1095), today)

    assert sorted(calls) == [2023, 2024, 2025, 2026]

    # A calendar built later, as after a change of the settings, does not call jpholiday again.
    BusinessCalendar(saturday_is_workday=True).business_days_between(date(2024, 1, 5), today)
    assert sorted(calls) == [2023, 2024, 2025, 2026]


def test_remembered_holidays_replace_jpholiday() -> None:
    # 2026-06-10 is an ordinary Wednesday; a remembered list (as the holiday cache file gives) closes it.
    calendar_module.forget_national_holidays()
    try:
        calendar_module.remember_national_holidays(2026, frozenset({date(2026, 6, 10)}))
        calendar = BusinessCalendar()
        assert not calendar.is_business_day(date(2026, 6, 10))
        # 海の日 is not in the remembered list, so it counts as a business day.
        assert calendar.is_business_day(date(2026, 7, 20))
    finally:
        calendar_module.forget_national_holidays()
