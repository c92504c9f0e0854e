"""Tests for the stale-case rule (滞留案件) on the real calendars of 2026 and 2027."""

from datetime import date, timedelta

import pytest

from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import (
    AWAITING_ORDER,
    COMPLETED,
    INVOICE_SUBMITTED,
    INVOICING,
    MEETING,
    POST_APPLICATION,
    PRE_APPLICATION,
    QUOTING,
    RECEIVED,
    STAGES,
    WORK,
    Line,
)
from anken_tui.domain.staleness import (
    DEFAULT_THRESHOLDS,
    StaleStatus,
    counting_start,
    meeting_sure_cutoff,
    stale_cutoff,
    stale_status,
    threshold_for,
)

DEFAULT = BusinessCalendar()
SATURDAYS = BusinessCalendar(saturday_is_workday=True)
OBON = BusinessCalendar(closed_days=frozenset({date(2026, 8, 13), date(2026, 8, 14)}))


def test_default_thresholds_match_the_table() -> None:
    assert DEFAULT_THRESHOLDS == {
        Line.RENTAL: {"案件受付": 10, "打合せ": 5, "作業工程": 10},
        Line.SALES: {"案件受付": 10, "打合せ": 5, "見積工程": 5, "作業工程": 10, "事後申請中": 2},
        Line.RENOVATION: {
            "案件受付": 10,
            "打合せ": 5,
            "見積工程": 7,
            "受注待ち": 10,
            "事前申請中": 10,
            "作業工程": 10,
            "請求工程": 5,
            "請求書提出済": 20,
            "事後申請中": 5,
        },
        Line.EQUIPMENT: {
            "案件受付": 10,
            "打合せ": 5,
            "見積工程": 7,
            "受注待ち": 15,
            "作業工程": 15,
            "請求工程": 5,
            "請求書提出済": 20,
        },
    }


@pytest.mark.parametrize("line", list(Line))
def test_default_thresholds_use_the_line_stages(line: Line) -> None:
    assert COMPLETED not in DEFAULT_THRESHOLDS[line]
    assert set(DEFAULT_THRESHOLDS[line]) <= set(STAGES[line])


@pytest.mark.parametrize(
    ("line", "stage", "entered_on", "today", "calendar", "meeting_date", "days", "stale", "over"),
    [
        # 案件受付 (10): 4/29 and 5/3 to 5/6 do not count.
        (Line.RENTAL, RECEIVED, date(2026, 4, 28), date(2026, 5, 18), DEFAULT, None, 10, False, 0),
        (Line.RENTAL, RECEIVED, date(2026, 4, 28), date(2026, 5, 19), DEFAULT, None, 11, True, 1),
        (Line.RENTAL, RECEIVED, date(2026, 4, 28), date(2026, 4, 28), DEFAULT, None, 0, False, -10),
        # Sales 事後申請中 (2) across the silver week.
        (Line.SALES, POST_APPLICATION, date(2026, 9, 18), date(2026, 9, 25), DEFAULT, None, 2, False, 0),
        (Line.SALES, POST_APPLICATION, date(2026, 9, 18), date(2026, 9, 28), DEFAULT, None, 3, True, 1),
        # 請求書提出済 (20) across the year-end closure.
        (Line.RENOVATION, INVOICE_SUBMITTED, date(2026, 12, 1), date(2027, 1, 4), DEFAULT, None, 20, False, 0),
        (Line.RENOVATION, INVOICE_SUBMITTED, date(2026, 12, 1), date(2027, 1, 5), DEFAULT, None, 21, True, 1),
        # 打合せ (5) with working Saturdays counts 9/19 and 9/26.
        (Line.RENTAL, MEETING, date(2026, 9, 18), date(2026, 9, 29), SATURDAYS, None, 6, True, 1),
        (Line.RENTAL, MEETING, date(2026, 9, 18), date(2026, 9, 29), DEFAULT, None, 4, False, -1),
        # 見積工程 (7) with お盆 8/13 and 8/14 closed.
        (Line.RENOVATION, QUOTING, date(2026, 8, 7), date(2026, 8, 21), OBON, None, 7, False, 0),
        (Line.RENOVATION, QUOTING, date(2026, 8, 7), date(2026, 8, 21), DEFAULT, None, 9, True, 2),
        # Other lines and stages.
        (Line.EQUIPMENT, AWAITING_ORDER, date(2026, 6, 1), date(2026, 6, 22), DEFAULT, None, 15, False, 0),
        (Line.EQUIPMENT, AWAITING_ORDER, date(2026, 6, 1), date(2026, 6, 23), DEFAULT, None, 16, True, 1),
        (Line.RENOVATION, PRE_APPLICATION, date(2026, 6, 1), date(2026, 6, 16), DEFAULT, None, 11, True, 1),
        (Line.EQUIPMENT, INVOICING, date(2026, 6, 5), date(2026, 6, 12), DEFAULT, None, 5, False, 0),
    ],
)
def test_stale_status(
    line: Line,
    stage: str,
    entered_on: date,
    today: date,
    calendar: BusinessCalendar,
    meeting_date: date | None,
    days: int,
    stale: bool,
    over: int,
) -> None:
    status = stale_status(line, stage, entered_on, today, calendar, DEFAULT_THRESHOLDS, meeting_date)

    assert status is not None
    assert status.days_in_stage == days
    assert status.is_stale is stale
    assert status.days_over == over
    assert status.threshold == DEFAULT_THRESHOLDS[line][stage]


@pytest.mark.parametrize(
    ("stage", "entered_on", "meeting_date", "today", "counted_from", "days", "stale"),
    [
        # The meeting is a month ahead: not stale, although 14 business days have passed.
        (MEETING, date(2026, 6, 1), date(2026, 7, 1), date(2026, 6, 19), date(2026, 7, 1), 0, False),
        (MEETING, date(2026, 6, 1), date(2026, 7, 1), date(2026, 7, 1), date(2026, 7, 1), 0, False),
        # After the meeting (Wed 7/1) the case should move on: stale on the 2nd business day.
        (MEETING, date(2026, 6, 1), date(2026, 7, 1), date(2026, 7, 2), date(2026, 7, 1), 1, False),
        (MEETING, date(2026, 6, 1), date(2026, 7, 1), date(2026, 7, 3), date(2026, 7, 1), 2, True),
        # Over a weekend: Fri 7/3 meeting, Mon 7/6 is day 1, Tue 7/7 is day 2.
        (MEETING, date(2026, 6, 1), date(2026, 7, 3), date(2026, 7, 6), date(2026, 7, 3), 1, False),
        (MEETING, date(2026, 6, 1), date(2026, 7, 3), date(2026, 7, 7), date(2026, 7, 3), 2, True),
        (MEETING, date(2026, 6, 1), None, date(2026, 6, 19), date(2026, 6, 1), 14, True),
        # Entered 打合せ on the meeting day (Wed 7/1): stale on the 2nd business day after.
        (MEETING, date(2026, 7, 1), date(2026, 7, 1), date(2026, 7, 2), date(2026, 7, 1), 1, False),
        (MEETING, date(2026, 7, 1), date(2026, 7, 1), date(2026, 7, 3), date(2026, 7, 1), 2, True),
        # A meeting date before the entry date: count from the entry date.
        (MEETING, date(2026, 6, 10), date(2026, 6, 1), date(2026, 6, 19), date(2026, 6, 10), 7, True),
        # Other stages ignore a meeting date (作業工程 threshold 10).
        (WORK, date(2026, 6, 1), date(2026, 7, 1), date(2026, 6, 19), date(2026, 6, 1), 14, True),
    ],
)
def test_stale_status_meeting_date(
    stage: str,
    entered_on: date,
    meeting_date: date | None,
    today: date,
    counted_from: date,
    days: int,
    stale: bool,
) -> None:
    status = stale_status(
        Line.RENTAL, stage, entered_on, today, DEFAULT, DEFAULT_THRESHOLDS, meeting_date
    )

    assert status is not None
    assert status.counted_from == counted_from
    assert status.days_in_stage == days
    assert status.is_stale is stale


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        (Line.RENTAL, COMPLETED),
        (Line.SALES, COMPLETED),
        (Line.RENOVATION, COMPLETED),
        (Line.EQUIPMENT, COMPLETED),
        (Line.RENTAL, QUOTING),  # not a rental stage
        (Line.EQUIPMENT, POST_APPLICATION),  # not an equipment stage
    ],
)
def test_stage_without_threshold_is_never_stale(line: Line, stage: str) -> None:
    entered_on = date(2020, 1, 6)
    today = date(2026, 12, 4)

    assert threshold_for(line, stage, DEFAULT_THRESHOLDS) is None
    assert stale_status(line, stage, entered_on, today, DEFAULT, DEFAULT_THRESHOLDS) is None
    assert stale_cutoff(line, stage, today, DEFAULT, DEFAULT_THRESHOLDS) is None


def test_zero_threshold_is_stale_after_one_day() -> None:
    thresholds = {Line.RENTAL: {RECEIVED: 0}}
    friday = date(2026, 6, 5)

    saturday = stale_status(Line.RENTAL, RECEIVED, friday, date(2026, 6, 6), DEFAULT, thresholds)
    monday = stale_status(Line.RENTAL, RECEIVED, friday, date(2026, 6, 8), DEFAULT, thresholds)

    assert saturday == StaleStatus(counted_from=friday, days_in_stage=0, threshold=0)
    assert saturday.is_stale is False
    assert monday == StaleStatus(counted_from=friday, days_in_stage=1, threshold=0)
    assert monday.is_stale is True


def test_counting_start_only_moves_for_meetings() -> None:
    assert counting_start(MEETING, date(2026, 6, 1), date(2026, 7, 1)) == date(2026, 7, 1)
    assert counting_start(MEETING, date(2026, 6, 1), None) == date(2026, 6, 1)
    assert counting_start(RECEIVED, date(2026, 6, 1), date(2026, 7, 1)) == date(2026, 6, 1)


@pytest.mark.parametrize(
    ("line", "stage", "today", "calendar", "expected"),
    [
        (Line.RENTAL, RECEIVED, date(2026, 5, 19), DEFAULT, date(2026, 4, 29)),
        # 打合せ uses the shorter after-meeting threshold (1), so 2 business days back.
        (Line.RENTAL, MEETING, date(2026, 7, 9), DEFAULT, date(2026, 7, 7)),
        (Line.SALES, POST_APPLICATION, date(2026, 9, 28), DEFAULT, date(2026, 9, 23)),
        (Line.RENOVATION, INVOICE_SUBMITTED, date(2027, 1, 5), DEFAULT, date(2026, 12, 1)),
        (Line.RENOVATION, QUOTING, date(2026, 8, 21), OBON, date(2026, 8, 6)),
        (Line.RENTAL, MEETING, date(2026, 9, 29), SATURDAYS, date(2026, 9, 27)),
    ],
)
def test_stale_cutoff(
    line: Line, stage: str, today: date, calendar: BusinessCalendar, expected: date
) -> None:
    assert stale_cutoff(line, stage, today, calendar, DEFAULT_THRESHOLDS) == expected


def _todays() -> list[date]:
    """Return the days around Golden Week, お盆, the silver week and the year end."""
    windows = [
        (date(2026, 4, 24), 24),
        (date(2026, 8, 5), 21),
        (date(2026, 9, 15), 18),
        (date(2026, 12, 20), 27),
    ]
    return [start + timedelta(days=offset) for start, length in windows for offset in range(length)]


@pytest.mark.parametrize("calendar", [DEFAULT, SATURDAYS, OBON], ids=["default", "saturdays", "obon"])
def test_stale_cutoff_agrees_with_stale_status(calendar: BusinessCalendar) -> None:
    for today in _todays():
        for line, stages in DEFAULT_THRESHOLDS.items():
            for stage in stages:
                cutoff = stale_cutoff(line, stage, today, calendar, DEFAULT_THRESHOLDS)
                assert cutoff is not None
                for back in range(-3, 45):
                    entered_on = today - timedelta(days=back)
                    status = stale_status(line, stage, entered_on, today, calendar, DEFAULT_THRESHOLDS)
                    assert status is not None
                    if stage == MEETING:
                        # The 打合せ cutoff selects a superset; stale_status decides.
                        assert not status.is_stale or entered_on <= cutoff, (line, entered_on, today)
                    else:
                        assert (entered_on <= cutoff) is status.is_stale, (line, stage, entered_on, today)


def test_stale_cutoff_agrees_for_meeting_dates() -> None:
    for today in _todays():
        cutoff = stale_cutoff(Line.SALES, MEETING, today, DEFAULT, DEFAULT_THRESHOLDS)
        assert cutoff is not None
        for entered_back in range(0, 30, 2):
            entered_on = today - timedelta(days=entered_back)
            for meeting_back in range(-20, 30, 3):
                meeting_date = today - timedelta(days=meeting_back)
                status = stale_status(
                    Line.SALES, MEETING, entered_on, today, DEFAULT, DEFAULT_THRESHOLDS, meeting_date
                )
                assert status is not None
                selected = entered_on <= cutoff and meeting_date <= cutoff
                assert not status.is_stale or selected, (entered_on, meeting_date, today)


@pytest.mark.parametrize("calendar", [DEFAULT, SATURDAYS, OBON], ids=["default", "saturdays", "obon"])
def test_meeting_sure_cutoff_splits_the_candidates(calendar: BusinessCalendar) -> None:
    """Within stale_cutoff, entry on or before the sure cutoff means stale; after it, stale needs a meeting date."""
    for today in _todays():
        for line in Line:
            cutoff = stale_cutoff(line, MEETING, today, calendar, DEFAULT_THRESHOLDS)
            sure_cutoff = meeting_sure_cutoff(line, today, calendar, DEFAULT_THRESHOLDS)
            assert cutoff is not None
            assert sure_cutoff is not None
            assert sure_cutoff <= cutoff
            for entered_back in range(0, 30):
                entered_on = today - timedelta(days=entered_back)
                for meeting_date in [None, *(today - timedelta(days=back) for back in range(-5, 30, 2))]:
                    if entered_on > cutoff or (meeting_date is not None and meeting_date > cutoff):
                        continue
                    status = stale_status(line, MEETING, entered_on, today, calendar, DEFAULT_THRESHOLDS, meeting_date)
                    case = (line, entered_on, meeting_date, today)
                    if entered_on <= sure_cutoff:
                        assert status.is_stale, case
                    elif meeting_date is None:
                        assert not status.is_stale, case


def test_meeting_sure_cutoff_uses_the_stage_threshold() -> None:
    # 打合せ waits 5 business days; the 6th after entry is stale. 2026-07-09 is a Thursday.
    assert meeting_sure_cutoff(Line.RENTAL, date(2026, 7, 9), DEFAULT, DEFAULT_THRESHOLDS) == date(2026, 7, 1)
    assert meeting_sure_cutoff(Line.RENTAL, date(2026, 7, 9), DEFAULT, {}) is None
