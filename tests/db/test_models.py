"""Tests of the models on a real SQLite file: file modes, pragmas, constraints and stored timestamps."""

import stat
from datetime import date, datetime, timedelta

import pytest
from peewee import IntegrityError

from anken_tui.clock import JST, to_storage
from anken_tui.db.database import close_database, open_sqlite
from anken_tui.db.models import Activity, Case, Customer, Note, Staff, StageChange

CREATED = datetime(2026, 3, 2, 10, 30, 15, tzinfo=JST)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _customer() -> Customer:
    now = to_storage(CREATED)
    return Customer.create(name="山田 太郎", furigana="ヤマダ タロウ", search_key="山田太郎\nヤマダタロウ", created_at=now, updated_at=now)


def _case(customer: Customer, staff: Staff) -> Case:
    now = to_storage(CREATED)
    return Case.create(
        customer=customer,
        line="rental",
        title="手すりの追加レンタル",
        stage="案件受付",
        stage_entered_at=now,
        owner=staff,
        created_at=now,
        created_by=staff,
        updated_at=now,
        updated_by=staff,
    )


@pytest.fixture
def member(db):
    return Staff.create(name="山口", role="sales", created_at=to_storage(CREATED))


def test_database_file_is_private(db, database_path, member):
    # A write creates the -wal and -shm files beside the database.
    _customer()

    assert _mode(database_path) == 0o600
    for suffix in ("-wal", "-shm"):
        companion = database_path.with_name(database_path.name + suffix)
        assert companion.exists(), suffix
        assert _mode(companion) == 0o600, suffix


def test_new_folder_is_private(tmp_path):
    path = tmp_path / "new" / "anken.db"
    open_sqlite(path)
    close_database()

    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("pragma", "value"),
    [("journal_mode", "wal"), ("foreign_keys", 1), ("busy_timeout", 5000), ("synchronous", 2)],
)
def test_pragmas(db, pragma, value):
    assert db.execute_sql(f"PRAGMA {pragma}").fetchone()[0] == value


def test_foreign_key_to_missing_row_rejected(db, member):
    now = to_storage(CREATED)

    with pytest.raises(IntegrityError):
        Case.create(
            customer=999,
            line="rental",
            title="存在しない顧客",
            stage="案件受付",
            stage_entered_at=now,
            created_at=now,
            updated_at=now,
        )

    assert Case.select().count() == 0


def test_customer_with_cases_cannot_be_deleted(db, member):
    customer = _customer()
    _case(customer, member)

    with pytest.raises(IntegrityError):
        customer.delete_instance()

    assert Customer.select().count() == 1


def test_staff_with_changes_cannot_be_deleted(db, member):
    case = _case(_customer(), member)
    StageChange.create(case=case, to_stage="案件受付", changed_by=member, changed_at=to_storage(CREATED))

    with pytest.raises(IntegrityError):
        member.delete_instance()


def test_staff_name_unique(db, member):
    with pytest.raises(IntegrityError):
        Staff.create(name="山口", role="office", created_at=to_storage(CREATED))

    assert Staff.select().count() == 1


# The stored text is SQLite's; tests/db/test_postgres.py checks PostgreSQL's column types.
@pytest.mark.sqlite_only
def test_timestamps_stored_as_naive_utc(db, member):
    customer = _customer()

    raw = db.execute_sql("SELECT created_at FROM customer WHERE id = ?", (customer.id,)).fetchone()[0]

    # 10:30:15 in Japan is 01:30:15 UTC, stored without an offset.
    assert raw == "2026-03-02 01:30:15"
    assert Customer.get_by_id(customer.id).created_at == datetime(2026, 3, 2, 1, 30, 15)


@pytest.mark.sqlite_only
def test_stored_timestamp_keeps_microseconds(db):
    instant = CREATED + timedelta(microseconds=250)

    staff = Staff.create(name="佐藤", role="office", created_at=to_storage(instant))
    raw = db.execute_sql("SELECT created_at FROM staff WHERE id = ?", (staff.id,)).fetchone()[0]

    assert raw == "2026-03-02 01:30:15.000250"


@pytest.mark.sqlite_only
def test_dates_stored_as_iso_dates(db, member):
    case = _case(_customer(), member)
    Note.create(case=case, written_on=date(2026, 10, 12), author=member, text="デモ納品中", created_at=to_storage(CREATED))

    raw = db.execute_sql("SELECT written_on FROM note").fetchone()[0]

    assert raw == "2026-10-12"


def test_case_defaults(db, member):
    case = Case.get_by_id(_case(_customer(), member).id)

    assert case.version == 1
    assert case.outcome is None
    assert case.sales_kind is None
    assert case.meeting_date is None


def test_activity_and_stage_change_defaults(db, member):
    case = _case(_customer(), member)
    now = to_storage(CREATED)

    change = StageChange.create(case=case, to_stage="案件受付", changed_by=member, changed_at=now)
    activity = Activity.create(case=case, kind="call", done_on=date(2026, 3, 2), staff=member, created_at=now, created_by=member)

    assert StageChange.get_by_id(change.id).is_undo is False
    assert StageChange.get_by_id(change.id).from_stage is None
    assert Activity.get_by_id(activity.id).text == ""
