"""Tests of furigana normalisation, its validity check and the search key."""

import pytest

from anken_tui.domain.kana import hiragana_to_katakana, is_valid_furigana, normalize_furigana, search_key


@pytest.mark.parametrize(
    ("typed", "normalized", "valid"),
    [
        ("ヤマダ タロウ", "ヤマダ タロウ", True),
        ("やまだ たろう", "ヤマダ タロウ", True),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ", True),
        ("ﾊﾟｰﾙ", "パール", True),
        ("ヤマダ\u3000タロウ", "ヤマダ タロウ", True),
        ("  ヤマダ   タロウ \n", "ヤマダ タロウ", True),
        ("ゆーこ", "ユーコ", True),
        ("ｼﾞｮﾝ･ｽﾐｽ", "ジョン・スミス", True),
        ("か\u3099", "ガ", True),
        ("ゔぁ", "ヴァ", True),
        ("Yamada", "Yamada", False),
        ("Ｙａｍａｄａ", "Yamada", False),
        ("ヤマダ1", "ヤマダ1", False),
        ("１２３", "123", False),
        ("山田", "山田", False),
        ("ヤマダ、タロウ", "ヤマダ、タロウ", False),
        ("", "", False),
        ("\u3000 ", "", False),
    ],
)
def test_normalize_and_validate_furigana(typed, normalized, valid):
    assert normalize_furigana(typed) == normalized
    assert is_valid_furigana(normalize_furigana(typed)) is valid


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ヤマダ", "ヤマダ"),
        ("やまだ", "ヤマダ"),
        ("ﾔﾏﾀﾞ", "ヤマダ"),
        ("やま だ", "ヤマダ"),
        ("ヤマダ\u3000タロウ", "ヤマダタロウ"),
        ("山田 太郎", "山田太郎"),
        ("ユーコ", "ユーコ"),
        ("ﾕｰｺ", "ユーコ"),
        ("Yamada", "yamada"),
        ("ＹＡＭＡＤＡ", "yamada"),
        ("１２３", "123"),
        ("[至急] 手すり", "[至急]手スリ"),
        ("", ""),
    ],
)
def test_search_key(text, key):
    assert search_key(text) == key


def test_search_key_meets_every_typing_of_a_name():
    typings = ["ヤマダ", "やまだ", "ﾔﾏﾀﾞ", "やま だ", "ヤマ\u3000ダ"]

    assert {search_key(typed) for typed in typings} == {"ヤマダ"}


def test_hiragana_to_katakana_keeps_other_text():
    assert hiragana_to_katakana("ぁあんゖ山田ABCー") == "ァアンヶ山田ABCー"
