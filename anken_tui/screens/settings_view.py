"""Provides SettingsScreen: a read-only view of the settings in force and the problems found in the file."""

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from anken_tui import texts
from anken_tui.domain.dates import format_list_date
from anken_tui.domain.lines import ALL_STAGES, COMPLETED, STAGES, Line
from anken_tui.domain.staleness import DEFAULT_THRESHOLDS, threshold_for
from anken_tui.settings import Settings, SettingsProblem


class SettingsScreen(Screen[None]):
    """The stale thresholds per line and stage, the business-day calendar, the file's path and its problems.

    Nothing here can be edited: the office changes the settings file and starts
    the app again.
    """

    CSS_PATH = "../tcss/stale.tcss"

    BINDINGS = [
        Binding("escape,b", "close", texts.KEY_CLOSE, key_display="Esc", tooltip=texts.HELP_CLOSE_SETTINGS,
                id="settings-close"),
    ]

    def __init__(self, settings: Settings, path: Path | None, problems: list[SettingsProblem]) -> None:
        super().__init__()
        self.settings = settings
        self.path = path
        self.problems = list(problems)
        self.title = texts.SETTINGS_TITLE

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        with VerticalScroll(id="settings-body"):
            yield Static(texts.SETTINGS_FILE, markup=False, classes="section-label")
            yield Static(self._path_text(), markup=False, id="settings-path", classes="section-body")

            yield Static(texts.SETTINGS_PROBLEMS, markup=False, classes="section-label")
            if self.problems:
                for problem in self.problems:
                    yield Static(problem.message, markup=False, classes="section-body settings-problem")
            else:
                yield Static(texts.SETTINGS_NO_PROBLEMS, markup=False, id="settings-no-problems", classes="section-body")

            yield Static(texts.SETTINGS_THRESHOLDS, markup=False, classes="section-label")
            yield self._threshold_table()
            yield Static(texts.SETTINGS_THRESHOLDS_NOTE, markup=False, classes="section-body note")

            yield Static(texts.SETTINGS_CALENDAR, markup=False, classes="section-label")
            yield Static(self._calendar_text(), markup=False, id="settings-calendar", classes="section-body")
            yield Static(texts.SETTINGS_HOW_TO_CHANGE, markup=False, classes="section-body note")
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)

    def _path_text(self) -> str:
        if self.path is None:
            return texts.SETTINGS_FILE_NONE
        if not self.path.exists():
            return texts.SETTINGS_FILE_MISSING.format(path=self.path)
        return str(self.path)

    def _threshold_table(self) -> DataTable:
        """Build a table with one row per stage and one column per line, marking values changed in the file."""
        table = DataTable(show_cursor=False, zebra_stripes=True, id="settings-thresholds")
        table.add_column(Text(texts.SETTINGS_STAGE), key="stage")
        for line in Line:
            table.add_column(Text(line.label), key=line.value)

        for stage in ALL_STAGES:
            if stage == COMPLETED:
                continue
            cells = [Text(stage)]
            for line in Line:
                cells.append(Text(self._threshold_cell(line, stage), justify="right"))
            table.add_row(*cells, key=stage)
        return table

    def _threshold_cell(self, line: Line, stage: str) -> str:
        if stage not in STAGES[line]:
            return ""
        days = threshold_for(line, stage, self.settings.thresholds)
        if days is None:
            return texts.SETTINGS_NO_THRESHOLD
        changed = days != threshold_for(line, stage, DEFAULT_THRESHOLDS)
        return f"{days}{texts.SETTINGS_CHANGED_MARK}" if changed else str(days)

    def _calendar_text(self) -> str:
        calendar = self.settings.calendar
        lines = [texts.SETTINGS_SATURDAY_WORKDAY if calendar.saturday_is_workday else texts.SETTINGS_SATURDAY_CLOSED]
        lines.append(texts.SETTINGS_ALWAYS_CLOSED)
        if calendar.closed_days:
            days = "、".join(format_list_date(day) for day in sorted(calendar.closed_days))
            lines.append(texts.SETTINGS_CLOSED_DAYS.format(days=days))
        else:
            lines.append(texts.SETTINGS_NO_CLOSED_DAYS)
        return "\n".join(lines)
