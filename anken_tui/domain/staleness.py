"""Provides the stale-case rule (滞留案件): thresholds per stage and days in stage (滞留日数)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import (
    AWAITING_ORDER,
    INVOICE_SUBMITTED,
    INVOICING,
    MEETING,
    POST_APPLICATION,
    PRE_APPLICATION,
    QUOTING,
    RECEIVED,
    WORK,
    Line,
)

Thresholds = Mapping[Line, Mapping[str, int]]

# Business days a case may stay in a stage before it is stale. The office tunes them
# in the settings file. 案件完了 has no threshold, so a completed case is never stale.
DEFAULT_THRESHOLDS: dict[Line, dict[str, int]] = {
    Line.RENTAL: {
        RECEIVED: 10,
        MEETING: 5,
        WORK: 10,
    },
    Line.SALES: {
        RECEIVED: 10,
        MEETING: 5,
        QUOTING: 5,
        WORK: 10,
        POST_APPLICATION: 2,
    },
    Line.RENOVATION: {
        RECEIVED: 10,
        MEETING: 5,
        QUOTING: 7,
        AWAITING_ORDER: 10,
        PRE_APPLICATION: 10,
        WORK: 10,
        INVOICING: 5,
        INVOICE_SUBMITTED: 20,
        POST_APPLICATION: 5,
    },
    Line.EQUIPMENT: {
        RECEIVED: 10,
        MEETING: 5,
        QUOTING: 7,
        AWAITING_ORDER: 15,
        WORK: 15,
        INVOICING: 5,
        INVOICE_SUBMITTED: 20,
    },
}


# Once a scheduled meeting has taken place the case should move on at once, so a
# 打合せ counted from its meeting date is stale on the 2nd business day after it.
AFTER_MEETING_DAYS = 1


@dataclass(frozen=True)
class StaleStatus:
    """How long a case has been in its stage, measured against the stage's threshold."""

    counted_from: date
    """The date counting starts: the entry date, or for 打合せ a later meeting date."""
    days_in_stage: int
    """滞留日数: business days after `counted_from` up to today, and 0 before that date."""
    threshold: int
    """Business days the case may stay in the stage without being stale."""

    @property
    def days_over(self) -> int:
        """Business days past the threshold; zero or negative while the case is not stale."""
        return self.days_in_stage - self.threshold

    @property
    def is_stale(self) -> bool:
        """Whether the days in stage exceed the threshold (a 滞留案件)."""
        return self.days_in_stage > self.threshold


def threshold_for(line: Line, stage: str, thresholds: Thresholds) -> int | None:
    """Return the threshold of `stage` in `line`, or None when the stage has none."""
    return thresholds.get(line, {}).get(stage)


def counting_start(stage: str, entered_on: date, meeting_date: date | None) -> date:
    """Return the date from which the days in stage are counted.

    A 打合せ case counts from the scheduled meeting date when it is later than the
    day the case entered the stage, so a meeting far ahead does not make the case
    stale. Every other stage ignores `meeting_date`.
    """
    if stage == MEETING and meeting_date is not None and meeting_date > entered_on:
        return meeting_date
    return entered_on


def stale_status(
    line: Line,
    stage: str,
    entered_on: date,
    today: date,
    calendar: BusinessCalendar,
    thresholds: Thresholds,
    meeting_date: date | None = None,
) -> StaleStatus | None:
    """Measure a case in `stage` since `entered_on` against the stage's threshold.

    A case is stale when its business days in the stage exceed the threshold: with a
    threshold of 5, the 5th business day after entry is still fine and the 6th is
    stale. A 打合せ whose meeting is on or after the day it entered the stage
    uses AFTER_MEETING_DAYS, counted from the meeting date, when that is shorter. Returns None when the stage has no threshold (案件完了, for one).
    """
    threshold = threshold_for(line, stage, thresholds)
    if threshold is None:
        return None

    start = counting_start(stage, entered_on, meeting_date)
    if stage == MEETING and meeting_date is not None and meeting_date >= entered_on:
        threshold = min(threshold, AFTER_MEETING_DAYS)
    days = max(0, calendar.business_days_between(start, today))
    return StaleStatus(counted_from=start, days_in_stage=days, threshold=threshold)


def stale_cutoff(
    line: Line,
    stage: str,
    today: date,
    calendar: BusinessCalendar,
    thresholds: Thresholds,
) -> date | None:
    """Return the last entry date at which a case in `stage` is stale today.

    A case that entered the stage on or before the cutoff is stale, and one that
    entered after it is not, which lets the database filter on the entry date.
    For 打合せ the cutoff is that of the shorter AFTER_MEETING_DAYS, so it selects
    every stale case and some that are not: `stale_status` decides for those, and
    the meeting date, when set, must also be on or before the cutoff. Returns None
    when the stage has no threshold.
    """
    threshold = threshold_for(line, stage, thresholds)
    if threshold is None:
        return None
    if stage == MEETING:
        threshold = min(threshold, AFTER_MEETING_DAYS)

    # Stale means at least threshold + 1 business days from the start date to today.
    return calendar.latest_start(today, threshold + 1)


def meeting_sure_cutoff(line: Line, today: date, calendar: BusinessCalendar, thresholds: Thresholds) -> date | None:
    """Return the entry date on or before which a 打合せ case within `stale_cutoff` is surely stale.

    Take a case in 打合せ that entered on or before this date, with no meeting
    date or a meeting on or before `stale_cutoff`. It is stale however the two
    dates fall. Counted from its entry day, it is past the stage's own
    threshold. Counted from its meeting, it is past AFTER_MEETING_DAYS.

    Only a case that entered between this date and `stale_cutoff` and has a
    meeting date needs `stale_status`. One with no meeting date there is not
    stale. Returns None when 打合せ has no threshold.
    """
    threshold = threshold_for(line, MEETING, thresholds)
    if threshold is None:
        return None
    return calendar.latest_start(today, threshold + 1)
