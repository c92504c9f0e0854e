"""Tests of the activity kinds and of when a follow-up is due."""

from datetime import date

import pytest

from anken_tui.domain.activities import ActivityKind, FollowUpDue, follow_up_due


def test_kinds_in_office_order():
    assert [kind.label for kind in ActivityKind] == ["訪問", "電話", "FAX", "メール", "確認", "その他"]


def test_kinds_read_stored_values():
    assert [ActivityKind(value) for value in ("visit", "call", "fax", "email", "check", "other")] == list(ActivityKind)


@pytest.mark.parametrize(
    ("follow_up", "expected", "label"),
    [
        (date(2026, 12, 3), FollowUpDue.OVERDUE, "期限切れ"),
        (date(2026, 12, 4), FollowUpDue.TODAY, "今日"),
        (date(2026, 12, 5), FollowUpDue.UPCOMING, ""),
    ],
)
def test_follow_up_due(follow_up, expected, label):
    due = follow_up_due(follow_up, date(2026, 12, 4))

    assert due is expected
    assert due.label == label
