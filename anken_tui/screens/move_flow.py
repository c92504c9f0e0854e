"""Provides the stage-move flow that the board and the stale view share: checks, dialogs, save and messages."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from weakref import WeakKeyDictionary

from textual.app import App
from textual.screen import Screen

from anken_tui import texts
from anken_tui.clock import Clock
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.moves import MoveCheck, MoveKind, check_move
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import AnkenError, ConflictError, MoveRejectedError, NotFoundError
from anken_tui.services.cases import MoveResult, back_stage, move_case, move_options
from anken_tui.services.summaries import StaffRef

# The dialogs are imported where they open: their widgets (Select, RadioSet,
# OptionList) would otherwise add to the time every start takes.
if TYPE_CHECKING:
    from anken_tui.screens.end_case import EndCaseChoice

# The outcome and reason of each end-of-case move that was not saved (someone else changed the case first,
# or the database was busy), per app and case id, so that the dialog opens with them on the next try.
_unsaved_choices: "WeakKeyDictionary[App, dict[int, EndCaseChoice]]" = WeakKeyDictionary()


class MovableCase(Protocol):
    """The fields of a case that the move flow reads, as a board card (CaseSummary) or a stale-view row (StaleCase) has them."""

    id: int
    line: Line
    sales_kind: SalesKind | None
    stage: str
    title: str
    version: int


@dataclass(frozen=True)
class MoveAttempt:
    """The end of a move request: the saved move, or nothing saved.

    `out_of_date` is True when someone else changed or deleted the case, so the
    screen should load it again before the user retries.
    """

    result: MoveResult | None = None
    out_of_date: bool = False


def target_of_kind(case: MovableCase, kind: MoveKind) -> str | None:
    """Return the stage that a move of `kind` (next, back) takes the case to, or None when there is none."""
    return next((check.target for check in move_options(case) if check.kind is kind), None)


async def pick_target(screen: Screen, case: MovableCase) -> str | None:
    """Show the stage picker for `case` and return the chosen stage, or None (none allowed or Escape)."""
    checks = move_options(case)
    if not checks:
        notify_rejected(screen, texts.PICK_STAGE_NONE)
        return None

    from anken_tui.screens.stage_picker import StagePickerModal

    return await screen.app.push_screen_wait(StagePickerModal(case.title, checks))


async def move_with_dialogs(
    screen: Screen, case: MovableCase, target: str, *, user: StaffRef, clock: Clock
) -> MoveAttempt:
    """Check the move, ask what it needs (skip confirmation, outcome and reason), then save it.

    Runs in a worker of `screen`, because the dialogs are awaited. A rejected or
    cancelled move saves nothing; errors are shown as notifications.
    """
    check = _check(case, target)
    if not check.allowed:
        notify_rejected(screen, texts.move_rejection(check, back_stage(case)))
        return MoveAttempt()
    if check.needs_confirmation and not await _confirm_skip(screen, check):
        return MoveAttempt()

    choice = None
    if check.needs_outcome:
        from anken_tui.screens.end_case import EndCaseModal

        kept = _unsaved_choices.get(screen.app, {}).get(case.id)
        preselect = Outcome.WON if Outcome.WON in check.outcomes else None
        if kept is not None:
            preselect = kept.outcome
        reason = kept.reason if kept is not None else ""
        choice = await screen.app.push_screen_wait(EndCaseModal(case.title, check.outcomes, preselect, reason))
        if choice is None:
            return MoveAttempt()
    return _save_move(screen, case, target, choice, user, clock)


def _check(case: MovableCase, target: str) -> MoveCheck:
    # move_options returns the stage a completed case reopens to, and check_move alone names the rejection.
    allowed = next((check for check in move_options(case) if check.target == target), None)
    return allowed or check_move(case.line, case.sales_kind, case.stage, target)


async def _confirm_skip(screen: Screen, check: MoveCheck) -> bool:
    from anken_tui.screens.confirm import ConfirmModal

    message = texts.CONFIRM_SKIP.format(skipped=texts.STAGE_SEPARATOR.join(check.skipped), target=check.target)
    return await screen.app.push_screen_wait(ConfirmModal(message, texts.CONFIRM_YES, texts.CONFIRM_NO))


def _save_move(
    screen: Screen, case: MovableCase, target: str, choice: "EndCaseChoice | None", user: StaffRef, clock: Clock
) -> MoveAttempt:
    try:
        result = move_case(
            case.id,
            target,
            expected_version=case.version,
            user=user,
            clock=clock,
            outcome=choice.outcome if choice else None,
            reason=choice.reason if choice else "",
        )
    except (ConflictError, NotFoundError) as error:
        _keep_choice(screen.app, case.id, choice)
        notify_error(screen, error)
        return MoveAttempt(out_of_date=True)
    except AnkenError as error:
        _keep_choice(screen.app, case.id, choice)
        notify_error(screen, error)
        return MoveAttempt()

    _unsaved_choices.get(screen.app, {}).pop(case.id, None)
    screen.notify(texts.MOVED.format(title=result.case.title, stage=result.case.stage), markup=False)
    return MoveAttempt(result=result)


def _keep_choice(app: App, case_id: int, choice: "EndCaseChoice | None") -> None:
    if choice is not None and choice.reason:
        _unsaved_choices.setdefault(app, {})[case_id] = choice


def notify_rejected(screen: Screen, message: str) -> None:
    """Show why a move is not allowed, as a warning."""
    screen.notify(message, title=MoveRejectedError.title, severity="warning", markup=False)


def notify_error(screen: Screen, error: AnkenError) -> None:
    """Show an error with its Japanese title and message."""
    screen.notify(error.message, title=error.title, severity="error", markup=False)
