"""Provides AnkenApp: the Textual application that sets the user (入力者) and opens the board."""

import logging
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.lines import Line
from anken_tui.screens.board import BoardScreen
from anken_tui.services.staff import find_staff, list_staff
from anken_tui.services.summaries import StaffRef
from anken_tui.settings import SettingsError, save_user_name

log = logging.getLogger(__name__)


class AnkenApp(App[None]):
    """The case board (案件管理) on a database that the caller has already opened and migrated."""

    TITLE = texts.APP_TITLE
    CSS_PATH = "tcss/app.tcss"

    BINDINGS = [
        Binding("ctrl+p", "command_palette", texts.KEY_PALETTE, show=False, priority=True, id="command-palette"),
        Binding("ctrl+q", "quit", texts.KEY_QUIT, show=False, priority=True, id="quit-app"),
    ]

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        user_name: str | None = None,
        settings_path: Path | None = None,
        start_line: Line = Line.RENTAL,
    ) -> None:
        super().__init__()
        self.clock = clock or Clock()
        self.start_line = start_line
        self.user: StaffRef | None = None
        self._user_name = user_name
        self._settings_path = settings_path

    def on_mount(self) -> None:
        user = _active_staff(self._user_name)
        if user is not None:
            self._open_board(user)
            return
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
        self._open_board(user)

    def _open_board(self, user: StaffRef) -> None:
        self.user = user
        log.info("session started by staff %s", user.id)
        self.push_screen(BoardScreen(self.start_line, user, self.clock))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=texts.PALETTE_PLACEHOLDER, id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """List the screen's key actions in Japanese, then the theme and key-list commands."""
        seen = {"command_palette"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            help_text = binding.tooltip or binding.description
            yield SystemCommand(binding.description, help_text, partial(self.run_action, binding.action, active.node))

        yield SystemCommand(texts.COMMAND_THEME, texts.HELP_THEME, self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand(texts.COMMAND_KEYS, texts.HELP_KEYS, self.action_hide_help_panel)
        else:
            yield SystemCommand(texts.COMMAND_KEYS, texts.HELP_KEYS, self.action_show_help_panel)


def _active_staff(name: str | None) -> StaffRef | None:
    """Return the active member of staff called `name`, or None (no name, unknown or retired)."""
    if not name:
        return None
    staff = find_staff(name)
    if staff is None:
        return None
    active_ids = {member.id for member in list_staff(active_only=True)}
    return staff if staff.id in active_ids else None
