"""Provides NoteDrafts: how the case detail pane keeps the note editor's text as a draft (下書き) until it is saved."""

import logging
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widgets import TextArea

from anken_tui import texts
from anken_tui.errors import AnkenError
from anken_tui.services.drafts import Draft, drop_draft, find_draft, keep_draft
from anken_tui.widgets.note_editor import NOTE_TEXT_ID, NoteEditor

if TYPE_CHECKING:
    from anken_tui.services.detail_records import CaseDetail

log = logging.getLogger(__name__)

# The draft is written this long after the last key, so typing does not write on every key.
DRAFT_DELAY_SECONDS = 1.0


class NoteDrafts:
    """Mixed into CaseDetailPane: keeps the open editor's text in the database and gives it back next time.

    The text is kept a second after the last change, and at once when the
    terminal is closed (`keep_draft_now`). Saving the note deletes the draft in
    the same transaction, and closing the editor without saving deletes it too.
    The next editor opened on the case, by the same member of staff, starts
    from the draft.
    """

    _draft_timer: Timer | None = None
    # Whether this pane wrote a draft or opened one that may still be in the database.
    _draft_kept = False

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != NOTE_TEXT_ID:
            return
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.keep_draft_now, name="keep-note-draft")

    def keep_draft_now(self) -> None:
        """Write the open editor's unsaved text as the draft, or delete the draft once nothing is unsaved."""
        self._stop_draft_timer()
        editor = self.editor
        if editor is None:
            return
        try:
            if editor.has_unsaved_text:
                keep_draft(
                    editor.case_id, self.user, editor.text, self.clock,
                    note_id=editor.note_id, note_version=editor.note_version,
                )
                self._draft_kept = True
            elif self._draft_kept:
                drop_draft(editor.case_id, self.user)
                self._draft_kept = False
        except AnkenError as error:
            # The text is still in the editor; the next change or the next second tries again.
            log.warning("could not keep the note draft of case %s: %s", editor.case_id, type(error).__name__)

    def own_draft(self, case_id: int) -> Draft | None:
        """Return the user's draft on the case, or None (also when the database cannot be read now)."""
        try:
            return find_draft(case_id, self.user)
        except AnkenError as error:
            log.warning("could not read the note draft of case %s: %s", case_id, type(error).__name__)
            return None

    def editor_from_draft(self, draft: Draft, detail: "CaseDetail") -> NoteEditor:
        """Return an editor that starts from `draft`: on its note if the case still has it, else on a new note."""
        self._draft_kept = True
        note = next((note for note in detail.notes if note.id == draft.note_id), None)
        if note is None:
            return NoteEditor(draft.case_id, self._new_heading(), draft=draft.text, id="note-editor")
        return NoteEditor(
            draft.case_id, self._edit_heading(note), note_id=note.id, note_version=draft.note_version,
            text=note.text, draft=draft.text, id="note-editor",
        )

    def draft_saved(self) -> None:
        """Note that saving the note deleted the draft with it."""
        self._stop_draft_timer()
        self._draft_kept = False

    def drop_kept_draft(self, case_id: int) -> None:
        """Delete the draft on the case after its editor closed without saving, if one may exist."""
        self._stop_draft_timer()
        if not self._draft_kept:
            return
        try:
            drop_draft(case_id, self.user)
        except AnkenError as error:
            # The draft stays and is offered again when the editor next opens on the case.
            log.warning("could not delete the note draft of case %s: %s", case_id, type(error).__name__)
            self.notify(texts.DRAFT_NOT_DROPPED, severity="warning", markup=False)
            return
        self._draft_kept = False

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
