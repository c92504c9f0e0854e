"""Provides AnkenApp: the Textual application that sets the user (入力者), opens the board and the stale view."""

import asyncio
import logging
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from anken_tui.screens.stale import CaseLocation

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.lines import Line
from anken_tui.errors import AnkenError
from anken_tui.heap import end_start_pause, pause_for_start
from anken_tui.screens.board import BoardScreen
from anken_tui.services.board import load_board_cards
from anken_tui.services.changes import Changes, changes_since, current_token
from anken_tui.services.staff import find_staff, list_staff
from anken_tui.services.summaries import CaseSummary, StaffRef
from anken_tui.settings import Settings, SettingsError, SettingsProblem, load_settings, save_user_name

log = logging.getLogger(__name__)

# A settings problem stays on screen longer than a move's message: it needs reading and a fix.
SETTINGS_PROBLEM_SECONDS = 20

# How often the app polls the database for changes made by others, so that the
# board and the stale view show them within about this long.
CHANGE_POLL_SECONDS = 1.0
LIVE_CHANGES_GROUP = "live-changes"

# The reminder of unsaved drafts at start names this many cases, and stays this long.
DRAFTS_NAMED = 3
DRAFTS_REMINDER_SECONDS = 20


@dataclass(frozen=True)
class LiveUpdate:
    """Changes fetched by the polling worker: the change-log result and the new cards of the board's line."""

    changes: Changes
    line: Line
    cards: dict[int, CaseSummary | None]


def fetch_changes(token: int, line: Line, clock: Clock) -> LiveUpdate:
    """Return what changed after `token`, with the cards of `line` for the changed cases (run in a thread)."""
    changes = changes_since(token)
    cards = {} if changes.reload_all else load_board_cards(line, changes.case_ids, clock)
    return LiveUpdate(changes, line, cards)


class AnkenApp(App[None]):
    """The case board (案件管理) on a database that the caller has already opened and migrated."""

    TITLE = texts.APP_TITLE
    # The board is the first screen, so its styles are read with the app's: a screen's own
    # CSS_PATH makes Textual parse every style sheet again when the screen is pushed.
    CSS_PATH = ["tcss/app.tcss", "tcss/board.tcss"]

    BINDINGS = [
        Binding("ctrl+p", "command_palette", texts.KEY_PALETTE, show=False, priority=True, id="command-palette"),
        Binding("ctrl+q", "quit", texts.KEY_QUIT, show=False, priority=True, id="quit-app"),
        Binding("f2", "open_customers", texts.KEY_CUSTOMERS, show=False, tooltip=texts.HELP_CUSTOMERS,
                id="open-customers"),
        Binding("f3", "open_care_managers", texts.KEY_CARE_MANAGERS, show=False, tooltip=texts.HELP_CARE_MANAGERS,
                id="open-care-managers"),
    ]

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        user_name: str | None = None,
        settings_path: Path | None = None,
        start_line: Line = Line.RENTAL,
        change_poll_seconds: float | None = CHANGE_POLL_SECONDS,
    ) -> None:
        """Build the app; `change_poll_seconds` None turns off showing other people's changes (for tests)."""
        super().__init__()
        self.clock = clock or Clock()
        self.start_line = start_line
        self.user: StaffRef | None = None
        self._user_name = user_name
        self._settings_path = settings_path
        self.settings, self.settings_problems = _read_settings(settings_path)
        self._board: BoardScreen | None = None
        self._change_poll_seconds = change_poll_seconds
        self._change_token = 0
        self._fetching_changes = False
        self._failed_polls = 0

    def on_load(self) -> None:
        # Turned back on by the board once all its cards are shown, or below when there is no board yet.
        pause_for_start()
        # Closing the terminal window sends SIGHUP, which would end the process at once. The handler
        # keeps the text of an open note editor as a draft first.
        if hasattr(signal, "SIGHUP"):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)

    def on_unmount(self) -> None:
        end_start_pause()
        if hasattr(signal, "SIGHUP"):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)

    def hang_up(self) -> None:
        """Keep the open note editor's text as a draft and stop: the terminal was closed (SIGHUP)."""
        log.info("terminal closed: keeping the note draft, if any, and stopping")
        pane = self._board.detail_pane if self._board is not None else None
        if pane is not None:
            pane.keep_draft_now()
        self.exit()

    def get_default_screen(self) -> Screen:
        """Return the board as the first screen when the user is known, else a blank screen for the user dialog.

        Starting on the board, rather than pushing it over a blank screen, spares
        a screen's composing and styling at every start.
        """
        user = _active_staff(self._user_name)
        if user is None:
            return Screen(id="_default")
        return self._make_board(user)

    def on_mount(self) -> None:
        # The app keeps running on the defaults, and each problem's message names the value used instead.
        for problem in self.settings_problems:
            self.notify(
                problem.message, title=texts.SETTINGS_PROBLEM_TITLE, severity="warning", markup=False,
                timeout=SETTINGS_PROBLEM_SECONDS,
            )

        if self._board is not None:
            self._board_opened()
            return
        end_start_pause()
        # Imported here, like the palette below, so that a start with a known user does not load it.
        from anken_tui.screens.user_setup import UserSetupModal

        self.push_screen(UserSetupModal(self.clock, self._user_name), callback=self._user_chosen)

    def _user_chosen(self, user: StaffRef | None) -> None:
        if user is None:
            self.exit()
            return
        if self._settings_path is not None:
            try:
                save_user_name(self._settings_path, user.name)
            except SettingsError as error:
                log.warning("could not save the user name to the settings file")
                self.notify(str(error), title=texts.SETTINGS_SAVE_FAILED, severity="warning", markup=False)
        self.push_screen(self._make_board(user))
        self._board_opened()

    def _make_board(self, user: StaffRef) -> BoardScreen:
        self.user = user
        log.info("session started by staff %s", user.id)
        # Taken before the board loads, so a change made meanwhile is fetched again rather than missed.
        self._change_token = current_token()
        self._board = BoardScreen(self.start_line, user, self.clock, self.settings)
        return self._board

    def _board_opened(self) -> None:
        if self._change_poll_seconds:
            self.set_interval(self._change_poll_seconds, self._poll_changes, name="poll-changes")
        # After the first frame: the board comes first, and the drafts are a reminder.
        self.call_after_refresh(self._remind_drafts)

    def _remind_drafts(self) -> None:
        """Name the cases where the user left note text unsaved (drafts), so that it is not forgotten."""
        # Imported here: the reminder comes after the first frame, and so does loading its service.
        from anken_tui.services.drafts import drafted_cases

        if self.user is None:
            return
        try:
            drafted = drafted_cases(self.user)
        except AnkenError as error:
            log.warning("could not list the note drafts of staff %s: %s", self.user.id, type(error).__name__)
            return
        if not drafted:
            return
        named = [texts.DRAFTS_AT_START_CASE.format(customer=case.customer_name, title=case.title) for case in drafted]
        listed = "、".join(named[:DRAFTS_NAMED])
        if len(named) > DRAFTS_NAMED:
            listed += "、" + texts.DRAFTS_AT_START_MORE.format(count=len(named) - DRAFTS_NAMED)
        self.notify(
            texts.DRAFTS_AT_START.format(count=len(drafted), cases=listed), title=texts.DRAFTS_AT_START_TITLE,
            severity="warning", markup=False, timeout=DRAFTS_REMINDER_SECONDS,
        )

    def _poll_changes(self) -> None:
        """Start fetching the changes since the last token in a thread, unless a fetch is still running."""
        board = self._board
        if board is None or self._fetching_changes:
            return
        self._fetching_changes = True
        fetch = partial(fetch_changes, self._change_token, board.line, self.clock)
        self.run_worker(fetch, thread=True, group=LIVE_CHANGES_GROUP, exit_on_error=False)

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != LIVE_CHANGES_GROUP or not event.worker.is_finished:
            return
        self._fetching_changes = False
        if event.state is WorkerState.SUCCESS:
            self._failed_polls = 0
            await self._apply_changes(event.worker.result)
        elif event.state is WorkerState.ERROR:
            self._failed_polls += 1
            # Logged on the first failure and then every minute or so, while the server stays away.
            if self._failed_polls % 60 == 1:
                log.warning("could not fetch changes (%s failures in a row): %s", self._failed_polls, event.worker.error)

    async def _apply_changes(self, update: LiveUpdate) -> None:
        """Show fetched changes on the board and in an open stale view, keeping focus and selection."""
        board = self._board
        if board is None:
            return
        changes = update.changes
        if changes.reload_all:
            await board.show_line(board.line, focus_case=board.highlighted_case_id())
        elif update.line is board.line:
            board.apply_changes(update.cards)
        else:
            # The user switched boards during the fetch: ask again from the same token for the new line.
            return
        self._change_token = changes.token

        if not changes.case_ids and not changes.reload_all:
            return
        log.info("showing %s changed cases from the change log", len(changes.case_ids))
        from anken_tui.screens.stale import StaleScreen

        for screen in self.screen_stack:
            if isinstance(screen, StaleScreen):
                screen.reload()

    def action_open_stale_view(self) -> None:
        """Open the stale view (滞留案件・事務残) over the board."""
        from anken_tui.screens.stale import StaleScreen

        if self.user is None or self._board is None or isinstance(self.screen, StaleScreen):
            return
        self.push_screen(StaleScreen(self.user, self.clock, self.settings), callback=self._stale_view_closed)

    async def _stale_view_closed(self, location: "CaseLocation | None") -> None:
        """Show the case chosen in the stale view with its detail, or the board loaded afresh after its moves."""
        board = self._board
        if board is None:
            return
        if location is None:
            await board.show_line(board.line)
            return
        await self._case_chosen(location)

    def action_open_customers(self) -> None:
        """Open the customers screen (顧客) over the board."""
        from anken_tui.screens.customers import CustomersScreen

        if self.user is None or self._board is None or _is_open(self, CustomersScreen):
            return
        self.push_screen(CustomersScreen(self.user, self.clock), callback=self._case_chosen)

    def action_open_care_managers(self) -> None:
        """Open the care managers screen (ケアマネ) over the board."""
        from anken_tui.screens.care_managers import CareManagersScreen

        if self.user is None or self._board is None or _is_open(self, CareManagersScreen):
            return
        self.push_screen(CareManagersScreen(self.user, self.clock), callback=self._case_chosen)

    async def _case_chosen(self, location: "CaseLocation | None") -> None:
        """Show the case chosen on the customers or care managers screen on its board, with its detail open."""
        if location is not None and self._board is not None:
            await self._board.open_case_detail(location.line, location.case_id)

    async def action_quit(self) -> None:
        """Quit, after asking what to do with note text in the detail pane that is not saved yet."""
        if self._board is None:
            self.exit()
            return
        await self._board.after_unsaved_check(self.exit, texts.UNSAVED_ON_QUIT)

    def action_open_settings(self) -> None:
        """Open the read-only settings screen (設定)."""
        from anken_tui.screens.settings_view import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.settings, self._settings_path, self.settings_problems))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=texts.PALETTE_PLACEHOLDER, id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """List the screen's key actions in Japanese, then the settings, theme and key-list commands."""
        seen = {"command_palette"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            help_text = binding.tooltip or binding.description
            yield SystemCommand(binding.description, help_text, partial(self.run_action, binding.action, active.node))

        yield SystemCommand(texts.COMMAND_SETTINGS, texts.HELP_SETTINGS, self.action_open_settings)
        yield SystemCommand(texts.COMMAND_THEME, texts.HELP_THEME, self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand(texts.COMMAND_KEYS, texts.HELP_KEYS, self.action_hide_help_panel)
        else:
            yield SystemCommand(texts.COMMAND_KEYS, texts.HELP_KEYS, self.action_show_help_panel)


def _is_open(app: App, screen_type: type[Screen]) -> bool:
    """Return whether a screen of `screen_type` is anywhere on the app's screen stack."""
    return any(isinstance(screen, screen_type) for screen in app.screen_stack)


def _read_settings(path: Path | None) -> tuple[Settings, list[SettingsProblem]]:
    """Return the settings in the file at `path` and its problems, or the defaults when there is no path."""
    if path is None:
        return Settings(), []
    settings, problems = load_settings(path)
    if problems:
        log.warning("settings file has %s problems; their parts use the defaults", len(problems))
    return settings, problems


def _active_staff(name: str | None) -> StaffRef | None:
    """Return the active member of staff called `name`, or None (no name, unknown or retired)."""
    if not name:
        return None
    staff = find_staff(name)
    if staff is None:
        return None
    active_ids = {member.id for member in list_staff(active_only=True)}
    return staff if staff.id in active_ids else None
