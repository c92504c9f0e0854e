"""Provides NoteHistoryModal: the earlier wordings of one note (詳細), kept each time someone edited it."""

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from anken_tui import texts
from anken_tui.services.notes import note_history
from anken_tui.services.detail_records import NoteView
from anken_tui.widgets.detail_render import moment_text


class NoteHistoryModal(ModalScreen[None]):
    """Show a note's earlier wordings, oldest first, each with who edited it and when; Escape closes.

    | Key | Action |
    | :- | :- |
    | escape, q | Close. |
    | up, down, pageup, pagedown | Scroll. |
    """

    CSS_PATH = "../tcss/detail.tcss"

    BINDINGS = [Binding("escape,q", "close", texts.KEY_CLOSE, show=False, id="note-history-close")]

    def __init__(self, note: NoteView, today: date) -> None:
        super().__init__()
        self._note = note
        self._today = today

    def compose(self) -> ComposeResult:
        title = texts.NOTE_HISTORY_TITLE.format(stamp=self._note.stamp(self._today))
        with Vertical(classes="dialog", id="note-history-dialog"):
            yield Static(title, markup=False, classes="dialog-title")
            with VerticalScroll(id="note-history-body"):
                yield Static(self._history_text(), markup=False)
            yield Static(texts.DIALOG_HINT_CLOSE, markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note-history-body").focus()

    def _history_text(self) -> Text:
        revisions = note_history(self._note.id)
        if not revisions:
            return Text(texts.NOTE_HISTORY_NONE)
        parts = []
        for revision in revisions:
            when = moment_text(revision.edited_at, self._today)
            head = texts.NOTE_HISTORY_ENTRY.format(when=when, who=revision.edited_by_name)
            parts.append(Text(head, style="bold"))
            parts.append(Text(revision.text + "\n"))
        return Text("\n").join(parts)

    def action_close(self) -> None:
        self.dismiss(None)
