"""Provides DetailHost: the keys and rules by which the board opens, follows and closes the case detail pane."""

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING
from functools import partial

from textual import events, work
from textual.binding import Binding

from anken_tui import texts
from anken_tui.domain.lines import Line
from anken_tui.screens.unsaved import UnsavedModal
from anken_tui.services.summaries import CaseSummary
from anken_tui.widgets.stage_column import StageColumn

# The pane, its editor and their services are imported when the pane first opens, which keeps them out of
# the start time of the board.
if TYPE_CHECKING:
    from anken_tui.screens.case_detail import CaseDetailPane

log = logging.getLogger(__name__)

# From this width the pane opens beside the board; on a narrower terminal it takes the whole screen.
SPLIT_MIN_WIDTH = 100

# The pane's share of the screen in split view, and its bounds in cells.
PANE_SHARE = 0.45
PANE_MIN_WIDTH = 44
PANE_MAX_WIDTH = 64

PANE_ID = "case-detail"

# The footer of an 80-column board is full, so these keys are listed in the pane's own hint line and the palette.
FOOTER_ENTER_MIN_WIDTH = 100
DETAIL_BINDINGS = [
    # Enter is shown in the footer only where it fits beside q 終了; the hidden twin works on narrow screens.
    Binding("enter", "open_detail(True)", texts.KEY_OPEN_DETAIL, tooltip=texts.HELP_OPEN_DETAIL, id="open-detail"),
    Binding("enter", "open_detail(False)", texts.KEY_OPEN_DETAIL, show=False, tooltip=texts.HELP_OPEN_DETAIL,
            id="open-detail-narrow"),
    Binding("escape", "close_detail", texts.KEY_CLOSE_DETAIL, key_display="Esc", show=False,
            tooltip=texts.HELP_CLOSE_DETAIL, id="close-detail"),
    Binding("a", "new_note", texts.KEY_NEW_NOTE, show=False, tooltip=texts.HELP_NEW_NOTE, id="new-note"),
    Binding("e", "write_note", texts.KEY_WRITE_NOTE, show=False, tooltip=texts.HELP_WRITE_NOTE, id="write-note"),
    Binding("v", "log_activity", texts.KEY_LOG_ACTIVITY, show=False, tooltip=texts.HELP_LOG_ACTIVITY,
            id="log-activity"),
    Binding("f", "edit_fields", texts.KEY_EDIT_FIELDS, show=False, tooltip=texts.HELP_EDIT_FIELDS, id="edit-fields"),
]

# The action names, without the parameters that check_action receives apart.
DETAIL_ACTIONS = frozenset(binding.action.partition("(")[0] for binding in DETAIL_BINDINGS)


def pane_width(screen_width: int) -> int:
    """Return the cells the pane takes beside the board on a screen `screen_width` cells wide."""
    return max(PANE_MIN_WIDTH, min(PANE_MAX_WIDTH, int(screen_width * PANE_SHARE)))


class DetailHost:
    """Mixed into BoardScreen: opens the case detail pane for the highlighted card and keeps typed text safe.

    The pane follows the highlighted card. While its note editor contains
    unsaved text, anything that would drop it (another card, another board,
    closing the pane, quitting) first asks to save, discard or keep editing.
    The host screen provides `user`, `clock`, `line`, `columns`,
    `_highlighted_card()`, `_active_column` and `show_line()`.
    """

    _detail_asking = False
    _detail_opening = False
    _detail_followed_id: int | None = None

    @property
    def detail_pane(self) -> "CaseDetailPane | None":
        """The case detail pane, or None when it is closed."""
        return next(iter(self.query(f"#{PANE_ID}")), None)

    def detail_width(self, screen_width: int) -> int:
        """Return the cells the open pane takes from the board's columns (0 when closed or full screen)."""
        if self.detail_pane is None or screen_width < SPLIT_MIN_WIDTH:
            return 0
        return pane_width(screen_width)

    def check_detail_action(self, action: str, parameters: tuple[object, ...] = ()) -> bool | None:
        """Return whether a detail key is enabled now: they need a card, and Escape needs the open pane."""
        if action == "close_detail":
            return self.detail_pane is not None
        if action == "open_detail" and parameters and bool(parameters[0]) != (self.size.width >= FOOTER_ENTER_MIN_WIDTH):
            # False hides the twin that does not suit this width; the other one runs.
            return False
        pane = self.detail_pane
        return True if self._highlighted_card() is not None or (pane and pane.detail) else None

    async def after_unsaved_check(self, then: Callable[[], Awaitable[object] | object], question: str) -> None:
        """Run `then` now when no note text is unsaved; otherwise ask first, and run it only if the text is safe."""
        pane = self.detail_pane
        if pane is None or not pane.has_unsaved_text:
            result = then()
            if isinstance(result, Awaitable):
                await result
            return
        # A second request while the question is open (Ctrl+Q twice, say) is dropped: the first one is answered.
        if self._detail_asking or any(isinstance(screen, UnsavedModal) for screen in self.app.screen_stack):
            return
        self._detail_asking = True
        self._ask_then(then, question)

    @work(group="detail-guard")
    async def _ask_then(self, then: Callable[[], Awaitable[object] | object], question: str) -> None:
        pane = self.detail_pane
        if pane is None:
            self._detail_asking = False
            return
        try:
            go_on = await pane.resolve_unsaved(question)
        finally:
            self._detail_asking = False
        if not go_on:
            self._select_card(pane.case_id)
            return
        result = then()
        if isinstance(result, Awaitable):
            await result

    # Opening, following and closing.

    async def action_open_detail(self, shown_in_footer: bool = True) -> None:
        """Open the pane, or go into its notes when it is open; `shown_in_footer` only tells the two Enter bindings apart."""
        pane = self.detail_pane
        if pane is None:
            await self.open_detail()
            return
        # Enter with the pane open goes into it, to read and pick notes.
        pane.focus_first_note()

    async def open_detail(self, case_id: int | None = None) -> "CaseDetailPane | None":
        """Open the pane on `case_id`, else on the highlighted card, and return it; an open pane stays as it is."""
        pane = self.detail_pane
        if pane is not None:
            return pane
        if case_id is None:
            card = self._highlighted_card()
            if card is None:
                return None
            case_id = card.id

        from anken_tui.screens.case_detail import CaseDetailPane

        pane = CaseDetailPane(self.user, self.clock, id=PANE_ID)
        await self.mount(pane)
        self._fit_detail(self.size.width)
        await pane.show_case(case_id)
        self._detail_followed_id = case_id
        log.info("opened the detail of case %s", case_id)
        if self.has_class("-detail-full"):
            pane.focus_first_note()
        self.refresh_bindings()
        return pane

    async def open_case_detail(self, line: Line, case_id: int) -> None:
        """Show the case on the board of `line` and in the pane, once any unsaved note text is safe."""
        await self.after_unsaved_check(partial(self._open_case, line, case_id), texts.UNSAVED_ON_SWITCH)

    async def _open_case(self, line: Line, case_id: int) -> None:
        pane = self.detail_pane
        if pane is not None:
            await pane.close_editor()
        self._detail_opening = True
        try:
            on_board = await self.show_case(line, case_id)
            pane = await self.open_detail(case_id)
            if pane is not None and pane.case_id != case_id:
                await pane.show_case(case_id)
        finally:
            self._detail_opening = False
        highlighted = self._highlighted_card()
        self._detail_followed_id = highlighted.id if highlighted is not None else None
        if not on_board:
            # A case completed long ago has no card, but its detail can still be read.
            self.notify(texts.CASE_NOT_ON_BOARD.format(line=line.label), severity="warning", markup=False)

    async def action_close_detail(self) -> None:
        pane = self.detail_pane
        if pane is None:
            return
        focused = self.focused
        inside = focused is not None and pane in focused.ancestors_with_self
        if inside and not self.has_class("-detail-full") and pane.editor is None:
            # The first Escape inside the pane goes back to the board; the next one closes it.
            self._focus_board()
            return
        await self.after_unsaved_check(self._close_detail, texts.UNSAVED_ON_CLOSE)

    async def _close_detail(self) -> None:
        pane = self.detail_pane
        if pane is None:
            return
        await pane.remove()
        self.remove_class("-detail-full")
        self._fit_columns(self.size.width)
        self._focus_board()
        self.refresh_bindings()

    def on_stage_column_card_highlighted(self, message: StageColumn.CardHighlighted) -> None:
        """Show the highlighted card in the open pane; with unsaved note text, ask first."""
        pane = self.detail_pane
        # The card under the cursor now: a message posted before the cursor moved again is late, and its card old.
        card = message.column.highlighted_card
        if pane is None or card is None or not message.column.has_focus:
            return
        if self.has_class("-detail-full"):
            # The pane hides the board, so no card is highlighted by the user now.
            return
        if self._detail_asking or self._detail_opening:
            return
        if card.id == pane.case_id:
            self._detail_followed_id = card.id
            if card.version != pane.version:
                self.run_worker(pane.reload, group="detail-follow", exclusive=True)
            return
        if card.id == self._detail_followed_id:
            # The pane shows a case opened from elsewhere (a customer's page); only a move to another card follows.
            return
        self._start_follow(card)

    def follow_behind_full_pane(self) -> None:
        """Show the highlighted card in a full-screen pane, after the board hidden behind it changed line.

        A full-screen pane ignores highlighted cards (see on_stage_column_card_highlighted),
        so a switch to another line's board would otherwise leave the old line's case shown.
        """
        pane = self.detail_pane
        card = self._highlighted_card()
        if pane is None or card is None or not self.has_class("-detail-full") or card.id == pane.case_id:
            return
        self._start_follow(card)

    def _start_follow(self, card: CaseSummary) -> None:
        """Show `card` in the pane from a worker, once any unsaved note text is safe; a newer call replaces it."""
        self._detail_followed_id = card.id
        self.run_worker(partial(self._follow, card), group="detail-follow", exclusive=True)

    async def _follow(self, card: CaseSummary) -> None:
        pane = self.detail_pane
        if pane is None:
            return
        if pane.has_unsaved_text:
            await self.after_unsaved_check(lambda: self._show_in_pane(card.id), texts.UNSAVED_ON_SWITCH)
            return
        await pane.close_editor()
        await pane.show_case(card.id)

    async def _show_in_pane(self, case_id: int) -> None:
        pane = self.detail_pane
        highlighted = self._highlighted_card()
        if pane is not None:
            await pane.show_case(highlighted.id if highlighted is not None else case_id)
            self._focus_after_pane_change(pane)

    def on_case_detail_pane_editor_closed(self) -> None:
        # A named handler, not @on: decorated handlers are only collected from Textual classes, not from mixins.
        pane = self.detail_pane
        if pane is not None:
            self._focus_after_pane_change(pane)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_detail(event.size.width)

    def _fit_detail(self, width: int) -> None:
        """Size the pane for a screen `width` cells wide: beside the board, or the whole screen when narrow."""
        pane = self.detail_pane
        full = pane is not None and width < SPLIT_MIN_WIDTH
        self.set_class(full, "-detail-full")
        if pane is not None:
            pane.styles.width = "100%" if full else pane_width(width)
            focused = self.focused
            if full and (focused is None or pane not in focused.ancestors_with_self):
                # The board is hidden behind the pane, so the focus goes into the pane.
                pane.focus_first_note()
        self._fit_columns(width)

    # Notes, activities and fields.

    async def action_new_note(self) -> None:
        pane = await self.open_detail()
        if pane is not None:
            await pane.open_editor(None)

    async def action_write_note(self) -> None:
        pane = self.detail_pane
        note = pane.focused_note() if pane is not None else None
        pane = pane or await self.open_detail()
        if pane is not None:
            await pane.open_editor(note)

    @work(exclusive=True, group="detail-activity")
    async def action_log_activity(self) -> None:
        from anken_tui.screens.activity import ActivityModal

        pane = await self.open_detail()
        if pane is None or pane.detail is None:
            return
        logged = await self.app.push_screen_wait(ActivityModal(pane.detail.summary, self.user, self.clock))
        if logged is not None:
            await self._after_case_change(pane)

    @work(exclusive=True, group="detail-fields")
    async def action_edit_fields(self) -> None:
        from anken_tui.screens.case_fields import CaseFieldsModal

        pane = await self.open_detail()
        if pane is None or pane.detail is None:
            return
        saved = await self.app.push_screen_wait(CaseFieldsModal(pane.detail, self.user, self.clock))
        if saved is not None:
            await self._after_case_change(pane)

    async def _after_case_change(self, pane: "CaseDetailPane") -> None:
        """Show the case again in the pane and on its card (follow-up date, days in 打合せ)."""
        case_id = pane.case_id
        await pane.reload()
        if case_id is not None and self.line is (pane.detail.line if pane.detail else None):
            await self.show_line(self.line, focus_case=case_id)
        self._focus_after_pane_change(pane)

    # Focus.

    def detail_keeps_focus(self) -> bool:
        """Whether the focus is in the note editor, where the board must not take it: keys there are text."""
        pane = self.detail_pane
        editor = pane.editor if pane is not None else None
        focused = self.focused
        return editor is not None and focused is not None and editor in focused.ancestors_with_self

    def _focus_after_pane_change(self, pane: "CaseDetailPane") -> None:
        """Give the focus back to the board, or to the pane's notes when the pane hides the board."""
        if self.has_class("-detail-full"):
            pane.focus_first_note()
        else:
            self._focus_board()

    def _focus_board(self) -> None:
        columns = self.columns
        if not columns:
            return
        column = self._active_column if self._active_column in columns else columns[0]
        self._active_column = column
        column.focus()

    def _select_card(self, case_id: int | None) -> None:
        """Put the board's cursor back on `case_id`, where the editor still is, without moving the focus."""
        if case_id is None:
            return
        for column in self.columns:
            if column.select_case(case_id):
                self._active_column = column
                self._detail_followed_id = case_id
                return
