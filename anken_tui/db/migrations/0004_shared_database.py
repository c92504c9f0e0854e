"""Add the change log that open boards poll, and on PostgreSQL compare names byte by byte as SQLite does.

Triggers write one `case_change` row for every write that changes what a card
or the stale view shows: a case inserted or updated, a note or activity written
or deleted, a customer renamed. A board remembers the last row id it has seen
and asks only for newer rows. The ids must grow in commit order, or a board
could skip a change that committed late: SQLite lets one writer in at a time,
and on PostgreSQL the trigger takes the advisory lock that every write
transaction also holds until it commits.

The change log and its triggers need only the tables of migration 0001, so
this migration also applies to a file where 0003 is not applied yet.
"""

from peewee import AutoField, IntegerField, Model, PostgresqlDatabase

# The advisory lock of anken_tui.db.transactions.WRITE_LOCK_KEY ("anken" in ASCII).
WRITE_LOCK_KEY = 418464359790

# (table, column with the case id) whose rows belong to one case.
CASE_TABLES = (("case", "id"), ("note", "case_id"), ("activity", "case_id"))

# Text columns that are sorted or searched with LIKE. PostgreSQL compares them with the
# database's locale (e.g. ja-JP puts kanji in reading order, en_US ignores spaces), while
# SQLite compares code points. Collation "C" gives PostgreSQL SQLite's order and its
# ASCII-only case folding in ILIKE. A table that does not exist yet is skipped.
BYTE_ORDER_COLUMNS = (
    ("staff", "name", 50),
    ("customer", "name", 100),
    ("customer", "furigana", 100),
    ("customer", "search_key", 200),
    ("case", "title", 200),
    ("care_office", "name", 100),
    ("care_office", "search_key", 200),
    ("care_manager", "name", 100),
    ("care_manager", "furigana", 100),
    ("care_manager", "search_key", 200),
)


def up(migrator, db):
    class CaseChange(Model):
        id = AutoField()
        case_id = IntegerField()

        class Meta:
            database = db
            table_name = "case_change"

    db.create_tables([CaseChange])
    if isinstance(db, PostgresqlDatabase):
        _postgres_triggers(db)
        _postgres_byte_order(db)
    else:
        _sqlite_triggers(db)


def _sqlite_triggers(db):
    for table, column in CASE_TABLES:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            if table == "case" and event == "DELETE":
                continue
            db.execute_sql(
                f'CREATE TRIGGER "{table}_{event.lower()}_logs_change" AFTER {event} ON "{table}" '
                f'BEGIN INSERT INTO case_change (case_id) VALUES ({row}."{column}"); END'
            )
    db.execute_sql(
        'CREATE TRIGGER "customer_update_logs_change" AFTER UPDATE ON customer '
        'BEGIN INSERT INTO case_change (case_id) SELECT id FROM "case" WHERE customer_id = NEW.id; END'
    )


def _postgres_triggers(db):
    db.execute_sql(
        f"""
        CREATE FUNCTION log_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed_row jsonb;
        BEGIN
            PERFORM pg_advisory_xact_lock({WRITE_LOCK_KEY});
            IF TG_OP = 'DELETE' THEN
                changed_row := to_jsonb(OLD);
            ELSE
                changed_row := to_jsonb(NEW);
            END IF;
            IF TG_TABLE_NAME = 'customer' THEN
                INSERT INTO case_change (case_id)
                    SELECT id FROM "case" WHERE customer_id = (changed_row ->> 'id')::integer;
            ELSE
                INSERT INTO case_change (case_id) VALUES ((changed_row ->> TG_ARGV[0])::integer);
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    for table, column in CASE_TABLES:
        events = "INSERT OR UPDATE" if table == "case" else "INSERT OR UPDATE OR DELETE"
        db.execute_sql(
            f'CREATE TRIGGER "{table}_logs_change" AFTER {events} ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION log_case_change('{column}')"
        )
    db.execute_sql(
        'CREATE TRIGGER "customer_logs_change" AFTER UPDATE ON customer '
        "FOR EACH ROW EXECUTE FUNCTION log_case_change('id')"
    )


def _postgres_byte_order(db):
    tables = set(db.get_tables())
    for table, column, length in BYTE_ORDER_COLUMNS:
        if table not in tables:
            continue
        db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE VARCHAR({length}) COLLATE "C"')
