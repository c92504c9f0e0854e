"""Add the per-line case fields (payment, applications, work dates, amounts) and the stale snooze."""

from peewee import CharField, DateField, IntegerField, TextField

NEW_COLUMNS = (
    ("payment_method", CharField(max_length=20, null=True)),
    ("kaipoke_registered_on", DateField(null=True)),
    ("purchase_amount", IntegerField(null=True)),
    ("quote_amount", IntegerField(null=True)),
    ("invoice_amount", IntegerField(null=True)),
    ("pre_application_on", DateField(null=True)),
    ("city_approved_on", DateField(null=True)),
    ("work_start_on", DateField(null=True)),
    ("work_end_on", DateField(null=True)),
    ("stale_snoozed_until", DateField(null=True)),
    ("stale_snooze_reason", TextField(null=True)),
)


def up(migrator, db):
    migrator.migrate(*(migrator.add_column("case", name, field) for name, field in NEW_COLUMNS))
