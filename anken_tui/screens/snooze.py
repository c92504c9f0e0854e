"""Provides SnoozeModal: pausing a stale case (保留) until a date, with a reason, and the date parsing it uses."""

import logging
from datetime import date, timedelta

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.dates import InvalidDateError, format_input_date, parse_date
from anken_tui.errors import AnkenError, ConflictError, NotFoundError, ValidationError
from anken_tui.services.snooze import snooze_stale
from anken_tui.services.stale import StaleCase
from anken_tui.services.summaries import StaffRef

log = logging.getLogger(__name__)

FULL_WIDTH_SPACE = "\u3000"

# The date offered at first: five business days, a working week, after today.
DEFAULT_SNOOZE_BUSINESS_DAYS = 5


def parse_until(text: str, today: date) -> date:
    """Return the date typed for 保留期限, in any form that domain.dates.parse_date reads.

    A date without a year is the next such date from `today` on, so 1/8 typed in
    December is next January. Raises ValidationError naming 保留期限 for an
    empty or unreadable value, or a date that does not exist such as 2/30.
    """
    try:
        until = parse_date(text, today)
        if until < today:
            # Read again as if typed next year: a different result means the year was left out.
            next_year = parse_date(text, date(today.year + 1, 1, 1))
            until = next_year if next_year != until else until
    except InvalidDateError as error:
        raise ValidationError(texts.SNOOZE_UNTIL, error.message) from None
    return until


def business_days_ahead(today: date, days: int, calendar: BusinessCalendar) -> date:
    """Return the date `days` business days after `today`."""
    day = today
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            counted += 1
    return day


class SnoozeModal(ModalScreen[date | None]):
    """Ask until when and why to pause a stale case, and save it; returns the date, or None.

    Invalid input keeps the dialog open with what was typed and names the field.
    When someone else changed the case meanwhile, the error is shown and the
    dialog closes with None, so the list is loaded again.

    | Key | Action |
    | :- | :- |
    | enter (in 保留期限) | Go to the reason. |
    | enter (in 理由) | Save. |
    | enter (in よくある理由) | Put the reason in the reason field. |
    | ctrl+s | Save. |
    | escape | Close without saving. |
    """

    CSS_PATH = "../tcss/stale.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", texts.SNOOZE_SAVE, id="snooze-save"),
        Binding("escape", "cancel", texts.SNOOZE_CANCEL, show=False, id="snooze-cancel"),
        Binding("ideographic_space", "type_full_width_space", show=False, priority=True, id="snooze-wide-space"),
    ]

    def __init__(self, case: StaleCase, user: StaffRef, clock: Clock, calendar: BusinessCalendar) -> None:
        super().__init__()
        self._case = case
        self._user = user
        self._clock = clock
        self._default_until = business_days_ahead(clock.today(), DEFAULT_SNOOZE_BUSINESS_DAYS, calendar)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="snooze-dialog"):
            yield Static(texts.SNOOZE_TITLE.format(title=self._case.title), markup=False, classes="dialog-title")
            yield Static(texts.SNOOZE_EXPLAIN, markup=False, classes="dialog-explain")
            default = format_input_date(self._default_until)
            with Horizontal(classes="field-row", id="snooze-until-row"):
                yield Label(texts.SNOOZE_UNTIL_LABEL, classes="field-label")
                yield Input(default, placeholder=texts.SNOOZE_UNTIL_PLACEHOLDER, id="snooze-until", compact=True)
            with Horizontal(classes="field-row", id="snooze-reason-row"):
                yield Label(texts.SNOOZE_REASON_LABEL, classes="field-label")
                yield Input(placeholder=texts.SNOOZE_REASON_PLACEHOLDER, id="snooze-reason", compact=True)
            yield Label(texts.SNOOZE_COMMON_LABEL, id="snooze-common-label", classes="field-label")
            yield OptionList(*texts.SNOOZE_COMMON_REASONS, id="snooze-common", compact=True)
            yield Static("", markup=False, id="snooze-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts.SNOOZE_SAVE, variant="primary", id="snooze-save")
                yield Button(texts.SNOOZE_CANCEL, id="snooze-cancel")
            yield Static(texts.DIALOG_HINT_SNOOZE, markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        # The date is filled in and selected, so Enter keeps it and typing replaces it.
        self.query_one("#snooze-until", Input).focus()

    def action_type_full_width_space(self) -> None:
        # Textual's Input skips U+3000, the space a Japanese IME types, because
        # str.isprintable() is False for it. A paste goes through the field's
        # queue, so the space lands after the keys typed before it.
        if isinstance(self.focused, Input):
            self.focused.post_message(events.Paste(FULL_WIDTH_SPACE))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        reason = self.query_one("#snooze-reason", Input)
        # Options are in the order of SNOOZE_COMMON_REASONS, so the label is never read back.
        reason.value = texts.SNOOZE_COMMON_REASONS[event.option_index]
        reason.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "snooze-until":
            self.query_one("#snooze-reason", Input).focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "snooze-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        today = self._clock.today()
        typed_until = self.query_one("#snooze-until", Input).value
        reason = self.query_one("#snooze-reason", Input).value
        try:
            until = parse_until(typed_until, today)
            snooze_stale(
                self._case.id, until, reason, expected_version=self._case.version, user=self._user, clock=self._clock
            )
        except ValidationError as error:
            self._show_error(error.field, error.message)
            return
        except (ConflictError, NotFoundError) as error:
            self.notify(error.message, title=error.title, severity="error", markup=False)
            self.dismiss(None)
            return
        except AnkenError as error:
            # The database was busy: nothing was saved, so the user may try again.
            self._show_error(None, error.message)
            return

        self.dismiss(until)

    def _show_error(self, field: str | None, message: str) -> None:
        """Show `message` under the form, naming `field`, and put the focus on that field."""
        error = self.query_one("#snooze-error", Static)
        error.update(texts.FIELD_ERROR.format(field=field, message=message) if field else message)
        error.add_class("-shown")
        self.query_one("#snooze-until-row").set_class(field == texts.SNOOZE_UNTIL, "-error")
        self.query_one("#snooze-reason-row").set_class(field == texts.SNOOZE_REASON, "-error")
        if field == texts.SNOOZE_UNTIL:
            self.query_one("#snooze-until", Input).focus()
        elif field == texts.SNOOZE_REASON:
            self.query_one("#snooze-reason", Input).focus()
