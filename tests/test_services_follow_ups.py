"""Tests of the office follow-ups (事務残) on a real SQLite file: which cases are listed and why.

Business days were counted by hand on the 2026 calendar: the days strictly after the
entry date up to and including Friday 4 December 2026, skipping weekends.
"""

from datetime import date, datetime

import pytest

from anken_tui.clock import JST, FrozenClock
from anken_tui.db.models import Case
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.domain.staleness import DEFAULT_THRESHOLDS
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.follow_ups import FollowUpKind, list_follow_ups
from anken_tui.services.staff import register_staff
from anken_tui.services.stale import start_of_day

FRIDAY = datetime(2026, 12, 4, 10, 0, tzinfo=JST)

INSURANCE_SALE = {"line": Line.SALES, "kind": SalesKind.INSURANCE}


@pytest.fixture
def friday():
    return FrozenClock(FRIDAY)


def _create(title, user, clock, line=Line.RENTAL, kind=None, owner=None):
    form = NewCaseInput(
        line=line,
        title=title,
        sales_kind=kind,
        customer_name="山田 太郎",
        customer_furigana="ヤマダ タロウ",
        owner_id=owner.id if owner else None,
    )
    return create_case(form, user, clock)


def _set(case_id, **fields):
    Case.update(**fields).where(Case.id == case_id).execute()


def _rental_ended(title, user, clock, outcome=Outcome.WON, owner=None, **fields):
    """A rental taken through its stages to 案件完了 with `outcome`, then given `fields`."""
    summary = _create(title, user, clock, owner=owner)
    for stage in ("打合せ", "作業工程"):
        summary = move_case(summary.id, stage, expected_version=summary.version, user=user, clock=clock).case
    reason = "" if outcome is Outcome.WON else "ご家族と相談の結果、見送り"
    move_case(
        summary.id, "案件完了", expected_version=summary.version, user=user, clock=clock, outcome=outcome, reason=reason
    )
    if fields:
        _set(summary.id, **fields)
    return summary.id


def _follow_ups(clock, **options):
    return list_follow_ups(clock, BusinessCalendar(), DEFAULT_THRESHOLDS, **options)


def _kinds(clock, **options):
    return {(follow_up.case_id, follow_up.kind) for follow_up in _follow_ups(clock, **options)}


def test_no_cases_no_follow_ups(db, friday):
    assert _follow_ups(friday) == []


def test_won_rental_without_payment_method_listed(staff, friday):
    case_id = _rental_ended("車いす", staff, friday)

    [follow_up] = _follow_ups(friday)

    assert follow_up.kind is FollowUpKind.NO_PAYMENT_METHOD
    assert follow_up.case_id == case_id
    assert follow_up.line is Line.RENTAL
    assert follow_up.stage == "案件完了"
    assert follow_up.title == "車いす"
    assert follow_up.customer_name == "山田 太郎"
    assert follow_up.owner_id == staff.id
    assert follow_up.owner_name == "山口"
    assert follow_up.version == Case.get_by_id(case_id).version


def test_won_rental_with_blank_payment_method_listed(staff, friday):
    case_id = _rental_ended("車いす", staff, friday, payment_method="")

    assert _kinds(friday) == {(case_id, FollowUpKind.NO_PAYMENT_METHOD)}


def test_won_rental_with_unknown_payment_method_listed(staff, friday):
    case_id = _rental_ended("車いす", staff, friday, payment_method="口座振替")

    assert _kinds(friday) == {(case_id, FollowUpKind.NO_PAYMENT_METHOD)}


def test_kaipoke_debit_without_registration_listed(staff, friday):
    case_id = _rental_ended("介護ベッド", staff, friday, payment_method="kaipoke_debit")

    assert _kinds(friday) == {(case_id, FollowUpKind.NO_KAIPOKE_REGISTRATION)}


def test_kaipoke_debit_registered_not_listed(staff, friday):
    registered = date(2026, 12, 2)
    _rental_ended("介護ベッド", staff, friday, payment_method="kaipoke_debit", kaipoke_registered_on=registered)

    assert _follow_ups(friday) == []


def test_cash_payment_not_listed(staff, friday):
    _rental_ended("歩行器", staff, friday, payment_method="cash")

    assert _follow_ups(friday) == []


def test_declined_rental_without_payment_method_not_listed(staff, friday):
    _rental_ended("手すり", staff, friday, outcome=Outcome.DECLINED)

    assert _follow_ups(friday) == []


def test_open_rental_without_payment_method_not_listed(staff, friday):
    summary = _create("車いす", staff, friday)
    move_case(summary.id, "打合せ", expected_version=summary.version, user=staff, clock=friday)

    assert _follow_ups(friday) == []


@pytest.mark.parametrize("stage", ["事前申請中", "作業工程", "案件完了"])
def test_renovation_work_before_approval_listed_in_any_stage(staff, friday, stage):
    case_id = _create("浴室手すり", staff, friday, line=Line.RENOVATION).id
    outcome = Outcome.WON.value if stage == "案件完了" else None
    _set(case_id, stage=stage, work_start_on=date(2026, 12, 7), outcome=outcome)

    [follow_up] = _follow_ups(friday)

    assert follow_up.kind is FollowUpKind.WORK_BEFORE_APPROVAL
    assert follow_up.case_id == case_id
    assert follow_up.stage == stage


def test_renovation_with_approval_not_listed(staff, friday):
    approved = _create("浴室手すり", staff, friday, line=Line.RENOVATION).id
    _set(approved, stage="作業工程", city_approved_on=date(2026, 12, 1), work_start_on=date(2026, 12, 7))
    not_started = _create("段差解消", staff, friday, line=Line.RENOVATION).id
    _set(not_started, stage="事前申請中")

    assert _follow_ups(friday) == []


def test_renovation_approved_after_work_start_listed(staff, friday):
    case_id = _create("浴室手すり", staff, friday, line=Line.RENOVATION).id
    _set(case_id, stage="作業工程", city_approved_on=date(2026, 12, 8), work_start_on=date(2026, 12, 7))

    [follow_up] = _follow_ups(friday)

    assert follow_up.kind is FollowUpKind.WORK_BEFORE_APPROVAL
    assert follow_up.case_id == case_id


def test_cancelled_renovation_not_listed(staff, friday):
    case_id = _create("浴室手すり", staff, friday, line=Line.RENOVATION).id
    _set(case_id, stage="案件完了", outcome=Outcome.CANCELLED.value, work_start_on=date(2026, 12, 7))

    assert _follow_ups(friday) == []


def test_equipment_work_start_without_approval_not_listed(staff, friday):
    # Only renovation needs the city's approval before work.
    case_id = _create("エアコン設置", staff, friday, line=Line.EQUIPMENT).id
    _set(case_id, stage="作業工程", work_start_on=date(2026, 12, 7))

    assert _follow_ups(friday) == []


def test_sale_late_in_post_application_listed(staff, friday):
    # 事後申請中, threshold 2. From Mon 11/30: 12/1 to 12/4 = 4 days. From Wed 12/2: 12/3, 12/4 = 2.
    late = _create("ポータブルトイレ", staff, friday, **INSURANCE_SALE).id
    _set(late, stage="事後申請中", stage_entered_at=start_of_day(date(2026, 11, 30)))
    in_time = _create("シャワーチェア", staff, friday, **INSURANCE_SALE).id
    _set(in_time, stage="事後申請中", stage_entered_at=start_of_day(date(2026, 12, 2)))

    [follow_up] = _follow_ups(friday)

    assert follow_up.kind is FollowUpKind.POST_APPLICATION_LATE
    assert follow_up.case_id == late
    assert follow_up.line is Line.SALES
    assert follow_up.stage == "事後申請中"


def test_other_stale_sales_not_follow_ups(staff, friday):
    # Sales 案件受付 since Mon 11/2: far past its 10 days, but that is the stale view's business.
    case_id = _create("ポータブルトイレ", staff, friday, **INSURANCE_SALE).id
    _set(case_id, stage_entered_at=start_of_day(date(2026, 11, 2)))

    assert _follow_ups(friday) == []


def test_post_application_threshold_from_settings(staff, friday):
    # 4 days from Mon 11/30: late against the default 2, in time against an office setting of 4.
    case_id = _create("ポータブルトイレ", staff, friday, **INSURANCE_SALE).id
    _set(case_id, stage="事後申請中", stage_entered_at=start_of_day(date(2026, 11, 30)))
    relaxed = {**DEFAULT_THRESHOLDS, Line.SALES: {**DEFAULT_THRESHOLDS[Line.SALES], "事後申請中": 4}}

    assert _kinds(friday) == {(case_id, FollowUpKind.POST_APPLICATION_LATE)}
    assert list_follow_ups(friday, BusinessCalendar(), relaxed) == []


def test_late_post_application_query_skips_other_stale_sales(db, staff, friday):
    late = _create("ポータブルトイレ", staff, friday, **INSURANCE_SALE).id
    _set(late, stage="事後申請中", stage_entered_at=start_of_day(date(2026, 11, 30)))
    for number in range(5):
        other = _create(f"受付{number}", staff, friday, **INSURANCE_SALE).id
        _set(other, stage_entered_at=start_of_day(date(2026, 11, 2)))
    case_queries = []

    def hook(event):
        if event.sql.lstrip().upper().startswith("SELECT") and f'"stage_entered_at" < {db.param}' in event.sql:
            case_queries.append(event)

    db.query_hooks.append(hook)
    try:
        follow_ups = _follow_ups(friday)
    finally:
        db.query_hooks.remove(hook)

    assert [follow_up.case_id for follow_up in follow_ups] == [late]
    # The stale query (the one comparing entry times) fetches the late sale and none of the
    # five sales stale in 案件受付: running it again with its own parameters returns 1 row.
    [stale_query] = case_queries
    assert len(db.execute_sql(stale_query.sql, stale_query.params).fetchall()) == 1


def test_filter_by_owner(staff, friday):
    other = register_staff("佐藤", "sales", friday)
    mine = _rental_ended("車いす", staff, friday)
    theirs_rental = _rental_ended("介護ベッド", staff, friday, owner=other, payment_method="kaipoke_debit")
    theirs_renovation = _create("浴室手すり", staff, friday, line=Line.RENOVATION, owner=other).id
    _set(theirs_renovation, work_start_on=date(2026, 12, 7))
    theirs_sale = _create("ポータブルトイレ", staff, friday, owner=other, **INSURANCE_SALE).id
    _set(theirs_sale, stage="事後申請中", stage_entered_at=start_of_day(date(2026, 11, 30)))

    assert _kinds(friday, owner_id=staff.id) == {(mine, FollowUpKind.NO_PAYMENT_METHOD)}
    assert _kinds(friday, owner_id=other.id) == {
        (theirs_rental, FollowUpKind.NO_KAIPOKE_REGISTRATION),
        (theirs_renovation, FollowUpKind.WORK_BEFORE_APPROVAL),
        (theirs_sale, FollowUpKind.POST_APPLICATION_LATE),
    }


def test_costliest_kind_first(staff, friday):
    sale = _create("ポータブルトイレ", staff, friday, **INSURANCE_SALE).id
    _set(sale, stage="事後申請中", stage_entered_at=start_of_day(date(2026, 11, 30)))
    kaipoke = _rental_ended("介護ベッド", staff, friday, payment_method="kaipoke_debit")
    no_payment = _rental_ended("車いす", staff, friday)
    renovation = _create("浴室手すり", staff, friday, line=Line.RENOVATION).id
    _set(renovation, work_start_on=date(2026, 12, 7))

    follow_ups = _follow_ups(friday)

    assert [follow_up.case_id for follow_up in follow_ups] == [renovation, no_payment, kaipoke, sale]
    assert [follow_up.kind for follow_up in follow_ups] == [
        FollowUpKind.WORK_BEFORE_APPROVAL,
        FollowUpKind.NO_PAYMENT_METHOD,
        FollowUpKind.NO_KAIPOKE_REGISTRATION,
        FollowUpKind.POST_APPLICATION_LATE,
    ]
