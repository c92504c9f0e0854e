"""Tests of anken-tui on PostgreSQL: schema, passwords, locks, lost connections, and results equal to SQLite's.

The tests that take `db` run on both databases and compare with an order
computed in Python, so SQLite and PostgreSQL must both give it. The test
server's databases use the ja-JP ICU locale, which sorts and folds text
differently from SQLite unless the schema sets a byte-order collation.
"""

import time
from datetime import date, datetime, timedelta

import psycopg2
import pytest
from peewee import BooleanField, DateField, DateTimeField, InterfaceError, OperationalError

from anken_tui.clock import JST, to_storage
from anken_tui.db import database as database_module
from anken_tui.db.changes import CHANGE_LOG_MODELS, CaseChange
from anken_tui.db.database import DatabaseUnavailableError, close_database, database
from anken_tui.db.models import ALL_MODELS, Case, Customer, Staff
from anken_tui.db.schema import latest_version, migrate, schema_version
from anken_tui.db.setup import ForeignDatabaseError, open_database
from anken_tui.db.transactions import WRITE_LOCK_KEY
from anken_tui.db.url import parse_postgres_url
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.errors import DatabaseBusyError
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.customers import search_customers
from anken_tui.services.notes import add_note
from anken_tui.services.staff import list_staff, register_staff
from anken_tui.services.stale import last_touched

SCHEMA_MODELS = (*ALL_MODELS, *CHANGE_LOG_MODELS)
POSTGRES_TYPES = {DateTimeField: "timestamp without time zone", DateField: "date", BooleanField: "boolean"}


def _form(name="山田 花子", furigana="ヤマダ ハナコ", title="車いす"):
    return NewCaseInput(line=Line.RENTAL, title=title, customer_name=name, customer_furigana=furigana)


def _url_without_password(url: str) -> str:
    target = parse_postgres_url(url)
    return url.replace(f":{target.password}@", "@")


# --- the schema that the migrations build ---


@pytest.fixture
def pg(new_postgres_database):
    """A new PostgreSQL database with the newest schema, opened and bound to the models."""
    url = new_postgres_database()
    return open_database(url), url


def test_fresh_database_migrates_to_latest(new_postgres_database):
    db = open_database(new_postgres_database(blank=True))

    assert schema_version(db) == latest_version()
    assert migrate(db) == []
    assert {model._meta.table_name for model in SCHEMA_MODELS} <= set(db.get_tables())


@pytest.mark.parametrize("model", SCHEMA_MODELS, ids=lambda model: model.__name__)
def test_columns_match_model_fields(pg, model):
    db, _ = pg
    columns = {column.name: column for column in db.get_columns(model._meta.table_name)}

    assert set(columns) == {field.column_name for field in model._meta.sorted_fields}
    for field in model._meta.sorted_fields:
        column = columns[field.column_name]
        if not field.primary_key:
            assert column.null is field.null, field.column_name
        expected = POSTGRES_TYPES.get(type(field))
        if expected:
            assert column.data_type == expected, field.column_name


def test_names_compared_byte_by_byte(pg):
    db, _ = pg
    rows = db.execute_sql(
        "SELECT table_name, column_name FROM information_schema.columns WHERE collation_name = 'C'"
        " AND table_schema = current_schema()"
    ).fetchall()

    assert {("staff", "name"), ("customer", "furigana"), ("customer", "search_key"), ("care_office", "name")} <= set(rows)


def test_case_table_name_is_quoted(pg, clock):
    user = register_staff("山口", "sales", clock)
    created = create_case(_form(), user, clock)

    assert Case.get_by_id(created.id).title == "車いす"


def test_timestamp_stored_naive_utc_with_microseconds(pg):
    db, _ = pg
    instant = datetime(2026, 3, 2, 10, 30, 15, 250, tzinfo=JST)
    staff = Staff.create(name="佐藤", role="office", created_at=to_storage(instant))

    raw = db.execute_sql("SELECT created_at FROM staff WHERE id = %s", (staff.id,)).fetchone()[0]

    assert raw == datetime(2026, 3, 2, 1, 30, 15, 250)
    assert raw.tzinfo is None


def test_database_of_other_program_left_alone(postgres_server, new_postgres_database):
    url = new_postgres_database(blank=True)
    postgres_server_connection = psycopg2.connect(url)
    postgres_server_connection.autocommit = True
    with postgres_server_connection.cursor() as cursor:
        cursor.execute("CREATE TABLE invoices (id integer)")
    postgres_server_connection.close()

    with pytest.raises(ForeignDatabaseError):
        open_database(url)

    check = psycopg2.connect(url)
    with check.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchall() == [("invoices",)]
    check.close()


def test_database_not_utf8_rejected(postgres_server):
    name = postgres_server.new_name()
    postgres_server.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'SQL_ASCII' LOCALE_PROVIDER libc LOCALE 'C'")
    try:
        with pytest.raises(DatabaseUnavailableError) as raised:
            open_database(postgres_server.url_for(name))
        assert "UTF8" in raised.value.message
    finally:
        close_database()
        postgres_server.drop_database(name)


# --- passwords: from the URL, PGPASSWORD or ~/.pgpass, and never shown ---


def test_password_from_pgpassword(new_postgres_database, monkeypatch):
    url = new_postgres_database()
    monkeypatch.setenv("PGPASSWORD", parse_postgres_url(url).password)

    db = open_database(_url_without_password(url))

    assert schema_version(db) == latest_version()


def test_password_from_pgpass_file(new_postgres_database, monkeypatch, tmp_path):
    url = new_postgres_database()
    target = parse_postgres_url(url)
    home = tmp_path / "home"
    home.mkdir()
    pgpass = home / ".pgpass"
    pgpass.write_text(f"127.0.0.1:*:*:{target.parameters['user']}:{target.password}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("PGPASSFILE", raising=False)

    db = open_database(_url_without_password(url))

    assert schema_version(db) == latest_version()


def test_wrong_password_message_hides_it(new_postgres_database, caplog):
    url = new_postgres_database()
    wrong = url.replace(f":{parse_postgres_url(url).password}@", ":Wrong-Secret-42@")

    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(wrong)

    assert "パスワードが違います" in raised.value.message
    assert ":***@127.0.0.1" in raised.value.message
    assert "Wrong-Secret-42" not in raised.value.message
    assert "Wrong-Secret-42" not in caplog.text


def test_missing_password_explained(new_postgres_database, monkeypatch, tmp_path):
    url = new_postgres_database()
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))

    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(_url_without_password(url))

    assert "PGPASSWORD" in raised.value.message


def test_missing_database_explained(postgres_server):
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(postgres_server.url_for("no_such_anken_database"))

    assert "サーバーにありません" in raised.value.message


# --- writers waiting for each other, and a lost connection ---


@pytest.fixture
def impatient_pg(monkeypatch, new_postgres_database):
    """A PostgreSQL database whose connections give up waiting for a lock after 200 ms."""
    monkeypatch.setitem(database_module.POSTGRES_SESSION, "lock_timeout", "200ms")
    url = new_postgres_database()
    return open_database(url), url


def _other_connection(url: str):
    connection = psycopg2.connect(url)
    connection.autocommit = True
    return connection


def test_held_write_lock_gives_busy_error(impatient_pg, clock):
    _, url = impatient_pg
    user = register_staff("山口", "sales", clock)
    case = create_case(_form(), user, clock)
    other = _other_connection(url)
    other.cursor().execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK_KEY,))

    started = time.monotonic()
    try:
        with pytest.raises(DatabaseBusyError) as raised:
            move_case(case.id, "打合せ", expected_version=case.version, user=user, clock=clock)
    finally:
        other.close()
    waited = time.monotonic() - started

    assert "何も保存されていません" in raised.value.message
    assert 0.15 < waited < 3
    assert Case.get_by_id(case.id).stage == "案件受付"
    assert move_case(case.id, "打合せ", expected_version=case.version, user=user, clock=clock).case.stage == "打合せ"


def test_locked_case_row_gives_busy_error(impatient_pg, clock):
    _, url = impatient_pg
    user = register_staff("山口", "sales", clock)
    case = create_case(_form(), user, clock)
    other = _other_connection(url)
    cursor = other.cursor()
    cursor.execute("BEGIN")
    cursor.execute('SELECT id FROM "case" WHERE id = %s FOR UPDATE', (case.id,))

    try:
        with pytest.raises(DatabaseBusyError):
            move_case(case.id, "打合せ", expected_version=case.version, user=user, clock=clock)
    finally:
        cursor.execute("ROLLBACK")
        other.close()

    assert Case.get_by_id(case.id).version == case.version


def test_lost_connection_reconnects(postgres_server, pg, clock):
    db, _ = pg
    register_staff("山口", "sales", clock)
    backend_pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    postgres_server.execute(f"SELECT pg_terminate_backend({int(backend_pid)})")

    # The first statement finds the connection gone; the next one connects again.
    with pytest.raises((OperationalError, InterfaceError)):
        Staff.select().count()

    assert Staff.select().count() == 1
    assert database.execute_sql("SELECT pg_backend_pid()").fetchone()[0] != backend_pid


# --- the change log that open boards poll ---


def _logged(after: int = 0) -> list[int]:
    return [row.case_id for row in CaseChange.select().where(CaseChange.id > after).order_by(CaseChange.id)]


def test_change_log_records_case_writes(db, clock):
    user = register_staff("山口", "sales", clock)
    first = create_case(_form(), user, clock)
    second = create_case(_form("鈴木 一郎", "スズキ イチロウ"), user, clock)
    mark = CaseChange.select().order_by(CaseChange.id.desc()).first().id

    move_case(first.id, "打合せ", expected_version=first.version, user=user, clock=clock)
    add_note(second.id, "ケアマネから連絡あり", user, clock)

    assert _logged(mark) == [first.id, second.id]


def test_change_log_records_customer_rename(db, clock):
    user = register_staff("山口", "sales", clock)
    first = create_case(_form(), user, clock)
    customer_id = Case.get_by_id(first.id).customer_id
    second = create_case(NewCaseInput(line=Line.RENOVATION, title="手すり工事", customer_id=customer_id), user, clock)
    mark = CaseChange.select().order_by(CaseChange.id.desc()).first().id

    Customer.update(name="山田 華子").where(Customer.id == customer_id).execute()

    assert sorted(_logged(mark)) == sorted([first.id, second.id])


# --- the same results from SQLite and PostgreSQL ---


def test_staff_listed_in_code_point_order(db, clock):
    # ICU ja-JP would put 阿部 (あべ) before 山口 and ignore the width of Ａ; SQLite compares code points.
    names = ["山口", "阿部", "佐藤", "ａ田", "Ａ田", "A田", "あべ"]
    for name in names:
        register_staff(name, "sales", clock)

    assert [staff.name for staff in list_staff()] == sorted(names)


def test_search_ordered_by_furigana_code_points(db, clock):
    # Spaces and small kana count in code-point order; a locale-aware order would skip or fold them.
    people = [("相田 一", "アイダ ハジメ"), ("藍田 二", "アイタ ジ"), ("会田 三", "アイダハ ジ"), ("愛田 四", "アイダ ア")]
    user = register_staff("山口", "sales", clock)
    for name, furigana in people:
        create_case(_form(name, furigana), user, clock)

    found = search_customers("アイ")

    assert [customer.furigana for customer in found] == sorted(furigana for _, furigana in people)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ＳＭＩＴＨ", ["Smith 一郎"]), ("smith", ["Smith 一郎"]), ("straße", ["STRASSE 花子"]), ("ÉMILE", ["émile 三郎"])],
)
def test_search_folds_case_and_width_alike(db, clock, query, expected):
    user = register_staff("山口", "sales", clock)
    for name, furigana in (("Smith 一郎", "スミス イチロウ"), ("STRASSE 花子", "シュトラッセ ハナコ"), ("émile 三郎", "エミール サブロウ")):
        create_case(_form(name, furigana), user, clock)

    assert [customer.name for customer in search_customers(query)] == expected


def test_nulls_last_ordering_alike(db, clock):
    user = register_staff("山口", "sales", clock)
    days = [date(2026, 3, 20), None, date(2026, 3, 10), None]
    ids = []
    for day in days:
        case = create_case(_form(), user, clock)
        Case.update(meeting_date=day).where(Case.id == case.id).execute()
        ids.append(case.id)

    ordered = [case.id for case in Case.select().order_by(Case.meeting_date.asc(nulls="LAST"), Case.id)]

    assert ordered == [ids[2], ids[0], ids[1], ids[3]]


def test_date_arithmetic_alike(db, clock):
    user = register_staff("山口", "sales", clock)
    case = create_case(_form(), user, clock)
    add_note(case.id, "一回目", user, clock)
    clock.advance(timedelta(days=3))
    add_note(case.id, "二回目", user, clock)

    assert last_touched([case.id]) == {case.id: date(2026, 3, 5)}
