"""Tests of editing a case's line fields: parsing, per-line rules, one transaction and the version check."""

from datetime import date, timedelta

import pytest

from anken_tui.db.models import Case
from anken_tui.domain.lines import MEETING, POST_APPLICATION, RECEIVED, WORK, Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.errors import ConflictError, NotFoundError, ValidationError
from anken_tui.services.case_fields import (
    FIELDS_BY_LINE,
    CaseFieldsInput,
    payment_method_options,
    update_case_fields,
)
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.staff import register_staff

# The conftest clock is set to Monday 2 March 2026, 10:00 JST.
TODAY = date(2026, 3, 2)


def _case(user, clock, line: Line, kind: SalesKind | None = None):
    form = NewCaseInput(
        line=line, title="案件", sales_kind=kind, customer_name="宇陀 太郎", customer_furigana="ウダ タロウ"
    )
    return create_case(form, user, clock)


def _save(case_id, user, clock, version, **values):
    return update_case_fields(case_id, CaseFieldsInput(**values), expected_version=version, user=user, clock=clock)


@pytest.fixture
def colleague(db, clock):
    return register_staff("中西", "sales", clock)


def test_rental_payment_fields(staff, clock):
    case = _case(staff, clock, Line.RENTAL)

    detail = _save(case.id, staff, clock, case.version, payment_method="kaipoke_debit", kaipoke_registered_on="3/1")

    assert detail.fields.payment_method == "kaipoke_debit"
    assert detail.fields.kaipoke_registered_on == date(2026, 3, 1)
    assert detail.version == case.version + 1
    row = Case.get_by_id(case.id)
    assert row.payment_method == "kaipoke_debit"
    assert row.updated_by_id == staff.id


def test_sales_kind_and_purchase(staff, clock):
    case = _case(staff, clock, Line.SALES, SalesKind.INSURANCE)

    detail = _save(case.id, staff, clock, case.version, sales_kind="self_pay", purchase_amount="１２，８００円")

    assert detail.sales_kind is SalesKind.SELF_PAY
    assert detail.fields.purchase_amount == 12800


def test_renovation_dates_and_amounts(staff, clock):
    case = _case(staff, clock, Line.RENOVATION)

    detail = _save(
        case.id, staff, clock, case.version,
        quote_amount="185,000円", pre_application_on="2026/2/10", city_approved_on="2026-02-20",
        work_start_on="3/9", work_end_on="3/10", invoice_amount=185000,
    )

    assert detail.fields.quote_amount == 185000
    assert detail.fields.invoice_amount == 185000
    assert detail.fields.pre_application_on == date(2026, 2, 10)
    assert detail.fields.city_approved_on == date(2026, 2, 20)
    assert detail.fields.work_start_on == date(2026, 3, 9)
    assert detail.fields.work_end_on == date(2026, 3, 10)


def test_equipment_amounts(staff, clock):
    case = _case(staff, clock, Line.EQUIPMENT)

    detail = _save(case.id, staff, clock, case.version, quote_amount="320000", invoice_amount="￥320,000")

    assert (detail.fields.quote_amount, detail.fields.invoice_amount) == (320000, 320000)


def test_meeting_date_any_line(staff, clock):
    for line in Line:
        kind = SalesKind.INSURANCE if line is Line.SALES else None
        case = _case(staff, clock, line, kind)

        assert _save(case.id, staff, clock, case.version, meeting_date="3/20").fields.meeting_date == date(2026, 3, 20)


def test_blank_clears_field(staff, clock):
    case = _case(staff, clock, Line.EQUIPMENT)
    detail = _save(case.id, staff, clock, case.version, quote_amount="1000")

    detail = _save(case.id, staff, clock, detail.version, quote_amount="")

    assert detail.fields.quote_amount is None
    assert Case.get_by_id(case.id).quote_amount is None


def test_none_leaves_field(staff, clock):
    case = _case(staff, clock, Line.RENOVATION)
    detail = _save(case.id, staff, clock, case.version, quote_amount="1000", work_start_on="3/9")

    detail = _save(case.id, staff, clock, detail.version, work_end_on="3/12")

    assert detail.fields.quote_amount == 1000
    assert detail.fields.work_start_on == date(2026, 3, 9)
    assert detail.fields.work_end_on == date(2026, 3, 12)


def test_unchanged_writes_nothing(staff, clock):
    case = _case(staff, clock, Line.EQUIPMENT)
    detail = _save(case.id, staff, clock, case.version, quote_amount="1,000")

    again = _save(case.id, staff, clock, detail.version, quote_amount="1000円", invoice_amount="")

    assert again.version == detail.version


@pytest.mark.parametrize(
    ("line", "values", "field", "message"),
    [
        (Line.RENTAL, {"kaipoke_registered_on": "2/30", "payment_method": "kaipoke_debit"}, "カイポケ口座登録日", "2/30 は存在しない日付です。"),
        (Line.RENTAL, {"payment_method": "bank"}, "支払方法", "口座振替(カイポケ)"),
        (Line.RENTAL, {"payment_method": "cash", "kaipoke_registered_on": "3/1"}, "カイポケ口座登録日", "口座振替(カイポケ)」のときだけ"),
        (Line.RENTAL, {"payment_method": "kaipoke_debit", "kaipoke_registered_on": "3/3"}, "カイポケ口座登録日", "今日(3/2)より後"),
        (Line.RENTAL, {"purchase_amount": "1000"}, "購入金額", "購入金額はレンタルの案件にはありません。"),
        (Line.SALES, {"purchase_amount": "-100"}, "購入金額", "-100: マイナスの金額は入力できません。"),
        (Line.SALES, {"purchase_amount": "99.5"}, "購入金額", "1円未満の端数"),
        (Line.SALES, {"sales_kind": ""}, "介護保険/自費", "介護保険/自費を選んでください。"),
        (Line.SALES, {"work_start_on": "3/1"}, "着工日", "着工日は福祉用具販売の案件にはありません。"),
        (Line.RENOVATION, {"pre_application_on": "2/20", "city_approved_on": "2/10"}, "市の承認日", "市の承認日(2/10)は事前申請日(2/20)以降"),
        (Line.RENOVATION, {"work_start_on": "3/10", "work_end_on": "3/9"}, "完工日", "完工日(3/9)は着工日(3/10)以降"),
        (Line.RENOVATION, {"city_approved_on": "3/5"}, "市の承認日", "今日(3/2)より後"),
        (Line.RENOVATION, {"meeting_date": "13/1"}, "打合せ予定日", "13/1 は存在しない日付です。"),
        (Line.EQUIPMENT, {"pre_application_on": "2/1"}, "事前申請日", "事前申請日は設備の案件にはありません。"),
        (Line.EQUIPMENT, {"quote_amount": "たくさん"}, "見積金額", "たくさん は金額として読めません。"),
    ],
)
def test_invalid_named_nothing_written(staff, clock, line, values, field, message):
    kind = SalesKind.INSURANCE if line is Line.SALES else None
    case = _case(staff, clock, line, kind)
    before = Case.select().where(Case.id == case.id).dicts().get()

    with pytest.raises(ValidationError) as raised:
        _save(case.id, staff, clock, case.version, **values)

    assert raised.value.field == field
    assert message in raised.value.message
    assert Case.select().where(Case.id == case.id).dicts().get() == before


def test_order_rule_checks_stored_value(staff, clock):
    case = _case(staff, clock, Line.RENOVATION)
    detail = _save(case.id, staff, clock, case.version, work_start_on="3/10")

    with pytest.raises(ValidationError) as raised:
        _save(case.id, staff, clock, detail.version, work_end_on="3/9")

    assert raised.value.field == "完工日"


def test_one_bad_field_saves_none(staff, clock):
    case = _case(staff, clock, Line.RENOVATION)

    with pytest.raises(ValidationError):
        _save(case.id, staff, clock, case.version, quote_amount="5000", work_start_on="3/10", work_end_on="3/1")

    row = Case.get_by_id(case.id)
    assert (row.quote_amount, row.work_start_on, row.version) == (None, None, case.version)


def test_self_pay_refused_in_post_application(staff, clock):
    case = _case(staff, clock, Line.SALES, SalesKind.INSURANCE)
    version = case.version
    for stage in (MEETING, WORK, POST_APPLICATION):
        version = move_case(case.id, stage, expected_version=version, user=staff, clock=clock).case.version

    with pytest.raises(ValidationError) as raised:
        _save(case.id, staff, clock, version, sales_kind=SalesKind.SELF_PAY)

    assert raised.value.field == "介護保険/自費"
    assert Case.get_by_id(case.id).sales_kind == "insurance"


def test_conflict_names_who_and_when(staff, colleague, clock):
    case = _case(staff, clock, Line.EQUIPMENT)
    clock.advance(timedelta(hours=2, minutes=5))
    move_case(case.id, MEETING, expected_version=case.version, user=colleague, clock=clock)

    with pytest.raises(ConflictError) as raised:
        _save(case.id, staff, clock, case.version, quote_amount="50000")

    assert raised.value.message.startswith("中西さんが3/2 12:05にこの案件を変更していました。")
    assert "入力中の内容は消えていません" in raised.value.message
    row = Case.get_by_id(case.id)
    assert row.quote_amount is None
    assert row.stage == MEETING


def test_save_again_after_conflict(staff, colleague, clock):
    case = _case(staff, clock, Line.EQUIPMENT)
    moved = move_case(case.id, MEETING, expected_version=case.version, user=colleague, clock=clock)
    with pytest.raises(ConflictError):
        _save(case.id, staff, clock, case.version, quote_amount="50000")

    detail = _save(case.id, staff, clock, moved.case.version, quote_amount="50000")

    assert detail.fields.quote_amount == 50000
    assert detail.stage == MEETING


def test_save_then_move_with_old_version_conflicts(staff, clock):
    case = _case(staff, clock, Line.RENTAL)
    _save(case.id, staff, clock, case.version, meeting_date="3/10")

    with pytest.raises(ConflictError):
        move_case(case.id, MEETING, expected_version=case.version, user=staff, clock=clock)

    assert Case.get_by_id(case.id).stage == RECEIVED


def test_missing_case(db, staff, clock):
    with pytest.raises(NotFoundError):
        _save(999, staff, clock, 1, meeting_date="3/10")


def test_every_line_field_has_label():
    from anken_tui import texts

    for names in FIELDS_BY_LINE.values():
        for name in names:
            assert texts.CASE_FIELD_LABELS[name]


def test_payment_method_options():
    assert payment_method_options() == [("口座振替(カイポケ)", "kaipoke_debit"), ("現金支払い", "cash")]
