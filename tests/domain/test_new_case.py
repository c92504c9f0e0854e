"""Tests of the new case form checks (案件登録): each error names its field in Japanese."""

import re

import pytest

from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput, validate_new_case
from anken_tui.errors import ValidationError

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _form(**changes) -> NewCaseInput:
    values = {
        "line": Line.RENTAL,
        "title": "手すりの追加レンタル",
        "customer_name": "山田 太郎",
        "customer_furigana": "ヤマダ タロウ",
    }
    values.update(changes)
    return NewCaseInput(**values)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "件名"),
        ({"title": " \u3000\n"}, "件名"),
        ({"title": "あ" * 201}, "件名"),
        ({"line": Line.SALES, "sales_kind": None}, "介護保険/自費"),
        ({"customer_name": ""}, "顧客名"),
        ({"customer_name": "\u3000"}, "顧客名"),
        ({"customer_name": "山" * 101}, "顧客名"),
        ({"customer_furigana": ""}, "フリガナ"),
        ({"customer_furigana": "Yamada"}, "フリガナ"),
        ({"customer_furigana": "山田"}, "フリガナ"),
    ],
)
def test_error_names_field_in_japanese(changes, field):
    with pytest.raises(ValidationError) as raised:
        validate_new_case(_form(**changes))

    assert raised.value.field == field
    assert JAPANESE.search(raised.value.message)
    assert raised.value.message.endswith("。")
    assert raised.value.title == "入力を確認してください"


def test_first_invalid_field_is_named():
    with pytest.raises(ValidationError) as raised:
        validate_new_case(_form(title="", customer_name=""))

    assert raised.value.field == "件名"


def test_limits_are_inclusive():
    form = validate_new_case(_form(title="あ" * 200, customer_name="山" * 100))

    assert len(form.title) == 200
    assert len(form.customer_name) == 100


def test_valid_form_is_normalized():
    form = validate_new_case(
        _form(title="  手すりの\u3000追加  ", customer_name=" 山田\u3000 太郎 ", customer_furigana="ﾔﾏﾀﾞ\u3000たろう")
    )

    assert form.title == "手すりの 追加"
    assert form.customer_name == "山田 太郎"
    assert form.customer_furigana == "ヤマダ タロウ"


def test_existing_customer_needs_no_name():
    form = validate_new_case(_form(customer_id=7, customer_name="", customer_furigana=""))

    assert form.customer_id == 7


def test_sales_kind_kept_for_sales():
    form = validate_new_case(_form(line=Line.SALES, sales_kind=SalesKind.SELF_PAY))

    assert form.sales_kind is SalesKind.SELF_PAY


def test_sales_kind_dropped_for_other_lines():
    form = validate_new_case(_form(line=Line.RENOVATION, sales_kind=SalesKind.INSURANCE))

    assert form.sales_kind is None
