"""Tests of activities (活動): defaults, date input, validation, the stage left alone and the next follow-up."""

from datetime import date, timedelta

import pytest

from anken_tui.db.models import Activity, Case
from anken_tui.domain.activities import ActivityKind
from anken_tui.domain.lines import MEETING, Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.errors import NotFoundError, ValidationError
from anken_tui.services.activities import (
    MAX_ACTIVITY_TEXT_LENGTH,
    list_activities,
    log_activity,
    next_follow_up,
    next_follow_ups,
)
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.staff import register_staff

# The conftest clock is set to Monday 2 March 2026, 10:00 JST.
TODAY = date(2026, 3, 2)


def _new_case(user, clock, name="宇陀 太郎", furigana="ウダ タロウ"):
    form = NewCaseInput(line=Line.RENTAL, title="車いす", customer_name=name, customer_furigana=furigana)
    return create_case(form, user, clock)


@pytest.fixture
def case(staff, clock):
    return _new_case(staff, clock)


@pytest.fixture
def colleague(db, clock):
    return register_staff("中西", "sales", clock)


def _log(case_id, user, clock, kind=ActivityKind.CALL, done_on=None, staff_id=None, text="", follow_up_on=None):
    return log_activity(case_id, kind, done_on, staff_id, text, follow_up_on, user=user, clock=clock)


def test_defaults_today_and_user(case, staff, clock):
    activity = _log(case.id, staff, clock, text="ケアマネに電話")

    assert activity.kind is ActivityKind.CALL
    assert activity.done_on == TODAY
    assert activity.staff_id == staff.id
    assert activity.staff_name == "山口"
    assert activity.created_by_name == "山口"
    assert activity.text == "ケアマネに電話"
    assert activity.follow_up_on is None


def test_other_staff_and_kind_value(case, staff, colleague, clock):
    activity = _log(case.id, staff, clock, kind="visit", staff_id=colleague.id)

    assert activity.kind is ActivityKind.VISIT
    assert activity.staff_name == "中西"
    assert activity.created_by_name == "山口"
    assert Activity.get_by_id(activity.id).created_by_id == staff.id


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2/27", date(2026, 2, 27)),
        ("2026/2/27", date(2026, 2, 27)),
        ("2026-02-27", date(2026, 2, 27)),
        ("２／２７", date(2026, 2, 27)),
        ("", TODAY),
        (date(2026, 1, 15), date(2026, 1, 15)),
    ],
)
def test_done_on_forms(case, staff, clock, typed, expected):
    assert _log(case.id, staff, clock, done_on=typed).done_on == expected


@pytest.mark.parametrize(
    ("field", "kwargs", "message"),
    [
        ("活動日", {"done_on": "2/30"}, "2/30 は存在しない日付です。"),
        ("活動日", {"done_on": "きのう"}, "きのう は日付として読めません。"),
        ("次回予定", {"follow_up_on": "2026/2/29"}, "2026/2/29 は存在しない日付です。"),
        ("次回予定", {"follow_up_on": "13/1"}, "13/1 は存在しない日付です。"),
        ("活動日", {"done_on": "3/3"}, "今日(3/2)より後"),
        ("次回予定", {"done_on": "2/27", "follow_up_on": "2/26"}, "次回予定(2/26)は活動日(2/27)以降"),
        ("種類", {"kind": "telegram"}, "種類を一覧から選んで"),
        ("内容", {"text": "あ" * (MAX_ACTIVITY_TEXT_LENGTH + 1)}, f"{MAX_ACTIVITY_TEXT_LENGTH}文字以内"),
    ],
)
def test_invalid_input_named(case, staff, clock, field, kwargs, message):
    with pytest.raises(ValidationError) as raised:
        _log(case.id, staff, clock, **kwargs)

    assert raised.value.field == field
    assert message in raised.value.message
    assert Activity.select().count() == 0


def test_unknown_staff_refused(case, staff, clock):
    with pytest.raises(ValidationError) as raised:
        _log(case.id, staff, clock, staff_id=999)

    assert raised.value.field == "担当者"
    assert Activity.select().count() == 0


def test_missing_case(db, staff, clock):
    with pytest.raises(NotFoundError):
        _log(999, staff, clock)


def test_follow_up_same_day_allowed(case, staff, clock):
    assert _log(case.id, staff, clock, follow_up_on="3/2").follow_up_on == TODAY


def test_text_exact(case, staff, clock):
    text = "[至急] FAX 送信済み😊 (ケア)"

    assert _log(case.id, staff, clock, kind=ActivityKind.FAX, text=text).text == text


def test_stage_and_version_unchanged(case, staff, clock):
    _log(case.id, staff, clock, kind=ActivityKind.VISIT, follow_up_on="3/9")

    row = Case.get_by_id(case.id)
    assert row.stage == case.stage
    assert row.version == case.version


def test_concurrent_move_not_blocked(case, staff, clock):
    # A move prepared before the activity was logged still saves with the version it read.
    _log(case.id, staff, clock, kind=ActivityKind.CALL)

    moved = move_case(case.id, MEETING, expected_version=case.version, user=staff, clock=clock)

    assert moved.case.stage == MEETING


def test_list_newest_first(case, staff, clock):
    older = _log(case.id, staff, clock, done_on="2/20", text="古い")
    first_today = _log(case.id, staff, clock, text="今日1")
    second_today = _log(case.id, staff, clock, text="今日2")
    backfilled = _log(case.id, staff, clock, done_on="2/25", text="後から入力")

    assert [activity.id for activity in list_activities(case.id)] == [
        second_today.id,
        first_today.id,
        backfilled.id,
        older.id,
    ]


def test_next_follow_up_from_latest(case, staff, clock):
    assert next_follow_up(case.id) is None

    _log(case.id, staff, clock, done_on="2/20", follow_up_on="2/27")
    assert next_follow_up(case.id) == date(2026, 2, 27)

    _log(case.id, staff, clock, follow_up_on="3/9")
    assert next_follow_up(case.id) == date(2026, 3, 9)


def test_backfilled_activity_keeps_plan(case, staff, clock):
    _log(case.id, staff, clock, follow_up_on="3/9")

    _log(case.id, staff, clock, done_on="2/25", text="先週の電話を後から入力")

    assert next_follow_up(case.id) == date(2026, 3, 9)


def test_newer_activity_without_plan_clears(case, staff, clock):
    _log(case.id, staff, clock, done_on="2/25", follow_up_on="3/1")
    clock.advance(timedelta(hours=1))

    _log(case.id, staff, clock, text="確認済み、次の予定なし")

    assert next_follow_up(case.id) is None


def test_same_day_later_logged_wins(case, staff, clock):
    _log(case.id, staff, clock, follow_up_on="3/5")
    _log(case.id, staff, clock, follow_up_on="3/4")

    assert next_follow_up(case.id) == date(2026, 3, 4)


def test_next_follow_ups_many_cases(staff, clock):
    cases = [_new_case(staff, clock, f"顧客{number}", "コキャク") for number in range(4)]
    _log(cases[0].id, staff, clock, follow_up_on="3/3")
    _log(cases[1].id, staff, clock, follow_up_on="3/4")
    _log(cases[2].id, staff, clock, text="予定なし")

    follow_ups = next_follow_ups(case.id for case in cases)

    assert follow_ups == {cases[0].id: date(2026, 3, 3), cases[1].id: date(2026, 3, 4)}


def test_next_follow_ups_chunks(staff, clock):
    case = _new_case(staff, clock)
    _log(case.id, staff, clock, follow_up_on="3/3")

    follow_ups = next_follow_ups([*range(100_000, 101_200), case.id, case.id])

    assert follow_ups == {case.id: date(2026, 3, 3)}


def test_next_follow_ups_empty(db):
    assert next_follow_ups([]) == {}
