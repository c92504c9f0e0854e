"""Provides StagePickerModal: the list of stages a case may move to, with the kind of each move."""

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from anken_tui import texts
from anken_tui.domain.moves import MoveCheck, MoveKind

# Cells between the stage name and the kind of move, so the kinds line up.
_KIND_GAP = 2


def move_label(check: MoveCheck, stage_cells: int) -> Text:
    """Return the option text of one allowed move: stage, kind and any skipped stages."""
    padding = " " * (stage_cells - cell_len(check.target) + _KIND_GAP)
    label = Text.assemble(check.target, padding, (texts.MOVE_KIND_LABELS[check.kind], "bold"))
    if check.kind is MoveKind.SKIP and check.skipped:
        skipped = texts.STAGE_SEPARATOR.join(check.skipped)
        label.append(f"  {texts.PICK_STAGE_SKIPPED.format(stages=skipped)}", style="dim")
    return label


class StagePickerModal(ModalScreen[str | None]):
    """Pick the target stage of a case; returns the stage name, or None on Escape.

    | Key | Action |
    | :- | :- |
    | up, down | Highlight a stage. |
    | enter | Pick the highlighted stage. |
    | escape | Close without moving. |
    """

    CSS_PATH = "../tcss/dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", texts.CONFIRM_NO, show=False, id="stage-picker-cancel")]

    def __init__(self, case_title: str, checks: list[MoveCheck]) -> None:
        super().__init__()
        self._case_title = case_title
        self._checks = list(checks)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stage-picker-dialog"):
            title = texts.PICK_STAGE_TITLE.format(title=self._case_title)
            yield Static(title, markup=False, classes="dialog-title")
            if self._checks:
                yield OptionList(*self._options(), id="stage-picker-list")
            else:
                yield Static(texts.PICK_STAGE_NONE, markup=False, id="stage-picker-none")
            hint = texts.DIALOG_HINT_PICK if self._checks else texts.DIALOG_HINT_CLOSE
            yield Static(hint, markup=False, classes="dialog-hint")

    def _options(self) -> list[Option]:
        stage_cells = max(cell_len(check.target) for check in self._checks)
        return [Option(move_label(check, stage_cells)) for check in self._checks]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        # Options are in the order of `_checks`, so the pick never reads a label back.
        self.dismiss(self._checks[event.option_index].target)

    def action_cancel(self) -> None:
        self.dismiss(None)
