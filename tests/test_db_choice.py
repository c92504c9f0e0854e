"""Tests of choosing the database: --db, ANKEN_TUI_DB and DATABASE_URL, with a path or a PostgreSQL URL."""

import pytest

from anken_tui import paths
from anken_tui.db_choice import URL_ENV_VAR, choose_database

URL = "postgresql://anken:secret@192.168.1.10:5432/anken"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_db_option_url_chosen():
    choice = choose_database(URL, False, {URL_ENV_VAR: "postgresql://other@host/other"})

    assert (choice.source, choice.url, choice.path) == ("option", URL, None)
    assert choice.is_postgres
    assert choice.target == URL
    assert choice.shown == "postgresql://anken:***@192.168.1.10:5432/anken"


def test_database_url_used_when_nothing_else_set():
    choice = choose_database(None, False, {URL_ENV_VAR: f"  {URL}  "})

    assert (choice.source, choice.url) == ("database_url", URL)


def test_anken_variable_wins_over_database_url(tmp_path):
    environ = {paths.DATABASE_ENV_VAR: str(tmp_path / "own.db"), URL_ENV_VAR: URL}

    choice = choose_database(None, False, environ)

    assert (choice.source, choice.path) == ("environment", tmp_path / "own.db")
    assert not choice.is_postgres


def test_anken_variable_may_hold_url():
    choice = choose_database(None, False, {paths.DATABASE_ENV_VAR: URL})

    assert (choice.source, choice.url) == ("environment", URL)


def test_db_path_wins_over_database_url(tmp_path):
    choice = choose_database(str(tmp_path / "x.db"), False, {URL_ENV_VAR: URL})

    assert choice.path == tmp_path / "x.db"


def test_demo_ignores_every_url():
    choice = choose_database(None, True, {URL_ENV_VAR: URL, paths.DATABASE_ENV_VAR: URL})

    assert (choice.source, choice.path) == ("demo", paths.demo_database_path())


@pytest.mark.parametrize(("value", "shown"), [("mysql://ya:secret@db/x", "mysql://"), ("ya:secret@db/x", "URL ではない値")])
def test_database_url_of_other_kind_rejected(value, shown):
    with pytest.raises(paths.DatabaseLocationError) as raised:
        choose_database(None, False, {URL_ENV_VAR: value})

    assert shown in raised.value.message
    assert "DATABASE_URL" in raised.value.message
    assert "secret" not in raised.value.message


def test_blank_database_url_ignored():
    choice = choose_database(None, False, {URL_ENV_VAR: "   "})

    assert (choice.source, choice.path) == ("default", paths.default_database_path())
