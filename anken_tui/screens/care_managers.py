"""Provides CareManagersScreen (ケアマネ): the care managers and their offices, and each one's open cases."""

import logging

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.errors import NotFoundError
from anken_tui.screens.customers import case_row
from anken_tui.screens.stale import CaseLocation
from anken_tui.services.customers import care_manager_open_cases, list_care_managers
from anken_tui.services.customer_records import CareManagerCases, CareManagerRef
from anken_tui.services.summaries import StaffRef
from anken_tui.widgets.case_table import CaseTable, TableColumn, TableRow
from anken_tui.widgets.wide_space import WideInput

log = logging.getLogger(__name__)

CARE_MANAGER_COLUMNS = [
    TableColumn("name", texts.CARE_MANAGERS_COLUMN_NAME, flexible=True, min_width=8),
    TableColumn("furigana", texts.CARE_MANAGERS_COLUMN_FURIGANA, flexible=True, min_width=8, drop_rank=0),
    TableColumn("office", texts.CARE_MANAGERS_COLUMN_OFFICE, flexible=True, min_width=10),
    TableColumn("phone", texts.CARE_MANAGERS_COLUMN_PHONE, drop_rank=1),
]

OPEN_CASE_COLUMNS = [
    TableColumn("line", texts.CASES_COLUMN_LINE),
    TableColumn("stage", texts.CASES_COLUMN_STAGE),
    TableColumn("customer", texts.CUSTOMERS_COLUMN_NAME, flexible=True, min_width=8),
    TableColumn("title", texts.CASES_COLUMN_TITLE, flexible=True, min_width=10),
    TableColumn("owner", texts.CASES_COLUMN_OWNER, flexible=True, min_width=6, drop_rank=0),
    TableColumn("days", texts.CASES_COLUMN_DAYS, right=True),
]


def care_manager_row(manager: CareManagerRef) -> TableRow:
    """Return a care manager as one row of CARE_MANAGER_COLUMNS, keyed by their id."""
    phone = manager.phone or manager.office_phone
    return TableRow(str(manager.id), (manager.name, manager.furigana, manager.office_name, phone))


class CareManagersScreen(Screen[CaseLocation | None]):
    """The care managers, searched by name, フリガナ or office; returns the case chosen in a list of open cases.

    | Key | Action |
    | :- | :- |
    | (typing) | Search. |
    | down, enter (in the search) | Go to the list. |
    | enter (in the list) | Show the care manager's open cases. |
    | ctrl+n | Register a care manager. |
    | slash | Back to the search. |
    | escape | Back to the board. |
    """

    CSS_PATH = "../tcss/customers.tcss"

    BINDINGS = [
        Binding("escape", "back", texts.KEY_BACK, key_display="Esc", tooltip=texts.HELP_BACK, id="care-managers-back"),
        Binding("slash", "focus_search", texts.KEY_SEARCH, key_display="/", id="care-managers-search"),
        Binding("ctrl+n", "new_care_manager", texts.KEY_NEW_CARE_MANAGER, tooltip=texts.HELP_NEW_CARE_MANAGER,
                id="care-managers-new"),
    ]

    def __init__(self, user: StaffRef, clock: Clock) -> None:
        super().__init__()
        self.user = user
        self.clock = clock
        self.title = texts.CARE_MANAGERS_TITLE
        self._managers: list[CareManagerRef] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        yield WideInput(placeholder=texts.CARE_MANAGERS_SEARCH_PLACEHOLDER, id="care-managers-query", compact=True)
        yield CaseTable(CARE_MANAGER_COLUMNS, id="care-managers-table")
        yield Static(texts.CARE_MANAGERS_EMPTY, markup=False, id="care-managers-empty", classes="empty-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.search("")
        self.query_one("#care-managers-query", Input).focus()

    @property
    def table(self) -> CaseTable:
        return self.query_one("#care-managers-table", CaseTable)

    def search(self, query: str) -> None:
        """List the care managers matching `query`, or all of them when it is blank."""
        self._managers = list_care_managers(query)
        self.table.show_rows([care_manager_row(manager) for manager in self._managers])
        self.set_class(not self._managers, "-empty")
        self.sub_title = texts.CUSTOMERS_COUNT.format(count=len(self._managers))

    @on(Input.Changed, "#care-managers-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#care-managers-query")
    def _query_submitted(self) -> None:
        if self._managers:
            self.table.focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and isinstance(self.focused, Input) and self._managers:
            event.stop()
            self.table.focus()

    @on(CaseTable.RowSelected, "#care-managers-table")
    def _row_selected(self) -> None:
        key = self.table.highlighted_key
        if key is not None:
            screen = CareManagerCasesScreen(int(key), self.clock)
            self.app.push_screen(screen, callback=self._case_chosen)

    def _case_chosen(self, location: CaseLocation | None) -> None:
        if location is not None:
            self.dismiss(location)

    @work(exclusive=True, group="care-managers-new")
    async def action_new_care_manager(self) -> None:
        from anken_tui.screens.care_manager_dialogs import NewCareManagerModal

        created = await self.app.push_screen_wait(NewCareManagerModal())
        if created is not None:
            self.search(self.query_one("#care-managers-query", Input).value)

    def action_focus_search(self) -> None:
        self.query_one("#care-managers-query", Input).focus()

    def action_back(self) -> None:
        self.dismiss(None)


class CareManagerCasesScreen(Screen[CaseLocation | None]):
    """The open cases of the customers one care manager looks after; returns the case to open, or None.

    | Key | Action |
    | :- | :- |
    | enter | Open the case on its board, with its detail. |
    | escape | Back to the care managers. |
    """

    CSS_PATH = "../tcss/customers.tcss"

    BINDINGS = [
        Binding("enter", "open_case", texts.KEY_OPEN_CASE, tooltip=texts.HELP_OPEN_CASE, priority=True,
                id="care-manager-open-case"),
        Binding("escape", "back", texts.KEY_BACK, key_display="Esc", tooltip=texts.HELP_BACK,
                id="care-manager-back"),
    ]

    def __init__(self, care_manager_id: int, clock: Clock) -> None:
        super().__init__()
        self.care_manager_id = care_manager_id
        self.clock = clock
        self.cases: CareManagerCases | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        yield Static("", markup=False, id="care-manager-info")
        yield CaseTable(OPEN_CASE_COLUMNS, id="care-manager-cases")
        yield Static(texts.CARE_MANAGER_NO_CASES, markup=False, id="care-manager-no-cases", classes="empty-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        try:
            self.cases = care_manager_open_cases(self.care_manager_id)
        except NotFoundError as error:
            self.notify(error.message, title=error.title, severity="error", markup=False)
            self.dismiss(None)
            return
        manager = self.cases.care_manager
        self.title = texts.CARE_MANAGER_CASES_TITLE.format(name=manager.name, count=len(self.cases.cases))
        office = " ".join(part for part in (manager.office_name, manager.office_phone or manager.phone) if part)
        self.query_one("#care-manager-info", Static).update(office)
        today = self.clock.today()
        rows = []
        for case in self.cases.cases:
            row = case_row(case, today)
            customer = texts.CUSTOMER_HONORIFIC.format(name=case.customer_name)
            line, stage, title, owner, days, _outcome = row.cells
            rows.append(TableRow(row.key, (line, stage, customer, title, owner, days)))
        table = self.query_one("#care-manager-cases", CaseTable)
        table.show_rows(rows)
        self.set_class(not rows, "-empty")
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_case":
            return True if self.query_one("#care-manager-cases", CaseTable).highlighted_key is not None else None
        return True

    def action_open_case(self) -> None:
        key = self.query_one("#care-manager-cases", CaseTable).highlighted_key
        case = next((case for case in self.cases.cases if str(case.id) == key), None) if self.cases else None
        if case is not None:
            log.info("opening case %s from the cases of care manager %s", case.id, self.care_manager_id)
            self.dismiss(CaseLocation(case.line, case.id))

    def action_back(self) -> None:
        self.dismiss(None)
