"""Tests of the numbered migrations: they build the models' schema and keep the rows of older files."""

from collections import Counter
from datetime import date, datetime
from graphlib import TopologicalSorter

import pytest
from peewee import DateField, DateTimeField, SqliteDatabase
from playhouse.migrations import Migration, MigrationError

from anken_tui.db.changes import CHANGE_LOG_MODELS
from anken_tui.db.database import close_database, open_sqlite
from anken_tui.db.models import ALL_MODELS, Case, Customer, Staff, StageChange
from anken_tui.db.schema import (
    HISTORY_TABLE,
    MIGRATIONS_DIR,
    latest_version,
    migrate,
    pending_migrations,
    schema_version,
)
from anken_tui.db.setup import open_database

MIGRATION_NAMES = [migration.name for migration in Migration.load_directory(str(MIGRATIONS_DIR))]
SCHEMA_MODELS = (*ALL_MODELS, *CHANGE_LOG_MODELS)
MODEL_TABLES = {model._meta.table_name: model for model in SCHEMA_MODELS}


@pytest.fixture
def bare_db(database_path):
    """An open database file with no migration applied."""
    database = open_sqlite(database_path)
    yield database
    close_database()


def _user_tables(db) -> set[str]:
    return set(db.get_tables()) - {HISTORY_TABLE}


def _schema(db) -> dict[str, tuple]:
    """Describe each table by its columns, indexes and foreign keys, ignoring names SQLite makes up."""
    described = {}
    for table in _user_tables(db):
        columns = sorted((c.name, c.data_type, c.null, c.primary_key) for c in db.get_columns(table))
        indexes = sorted((tuple(i.columns), i.unique) for i in db.get_indexes(table))
        keys = sorted((k.column, k.dest_table, k.dest_column, k.on_delete) for k in db.get_foreign_keys(table))
        described[table] = (columns, indexes, keys)
    return described


def test_first_migration_is_initial():
    assert MIGRATION_NAMES[0] == "0001_initial"


def test_empty_database_is_version_zero(bare_db):
    assert schema_version(bare_db) == 0
    assert pending_migrations(bare_db) == MIGRATION_NAMES
    assert _user_tables(bare_db) == set()


def test_migrate_to_latest(bare_db):
    applied = migrate(bare_db)

    assert applied == MIGRATION_NAMES
    assert schema_version(bare_db) == latest_version()
    assert latest_version() == int(MIGRATION_NAMES[-1][:4])
    assert pending_migrations(bare_db) == []


def test_migrate_twice_applies_nothing(bare_db):
    migrate(bare_db)

    assert migrate(bare_db) == []
    assert schema_version(bare_db) == latest_version()


def test_migrations_create_model_tables(bare_db):
    migrate(bare_db)

    assert _user_tables(bare_db) == set(MODEL_TABLES)


@pytest.mark.parametrize("table", sorted(MODEL_TABLES))
def test_migrated_columns_match_model_fields(bare_db, table):
    migrate(bare_db)
    fields = MODEL_TABLES[table]._meta.fields.values()

    columns = {column.name: column for column in bare_db.get_columns(table)}

    assert set(columns) == {field.column_name for field in fields}
    for field in fields:
        if not field.primary_key:
            assert columns[field.column_name].null is field.null, field.column_name


def test_migrated_schema_matches_models(bare_db, tmp_path):
    migrate(bare_db)
    reference = SqliteDatabase(str(tmp_path / "from_models.db"))
    with reference.bind_ctx(SCHEMA_MODELS):
        reference.create_tables(SCHEMA_MODELS)

    assert _schema(bare_db) == _schema(reference)
    reference.close()


def _insert_version_one_rows(db) -> None:
    """Insert one row per table with the columns of schema version 1, as an old file has them."""
    statements = [
        "INSERT INTO staff (id, name, role, active, created_at) VALUES (1, '山口', 'sales', 1, '2026-03-02 01:00:00')",
        "INSERT INTO customer (id, name, furigana, search_key, phone, address, city, care_manager_name,"
        " care_manager_office, created_at, updated_at) VALUES (1, '山田 太郎', 'ヤマダ タロウ',"
        " '山田太郎\nヤマダタロウ', '0745-00-0000', '宇陀市榛原', '宇陀市', '佐藤', '居宅介護支援事業所うだ',"
        " '2026-03-02 01:00:00', '2026-03-02 01:00:00')",
        "INSERT INTO \"case\" (id, customer_id, line, sales_kind, title, stage, stage_entered_at, owner_id,"
        " meeting_date, outcome, outcome_reason, created_at, created_by_id, updated_at, updated_by_id, version)"
        " VALUES (1, 1, 'sales', 'insurance', 'ポータブルトイレ購入', '打合せ', '2026-03-03 01:00:00', 1,"
        " '2026-03-20', NULL, NULL, '2026-03-02 01:00:00', 1, '2026-03-03 01:00:00', 1, 2)",
        "INSERT INTO stage_change (id, case_id, from_stage, to_stage, from_entered_at, changed_by_id, changed_at,"
        " outcome, outcome_reason, is_undo) VALUES (1, 1, NULL, '案件受付', NULL, 1, '2026-03-02 01:00:00',"
        " NULL, NULL, 0), (2, 1, '案件受付', '打合せ', '2026-03-02 01:00:00', 1, '2026-03-03 01:00:00',"
        " NULL, NULL, 0)",
        "INSERT INTO note (id, case_id, written_on, author_id, text, created_at, edited_at, edited_by_id, version)"
        " VALUES (1, 1, '2026-03-03', 1, 'ケアマネから連絡、打合せ日程調整中', '2026-03-03 01:00:00', NULL, NULL, 1)",
        "INSERT INTO activity (id, case_id, kind, done_on, staff_id, text, follow_up_on, created_at, created_by_id)"
        " VALUES (1, 1, 'call', '2026-03-03', 1, '日程確認', '2026-03-10', '2026-03-03 01:00:00', 1)",
    ]
    with db.atomic():
        for statement in statements:
            db.execute_sql(statement)


def test_version_one_file_keeps_rows(bare_db):
    migrate(bare_db, "0001_initial")
    assert schema_version(bare_db) == 1
    _insert_version_one_rows(bare_db)
    counts = {table: bare_db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in _user_tables(bare_db)}

    migrate(bare_db)

    for table, count in counts.items():
        assert bare_db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == count, table
    case = Case.get_by_id(1)
    assert case.title == "ポータブルトイレ購入"
    assert case.stage == "打合せ"
    assert case.version == 2
    assert case.customer.name == "山田 太郎"
    assert Staff.get_by_id(1).name == "山口"
    assert [change.to_stage for change in StageChange.select().order_by(StageChange.id)] == ["案件受付", "打合せ"]


def test_reopening_keeps_rows(database_path):
    open_database(database_path)
    Staff.create(name="山口", role="sales", created_at="2026-03-02 01:00:00")
    close_database()

    database = open_database(database_path)

    assert schema_version(database) == latest_version()
    assert [staff.name for staff in Staff.select()] == ["山口"]
    close_database()


def _value_for(column, step: int):
    """Return a plausible value for `column` of the row inserted after migration `step`."""
    data_type = column.data_type.upper()
    if data_type.startswith("DATETIME"):
        return f"2026-03-{step + 1:02d} 01:00:00"
    if data_type.startswith("DATE"):
        return f"2026-03-{step + 1:02d}"
    if data_type.startswith(("INT", "BOOL")):
        return step + 1
    if data_type.startswith(("REAL", "FLOAT", "DOUBLE", "DECIMAL", "NUMERIC")):
        return float(step + 1)
    # Text values differ per step, so unique columns accept one row per step.
    return f"{column.name}-{step}"


def _insert_one_row_per_table(db, step: int) -> set[str]:
    """Insert one row into every table of the current schema, parents before children."""
    keys = {table: db.get_foreign_keys(table) for table in _user_tables(db)}
    order = TopologicalSorter(
        {table: {key.dest_table for key in table_keys if key.dest_table != table} for table, table_keys in keys.items()}
    ).static_order()

    new_ids = {}
    for table in order:
        targets = {key.column: key.dest_table for key in keys[table]}
        values = {}
        for column in db.get_columns(table):
            if column.primary_key:
                continue
            if column.name in targets:
                values[column.name] = new_ids.get(targets[column.name])
            else:
                values[column.name] = _value_for(column, step)
        names = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" for _ in values)
        cursor = db.execute_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(values.values()))
        new_ids[table] = cursor.lastrowid
    return set(new_ids)


def _row_counts(db) -> Counter:
    return Counter({table: db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in _user_tables(db)})


def test_every_migration_upgrades_populated_file(bare_db):
    inserted = Counter()

    for step, name in enumerate(MIGRATION_NAMES):
        before = _row_counts(bare_db)
        assert migrate(bare_db, name) == [name]
        after = _row_counts(bare_db)
        # A migration may add rows (moving data into a new table) but never loses one.
        for table, count in before.items():
            assert after[table] >= count, (name, table)
        with bare_db.atomic():
            inserted.update(_insert_one_row_per_table(bare_db, step))

    assert migrate(bare_db) == []
    assert set(inserted) == set(MODEL_TABLES)
    counts = _row_counts(bare_db)
    for table, model in MODEL_TABLES.items():
        assert counts[table] >= inserted[table], table
        rows = list(model.select())
        assert len(rows) == counts[table], table
        _assert_dates_read_back(model, rows)


def _assert_dates_read_back(model, rows) -> None:
    # Peewee hands back the raw text of a date it cannot parse, so check the types.
    for field in model._meta.sorted_fields:
        if isinstance(field, DateTimeField):
            expected = datetime
        elif isinstance(field, DateField):
            expected = date
        else:
            continue
        for row in rows:
            value = getattr(row, field.name)
            assert value is None or isinstance(value, expected), (model.__name__, field.name, value)


def test_unknown_target_rejected(bare_db):
    with pytest.raises(MigrationError, match="9999_missing"):
        migrate(bare_db, "9999_missing")

    assert _user_tables(bare_db) == set()


def test_customer_model_reads_migrated_row(bare_db):
    migrate(bare_db)
    _insert_version_one_rows(bare_db)

    assert Customer.get_by_id(1).care_manager_office == "居宅介護支援事業所うだ"
