"""Provides the change log model: one row per write to a case, its notes, activities or customer.

Triggers created by migration 0004 write the rows; nothing in Python inserts
them. Row ids grow in commit order, so a reader that remembers the last id it
has seen misses no change.
"""

from peewee import AutoField, IntegerField

from anken_tui.db.models import BaseModel


class CaseChange(BaseModel):
    """A write that changed what the board or the stale view shows of case `case_id`."""

    id = AutoField()
    case_id = IntegerField()

    class Meta:
        table_name = "case_change"


CHANGE_LOG_MODELS = (CaseChange,)
