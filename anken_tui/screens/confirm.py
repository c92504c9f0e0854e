"""Provides ConfirmModal: a yes/no question that always returns an answer."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from anken_tui import texts


class ConfirmModal(ModalScreen[bool]):
    """Ask a yes/no question; yes returns True, and no or Escape returns False.

    | Key | Action |
    | :- | :- |
    | enter | Press the focused button. |
    | y | Answer yes. |
    | n, escape | Answer no. |
    | left, right | Move between the buttons. |
    """

    CSS_PATH = "../tcss/dialogs.tcss"

    BINDINGS = [
        Binding("escape,n", "answer(False)", texts.CONFIRM_NO, show=False, id="confirm-no"),
        Binding("y", "answer(True)", texts.CONFIRM_YES, show=False, id="confirm-yes"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, message: str, yes_label: str, no_label: str, *, focus_yes: bool = True) -> None:
        """Build the question; `focus_yes=False` puts the focus on the safe answer, no."""
        super().__init__()
        self._message = message
        self._yes_label = yes_label
        self._no_label = no_label
        self._focus_yes = focus_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(self._message, markup=False, id="confirm-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes_label, variant="primary", id="confirm-yes")
                yield Button(self._no_label, id="confirm-no")
            yield Static(texts.DIALOG_HINT_CONFIRM, markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self._focus_yes else "#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
