"""Provides EndCaseModal: choosing the outcome (結果) and reason that end a case at 案件完了."""

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from anken_tui import texts
from anken_tui.domain.outcomes import Outcome

FULL_WIDTH_SPACE = "\u3000"


@dataclass(frozen=True)
class EndCaseChoice:
    """The outcome the user chose and the reason they typed (stripped, may be empty for 成約)."""

    outcome: Outcome
    reason: str


class EndCaseModal(ModalScreen[EndCaseChoice | None]):
    """Ask how a case ended; returns the choice, or None on Escape or やめる.

    Every outcome except 成約 needs a reason. Until one is typed the dialog stays
    open, keeps what was entered and names the missing field.

    | Key | Action |
    | :- | :- |
    | up, down, enter | Choose an outcome in the list. |
    | enter (in 理由) | Save. |
    | escape | Close without ending the case. |
    """

    CSS_PATH = "../tcss/dialogs.tcss"

    BINDINGS = [
        Binding("escape", "cancel", texts.END_CASE_CANCEL, show=False, id="end-case-cancel"),
        Binding("ideographic_space", "type_full_width_space", show=False, priority=True, id="end-case-wide-space"),
    ]

    def __init__(
        self, case_title: str, outcomes: tuple[Outcome, ...], preselect: Outcome | None, reason: str = ""
    ) -> None:
        """Build the dialog; `reason` fills the reason field, such as the text of a save that failed."""
        super().__init__()
        self._case_title = case_title
        self._outcomes = tuple(outcomes)
        self._preselect = preselect if preselect in self._outcomes else None
        self._reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="end-case-dialog"):
            title = texts.END_CASE_TITLE.format(title=self._case_title)
            yield Static(title, markup=False, classes="dialog-title")
            yield Label(texts.END_CASE_OUTCOME, classes="field-label")
            # Buttons are in the order of `_outcomes`, so the pressed index names the outcome.
            buttons = [RadioButton(outcome.label, value=outcome is self._preselect) for outcome in self._outcomes]
            yield RadioSet(*buttons, id="end-case-outcome")
            yield Label(self._reason_label(self._preselect), id="end-case-reason-label", classes="field-label")
            yield Input(self._reason, placeholder=texts.END_CASE_REASON_PLACEHOLDER, id="end-case-reason")
            yield Static("", markup=False, id="end-case-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.END_CASE_SAVE, variant="primary", id="end-case-save")
                yield Button(texts.END_CASE_CANCEL, id="end-case-cancel")
            yield Static(texts.DIALOG_HINT_END_CASE, markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        if self._preselect is None:
            self.query_one(RadioSet).focus()
        else:
            self.query_one("#end-case-reason", Input).focus()

    def action_type_full_width_space(self) -> None:
        # Textual's Input skips U+3000, the space a Japanese IME types, because
        # str.isprintable() is False for it. A paste goes through the field's
        # queue, so the space lands after the keys typed before it.
        if isinstance(self.focused, Input):
            self.focused.post_message(events.Paste(FULL_WIDTH_SPACE))

    @staticmethod
    def _reason_label(outcome: Outcome | None) -> str:
        if outcome is None or outcome.needs_reason:
            return texts.END_CASE_REASON_REQUIRED
        return texts.END_CASE_REASON_OPTIONAL

    def _chosen(self) -> Outcome | None:
        index = self.query_one(RadioSet).pressed_index
        return self._outcomes[index] if index >= 0 else None

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.query_one("#end-case-reason-label", Label).update(self._reason_label(self._chosen()))
        self._show_error(None, "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "end-case-save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _save(self) -> None:
        outcome = self._chosen()
        reason = self.query_one("#end-case-reason", Input).value.strip()

        if outcome is None:
            self._show_error(texts.END_CASE_OUTCOME, texts.OUTCOME_REQUIRED)
            self.query_one(RadioSet).focus()
            return
        if outcome.needs_reason and not reason:
            self._show_error(texts.END_CASE_REASON, texts.REASON_REQUIRED.format(outcome=outcome.label))
            self.query_one("#end-case-reason", Input).focus()
            return

        self.dismiss(EndCaseChoice(outcome=outcome, reason=reason))

    def _show_error(self, field: str | None, message: str) -> None:
        """Show `message` naming `field` under the form, or clear it when `field` is None."""
        error = self.query_one("#end-case-error", Static)
        error.update(texts.FIELD_ERROR.format(field=field, message=message) if field else "")
        error.set_class(field is not None, "-shown")
        self.query_one("#end-case-dialog").set_class(field == texts.END_CASE_REASON, "-reason-missing")
