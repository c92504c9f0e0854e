"""Tests of anken-tui migrate --from-sqlite: copying an office's SQLite file into an empty PostgreSQL database."""

import hashlib
import re
from datetime import date, datetime

import psycopg2
import pytest

from anken_tui import demo, paths
from anken_tui.cli import main
from anken_tui.db.database import close_database, open_sqlite
from anken_tui.db.models import ALL_MODELS, Case, Note, Staff
from anken_tui.db.schema import migrate
from anken_tui.db.setup import open_database
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.logs import stop_logging
from anken_tui.services.cases import create_case
from anken_tui.services.staff import register_staff

pytestmark = pytest.mark.usefixtures("home")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """XDG folders inside tmp_path, so the command's log never touches the real home."""
    home = tmp_path / "home"
    for name, folder in {"HOME": home, "XDG_DATA_HOME": home / "data", "XDG_STATE_HOME": home / "state",
                         "XDG_CONFIG_HOME": home / "config"}.items():
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv(paths.DATABASE_ENV_VAR, raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    yield home
    stop_logging()


@pytest.fixture
def office_file(tmp_path, clock):
    """An SQLite file filled with the demo data: about 60 cases with history, notes and activities."""
    path = tmp_path / "office.db"
    open_database(path)
    demo.fill_demo(clock)
    close_database()
    return path


def _contents() -> dict[str, list[tuple]]:
    return {
        model._meta.table_name: list(model.select().order_by(model._meta.primary_key).tuples())
        for model in ALL_MODELS
    }


def _contents_of(target) -> dict[str, list[tuple]]:
    open_database(target)
    try:
        return _contents()
    finally:
        close_database()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(capsys, source, url) -> tuple[int, str, str]:
    status = main(["migrate", "--from-sqlite", str(source), "--db", url])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_copy_keeps_every_row(office_file, new_postgres_database, capsys):
    url = new_postgres_database(blank=True)
    expected = _contents_of(office_file)
    before = _digest(office_file)

    status, out, err = _copy(capsys, office_file, url)

    assert (status, err) == (0, "")
    assert "一致しています" in out
    assert re.search(rf"^ +case +{len(expected['case'])}件$", out, re.MULTILINE)
    assert _contents_of(url) == expected
    assert _digest(office_file) == before


def test_copied_values_keep_their_types(office_file, new_postgres_database, capsys):
    url = new_postgres_database(blank=True)
    assert _copy(capsys, office_file, url)[0] == 0

    open_database(url)
    case = Case.select().order_by(Case.id).first()
    note = Note.select().first()
    assert isinstance(case.stage_entered_at, datetime)
    assert case.stage_entered_at.tzinfo is None
    assert isinstance(note.written_on, date)
    assert Staff.select().where(Staff.active == True).count() == Staff.select().count()  # noqa: E712


def test_ids_continue_after_copy(office_file, new_postgres_database, capsys, clock):
    url = new_postgres_database(blank=True)
    assert _copy(capsys, office_file, url)[0] == 0
    open_database(url)
    highest = Case.select().order_by(Case.id.desc()).first().id

    user = register_staff("新人", "office", clock)
    form = NewCaseInput(line=Line.RENTAL, title="移行後の案件", customer_name="新 太郎", customer_furigana="シン タロウ")
    created = create_case(form, user, clock)

    assert created.id == highest + 1


def test_copy_into_database_with_data_refused(office_file, new_postgres_database, capsys, clock):
    url = new_postgres_database()
    open_database(url)
    register_staff("先客", "office", clock)
    close_database()

    status, _, err = _copy(capsys, office_file, url)

    assert status == 1
    assert "すでにデータ" in err
    open_database(url)
    assert [staff.name for staff in Staff.select()] == ["先客"]
    assert Case.select().count() == 0


def test_copy_into_database_of_other_program_refused(office_file, new_postgres_database, capsys):
    url = new_postgres_database(blank=True)
    connection = psycopg2.connect(url)
    connection.autocommit = True
    connection.cursor().execute("CREATE TABLE invoices (id integer)")
    connection.close()

    status, _, err = _copy(capsys, office_file, url)

    assert status == 1
    assert "invoices" in err


def test_copy_of_older_file(tmp_path, new_postgres_database, capsys):
    old = tmp_path / "old.db"
    db = open_sqlite(old)
    migrate(db, "0001_initial")
    db.execute_sql("INSERT INTO staff (name, role, active, created_at) VALUES ('山口', 'sales', 1, '2026-03-02 01:00:00')")
    close_database()
    before = _digest(old)
    url = new_postgres_database(blank=True)

    status, _, err = _copy(capsys, old, url)

    assert (status, err) == (0, "")
    assert _digest(old) == before
    open_database(url)
    assert [staff.name for staff in Staff.select()] == ["山口"]


def test_row_rejected_by_postgres_rolls_back(tmp_path, new_postgres_database, capsys, clock):
    source = tmp_path / "long.db"
    open_database(source)
    user = register_staff("山口", "sales", clock)
    create_case(NewCaseInput(line=Line.RENTAL, title="手すり", customer_name="山田", customer_furigana="ヤマダ"), user, clock)
    # SQLite does not enforce VARCHAR lengths; PostgreSQL rejects the 300-character title.
    Case.update(title="長" * 300).execute()
    close_database()
    url = new_postgres_database(blank=True)

    status, _, err = _copy(capsys, source, url)

    assert status == 1
    assert "case" in err
    assert "何も書き込んでいません" in err
    open_database(url)
    assert Staff.select().count() == 0


def test_copy_needs_postgres_target(office_file, tmp_path, capsys):
    status = main(["migrate", "--from-sqlite", str(office_file), "--db", str(tmp_path / "other.db")])
    err = capsys.readouterr().err

    assert status == 1
    assert "PostgreSQL データベースが指定されていません" in err


def test_copy_of_missing_file_explained(tmp_path, new_postgres_database, capsys):
    status, _, err = _copy(capsys, tmp_path / "none.db", new_postgres_database(blank=True))

    assert status == 1
    assert "SQLite のファイルではありません" in err


def test_migrate_needs_from_sqlite(capsys):
    status = main(["migrate"])

    assert status == 2
    assert "--from-sqlite" in capsys.readouterr().err
