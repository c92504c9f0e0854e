"""Provides CaseDetailPane: one case beside the board, with its notes (詳細), activities, history and the note editor."""

import logging
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from anken_tui import texts
from anken_tui.clock import JST, Clock
from anken_tui.domain.dates import format_note_stamp, format_short_time
from anken_tui.errors import AnkenError, ConflictError, NotFoundError, ValidationError
from anken_tui.screens.note_drafts import NoteDrafts
from anken_tui.screens.unsaved import UnsavedChoice, UnsavedModal
from anken_tui.services.case_detail import load_case_detail
from anken_tui.services.case_fields import FIELDS_BY_LINE
from anken_tui.services.notes import add_note, edit_note
from anken_tui.services.detail_records import CaseDetail, NoteView
from anken_tui.services.summaries import StaffRef
from anken_tui.widgets import detail_render
from anken_tui.widgets.note_editor import NoteEditor
from anken_tui.widgets.note_item import NoteItem

log = logging.getLogger(__name__)

# Errors about a note stay on screen long enough to read what was kept and what to do next.
ERROR_SECONDS = 15


class CaseDetailPane(NoteDrafts, Vertical):
    """The case detail: customer, fields, notes, activities and stage history, and the note editor when open.

    The board chooses the case it shows (`show_case`) and asks it before
    anything that would drop unsaved note text (`resolve_unsaved`). The editor
    stays bound to the case it was opened on; the pane shows another case only
    after the editor is closed. Typed text is also kept as a draft (NoteDrafts).
    """

    # The pane's styles live in a file of their own and are read when the pane is first
    # opened, not with the board: the board starts faster without them. They are not
    # scoped to the pane, because they also hide the board behind a full-screen pane.
    DEFAULT_CSS = (Path(__file__).parent.parent / "tcss" / "pane.tcss").read_text(encoding="utf-8")
    SCOPED_CSS = False

    class EditorClosed(Message):
        """The note editor was closed (saved or not), so the focus can go back to the board."""

    def __init__(self, user: StaffRef, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.user = user
        self.clock = clock
        self.detail: CaseDetail | None = None
        self.case_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", markup=False, id="detail-heading")
        yield Static(texts.DETAIL_HINT, markup=False, id="detail-hint")
        yield Static("", markup=False, id="detail-draft")
        with VerticalScroll(id="detail-body"):
            yield Static("", markup=False, id="detail-customer", classes="detail-block")
            yield Static("", markup=False, id="detail-case", classes="detail-block")
            yield Static(texts.DETAIL_SECTION_NOTES, markup=False, classes="detail-section-title")
            yield Vertical(id="detail-notes")
            yield Static(texts.DETAIL_SECTION_ACTIVITIES, markup=False, classes="detail-section-title")
            yield Static("", markup=False, id="detail-activities", classes="detail-block")
            yield Static(texts.DETAIL_SECTION_HISTORY, markup=False, classes="detail-section-title")
            yield Static("", markup=False, id="detail-history", classes="detail-block")

    @property
    def editor(self) -> NoteEditor | None:
        """The open note editor, or None."""
        return next(iter(self.query(NoteEditor).results(NoteEditor)), None)

    @property
    def has_unsaved_text(self) -> bool:
        """Whether the editor contains text that closing it would lose."""
        editor = self.editor
        return editor is not None and editor.has_unsaved_text

    @property
    def version(self) -> int | None:
        """The version of the case as shown, or None when no case is shown."""
        return self.detail.version if self.detail else None

    def focused_note(self) -> NoteView | None:
        """Return the note whose item has the focus, or None."""
        focused = self.screen.focused
        if not isinstance(focused, NoteItem) or self.detail is None:
            return None
        return next((note for note in self.detail.notes if note.id == focused.note_id), None)

    def focus_first_note(self) -> None:
        """Put the focus on the newest note, or on the body when there is none.

        The focus moves at once, not after the next refresh, because the pane may be
        about to hide the board. A hidden column that still had the focus would hand it
        to a sibling column, and the pane would then follow that column's card.
        """
        items = list(self.query(NoteItem).results(NoteItem))
        target = items[0] if items else self.query_one("#detail-body")
        self.screen.set_focus(target)

    async def show_case(self, case_id: int) -> None:
        """Load and show the case `case_id`; the caller has closed any editor of another case."""
        self.case_id = case_id
        await self.reload()

    async def reload(self) -> None:
        """Load the shown case again and redraw it, keeping the editor and the focused note."""
        if self.case_id is None:
            return
        try:
            self.detail = load_case_detail(self.case_id)
        except NotFoundError:
            log.info("case %s shown in the detail pane no longer exists", self.case_id)
            self.detail = None
        await self._draw()

    async def _draw(self) -> None:
        detail = self.detail
        today = self.clock.today()
        heading = self.query_one("#detail-heading", Static)
        if detail is None:
            heading.update(texts.DETAIL_CASE_GONE)
            for block in self.query(".detail-block").results(Static):
                block.update("")
            await self.query_one("#detail-notes").remove_children()
            return

        heading.update(detail_render.heading_text(detail, today))
        self._show_draft_notice(detail.id)
        self.query_one("#detail-customer", Static).update(detail_render.customer_text(detail.customer))
        fields = FIELDS_BY_LINE[detail.line]
        self.query_one("#detail-case", Static).update(detail_render.case_text(detail, fields, today))
        activities = detail_render.activities_text(detail.activities, today) or texts.DETAIL_NO_ACTIVITIES
        self.query_one("#detail-activities", Static).update(activities)
        self.query_one("#detail-history", Static).update(detail_render.history_text(detail.history, today))
        await self._render_notes(detail, today)

    async def _render_notes(self, detail: CaseDetail, today) -> None:
        focused = self.screen.focused
        focused_id = focused.note_id if isinstance(focused, NoteItem) else None
        if focused_id is not None:
            # Removing the focused note would hand the focus to a nearby widget, such as a board
            # column, whose card the pane would then follow. The pane's body keeps it meanwhile.
            self.screen.set_focus(self.query_one("#detail-body"))

        container = self.query_one("#detail-notes", Vertical)
        await container.remove_children()
        if detail.notes:
            items = [NoteItem(note.id, detail_render.note_text(note, today)) for note in detail.notes]
        else:
            items = [Static(texts.DETAIL_NO_NOTES, markup=False, classes="detail-empty")]
        await container.mount_all(items)

        kept = next((item for item in items if isinstance(item, NoteItem) and item.note_id == focused_id), None)
        if kept is not None:
            self.screen.set_focus(kept)

    # The note editor.

    async def open_editor(self, note: NoteView | None) -> None:
        """Open the editor on a new note (None) or on `note`; an editor already open just gets the focus."""
        editor = self.editor
        if editor is not None:
            editor.focus_text()
            if editor.note_id != (note.id if note else None):
                self.notify(texts.NOTE_EDITOR_OPEN, severity="warning", markup=False)
            return
        if self.detail is None or self.case_id is None:
            return

        draft = self.own_draft(self.case_id)
        if draft is not None:
            editor = self.editor_from_draft(draft, self.detail)
            when = format_short_time(draft.saved_at.astimezone(JST))
            self.notify(texts.DRAFT_RESTORED.format(when=when), markup=False)
        elif note is None:
            editor = NoteEditor(self.case_id, self._new_heading(), id="note-editor")
        else:
            editor = NoteEditor(
                self.case_id, self._edit_heading(note), note_id=note.id, note_version=note.version, text=note.text,
                id="note-editor",
            )
        await self.mount(editor, before="#detail-body")
        self.add_class("-editing")
        self._show_draft_notice(self.case_id)

    async def close_editor(self) -> None:
        """Remove the editor, dropping whatever it holds; callers ask first (resolve_unsaved)."""
        editor = self.editor
        if editor is not None:
            self.drop_kept_draft(editor.case_id)
            focused = self.screen.focused
            if focused is not None and editor in focused.ancestors_with_self:
                # Removing the focused editor would hand the focus to a nearby widget, such as the last
                # column of the board, which would then become the highlighted card; the pane's body takes it.
                # Widget.focus() would only move it after the removal, so the screen moves it now.
                self.screen.set_focus(self.query_one("#detail-body"))
            await editor.remove()
        self.remove_class("-editing")
        if self.case_id is not None:
            self._show_draft_notice(self.case_id)

    async def save_editor(self) -> bool:
        """Save the editor's text as a new note or over the note it edits; return whether it was saved.

        On success the editor closes and the pane shows the note. On failure
        the editor stays open with the text as typed and says why; after a
        conflict it also shows the newer note, and saving again writes over it.
        """
        editor = self.editor
        if editor is None:
            return True
        today = self.clock.today()
        try:
            if editor.note_id is None:
                note = add_note(editor.case_id, editor.text, self.user, self.clock)
                message = texts.NOTE_SAVED.format(stamp=note.stamp(today))
            else:
                note = edit_note(
                    editor.note_id, editor.text, expected_version=editor.note_version or 0, user=self.user,
                    clock=self.clock,
                )
                message = texts.NOTE_UPDATED.format(stamp=note.stamp(today))
        except ValidationError as error:
            self._editor_failed(editor, error.message)
            return False
        except ConflictError as error:
            await self._after_conflict(editor, error)
            return False
        except AnkenError as error:
            # Not found or the database was busy: nothing was written, and the text stays to be saved later.
            self._editor_failed(editor, error.message)
            self.notify(error.message, title=error.title, severity="error", markup=False, timeout=ERROR_SECONDS)
            return False

        self.draft_saved()
        await self.close_editor()
        await self.reload()
        self.notify(message, markup=False)
        return True

    async def resolve_unsaved(self, question: str) -> bool:
        """Make sure no typed text is lost before the editor would go; return whether to go on.

        A clean editor is closed. With unsaved text the user chooses: save
        (go on only if the save worked), discard, or keep editing (stay).
        Must run in a worker, because it waits for the question's answer.
        """
        editor = self.editor
        if editor is None:
            return True
        if not editor.has_unsaved_text:
            await self.close_editor()
            return True

        choice = await self.app.push_screen_wait(UnsavedModal(question))
        if choice is UnsavedChoice.SAVE:
            return await self.save_editor()
        if choice is UnsavedChoice.DISCARD:
            log.info("unsaved note text on case %s discarded by staff %s", editor.case_id, self.user.id)
            await self.close_editor()
            return True
        editor.focus_text()
        return False

    def _editor_failed(self, editor: NoteEditor, message: str) -> None:
        editor.show_error(message)
        editor.focus_text()

    async def _after_conflict(self, editor: NoteEditor, error: ConflictError) -> None:
        """Show the newer note and let the next save go over it, keeping the text typed."""
        self.notify(error.message, title=error.title, severity="error", markup=False, timeout=ERROR_SECONDS)
        await self.reload()
        newer = next((note for note in self.detail.notes if note.id == editor.note_id), None) if self.detail else None
        if newer is not None:
            editor.rebase(newer.version, newer.text, self._edit_heading(newer))
        self._editor_failed(editor, error.message)

    def _show_draft_notice(self, case_id: int) -> None:
        """Say under the hint that the case has a draft of this user, while no editor is open."""
        draft = None if self.editor is not None else self.own_draft(case_id)
        notice = self.query_one("#detail-draft", Static)
        if draft is not None:
            when = format_short_time(draft.saved_at.astimezone(JST))
            notice.update(texts.DRAFT_WAITING.format(when=when))
        notice.set_class(draft is not None, "-shown")

    def _new_heading(self) -> str:
        today = self.clock.today()
        return texts.NOTE_EDITOR_NEW.format(stamp=format_note_stamp(today, self.user.name, today))

    def _edit_heading(self, note: NoteView) -> str:
        return texts.NOTE_EDITOR_EDIT.format(stamp=note.stamp(self.clock.today()))

    @on(NoteEditor.SaveRequested)
    async def _save_requested(self, event: NoteEditor.SaveRequested) -> None:
        event.stop()
        if await self.save_editor():
            self.post_message(self.EditorClosed())

    @on(NoteEditor.CancelRequested)
    def _cancel_requested(self, event: NoteEditor.CancelRequested) -> None:
        event.stop()
        self._close_after_asking()

    @work(exclusive=True, group="detail-unsaved")
    async def _close_after_asking(self) -> None:
        if await self.resolve_unsaved(texts.UNSAVED_ON_CLOSE):
            self.post_message(self.EditorClosed())

    @on(NoteItem.EditRequested)
    async def _edit_requested(self, event: NoteItem.EditRequested) -> None:
        event.stop()
        note = next((note for note in self.detail.notes if note.id == event.note_id), None) if self.detail else None
        if note is not None:
            await self.open_editor(note)

    @on(NoteItem.HistoryRequested)
    def _history_requested(self, event: NoteItem.HistoryRequested) -> None:
        event.stop()
        from anken_tui.screens.note_history import NoteHistoryModal

        note = next((note for note in self.detail.notes if note.id == event.note_id), None) if self.detail else None
        if note is not None:
            self.app.push_screen(NoteHistoryModal(note, self.clock.today()))
