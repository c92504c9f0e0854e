"""Tests of backup and restore: consistent copies while another process writes, private files, refusals and restores.

The anken-tui commands are run through `main`, as a user types them, on an
SQLite file and on a PostgreSQL database.
"""

import sqlite3
import stat
from pathlib import Path

import pytest

from anken_tui import paths
from anken_tui.cli import main
from anken_tui.db import backup as backup_module
from anken_tui.db.backup import BackupError, backup_sqlite, file_kind
from anken_tui.db.database import close_database, open_sqlite
from anken_tui.db.models import ALL_MODELS, Case, StageChange
from anken_tui.db.schema import latest_version, migrate, schema_version
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.logs import stop_logging
from anken_tui.services.cases import create_case
from anken_tui.services.staff import register_staff


@pytest.fixture
def home(tmp_path, monkeypatch):
    """XDG folders inside tmp_path, so the commands' log and backups never touch the real home."""
    home = tmp_path / "home"
    for name, folder in {"HOME": home, "XDG_DATA_HOME": home / "data", "XDG_STATE_HOME": home / "state",
                         "XDG_CONFIG_HOME": home / "config"}.items():
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv(paths.DATABASE_ENV_VAR, raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    yield home
    stop_logging()


@pytest.fixture
def filled(db, clock) -> list[int]:
    """Two staff and three cases on the test's database; returns the case ids."""
    user = register_staff("山口", "sales", clock)
    register_staff("佐藤 健一", "sales", clock)
    ids = []
    for number in range(3):
        form = NewCaseInput(line=Line.RENTAL, title=f"手すり{number}", customer_name=f"山田 {number}", customer_furigana="ヤマダ")
        ids.append(create_case(form, user, clock).id)
    return ids


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _contents() -> dict[str, list[tuple]]:
    """Every row of every table of the bound database, in id order."""
    return {
        model._meta.table_name: list(model.select().order_by(model._meta.primary_key).tuples())
        for model in ALL_MODELS
    }


def _run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(argument) for argument in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- backup ---


def test_backup_command_writes_private_copy(home, filled, database_target, tmp_path, capsys):
    expected = _contents()
    destination = tmp_path / "backups" / "anken-backup"

    status, out, err = _run(capsys, "backup", destination, "--db", database_target)

    assert (status, err) == (0, "")
    assert str(destination) in out
    assert _mode(destination) == 0o600
    assert not list(destination.parent.glob(".*partial"))
    assert file_kind(destination) in ("sqlite", "pg_dump")
    assert _contents() == expected


def test_backup_into_folder_gets_dated_name(home, filled, database_target, tmp_path, capsys):
    folder = tmp_path / "backups"
    folder.mkdir()

    status, _, _ = _run(capsys, "backup", folder, "--db", database_target)
    status_again, _, _ = _run(capsys, "backup", folder, "--db", database_target)

    assert (status, status_again) == (0, 0)
    made = sorted(folder.iterdir())
    assert len(made) == 2
    assert all(backup.name.startswith("anken-") for backup in made)


def test_backup_never_overwrites(home, filled, database_target, tmp_path, capsys):
    destination = tmp_path / "anken-backup"
    destination.write_text("大事なメモ", encoding="utf-8")

    status, _, err = _run(capsys, "backup", destination, "--db", database_target)

    assert status == 1
    assert "すでにあります" in err
    assert destination.read_text(encoding="utf-8") == "大事なメモ"


@pytest.mark.sqlite_only
def test_backup_of_missing_file_refused(home, tmp_path, capsys):
    status, _, err = _run(capsys, "backup", tmp_path / "copy.db", "--db", tmp_path / "none.db")

    assert status == 1
    assert "まだないか" in err
    assert not (tmp_path / "none.db").exists()
    assert not (tmp_path / "copy.db").exists()


def test_backup_while_other_process_writes(home, filled, database_target, backend, tmp_path, start_worker, capsys):
    writer = start_worker("burst", *filled)
    writer.next_line()
    backups = []
    for number in range(3):
        backups.append(tmp_path / f"during-{number}")
        assert _run(capsys, "backup", backups[-1], "--db", database_target)[0] == 0
        for _ in range(5):
            writer.next_line()
    writer.kill()

    for backup in backups:
        _restore_and_check(backup, database_target, backend, capsys)


def _restore_and_check(backup, database_target, backend, capsys) -> None:
    """Restore `backup` over the test's database and check that every case shows its last stage change."""
    if backend == "sqlite":
        assert sqlite3.connect(backup).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    status, _, err = _run(capsys, "restore", backup, "--force", "--db", database_target)
    assert (status, err) == (0, "")

    open_database(database_target)
    for case in Case.select():
        changes = list(StageChange.select().where(StageChange.case == case.id).order_by(StageChange.id))
        assert case.version == len(changes)
        assert case.stage == changes[-1].to_stage
    close_database()


# --- restore ---


def test_restore_replaces_data_and_keeps_previous(home, filled, database_target, backend, tmp_path, clock, capsys, request):
    backup = tmp_path / "backup-1"
    assert _run(capsys, "backup", backup, "--db", database_target)[0] == 0
    saved = _contents()
    user = register_staff("鈴木", "office", clock)
    create_case(NewCaseInput(line=Line.EQUIPMENT, title="後から", customer_name="後 太郎", customer_furigana="アト"), user, clock)
    later = _contents()
    close_database()

    status, out, err = _run(capsys, "restore", backup, "--force", "--db", database_target)

    assert (status, err) == (0, "")
    assert "復元しました" in out
    open_database(database_target)
    assert _contents() == saved
    close_database()

    previous = _previous_copy(out)
    assert _mode(previous) == 0o600
    elsewhere = tmp_path / "previous.db" if backend == "sqlite" else request.getfixturevalue("new_postgres_database")(blank=True)
    assert _run(capsys, "restore", previous, "--db", elsewhere)[0] == 0
    open_database(elsewhere)
    assert _contents() == later


def _previous_copy(out: str) -> Path:
    [line] = [line for line in out.splitlines() if "残してあります" in line]
    return Path(line.removeprefix("復元する前のデータは ").removesuffix(" に残してあります。"))


def test_restore_into_database_with_data_needs_force(home, filled, database_target, tmp_path, capsys):
    backup = tmp_path / "backup-1"
    assert _run(capsys, "backup", backup, "--db", database_target)[0] == 0
    before = _contents()

    status, _, err = _run(capsys, "restore", backup, "--db", database_target)

    assert status == 1
    assert "--force" in err
    open_database(database_target)
    assert _contents() == before


@pytest.mark.sqlite_only
def test_restore_into_new_file(home, filled, database_target, tmp_path, capsys):
    backup = tmp_path / "backup.db"
    assert _run(capsys, "backup", backup, "--db", database_target)[0] == 0
    expected = _contents()
    close_database()
    new_file = tmp_path / "new" / "anken.db"

    status, out, _ = _run(capsys, "restore", backup, "--db", new_file)

    assert status == 0
    assert "残してあります" not in out
    assert _mode(new_file) == 0o600
    open_database(new_file)
    assert _contents() == expected


@pytest.mark.sqlite_only
def test_restore_of_older_backup_is_migrated(home, tmp_path, capsys):
    old = tmp_path / "old.db"
    migrate(open_sqlite(old), "0001_initial")
    close_database()
    target = tmp_path / "anken.db"

    status, _, err = _run(capsys, "restore", old, "--db", target)

    assert (status, err) == (0, "")
    db = open_database(target)
    assert schema_version(db) == latest_version()
    assert schema_version(open_sqlite(old)) == 1
    close_database()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a backup at all", "バックアップではありません"), (b"PGDMP\x01\x0e", "pg_dump")],
    ids=["text", "pg_dump"],
)
@pytest.mark.sqlite_only
def test_restore_rejects_wrong_file(home, tmp_path, capsys, content, message):
    source = tmp_path / "source"
    source.write_bytes(content)

    status, _, err = _run(capsys, "restore", source, "--db", tmp_path / "anken.db")

    assert status == 1
    assert message in err
    assert not (tmp_path / "anken.db").exists()


@pytest.mark.sqlite_only
def test_restore_rejects_other_sqlite_file(home, tmp_path, capsys):
    source = tmp_path / "other.db"
    connection = sqlite3.connect(source)
    connection.execute("CREATE TABLE memo (text TEXT)")
    connection.commit()
    connection.close()

    status, _, err = _run(capsys, "restore", source, "--db", tmp_path / "anken.db")

    assert status == 1
    assert "案件管理のデータベースではありません" in err


def test_restore_needs_file_argument(home, capsys):
    status, _, err = _run(capsys, "restore")

    assert status == 2
    assert "ファイルのパスを指定" in err


def test_force_only_with_restore(home, capsys, tmp_path):
    status, _, err = _run(capsys, "backup", tmp_path / "x", "--force")

    assert status == 2
    assert "--force は restore" in err


# --- the backup made before a schema migration ---


@pytest.mark.sqlite_only
def test_migration_backs_up_older_file_first(database_path, clock):
    db = open_sqlite(database_path)
    migrate(db, "0002_case_line_fields")
    db.execute_sql("INSERT INTO staff (name, role, active, created_at) VALUES ('山口', 'sales', 1, '2026-03-02 01:00:00')")
    close_database()

    open_database(database_path)
    close_database()

    [kept] = database_path.parent.glob("anken.db.before-v2-*.bak")
    assert _mode(kept) == 0o600
    copy = sqlite3.connect(kept)
    assert copy.execute("SELECT name FROM staff").fetchall() == [("山口",)]
    assert copy.execute("SELECT COUNT(*) FROM schema_migration").fetchone() == (2,)
    copy.close()


@pytest.mark.sqlite_only
def test_new_or_current_file_not_backed_up(database_path):
    open_database(database_path)
    close_database()
    open_database(database_path)
    close_database()

    assert list(database_path.parent.glob("*.bak")) == []


@pytest.mark.sqlite_only
def test_backup_sqlite_rejects_damaged_copy(database_path, tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)

    with pytest.raises(BackupError):
        backup_sqlite(damaged, tmp_path / "copy.db")

    assert not (tmp_path / "copy.db").exists()


# --- PostgreSQL without its programs ---


def test_pg_dump_missing_explained(home, postgres_server, new_postgres_database, tmp_path, monkeypatch, capsys):
    url = new_postgres_database()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(backup_module, "DEBIAN_POSTGRES_BIN", str(tmp_path / "none"))

    status, _, err = _run(capsys, "backup", tmp_path / "copy.dump", "--db", url)

    assert status == 1
    assert "pg_dump が見つかりません" in err
    assert "postgresql-client" in err
    assert not (tmp_path / "copy.dump").exists()
