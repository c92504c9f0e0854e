"""Provides BoardScreen: the kanban board of one business line and the stage moves made on it."""

import logging
from functools import partial
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.kana import search_key
from anken_tui.domain.lines import COMPLETED, Line
from anken_tui.domain.moves import MoveKind
from anken_tui.errors import AnkenError, ConflictError, NotFoundError
from anken_tui.heap import collect_and_freeze, collection_paused, end_start_pause, freeze_heap, thaw_heap
from anken_tui.screens.detail_host import DETAIL_ACTIONS, DETAIL_BINDINGS, DetailHost
from anken_tui.services.board import load_board, load_board_start
from anken_tui.services.summaries import Board, CaseSummary, StaffRef
from anken_tui.settings import Settings
from anken_tui.widgets.key_footer import KeyFooter
from anken_tui.widgets.card_render import CARD_HEIGHT
from anken_tui.widgets.stage_column import StageColumn

if TYPE_CHECKING:
    from anken_tui.services.cases import MoveResult

# The move flow and the case services are imported by the first move, not at start:
# together they took about 2 ms of a start (measured on a 2-core machine).

log = logging.getLogger(__name__)

# Actions that move the focus or replace the columns. Their keys are priority bindings, which Textual
# runs before it hands the next key to the focused widget. A key typed right after them then goes where
# they put the focus, not to a column that is about to lose it or be removed.
FOCUS_ACTIONS = frozenset({"filter_cards", "show_line"})
# NOTE: n, m, c, a and e, which open a dialog or the note editor, are ordinary bindings. Letters
# typed very fast after them can still reach the board before the new widget has the focus.

# Actions that work on the highlighted card, so they are disabled when there is none.
CARD_ACTIONS = frozenset({"move_next", "move_back", "pick_stage", "end_case"})

# Narrower columns cut most names and titles short; the stages that do not fit scroll sideways.
MIN_COLUMN_WIDTH = 20

# Below this width the footer cannot also show ^p コマンド without cutting off q 終了.
PALETTE_KEY_MIN_WIDTH = 100

LINE_KEYS = {"1": Line.RENTAL, "2": Line.SALES, "3": Line.RENOVATION, "4": Line.EQUIPMENT}
_LINE_GROUP = Binding.Group(texts.KEY_LINE_GROUP, compact=True)


def _line_binding(key: str, line: Line) -> Binding:
    description = texts.KEY_LINE.format(label=line.label)
    tooltip = texts.HELP_LINE.format(label=line.label)
    return Binding(
        key, f"show_line('{line.value}')", description, tooltip=tooltip, group=_LINE_GROUP, priority=True,
        id=f"line-{line.value}",
    )


class BoardScreen(DetailHost, Screen[None]):
    """The stages of one line as columns of cards; keys move the highlighted card.

    Moves update the two columns in place; only a conflict with another
    writer reloads the board from the database.
    """

    # Its styles (tcss/board.tcss) are in AnkenApp.CSS_PATH.

    BINDINGS = [
        Binding("greater_than_sign,shift+right", "move_next", texts.KEY_NEXT_STAGE, key_display=">",
                tooltip=texts.HELP_NEXT_STAGE, id="move-next"),
        Binding("less_than_sign,shift+left", "move_back", texts.KEY_PREVIOUS_STAGE, key_display="<",
                tooltip=texts.HELP_PREVIOUS_STAGE, id="move-back"),
        Binding("m", "pick_stage", texts.KEY_PICK_STAGE, tooltip=texts.HELP_PICK_STAGE, id="pick-stage"),
        Binding("c", "end_case", texts.KEY_END_CASE, tooltip=texts.HELP_END_CASE, id="end-case"),
        Binding("u", "undo_move", texts.KEY_UNDO, tooltip=texts.HELP_UNDO, id="undo-move"),
        Binding("n", "new_case", texts.KEY_NEW_CASE, tooltip=texts.HELP_NEW_CASE, id="new-case"),
        Binding("slash", "filter_cards", texts.KEY_FILTER, key_display="/", tooltip=texts.HELP_FILTER, priority=True,
                id="filter-cards"),
        Binding("escape", "clear_filter", texts.KEY_CLEAR_FILTER, key_display="Esc",
                tooltip=texts.HELP_CLEAR_FILTER, id="clear-filter"),
        Binding("left,h", "focus_column(-1)", texts.KEY_COLUMN_LEFT, show=False, tooltip=texts.HELP_COLUMN_LEFT,
                id="column-left"),
        Binding("right,l", "focus_column(1)", texts.KEY_COLUMN_RIGHT, show=False, tooltip=texts.HELP_COLUMN_RIGHT,
                id="column-right"),
        *(_line_binding(key, line) for key, line in LINE_KEYS.items()),
        Binding("s", "app.open_stale_view", texts.KEY_STALE_VIEW, tooltip=texts.HELP_STALE_VIEW, id="open-stale-view"),
        Binding("q", "app.quit", texts.KEY_QUIT, tooltip=texts.HELP_QUIT, id="quit"),
        *DETAIL_BINDINGS,
    ]

    def __init__(self, line: Line, user: StaffRef, clock: Clock, settings: Settings | None = None) -> None:
        """Build the board of `line`; `settings` gives the stale thresholds and business days (defaults if None)."""
        super().__init__()
        self.line = line
        self.user = user
        self.clock = clock
        self.settings = settings or Settings()
        self._columns: dict[str, StageColumn] = {}
        self._active_column: StageColumn | None = None
        self._filter_query = ""
        self._filter_key = ""
        # The moves made in this session, newest last; `u` undoes them one by one.
        self._undo_stack: list["MoveResult"] = []
        # The version of each case after this session's last write to it. An undo
        # needs it: undoing a later move raised the version past its MoveResult's.
        self._written_versions: dict[int, int] = {}
        # Counts the loads of the board, so the rest of a board loaded for its first screen
        # is not put into the board of another line, or over a newer load.
        self._loads = 0
        self._start_complete = True

    def compose(self) -> ComposeResult:
        yield Header(icon="☰")
        # The first board is built here rather than mounted later, which saves a layout pass at start.
        with Horizontal(id="board-columns"):
            with collection_paused():
                board = load_board_start(
                    self.line, self.clock, self._first_cards(), self.settings.calendar, self.settings.thresholds
                )
                columns = self._build_columns(board)
            self._start_complete = board.is_complete
            yield from columns
        self._fit_columns(self.app.size.width)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self._restore_focus(None, None, 0)
        self.update_header()
        if self._start_complete:
            self.call_after_refresh(self._end_start)
        else:
            self.call_after_refresh(self._load_rest, self._loads)

    def _first_cards(self) -> int:
        """Return how many cards of each column the first screen can show: one more than fit the terminal."""
        return self.app.size.height // CARD_HEIGHT + 1

    def _load_rest(self, load: int) -> None:
        """Put every card into the columns that show only their first ones, unless the board was loaded since.

        Runs right after the first frame, or earlier when a key needs every card
        (`_complete_board`). The cursor of each column stays on its card.
        """
        if load != self._loads or not self.is_attached or all(column.is_complete for column in self.columns):
            return
        with collection_paused():
            board = load_board(self.line, self.clock)
            today = self.clock.today()
            for column in board.columns:
                stage_column = self._columns[column.stage]
                highlighted = stage_column.highlighted_card
                stage_column.set_cards(column.cards, today=today, hidden_count=column.hidden_count)
                if highlighted is not None:
                    stage_column.select_case(highlighted.id)
        self.update_header()
        self.refresh_bindings()
        self.call_after_refresh(self._end_start)
        log.info("loaded the rest of board %s: %s open cases", self.line.value, board.open_count)

    def _complete_board(self) -> None:
        """Load the rest of the board now: a key needs every card, such as End or the filter."""
        self._load_rest(self._loads)

    def _end_start(self) -> None:
        # The cards live as long as the board; a full pass over them now would find nothing to free.
        freeze_heap()
        end_start_pause()

    @property
    def columns(self) -> list[StageColumn]:
        """The columns of the board shown, in stage order."""
        return list(self._columns.values())

    def column(self, stage: str) -> StageColumn:
        """Return the column of `stage` on the board shown."""
        return self._columns[stage]

    async def show_line(self, line: Line, *, focus_case: int | None = None) -> None:
        """Load the board of `line` from the database and show it, replacing the columns.

        The focus goes to the card of `focus_case` if it is on the board, else to
        the column (and card index) that had it, else to the first column.
        """
        self._loads += 1
        with collection_paused():
            board = load_board(line, self.clock)
        kept_stage, kept_cursor = self._focus_position() if line is self.line else (None, 0)
        changed_line = line is not self.line
        self.line = line

        container = self.query_one("#board-columns", Horizontal)
        # The old columns refer to each other and to the screen, so only the collector
        # can free them. It skips frozen objects, so thaw them before dropping them.
        thaw_heap()
        await container.remove_children()
        with collection_paused():
            columns = self._build_columns(board)
        await container.mount_all(columns)
        self._fit_columns(self.size.width)
        for stage_column in self.columns:
            stage_column.filter_by(self._filter_key)

        self._restore_focus(focus_case, kept_stage, kept_cursor)
        if changed_line:
            self.follow_behind_full_pane()
        self.update_header()
        self.call_after_refresh(collect_and_freeze)
        log.info("showing board %s with %s open cases", line.value, board.open_count)

    async def show_case(self, line: Line, case_id: int) -> bool:
        """Show the board of `line` with the card of `case_id` selected, clearing any filter.

        Returns False when the case has no card there, such as a case completed
        more than 30 days ago.
        """
        self.action_clear_filter()
        await self.show_line(line, focus_case=case_id)
        card = self._highlighted_card()
        return card is not None and card.id == case_id

    def apply_changes(self, cards: dict[int, CaseSummary | None]) -> None:
        """Show cases changed elsewhere in place: each card moves, changes or leaves (None).

        The focus stays where it is, and every column keeps its cursor on the
        card it was on. A detail pane showing one of the cases is loaded again.
        """
        if not cards:
            return
        for stage_column in self.columns:
            stage_column.replace_cards(cards)
        self.update_header()
        self.refresh_bindings()

        pane = self.detail_pane
        if pane is not None and pane.case_id in cards:
            self.run_worker(pane.reload, group="detail-live", exclusive=True)

    def highlighted_case_id(self) -> int | None:
        """Return the id of the case under the cursor of the active column, or None."""
        card = self._highlighted_card()
        return card.id if card is not None else None

    def on_resize(self, event: events.Resize) -> None:
        self._fit_columns(event.size.width)
        self.query_one(KeyFooter).show_command_palette = event.size.width >= PALETTE_KEY_MIN_WIDTH
        self.refresh_bindings()

    def update_header(self) -> None:
        """Show the line, its count of open cases, the user and the filter in the header."""
        open_count = sum(column.total_count for column in self.columns if column.stage != COMPLETED)
        parts = [
            texts.HEADER_BOARD.format(label=self.line.label, count=open_count),
            texts.HEADER_USER.format(name=self.user.name),
        ]
        if self._filter_key:
            parts.append(texts.FILTER_ACTIVE.format(query=self._filter_query))
        # Header draws the sub-title as plain text, so a name with [brackets] shows as it is.
        self.sub_title = "  ".join(parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FOCUS_ACTIONS and (isinstance(self.focused, Input) or self.detail_keeps_focus()):
            # The key is text there: a digit or / typed in the filter or a note. TextArea is
            # not imported to check the note editor, because loading it would slow the start.
            return False
        if action in CARD_ACTIONS:
            return True if self._highlighted_card() is not None else None
        if action == "clear_filter":
            return self.has_class("-filtering")
        if action in DETAIL_ACTIONS:
            return self.check_detail_action(action, parameters)
        return True

    def on_stage_column_card_highlighted(self, message: StageColumn.CardHighlighted) -> None:
        if message.column.has_focus:
            self._active_column = message.column
        self.refresh_bindings()

    def action_focus_column(self, step: int) -> None:
        columns = self.columns
        if not columns:
            return
        current = self._active_column if self._active_column in columns else columns[0]
        index = max(0, min(columns.index(current) + step, len(columns) - 1))
        self._focus_column(columns[index])

    async def action_show_line(self, line_key: str) -> None:
        # Unsaved note text in the detail pane is saved or discarded first, as the user chooses.
        await self.after_unsaved_check(partial(self.show_line, Line(line_key)), texts.UNSAVED_ON_SWITCH)
        # Widget.focus() moves the focus only after this key is handled, so the next key typed
        # would go to a column of the old board, which is gone. The new column takes it now.
        column = self._active_column
        keep_away = self.detail_keeps_focus() or self.has_class("-detail-full")
        if column in self.columns and not column.has_focus and not keep_away:
            self.set_focus(column, scroll_visible=False)

    def action_move_next(self) -> None:
        self._move_by_kind(MoveKind.NEXT, texts.NO_NEXT_STAGE)

    def action_move_back(self) -> None:
        self._move_by_kind(MoveKind.BACK, texts.NO_PREVIOUS_STAGE)

    def action_end_case(self) -> None:
        card = self._highlighted_card()
        if card is not None:
            self._run_move(card, COMPLETED)

    @work(exclusive=True, group="board-move")
    async def action_pick_stage(self) -> None:
        card = self._highlighted_card()
        if card is None:
            return
        from anken_tui.screens.move_flow import pick_target

        target = await pick_target(self, card)
        if target is not None:
            await self._move(card, target)

    async def action_undo_move(self) -> None:
        from anken_tui.screens.move_flow import notify_error
        from anken_tui.services.cases import undo_move

        if not self._undo_stack:
            self.notify(texts.NOTHING_TO_UNDO, severity="warning", markup=False)
            return

        last = self._undo_stack.pop()
        version = self._written_versions.get(last.case.id, last.case.version)
        try:
            result = undo_move(last.change_id, expected_version=version, user=self.user, clock=self.clock)
        except (ConflictError, NotFoundError) as error:
            notify_error(self, error)
            await self.show_line(self.line, focus_case=last.case.id)
            return
        except AnkenError as error:
            # The database was busy: nothing changed, so the move can still be undone later.
            self._undo_stack.append(last)
            notify_error(self, error)
            return

        self._place_moved_card(result)
        self.notify(texts.UNDONE.format(title=result.case.title, stage=result.case.stage), markup=False)

    @work(exclusive=True, group="board-new-case")
    async def action_new_case(self) -> None:
        from anken_tui.screens.new_case import NewCaseModal

        created = await self.app.push_screen_wait(NewCaseModal(self.line, self.user, self.clock))
        if created is None:
            return
        if created.line is not self.line:
            await self.show_line(created.line, focus_case=created.id)
        else:
            self._add_card(created)
        self.update_header()
        self.notify(texts.CASE_CREATED.format(title=created.title), markup=False)

    async def action_filter_cards(self) -> None:
        self._complete_board()
        # The filter field is made on first use, which keeps it out of the start time. It takes the
        # focus at once, before its mount completes, so the next keys typed are text, not board keys.
        filter_inputs = self.query("#board-filter").results(Input)
        filter_input = next(filter_inputs, None)
        self.add_class("-filtering")
        if filter_input is None:
            filter_input = Input(placeholder=texts.FILTER_PLACEHOLDER, compact=True, id="board-filter")
            mounted = self.mount(filter_input, before="#board-columns")
            self.set_focus(filter_input)
            await mounted
        else:
            self.set_focus(filter_input)

    def action_clear_filter(self) -> None:
        for filter_input in self.query("#board-filter").results(Input):
            filter_input.value = ""
        self._apply_filter("")
        self.remove_class("-filtering")
        self._focus_active_column()

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply_filter(event.value)

    @on(Input.Submitted, "#board-filter")
    def _filter_submitted(self) -> None:
        self._focus_active_column()

    def _apply_filter(self, query: str) -> None:
        self._filter_query = query
        self._filter_key = search_key(query)
        for stage_column in self.columns:
            stage_column.filter_by(self._filter_key)
        self.update_header()

    def _build_columns(self, board: Board) -> list[StageColumn]:
        """Make the columns of `board`, remembered by stage, and return them in stage order."""
        today = self.clock.today()
        self._columns = {
            column.stage: StageColumn(
                column.stage,
                column.cards,
                today=today,
                hidden_count=column.hidden_count,
                newest_first=column.stage == COMPLETED,
                calendar=self.settings.calendar,
                thresholds=self.settings.thresholds,
                counts=column.counts,
                need_all_cards=self._complete_board,
                id=f"column-{index}",
            )
            for index, column in enumerate(board.columns)
        }
        return self.columns

    def _fit_columns(self, width: int) -> None:
        """Share `width` between as many columns as fit at MIN_COLUMN_WIDTH; the rest scroll into view."""
        columns = self.columns
        width -= self.detail_width(width)
        if not columns or width <= 0:
            return
        visible = max(1, min(len(columns), width // MIN_COLUMN_WIDTH))
        for stage_column in columns:
            stage_column.styles.width = f"{100 / visible}%"

    def _move_by_kind(self, kind: MoveKind, none_message: str) -> None:
        from anken_tui.screens.move_flow import notify_rejected, target_of_kind

        card = self._highlighted_card()
        if card is None:
            return
        target = target_of_kind(card, kind)
        if target is None:
            notify_rejected(self, none_message)
            return
        self._run_move(card, target)

    @work(exclusive=True, group="board-move")
    async def _run_move(self, card: CaseSummary, target: str) -> None:
        await self._move(card, target)

    async def _move(self, card: CaseSummary, target: str) -> None:
        """Run the shared move flow; put the moved card in place, or reload when the case changed meanwhile."""
        from anken_tui.screens.move_flow import move_with_dialogs

        attempt = await move_with_dialogs(self, card, target, user=self.user, clock=self.clock)
        if attempt.out_of_date:
            await self.show_line(self.line, focus_case=card.id)
        elif attempt.result is not None:
            self._undo_stack.append(attempt.result)
            self._place_moved_card(attempt.result)

    def _place_moved_card(self, result: "MoveResult") -> None:
        """Move the card between the two columns in place and keep the focus on it."""
        self._written_versions[result.case.id] = result.case.version
        if result.case.line is not self.line:
            return
        self.column(result.from_stage).remove_card(result.case.id)
        self._add_card(result.case)
        self.update_header()
        self.refresh_bindings()

    def _add_card(self, card: CaseSummary) -> None:
        """Insert `card` in its stage's column and focus it, clearing a filter that hides it."""
        target = self.column(card.stage)
        if target.insert_card(card) is None:
            self.action_clear_filter()
        self._focus_column(target)
        target.select_case(card.id)

    def _highlighted_card(self) -> CaseSummary | None:
        if self._active_column is None or self._active_column not in self.columns:
            return None
        return self._active_column.highlighted_card

    def _focus_position(self) -> tuple[str | None, int]:
        if self._active_column is None:
            return None, 0
        return self._active_column.stage, self._active_column.cursor

    def _restore_focus(self, case_id: int | None, stage: str | None, cursor: int) -> None:
        for stage_column in self.columns:
            if case_id is not None and stage_column.select_case(case_id):
                self._focus_column(stage_column)
                return
        fallback = self._columns.get(stage) if stage is not None else None
        fallback = fallback or self.columns[0]
        fallback.cursor = cursor
        self._focus_column(fallback)

    def _focus_active_column(self) -> None:
        column = self._active_column if self._active_column in self.columns else None
        self._focus_column(column or self.columns[0])

    def _focus_column(self, column: StageColumn) -> None:
        self._active_column = column
        # A reload must not take the focus from the note editor, where keys are text,
        # nor give it to a column hidden behind a full-screen pane.
        if not self.detail_keeps_focus() and not self.has_class("-detail-full"):
            # Scroll without animation: an animated scroll cut short by the next key
            # stops between columns and leaves half columns at both edges.
            column.focus(scroll_visible=False)
            self.call_after_refresh(self._scroll_to_column, column)

    def _scroll_to_column(self, column: StageColumn) -> None:
        if column.is_attached:
            self.query_one("#board-columns", Horizontal).scroll_to_widget(column, animate=False)
