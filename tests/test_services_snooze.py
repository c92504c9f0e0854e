"""Tests of pausing a case's stale flag (保留) on a real SQLite file: what is written and what is rejected."""

from datetime import date, datetime

import pytest

from anken_tui.clock import JST, FrozenClock, to_storage
from anken_tui.db.models import Case, Note
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.staleness import DEFAULT_THRESHOLDS
from anken_tui.errors import ConflictError, NotFoundError, ValidationError
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.snooze import snooze_stale
from anken_tui.services.staff import register_staff
from anken_tui.services.stale import list_stale_cases, start_of_day

# 08:30 JST on Friday 4 December 2026 is still Thursday 3 December in UTC (23:30),
# so a date taken from UTC instead of JST would show up as 12/3.
EARLY_FRIDAY = datetime(2026, 12, 4, 8, 30, tzinfo=JST)


@pytest.fixture
def friday():
    return FrozenClock(EARLY_FRIDAY)


@pytest.fixture
def case(staff, friday):
    """A rental case in 案件受付 since Wed 11/18: 11 business days on 12/4, one over its 10."""
    form = NewCaseInput(
        line=Line.RENTAL, title="追加レンタルの相談", customer_name="山田 太郎", customer_furigana="ヤマダ タロウ"
    )
    summary = create_case(form, staff, friday)
    Case.update(stage_entered_at=start_of_day(date(2026, 11, 18))).where(Case.id == summary.id).execute()
    return summary


def _snooze(case, friday, user, until=date(2026, 12, 11), reason="ケアマネの返答待ち", version=None):
    expected = case.version if version is None else version
    snooze_stale(case.id, until, reason, expected_version=expected, user=user, clock=friday)


def _assert_nothing_written(case):
    stored = Case.get_by_id(case.id)
    assert stored.version == case.version
    assert stored.stale_snoozed_until is None
    assert stored.stale_snooze_reason is None
    assert Note.select().count() == 0


def test_snooze_writes_case_and_note(case, staff, friday):
    office = register_staff("中村", "office", friday)

    _snooze(case, friday, office)

    stored = Case.get_by_id(case.id)
    assert stored.stale_snoozed_until == date(2026, 12, 11)
    assert stored.stale_snooze_reason == "ケアマネの返答待ち"
    assert stored.version == case.version + 1
    assert stored.updated_by_id == office.id
    assert stored.updated_at == to_storage(EARLY_FRIDAY)
    [note] = Note.select()
    assert note.case_id == case.id
    assert note.written_on == date(2026, 12, 4)
    assert note.author_id == office.id
    assert note.text == "滞留を保留(2026/12/11まで): ケアマネの返答待ち"


def test_snooze_takes_case_out_of_stale_list(case, staff, friday):
    assert [row.id for row in list_stale_cases(friday, BusinessCalendar(), DEFAULT_THRESHOLDS)] == [case.id]

    _snooze(case, friday, staff, until=date(2026, 12, 5))

    assert list_stale_cases(friday, BusinessCalendar(), DEFAULT_THRESHOLDS) == []


def test_snooze_reason_spaces_collapsed(case, staff, friday):
    _snooze(case, friday, staff, reason="  ケアマネの\n返答待ち  (来週)  ")

    assert Case.get_by_id(case.id).stale_snooze_reason == "ケアマネの 返答待ち (来週)"
    assert Note.get().text == "滞留を保留(2026/12/11まで): ケアマネの 返答待ち (来週)"


def test_snooze_until_tomorrow_accepted(case, staff, friday):
    _snooze(case, friday, staff, until=date(2026, 12, 5))

    assert Case.get_by_id(case.id).stale_snoozed_until == date(2026, 12, 5)


@pytest.mark.parametrize("until", [date(2026, 12, 4), date(2026, 12, 3), date(2025, 12, 25)])
def test_snooze_until_today_or_earlier_rejected(case, staff, friday, until):
    with pytest.raises(ValidationError) as raised:
        _snooze(case, friday, staff, until=until)

    assert raised.value.field == "保留期限"
    assert "2026/12/4" in raised.value.message
    _assert_nothing_written(case)


# U+3000 is the full-width space of Japanese input methods.
@pytest.mark.parametrize("reason", ["", "   ", "\n\t", "\u3000\u3000"])
def test_snooze_without_reason_rejected(case, staff, friday, reason):
    with pytest.raises(ValidationError) as raised:
        _snooze(case, friday, staff, reason=reason)

    assert raised.value.field == "保留の理由"
    _assert_nothing_written(case)


def test_snooze_reason_length_limit(case, staff, friday):
    with pytest.raises(ValidationError) as raised:
        _snooze(case, friday, staff, reason="待" * 201)

    assert raised.value.field == "保留の理由"
    assert "200" in raised.value.message
    _assert_nothing_written(case)

    _snooze(case, friday, staff, reason="待" * 200)
    assert Case.get_by_id(case.id).stale_snooze_reason == "待" * 200


def test_snooze_stale_version_rejected(case, staff, friday):
    moved = move_case(case.id, "打合せ", expected_version=case.version, user=staff, clock=friday).case

    with pytest.raises(ConflictError):
        _snooze(case, friday, staff, version=case.version)

    _assert_nothing_written(moved)


def test_snooze_unknown_case_rejected(case, staff, friday):
    with pytest.raises(NotFoundError) as raised:
        snooze_stale(
            9999, date(2026, 12, 11), "ケアマネの返答待ち", expected_version=1, user=staff, clock=friday
        )

    assert "9999" in raised.value.message
    _assert_nothing_written(case)


def test_second_snooze_needs_new_version(case, staff, friday):
    _snooze(case, friday, staff)

    with pytest.raises(ConflictError):
        _snooze(case, friday, staff, until=date(2026, 12, 18), reason="入院中")

    _snooze(case, friday, staff, until=date(2026, 12, 18), reason="入院中", version=case.version + 1)
    stored = Case.get_by_id(case.id)
    assert stored.stale_snoozed_until == date(2026, 12, 18)
    assert stored.version == case.version + 2
    assert Note.select().count() == 2


def test_move_clears_snooze(case, staff, friday):
    # A pause given in one stage does not carry over to the next one.
    _snooze(case, friday, staff)
    snoozed = Case.get_by_id(case.id)

    move_case(case.id, "打合せ", expected_version=snoozed.version, user=staff, clock=friday)

    stored = Case.get_by_id(case.id)
    assert stored.stage == "打合せ"
    assert stored.stale_snoozed_until is None
    assert stored.stale_snooze_reason is None
