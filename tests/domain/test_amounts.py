"""Tests of reading typed yen amounts and showing them as 12,000円."""

import pytest

from anken_tui.domain.amounts import (
    MAX_YEN,
    InvalidAmountError,
    format_input_yen,
    format_yen,
    parse_optional_yen,
    parse_yen,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12000", 12000),
        ("12,000", 12000),
        ("12,000円", 12000),
        ("12000円", 12000),
        ("１２０００", 12000),
        ("１２，０００円", 12000),
        ("¥12,000", 12000),
        ("￥12,000", 12000),
        (" 12,000 円 ", 12000),
        ("0", 0),
        ("1,234,567", 1234567),
        ("999,999,999", MAX_YEN),
        ("007", 7),
    ],
)
def test_parse_good_amounts(typed, expected):
    assert parse_yen(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-500", "-500: マイナスの金額は入力できません。"),
        ("−500", "−500: マイナスの金額は入力できません。"),
        ("▲500", "▲500: マイナスの金額は入力できません。"),
        ("－500円", "－500円: マイナスの金額は入力できません。"),
        ("1200.5", "1200.5: 1円未満の端数は入力できません。円単位の整数で入力してください。"),
        ("1,200.50円", "1,200.50円: 1円未満の端数は入力できません。円単位の整数で入力してください。"),
        ("12,00", "12,00 は金額として読めません。12000、12,000円 のように円単位の数字で入力してください。"),
        ("1,2345", "1,2345 は金額として読めません。12000、12,000円 のように円単位の数字で入力してください。"),
        (",000", ",000 は金額として読めません。12000、12,000円 のように円単位の数字で入力してください。"),
        ("1万2千", "1万2千 は金額として読めません。12000、12,000円 のように円単位の数字で入力してください。"),
        ("円", "円 は金額として読めません。12000、12,000円 のように円単位の数字で入力してください。"),
        ("1000000000", "1000000000: 金額が大きすぎます。999,999,999円以下で入力してください。"),
        ("", "金額を入力してください(例: 12,000)。"),
    ],
)
def test_parse_bad_amounts(typed, message):
    with pytest.raises(InvalidAmountError) as raised:
        parse_yen(typed)

    assert raised.value.message == message


def test_optional_blank_is_none():
    assert parse_optional_yen("") is None
    assert parse_optional_yen("\u3000") is None
    assert parse_optional_yen("5,000円") == 5000


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(0, "0円"), (980, "980円"), (12000, "12,000円"), (1234567, "1,234,567円")],
)
def test_format_yen(amount, shown):
    assert format_yen(amount) == shown


@pytest.mark.parametrize("amount", [0, 980, 12000, MAX_YEN])
def test_input_yen_reads_back(amount):
    assert parse_yen(format_input_yen(amount)) == amount


def test_input_yen_none_blank():
    assert format_input_yen(None) == ""
