"""Create the first schema: staff, customers, cases, stage changes, notes and activities."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator, db):
    class BaseModel(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Staff(BaseModel):
        name = CharField(max_length=50, unique=True)
        role = CharField(max_length=10)
        active = BooleanField(default=True)
        created_at = DateTimeField()

    class Customer(BaseModel):
        name = CharField(max_length=100)
        furigana = CharField(max_length=100)
        search_key = CharField(max_length=200, index=True)
        phone = CharField(max_length=30, default="")
        address = CharField(max_length=200, default="")
        city = CharField(max_length=50, default="")
        care_manager_name = CharField(max_length=100, default="")
        care_manager_office = CharField(max_length=100, default="")
        created_at = DateTimeField()
        updated_at = DateTimeField()

    class Case(BaseModel):
        customer = ForeignKeyField(Customer, backref="cases", on_delete="RESTRICT")
        line = CharField(max_length=20)
        sales_kind = CharField(max_length=20, null=True)
        title = CharField(max_length=200)
        stage = CharField(max_length=20)
        stage_entered_at = DateTimeField()
        owner = ForeignKeyField(Staff, backref="owned_cases", null=True, on_delete="RESTRICT")
        meeting_date = DateField(null=True)
        outcome = CharField(max_length=20, null=True)
        outcome_reason = TextField(null=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(Staff, backref="+", null=True, on_delete="RESTRICT")
        updated_at = DateTimeField()
        updated_by = ForeignKeyField(Staff, backref="+", null=True, on_delete="RESTRICT")
        version = IntegerField(default=1)

        class Meta:
            indexes = ((("line", "stage", "stage_entered_at"), False),)

    class StageChange(BaseModel):
        case = ForeignKeyField(Case, backref="stage_changes", on_delete="RESTRICT")
        from_stage = CharField(max_length=20, null=True)
        to_stage = CharField(max_length=20)
        from_entered_at = DateTimeField(null=True)
        changed_by = ForeignKeyField(Staff, backref="stage_changes", on_delete="RESTRICT")
        changed_at = DateTimeField(index=True)
        outcome = CharField(max_length=20, null=True)
        outcome_reason = TextField(null=True)
        is_undo = BooleanField(default=False)

    class Note(BaseModel):
        case = ForeignKeyField(Case, backref="notes", on_delete="RESTRICT")
        written_on = DateField()
        author = ForeignKeyField(Staff, backref="notes", on_delete="RESTRICT")
        text = TextField()
        created_at = DateTimeField()
        edited_at = DateTimeField(null=True)
        edited_by = ForeignKeyField(Staff, backref="+", null=True, on_delete="RESTRICT")
        version = IntegerField(default=1)

    class Activity(BaseModel):
        case = ForeignKeyField(Case, backref="activities", on_delete="RESTRICT")
        kind = CharField(max_length=20)
        done_on = DateField()
        staff = ForeignKeyField(Staff, backref="activities", on_delete="RESTRICT")
        text = TextField(default="")
        follow_up_on = DateField(null=True)
        created_at = DateTimeField()
        created_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")

    db.create_tables([Staff, Customer, Case, StageChange, Note, Activity])
