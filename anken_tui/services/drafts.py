"""Provides note drafts (下書き): the text of an open note editor, kept until it is saved or discarded."""

import logging
from dataclasses import dataclass
from datetime import datetime

from anken_tui.clock import Clock, from_storage, to_storage
from anken_tui.db.models import Case, Customer, NoteDraft
from anken_tui.db.transactions import write_transaction
from anken_tui.services.summaries import StaffRef

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    """The unsaved text of one note editor: a new note when `note_id` is None."""

    case_id: int
    note_id: int | None
    note_version: int | None
    """The version of the note when its editing began, so a save over a newer version is caught."""
    text: str
    saved_at: datetime
    """When the text was kept, timezone-aware."""


def keep_draft(
    case_id: int, user: StaffRef, text: str, clock: Clock, *, note_id: int | None = None, note_version: int | None = None
) -> None:
    """Keep `text` as the draft of `user` on the case, in place of an earlier one.

    NUL characters are left out: PostgreSQL cannot store them, and saving the
    note rejects them anyway.
    """
    values = {
        "note": note_id,
        "note_version": note_version,
        "text": text.replace("\x00", ""),
        "saved_at": to_storage(clock.now()),
    }
    with write_transaction():
        updated = NoteDraft.update(values).where(draft_of(case_id, user.id)).execute()
        if not updated:
            NoteDraft.create(case=case_id, author=user.id, **values)


def find_draft(case_id: int, user: StaffRef) -> Draft | None:
    """Return the draft of `user` on the case, or None."""
    row = NoteDraft.get_or_none(draft_of(case_id, user.id))
    if row is None:
        return None
    return Draft(
        case_id=case_id,
        note_id=row.note_id,
        note_version=row.note_version,
        text=row.text,
        saved_at=from_storage(row.saved_at),
    )


def drop_draft(case_id: int, user: StaffRef) -> None:
    """Delete the draft of `user` on the case, if there is one."""
    with write_transaction():
        dropped = NoteDraft.delete().where(draft_of(case_id, user.id)).execute()
    if dropped:
        log.info("dropped the note draft of staff %s on case %s", user.id, case_id)


@dataclass(frozen=True)
class DraftedCase:
    """A case where the user has a draft, named as the user knows it."""

    case_id: int
    customer_name: str
    title: str


def drafted_cases(user: StaffRef) -> list[DraftedCase]:
    """Return the cases where `user` has a draft, oldest draft first."""
    query = (
        NoteDraft.select(Case.id, Customer.name, Case.title)
        .join(Case)
        .join(Customer)
        .where(NoteDraft.author == user.id)
        .order_by(NoteDraft.saved_at, NoteDraft.id)
    )
    return [DraftedCase(*row) for row in query.tuples()]


def draft_of(case_id: int, author_id: int):
    """Return the condition that selects the draft of one member of staff on one case."""
    return (NoteDraft.case == case_id) & (NoteDraft.author == author_id)
