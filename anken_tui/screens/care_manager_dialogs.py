"""Provides the dialogs for choosing a customer's care manager (ケアマネ) from the list and registering a new one."""

from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from anken_tui import texts
from anken_tui.errors import AnkenError, ValidationError
from anken_tui.screens.form_dialog import FormDialog
from anken_tui.services.customers import create_care_manager, create_care_office, list_care_managers, list_care_offices
from anken_tui.services.customer_records import CareManagerRef
from anken_tui.widgets.wide_space import WideInput

# Select values of the office choice that are not office ids.
NEW_OFFICE = -1
NO_OFFICE = -2


@dataclass(frozen=True)
class CareManagerChoice:
    """The care manager chosen for a customer; `care_manager_id` None means the customer has none."""

    care_manager_id: int | None


def manager_label(manager: CareManagerRef) -> Text:
    """Return how a care manager is listed: name, then the office, never read as markup."""
    office = f"  {manager.office_name}" if manager.office_name else ""
    return Text(texts.DETAIL_PERSON.format(name=manager.name) + office)


class CareManagerPickerModal(ModalScreen[CareManagerChoice | None]):
    """Choose a customer's care manager from the list, or none; returns the choice, or None on Escape.

    | Key | Action |
    | :- | :- |
    | (typing) | Search by name, フリガナ or office. |
    | down, enter (in the search) | Go to the list. |
    | enter (in the list) | Choose. |
    | ctrl+n | Register a care manager and choose them. |
    | escape | Close without changing anything. |
    """

    CSS_PATH = "../tcss/customers.tcss"

    BINDINGS = [
        Binding("escape", "cancel", texts.KEY_CLOSE, show=False, id="care-manager-pick-cancel"),
        Binding("ctrl+n", "new_care_manager", texts.KEY_NEW_CARE_MANAGER, show=False, id="care-manager-pick-new"),
    ]

    def __init__(self, customer_name: str, current_id: int | None) -> None:
        super().__init__()
        self._customer_name = customer_name
        self._current_id = current_id
        self._managers: list[CareManagerRef] = []

    def compose(self) -> ComposeResult:
        title = texts.CARE_MANAGER_PICK_TITLE.format(name=self._customer_name)
        with Vertical(classes="dialog", id="care-manager-pick-dialog"):
            yield Static(title, markup=False, classes="dialog-title")
            yield WideInput(placeholder=texts.CARE_MANAGERS_SEARCH_PLACEHOLDER, id="care-manager-pick-query",
                            compact=True)
            yield OptionList(id="care-manager-pick-list", compact=True)
            yield Static(texts.DIALOG_HINT_CARE_MANAGER_PICK, markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        self._search("")
        self.query_one("#care-manager-pick-query", Input).focus()

    def _search(self, query: str) -> None:
        self._managers = list_care_managers(query)
        options = self.query_one("#care-manager-pick-list", OptionList)
        options.clear_options()
        # The first option is "no care manager"; the others are in the order of `_managers`.
        options.add_options([Option(Text(texts.CARE_MANAGER_PICK_NONE))])
        options.add_options([Option(manager_label(manager)) for manager in self._managers])
        ids = [manager.id for manager in self._managers]
        options.highlighted = ids.index(self._current_id) + 1 if self._current_id in ids else 0

    @on(Input.Changed, "#care-manager-pick-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#care-manager-pick-query")
    def _query_submitted(self) -> None:
        self.query_one("#care-manager-pick-list", OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and isinstance(self.focused, Input):
            event.stop()
            self.query_one("#care-manager-pick-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#care-manager-pick-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        self.dismiss(CareManagerChoice(None if index == 0 else self._managers[index - 1].id))

    @work(exclusive=True, group="care-manager-pick-new")
    async def action_new_care_manager(self) -> None:
        created = await self.app.push_screen_wait(NewCareManagerModal())
        if created is not None:
            self.dismiss(CareManagerChoice(created.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NewCareManagerModal(FormDialog, ModalScreen[CareManagerRef | None]):
    """Register a care manager at an office chosen from the list, or at a new office; returns them, or None.

    | Key | Action |
    | :- | :- |
    | ctrl+s | Register. |
    | tab, shift+tab, enter | Move between fields. |
    | escape | Close without registering. |
    """

    FORM_ID = "new-care-manager"

    CSS_PATH = "../tcss/customers.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", texts.NEW_CARE_MANAGER_SAVE, id="new-care-manager-save"),
        Binding("escape", "cancel", texts.NEW_CARE_MANAGER_CANCEL, show=False, id="new-care-manager-cancel"),
    ]

    ERROR_ROWS = {
        texts.FIELD_CARE_MANAGER_NAME: "#new-care-manager-name-row",
        texts.FIELD_CARE_MANAGER_FURIGANA: "#new-care-manager-furigana-row",
        texts.FIELD_CARE_OFFICE: "#new-care-manager-office-row",
        texts.FIELD_CARE_OFFICE_NAME: "#new-care-manager-office-name-row",
        texts.FIELD_PHONE: "#new-care-manager-phone-row",
    }

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-care-manager-dialog"):
            yield Static(texts.NEW_CARE_MANAGER_TITLE, markup=False, classes="dialog-title")
            yield self._row(texts.FIELD_CARE_MANAGER_NAME, "name", texts.NEW_CARE_MANAGER_NAME_PLACEHOLDER)
            yield self._row(texts.FIELD_CARE_MANAGER_FURIGANA, "furigana", texts.NEW_CARE_MANAGER_FURIGANA_PLACEHOLDER)
            with Horizontal(classes="field-row", id="new-care-manager-office-row"):
                yield Label(texts.FIELD_CARE_OFFICE, classes="field-label")
                yield Select(self._office_options(), value=NO_OFFICE, allow_blank=False,
                             id="new-care-manager-office", compact=True)
            yield self._row(texts.FIELD_CARE_OFFICE_NAME, "office-name", texts.NEW_CARE_MANAGER_OFFICE_NAME_PLACEHOLDER)
            yield self._row(texts.FIELD_PHONE, "phone", texts.NEW_CARE_MANAGER_PHONE_PLACEHOLDER)
            yield Static("", markup=False, id="new-care-manager-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.NEW_CARE_MANAGER_SAVE, variant="primary", id="new-care-manager-save")
                yield Button(texts.NEW_CARE_MANAGER_CANCEL, id="new-care-manager-cancel")
            yield Static(texts.DIALOG_HINT_NEW_CARE_MANAGER, markup=False, classes="dialog-hint")

    @staticmethod
    def _row(label: str, name: str, placeholder: str) -> Horizontal:
        field = WideInput(placeholder=placeholder, id=f"new-care-manager-{name}", compact=True)
        return Horizontal(Label(label, classes="field-label"), field, classes="field-row", id=f"new-care-manager-{name}-row")

    @staticmethod
    def _office_options() -> list[tuple[str | Text, int]]:
        offices = [(Text(office.name), office.id) for office in list_care_offices()]
        return [(texts.NEW_CARE_MANAGER_OFFICE_NONE, NO_OFFICE), *offices, (texts.NEW_CARE_MANAGER_OFFICE_NEW, NEW_OFFICE)]

    def on_mount(self) -> None:
        self.query_one("#new-care-manager-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        self._clear_error()
        office_select = self.query_one("#new-care-manager-office", Select)
        try:
            office_id = office_select.value
            if office_id == NEW_OFFICE:
                office = create_care_office(self._value("office-name"))
                # The office now exists, so a retry after an error below picks it instead of registering it again.
                office_select.set_options(self._office_options())
                office_select.value = office.id
                office_id = office.id
            manager = create_care_manager(
                self._value("name"), self._value("furigana"), None if office_id == NO_OFFICE else office_id,
                self._value("phone"),
            )
        except ValidationError as error:
            self._show_error(error.field, error.message)
            return
        except AnkenError as error:
            self._show_error(None, error.message)
            return
        self.notify(texts.CARE_MANAGER_CREATED.format(name=manager.name), markup=False)
        self.dismiss(manager)

    def _value(self, name: str) -> str:
        return self.query_one(f"#new-care-manager-{name}", Input).value

    def action_cancel(self) -> None:
        self.dismiss(None)

