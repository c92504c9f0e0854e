"""Provides NewCaseModal: the new case form (案件登録) for one business line."""

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Select, Static
from textual.widgets.option_list import Option

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.new_case import (
    FIELD_CUSTOMER,
    FIELD_FURIGANA,
    FIELD_KIND,
    FIELD_NAME,
    FIELD_TITLE,
    NewCaseInput,
)
from anken_tui.errors import AnkenError, ValidationError
from anken_tui.screens.confirm import ConfirmModal
from anken_tui.screens.form_dialog import FormDialog
from anken_tui.screens.user_setup import staff_label
from anken_tui.services.cases import create_case
from anken_tui.services.customers import list_care_managers, search_customers
from anken_tui.services.staff import list_staff
from anken_tui.services.customer_records import CareManagerRef, CustomerRef
from anken_tui.services.summaries import CaseSummary, StaffRef

FULL_WIDTH_SPACE = "\u3000"

# The widget that each field named by a ValidationError focuses.
_FIELD_WIDGETS = {
    FIELD_CUSTOMER: "#new-case-search",
    FIELD_NAME: "#new-case-name",
    FIELD_FURIGANA: "#new-case-furigana",
    FIELD_TITLE: "#new-case-title",
    FIELD_KIND: "#new-case-kind",
    texts.NEW_CASE_OWNER: "#new-case-owner",
}

_TEXT_INPUTS = ("#new-case-search", "#new-case-name", "#new-case-furigana", "#new-case-title")

# Radio buttons of the customer choice, in this order.
_EXISTING, _NEW = 0, 1
_KINDS = tuple(SalesKind)


def care_manager_label(manager: CareManagerRef) -> Text:
    """Return the list label of a care manager: the name and, when known, the office (never markup)."""
    if manager.office_name:
        return Text(texts.NEW_CASE_CARE_MANAGER_OPTION.format(name=manager.name, office=manager.office_name))
    return Text(manager.name)


def customer_label(customer: CustomerRef) -> Text:
    """Return how a customer is shown in the form: name with 様, then フリガナ, never as markup."""
    return Text(texts.NEW_CASE_PICKED.format(name=customer.name, furigana=customer.furigana))


def _row(label: str, *widgets: Widget, row_id: str | None = None) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), *widgets, classes="field-row", id=row_id)


class NewCaseModal(FormDialog, ModalScreen[CaseSummary | None]):
    """Register a case on one board; returns the new case, or None when closed without saving.

    | Key | Action |
    | :- | :- |
    | ctrl+s | Save (登録). |
    | tab, shift+tab | Move between fields. |
    | enter (in 検索) | Go to the list of matching customers; enter there picks one. |
    | escape | Close; asks first when something was typed. |
    """

    FORM_ID = "new-case"

    CSS_PATH = "../tcss/dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", texts.NEW_CASE_SAVE, id="new-case-save"),
        Binding("escape", "cancel", texts.NEW_CASE_CANCEL, show=False, id="new-case-cancel"),
        Binding("ideographic_space", "type_full_width_space", show=False, priority=True, id="new-case-wide-space"),
    ]

    def __init__(self, line: Line, user: StaffRef, clock: Clock) -> None:
        super().__init__()
        self._line = line
        self._user = user
        self._clock = clock
        self._matches: list[CustomerRef] = []
        self._picked: CustomerRef | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-case-dialog"):
            title = texts.NEW_CASE_TITLE.format(line=self._line.label)
            yield Static(title, markup=False, classes="dialog-title")
            with VerticalScroll(id="new-case-form"):
                yield _row(texts.NEW_CASE_LINE, Static(self._line.label, markup=False, id="new-case-line"))
                yield from self._compose_customer()
                title_input = Input(placeholder=texts.NEW_CASE_CASE_TITLE_PLACEHOLDER, id="new-case-title", compact=True)
                yield _row(texts.NEW_CASE_CASE_TITLE, title_input)
                if self._line is Line.SALES:
                    kinds = RadioSet(*[RadioButton(kind.label) for kind in _KINDS], id="new-case-kind", compact=True)
                    yield _row(texts.NEW_CASE_KIND, kinds)
                yield _row(texts.NEW_CASE_OWNER, self._owner_select())
                # Only a new customer is given a care manager here; see _show_customer_choice.
                yield _row(texts.NEW_CASE_CARE_MANAGER, self._care_manager_select(), row_id="new-case-care-manager-row")
            yield Static("", markup=False, id="new-case-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.NEW_CASE_SAVE, variant="primary", id="new-case-save")
                yield Button(texts.NEW_CASE_CANCEL, id="new-case-cancel")
            yield Static(texts.DIALOG_HINT_NEW_CASE, markup=False, classes="dialog-hint")

    def _compose_customer(self) -> ComposeResult:
        choice = RadioSet(
            RadioButton(texts.NEW_CASE_CUSTOMER_EXISTING, value=True),
            RadioButton(texts.NEW_CASE_CUSTOMER_NEW),
            id="new-case-customer-choice",
            compact=True,
        )
        yield _row(texts.NEW_CASE_CUSTOMER, choice)

        with Vertical(id="new-case-existing"):
            search = Input(placeholder=texts.NEW_CASE_SEARCH_PLACEHOLDER, id="new-case-search", compact=True)
            yield _row(texts.NEW_CASE_SEARCH, search)
            yield OptionList(id="new-case-matches", compact=True)
            yield Static(texts.NEW_CASE_NO_MATCH, markup=False, id="new-case-no-match")
            yield Static(texts.NEW_CASE_NOT_PICKED, markup=False, id="new-case-picked")

        with Vertical(id="new-case-new"):
            name = Input(placeholder=texts.NEW_CASE_NAME_PLACEHOLDER, id="new-case-name", compact=True)
            yield _row(texts.NEW_CASE_NAME, name)
            furigana = Input(placeholder=texts.NEW_CASE_FURIGANA_PLACEHOLDER, id="new-case-furigana", compact=True)
            yield _row(texts.NEW_CASE_FURIGANA, furigana)

    def _care_manager_select(self) -> Select[int]:
        options = [(care_manager_label(manager), manager.id) for manager in list_care_managers()]
        return Select(
            options, prompt=texts.NEW_CASE_CARE_MANAGER_NONE, allow_blank=True, id="new-case-care-manager", compact=True
        )

    def _owner_select(self) -> Select[int]:
        staff = list_staff(active_only=True)
        if all(member.id != self._user.id for member in staff):
            staff.insert(0, self._user)
        options = [(staff_label(member), member.id) for member in staff]
        return Select(options, value=self._user.id, allow_blank=False, id="new-case-owner", compact=True)

    def on_mount(self) -> None:
        self._show_customer_choice(_EXISTING)
        self._search("")
        self.query_one("#new-case-search", Input).focus()

    def action_type_full_width_space(self) -> None:
        # Textual's Input skips U+3000, the space a Japanese IME types, because
        # str.isprintable() is False for it. A paste goes through the field's
        # queue, so the space lands after the keys typed before it.
        if isinstance(self.focused, Input):
            self.focused.post_message(events.Paste(FULL_WIDTH_SPACE))

    # Customer: pick an existing one or describe a new one.

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._clear_error()
        if event.radio_set.id == "new-case-customer-choice":
            self._show_customer_choice(event.index)

    def _show_customer_choice(self, choice: int) -> None:
        self.query_one("#new-case-existing").display = choice == _EXISTING
        self.query_one("#new-case-new").display = choice == _NEW
        self.query_one("#new-case-care-manager-row").display = choice == _NEW

    def _is_existing_customer(self) -> bool:
        return self.query_one("#new-case-customer-choice", RadioSet).pressed_index == _EXISTING

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "new-case-search":
            self._search(event.value)

    def _search(self, query: str) -> None:
        self._matches = search_customers(query)
        matches = self.query_one("#new-case-matches", OptionList)
        matches.clear_options()
        # Options are in the order of `_matches`, so a pick never reads a label back.
        matches.add_options([Option(customer_label(customer)) for customer in self._matches])
        matches.highlighted = 0 if self._matches else None
        matches.display = bool(self._matches)
        self.query_one("#new-case-no-match").display = bool(query.strip()) and not self._matches

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._picked = self._matches[event.option_index]
        self.query_one("#new-case-picked", Static).update(customer_label(self._picked))
        self.query_one("#new-case-picked").add_class("-picked")
        self._clear_error()
        self.query_one("#new-case-title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "new-case-search" and self._matches:
            self.query_one("#new-case-matches", OptionList).focus()
        else:
            self.focus_next()

    # Saving and closing.

    def action_save(self) -> None:
        self._clear_error()
        try:
            summary = create_case(self._form(), self._user, self._clock)
        except ValidationError as error:
            self._show_error(error.field, error.message)
            return
        except AnkenError as error:
            self._show_error(None, error.message)
            return
        self.dismiss(summary)

    def _form(self) -> NewCaseInput:
        """Gather the form; raise ValidationError when an existing customer was not picked."""
        existing = self._is_existing_customer()
        if existing and self._picked is None:
            raise ValidationError(FIELD_CUSTOMER, texts.NEW_CASE_PICK_CUSTOMER)

        kind = None
        if self._line is Line.SALES:
            index = self.query_one("#new-case-kind", RadioSet).pressed_index
            kind = _KINDS[index] if index >= 0 else None

        return NewCaseInput(
            line=self._line,
            title=self._value("#new-case-title"),
            sales_kind=kind,
            customer_id=self._picked.id if existing and self._picked else None,
            customer_name="" if existing else self._value("#new-case-name"),
            customer_furigana="" if existing else self._value("#new-case-furigana"),
            owner_id=self.query_one("#new-case-owner", Select).value,
            care_manager_id=None if existing else self._care_manager_id(),
        )

    def _care_manager_id(self) -> int | None:
        select = self.query_one("#new-case-care-manager", Select)
        return None if select.is_blank() else select.value

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def action_cancel(self) -> None:
        if self._picked is None and not any(self._value(selector).strip() for selector in _TEXT_INPUTS):
            self.dismiss(None)
            return
        question = ConfirmModal(texts.DISCARD_NEW_CASE, texts.DISCARD_YES, texts.DISCARD_NO, focus_yes=False)
        self.app.push_screen(question, self._discard_if_confirmed)

    def _discard_if_confirmed(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)

    def _error_field(self, field: str | None) -> Widget | None:
        # The rows of this form have no ids, so each field is found by its own.
        selector = _FIELD_WIDGETS.get(field or "")
        return self.query_one(selector) if selector is not None else None
