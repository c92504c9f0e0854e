"""Provides the kinds of activity (活動) and whether a planned follow-up (次回予定) is due."""

from datetime import date
from enum import StrEnum

from anken_tui import texts


class ActivityKind(StrEnum):
    """The kind of an activity, in the order the office lists them. The value is the key stored in the database."""

    VISIT = "visit"
    CALL = "call"
    FAX = "fax"
    EMAIL = "email"
    CHECK = "check"
    OTHER = "other"

    @property
    def label(self) -> str:
        return texts.ACTIVITY_KIND_LABELS[self.value]


class FollowUpDue(StrEnum):
    """Where a follow-up date falls relative to today."""

    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        """The mark shown beside the date: 期限切れ, 今日, or "" for a date still ahead."""
        return texts.FOLLOW_UP_DUE_LABELS[self.value]


def follow_up_due(follow_up_on: date, today: date) -> FollowUpDue:
    """Return whether `follow_up_on` is past, today or still ahead."""
    if follow_up_on < today:
        return FollowUpDue.OVERDUE
    if follow_up_on == today:
        return FollowUpDue.TODAY
    return FollowUpDue.UPCOMING
