"""Tests of the case detail: customer and care manager, fields, stage history, notes and activities."""

from datetime import date, timedelta

import pytest

from anken_tui.db.models import Customer
from anken_tui.domain.activities import ActivityKind
from anken_tui.domain.lines import COMPLETED, MEETING, QUOTING, RECEIVED, Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import NotFoundError
from anken_tui.services.activities import log_activity
from anken_tui.services.case_detail import load_case_detail
from anken_tui.services.case_fields import CaseFieldsInput, update_case_fields
from anken_tui.services.cases import create_case, move_case, undo_move
from anken_tui.services.customers import create_care_manager, create_care_office, set_customer_care_manager
from anken_tui.services.notes import add_note
from anken_tui.services.staff import register_staff


@pytest.fixture
def colleague(db, clock):
    return register_staff("中西", "sales", clock)


@pytest.fixture
def case(staff, colleague, clock):
    form = NewCaseInput(
        line=Line.EQUIPMENT,
        title="[至急] 浴室暖房乾燥機 設置",
        customer_name="宇陀 太郎",
        customer_furigana="うだ たろう",
        owner_id=colleague.id,
    )
    return create_case(form, staff, clock)


def test_header_fields(case, staff, clock):
    detail = load_case_detail(case.id)

    assert detail.id == case.id
    assert detail.version == case.version
    assert detail.line is Line.EQUIPMENT
    assert detail.sales_kind is None
    assert detail.title == "[至急] 浴室暖房乾燥機 設置"
    assert detail.stage == RECEIVED
    assert detail.owner_name == "中西"
    assert detail.created_on == clock.today()
    assert detail.updated_by_name == "山口"
    assert detail.updated_at == clock.now()
    assert detail.outcome is None
    assert detail.summary == case


def test_customer_with_care_manager(case, staff, clock):
    office = create_care_office("うだ山びこ居宅介護支援事業所", "0745-00-1111")
    manager = create_care_manager("北浦 恵子", "キタウラ ケイコ", office.id, "0745-00-2222")
    customer_id = Customer.get(Customer.name == "宇陀 太郎").id
    Customer.update(phone="0745-00-3333", city="宇陀市").where(Customer.id == customer_id).execute()
    set_customer_care_manager(customer_id, manager.id, user=staff, clock=clock)

    customer = load_case_detail(case.id).customer

    assert customer.name == "宇陀 太郎"
    assert customer.furigana == "ウダ タロウ"
    assert customer.phone == "0745-00-3333"
    assert customer.city == "宇陀市"
    assert customer.care_manager_id == manager.id
    assert customer.care_manager_name == "北浦 恵子"
    assert customer.care_office_name == "うだ山びこ居宅介護支援事業所"
    assert customer.care_manager_phone == "0745-00-2222"
    assert customer.care_office_phone == "0745-00-1111"


def test_customer_text_without_record(case):
    Customer.update(care_manager_name="佐藤", care_manager_office="古い事業所").execute()

    customer = load_case_detail(case.id).customer

    assert customer.care_manager_id is None
    assert customer.care_manager_name == "佐藤"
    assert customer.care_office_name == "古い事業所"


def test_days_in_stage(case, clock):
    detail = load_case_detail(case.id)

    assert detail.stage_entered_on == clock.today()
    assert detail.days_in_stage(clock.today() + timedelta(days=4)) == 4


def test_history_with_days_and_undo(case, staff, colleague, clock):
    clock.advance(timedelta(days=3))
    moved = move_case(case.id, MEETING, expected_version=case.version, user=colleague, clock=clock)
    clock.advance(timedelta(days=5))
    quoted = move_case(case.id, QUOTING, expected_version=moved.case.version, user=staff, clock=clock)
    clock.advance(timedelta(hours=1))
    undo_move(quoted.change_id, expected_version=quoted.case.version, user=staff, clock=clock)

    history = load_case_detail(case.id).history

    assert [(row.from_stage, row.to_stage) for row in history] == [
        (None, RECEIVED),
        (RECEIVED, MEETING),
        (MEETING, QUOTING),
        (QUOTING, MEETING),
    ]
    assert [row.changed_by_name for row in history] == ["山口", "中西", "山口", "山口"]
    assert [row.days_in_from_stage for row in history] == [None, 3, 5, 0]
    assert [row.is_undo for row in history] == [False, False, False, True]
    assert history[1].changed_at < history[2].changed_at


def test_history_outcome(case, staff, clock):
    ended = move_case(
        case.id, COMPLETED, expected_version=case.version, user=staff, clock=clock,
        outcome=Outcome.DECLINED, reason="ご家族と相談の結果 [見送り]",
    )

    detail = load_case_detail(case.id)

    assert detail.version == ended.case.version
    assert detail.outcome is Outcome.DECLINED
    assert detail.outcome_reason == "ご家族と相談の結果 [見送り]"
    assert detail.history[-1].outcome is Outcome.DECLINED
    assert detail.history[-1].outcome_reason == "ご家族と相談の結果 [見送り]"


def test_fields_notes_activities(case, staff, clock):
    detail = update_case_fields(
        case.id, CaseFieldsInput(meeting_date="3/10", quote_amount="12,000"),
        expected_version=case.version, user=staff, clock=clock,
    )
    first = add_note(case.id, "現地調査の日程を調整", staff, clock)
    clock.advance(timedelta(days=1))
    second = add_note(case.id, "見積依頼あり", staff, clock)
    log_activity(case.id, ActivityKind.CALL, "3/2", None, "日程確認", "", user=staff, clock=clock)
    log_activity(case.id, ActivityKind.VISIT, "", None, "現地調査", "3/9", user=staff, clock=clock)

    detail = load_case_detail(case.id)

    assert detail.fields.meeting_date == date(2026, 3, 10)
    assert detail.fields.quote_amount == 12000
    assert detail.fields.invoice_amount is None
    assert [note.id for note in detail.notes] == [second.id, first.id]
    assert [activity.kind for activity in detail.activities] == [ActivityKind.VISIT, ActivityKind.CALL]
    assert detail.next_follow_up == date(2026, 3, 9)


def test_sales_kind_shown(staff, clock):
    form = NewCaseInput(
        line=Line.SALES, title="杖", sales_kind=SalesKind.SELF_PAY, customer_name="森田 春子", customer_furigana="モリタ ハルコ"
    )
    case = create_case(form, staff, clock)

    assert load_case_detail(case.id).sales_kind is SalesKind.SELF_PAY


def test_missing_case(db):
    with pytest.raises(NotFoundError, match="ID 404"):
        load_case_detail(404)
