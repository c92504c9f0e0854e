"""Tests of reading typed dates and of the date formats: stamps, lists and cards."""

from datetime import date, datetime

import pytest

from anken_tui.domain.dates import (
    InvalidDateError,
    format_card_date,
    format_input_date,
    format_list_date,
    format_note_stamp,
    format_short_date,
    format_short_time,
    parse_date,
    parse_optional_date,
)

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/4", date(2026, 12, 4)),
        ("1/5", date(2026, 1, 5)),
        ("2026/12/4", date(2026, 12, 4)),
        ("2026-12-04", date(2026, 12, 4)),
        ("2026.12.4", date(2026, 12, 4)),
        ("2025/12/4", date(2025, 12, 4)),
        ("2028/2/29", date(2028, 2, 29)),
        ("１２／４", date(2026, 12, 4)),
        ("２０２６－１２－０４", date(2026, 12, 4)),
        ("12月4日", date(2026, 12, 4)),
        ("12月4", date(2026, 12, 4)),
        ("2026年12月4日", date(2026, 12, 4)),
        ("令和8年12月4日", date(2026, 12, 4)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R8/12/4", date(2026, 12, 4)),
        ("r8.12.4", date(2026, 12, 4)),
        (" 12 / 4 ", date(2026, 12, 4)),
        ("12/4\u3000", date(2026, 12, 4)),
    ],
)
def test_parse_good_dates(typed, expected):
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2/30", "2/30 は存在しない日付です。"),
        ("2026/2/29", "2026/2/29 は存在しない日付です。"),
        ("13/1", "13/1 は存在しない日付です。"),
        ("0/1", "0/1 は存在しない日付です。"),
        ("4/31", "4/31 は存在しない日付です。"),
        ("１３／１", "１３／１ は存在しない日付です。"),
        ("令和元年4月30日", "令和元年4月30日 は存在しない日付です。"),
        ("令和0年5月1日", "令和0年5月1日 は存在しない日付です。"),
        ("あした", "あした は日付として読めません。12/4、2026/12/4、2026-12-04 のように入力してください。"),
        ("12/4/5/6", "12/4/5/6 は日付として読めません。12/4、2026/12/4、2026-12-04 のように入力してください。"),
        ("1204", "1204 は日付として読めません。12/4、2026/12/4、2026-12-04 のように入力してください。"),
        ("12-4", "12-4 は日付として読めません。12/4、2026/12/4、2026-12-04 のように入力してください。"),
        ("1999/12/31", "1999/12/31 の年は扱えません。2000年から2099年までの日付を入力してください。"),
        ("2100/1/1", "2100/1/1 の年は扱えません。2000年から2099年までの日付を入力してください。"),
        ("", "日付を入力してください(例: 12/4、2026/12/4、2026-12-04)。"),
        ("   ", "日付を入力してください(例: 12/4、2026/12/4、2026-12-04)。"),
    ],
)
def test_parse_bad_dates(typed, message):
    with pytest.raises(InvalidDateError) as raised:
        parse_date(typed, TODAY)

    assert raised.value.message == message
    assert isinstance(raised.value, ValueError)


def test_year_defaults_to_today():
    assert parse_date("12/4", date(2027, 1, 10)) == date(2027, 12, 4)


def test_optional_blank_is_none():
    assert parse_optional_date("", TODAY) is None
    assert parse_optional_date(" \u3000", TODAY) is None
    assert parse_optional_date("3/5", TODAY) == date(2026, 3, 5)


def test_optional_still_rejects_bad():
    with pytest.raises(InvalidDateError, match="2/30"):
        parse_optional_date("2/30", TODAY)


@pytest.mark.parametrize(
    ("day", "author", "today", "expected"),
    [
        (date(2026, 12, 4), "山口", date(2026, 12, 4), "12/4(山口)"),
        (date(2026, 1, 9), "中西", date(2026, 12, 4), "1/9(中西)"),
        (date(2025, 12, 4), "山口", date(2026, 1, 5), "2025/12/4(山口)"),
        (date(2026, 12, 4), "[至急] 森本", date(2026, 12, 4), "12/4([至急] 森本)"),
    ],
)
def test_note_stamp(day, author, today, expected):
    assert format_note_stamp(day, author, today) == expected


def test_list_date_zero_padded():
    assert format_list_date(date(2026, 12, 4)) == "2026/12/04"
    assert format_list_date(date(2026, 1, 9)) == "2026/01/09"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 4), "12/4(金)"),
        (date(2026, 12, 5), "12/5(土)"),
        (date(2026, 12, 6), "12/6(日)"),
        (date(2026, 12, 7), "12/7(月)"),
    ],
)
def test_card_date_weekday(day, expected):
    assert format_card_date(day) == expected


def test_card_date_other_year():
    assert format_card_date(date(2027, 1, 5), date(2026, 12, 4)) == "2027/1/5(火)"
    assert format_card_date(date(2026, 12, 4), date(2026, 3, 2)) == "12/4(金)"


def test_short_date():
    assert format_short_date(date(2026, 12, 4), TODAY) == "12/4"
    assert format_short_date(date(2025, 12, 4), TODAY) == "2025/12/4"


@pytest.mark.parametrize("day", [date(2026, 12, 4), date(2025, 1, 31), date(2028, 2, 29)])
def test_input_date_reads_back(day):
    typed = format_input_date(day)

    assert typed == f"{day.year}/{day.month}/{day.day}"
    assert parse_date(typed, TODAY) == day


def test_input_date_none_blank():
    assert format_input_date(None) == ""


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 12, 4, 14, 5), "12/4 14:05"),
        (datetime(2027, 1, 9, 8, 0), "1/9 08:00"),
    ],
)
def test_format_short_time(moment, expected):
    assert format_short_time(moment) == expected
