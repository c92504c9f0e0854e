"""Tests of anken_tui.paths: file locations, the database choice and the checks of a database path."""

import sqlite3
import subprocess
import sys

import pytest

from anken_tui import paths
from anken_tui.paths import DatabaseLocationError, choose_database


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
    return home


def test_locations_follow_xdg_folders(home):
    assert paths.default_database_path() == home / "data" / "anken-tui" / "anken.db"
    assert paths.demo_database_path() == home / "data" / "anken-tui" / "demo.db"
    assert paths.settings_path() == home / "config" / "anken-tui" / "settings.toml"
    assert paths.log_path().is_relative_to(home / "state" / "anken-tui")
    assert paths.log_path().name == "anken-tui.log"
    assert paths.holiday_cache_path() == home / "cache" / "anken-tui" / "holidays.json"


def test_locations_create_nothing(home):
    paths.default_database_path()
    paths.demo_database_path()
    paths.settings_path()
    paths.log_path()
    paths.holiday_cache_path()
    choose_database(None, False, {})

    assert not home.exists()


def test_import_creates_nothing(home):
    import_statement = "import anken_tui.paths, anken_tui.cli, anken_tui.logs, anken_tui.demo"
    subprocess.run([sys.executable, "-c", import_statement], check=True)

    assert not home.exists()


def test_choose_database_default(home):
    choice = choose_database(None, False, {})

    assert choice.path == paths.default_database_path()
    assert choice.source == "default"


def test_choose_database_environment(home, tmp_path):
    choice = choose_database(None, False, {paths.DATABASE_ENV_VAR: str(tmp_path / "env.db")})

    assert choice.path == tmp_path / "env.db"
    assert choice.source == "environment"


def test_choose_database_option_wins_over_environment(home, tmp_path):
    environ = {paths.DATABASE_ENV_VAR: str(tmp_path / "env.db")}

    choice = choose_database(str(tmp_path / "option.db"), False, environ)

    assert choice.path == tmp_path / "option.db"
    assert choice.source == "option"


def test_choose_database_demo_ignores_environment(home, tmp_path):
    choice = choose_database(None, True, {paths.DATABASE_ENV_VAR: str(tmp_path / "env.db")})

    assert choice.path == paths.demo_database_path()
    assert choice.source == "demo"


def test_choose_database_blank_environment_is_unset(home):
    choice = choose_database(None, False, {paths.DATABASE_ENV_VAR: "  "})

    assert choice.source == "default"


def test_choose_database_expands_home(home):
    choice = choose_database("~/cases/anken.db", False, {})

    assert choice.path == home / "cases" / "anken.db"


def test_choose_database_relative_path_is_absolute(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    choice = choose_database("anken.db", False, {})

    assert choice.path == tmp_path / "anken.db"


def test_choose_database_empty_option(home):
    with pytest.raises(DatabaseLocationError) as raised:
        choose_database("", False, {})

    assert "--db" in raised.value.message
    assert "パス" in raised.value.message


def test_choose_database_postgresql_url_is_not_a_path(home):
    # The CLI hands a postgresql:// URL to the database choice before this; a file path never is one.
    with pytest.raises(DatabaseLocationError) as raised:
        choose_database("postgresql://clerk:secret@localhost/anken", False, {})

    assert "postgresql://" in raised.value.message
    assert "パス" in raised.value.message
    assert "secret" not in raised.value.message


def test_choose_database_other_url(home):
    with pytest.raises(DatabaseLocationError) as raised:
        choose_database(None, False, {paths.DATABASE_ENV_VAR: "sqlite:///tmp/x.db"})

    assert "ANKEN_TUI_DB" in raised.value.message
    assert "sqlite://" in raised.value.message


def test_make_private_dir_modes(tmp_path):
    target = tmp_path / "a" / "b" / "c"

    paths.make_private_dir(target)

    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_make_private_dir_leaves_existing_folder(tmp_path):
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)

    paths.make_private_dir(existing / "anken")

    assert existing.stat().st_mode & 0o777 == 0o755


def test_prepare_database_file_creates_folder(tmp_path):
    database = tmp_path / "new" / "anken.db"

    paths.prepare_database_file(database)

    assert database.parent.is_dir()
    assert not database.exists()


def test_prepare_database_file_rejects_folder(tmp_path):
    with pytest.raises(DatabaseLocationError) as raised:
        paths.prepare_database_file(tmp_path)

    assert str(tmp_path) in raised.value.message
    assert "フォルダー" in raised.value.message


def test_prepare_database_file_rejects_other_file(tmp_path):
    text_file = tmp_path / "memo.txt"
    text_file.write_text("買い物メモ\n", encoding="utf-8")

    with pytest.raises(DatabaseLocationError) as raised:
        paths.prepare_database_file(text_file)

    assert str(text_file) in raised.value.message
    assert "SQLite" in raised.value.message
    assert text_file.read_text(encoding="utf-8") == "買い物メモ\n"


def test_prepare_database_file_folder_under_file(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")

    with pytest.raises(DatabaseLocationError) as raised:
        paths.prepare_database_file(blocker / "sub" / "anken.db")

    assert str(blocker / "sub") in raised.value.message
    assert "ファイル" in raised.value.message


def test_prepare_database_file_accepts_empty_and_sqlite(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    real = tmp_path / "real.db"
    connection = sqlite3.connect(real)
    connection.execute("create table t (x)")
    connection.close()

    paths.prepare_database_file(empty)
    paths.prepare_database_file(real)


def test_delete_database_files(tmp_path):
    database = tmp_path / "demo.db"
    for name in ("demo.db", "demo.db-wal", "demo.db-shm", "other.db"):
        (tmp_path / name).touch()

    paths.delete_database_files(database)

    assert sorted(path.name for path in tmp_path.iterdir()) == ["other.db"]
