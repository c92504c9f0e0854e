"""Tests of migration 0003: care manager text on customers becomes office and care manager rows with links."""

import pytest
from peewee import IntegrityError

from anken_tui.db.database import close_database, open_sqlite
from anken_tui.db.models import CareManager, CareOffice, Customer, Note, NoteRevision
from anken_tui.db.schema import migrate, schema_version

# (id, name, care_manager_name, care_manager_office) of the customers in the old file.
OLD_CUSTOMERS = (
    (1, "宇陀 太郎", "北浦 恵子", "うだ山びこ居宅介護支援事業所"),
    (2, "森田 春子", "北浦 恵子", "うだ山びこ居宅介護支援事業所"),
    (3, "上田 清", " 北浦 恵子 ", "うだ山びこ居宅介護支援事業所 "),
    (4, "岡本 トメ", "岸辺 由美", "榛原すずらんケアプランセンター"),
    (5, "西 一郎", "北浦 恵子", "榛原すずらんケアプランセンター"),
    (6, "東 二郎", "辻内 真理", ""),
    (7, "南 三郎", "", "室生かえで居宅介護支援事業所"),
    (8, "北 四郎", "", ""),
)


@pytest.fixture
def old_file(database_path):
    """A database file at schema 0002 with customers, a case and a note, as version 0.2 left it."""
    db = open_sqlite(database_path)
    migrate(db, "0002_case_line_fields")
    db.execute_sql(
        "INSERT INTO staff (id, name, role, active, created_at) VALUES (1, '山口', 'sales', 1, '2026-03-02 01:00:00')"
    )
    for customer_id, name, manager, office in OLD_CUSTOMERS:
        db.execute_sql(
            "INSERT INTO customer (id, name, furigana, search_key, phone, address, city, care_manager_name,"
            " care_manager_office, created_at, updated_at) VALUES (?, ?, 'カナ', ?, '', '', '宇陀市', ?, ?,"
            " '2026-03-02 01:00:00', '2026-03-02 01:00:00')",
            (customer_id, name, name, manager, office),
        )
    db.execute_sql(
        "INSERT INTO \"case\" (id, customer_id, line, title, stage, stage_entered_at, created_at, updated_at, version)"
        " VALUES (1, 1, 'rental', '車いす', '案件受付', '2026-03-02 01:00:00', '2026-03-02 01:00:00',"
        " '2026-03-02 01:00:00', 1)"
    )
    db.execute_sql(
        "INSERT INTO note (id, case_id, written_on, author_id, text, created_at, version)"
        " VALUES (1, 1, '2026-03-02', 1, '元の詳細', '2026-03-02 01:00:00', 1)"
    )
    yield db
    close_database()


def _upgrade(db) -> None:
    """Apply 0003 and any later migration, since the models may read columns that later ones add."""
    assert "0003_care_managers_and_note_history" in migrate(db)


def _manager_of(customer_id: int) -> CareManager | None:
    return Customer.get_by_id(customer_id).care_manager


def test_migrates_to_three(old_file):
    assert schema_version(old_file) == 2

    applied = migrate(old_file, "0003_care_managers_and_note_history")

    assert applied == ["0003_care_managers_and_note_history"]
    assert schema_version(old_file) == 3


def test_offices_from_distinct_text(old_file):
    _upgrade(old_file)

    names = sorted(office.name for office in CareOffice.select())

    assert names == ["うだ山びこ居宅介護支援事業所", "室生かえで居宅介護支援事業所", "榛原すずらんケアプランセンター"]


def test_managers_per_office_and_name(old_file):
    _upgrade(old_file)

    pairs = sorted(
        (manager.name, manager.office.name if manager.office else "") for manager in CareManager.select()
    )

    assert pairs == [
        ("北浦 恵子", "うだ山びこ居宅介護支援事業所"),
        ("北浦 恵子", "榛原すずらんケアプランセンター"),
        ("岸辺 由美", "榛原すずらんケアプランセンター"),
        ("辻内 真理", ""),
    ]


def test_customers_linked(old_file):
    _upgrade(old_file)

    kitaura_uda = _manager_of(1)
    assert kitaura_uda is not None
    assert _manager_of(2) == kitaura_uda
    # Spaces around the typed text do not make a second care manager.
    assert _manager_of(3) == kitaura_uda
    assert _manager_of(5).office.name == "榛原すずらんケアプランセンター"
    assert _manager_of(5) != kitaura_uda
    assert _manager_of(4).name == "岸辺 由美"
    assert _manager_of(6).name == "辻内 真理"
    assert _manager_of(6).office is None
    assert _manager_of(7) is None
    assert _manager_of(8) is None


def test_text_columns_kept(old_file):
    _upgrade(old_file)

    for customer_id, _name, manager, office in OLD_CUSTOMERS:
        customer = Customer.get_by_id(customer_id)
        assert (customer.care_manager_name, customer.care_manager_office) == (manager, office)


def test_search_keys_written(old_file):
    _upgrade(old_file)

    office = CareOffice.get(CareOffice.name == "榛原すずらんケアプランセンター")
    manager = CareManager.get(CareManager.name == "岸辺 由美")
    assert office.search_key == "榛原スズランケアプランセンター"
    assert manager.search_key == "岸辺由美\n"
    assert manager.furigana == ""


def test_note_revisions_table(old_file):
    _upgrade(old_file)

    NoteRevision.create(note=1, text="元の詳細", edited_by=1, edited_at="2026-03-03 01:00:00")

    assert [revision.text for revision in Note.get_by_id(1).revisions] == ["元の詳細"]


def test_link_is_foreign_key(old_file):
    _upgrade(old_file)

    keys = {key.column: key.dest_table for key in old_file.get_foreign_keys("customer")}
    assert keys["care_manager_id"] == "care_manager"
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        old_file.execute_sql("UPDATE customer SET care_manager_id = 999 WHERE id = 8")


def test_empty_file_migrates(database_path):
    db = open_sqlite(database_path)
    try:
        migrate(db)
        assert CareOffice.select().count() == 0
        assert CareManager.select().count() == 0
    finally:
        close_database()
