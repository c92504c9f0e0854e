"""Provides ActivityModal: logging an activity (活動) on a case, with an optional follow-up date (次回予定)."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.activities import ActivityKind
from anken_tui.domain.dates import format_card_date, format_input_date
from anken_tui.errors import AnkenError, ValidationError
from anken_tui.screens.confirm import ConfirmModal
from anken_tui.screens.form_dialog import FormDialog
from anken_tui.screens.user_setup import staff_label
from anken_tui.services.activities import log_activity
from anken_tui.services.staff import list_staff
from anken_tui.services.detail_records import ActivityView
from anken_tui.services.summaries import CaseSummary, StaffRef
from anken_tui.widgets.wide_space import WideInput

_KINDS = tuple(ActivityKind)

# The row of each field that a ValidationError names.
_FIELD_ROWS = {
    texts.FIELD_ACTIVITY_KIND: "#activity-kind-row",
    texts.FIELD_ACTIVITY_DATE: "#activity-date-row",
    texts.FIELD_ACTIVITY_STAFF: "#activity-staff-row",
    texts.FIELD_ACTIVITY_TEXT: "#activity-text-row",
    texts.FIELD_FOLLOW_UP: "#activity-follow-up-row",
}


def _row(label: str, widget: Widget, row_id: str) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), widget, classes="field-row", id=row_id)


class ActivityModal(FormDialog, ModalScreen[ActivityView | None]):
    """Log an activity on one case; returns the activity, or None when closed without logging.

    The stage does not change. Invalid input keeps the dialog open with what
    was typed, names the field and puts the focus on it.

    | Key | Action |
    | :- | :- |
    | ctrl+s | Log the activity (記録する). |
    | enter (in a field) | Go to the next field; in 次回予定, log the activity. |
    | tab, shift+tab | Move between fields. |
    | escape | Close; asks first when text was typed. |
    """

    FORM_ID = "activity"
    ERROR_ROWS = _FIELD_ROWS

    CSS_PATH = "../tcss/detail.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", texts.ACTIVITY_SAVE, id="activity-save"),
        Binding("escape", "cancel", texts.ACTIVITY_CANCEL, show=False, id="activity-cancel"),
    ]

    def __init__(self, case: CaseSummary, user: StaffRef, clock: Clock) -> None:
        super().__init__()
        self._case = case
        self._user = user
        self._clock = clock

    def compose(self) -> ComposeResult:
        today = self._clock.today()
        with Vertical(classes="dialog", id="activity-dialog"):
            yield Static(texts.ACTIVITY_TITLE.format(title=self._case.title), markup=False, classes="dialog-title")
            kinds = RadioSet(*[RadioButton(kind.label) for kind in _KINDS], id="activity-kind", compact=True)
            yield _row(texts.FIELD_ACTIVITY_KIND, kinds, "activity-kind-row")
            day = WideInput(
                format_input_date(today), placeholder=texts.ACTIVITY_DATE_PLACEHOLDER, id="activity-date", compact=True
            )
            yield _row(texts.FIELD_ACTIVITY_DATE, day, "activity-date-row")
            yield _row(texts.FIELD_ACTIVITY_STAFF, self._staff_select(), "activity-staff-row")
            text = WideInput(placeholder=texts.ACTIVITY_TEXT_PLACEHOLDER, id="activity-text", compact=True)
            yield _row(texts.FIELD_ACTIVITY_TEXT, text, "activity-text-row")
            follow_up = WideInput(
                placeholder=texts.ACTIVITY_FOLLOW_UP_PLACEHOLDER, id="activity-follow-up", compact=True
            )
            yield _row(texts.FIELD_FOLLOW_UP, follow_up, "activity-follow-up-row")
            yield Static("", markup=False, id="activity-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.ACTIVITY_SAVE, variant="primary", id="activity-save")
                yield Button(texts.ACTIVITY_CANCEL, id="activity-cancel")
            yield Static(texts.DIALOG_HINT_ACTIVITY, markup=False, classes="dialog-hint")

    def _staff_select(self) -> Select[int]:
        staff = list_staff(active_only=True)
        if all(member.id != self._user.id for member in staff):
            staff.insert(0, self._user)
        options = [(staff_label(member), member.id) for member in staff]
        return Select(options, value=self._user.id, allow_blank=False, id="activity-staff", compact=True)

    def on_mount(self) -> None:
        self.query_one("#activity-kind", RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._clear_error()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "activity-follow-up":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        self._clear_error()
        index = self.query_one("#activity-kind", RadioSet).pressed_index
        kind = _KINDS[index].value if index >= 0 else ""
        try:
            activity = log_activity(
                self._case.id,
                kind,
                self._value("#activity-date"),
                self.query_one("#activity-staff", Select).value,
                self._value("#activity-text").strip(),
                self._value("#activity-follow-up"),
                user=self._user,
                clock=self._clock,
            )
        except ValidationError as error:
            self._show_error(error.field, error.message)
            return
        except AnkenError as error:
            self._show_error(None, error.message)
            return

        today = self._clock.today()
        if activity.follow_up_on is not None:
            day = format_card_date(activity.follow_up_on, today)
            message = texts.ACTIVITY_LOGGED_FOLLOW_UP.format(kind=activity.kind.label, day=day)
        else:
            message = texts.ACTIVITY_LOGGED.format(kind=activity.kind.label)
        self.notify(message, markup=False)
        self.dismiss(activity)

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def action_cancel(self) -> None:
        if not (self._value("#activity-text").strip() or self._value("#activity-follow-up").strip()):
            self.dismiss(None)
            return
        question = ConfirmModal(texts.DISCARD_NEW_CASE, texts.DISCARD_YES, texts.DISCARD_NO, focus_yes=False)
        self.app.push_screen(question, self._discard_if_confirmed)

    def _discard_if_confirmed(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)

