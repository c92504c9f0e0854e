"""Provides furigana (フリガナ) normalisation and the search key kept beside each name."""

import re
import unicodedata

_HIRAGANA_START = 0x3041
_HIRAGANA_END = 0x3096
_KANA_OFFSET = 0x60

# Katakana, the long vowel mark, the middle dot and single spaces between parts of a name.
_FURIGANA_PATTERN = re.compile(r"[\u30A1-\u30FA\u30FC\u30FB]+( [\u30A1-\u30FA\u30FC\u30FB]+)*")
_SPACES = re.compile(r"\s+")


def hiragana_to_katakana(text: str) -> str:
    """Replace every hiragana character in `text` with its katakana twin."""
    return "".join(
        chr(ord(char) + _KANA_OFFSET) if _HIRAGANA_START <= ord(char) <= _HIRAGANA_END else char
        for char in text
    )


def normalize_furigana(text: str) -> str:
    """Return `text` as full-width katakana with single spaces, the form stored as フリガナ.

    NFKC turns half-width katakana into full-width and a full-width space into
    an ASCII one; hiragana becomes katakana. The result may still contain other
    characters: `is_valid_furigana` tells whether it does not.
    """
    normalized = unicodedata.normalize("NFKC", text)
    normalized = hiragana_to_katakana(normalized)
    return _SPACES.sub(" ", normalized).strip()


def is_valid_furigana(text: str) -> bool:
    """Whether `text`, already normalised, is made of katakana only (with ー, ・ and spaces)."""
    return _FURIGANA_PATTERN.fullmatch(text) is not None


def search_key(text: str) -> str:
    """Return the key that search compares: NFKC, case-folded, katakana, no spaces.

    The same function runs on stored names and on what the user types, so
    ヤマダ, やまだ, ﾔﾏﾀﾞ and "やま だ" all meet.
    """
    normalized = unicodedata.normalize("NFKC", text).casefold()
    normalized = hiragana_to_katakana(normalized)
    return _SPACES.sub("", normalized)
