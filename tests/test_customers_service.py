"""Tests of customer search: kana forms, spaces and LIKE wildcards typed by the user."""

from datetime import datetime

import pytest

from anken_tui.clock import JST, FrozenClock
from anken_tui.db.database import close_database
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.services.cases import create_case
from anken_tui.services.customers import search_customers
from anken_tui.services.staff import register_staff

CLOCK = FrozenClock(datetime(2026, 12, 4, 10, 0, tzinfo=JST))

CUSTOMERS = (
    ("山田 花子", "やまだ はなこ"),
    ("山本 一郎", "ヤマモト イチロウ"),
    ("佐藤 健", "ｻﾄｳ ｹﾝ"),
    ("100%ケア 田中", "タナカ"),
    ("木_村", "キムラ"),
)


@pytest.fixture
def customer_ids(tmp_path) -> dict[str, int]:
    """Open a fresh database with five customers, each with one rental case, and return their ids by name."""
    open_database(tmp_path / "anken.db")
    user = register_staff("山口", "sales", CLOCK)
    ids = {}
    for name, furigana in CUSTOMERS:
        form = NewCaseInput(line=Line.RENTAL, title="車いす", customer_name=name, customer_furigana=furigana)
        create_case(form, user, CLOCK)
        ids[name] = _only(search_customers(name)).id
    yield ids
    close_database()


def _only(results):
    assert len(results) == 1, results
    return results[0]


def _names(query: str) -> list[str]:
    return [customer.name for customer in search_customers(query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("山田", ["山田 花子"]),
        ("山", ["山田 花子", "山本 一郎"]),
        ("やまだ", ["山田 花子"]),
        ("ヤマダ", ["山田 花子"]),
        ("ﾔﾏﾀﾞ", ["山田 花子"]),
        ("やまもと", ["山本 一郎"]),
        ("さとう", ["佐藤 健"]),
        ("サトウケン", ["佐藤 健"]),
        ("やまだ はなこ", ["山田 花子"]),
        ("山田　花子", ["山田 花子"]),
        ("はなこ", ["山田 花子"]),
    ],
)
def test_search_matches_kana_forms(customer_ids, query, expected):
    assert _names(query) == expected


def test_search_orders_by_furigana(customer_ids):
    assert _names("ヤマ") == ["山田 花子", "山本 一郎"]


def test_search_returns_ids_and_furigana(customer_ids):
    customer = _only(search_customers("山田"))

    assert customer.id == customer_ids["山田 花子"]
    assert customer.furigana == "ヤマダ ハナコ"


def test_search_percent_is_literal(customer_ids):
    assert _names("%") == ["100%ケア 田中"]
    assert _names("0%ケ") == ["100%ケア 田中"]
    assert _names("1%ケ") == []


def test_search_underscore_is_literal(customer_ids):
    assert _names("_") == ["木_村"]
    assert _names("木_") == ["木_村"]
    assert _names("山_") == []


def test_search_backslash_is_literal(customer_ids):
    assert _names("\\") == []
    assert _names("\\%") == []


def test_search_empty_query_returns_nothing(customer_ids):
    assert search_customers("") == []
    assert search_customers("   ") == []


def test_search_no_match(customer_ids):
    assert search_customers("鈴木") == []


def test_search_respects_limit(customer_ids):
    assert len(search_customers("ヤマ", limit=1)) == 1
