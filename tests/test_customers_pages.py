"""Tests of the customers list and page, and of care managers (ケアマネ), their offices and open cases."""

from datetime import timedelta

import pytest

from anken_tui.db.models import CareManager, CareOffice, Customer
from anken_tui.domain.lines import COMPLETED, MEETING, Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import NotFoundError, ValidationError
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.customers import (
    care_manager_open_cases,
    create_care_manager,
    create_care_office,
    customer_page,
    list_care_managers,
    list_care_offices,
    list_customers,
    search_customers,
    set_customer_care_manager,
)

CUSTOMERS = (
    ("山田 花子", "やまだ はなこ"),
    ("山本 一郎", "ヤマモト イチロウ"),
    ("佐藤 健", "ｻﾄｳ ｹﾝ"),
    ("100%ケア 田中", "タナカ"),
    ("木_村", "キムラ"),
    ("Ｓｍｉｔｈ ジョン", "スミス ジョン"),
)


def _register(user, clock, name, furigana, line=Line.RENTAL, customer_id=None, title="車いす"):
    kind = SalesKind.INSURANCE if line is Line.SALES else None
    if customer_id is not None:
        form = NewCaseInput(line=line, title=title, sales_kind=kind, customer_id=customer_id)
    else:
        form = NewCaseInput(line=line, title=title, sales_kind=kind, customer_name=name, customer_furigana=furigana)
    return create_case(form, user, clock)


@pytest.fixture
def customers(staff, clock) -> dict[str, int]:
    for name, furigana in CUSTOMERS:
        _register(staff, clock, name, furigana)
    return {customer.name: customer.id for customer in Customer.select()}


def _listed(query: str) -> list[str]:
    return [row.name for row in list_customers(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("山田", ["山田 花子"]),
        ("山田 花子", ["山田 花子"]),
        ("山田花子", ["山田 花子"]),
        ("山田\u3000花子", ["山田 花子"]),
        ("やまだ", ["山田 花子"]),
        ("ヤマダ", ["山田 花子"]),
        ("ﾔﾏﾀﾞ", ["山田 花子"]),
        ("やまだ はなこ", ["山田 花子"]),
        ("ヤマダハナコ", ["山田 花子"]),
        ("やまもと", ["山本 一郎"]),
        ("イチロウ", ["山本 一郎"]),
        ("さとう", ["佐藤 健"]),
        ("ｻﾄｳｹﾝ", ["佐藤 健"]),
        ("サトウ ケン", ["佐藤 健"]),
        ("smith", ["Ｓｍｉｔｈ ジョン"]),
        ("ＳＭＩＴＨ", ["Ｓｍｉｔｈ ジョン"]),
        ("%", ["100%ケア 田中"]),
        ("100%", ["100%ケア 田中"]),
        ("１００％", ["100%ケア 田中"]),
        ("_", ["木_村"]),
        ("木_", ["木_村"]),
        ("木%村", []),
        ("山_", []),
        ("\\", []),
        ("存在しない", []),
    ],
)
def test_list_search_normalised(customers, query, expected):
    assert sorted(_listed(query)) == sorted(expected)
    assert sorted(customer.name for customer in search_customers(query)) == sorted(expected)


def test_blank_lists_all_by_furigana(customers):
    assert _listed("") == ["木_村", "佐藤 健", "Ｓｍｉｔｈ ジョン", "100%ケア 田中", "山田 花子", "山本 一郎"]


def test_list_counts_open_cases(staff, clock):
    first = _register(staff, clock, "宇陀 太郎", "ウダ タロウ")
    customer_id = Customer.get().id
    _register(staff, clock, "", "", line=Line.EQUIPMENT, customer_id=customer_id, title="手すり")
    move_case(first.id, COMPLETED, expected_version=first.version, user=staff, clock=clock,
              outcome=Outcome.CANCELLED, reason="入院のため")

    (row,) = list_customers("うだ")

    assert row.open_case_count == 1


def test_list_limit(customers):
    assert len(list_customers("", limit=2)) == 2


def test_customer_page_all_lines(staff, clock):
    rental = _register(staff, clock, "宇陀 太郎", "ウダ タロウ")
    customer_id = Customer.get().id
    clock.advance(timedelta(days=1))
    sale = _register(staff, clock, "", "", Line.SALES, customer_id, "ポータブルトイレ")
    renovation = _register(staff, clock, "", "", Line.RENOVATION, customer_id, "手すり取付")
    equipment = _register(staff, clock, "", "", Line.EQUIPMENT, customer_id, "浴室暖房")
    move_case(rental.id, COMPLETED, expected_version=rental.version, user=staff, clock=clock,
              outcome=Outcome.DECLINED, reason="不要になった")
    _register(staff, clock, "森田 春子", "モリタ ハルコ", title="ほかの人の案件")

    page = customer_page(customer_id)

    assert page.customer.name == "宇陀 太郎"
    assert page.customer.furigana == "ウダ タロウ"
    assert [case.id for case in page.cases] == [sale.id, renovation.id, equipment.id, rental.id]
    assert [case.line for case in page.open_cases] == [Line.SALES, Line.RENOVATION, Line.EQUIPMENT]
    assert page.cases[-1].stage == COMPLETED


def test_customer_page_missing(db):
    with pytest.raises(NotFoundError, match="ID 77"):
        customer_page(77)


def test_create_office_and_manager(db):
    office = create_care_office("  うだ山びこ\u3000居宅介護支援事業所 ", "０７４５－００－１１１１")
    manager = create_care_manager("北浦  恵子", "きたうら けいこ", office.id, "0745-00-2222")

    assert office.name == "うだ山びこ 居宅介護支援事業所"
    assert office.phone == "0745-00-1111"
    assert manager.name == "北浦 恵子"
    assert manager.furigana == "キタウラ ケイコ"
    assert manager.office_id == office.id
    assert manager.office_name == office.name
    assert CareManager.get_by_id(manager.id).search_key == "北浦恵子\nキタウラケイコ"


@pytest.mark.parametrize(
    ("name", "phone", "field"),
    [("", "", "事業所名"), ("\u3000", "", "事業所名"), ("あ" * 101, "", "事業所名"), ("事業所", "電話して", "電話番号")],
)
def test_office_invalid(db, name, phone, field):
    with pytest.raises(ValidationError) as raised:
        create_care_office(name, phone)

    assert raised.value.field == field
    assert CareOffice.select().count() == 0


def test_office_duplicate_refused(db):
    create_care_office("榛原すずらんケアプランセンター")

    with pytest.raises(ValidationError, match="もう登録されています"):
        create_care_office("榛原すずらん ケアプランセンター")

    assert CareOffice.select().count() == 1


@pytest.mark.parametrize(
    ("name", "furigana", "office_id", "field"),
    [
        ("", "", None, "ケアマネ氏名"),
        ("北浦", "Kitaura", None, "フリガナ"),
        ("北浦", "", 999, "居宅介護支援事業所"),
    ],
)
def test_manager_invalid(db, name, furigana, office_id, field):
    with pytest.raises(ValidationError) as raised:
        create_care_manager(name, furigana, office_id)

    assert raised.value.field == field
    assert CareManager.select().count() == 0


def test_manager_duplicate_per_office(db):
    first = create_care_office("事業所A")
    second = create_care_office("事業所B")
    create_care_manager("北浦 恵子", "", first.id)

    with pytest.raises(ValidationError, match="事業所Aにはもう「北浦恵子」さん"):
        create_care_manager("北浦恵子", "", first.id)

    assert create_care_manager("北浦 恵子", "", second.id).office_name == "事業所B"


def test_manager_without_office(db):
    manager = create_care_manager("岸辺 由美", "キシベ ユミ", None)

    assert manager.office_id is None
    assert manager.office_name == ""


@pytest.fixture
def managers(db):
    yamabiko = create_care_office("うだ山びこ居宅介護支援事業所")
    suzuran = create_care_office("榛原すずらんケアプランセンター")
    return {
        "北浦": create_care_manager("北浦 恵子", "キタウラ ケイコ", yamabiko.id),
        "岸辺": create_care_manager("岸辺 由美", "キシベ ユミ", suzuran.id),
        "辻内": create_care_manager("辻内 真理", "", suzuran.id),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["岸辺 由美", "北浦 恵子", "辻内 真理"]),
        ("きたうら", ["北浦 恵子"]),
        ("ｷｼﾍﾞ", ["岸辺 由美"]),
        ("辻内", ["辻内 真理"]),
        ("すずらん", ["岸辺 由美", "辻内 真理"]),
        ("山びこ", ["北浦 恵子"]),
        ("%", []),
    ],
)
def test_list_care_managers(managers, query, expected):
    assert [manager.name for manager in list_care_managers(query)] == expected


def test_list_care_offices(managers):
    assert [office.name for office in list_care_offices()] == ["うだ山びこ居宅介護支援事業所", "榛原すずらんケアプランセンター"]
    assert [office.name for office in list_care_offices("ケアプラン")] == ["榛原すずらんケアプランセンター"]


def test_set_and_clear_care_manager(staff, clock, managers):
    _register(staff, clock, "宇陀 太郎", "ウダ タロウ")
    customer_id = Customer.get().id

    linked = set_customer_care_manager(customer_id, managers["北浦"].id, user=staff, clock=clock)

    assert linked.care_manager_name == "北浦 恵子"
    assert linked.care_office_name == "うだ山びこ居宅介護支援事業所"
    row = Customer.get_by_id(customer_id)
    assert (row.care_manager_name, row.care_manager_office) == ("北浦 恵子", "うだ山びこ居宅介護支援事業所")

    cleared = set_customer_care_manager(customer_id, None, user=staff, clock=clock)

    assert cleared.care_manager_id is None
    assert cleared.care_manager_name == ""
    assert Customer.get_by_id(customer_id).care_manager_office == ""


def test_set_missing_care_manager(staff, clock):
    _register(staff, clock, "宇陀 太郎", "ウダ タロウ")
    customer_id = Customer.get().id

    with pytest.raises(NotFoundError):
        set_customer_care_manager(customer_id, 999, user=staff, clock=clock)

    assert Customer.get_by_id(customer_id).care_manager_id is None


def test_care_manager_open_cases(staff, clock, managers):
    kitaura = managers["北浦"]
    first = _register(staff, clock, "宇陀 太郎", "ウダ タロウ", Line.EQUIPMENT, title="浴室暖房")
    uda = Customer.get(Customer.name == "宇陀 太郎").id
    clock.advance(timedelta(days=1))
    second = _register(staff, clock, "", "", Line.RENTAL, uda, "歩行器")
    ended = _register(staff, clock, "", "", Line.RENTAL, uda, "終わった案件")
    move_case(ended.id, COMPLETED, expected_version=ended.version, user=staff, clock=clock,
              outcome=Outcome.NO_CONTACT, reason="電話がつながらない")
    third = _register(staff, clock, "上田 清", "ウエダ キヨシ", Line.RENTAL, title="車いす")
    move_case(third.id, MEETING, expected_version=third.version, user=staff, clock=clock)
    _register(staff, clock, "森田 春子", "モリタ ハルコ", Line.RENTAL, title="ケアマネ違い")
    ueda = Customer.get(Customer.name == "上田 清").id
    morita = Customer.get(Customer.name == "森田 春子").id
    set_customer_care_manager(uda, kitaura.id, user=staff, clock=clock)
    set_customer_care_manager(ueda, kitaura.id, user=staff, clock=clock)
    set_customer_care_manager(morita, managers["岸辺"].id, user=staff, clock=clock)

    result = care_manager_open_cases(kitaura.id)

    assert result.care_manager == kitaura
    assert [case.id for case in result.cases] == [second.id, third.id, first.id]
    assert {case.customer_name for case in result.cases} == {"宇陀 太郎", "上田 清"}


def test_care_manager_open_cases_missing(db):
    with pytest.raises(NotFoundError):
        care_manager_open_cases(5)
