"""Add note drafts: note text (詳細) typed and not saved yet, one per member of staff and case."""

from peewee import DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    class BaseModel(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Staff(BaseModel):
        class Meta:
            table_name = "staff"

    class Case(BaseModel):
        class Meta:
            table_name = "case"

    class Note(BaseModel):
        class Meta:
            table_name = "note"

    class NoteDraft(BaseModel):
        case = ForeignKeyField(Case, backref="+", on_delete="RESTRICT")
        author = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        note = ForeignKeyField(Note, backref="+", null=True, on_delete="RESTRICT")
        note_version = IntegerField(null=True)
        text = TextField()
        saved_at = DateTimeField()

        class Meta:
            indexes = ((("author", "case"), True),)

    db.create_tables([NoteDraft])
