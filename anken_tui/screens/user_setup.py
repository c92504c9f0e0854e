"""Provides UserSetupModal: the first-run dialog that sets who is using anken-tui (入力者)."""

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.errors import AnkenError, ValidationError
from anken_tui.services.staff import ROLES, list_staff, register_staff
from anken_tui.services.summaries import StaffRef

FULL_WIDTH_SPACE = "\u3000"

# register_staff names the invalid field with the same words as these labels.
_FIELD_WIDGETS = {texts.USER_SETUP_NAME: "#user-setup-name", texts.USER_SETUP_ROLE: "#user-setup-role"}


def staff_label(staff: StaffRef) -> Text:
    """Return how one member of staff is listed: name and role, never read as markup."""
    role = texts.ROLE_LABELS.get(staff.role, staff.role)
    return Text(texts.STAFF_OPTION.format(name=staff.name, role=role))


class UserSetupModal(ModalScreen[StaffRef]):
    """Set the current user; returns a StaffRef and cannot be closed without one.

    | Key | Action |
    | :- | :- |
    | enter (in the list) | Use the highlighted member of staff. |
    | enter (in 名前) | Register the typed name with the chosen role. |
    | escape | Explain that a user is required; the dialog stays open. |
    """

    CSS_PATH = "../tcss/dialogs.tcss"

    BINDINGS = [
        Binding("escape", "explain", show=False, id="user-setup-escape"),
        Binding("ideographic_space", "type_full_width_space", show=False, priority=True, id="user-setup-wide-space"),
    ]

    def __init__(self, clock: Clock, suggested_name: str | None) -> None:
        super().__init__()
        self._clock = clock
        self._suggested_name = (suggested_name or "").strip()
        self._staff: list[StaffRef] = []

    def compose(self) -> ComposeResult:
        self._staff = list_staff(active_only=True)

        with Vertical(classes="dialog", id="user-setup-dialog"):
            yield Static(texts.USER_SETUP_TITLE, markup=False, classes="dialog-title")
            yield Static(texts.USER_SETUP_EXPLAIN, markup=False, id="user-setup-explain")
            if self._staff:
                yield Label(texts.USER_SETUP_PICK, classes="section-label")
                # Options are in the order of `_staff`, so a pick never reads a label back.
                yield OptionList(*[Option(staff_label(staff)) for staff in self._staff], id="user-setup-staff")
            yield Label(texts.USER_SETUP_NEW, classes="section-label")
            with Horizontal(classes="field-row", id="user-setup-new"):
                yield Label(texts.USER_SETUP_NAME, classes="field-label")
                yield Input(placeholder=texts.USER_SETUP_NAME_PLACEHOLDER, id="user-setup-name", compact=True)
                yield Label(texts.USER_SETUP_ROLE, classes="field-label")
                roles = [RadioButton(texts.ROLE_LABELS[role]) for role in ROLES]
                yield RadioSet(*roles, id="user-setup-role", compact=True)
            yield Static("", markup=False, id="user-setup-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.USER_SETUP_REGISTER, variant="primary", id="user-setup-register")
            yield Static(texts.DIALOG_HINT_USER_SETUP, markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        names = [staff.name for staff in self._staff]
        if self._suggested_name in names:
            staff_list = self.query_one("#user-setup-staff", OptionList)
            staff_list.highlighted = names.index(self._suggested_name)
            staff_list.focus()
            return

        name_input = self.query_one("#user-setup-name", Input)
        name_input.value = self._suggested_name
        if self._staff and not self._suggested_name:
            self.query_one("#user-setup-staff", OptionList).focus()
        else:
            name_input.focus()

    def action_type_full_width_space(self) -> None:
        # Textual's Input skips U+3000, the space a Japanese IME types, because
        # str.isprintable() is False for it. A paste goes through the field's
        # queue, so the space lands after the keys typed before it.
        if isinstance(self.focused, Input):
            self.focused.post_message(events.Paste(FULL_WIDTH_SPACE))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._staff[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._register()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._register()

    def action_explain(self) -> None:
        self._show_error(texts.USER_SETUP_REQUIRED)

    def _register(self) -> None:
        name = self.query_one("#user-setup-name", Input).value
        index = self.query_one("#user-setup-role", RadioSet).pressed_index
        role = ROLES[index] if index >= 0 else ""

        try:
            staff = register_staff(name, role, self._clock)
        except ValidationError as error:
            self._show_error(texts.FIELD_ERROR.format(field=error.field, message=error.message))
            selector = _FIELD_WIDGETS.get(error.field)
            if selector is not None:
                self.query_one(selector).focus()
            return
        except AnkenError as error:
            self._show_error(error.message)
            return

        self.dismiss(staff)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#user-setup-error", Static)
        error.update(message)
        error.set_class(bool(message), "-shown")
