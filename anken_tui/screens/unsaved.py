"""Provides UnsavedModal: the question asked before unsaved note text would be lost (save, discard or keep editing)."""

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from anken_tui import texts


class UnsavedChoice(StrEnum):
    """What to do with unsaved text; to keep editing, the dialog returns None, as Escape does."""

    SAVE = "save"
    DISCARD = "discard"


class UnsavedModal(ModalScreen[UnsavedChoice | None]):
    """Ask whether to save or discard the text typed, or go back to it; returns the choice, or None to keep editing.

    The focus starts on 編集に戻る, so a stray Enter loses nothing.

    | Key | Action |
    | :- | :- |
    | s | Save. |
    | d | Discard the text. |
    | escape | Go back to editing. |
    | enter | Press the focused button. |
    | left, right | Move between the buttons. |
    """

    # The dialog frame is shared with the other dialogs of the detail pane, in detail.tcss.
    CSS_PATH = ["../tcss/dialogs.tcss", "../tcss/detail.tcss"]

    BINDINGS = [
        Binding("s", "answer('save')", texts.UNSAVED_SAVE, show=False, id="unsaved-save"),
        Binding("d", "answer('discard')", texts.UNSAVED_DISCARD, show=False, id="unsaved-discard"),
        Binding("escape", "keep_editing", texts.UNSAVED_KEEP, show=False, id="unsaved-keep"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self._message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unsaved-dialog"):
            yield Static(self._message, markup=False, id="unsaved-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.UNSAVED_SAVE, variant="primary", id="unsaved-save")
                yield Button(texts.UNSAVED_DISCARD, variant="error", id="unsaved-discard")
                yield Button(texts.UNSAVED_KEEP, id="unsaved-keep")
            yield Static(texts.DIALOG_HINT_UNSAVED, markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#unsaved-keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "unsaved-save":
            self.dismiss(UnsavedChoice.SAVE)
        elif event.button.id == "unsaved-discard":
            self.dismiss(UnsavedChoice.DISCARD)
        else:
            self.dismiss(None)

    def action_answer(self, choice: str) -> None:
        self.dismiss(UnsavedChoice(choice))

    def action_keep_editing(self) -> None:
        self.dismiss(None)
