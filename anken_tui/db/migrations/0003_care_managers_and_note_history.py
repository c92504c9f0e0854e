"""Add care offices and care managers as records linked from customers, and the edit history of notes.

The care manager text typed on customers becomes office and care manager rows,
and each customer is linked to its care manager; the text columns stay.
"""

from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField

from anken_tui.domain.kana import search_key


def up(migrator, db):
    class BaseModel(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Staff(BaseModel):
        class Meta:
            table_name = "staff"

    class Note(BaseModel):
        class Meta:
            table_name = "note"

    class CareOffice(BaseModel):
        name = CharField(max_length=100)
        phone = CharField(max_length=30, default="")
        search_key = CharField(max_length=200, index=True)

    class CareManager(BaseModel):
        name = CharField(max_length=100)
        furigana = CharField(max_length=100, default="")
        office = ForeignKeyField(CareOffice, backref="care_managers", null=True, on_delete="RESTRICT")
        phone = CharField(max_length=30, default="")
        search_key = CharField(max_length=200, index=True)

    class NoteRevision(BaseModel):
        note = ForeignKeyField(Note, backref="revisions", on_delete="RESTRICT")
        text = TextField()
        edited_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        edited_at = DateTimeField()

    class Customer(BaseModel):
        care_manager_name = CharField(max_length=100, default="")
        care_manager_office = CharField(max_length=100, default="")

        class Meta:
            table_name = "customer"

    db.create_tables([CareOffice, CareManager, NoteRevision])
    link = ForeignKeyField(CareManager, field=CareManager.id, null=True, on_delete="RESTRICT")
    migrator.migrate(migrator.add_column("customer", "care_manager_id", link))

    # Declared after the column exists, so that the frozen model matches the table.
    class LinkedCustomer(Customer):
        care_manager = ForeignKeyField(CareManager, null=True, column_name="care_manager_id")

        class Meta:
            table_name = "customer"

    _move_care_manager_text(LinkedCustomer, CareOffice, CareManager)


# Keeps each IN (...) list well under SQLite's limit of bound parameters.
ID_CHUNK = 500


def _move_care_manager_text(customer_model, office_model, manager_model) -> None:
    """Create one office and one care manager row per distinct text pair on customers, and link the customers.

    Texts are compared trimmed, as typed otherwise. An office typed without a
    care manager's name becomes an office row only, and its customers stay unlinked.
    """
    rows = customer_model.select(
        customer_model.id, customer_model.care_manager_office, customer_model.care_manager_name
    ).tuples()
    offices: dict[str, int] = {}
    customers_by_manager: dict[tuple[str, str], list[int]] = {}
    for customer_id, office_text, name_text in rows:
        office, name = (office_text or "").strip(), (name_text or "").strip()
        if office and office not in offices:
            offices[office] = office_model.create(name=office, search_key=search_key(office)).id
        if name:
            customers_by_manager.setdefault((office, name), []).append(customer_id)

    for (office, name), customer_ids in customers_by_manager.items():
        manager = manager_model.create(name=name, office=offices.get(office), search_key=f"{search_key(name)}\n")
        for start in range(0, len(customer_ids), ID_CHUNK):
            chunk = customer_ids[start : start + ID_CHUNK]
            customer_model.update(care_manager=manager.id).where(customer_model.id.in_(chunk)).execute()
