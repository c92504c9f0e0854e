"""Provides writing, editing and listing a case's notes (詳細), each stamped with its day and author."""

import logging
from datetime import datetime

from peewee import JOIN, fn

from anken_tui import texts
from anken_tui.clock import JST, Clock, from_storage, to_storage
from anken_tui.db.models import Case, Note, NoteDraft, NoteRevision, Staff
from anken_tui.db.transactions import write_transaction
from anken_tui.domain.dates import format_short_time
from anken_tui.errors import ConflictError, NotFoundError, ValidationError
from anken_tui.services.detail_records import NoteRevisionView, NoteView
from anken_tui.services.drafts import draft_of
from anken_tui.services.summaries import StaffRef

log = logging.getLogger(__name__)

# Several thousand characters must fit; this only stops a runaway paste.
MAX_NOTE_LENGTH = 20_000

Editor = Staff.alias()


def add_note(case_id: int, text: str, user: StaffRef, clock: Clock) -> NoteView:
    """Write a note on a case, stamped with today's date (JST) and `user` as its author.

    The text is stored exactly as typed, and the author's draft on the case
    (services.drafts) is deleted with it. Adding a note does not change the
    case's version, so it never conflicts with a move made at the same time.

    Raises:
        ValidationError: the text is empty, only whitespace, too long or contains NUL (field 詳細).
        NotFoundError: the case no longer exists.
    """
    _check_text(text)
    now = clock.now()

    with write_transaction():
        if not Case.select().where(Case.id == case_id).exists():
            raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
        note = Note.create(
            case=case_id, written_on=now.astimezone(JST).date(), author=user.id, text=text, created_at=to_storage(now)
        )
        _drop_draft(case_id, user)

    log.info("added note %s to case %s by staff %s", note.id, case_id, user.id)
    return load_note(note.id)


def edit_note(note_id: int, text: str, *, expected_version: int, user: StaffRef, clock: Clock) -> NoteView:
    """Replace the text of a note, keeping its stamp; the old text goes into the note's history.

    The note records `user` and the time as its last edit, and its version grows
    by one. Saving the same text again writes nothing to the note. Either way
    the editor's draft on the case (services.drafts) is deleted.

    Raises:
        ValidationError: the text is empty, only whitespace, too long or contains NUL (field 詳細).
        NotFoundError: the note no longer exists.
        ConflictError: someone edited the note after it was read (its version is
            no longer `expected_version`); the message names who and when, and nothing is written.
    """
    _check_text(text)
    now = to_storage(clock.now())

    with write_transaction():
        note = Note.get_or_none(Note.id == note_id)
        if note is None:
            raise NotFoundError(texts.NOTE_NOT_FOUND.format(note_id=note_id))
        if note.version != expected_version:
            raise _conflict(note, expected_version)
        _drop_draft(note.case_id, user)
        if note.text == text:
            return load_note(note_id)

        NoteRevision.create(note=note, text=note.text, edited_by=user.id, edited_at=now)
        written = (
            Note.update(text=text, edited_at=now, edited_by=user.id, version=Note.version + 1)
            .where((Note.id == note_id) & (Note.version == expected_version))
            .execute()
        )
        if written != 1:
            raise ConflictError(texts.CONFLICT_UNKNOWN)

    log.info("edited note %s of case %s by staff %s", note_id, note.case_id, user.id)
    return load_note(note_id)


def _drop_draft(case_id: int, user: StaffRef) -> None:
    NoteDraft.delete().where(draft_of(case_id, user.id)).execute()


def list_notes(case_id: int) -> list[NoteView]:
    """Return the notes of a case, newest first (by day written, then by order of writing)."""
    query = _note_query().where(Note.case == case_id).order_by(Note.written_on.desc(), Note.id.desc())
    return [_to_view(row) for row in query.tuples()]


def load_note(note_id: int) -> NoteView:
    """Return one note; raise NotFoundError when it no longer exists."""
    row = _note_query().where(Note.id == note_id).tuples().first()
    if row is None:
        raise NotFoundError(texts.NOTE_NOT_FOUND.format(note_id=note_id))
    return _to_view(row)


def note_history(note_id: int) -> list[NoteRevisionView]:
    """Return the earlier wordings of a note, oldest first: each is the text as it was before one edit."""
    query = (
        NoteRevision.select(NoteRevision.id, NoteRevision.text, Staff.name, NoteRevision.edited_at)
        .join(Staff, on=(NoteRevision.edited_by == Staff.id))
        .where(NoteRevision.note == note_id)
        .order_by(NoteRevision.edited_at, NoteRevision.id)
    )
    return [
        NoteRevisionView(id=row_id, note_id=note_id, text=text, edited_by_name=name, edited_at=from_storage(edited))
        for row_id, text, name, edited in query.tuples()
    ]


def check_note_text(text: str) -> None:
    """Raise ValidationError (field 詳細) when `text` cannot be saved as a note; the editor may call it before saving."""
    _check_text(text)


def _check_text(text: str) -> None:
    if not text.strip():
        raise ValidationError(texts.FIELD_NOTE, texts.NOTE_EMPTY)
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError(texts.FIELD_NOTE, texts.NOTE_TOO_LONG.format(limit=MAX_NOTE_LENGTH, length=len(text)))
    # PostgreSQL stores no NUL in text, so reject it on every database alike.
    if "\x00" in text:
        raise ValidationError(texts.FIELD_NOTE, texts.NOTE_NUL)


def _conflict(note: Note, expected_version: int) -> ConflictError:
    log.info("version conflict on note %s: expected %s, found %s", note.id, expected_version, note.version)
    editor = Staff.get_or_none(Staff.id == note.edited_by_id) if note.edited_by_id else None
    if editor is None or note.edited_at is None:
        return ConflictError(texts.CONFLICT_UNKNOWN)
    return ConflictError(texts.NOTE_CONFLICT.format(who=editor.name, when=format_edit_time(note.edited_at)))


def format_edit_time(stored: datetime) -> str:
    """Return a stored timestamp as 12/4 14:05 in JST, the form conflict messages and edit marks use."""
    return format_short_time(from_storage(stored).astimezone(JST))


def _note_query():
    revisions = (
        NoteRevision.select(fn.COUNT(NoteRevision.id)).where(NoteRevision.note == Note.id)
    )
    return (
        Note.select(
            Note.id, Note.case, Note.written_on, Note.author, Staff.name, Note.text, Note.version,
            Note.edited_at, Editor.name, revisions.alias("revision_count"),
        )
        .join(Staff, on=(Note.author == Staff.id))
        .switch(Note)
        .join(Editor, JOIN.LEFT_OUTER, on=(Note.edited_by == Editor.id))
    )


def _to_view(row: tuple) -> NoteView:
    note_id, case_id, written_on, author_id, author, text, version, edited_at, editor, revision_count = row
    return NoteView(
        id=note_id,
        case_id=case_id,
        written_on=written_on,
        author_id=author_id,
        author_name=author,
        text=text,
        version=version,
        edited_at=from_storage(edited_at) if edited_at else None,
        edited_by_name=editor,
        revision_count=revision_count,
    )
