"""Tests of the business lines, their stage lists and the flow of each kind of case."""

import pytest

from anken_tui.domain.lines import ALL_STAGES, STAGES, Line, SalesKind, flow_for


def test_rental_stages():
    assert STAGES[Line.RENTAL] == ("案件受付", "打合せ", "作業工程", "案件完了")


def test_sales_stages():
    assert STAGES[Line.SALES] == ("案件受付", "打合せ", "見積工程", "作業工程", "事後申請中", "案件完了")


def test_renovation_stages():
    assert STAGES[Line.RENOVATION] == (
        "案件受付",
        "打合せ",
        "見積工程",
        "受注待ち",
        "事前申請中",
        "作業工程",
        "請求工程",
        "請求書提出済",
        "事後申請中",
        "案件完了",
    )


def test_equipment_stages():
    assert STAGES[Line.EQUIPMENT] == (
        "案件受付",
        "打合せ",
        "見積工程",
        "受注待ち",
        "作業工程",
        "請求工程",
        "請求書提出済",
        "案件完了",
    )


def test_stages_cover_every_line():
    assert set(STAGES) == set(Line)


def test_all_stages_in_order_of_every_line():
    for line in Line:
        positions = [ALL_STAGES.index(stage) for stage in STAGES[line]]
        assert positions == sorted(positions), line


@pytest.mark.parametrize(
    ("line", "label", "key"),
    [
        (Line.RENTAL, "レンタル", "rental"),
        (Line.SALES, "福祉用具販売", "sales"),
        (Line.RENOVATION, "住宅改修", "renovation"),
        (Line.EQUIPMENT, "設備", "equipment"),
    ],
)
def test_line_label_and_key(line, label, key):
    assert line.label == label
    assert line.value == key


@pytest.mark.parametrize(
    ("kind", "label", "key"),
    [(SalesKind.INSURANCE, "介護保険", "insurance"), (SalesKind.SELF_PAY, "自費", "self_pay")],
)
def test_sales_kind_label_and_key(kind, label, key):
    assert kind.label == label
    assert kind.value == key


def test_self_pay_flow_leaves_out_post_application():
    assert flow_for(Line.SALES, SalesKind.SELF_PAY).stages == ("案件受付", "打合せ", "見積工程", "作業工程", "案件完了")


def test_insured_sale_flow_is_whole_line():
    assert flow_for(Line.SALES, SalesKind.INSURANCE).stages == STAGES[Line.SALES]


@pytest.mark.parametrize("line", [Line.RENTAL, Line.RENOVATION, Line.EQUIPMENT])
def test_flow_of_other_lines_is_whole_line(line):
    assert flow_for(line).stages == STAGES[line]


def test_flow_index_of_stage_outside_flow():
    with pytest.raises(ValueError):
        flow_for(Line.SALES, SalesKind.SELF_PAY).index("事後申請中")
