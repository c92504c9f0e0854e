"""Provides StaleScreen: the stale cases (滞留案件) of every line and the office follow-ups (事務残), with moves and snoozes."""

import logging
from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.dates import format_card_date
from anken_tui.domain.lines import COMPLETED, Line
from anken_tui.domain.moves import MoveKind
from anken_tui.screens.move_flow import move_with_dialogs, notify_rejected, pick_target, target_of_kind
from anken_tui.screens.snooze import SnoozeModal
from anken_tui.services.follow_ups import FollowUp, list_follow_ups
from anken_tui.services.stale import StaleCase, list_stale_cases
from anken_tui.screens.stale_rows import FOLLOW_UP_COLUMNS, STALE_COLUMNS, follow_up_key, follow_up_row, stale_row
from anken_tui.services.summaries import StaffRef
from anken_tui.settings import Settings
from anken_tui.widgets.case_table import CaseTable

log = logging.getLogger(__name__)

STALE_PANE = "stale-pane"
FOLLOW_UP_PANE = "follow-up-pane"

# Actions on the highlighted stale case, so they are disabled on the 事務残 tab and in an empty list.
STALE_ROW_ACTIONS = frozenset({"move_next", "move_back", "pick_stage", "end_case", "snooze"})

LINE_KEYS = {"1": Line.RENTAL, "2": Line.SALES, "3": Line.RENOVATION, "4": Line.EQUIPMENT}
_LINE_GROUP = Binding.Group(texts.KEY_LINE_FILTER_GROUP, compact=True)

@dataclass(frozen=True)
class CaseLocation:
    """The case the user chose to open: its line's board shows it with the card selected."""

    line: Line
    case_id: int


def _line_binding(key: str, line: Line) -> Binding:
    return Binding(
        key, f"toggle_line('{line.value}')", texts.KEY_LINE.format(label=line.label),
        tooltip=texts.HELP_LINE_FILTER.format(label=line.label), group=_LINE_GROUP, id=f"stale-line-{line.value}",
    )


class StaleScreen(Screen[CaseLocation | None]):
    """Two lists over every line: the stale cases, most overdue first, and the office follow-ups.

    Returns the case to open on its board (Enter), or None (Escape or b).
    After a move or a snooze the lists are loaded again, so a case that is no
    longer stale leaves and the cursor goes to the row that took its place.
    """

    CSS_PATH = "../tcss/stale.tcss"

    # <, m, 0 and r stay out of the footer so that it fits in 80 columns; the command palette lists them.
    BINDINGS = [
        Binding("enter", "open_case", texts.KEY_OPEN_CASE, tooltip=texts.HELP_OPEN_CASE, priority=True,
                id="stale-open-case"),
        Binding("greater_than_sign,shift+right", "move_next", texts.KEY_NEXT_STAGE, key_display=">",
                tooltip=texts.HELP_NEXT_STAGE, id="stale-move-next"),
        Binding("less_than_sign,shift+left", "move_back", texts.KEY_PREVIOUS_STAGE, key_display="<", show=False,
                tooltip=texts.HELP_PREVIOUS_STAGE, id="stale-move-back"),
        Binding("m", "pick_stage", texts.KEY_PICK_STAGE, show=False, tooltip=texts.HELP_PICK_STAGE,
                id="stale-pick-stage"),
        Binding("c", "end_case", texts.KEY_END_CASE, tooltip=texts.HELP_END_CASE, id="stale-end-case"),
        Binding("z", "snooze", texts.KEY_SNOOZE, tooltip=texts.HELP_SNOOZE, id="stale-snooze"),
        Binding("o", "toggle_mine", texts.KEY_MINE, tooltip=texts.HELP_MINE, id="stale-mine"),
        *(_line_binding(key, line) for key, line in LINE_KEYS.items()),
        Binding("0", "all_lines", texts.KEY_ALL_LINES, show=False, tooltip=texts.HELP_ALL_LINES, id="stale-all-lines"),
        Binding("t", "switch_tab", texts.KEY_SWITCH_TAB, tooltip=texts.HELP_SWITCH_TAB, id="stale-switch-tab"),
        Binding("r", "reload", texts.KEY_RELOAD, show=False, tooltip=texts.HELP_RELOAD, id="stale-reload"),
        Binding("escape,b", "back", texts.KEY_BACK_TO_BOARD, key_display="Esc", tooltip=texts.HELP_BACK_TO_BOARD,
                id="stale-back"),
    ]

    def __init__(self, user: StaffRef, clock: Clock, settings: Settings) -> None:
        super().__init__()
        self.user = user
        self.clock = clock
        self.settings = settings
        self.title = texts.STALE_TITLE
        self._stale: list[StaleCase] = []
        self._follow_ups: list[FollowUp] = []
        # The lines shown; an empty set shows every line.
        self._lines: set[Line] = set()
        self._mine_only = False

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        with TabbedContent(id="stale-tabs", initial=STALE_PANE):
            with TabPane(texts.STALE_TAB.format(count=0), id=STALE_PANE):
                yield CaseTable(STALE_COLUMNS, id="stale-table")
                yield Static("", markup=False, id="stale-empty", classes="empty-note")
            with TabPane(texts.FOLLOW_UP_TAB.format(count=0), id=FOLLOW_UP_PANE):
                yield CaseTable(FOLLOW_UP_COLUMNS, id="follow-up-table")
                yield Static("", markup=False, id="follow-up-empty", classes="empty-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#stale-table", CaseTable).focus()

    @property
    def stale_table(self) -> CaseTable:
        """The table of stale cases."""
        return self.query_one("#stale-table", CaseTable)

    @property
    def follow_up_table(self) -> CaseTable:
        """The table of office follow-ups."""
        return self.query_one("#follow-up-table", CaseTable)

    def reload(self) -> None:
        """Load the stale cases and the office follow-ups again and show them with the filters."""
        calendar, thresholds = self.settings.calendar, self.settings.thresholds
        self._stale = list_stale_cases(self.clock, calendar, thresholds)
        self._follow_ups = list_follow_ups(self.clock, calendar, thresholds)
        log.info("stale view loaded %s stale cases and %s follow-ups", len(self._stale), len(self._follow_ups))
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in STALE_ROW_ACTIONS:
            return True if self._on_stale_tab() and self._highlighted_stale() is not None else None
        if action == "open_case":
            return True if self._active_table().highlighted_key is not None else None
        return True

    def action_open_case(self) -> None:
        location = self._highlighted_location()
        if location is not None:
            self.dismiss(location)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        self.reload()

    def action_toggle_line(self, line_key: str) -> None:
        self._lines ^= {Line(line_key)}
        self._show()

    def action_all_lines(self) -> None:
        self._lines.clear()
        self._show()

    def action_toggle_mine(self) -> None:
        self._mine_only = not self._mine_only
        self._show()

    def action_switch_tab(self) -> None:
        tabs = self.query_one("#stale-tabs", TabbedContent)
        tabs.active = FOLLOW_UP_PANE if tabs.active == STALE_PANE else STALE_PANE

    @on(TabbedContent.TabActivated, "#stale-tabs")
    def _tab_activated(self) -> None:
        self._active_table().focus()
        self._update_header()
        self.refresh_bindings()

    @on(CaseTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_move_next(self) -> None:
        self._move_by_kind(MoveKind.NEXT, texts.NO_NEXT_STAGE)

    def action_move_back(self) -> None:
        self._move_by_kind(MoveKind.BACK, texts.NO_PREVIOUS_STAGE)

    def action_end_case(self) -> None:
        case = self._highlighted_stale()
        if case is not None:
            self._run_move(case, COMPLETED)

    @work(exclusive=True, group="stale-move")
    async def action_pick_stage(self) -> None:
        case = self._highlighted_stale()
        if case is None:
            return
        target = await pick_target(self, case)
        if target is not None:
            await self._move(case, target)

    @work(exclusive=True, group="stale-snooze")
    async def action_snooze(self) -> None:
        case = self._highlighted_stale()
        if case is None:
            return
        until: date | None = await self.app.push_screen_wait(
            SnoozeModal(case, self.user, self.clock, self.settings.calendar)
        )
        if until is None:
            return
        self.notify(texts.SNOOZED.format(title=case.title, until=format_card_date(until, self.clock.today())), markup=False)
        self.reload()

    def _move_by_kind(self, kind: MoveKind, none_message: str) -> None:
        case = self._highlighted_stale()
        if case is None:
            return
        target = target_of_kind(case, kind)
        if target is None:
            notify_rejected(self, none_message)
            return
        self._run_move(case, target)

    @work(exclusive=True, group="stale-move")
    async def _run_move(self, case: StaleCase, target: str) -> None:
        await self._move(case, target)

    async def _move(self, case: StaleCase, target: str) -> None:
        attempt = await move_with_dialogs(self, case, target, user=self.user, clock=self.clock)
        if attempt.result is not None or attempt.out_of_date:
            self.reload()

    def _show(self) -> None:
        """Show the loaded lists through the filters, with counts in the tabs and the header."""
        stale = [case for case in self._stale if self._passes(case.line, case.owner_id)]
        follow_ups = [item for item in self._follow_ups if self._passes(item.line, item.owner_id)]
        self.stale_table.show_rows([stale_row(case) for case in stale])
        self.follow_up_table.show_rows([follow_up_row(item) for item in follow_ups])

        filtered = bool(self._lines) or self._mine_only
        self._show_empty_note("stale", not stale, texts.STALE_EMPTY_FILTERED if filtered else texts.STALE_EMPTY)
        follow_up_note = texts.FOLLOW_UP_EMPTY_FILTERED if filtered else texts.FOLLOW_UP_EMPTY
        self._show_empty_note("follow-up", not follow_ups, follow_up_note)

        tabs = self.query_one("#stale-tabs", TabbedContent)
        tabs.get_tab(STALE_PANE).label = texts.STALE_TAB.format(count=len(stale))
        tabs.get_tab(FOLLOW_UP_PANE).label = texts.FOLLOW_UP_TAB.format(count=len(follow_ups))
        self._update_header()
        self.refresh_bindings()

    def _show_empty_note(self, name: str, empty: bool, message: str) -> None:
        self.query_one(f"#{name}-empty", Static).update(message if empty else "")
        self.set_class(empty, f"-{name}-empty")

    def _update_header(self) -> None:
        """Show the line filter, the owner filter, the count of the active tab and the user."""
        lines = "・".join(line.label for line in Line if line in self._lines) or texts.STALE_ALL_LINES
        shown = self._active_table().row_count
        total = len(self._stale) if self._on_stale_tab() else len(self._follow_ups)
        count = texts.STALE_COUNT.format(count=shown)
        if shown != total:
            count = texts.STALE_COUNT_FILTERED.format(count=shown, total=total)

        parts = [lines, texts.STALE_MINE if self._mine_only else "", count, texts.HEADER_USER.format(name=self.user.name)]
        # Header draws the sub-title as plain text, so a name with [brackets] shows as it is.
        self.sub_title = "  ".join(part for part in parts if part)

    def _passes(self, line: Line, owner_id: int | None) -> bool:
        if self._lines and line not in self._lines:
            return False
        return not self._mine_only or owner_id == self.user.id

    def _on_stale_tab(self) -> bool:
        return self.query_one("#stale-tabs", TabbedContent).active == STALE_PANE

    def _active_table(self) -> CaseTable:
        return self.stale_table if self._on_stale_tab() else self.follow_up_table

    def _highlighted_stale(self) -> StaleCase | None:
        key = self.stale_table.highlighted_key
        return next((case for case in self._stale if str(case.id) == key), None) if key else None

    def _highlighted_location(self) -> CaseLocation | None:
        if self._on_stale_tab():
            case = self._highlighted_stale()
            return CaseLocation(case.line, case.id) if case else None
        key = self.follow_up_table.highlighted_key
        item = next((item for item in self._follow_ups if follow_up_key(item) == key), None)
        return CaseLocation(item.line, item.case_id) if item else None
