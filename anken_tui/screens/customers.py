"""Provides CustomersScreen (顧客): finding customers by name or フリガナ, and CustomerScreen, one customer's cases."""

import logging
from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import AnkenError, NotFoundError
from anken_tui.screens.stale import CaseLocation
from anken_tui.services.customers import LIST_LIMIT, customer_page, list_customers, set_customer_care_manager
from anken_tui.services.customer_records import CustomerPage, CustomerRow
from anken_tui.services.summaries import CaseSummary, StaffRef
from anken_tui.widgets import detail_render
from anken_tui.widgets.case_table import CaseTable, TableColumn, TableRow
from anken_tui.widgets.wide_space import WideInput

log = logging.getLogger(__name__)

CUSTOMER_COLUMNS = [
    TableColumn("name", texts.CUSTOMERS_COLUMN_NAME, flexible=True, min_width=10),
    TableColumn("furigana", texts.CUSTOMERS_COLUMN_FURIGANA, flexible=True, min_width=10),
    TableColumn("phone", texts.CUSTOMERS_COLUMN_PHONE, drop_rank=1),
    TableColumn("city", texts.CUSTOMERS_COLUMN_CITY, drop_rank=0),
    TableColumn("care_manager", texts.CUSTOMERS_COLUMN_CARE_MANAGER, flexible=True, min_width=8),
    TableColumn("open", texts.CUSTOMERS_COLUMN_OPEN, right=True),
]

CASE_COLUMNS = [
    TableColumn("line", texts.CASES_COLUMN_LINE),
    TableColumn("stage", texts.CASES_COLUMN_STAGE),
    TableColumn("title", texts.CASES_COLUMN_TITLE, flexible=True, min_width=10),
    TableColumn("owner", texts.CASES_COLUMN_OWNER, flexible=True, min_width=6, drop_rank=0),
    TableColumn("days", texts.CASES_COLUMN_DAYS, right=True),
    TableColumn("outcome", texts.CASES_COLUMN_OUTCOME, drop_rank=1),
]


def case_row(case: CaseSummary, today: date) -> TableRow:
    """Return a case as one row of CASE_COLUMNS, keyed by its id."""
    outcome = Outcome(case.outcome).label if case.outcome else ""
    days = texts.DAYS_IN_STAGE.format(days=max(case.days_in_stage(today), 0))
    cells = (case.line.label, case.stage, case.title, case.owner_name or texts.NO_OWNER, days, outcome)
    return TableRow(str(case.id), cells)


def _customer_row(customer: CustomerRow) -> TableRow:
    cells = (
        texts.CUSTOMER_HONORIFIC.format(name=customer.name),
        customer.furigana,
        customer.phone,
        customer.city,
        customer.care_manager_name,
        str(customer.open_case_count),
    )
    return TableRow(str(customer.id), cells)


class CustomersScreen(Screen[CaseLocation | None]):
    """The customers, searched as the user types; returns the case chosen on a customer's page, or None.

    The search matches kanji names and フリガナ typed in hiragana or katakana,
    full- or half-width, with or without spaces; % and _ are matched as typed.

    | Key | Action |
    | :- | :- |
    | (typing) | Search. |
    | down, enter (in the search) | Go to the list. |
    | enter (in the list) | Open the customer's page. |
    | slash | Back to the search. |
    | escape | Back to the board. |
    """

    CSS_PATH = "../tcss/customers.tcss"

    BINDINGS = [
        Binding("escape", "back", texts.KEY_BACK, key_display="Esc", tooltip=texts.HELP_BACK, id="customers-back"),
        Binding("slash", "focus_search", texts.KEY_SEARCH, key_display="/", id="customers-search"),
    ]

    def __init__(self, user: StaffRef, clock: Clock) -> None:
        super().__init__()
        self.user = user
        self.clock = clock
        self.title = texts.CUSTOMERS_TITLE
        self._rows: list[CustomerRow] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        yield WideInput(placeholder=texts.CUSTOMERS_SEARCH_PLACEHOLDER, id="customers-query", compact=True)
        yield CaseTable(CUSTOMER_COLUMNS, id="customers-table")
        yield Static(texts.CUSTOMERS_EMPTY, markup=False, id="customers-empty", classes="empty-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.search("")
        self.query_one("#customers-query", Input).focus()

    @property
    def table(self) -> CaseTable:
        return self.query_one("#customers-table", CaseTable)

    def search(self, query: str) -> None:
        """List the customers matching `query` (all of them, up to LIST_LIMIT, when it is blank)."""
        self._rows = list_customers(query)
        self.table.show_rows([_customer_row(customer) for customer in self._rows])
        self.set_class(not self._rows, "-empty")
        template = texts.CUSTOMERS_COUNT_LIMITED if len(self._rows) >= LIST_LIMIT else texts.CUSTOMERS_COUNT
        self.sub_title = template.format(count=len(self._rows))

    @on(Input.Changed, "#customers-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#customers-query")
    def _query_submitted(self) -> None:
        if self._rows:
            self.table.focus()

    def on_key(self, event: events.Key) -> None:
        # ↓ in the search goes down into the list, as in a search box of a desktop program.
        if event.key == "down" and isinstance(self.focused, Input) and self._rows:
            event.stop()
            self.table.focus()

    @on(CaseTable.RowSelected, "#customers-table")
    def _row_selected(self) -> None:
        key = self.table.highlighted_key
        if key is not None:
            self.open_customer(int(key))

    def open_customer(self, customer_id: int) -> None:
        """Open the page of one customer; a case chosen there closes this screen with it."""
        self.app.push_screen(CustomerScreen(customer_id, self.user, self.clock), callback=self._case_chosen)

    def _case_chosen(self, location: CaseLocation | None) -> None:
        if location is not None:
            self.dismiss(location)
            return
        # The care manager may have changed on the page.
        self.search(self.query_one("#customers-query", Input).value)

    def action_focus_search(self) -> None:
        self.query_one("#customers-query", Input).focus()

    def action_back(self) -> None:
        self.dismiss(None)


class CustomerScreen(Screen[CaseLocation | None]):
    """One customer and all their cases across the four lines; returns the case to open, or None.

    | Key | Action |
    | :- | :- |
    | enter | Open the case on its board, with its detail. |
    | c | Choose the customer's care manager from the list (k is the table's cursor up). |
    | escape | Back to the customers. |
    """

    CSS_PATH = "../tcss/customers.tcss"

    BINDINGS = [
        Binding("enter", "open_case", texts.KEY_OPEN_CASE, tooltip=texts.HELP_OPEN_CASE, priority=True,
                id="customer-open-case"),
        Binding("c", "set_care_manager", texts.KEY_SET_CARE_MANAGER, tooltip=texts.HELP_SET_CARE_MANAGER,
                id="customer-care-manager"),
        Binding("escape", "back", texts.KEY_BACK, key_display="Esc", tooltip=texts.HELP_BACK, id="customer-back"),
    ]

    def __init__(self, customer_id: int, user: StaffRef, clock: Clock) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.user = user
        self.clock = clock
        self.page: CustomerPage | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        yield Static("", markup=False, id="customer-info")
        yield Static("", markup=False, id="customer-cases-title", classes="section-title")
        yield CaseTable(CASE_COLUMNS, id="customer-cases")
        yield Static(texts.CUSTOMER_PAGE_NO_CASES, markup=False, id="customer-no-cases", classes="empty-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#customer-cases", CaseTable).focus()

    def reload(self) -> None:
        """Load the customer and their cases again and show them."""
        try:
            self.page = customer_page(self.customer_id)
        except NotFoundError as error:
            self.notify(error.message, title=error.title, severity="error", markup=False)
            self.dismiss(None)
            return
        customer = self.page.customer
        self.title = texts.CUSTOMER_HONORIFIC.format(name=customer.name)
        self.query_one("#customer-info", Static).update(detail_render.customer_text(customer))
        today = self.clock.today()
        cases = self.page.cases
        title = texts.CUSTOMER_PAGE_CASES.format(count=len(cases), open=len(self.page.open_cases))
        self.query_one("#customer-cases-title", Static).update(Text(title))
        self.query_one("#customer-cases", CaseTable).show_rows([case_row(case, today) for case in cases])
        self.set_class(not cases, "-empty")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_case":
            return True if self._highlighted_case() is not None else None
        return True

    def _highlighted_case(self) -> CaseSummary | None:
        key = self.query_one("#customer-cases", CaseTable).highlighted_key
        if key is None or self.page is None:
            return None
        return next((case for case in self.page.cases if str(case.id) == key), None)

    @on(CaseTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_open_case(self) -> None:
        case = self._highlighted_case()
        if case is not None:
            log.info("opening case %s from the page of customer %s", case.id, self.customer_id)
            self.dismiss(CaseLocation(case.line, case.id))

    @work(exclusive=True, group="customer-care-manager")
    async def action_set_care_manager(self) -> None:
        from anken_tui.screens.care_manager_dialogs import CareManagerPickerModal

        if self.page is None:
            return
        customer = self.page.customer
        choice = await self.app.push_screen_wait(CareManagerPickerModal(customer.name, customer.care_manager_id))
        if choice is None:
            return
        try:
            updated = set_customer_care_manager(self.customer_id, choice.care_manager_id, user=self.user, clock=self.clock)
        except AnkenError as error:
            self.notify(error.message, title=error.title, severity="error", markup=False)
            return
        if updated.care_manager_id is None:
            message = texts.CARE_MANAGER_CLEARED.format(customer=updated.name)
        else:
            message = texts.CARE_MANAGER_SET.format(customer=updated.name, name=updated.care_manager_name)
        self.notify(message, markup=False)
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)

