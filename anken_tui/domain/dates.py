"""Provides reading dates as office staff type them (12/4, 2026/12/4, 令和8年12月4日) and the date formats shown."""

import re
import unicodedata
from datetime import date, datetime

from anken_tui import texts

FIRST_YEAR = 2000
LAST_YEAR = 2099

# 令和 1 (元年) is 2019 and began on 1 May 2019.
REIWA_OFFSET = 2018
REIWA_START = date(2019, 5, 1)

_SPACES = re.compile(r"\s+")
_FULL = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日?")
_MONTH_DAY = re.compile(r"(\d{1,2})/(\d{1,2})|(\d{1,2})月(\d{1,2})日?")
_REIWA = re.compile(r"(?:令和|R)(\d{1,2}|元)(?:年|[/.\-])(\d{1,2})(?:月|[/.\-])(\d{1,2})日?", re.IGNORECASE)


class InvalidDateError(ValueError):
    """A typed date that cannot be read or does not exist; the message is Japanese and names the value."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date(text: str, today: date) -> date:
    """Return the date that `text` names; a date typed without a year falls in the year of `today`.

    Accepts 12/4, 2026/12/4, 2026-12-04, 2026.12.4, 12月4日, 2026年12月4日 and
    令和8年12月4日 (or R8/12/4), in full-width or half-width characters.

    Raises:
        InvalidDateError: `text` is empty, is not a date in one of these forms,
            names a day that does not exist (2/30) or a year outside 2000-2099.
    """
    typed = text.strip()
    compact = _SPACES.sub("", unicodedata.normalize("NFKC", typed))
    if not compact:
        raise InvalidDateError(texts.DATE_REQUIRED)

    year, month, day = _split(compact, today, typed)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidDateError(texts.DATE_YEAR_OUT_OF_RANGE.format(value=typed, first=FIRST_YEAR, last=LAST_YEAR))
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDateError(texts.DATE_MISSING_DAY.format(value=typed)) from None


def parse_optional_date(text: str, today: date) -> date | None:
    """Return the date that `text` names, or None when `text` is blank; raise InvalidDateError like parse_date."""
    if not text.strip():
        return None
    return parse_date(text, today)


def _split(compact: str, today: date, typed: str) -> tuple[int, int, int]:
    """Return (year, month, day) of `compact`, a date typed in one of the accepted forms."""
    match = _FULL.fullmatch(compact)
    if match:
        year, month, day = (part for part in match.groups() if part is not None)
        return int(year), int(month), int(day)

    match = _MONTH_DAY.fullmatch(compact)
    if match:
        month, day = (part for part in match.groups() if part is not None)
        return today.year, int(month), int(day)

    match = _REIWA.fullmatch(compact)
    if match:
        era_year, month, day = match.groups()
        year = REIWA_OFFSET + (1 if era_year == "元" else int(era_year))
        _check_reiwa(year, int(month), int(day), typed)
        return year, int(month), int(day)

    raise InvalidDateError(texts.DATE_UNREADABLE.format(value=typed))


def _check_reiwa(year: int, month: int, day: int, typed: str) -> None:
    # 令和0年 and the days of 令和元年 before 1 May 2019 were still 平成.
    if year == REIWA_OFFSET or (year, month, day) < (REIWA_START.year, REIWA_START.month, REIWA_START.day):
        raise InvalidDateError(texts.DATE_MISSING_DAY.format(value=typed))


def format_short_date(day: date, today: date) -> str:
    """Return `day` as 12/4, or as 2025/12/4 when it is not in the year of `today`."""
    if day.year == today.year:
        return f"{day.month}/{day.day}"
    return f"{day.year}/{day.month}/{day.day}"


def format_short_time(moment: datetime) -> str:
    """Return `moment`, in its own timezone, as 12/4 14:05: the form of edit marks, conflicts and drafts."""
    # Built by hand because strftime's "%-m" is not supported on Windows.
    return f"{moment.month}/{moment.day} {moment:%H:%M}"


def format_note_stamp(day: date, author: str, today: date) -> str:
    """Return the stamp of a note (詳細): 12/4(山口), or 2025/12/4(山口) when not in the year of `today`."""
    return texts.NOTE_STAMP.format(day=format_short_date(day, today), author=author)


def format_list_date(day: date) -> str:
    """Return `day` as 2026/12/04, the fixed-width form of tables and lists."""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def format_card_date(day: date, today: date | None = None) -> str:
    """Return `day` with its weekday as 12/4(金), with the year in front when not in the year of `today`."""
    weekday = texts.WEEKDAY_NAMES[day.weekday()]
    short = format_short_date(day, today) if today is not None else f"{day.month}/{day.day}"
    return f"{short}({weekday})"


def format_input_date(day: date | None) -> str:
    """Return `day` as 2026/12/4 for an input field to start from, or "" for None; parse_date reads it back."""
    if day is None:
        return ""
    return f"{day.year}/{day.month}/{day.day}"
