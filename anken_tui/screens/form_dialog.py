"""Provides FormDialog: the save and cancel buttons and the error line shared by the dialogs with a form."""

from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Button, Static

from anken_tui import texts


class FormDialog:
    """A mixin for a ModalScreen whose form has a save button, a cancel button and an error line.

    `FORM_ID` names the parts: the button `#{FORM_ID}-save` saves, any other button
    cancels, and `#{FORM_ID}-error` shows the error. `ERROR_ROWS` maps a field's
    name, as a ValidationError gives it, to its `.field-row`, whose last child is
    the field. The class provides `action_save` and `action_cancel`.
    """

    FORM_ID: ClassVar[str]
    ERROR_ROWS: ClassVar[dict[str, str]] = {}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.FORM_ID}-save":
            self.action_save()
        else:
            self.action_cancel()

    def _show_error(self, field: str | None, message: str) -> None:
        """Show the error under the form, mark the field's row and focus the field."""
        error = self.query_one(f"#{self.FORM_ID}-error", Static)
        error.update(texts.FIELD_ERROR.format(field=field, message=message) if field else message)
        error.add_class("-shown")

        widget = self._error_field(field)
        if widget is None:
            return
        if widget.parent is not None:
            widget.parent.add_class("-error")
        widget.focus()

    def _error_field(self, field: str | None) -> Widget | None:
        """Return the widget of the field called `field`, or None for an error of the whole form."""
        selector = self.ERROR_ROWS.get(field or "")
        if selector is None:
            return None
        return self.query_one(selector).children[-1]

    def _clear_error(self) -> None:
        self.query_one(f"#{self.FORM_ID}-error", Static).remove_class("-shown").update("")
        for row in self.query(".field-row.-error"):
            row.remove_class("-error")
