"""Provides reading amounts in whole yen as typed (12000, 12,000円, full-width) and showing them as 12,000円."""

import re
import unicodedata

from anken_tui import texts

# PostgreSQL's INTEGER holds up to 2,147,483,647, so stay well under it.
MAX_YEN = 999_999_999

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
_FRACTION = re.compile(r"[\d,]*\.\d*")
_NEGATIVE_SIGNS = ("-", "\u2212", "▲", "△")
_YEN_SIGNS = ("¥", "\\")


class InvalidAmountError(ValueError):
    """A typed amount that is not whole, non-negative yen; the message is Japanese and names the value."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_yen(text: str) -> int:
    """Return the whole-yen amount typed in `text`.

    Accepts digits with or without thousands commas, full-width digits, a
    leading ¥ and a trailing 円: 12000, 12,000, 12,000円 and １２，０００円 all give 12000.

    Raises:
        InvalidAmountError: `text` is empty, negative, has a fraction, has
            misplaced commas or is larger than MAX_YEN.
    """
    typed = text.strip()
    compact = _SPACES.sub("", unicodedata.normalize("NFKC", typed))
    if not compact:
        raise InvalidAmountError(texts.AMOUNT_REQUIRED)

    compact = compact.removesuffix("円")
    if compact.startswith(_NEGATIVE_SIGNS):
        raise InvalidAmountError(texts.AMOUNT_NEGATIVE.format(value=typed))
    compact = compact.removeprefix(_YEN_SIGNS[0]).removeprefix(_YEN_SIGNS[1])
    if _FRACTION.fullmatch(compact):
        raise InvalidAmountError(texts.AMOUNT_FRACTION.format(value=typed))
    if not _DIGITS.fullmatch(compact):
        raise InvalidAmountError(texts.AMOUNT_UNREADABLE.format(value=typed))

    amount = int(compact.replace(",", ""))
    if amount > MAX_YEN:
        raise InvalidAmountError(texts.AMOUNT_TOO_LARGE.format(value=typed, limit=f"{MAX_YEN:,}"))
    return amount


def parse_optional_yen(text: str) -> int | None:
    """Return the amount typed in `text`, or None when `text` is blank; raise InvalidAmountError like parse_yen."""
    if not text.strip():
        return None
    return parse_yen(text)


def format_yen(amount: int) -> str:
    """Return `amount` as 12,000円."""
    return texts.YEN.format(amount=amount)


def format_input_yen(amount: int | None) -> str:
    """Return `amount` as 12,000 for an input field to start from, or "" for None; parse_yen reads it back."""
    if amount is None:
        return ""
    return f"{amount:,}"
