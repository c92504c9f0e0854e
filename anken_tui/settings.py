"""Provides the settings file (settings.toml): the user's name, stale thresholds and closed days."""

import contextlib
import os
import re
import tempfile
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import ALL_STAGES, COMPLETED, STAGES, Line
from anken_tui.domain.staleness import DEFAULT_THRESHOLDS, Thresholds

# A threshold above about four years of business days is a typing mistake, not a rule.
MAX_THRESHOLD_DAYS = 999
FILE_MODE = 0o600
DIRECTORY_MODE = 0o700
UTF8_BOM = b"\xef\xbb\xbf"

TOP_LEVEL_KEYS = ("user", "thresholds", "calendar")
CALENDAR_KEYS = ("saturday_is_workday", "closed_days")
LINE_KEYS = frozenset(line.value for line in Line)

NEW_FILE_HEADER = (
    "# anken-tui の設定ファイルです。文字コードは UTF-8 で保存してください。\n"
    "# user は入力者の名前で、詳細や履歴に記録されます。\n"
)

# Problems found while loading. Each names the file and the key, the fix and the value used instead.
MSG_UNREADABLE = (
    "設定ファイル {path} を読み込めません({reason})。"
    "ファイルの場所と読み取り権限を確認してください。すべて既定値を使います。"
)
MSG_NOT_UTF8 = (
    "設定ファイル {path} の文字コードが UTF-8 ではありません。"
    "文字コードを UTF-8 にして保存し直してください。すべて既定値を使います。"
)
MSG_SYNTAX_AT_LINE = (
    "設定ファイル {path} の {line} 行目 {column} 文字目が TOML の書き方として正しくありません"
    "(詳細: {detail})。この行を直してください。ステージ名は \"案件受付\" のように \" で囲みます。"
    "直るまではすべて既定値を使います。"
)
MSG_SYNTAX = (
    "設定ファイル {path} が TOML の書き方として正しくありません(詳細: {detail})。"
    "閉じていない \"、]、}} がないか確認してください。直るまではすべて既定値を使います。"
)
MSG_UNKNOWN_KEY = (
    "設定ファイル {path} の {key} は使われない項目です。"
    "書ける項目は {allowed} です。綴りを確認してください。この項目は無視します。"
)
MSG_USER_TYPE = (
    "設定ファイル {path} の user が {value} です。"
    "user = \"山田\" のように入力者の名前を \" で囲んで書いてください。名前は未設定として扱います。"
)
MSG_USER_INVALID = (
    "設定ファイル {path} の user が空か、改行などの制御文字を含んでいます。"
    "user = \"山田\" のように入力者の名前を書いてください。名前は未設定として扱います。"
)
MSG_THRESHOLDS_NOT_TABLE = (
    "設定ファイル {path} の thresholds が表になっていません。"
    "[thresholds.rental] の見出しの下に \"案件受付\" = 10 のように書いてください。"
    "滞留日数の基準はすべて既定値を使います。"
)
MSG_UNKNOWN_LINE = (
    "設定ファイル {path} の {key} は事業区分の名前ではありません。"
    "事業区分は {lines} のどれかを書いてください。この表は無視します。"
)
MSG_LINE_NOT_TABLE = (
    "設定ファイル {path} の {key} が表になっていません。"
    "[{key}] の見出しの下に \"案件受付\" = 10 のように書いてください。"
    "{line_label}の基準は既定値を使います。"
)
MSG_UNKNOWN_STAGE = (
    "設定ファイル {path} の {key} は営業ステージの名前ではありません。"
    "{line_label}のステージは {stages} です。この項目は無視します。"
)
MSG_STAGE_OF_OTHER_LINE = (
    "設定ファイル {path} の {key} は{line_label}にないステージです。"
    "{line_label}のステージは {stages} です。この項目は無視します。"
)
MSG_COMPLETED_STAGE = (
    "設定ファイル {path} の {key} は書けません。案件完了の案件は滞留として数えないためです。"
    "この項目は無視します。"
)
MSG_THRESHOLD_INVALID = (
    "設定ファイル {path} の {key} が {value} です。"
    "0 以上の整数(営業日)を書いてください。既定値 {default} を使います。"
)
MSG_THRESHOLD_TOO_LARGE = (
    "設定ファイル {path} の {key} が {value} です。"
    "{maximum} 以下の整数(営業日)を書いてください。既定値 {default} を使います。"
)
MSG_CALENDAR_NOT_TABLE = (
    "設定ファイル {path} の calendar が表になっていません。"
    "[calendar] の見出しの下に saturday_is_workday = false のように書いてください。"
    "営業日の設定は既定値を使います。"
)
MSG_SATURDAY_INVALID = (
    "設定ファイル {path} の calendar.saturday_is_workday が {value} です。"
    "土曜日が営業日なら true、休みなら false を書いてください。既定値 false を使います。"
)
MSG_CLOSED_DAYS_NOT_ARRAY = (
    "設定ファイル {path} の calendar.closed_days が {value} です。"
    "closed_days = [\"2026-08-13\", \"2026-08-14\"] のように日付の配列で書いてください。"
    "会社の休業日はなしとして扱います。"
)
MSG_CLOSED_DAY_INVALID = (
    "設定ファイル {path} の calendar.closed_days の {value} は日付として読めません。"
    "\"2026-08-13\" のように年-月-日で書いてください。この日は休業日に含めません。"
)

# Errors of save_user_name, raised as SettingsError. The file is never left half written.
MSG_SAVE_INVALID_NAME = (
    "入力者の名前が空か、改行などの制御文字を含んでいます。名前を入力し直してください。"
)
MSG_SAVE_READ_FAILED = (
    "設定ファイル {path} を読み込めないため、入力者の名前を保存できませんでした({reason})。"
    "ファイルの読み取り権限を確認してください。"
)
MSG_SAVE_NOT_UTF8 = (
    "設定ファイル {path} の文字コードが UTF-8 ではないため、入力者の名前を保存できませんでした。"
    "ファイルは変更していません。UTF-8 で保存し直してから、もう一度保存してください。"
)
MSG_SAVE_SYNTAX = (
    "設定ファイル {path} の{location}が TOML の書き方として正しくないため(詳細: {detail})、"
    "入力者の名前を保存できませんでした。ファイルは変更していません。"
    "ファイルを直してから、もう一度保存してください。"
)
MSG_SAVE_NO_USER_LINE = (
    "設定ファイル {path} の user の行を自動で書き換えられませんでした。ファイルは変更していません。"
    "最初の [ ] 見出しより前に user = {value} と書いてください。"
)
MSG_SAVE_WRITE_FAILED = (
    "設定ファイル {path} に書き込めませんでした({reason})。"
    "フォルダーの書き込み権限と空き容量を確認してください。"
)

LINE_CHOICES = "、".join(f"{line.value}({line.label})" for line in Line)
TOP_LEVEL_CHOICES = "user、[thresholds.事業区分]、[calendar]"
CALENDAR_CHOICES = "、".join(CALENDAR_KEYS)

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_SYNTAX_END = re.compile(r"\s*\(at end of document\)$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_USER_LINE = re.compile(r"""(\s*(?:user|"user"|'user')\s*=\s*)(.*)""")
_SIMPLE_STRING_VALUE = re.compile(r"""("(?:[^"\\]|\\.)*"|'[^']*')(\s*(?:#.*)?)""")
_TABLE_HEADER = re.compile(r"\s*\[")
_COMMENT_LINE = re.compile(r"\s*#")


class SettingsError(Exception):
    """An error that left the settings file unchanged. The Japanese message gives the cause and the fix."""


@dataclass(frozen=True)
class SettingsProblem:
    """One problem in the user's settings file and the value used in its place."""

    path: Path
    key: str | None
    """The dotted TOML key at fault, such as `thresholds.rental."案件受付"`, or None for the whole file."""
    line: int | None
    """The line number of a TOML syntax error, counted from 1."""
    message: str
    """A Japanese sentence for the user: the file, the key or line, the fix, the fallback."""


def _default_thresholds() -> Thresholds:
    return _freeze_thresholds(DEFAULT_THRESHOLDS)


@dataclass(frozen=True)
class Settings:
    """The settings in effect: the defaults with the file's valid overrides applied."""

    user: str | None = None
    """The current user's name (入力者), or None when it is not set yet."""
    thresholds: Thresholds = field(default_factory=_default_thresholds, hash=False)
    """Business days per line and stage before a case is stale (滞留案件)."""
    calendar: BusinessCalendar = field(default_factory=BusinessCalendar)
    """The business days (営業日) that the days in stage are counted in."""


class _Report:
    """Collects the problems of one settings file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[SettingsProblem] = []

    def add(
        self, template: str, key: str | None = None, line: int | None = None, **values: Any
    ) -> None:
        message = template.format(path=self.path, key=key, line=line, **values)
        self.problems.append(SettingsProblem(path=self.path, key=key, line=line, message=message))


def load_settings(path: Path) -> tuple[Settings, list[SettingsProblem]]:
    """Read the settings file at `path` and return the settings with the problems found.

    A missing file gives the defaults and no problems. A wrong part of the file is
    reported and replaced by its default. A file that cannot be read or parsed gives
    all defaults. This never raises for the file's content and never writes to the file.
    """
    report = _Report(Path(path))
    document = _read_document(report)
    if document is None:
        return Settings(), report.problems

    for key in document:
        if key not in TOP_LEVEL_KEYS:
            report.add(MSG_UNKNOWN_KEY, key=_dotted_key(key), allowed=TOP_LEVEL_CHOICES)

    settings = Settings(
        user=_parse_user(document["user"], report) if "user" in document else None,
        thresholds=_parse_thresholds(document.get("thresholds", {}), report),
        calendar=_parse_calendar(document.get("calendar", {}), report),
    )
    return settings, report.problems


def _read_document(report: _Report) -> dict[str, Any] | None:
    try:
        raw = report.path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        report.add(MSG_UNREADABLE, reason=error.strerror or error)
        return None

    try:
        # Windows Notepad may save UTF-8 with a byte order mark, which utf-8-sig drops.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(MSG_NOT_UTF8)
        return None

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail, line, column = _split_syntax_error(error)
        if line is None:
            report.add(MSG_SYNTAX, detail=detail)
        else:
            report.add(MSG_SYNTAX_AT_LINE, line=line, column=column, detail=detail)
        return None


def _split_syntax_error(error: tomllib.TOMLDecodeError) -> tuple[str, int | None, int | None]:
    """Split a tomllib message into its reason, line and column.

    Python 3.11's TOMLDecodeError has no line attribute, so the position is read
    from the end of its message: "(at line L, column C)" or "(at end of document)".
    """
    message = str(error)
    position = _SYNTAX_POSITION.search(message)
    if position is not None:
        return message[: position.start()], int(position.group(1)), int(position.group(2))
    return _SYNTAX_END.sub("", message), None, None


def _parse_user(value: Any, report: _Report) -> str | None:
    if not isinstance(value, str):
        report.add(MSG_USER_TYPE, key="user", value=_describe(value))
        return None
    name = _clean_user_name(value)
    if name is None:
        report.add(MSG_USER_INVALID, key="user")
    return name


def _clean_user_name(name: str) -> str | None:
    """Return the name without surrounding spaces, or None if it is empty or has control characters.

    The name is stamped into notes as 10/12(山口), where a line break would split the stamp.
    """
    name = name.strip()
    if not name:
        return None
    if any(unicodedata.category(character) in ("Cc", "Zl", "Zp") for character in name):
        return None
    return name


def _parse_thresholds(value: Any, report: _Report) -> Thresholds:
    merged = {line: dict(stages) for line, stages in DEFAULT_THRESHOLDS.items()}
    if not isinstance(value, dict):
        report.add(MSG_THRESHOLDS_NOT_TABLE, key="thresholds")
        return _freeze_thresholds(merged)

    for line_key, table in value.items():
        if line_key not in LINE_KEYS:
            key = _dotted_key("thresholds", line_key)
            report.add(MSG_UNKNOWN_LINE, key=key, lines=LINE_CHOICES)
            continue
        line = Line(line_key)
        if not isinstance(table, dict):
            key = _dotted_key("thresholds", line_key)
            report.add(MSG_LINE_NOT_TABLE, key=key, line_label=line.label)
            continue
        for stage, days in table.items():
            checked = _check_threshold(line, stage, days, report)
            if checked is not None:
                merged[line][stage] = checked
    return _freeze_thresholds(merged)


def _check_threshold(line: Line, stage: str, days: Any, report: _Report) -> int | None:
    """Return `days` as the threshold of `stage`, or None after reporting why it cannot be."""
    key = _dotted_key("thresholds", line.value, stage)
    stages = "、".join(name for name in STAGES[line] if name != COMPLETED)
    if stage == COMPLETED:
        report.add(MSG_COMPLETED_STAGE, key=key)
        return None
    if stage not in ALL_STAGES:
        report.add(MSG_UNKNOWN_STAGE, key=key, line_label=line.label, stages=stages)
        return None
    if stage not in DEFAULT_THRESHOLDS[line]:
        report.add(MSG_STAGE_OF_OTHER_LINE, key=key, line_label=line.label, stages=stages)
        return None

    default = DEFAULT_THRESHOLDS[line][stage]
    # TOML true is a Python bool, which is an int subclass, so reject it explicitly.
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        report.add(MSG_THRESHOLD_INVALID, key=key, value=_describe(days), default=default)
        return None
    if days > MAX_THRESHOLD_DAYS:
        report.add(
            MSG_THRESHOLD_TOO_LARGE, key=key, value=days, maximum=MAX_THRESHOLD_DAYS, default=default
        )
        return None
    return days


def _parse_calendar(value: Any, report: _Report) -> BusinessCalendar:
    if not isinstance(value, dict):
        report.add(MSG_CALENDAR_NOT_TABLE, key="calendar")
        return BusinessCalendar()

    for key in value:
        if key not in CALENDAR_KEYS:
            report.add(MSG_UNKNOWN_KEY, key=_dotted_key("calendar", key), allowed=CALENDAR_CHOICES)

    saturday_is_workday = value.get("saturday_is_workday", False)
    if not isinstance(saturday_is_workday, bool):
        key = "calendar.saturday_is_workday"
        report.add(MSG_SATURDAY_INVALID, key=key, value=_describe(saturday_is_workday))
        saturday_is_workday = False

    closed_days = _parse_closed_days(value.get("closed_days", []), report)
    return BusinessCalendar(saturday_is_workday=saturday_is_workday, closed_days=closed_days)


def _parse_closed_days(value: Any, report: _Report) -> frozenset[date]:
    key = "calendar.closed_days"
    if not isinstance(value, list):
        report.add(MSG_CLOSED_DAYS_NOT_ARRAY, key=key, value=_describe(value))
        return frozenset()

    closed_days = set()
    for item in value:
        day = _parse_date(item)
        if day is None:
            report.add(MSG_CLOSED_DAY_INVALID, key=key, value=_describe(item))
        else:
            closed_days.add(day)
    return frozenset(closed_days)


def _parse_date(value: Any) -> date | None:
    """Return a TOML local date or an ISO "YYYY-MM-DD" string as a date, else None."""
    # A TOML date-time is a datetime, which is a date subclass, but a closed day has no time.
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _freeze_thresholds(thresholds: Thresholds) -> Thresholds:
    return MappingProxyType(
        {line: MappingProxyType(dict(stages)) for line, stages in thresholds.items()}
    )


def _dotted_key(*parts: str) -> str:
    """Write a TOML dotted key, quoting parts that are not bare keys (e.g. Japanese stage names)."""
    return ".".join(part if _BARE_KEY.fullmatch(part) else _toml_string(part) for part in parts)


def _describe(value: Any) -> str:
    """Show a TOML value in a message as the user would write it in the file."""
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        return "表"
    if isinstance(value, list):
        return "配列"
    return str(value)


def _toml_string(text: str) -> str:
    """Return `text` as a TOML basic string, with quotes and control characters escaped."""
    pieces = ['"']
    for character in text:
        if character in ('"', "\\"):
            pieces.append("\\" + character)
        elif unicodedata.category(character) == "Cc":
            pieces.append(f"\\u{ord(character):04X}")
        else:
            pieces.append(character)
    pieces.append('"')
    return "".join(pieces)


def save_user_name(path: Path, name: str) -> None:
    """Store `name` as `user` in the settings file at `path`, creating the file if needed.

    A new file gets mode 0600, a short comment header and the `user` line. In an
    existing file only the top-level `user = ...` line is replaced or inserted
    before the first table, and every other byte is kept. The file is replaced
    atomically with mode 0600.

    Raises:
        SettingsError: the name is empty or has control characters, the existing
            file is not valid UTF-8 TOML (it is left unchanged), or reading or
            writing failed.
    """
    clean_name = _clean_user_name(name)
    if clean_name is None:
        raise SettingsError(MSG_SAVE_INVALID_NAME)

    # Write through a symbolic link to its target instead of replacing the link.
    target = Path(os.path.realpath(path))
    user_line = f"user = {_toml_string(clean_name)}"
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        _write_atomically(target, (NEW_FILE_HEADER + user_line + "\n").encode("utf-8"))
        return
    except OSError as error:
        raise SettingsError(
            MSG_SAVE_READ_FAILED.format(path=target, reason=error.strerror or error)
        ) from error

    has_bom = raw.startswith(UTF8_BOM)
    text, document = _parse_for_update(target, raw)
    new_text = _with_user_line(target, text, document, clean_name)
    _write_atomically(target, (UTF8_BOM if has_bom else b"") + new_text.encode("utf-8"))


def _parse_for_update(target: Path, raw: bytes) -> tuple[str, dict[str, Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SettingsError(MSG_SAVE_NOT_UTF8.format(path=target)) from error

    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail, line, column = _split_syntax_error(error)
        location = "末尾" if line is None else f" {line} 行目 {column} 文字目"
        raise SettingsError(
            MSG_SAVE_SYNTAX.format(path=target, location=location, detail=detail)
        ) from error


def _with_user_line(target: Path, text: str, document: dict[str, Any], name: str) -> str:
    """Return `text` with its top-level `user` set to `name` and every other line unchanged.

    Each candidate edit is parsed again and kept only if it changes `user` and
    nothing else, so a `user =` or `[` inside a multi-line string is never edited.
    """
    expected = dict(document, user=name)
    lines = text.split("\n")
    candidates = _replaced_user_lines if "user" in document else _inserted_user_lines
    for candidate in candidates(lines, name):
        new_text = "\n".join(candidate)
        if _parses_to(new_text, expected):
            return new_text
    raise SettingsError(MSG_SAVE_NO_USER_LINE.format(path=target, value=_toml_string(name)))


def _replaced_user_lines(lines: list[str], name: str) -> Iterator[list[str]]:
    for index, line in enumerate(lines):
        body, ending = _split_line_ending(line)
        match = _USER_LINE.fullmatch(body)
        if match is None:
            continue
        for trailer in _comment_trailers(match.group(2)):
            new_line = match.group(1) + _toml_string(name) + trailer + ending
            yield lines[:index] + [new_line] + lines[index + 1 :]


def _comment_trailers(value: str) -> list[str]:
    """Return the possible comments after the old value, most likely first, then no comment.

    A `#` may also sit inside a string value, so each guess is checked by parsing.
    """
    simple = _SIMPLE_STRING_VALUE.fullmatch(value)
    if simple is not None:
        return [simple.group(2), ""]
    trailers = []
    for index, character in enumerate(value):
        if character == "#":
            # The trailer starts with the spaces between the old value and the comment.
            trailers.append(value[len(value[:index].rstrip()) :])
    return trailers + [""]


def _inserted_user_lines(lines: list[str], name: str) -> Iterator[list[str]]:
    ending = "\r" if lines and lines[0].endswith("\r") else ""
    user_line = f"user = {_toml_string(name)}{ending}"
    for index, line in enumerate(lines):
        if not _TABLE_HEADER.match(line):
            continue
        # Keep a comment that sits directly above the table header together with it.
        start = index
        while start > 0 and _COMMENT_LINE.match(lines[start - 1]):
            start -= 1
        yield lines[:start] + [user_line, ending] + lines[start:]

    # No table header: the new line goes at the end of the file.
    body = lines[:-1] if lines and lines[-1] == "" else lines
    if body and ending and not body[-1].endswith(ending):
        # The last line had no line break, and it gets the file's CRLF like the others.
        body = body[:-1] + [body[-1] + ending]
    yield body + [user_line, ""]


def _split_line_ending(line: str) -> tuple[str, str]:
    if line.endswith("\r"):
        return line[:-1], "\r"
    return line, ""


def _parses_to(text: str, expected: dict[str, Any]) -> bool:
    try:
        return tomllib.loads(text) == expected
    except tomllib.TOMLDecodeError:
        return False


def _write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `target`, then rename it over `target`."""
    temp_name = None
    try:
        target.parent.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
        file_descriptor, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        with os.fdopen(file_descriptor, "wb") as temp_file:
            temp_file.write(data)
            temp_file.flush()
            os.fsync(temp_file.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, target)
    except OSError as error:
        if temp_name is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)
        raise SettingsError(
            MSG_SAVE_WRITE_FAILED.format(path=target, reason=error.strerror or error)
        ) from error
