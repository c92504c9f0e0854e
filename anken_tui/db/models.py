"""Provides the Peewee models: staff, customers, cases and what happens to a case.

Every timestamp (`*_at`) is a naive datetime in UTC; every date (`*_on`,
`*_date`) is a calendar date in Japan Standard Time. `anken_tui.clock`
converts between the two.
"""

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

from anken_tui.db.database import database


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Staff(BaseModel):
    """A member of staff; `role` is "sales" (営業) or "office" (事務)."""

    name = CharField(max_length=50, unique=True)
    role = CharField(max_length=10)
    active = BooleanField(default=True)
    created_at = DateTimeField()


class CareOffice(BaseModel):
    """A care manager's office (居宅介護支援事業所)."""

    name = CharField(max_length=100)
    phone = CharField(max_length=30, default="")
    search_key = CharField(max_length=200, index=True)


class CareManager(BaseModel):
    """A care manager (ケアマネ); `office` is None when only the name is known."""

    name = CharField(max_length=100)
    furigana = CharField(max_length=100, default="")
    office = ForeignKeyField(CareOffice, backref="care_managers", null=True, on_delete="RESTRICT")
    phone = CharField(max_length=30, default="")
    search_key = CharField(max_length=200, index=True)


class Customer(BaseModel):
    """A customer (利用者様): the care recipient whom the cases are for.

    `care_manager_name` and `care_manager_office` keep the text typed before
    care managers were records of their own; the services keep them in step
    with `care_manager`.
    """

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
    care_manager = ForeignKeyField(CareManager, backref="customers", null=True, on_delete="RESTRICT")


class Case(BaseModel):
    """A case (案件): one piece of business for one customer in one line.

    `version` grows by one on every write, and every write checks it, so a
    change made by someone else in the meantime is never overwritten.
    `payment_method` is "kaipoke_debit" (口座振替(カイポケ)) or "cash" (現金支払い).
    """

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

    # Fields that only some lines use; amounts are whole yen.
    payment_method = CharField(max_length=20, null=True)
    kaipoke_registered_on = DateField(null=True)
    purchase_amount = IntegerField(null=True)
    quote_amount = IntegerField(null=True)
    invoice_amount = IntegerField(null=True)
    pre_application_on = DateField(null=True)
    city_approved_on = DateField(null=True)
    work_start_on = DateField(null=True)
    work_end_on = DateField(null=True)

    # A paused stale flag (保留): the case leaves the stale view until this date.
    stale_snoozed_until = DateField(null=True)
    stale_snooze_reason = TextField(null=True)

    class Meta:
        indexes = ((("line", "stage", "stage_entered_at"), False),)


class StageChange(BaseModel):
    """One change of a case's stage: from, to, who and when.

    `from_stage` is None for the row written when the case is created.
    `from_entered_at` keeps when the case had entered `from_stage`, so an undo
    can give the case back its old days in that stage. `outcome` and
    `outcome_reason` are set when the change ends the case at 案件完了.
    """

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
    """A progress note (詳細): dated and signed by its author, e.g. 10/12(山口)."""

    case = ForeignKeyField(Case, backref="notes", on_delete="RESTRICT")
    written_on = DateField()
    author = ForeignKeyField(Staff, backref="notes", on_delete="RESTRICT")
    text = TextField()
    created_at = DateTimeField()
    edited_at = DateTimeField(null=True)
    edited_by = ForeignKeyField(Staff, backref="+", null=True, on_delete="RESTRICT")
    version = IntegerField(default=1)


class Activity(BaseModel):
    """An activity (活動): a visit, call, fax or check, logged without moving the stage."""

    case = ForeignKeyField(Case, backref="activities", on_delete="RESTRICT")
    kind = CharField(max_length=20)
    done_on = DateField()
    staff = ForeignKeyField(Staff, backref="activities", on_delete="RESTRICT")
    text = TextField(default="")
    follow_up_on = DateField(null=True)
    created_at = DateTimeField()
    created_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")

    class Meta:
        # A case's latest activity, which gives the card its follow-up date, is the last entry here.
        indexes = ((("case", "done_on", "id"), False),)


class NoteRevision(BaseModel):
    """An earlier wording of a note (詳細): the text before one edit, who edited it and when."""

    note = ForeignKeyField(Note, backref="revisions", on_delete="RESTRICT")
    text = TextField()
    edited_by = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    edited_at = DateTimeField()


class NoteDraft(BaseModel):
    """Note text (詳細) typed in the editor and not saved yet, so that a closed terminal loses none of it.

    One per member of staff and case. `note` is the note being edited, or None
    for a new note, and `note_version` is the version the edit started from.
    """

    case = ForeignKeyField(Case, backref="+", on_delete="RESTRICT")
    author = ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    note = ForeignKeyField(Note, backref="+", null=True, on_delete="RESTRICT")
    note_version = IntegerField(null=True)
    text = TextField()
    saved_at = DateTimeField()

    class Meta:
        indexes = ((("author", "case"), True),)


ALL_MODELS = (Staff, CareOffice, CareManager, Customer, Case, StageChange, Note, NoteRevision, Activity, NoteDraft)
