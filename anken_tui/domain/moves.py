"""Provides the rules for moving a case from one stage to another."""

from dataclasses import dataclass
from enum import StrEnum

from anken_tui.domain.lines import (
    COMPLETED,
    MEETING,
    POST_APPLICATION,
    QUOTING,
    STAGES,
    Flow,
    Line,
    SalesKind,
    flow_for,
)
from anken_tui.domain.outcomes import Outcome

# Stages the manual lets a case pass over on its way forward, per line and kind.
# A self-pay customer who has already chosen the product needs no meeting, and
# sales rarely need a quote. The manual says an insured sale is seldom left in
# 事後申請中, because the signed papers are copied and handed in at once.
# 事後申請中 is not in the self-pay flow at all.
SKIPPABLE: dict[tuple[Line, SalesKind | None], frozenset[str]] = {
    (Line.SALES, SalesKind.INSURANCE): frozenset({QUOTING, POST_APPLICATION}),
    (Line.SALES, SalesKind.SELF_PAY): frozenset({MEETING, QUOTING}),
}


class MoveKind(StrEnum):
    """The kind of a stage change: next, back, skip or early end."""

    NEXT = "next"
    BACK = "back"
    SKIP = "skip"
    END_EARLY = "end_early"


class Rejection(StrEnum):
    """The reason a move is not allowed."""

    SAME_STAGE = "same_stage"
    UNKNOWN_STAGE = "unknown_stage"
    NOT_IN_FLOW = "not_in_flow"
    PAST_COMPLETED = "past_completed"
    BACK_TOO_FAR = "back_too_far"
    SKIP_NOT_ALLOWED = "skip_not_allowed"


@dataclass(frozen=True)
class MoveCheck:
    """The answer to "may this case move to that stage, and what does the move need?"

    `skipped` names the stages passed over, which the user must confirm.
    `outcomes` lists the outcomes the user may pick; it is empty unless the
    target is 案件完了, and then one must be chosen (with a reason for all but 成約).
    """

    current: str
    target: str
    kind: MoveKind | None
    rejection: Rejection | None = None
    blocking_stage: str | None = None
    skipped: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.rejection is None

    @property
    def needs_outcome(self) -> bool:
        return bool(self.outcomes)

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.skipped)


def check_move(
    line: Line, kind: SalesKind | None, current: str, target: str, reopen_to: str | None = None
) -> MoveCheck:
    """Decide whether a case of `line` and `kind` may move from `current` to `target`.

    Allowed: the next stage; one stage back (a correction); a forward skip over
    stages that SKIPPABLE lists, confirmed by the user; and ending early at
    案件完了 from any stage with an outcome other than 成約. A completed case
    goes back to `reopen_to`, the stage it was in before 案件完了, when that is
    known, since a case that ended early never passed the stage before 案件完了.
    """
    flow = _case_flow(line, kind, current)
    if current == COMPLETED and reopen_to in flow.stages and reopen_to != COMPLETED and target != current:
        if target == reopen_to:
            return MoveCheck(current, target, MoveKind.BACK)
        return MoveCheck(current, target, None, Rejection.PAST_COMPLETED)

    rejection = _reject_unknown(flow, current, target)
    if rejection is not None:
        return MoveCheck(current, target, None, rejection)

    here = flow.index(current)
    there = flow.index(target)
    if there < here:
        return _check_back(current, target, here, there)
    return _check_forward(flow, current, target, here, there)


def allowed_targets(
    line: Line, kind: SalesKind | None, current: str, reopen_to: str | None = None
) -> list[MoveCheck]:
    """Return the allowed moves from `current`, in the order of the case's flow."""
    stages = flow_for(line, kind).stages
    checks = [check_move(line, kind, current, target, reopen_to) for target in stages]
    return [check for check in checks if check.allowed]


def next_stage(line: Line, kind: SalesKind | None, current: str) -> str | None:
    """Return the stage after `current` in the case's flow, or None at 案件完了."""
    flow = _case_flow(line, kind, current)
    if current not in flow.stages or current == COMPLETED:
        return None
    return flow.stages[flow.index(current) + 1]


def previous_stage(
    line: Line, kind: SalesKind | None, current: str, reopen_to: str | None = None
) -> str | None:
    """Return the stage one step back from `current`, or None at the first stage.

    From 案件完了 that is `reopen_to` when known, else the stage before it in the flow.
    """
    flow = _case_flow(line, kind, current)
    if current == COMPLETED and reopen_to in flow.stages and reopen_to != COMPLETED:
        return reopen_to
    if current not in flow.stages or flow.index(current) == 0:
        return None
    return flow.stages[flow.index(current) - 1]


def _case_flow(line: Line, kind: SalesKind | None, current: str) -> Flow:
    flow = flow_for(line, kind)
    if current not in flow.stages and current in STAGES[line]:
        # A sale whose kind changed to 自費 while in 事後申請中 may still leave it.
        flow = Flow(line, kind, STAGES[line])
    return flow


def _reject_unknown(flow: Flow, current: str, target: str) -> Rejection | None:
    if current == target:
        return Rejection.SAME_STAGE
    if current not in flow.stages:
        return Rejection.UNKNOWN_STAGE
    if target not in flow_for(flow.line, flow.kind).stages:
        return Rejection.NOT_IN_FLOW if target in STAGES[flow.line] else Rejection.UNKNOWN_STAGE
    if current == COMPLETED:
        return None if flow.index(target) == flow.index(current) - 1 else Rejection.PAST_COMPLETED
    return None


def _check_back(current: str, target: str, here: int, there: int) -> MoveCheck:
    if here - there > 1:
        return MoveCheck(current, target, MoveKind.BACK, Rejection.BACK_TOO_FAR)
    return MoveCheck(current, target, MoveKind.BACK)


def _check_forward(flow: Flow, current: str, target: str, here: int, there: int) -> MoveCheck:
    passed_over = flow.stages[here + 1 : there]
    skippable = SKIPPABLE.get((flow.line, flow.kind), frozenset())
    blocking = next((stage for stage in passed_over if stage not in skippable), None)
    all_outcomes = tuple(Outcome)
    early_outcomes = tuple(outcome for outcome in Outcome if outcome is not Outcome.WON)

    if blocking is None:
        kind = MoveKind.SKIP if passed_over else MoveKind.NEXT
        outcomes = all_outcomes if target == COMPLETED else ()
        return MoveCheck(current, target, kind, skipped=passed_over, outcomes=outcomes)

    if target == COMPLETED:
        # Ending early: the case did not go through its stages, so it did not succeed.
        # The outcome dialog is the confirmation, so nothing is listed as skipped.
        return MoveCheck(current, target, MoveKind.END_EARLY, outcomes=early_outcomes)

    return MoveCheck(current, target, MoveKind.SKIP, Rejection.SKIP_NOT_ALLOWED, blocking_stage=blocking)
