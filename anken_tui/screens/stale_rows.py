"""Provides the columns and rows of the stale view's two lists: stale cases (滞留案件) and office follow-ups (事務残)."""

from anken_tui import texts
from anken_tui.domain.dates import format_list_date
from anken_tui.services.follow_ups import FollowUp
from anken_tui.services.stale import StaleCase
from anken_tui.widgets.case_table import TableColumn, TableRow

# 基準 and then 最終活動 are hidden first on a narrow terminal: 超過 already shows how late a case is.
STALE_COLUMNS = [
    TableColumn("line", texts.STALE_COLUMN_LINE),
    TableColumn("stage", texts.STALE_COLUMN_STAGE),
    TableColumn("customer", texts.STALE_COLUMN_CUSTOMER, flexible=True, min_width=10),
    TableColumn("title", texts.STALE_COLUMN_TITLE, flexible=True, min_width=10),
    TableColumn("owner", texts.STALE_COLUMN_OWNER, flexible=True, min_width=8),
    TableColumn("days", texts.STALE_COLUMN_DAYS_IN_STAGE, right=True),
    TableColumn("threshold", texts.STALE_COLUMN_THRESHOLD, right=True, drop_rank=0),
    TableColumn("over", texts.STALE_COLUMN_DAYS_OVER, right=True),
    TableColumn("touched", texts.STALE_COLUMN_LAST_TOUCHED, drop_rank=1),
]

FOLLOW_UP_COLUMNS = [
    TableColumn("line", texts.STALE_COLUMN_LINE),
    TableColumn("stage", texts.STALE_COLUMN_STAGE),
    TableColumn("customer", texts.STALE_COLUMN_CUSTOMER, flexible=True, min_width=10),
    TableColumn("title", texts.STALE_COLUMN_TITLE, flexible=True, min_width=10),
    TableColumn("owner", texts.STALE_COLUMN_OWNER, flexible=True, min_width=8),
    TableColumn("kind", texts.STALE_COLUMN_FOLLOW_UP, flexible=True, min_width=16),
]


def stale_row(case: StaleCase) -> TableRow:
    """Return the row of a stale case, keyed by its id."""
    status = case.status
    touched = format_list_date(case.last_touched_on) if case.last_touched_on else texts.NEVER_TOUCHED
    cells = (
        case.line.label,
        case.stage,
        texts.CUSTOMER_HONORIFIC.format(name=case.customer_name),
        case.title,
        case.owner_name or texts.NO_OWNER,
        texts.BUSINESS_DAYS.format(days=status.days_in_stage),
        str(status.threshold),
        texts.DAYS_OVER.format(days=status.days_over),
        touched,
    )
    return TableRow(str(case.id), cells)


def follow_up_key(item: FollowUp) -> str:
    """Return the row key of an office follow-up."""
    # One case may in principle lack more than one piece of paperwork, so the kind is part of the key.
    return f"{item.kind.value}-{item.case_id}"


def follow_up_row(item: FollowUp) -> TableRow:
    """Return the row of an office follow-up, keyed by its kind and case id."""
    cells = (
        item.line.label,
        item.stage,
        texts.CUSTOMER_HONORIFIC.format(name=item.customer_name),
        item.title,
        item.owner_name or texts.NO_OWNER,
        texts.FOLLOW_UP_LABELS[item.kind.value],
    )
    return TableRow(follow_up_key(item), cells)
