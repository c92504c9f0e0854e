"""Provides NoteItem: one note (詳細) in the case detail pane, which can take the focus to be edited."""

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from anken_tui import texts


class NoteItem(Static, can_focus=True):
    """A note's stamp and text; with the focus, ↑↓ move between notes and Enter or e asks to edit it.

    It never touches the database: it posts EditRequested or HistoryRequested
    with the note id, and the pane acts on them.
    """

    BINDINGS = [
        Binding("up,k", "step(-1)", show=False, id="note-up"),
        Binding("down,j", "step(1)", show=False, id="note-down"),
        Binding("enter,e", "request_edit", texts.KEY_EDIT_NOTE, key_display="e", id="note-edit"),
        Binding("r", "request_history", texts.KEY_NOTE_HISTORY, tooltip=texts.HELP_NOTE_HISTORY, id="note-history"),
    ]

    class EditRequested(Message):
        """The user asked to edit the note `note_id`."""

        def __init__(self, item: "NoteItem") -> None:
            super().__init__()
            self.item = item
            self.note_id = item.note_id

        @property
        def control(self) -> "NoteItem":
            return self.item

    class HistoryRequested(Message):
        """The user asked to see the earlier wordings of the note `note_id`."""

        def __init__(self, item: "NoteItem") -> None:
            super().__init__()
            self.item = item
            self.note_id = item.note_id

        @property
        def control(self) -> "NoteItem":
            return self.item

    def __init__(self, note_id: int, content: Text) -> None:
        super().__init__(content, markup=False, classes="note-item")
        self.note_id = note_id

    def action_step(self, step: int) -> None:
        """Focus the previous or next note in the list; the first and last notes stay put."""
        siblings = [item for item in self.parent.children if isinstance(item, NoteItem)] if self.parent else []
        index = siblings.index(self) + step
        if 0 <= index < len(siblings):
            siblings[index].focus()

    def action_request_edit(self) -> None:
        self.post_message(self.EditRequested(self))

    def action_request_history(self) -> None:
        self.post_message(self.HistoryRequested(self))
