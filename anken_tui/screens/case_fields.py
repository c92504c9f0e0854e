"""Provides CaseFieldsModal: editing the fields a case's line needs (dates, payment, amounts), saved in one go."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.amounts import format_input_yen
from anken_tui.domain.dates import format_input_date
from anken_tui.domain.lines import SalesKind
from anken_tui.errors import AnkenError, ConflictError, NotFoundError, ValidationError
from anken_tui.screens.confirm import ConfirmModal
from anken_tui.services.case_detail import load_case_detail
from anken_tui.services.case_fields import (
    AMOUNT_FIELDS,
    FIELDS_BY_LINE,
    CaseFieldsInput,
    field_label,
    payment_method_options,
    update_case_fields,
)
from anken_tui.services.detail_records import CaseDetail
from anken_tui.services.summaries import StaffRef
from anken_tui.widgets.detail_render import field_value
from anken_tui.widgets.wide_space import WideInput

_KINDS = tuple(SalesKind)


class CaseFieldsModal(ModalScreen[CaseDetail | None]):
    """Edit the line's fields of one case; returns the case as saved, or None when closed without saving.

    Every field is saved in one transaction that checks the case's version.
    When someone else changed the case meanwhile, nothing is written: the
    dialog shows an error, shows the newer value under each field that changed, keeps
    what was typed, and the next save goes over the newer version.

    | Key | Action |
    | :- | :- |
    | ctrl+s | Save. |
    | tab, shift+tab, enter | Move between fields. |
    | escape | Close; asks first when something was changed. |
    """

    CSS_PATH = "../tcss/detail.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", texts.CASE_FIELDS_SAVE, id="case-fields-save"),
        Binding("escape", "cancel", texts.CASE_FIELDS_CANCEL, show=False, id="case-fields-cancel"),
    ]

    def __init__(self, detail: CaseDetail, user: StaffRef, clock: Clock) -> None:
        super().__init__()
        self._detail = detail
        self._user = user
        self._clock = clock
        self._names = FIELDS_BY_LINE[detail.line]
        self._loaded: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        title = texts.CASE_FIELDS_TITLE.format(title=self._detail.title)
        with Vertical(classes="dialog", id="case-fields-dialog"):
            yield Static(title, markup=False, classes="dialog-title")
            with VerticalScroll(id="case-fields-form"):
                for name in self._names:
                    with Horizontal(classes="field-row", id=f"row-{name}"):
                        yield Label(field_label(name), classes="field-label")
                        yield self._field_widget(name)
                    yield Static("", markup=False, id=f"newer-{name}", classes="field-newer")
            yield Static("", markup=False, id="case-fields-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.CASE_FIELDS_SAVE, variant="primary", id="case-fields-save")
                yield Button(texts.CASE_FIELDS_CANCEL, id="case-fields-cancel")
            yield Static(texts.DIALOG_HINT_CASE_FIELDS, markup=False, classes="dialog-hint")

    def _field_widget(self, name: str) -> Widget:
        fields = self._detail.fields
        if name == "sales_kind":
            buttons = [RadioButton(kind.label, value=kind is self._detail.sales_kind) for kind in _KINDS]
            return RadioSet(*buttons, id=f"field-{name}", compact=True)
        if name == "payment_method":
            options = payment_method_options()
            return Select(
                options, value=fields.payment_method or Select.NULL, prompt=texts.CASE_FIELDS_NO_PAYMENT,
                id=f"field-{name}", compact=True,
            )
        if name in AMOUNT_FIELDS:
            value = format_input_yen(getattr(fields, name))
            placeholder = texts.CASE_FIELDS_AMOUNT_PLACEHOLDER
        else:
            # The remaining fields of FIELDS_BY_LINE are the dates of DATE_FIELDS.
            value = format_input_date(getattr(fields, name))
            placeholder = texts.CASE_FIELDS_DATE_PLACEHOLDER
        return WideInput(value, placeholder=placeholder, id=f"field-{name}", compact=True)

    def on_mount(self) -> None:
        self._loaded = self._form_values()
        self.query_one(f"#field-{self._names[0]}").focus()

    def _form_values(self) -> dict[str, object]:
        """Return the current value of each field: text for dates and amounts, the value for choices."""
        values: dict[str, object] = {}
        for name in self._names:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Input):
                values[name] = widget.value
            elif isinstance(widget, Select):
                values[name] = "" if widget.value is Select.NULL else widget.value
            elif isinstance(widget, RadioSet):
                index = widget.pressed_index
                values[name] = _KINDS[index].value if index >= 0 else None
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "case-fields-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self._clear_error()
        values = self._form_values()
        form = CaseFieldsInput(**{name: value for name, value in values.items() if value is not None})
        try:
            saved = update_case_fields(
                self._detail.id, form, expected_version=self._detail.version, user=self._user, clock=self._clock
            )
        except ValidationError as error:
            self._show_error(error.field, error.message)
            return
        except ConflictError as error:
            self.notify(error.message, title=error.title, severity="error", markup=False, timeout=15)
            self._show_error(None, error.message)
            self._show_newer()
            return
        except NotFoundError as error:
            self.notify(error.message, title=error.title, severity="error", markup=False)
            self.dismiss(None)
            return
        except AnkenError as error:
            self._show_error(None, error.message)
            return

        changed = saved.version != self._detail.version
        self.notify(texts.CASE_FIELDS_SAVED if changed else texts.CASE_FIELDS_UNCHANGED, markup=False)
        self.dismiss(saved if changed else None)

    def _show_newer(self) -> None:
        """Load the case again; the next save goes over it, and each changed value shows under its field."""
        older = self._detail
        try:
            self._detail = load_case_detail(older.id)
        except NotFoundError:
            return
        today = self._clock.today()
        for name in self._names:
            if name == "sales_kind":
                before, after = older.sales_kind, self._detail.sales_kind
                shown = after.label if after else texts.DETAIL_NOT_SET
            else:
                before, after = getattr(older.fields, name), getattr(self._detail.fields, name)
                shown = field_value(self._detail.fields, name, today)
            newer = self.query_one(f"#newer-{name}", Static)
            newer.update(Text(texts.CASE_FIELDS_NEWER.format(value=shown)) if before != after else "")
            newer.set_class(before != after, "-shown")

    def action_cancel(self) -> None:
        if self._form_values() == self._loaded:
            self.dismiss(None)
            return
        question = ConfirmModal(texts.CASE_FIELDS_DISCARD, texts.DISCARD_YES, texts.DISCARD_NO, focus_yes=False)
        self.app.push_screen(question, self._discard_if_confirmed)

    def _discard_if_confirmed(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)

    def _show_error(self, field: str | None, message: str) -> None:
        """Show the error under the form and, when it names a field, mark its row and focus it."""
        error = self.query_one("#case-fields-error", Static)
        error.update(texts.FIELD_ERROR.format(field=field, message=message) if field else message)
        error.add_class("-shown")
        name = next((name for name in self._names if field_label(name) == field), None)
        if name is None:
            return
        self.query_one(f"#row-{name}").add_class("-error")
        widget = self.query_one(f"#field-{name}")
        widget.focus()
        widget.scroll_visible()

    def _clear_error(self) -> None:
        self.query_one("#case-fields-error", Static).remove_class("-shown").update("")
        for row in self.query(".field-row.-error"):
            row.remove_class("-error")

