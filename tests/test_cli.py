"""Tests of the anken-tui command line: Japanese help and errors, database choice, demo and user."""

import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys

import pytest
from rich.cells import cell_len

from anken_tui import __version__, paths
from anken_tui.app import AnkenApp
from anken_tui.cli import DEMO_USER, create_app, main, open_chosen_database, parse_arguments, resolve_user, wrap_cells
from anken_tui.db.database import close_database
from anken_tui.db.models import Case, Staff
from anken_tui.domain.lines import Line
from anken_tui.logs import stop_logging
from anken_tui.screens.board import BoardScreen

ENGLISH_ARGPARSE_WORDS = ("usage:", "options:", "show this help", "error:", "unrecognized", "expected one argument")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder and XDG folders inside tmp_path, so nothing touches the real home."""
    home = tmp_path / "home"
    folders = {
        "HOME": home,
        "XDG_DATA_HOME": home / "data",
        "XDG_CONFIG_HOME": home / "config",
        "XDG_STATE_HOME": home / "state",
        "XDG_CACHE_HOME": home / "cache",
    }
    for name, folder in folders.items():
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv(paths.DATABASE_ENV_VAR, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    yield home
    close_database()
    stop_logging()


def _no_english(text: str) -> None:
    for words in ENGLISH_ARGPARSE_WORDS:
        assert words not in text


def _usage_error(capsys, argv: list[str]) -> str:
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert "使い方:" in captured.err
    _no_english(captured.err)
    return captured.err


def test_help_is_japanese(home, capsys):
    status = main(["--help"])
    output = capsys.readouterr().out

    assert status == 0
    assert output.startswith("使い方: anken-tui")
    assert "案件管理" in output
    assert "コマンド:" in output
    assert "オプション:" in output
    _no_english(output)


@pytest.mark.parametrize(
    ("option", "words"),
    [
        ("-h, --help", "ヘルプを表示"),
        ("--version", "バージョン"),
        ("--db PATH", "データベース"),
        ("--demo", "デモ用のデータベース"),
        ("--reset", "入れ直します"),
        ("--user NAME", "入力者"),
        ("--line LINE", "最初に開くボード"),
        ("paths", "場所を表示"),
    ],
)
def test_help_describes_option(home, capsys, option, words):
    main(["--help"])
    output = capsys.readouterr().out

    assert f"  {option}" in output
    assert words in output


def test_help_names_default_locations(home, capsys):
    main(["--help"])
    output = " ".join(capsys.readouterr().out.split())

    assert "anken-tui/anken.db" in output
    assert "anken-tui/demo.db" in output
    assert "settings.toml" in output


def test_help_lines_fit_terminal(home, capsys):
    main(["--help"])
    output = capsys.readouterr().out

    for line in output.splitlines():
        if "/" not in line:
            assert cell_len(line) <= 100, line


def test_version(home, capsys):
    status = main(["--version"])

    assert status == 0
    assert capsys.readouterr().out.strip() == f"anken-tui {__version__}"


def test_python_m_runs_cli(home):
    result = subprocess.run(
        [sys.executable, "-m", "anken_tui", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ.copy(),
        check=False,
    )

    assert result.returncode == 0
    assert result.stdout.startswith("使い方: anken-tui")


def test_paths_prints_four_locations(home, capsys):
    status = main(["paths"])
    output = capsys.readouterr().out

    assert status == 0
    lines = output.splitlines()
    assert len(lines) == 4
    for label, path in [
        ("データベース", paths.default_database_path()),
        ("デモ用データベース", paths.demo_database_path()),
        ("設定ファイル", paths.settings_path()),
        ("ログファイル", paths.log_path()),
    ]:
        assert any(line.startswith(label + " ") and str(path) in line for line in lines), label
    assert not home.exists()


def test_paths_follows_environment(home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(paths.DATABASE_ENV_VAR, str(tmp_path / "env.db"))

    main(["paths"])
    first_line = capsys.readouterr().out.splitlines()[0]

    assert str(tmp_path / "env.db") in first_line
    assert "ANKEN_TUI_DB" in first_line


def test_paths_marks_existing_files(home, capsys):
    database = paths.default_database_path()
    database.parent.mkdir(parents=True)
    database.touch()

    main(["paths"])
    lines = capsys.readouterr().out.splitlines()

    assert "まだありません" not in lines[0]
    assert "まだありません" in lines[1]


def test_paths_hides_url_password(home, capsys):
    status = main(["paths", "--db", "postgresql://clerk:secret@db.example/anken"])
    captured = capsys.readouterr()

    assert status == 0
    assert "postgresql://clerk:***@db.example/anken" in captured.out.splitlines()[0]
    assert "secret" not in captured.out + captured.err


def test_db_option_creates_private_file(home, tmp_path, clock):
    database = tmp_path / "office" / "anken.db"

    open_chosen_database(parse_arguments(["--db", str(database)]), clock, {})

    assert database.stat().st_mode & 0o777 == 0o600
    assert database.parent.stat().st_mode & 0o777 == 0o700
    assert Case.select().count() == 0
    assert not paths.default_database_path().exists()


def test_environment_variable_chooses_database(home, tmp_path, clock):
    database = tmp_path / "env.db"

    choice = open_chosen_database(parse_arguments([]), clock, {paths.DATABASE_ENV_VAR: str(database)})

    assert choice.path == database
    assert database.stat().st_mode & 0o777 == 0o600
    assert not paths.default_database_path().exists()


def test_db_option_wins_over_environment(home, tmp_path, clock):
    environ = {paths.DATABASE_ENV_VAR: str(tmp_path / "env.db")}

    open_chosen_database(parse_arguments(["--db", str(tmp_path / "option.db")]), clock, environ)

    assert (tmp_path / "option.db").exists()
    assert not (tmp_path / "env.db").exists()


def test_default_database_location(home, clock):
    choice = open_chosen_database(parse_arguments([]), clock, {})

    assert choice.path == paths.default_database_path()
    assert choice.path.stat().st_mode & 0o777 == 0o600


def test_db_directory_fails(home, tmp_path, capsys):
    status = main(["--db", str(tmp_path)])
    captured = capsys.readouterr()

    assert status == 1
    assert str(tmp_path) in captured.err
    assert "フォルダー" in captured.err
    assert "Traceback" not in captured.err


def test_db_not_sqlite_fails(home, tmp_path, capsys):
    memo = tmp_path / "memo.txt"
    memo.write_text("手すりの件\n", encoding="utf-8")

    status = main(["--db", str(memo)])
    captured = capsys.readouterr()

    assert status == 1
    assert str(memo) in captured.err
    assert "SQLite" in captured.err
    assert memo.read_text(encoding="utf-8") == "手すりの件\n"


def test_db_damaged_sqlite_fails(home, tmp_path, capsys):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(paths.SQLITE_HEADER + b"\xff" * 4000)

    status = main(["--db", str(damaged)])
    captured = capsys.readouterr()

    assert status == 1
    assert str(damaged) in captured.err
    assert "開けませんでした" in captured.err
    assert "Traceback" not in captured.err


def test_db_folder_not_creatable_fails(home, tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")

    status = main(["--db", str(blocker / "sub" / "anken.db")])
    captured = capsys.readouterr()

    assert status == 1
    assert str(blocker / "sub") in captured.err
    assert "作成できません" in captured.err


def test_db_url_unreachable_server_fails(home, capsys):
    # Port 1 on the loopback address: nothing listens there, so the connection is refused at once.
    status = main(["--db", "postgresql://clerk:secret@127.0.0.1:1/anken"])
    captured = capsys.readouterr()

    assert status == 1
    assert "接続できませんでした" in captured.err
    assert "postgresql://clerk:***@127.0.0.1:1/anken" in captured.err
    assert "secret" not in captured.err
    assert "secret" not in paths.log_path().read_text(encoding="utf-8")


def test_reset_without_demo(home, capsys):
    error = _usage_error(capsys, ["--reset"])

    assert "--demo" in error
    assert not home.exists()


def test_demo_with_db(home, tmp_path, capsys):
    error = _usage_error(capsys, ["--demo", "--db", str(tmp_path / "x.db")])

    assert "同時に指定できません" in error


def test_unknown_option(home, capsys):
    error = _usage_error(capsys, ["--colour"])

    assert "--colour というオプションはありません" in error
    assert "anken-tui --help" in error


def test_unknown_option_suggests_close_one(home, capsys):
    error = _usage_error(capsys, ["--dem"])

    assert "--demo のことですか" in error


def test_missing_value(home, capsys):
    error = _usage_error(capsys, ["--db"])

    assert "--db のあとにデータベースファイルのパス(または PostgreSQL の URL)を指定してください" in error


def test_missing_value_before_dash(home, capsys):
    error = _usage_error(capsys, ["--user", "--demo"])

    assert "--user=値" in error


def test_flag_with_value(home, capsys):
    error = _usage_error(capsys, ["--demo=yes"])

    assert "--demo には値を付けません" in error


def test_unknown_command(home, capsys):
    error = _usage_error(capsys, ["list"])

    assert "list というコマンドはありません" in error


def test_extra_argument(home, capsys):
    error = _usage_error(capsys, ["paths", "now"])

    assert "余分な引数 now" in error


def test_bad_line(home, capsys):
    error = _usage_error(capsys, ["--line", "kitchen"])

    assert "--line に kitchen は指定できません" in error
    assert "renovation" in error


@pytest.mark.parametrize("name", ["  ", "山\n口", "山口\x1b[31m"])
def test_invalid_user(home, capsys, name):
    error = _usage_error(capsys, ["--user", name])

    assert "--user" in error


@pytest.mark.parametrize(("value", "line"), [("sales", Line.SALES), (" Equipment ", Line.EQUIPMENT)])
def test_line_option(value, line):
    assert parse_arguments(["--line", value]).start_line is line


def test_line_default_rental():
    assert parse_arguments([]).start_line is Line.RENTAL


def test_demo_fills_and_spares_real_database(home, clock):
    choice = open_chosen_database(parse_arguments(["--demo"]), clock, {})

    assert choice.path == paths.demo_database_path()
    assert choice.path.stat().st_mode & 0o777 == 0o600
    assert Case.select().count() >= 50
    assert not paths.default_database_path().exists()


def test_demo_ignores_environment_database(home, tmp_path, clock):
    environ = {paths.DATABASE_ENV_VAR: str(tmp_path / "real.db")}

    open_chosen_database(parse_arguments(["--demo"]), clock, environ)

    assert not (tmp_path / "real.db").exists()


def test_demo_keeps_changes_without_reset(home, clock):
    open_chosen_database(parse_arguments(["--demo"]), clock, {})
    total = Case.select().count()
    Staff.create(name="臨時", role="office", created_at=clock.now().replace(tzinfo=None))
    close_database()

    open_chosen_database(parse_arguments(["--demo"]), clock, {})

    assert Case.select().count() == total
    assert Staff.get_or_none(Staff.name == "臨時") is not None


def test_demo_reset_refills(home, clock):
    open_chosen_database(parse_arguments(["--demo"]), clock, {})
    total = Case.select().count()
    Staff.create(name="臨時", role="office", created_at=clock.now().replace(tzinfo=None))

    open_chosen_database(parse_arguments(["--demo", "--reset"]), clock, {})

    assert Case.select().count() == total
    assert Staff.get_or_none(Staff.name == "臨時") is None


def test_user_option_wins(home):
    settings_file = paths.settings_path()
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('user = "中西"\n', encoding="utf-8")

    assert resolve_user(parse_arguments(["--user", " 森本 "]), settings_file) == "森本"
    assert resolve_user(parse_arguments([]), settings_file) == "中西"
    assert resolve_user(parse_arguments(["--demo"]), settings_file) == "中西"


def test_user_unset(home):
    settings_file = paths.settings_path()

    assert resolve_user(parse_arguments([]), settings_file) is None
    assert resolve_user(parse_arguments(["--demo"]), settings_file) == DEMO_USER


def test_settings_problems_logged(home, caplog):
    settings_file = paths.settings_path()
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('user = "中西"\ncolour = "blue"\n', encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="anken_tui.cli"):
        resolve_user(parse_arguments([]), settings_file)

    messages = [record.getMessage() for record in caplog.records]
    assert any(str(settings_file) in message and "colour" in message for message in messages)
    assert not any("中西" in message for message in messages)


async def test_create_app_opens_demo_board(home, clock):
    app = create_app(parse_arguments(["--demo", "--line", "sales"]), clock=clock, environ={})

    assert isinstance(app, AnkenApp)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.user is not None
        assert app.user.name == DEMO_USER
        assert isinstance(app.screen, BoardScreen)
        assert app.start_line is Line.SALES
    assert not paths.default_database_path().exists()
    # The holidays around the clock's today are kept for the next start, readable by the owner only.
    cache = paths.holiday_cache_path()
    assert str(clock.today().year) in json.loads(cache.read_text(encoding="utf-8"))["years"]
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600


def test_create_app_failure_raises_japanese(home, tmp_path, clock):
    with pytest.raises(paths.DatabaseLocationError) as raised:
        create_app(parse_arguments(["--db", str(tmp_path)]), clock=clock, environ={})

    assert "フォルダー" in raised.value.message


def test_main_logs_start_to_file(home, tmp_path, capsys):
    main(["--db", str(tmp_path)])

    text = paths.log_path().read_text(encoding="utf-8")
    assert "starting" in text
    assert "start failed: DatabaseLocationError" in text
    assert paths.log_path().stat().st_mode & 0o777 == 0o600


def test_wrap_cells_fits_width():
    text = "開くデータベース(SQLite)ファイルのパス。ファイルがなければ作ります。省略時は環境変数 ANKEN_TUI_DB"

    lines = wrap_cells(text, 30)

    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= 32 for line in lines)
    assert not any(line.startswith(("、", "。")) for line in lines)
    assert any("ANKEN_TUI_DB" in line for line in lines)


def test_database_file_is_sqlite(home, tmp_path, clock):
    database = tmp_path / "anken.db"

    open_chosen_database(parse_arguments(["--db", str(database)]), clock, {})
    close_database()

    connection = sqlite3.connect(database)
    tables = {name for (name,) in connection.execute("select name from sqlite_master where type = 'table'")}
    connection.close()
    assert {"case", "customer", "staff", "stage_change"} <= tables
