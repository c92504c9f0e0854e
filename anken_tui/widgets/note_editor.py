"""Provides NoteEditor: the text area where a note (詳細) is written or edited, and the requests it posts."""

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from anken_tui import texts
from anken_tui.widgets.wide_space import is_wide_space

# The id of the editor's text area, which the pane checks to ignore changes in other text areas.
NOTE_TEXT_ID = "note-editor-text"


class NoteTextArea(TextArea):
    """A TextArea that also types the full-width space (U+3000) and other wide spaces (see is_wide_space).

    They are inserted at the cursor, in place of any selection, like other characters.
    """

    # Enter is a line break here, and Textual 8.2.8 finds no character for the key name "slash", so without
    # these the footer would offer the board's Enter and / keys while the user types.
    TEXT_KEYS = frozenset({"enter", "slash"})

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        consumed = super().check_consume_key(key, character) or is_wide_space(character)
        return consumed or (not self.read_only and key in self.TEXT_KEYS)

    async def _on_key(self, event: events.Key) -> None:
        if not self.read_only and is_wide_space(event.character):
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self.replace(event.character or "", start, end, maintain_selection_offset=False)
            return
        await super()._on_key(event)


class NoteEditor(Vertical):
    """The editor of one note: new when `note_id` is None, else an existing note at `note_version`.

    It never saves: Ctrl+S posts SaveRequested and Escape posts CancelRequested,
    and the case detail pane decides. `original_text` is the note's saved text,
    so `has_unsaved_text` is True when closing would lose typed text. The text
    area starts with `draft` when one is given (a draft kept from an earlier
    session), else with the saved text.

    | Key | Action |
    | :- | :- |
    | ctrl+s | Request a save. |
    | escape | Request to close; the pane asks first when there is unsaved text. |
    | tab | Move to the buttons. |
    """

    BINDINGS = [
        Binding("ctrl+s", "request_save", texts.KEY_SAVE_NOTE, id="note-save"),
        Binding("escape", "request_cancel", texts.KEY_CLOSE_EDITOR, key_display="Esc", id="note-cancel"),
    ]

    class SaveRequested(Message):
        """The user asked to save the text of the editor."""

        def __init__(self, editor: "NoteEditor") -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> "NoteEditor":
            return self.editor

    class CancelRequested(Message):
        """The user asked to close the editor."""

        def __init__(self, editor: "NoteEditor") -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> "NoteEditor":
            return self.editor

    def __init__(
        self,
        case_id: int,
        heading: str,
        *,
        note_id: int | None = None,
        note_version: int | None = None,
        text: str = "",
        draft: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.case_id = case_id
        self.note_id = note_id
        self.note_version = note_version
        self.original_text = text
        self._start_text = text if draft is None else draft
        self._heading = heading

    def compose(self) -> ComposeResult:
        yield Static(self._heading, markup=False, id="note-editor-heading")
        # Compact: the default border is drawn with block characters of ambiguous width, two cells wide in some
        # Japanese terminals.
        yield NoteTextArea(self._start_text, soft_wrap=True, show_line_numbers=False, compact=True, id=NOTE_TEXT_ID)
        yield Static("", markup=False, id="note-editor-error")
        with Horizontal(id="note-editor-buttons"):
            yield Button(texts.NOTE_EDITOR_SAVE, variant="primary", compact=True, id="note-editor-save")
            yield Button(texts.NOTE_EDITOR_CANCEL, compact=True, id="note-editor-cancel")

    def on_mount(self) -> None:
        # An existing note is usually added to, so the cursor starts at its end.
        self.text_area.move_cursor(self.text_area.document.end)
        self.focus_text()

    @property
    def text_area(self) -> NoteTextArea:
        return self.query_one(f"#{NOTE_TEXT_ID}", NoteTextArea)

    @property
    def text(self) -> str:
        """The text as typed, exactly."""
        return self.text_area.text

    @property
    def is_new(self) -> bool:
        return self.note_id is None

    @property
    def has_unsaved_text(self) -> bool:
        """Whether closing now would lose typed text: a new note with any visible text, or a changed note."""
        if self.is_new:
            return bool(self.text.strip())
        return self.text != self.original_text

    def focus_text(self) -> None:
        """Put the focus in the text area, where the cursor was."""
        self.text_area.focus()

    def show_error(self, message: str) -> None:
        """Show `message` under the text; an empty message hides the line."""
        error = self.query_one("#note-editor-error", Static)
        error.update(message)
        error.set_class(bool(message), "-shown")

    def rebase(self, note_version: int, original_text: str, heading: str) -> None:
        """Make the next save go over the note's newer version, keeping the text typed.

        Called after a conflict: the user has seen the newer note and saves again on purpose.
        """
        self.note_version = note_version
        self.original_text = original_text
        self.query_one("#note-editor-heading", Static).update(heading)

    def action_request_save(self) -> None:
        self.post_message(self.SaveRequested(self))

    def action_request_cancel(self) -> None:
        self.post_message(self.CancelRequested(self))

    @on(Button.Pressed, "#note-editor-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_request_save()

    @on(Button.Pressed, "#note-editor-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_request_cancel()
