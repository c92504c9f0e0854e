"""Tests for reading the settings file and for saving the user's name into it."""

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import Line
from anken_tui.domain.staleness import DEFAULT_THRESHOLDS
from anken_tui.settings import (
    Settings,
    SettingsError,
    load_settings,
    save_user_name,
)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# Loading


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"

    settings, problems = load_settings(path)

    assert problems == []
    assert settings == Settings()
    assert settings.user is None
    assert settings.thresholds == DEFAULT_THRESHOLDS
    assert settings.calendar == BusinessCalendar()
    assert not path.exists()


def test_good_file_overrides_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        "# 宇陀営業所\n"
        'user = "山口"\n'
        "\n"
        "[thresholds.rental]\n"
        '"案件受付" = 3\n'
        "\n"
        "[thresholds.renovation]\n"
        '"事前申請中" = 15\n'
        '"請求書提出済" = 0\n'
        "\n"
        "[calendar]\n"
        "saturday_is_workday = true\n"
        'closed_days = ["2026-08-13", 2026-08-14]\n',
    )

    settings, problems = load_settings(path)

    assert problems == []
    assert settings.user == "山口"
    assert settings.thresholds[Line.RENTAL]["案件受付"] == 3
    assert settings.thresholds[Line.RENTAL]["打合せ"] == 5
    assert settings.thresholds[Line.RENOVATION]["事前申請中"] == 15
    assert settings.thresholds[Line.RENOVATION]["請求書提出済"] == 0
    assert settings.thresholds[Line.SALES] == DEFAULT_THRESHOLDS[Line.SALES]
    assert settings.calendar.saturday_is_workday is True
    assert settings.calendar.closed_days == frozenset({date(2026, 8, 13), date(2026, 8, 14)})
    assert DEFAULT_THRESHOLDS[Line.RENTAL]["案件受付"] == 10


def test_file_with_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xef\xbb\xbf" + 'user = "山口"\n'.encode("utf-8"))

    settings, problems = load_settings(path)

    assert problems == []
    assert settings.user == "山口"


def test_loaded_thresholds_are_read_only(tmp_path: Path) -> None:
    settings, _ = load_settings(tmp_path / "settings.toml")

    with pytest.raises(TypeError):
        settings.thresholds[Line.RENTAL]["案件受付"] = 1  # type: ignore[index]


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    # A Japanese key must be quoted in TOML, so line 4 is invalid.
    text = 'user = "山口"\n\n[thresholds.rental]\n案件受付 = 3\n'
    path = write(tmp_path / "settings.toml", text)

    settings, problems = load_settings(path)

    assert settings == Settings()
    assert len(problems) == 1
    assert problems[0].line == 4
    assert problems[0].key is None
    assert str(path) in problems[0].message
    assert "4 行目" in problems[0].message
    assert "既定値" in problems[0].message
    assert path.read_bytes() == text.encode("utf-8")


def test_syntax_error_at_end_of_file(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "[calendar]\nclosed_days = [\n")

    settings, problems = load_settings(path)

    assert settings == Settings()
    assert len(problems) == 1
    assert problems[0].line is None
    assert str(path) in problems[0].message


def test_negative_threshold_message(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[thresholds.rental]\n"案件受付" = -3\n"打合せ" = 2\n')

    settings, problems = load_settings(path)

    assert [problem.message for problem in problems] == [
        f'設定ファイル {path} の thresholds.rental."案件受付" が -3 です。'
        "0 以上の整数(営業日)を書いてください。既定値 10 を使います。"
    ]
    assert problems[0].key == 'thresholds.rental."案件受付"'
    assert settings.thresholds[Line.RENTAL]["案件受付"] == 10
    assert settings.thresholds[Line.RENTAL]["打合せ"] == 2


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ('[thresholds.rental]\n"受付" = 3\n', 'thresholds.rental."受付"', "営業ステージの名前ではありません"),
        ('[thresholds.rental]\n"見積工程" = 3\n', 'thresholds.rental."見積工程"', "レンタルにないステージです"),
        ('[thresholds.equipment]\n"事前申請中" = 3\n', 'thresholds.equipment."事前申請中"', "設備にないステージです"),
        ('[thresholds.sales]\n"案件完了" = 3\n', 'thresholds.sales."案件完了"', "滞留として数えない"),
        ("[thresholds.shop]\n", "thresholds.shop", "事業区分の名前ではありません"),
        ('[thresholds."レンタル"]\n', 'thresholds."レンタル"', "rental(レンタル)"),
        ('[thresholds.rental]\n"案件受付" = 2.5\n', 'thresholds.rental."案件受付"', "が 2.5 です"),
        ('[thresholds.rental]\n"案件受付" = "10日"\n', 'thresholds.rental."案件受付"', 'が "10日" です'),
        ('[thresholds.rental]\n"案件受付" = true\n', 'thresholds.rental."案件受付"', "が true です"),
        ('[thresholds.rental]\n"案件受付" = 1000\n', 'thresholds.rental."案件受付"', "999 以下の整数"),
        ("thresholds = 3\n", "thresholds", "表になっていません"),
        ("[thresholds]\nrental = 5\n", "thresholds.rental", "表になっていません"),
        ("user = 5\n", "user", "user が 5 です"),
        ('user = "  "\n', "user", "user が空か"),
        ('user = "山\\n口"\n', "user", "制御文字"),
        ("calendar = 1\n", "calendar", "表になっていません"),
        ('[calendar]\nsaturday_is_workday = "yes"\n', "calendar.saturday_is_workday", 'が "yes" です'),
        ('[calendar]\nclosed_days = "2026-08-13"\n', "calendar.closed_days", "日付の配列"),
        ('[calendar]\nclosed_days = ["2026-08-32"]\n', "calendar.closed_days", '"2026-08-32" は日付として読めません'),
        ('[calendar]\nclosed_days = ["2026/08/13"]\n', "calendar.closed_days", "日付として読めません"),
        ("[calendar]\nclosed_days = [2026-08-13T09:00:00]\n", "calendar.closed_days", "日付として読めません"),
        ("[calendar]\nclosed_day = []\n", "calendar.closed_day", "使われない項目です"),
        ('name = "山口"\n', "name", "使われない項目です"),
    ],
)
def test_broken_part_is_reported(tmp_path: Path, text: str, key: str, fragment: str) -> None:
    path = write(tmp_path / "settings.toml", text)

    settings, problems = load_settings(path)

    assert len(problems) == 1, problems
    assert problems[0].key == key
    assert fragment in problems[0].message
    assert problems[0].message.startswith(f"設定ファイル {path} の")
    assert settings.thresholds == DEFAULT_THRESHOLDS
    assert settings.user is None
    assert settings.calendar == BusinessCalendar()


def test_good_parts_survive_bad_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        'user = "山口"\n'
        "[thresholds.sales]\n"
        '"事後申請中" = 1\n'
        '"見積工程" = -1\n'
        "[calendar]\n"
        "saturday_is_workday = 1\n"
        'closed_days = ["2026-08-13", "お盆", 2026-08-14]\n',
    )

    settings, problems = load_settings(path)

    assert [problem.key for problem in problems] == [
        'thresholds.sales."見積工程"',
        "calendar.saturday_is_workday",
        "calendar.closed_days",
    ]
    assert settings.user == "山口"
    assert settings.thresholds[Line.SALES]["事後申請中"] == 1
    assert settings.thresholds[Line.SALES]["見積工程"] == 5
    assert settings.calendar.saturday_is_workday is False
    assert settings.calendar.closed_days == frozenset({date(2026, 8, 13), date(2026, 8, 14)})


def test_file_not_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes('user = "山口"\n'.encode("cp932"))

    settings, problems = load_settings(path)

    assert settings == Settings()
    assert len(problems) == 1
    assert "UTF-8" in problems[0].message
    assert str(path) in problems[0].message


def test_unreadable_path(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()

    settings, problems = load_settings(path)

    assert settings == Settings()
    assert len(problems) == 1
    assert "読み込めません" in problems[0].message


# Saving the user's name


def test_save_creates_new_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "anken-tui" / "settings.toml"

    save_user_name(path, "山口")

    text = path.read_text(encoding="utf-8")
    assert file_mode(path) == 0o600
    assert text.startswith("# ")
    assert text.endswith('\nuser = "山口"\n')
    assert load_settings(path) == (Settings(user="山口"), [])
    assert os.listdir(path.parent) == ["settings.toml"]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ('山口 "やまぐち"', 'user = "山口 \\"やまぐち\\""'),
        ("C:\\Users\\山口", 'user = "C:\\\\Users\\\\山口"'),
        ("  山口\u3000", 'user = "山口"'),  # surrounding spaces, full-width too, are dropped
    ],
)
def test_save_escapes_the_name(tmp_path: Path, name: str, line: str) -> None:
    path = tmp_path / "settings.toml"

    save_user_name(path, name)

    assert line in path.read_text(encoding="utf-8").splitlines()
    assert load_settings(path)[0].user == name.strip()


def test_save_replaces_only_the_user_line(tmp_path: Path) -> None:
    before = (
        "# 宇陀営業所の設定\n"
        'user = "山田"   # 前任者\n'
        "\n"
        "# 住宅改修は申請が遅い\n"
        "[thresholds.renovation]\n"
        '"事前申請中" = 15  # 市役所待ち\n'
        "\n"
        "[calendar]\n"
        'closed_days = [\n    "2026-08-13",\n    "2026-08-14",\n]\n'
    )
    path = write(tmp_path / "settings.toml", before)
    os.chmod(path, 0o600)

    save_user_name(path, "山口")

    assert path.read_text(encoding="utf-8") == before.replace(
        'user = "山田"   # 前任者', 'user = "山口"   # 前任者'
    )
    assert file_mode(path) == 0o600


def test_save_inserts_before_first_table(tmp_path: Path) -> None:
    before = (
        "# 宇陀営業所の設定\n"
        "\n"
        "# 住宅改修は申請が遅い\n"
        "[thresholds.renovation]\n"
        '"事前申請中" = 15\n'
    )
    path = write(tmp_path / "settings.toml", before)

    save_user_name(path, "山口")

    assert path.read_text(encoding="utf-8") == (
        "# 宇陀営業所の設定\n"
        "\n"
        'user = "山口"\n'
        "\n"
        "# 住宅改修は申請が遅い\n"
        "[thresholds.renovation]\n"
        '"事前申請中" = 15\n'
    )


def test_save_skips_brackets_inside_strings(tmp_path: Path) -> None:
    before = (
        'memo = """\n'
        "[ここは表ではない]\n"
        'user = "これも違う"\n'
        '"""\n'
        "[calendar]\n"
        "saturday_is_workday = false\n"
    )
    path = write(tmp_path / "settings.toml", before)

    save_user_name(path, "山口")

    assert path.read_text(encoding="utf-8") == before.replace(
        "[calendar]\n", 'user = "山口"\n\n[calendar]\n'
    )


def test_save_replaces_user_of_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "user = 5  # 仮\n[calendar]\n")

    save_user_name(path, "山口")

    assert path.read_text(encoding="utf-8") == 'user = "山口"  # 仮\n[calendar]\n'


def test_save_appends_to_file_without_tables(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", "# 設定\n# 末尾に改行なし")

    save_user_name(path, "山口")

    assert path.read_text(encoding="utf-8") == '# 設定\n# 末尾に改行なし\nuser = "山口"\n'


def test_save_keeps_crlf_and_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    before = '# 設定\r\n\r\n[calendar]\r\nsaturday_is_workday = true\r\n'
    path.write_bytes(b"\xef\xbb\xbf" + before.encode("utf-8"))

    save_user_name(path, "山口")

    assert path.read_bytes() == b"\xef\xbb\xbf" + (
        '# 設定\r\n\r\nuser = "山口"\r\n\r\n[calendar]\r\nsaturday_is_workday = true\r\n'
    ).encode("utf-8")


def test_save_appends_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes("# 設定\r\n# 末尾に改行なし".encode("utf-8"))

    save_user_name(path, "山口")

    assert path.read_bytes() == '# 設定\r\n# 末尾に改行なし\r\nuser = "山口"\r\n'.encode("utf-8")


def test_save_tightens_file_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", 'user = "山田"\n')
    os.chmod(path, 0o644)

    save_user_name(path, "山口")

    assert file_mode(path) == 0o600
    assert os.listdir(tmp_path) == ["settings.toml"]


def test_save_writes_through_symlink(tmp_path: Path) -> None:
    target = write(tmp_path / "dotfiles.toml", 'user = "山田"\n')
    link = tmp_path / "settings.toml"
    link.symlink_to(target)

    save_user_name(link, "山口")

    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == 'user = "山口"\n'


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('user = "山田"\n[thresholds.rental]\n案件受付 = 3\n'.encode("utf-8"), "3 行目"),
        ('user = "山田"\n'.encode("cp932"), "UTF-8"),
        ('[user]\nname = "山田"\n'.encode("utf-8"), "自動で書き換えられませんでした"),
    ],
)
def test_save_leaves_unusable_file_unchanged(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(content)

    with pytest.raises(SettingsError) as raised:
        save_user_name(path, "山口")

    assert path.read_bytes() == content
    assert fragment in str(raised.value)
    assert str(path) in str(raised.value)
    assert os.listdir(tmp_path) == ["settings.toml"]


@pytest.mark.parametrize("name", ["", "   ", "山\n口", "山\t口", "山\x00口", "山\u2028口"])
def test_save_rejects_invalid_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / "settings.toml"

    with pytest.raises(SettingsError):
        save_user_name(path, name)

    assert not path.exists()
