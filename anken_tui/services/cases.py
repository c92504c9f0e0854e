"""Provides the case use cases: register a case, move it between stages, undo a move."""

import logging
from dataclasses import dataclass

from anken_tui import texts
from anken_tui.clock import Clock, to_storage
from anken_tui.db.models import CareManager, Case, Customer, Staff, StageChange
from anken_tui.db.transactions import write_transaction
from anken_tui.domain.kana import search_key
from anken_tui.domain.lines import COMPLETED, RECEIVED, Line, SalesKind
from anken_tui.domain.moves import MoveCheck, allowed_targets, check_move, previous_stage
from anken_tui.domain.new_case import NewCaseInput, validate_new_case
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import ConflictError, MoveRejectedError, NotFoundError, ValidationError
from anken_tui.services.board import load_case_summary
from anken_tui.services.notes import format_edit_time
from anken_tui.services.summaries import CaseSummary, StaffRef

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MoveResult:
    """A saved stage change: the case as it is now and the change row that undoes it."""

    case: CaseSummary
    change_id: int
    from_stage: str


def customer_search_key(name: str, furigana: str) -> str:
    """Return the stored search key of a customer: name and furigana, one per line."""
    return f"{search_key(name)}\n{search_key(furigana)}"


def create_case(form: NewCaseInput, user: StaffRef, clock: Clock) -> CaseSummary:
    """Register a case at 案件受付 (and its new customer), in one transaction.

    Raises ValidationError, naming the field, before anything is written.
    """
    form = validate_new_case(form)
    now = to_storage(clock.now())

    with write_transaction():
        customer = _customer_for(form, now)
        owner_id = form.owner_id if form.owner_id is not None else user.id
        if Staff.get_or_none(Staff.id == owner_id) is None:
            raise ValidationError("営業担当者", "営業担当者が見つかりません。一覧から選び直してください。")
        case = Case.create(
            customer=customer,
            line=form.line.value,
            sales_kind=form.sales_kind.value if form.sales_kind else None,
            title=form.title,
            stage=RECEIVED,
            stage_entered_at=now,
            owner=owner_id,
            created_at=now,
            created_by=user.id,
            updated_at=now,
            updated_by=user.id,
        )
        StageChange.create(case=case, from_stage=None, to_stage=RECEIVED, changed_by=user.id, changed_at=now)

    log.info("created case %s (line=%s, customer=%s) by staff %s", case.id, form.line.value, customer.id, user.id)
    return load_case_summary(case.id)


def _customer_for(form: NewCaseInput, now) -> Customer:
    if form.customer_id is not None:
        customer = Customer.get_or_none(Customer.id == form.customer_id)
        if customer is None:
            raise ValidationError("顧客", "選んだ顧客が見つかりません。一覧から選び直してください。")
        return customer
    care_manager = None
    if form.care_manager_id is not None:
        care_manager = CareManager.get_or_none(CareManager.id == form.care_manager_id)
        if care_manager is None:
            raise ValidationError("ケアマネ", "選んだケアマネが見つかりません。一覧から選び直してください。")
    return Customer.create(
        name=form.customer_name,
        furigana=form.customer_furigana,
        search_key=customer_search_key(form.customer_name, form.customer_furigana),
        care_manager=care_manager,
        # The text columns stay in step with the record, as older versions read them.
        care_manager_name=care_manager.name if care_manager else "",
        care_manager_office=care_manager.office.name if care_manager and care_manager.office else "",
        created_at=now,
        updated_at=now,
    )


def move_case(
    case_id: int,
    target: str,
    *,
    expected_version: int,
    user: StaffRef,
    clock: Clock,
    outcome: Outcome | None = None,
    reason: str = "",
) -> MoveResult:
    """Move a case to `target`, writing the case and a stage-change row in one transaction.

    Raises MoveRejectedError when the rules forbid the move, ValidationError
    for a missing outcome or reason, and ConflictError when the case is no
    longer at `expected_version`. Nothing is written in any of these cases.
    """
    now = to_storage(clock.now())

    with write_transaction():
        case = _get_case(case_id)
        _check_version(case, expected_version)
        line, kind = Line(case.line), SalesKind(case.sales_kind) if case.sales_kind else None
        reopen_to = _reopen_stage(case.id) if case.stage == COMPLETED else None
        check = check_move(line, kind, case.stage, target, reopen_to)
        if not check.allowed:
            back = previous_stage(line, kind, case.stage, reopen_to)
            raise MoveRejectedError(texts.move_rejection(check, back))
        reason = _check_outcome(check, outcome, reason)
        # Only a move to 案件完了 records an outcome, so one passed with any other move is dropped.
        outcome = outcome if check.needs_outcome else None

        change = StageChange.create(
            case=case,
            from_stage=case.stage,
            to_stage=target,
            from_entered_at=case.stage_entered_at,
            changed_by=user.id,
            changed_at=now,
            outcome=outcome.value if outcome else None,
            outcome_reason=reason or None,
        )
        _write_stage(case, target, now, user, outcome.value if outcome else None, reason or None)

    log.info("moved case %s from %s to %s by staff %s", case_id, check.current, target, user.id)
    return MoveResult(case=load_case_summary(case_id), change_id=change.id, from_stage=check.current)


def undo_move(change_id: int, *, expected_version: int, user: StaffRef, clock: Clock) -> MoveResult:
    """Undo the stage change `change_id` by recording the reverse change.

    The case gets back its earlier stage, the time it had entered it and, when
    it returns to 案件完了, the outcome it had there. History is never deleted.
    Raises ConflictError when the case changed after the move.
    """
    now = to_storage(clock.now())

    with write_transaction():
        change = StageChange.get_or_none(StageChange.id == change_id)
        if change is None or change.from_stage is None:
            raise NotFoundError(texts.NOTHING_TO_UNDO)
        case = _get_case(change.case_id)
        if case.stage != change.to_stage or case.version != expected_version:
            raise ConflictError(texts.UNDO_CONFLICT)

        outcome, reason = _outcome_before(change) if change.from_stage == COMPLETED else (None, None)
        reverse = StageChange.create(
            case=case,
            from_stage=case.stage,
            to_stage=change.from_stage,
            from_entered_at=case.stage_entered_at,
            changed_by=user.id,
            changed_at=now,
            outcome=outcome,
            outcome_reason=reason,
            is_undo=True,
        )
        _write_stage(case, change.from_stage, change.from_entered_at, user, outcome, reason, updated_at=now)

    log.info("undid stage change %s of case %s by staff %s", change_id, case.id, user.id)
    return MoveResult(case=load_case_summary(case.id), change_id=reverse.id, from_stage=change.to_stage)


def move_options(card: CaseSummary) -> list[MoveCheck]:
    """Return the moves allowed for the case on `card`, in the order of its flow."""
    reopen_to = _reopen_stage(card.id) if card.stage == COMPLETED else None
    return allowed_targets(card.line, card.sales_kind, card.stage, reopen_to)


def back_stage(card: CaseSummary) -> str | None:
    """Return the stage one step back for the case on `card`, or None at 案件受付.

    A completed case goes back to the stage it was completed from.
    """
    reopen_to = _reopen_stage(card.id) if card.stage == COMPLETED else None
    return previous_stage(card.line, card.sales_kind, card.stage, reopen_to)


def _reopen_stage(case_id: int) -> str | None:
    """Return the stage the case was in when it last moved to 案件完了."""
    ending = (
        StageChange.select(StageChange.from_stage)
        .where((StageChange.case == case_id) & (StageChange.to_stage == COMPLETED))
        .order_by(StageChange.id.desc())
        .first()
    )
    return ending.from_stage if ending else None


def _get_case(case_id: int) -> Case:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
    return case


def _check_version(case: Case, expected_version: int) -> None:
    if case.version == expected_version:
        return
    editor = Staff.get_or_none(Staff.id == case.updated_by_id)
    log.info("version conflict on case %s: expected %s, found %s", case.id, expected_version, case.version)
    if editor is None:
        raise ConflictError(texts.CONFLICT_UNKNOWN)
    raise ConflictError(texts.CONFLICT.format(who=editor.name, when=format_edit_time(case.updated_at)))


def _check_outcome(check: MoveCheck, outcome: Outcome | None, reason: str) -> str:
    reason = reason.strip()
    if not check.needs_outcome:
        return ""
    if outcome is None:
        raise ValidationError(texts.END_CASE_OUTCOME, texts.OUTCOME_REQUIRED)
    if outcome not in check.outcomes:
        raise ValidationError(texts.END_CASE_OUTCOME, texts.OUTCOME_NOT_ALLOWED)
    if outcome.needs_reason and not reason:
        raise ValidationError(texts.END_CASE_REASON, texts.REASON_REQUIRED.format(outcome=outcome.label))
    return reason


def _outcome_before(change: StageChange) -> tuple[str | None, str | None]:
    """Return the outcome the case had at 案件完了 before `change` moved it out."""
    ending = (
        StageChange.select()
        .where(
            (StageChange.case == change.case_id)
            & (StageChange.to_stage == COMPLETED)
            & (StageChange.id < change.id)
        )
        .order_by(StageChange.id.desc())
        .first()
    )
    return (ending.outcome, ending.outcome_reason) if ending else (None, None)


def _write_stage(case, stage, entered_at, user, outcome, reason, updated_at=None) -> None:
    written = (
        Case.update(
            stage=stage,
            stage_entered_at=entered_at,
            outcome=outcome,
            outcome_reason=reason,
            updated_at=updated_at or entered_at,
            updated_by=user.id,
            version=Case.version + 1,
            # A paused stale flag (保留) was given for the stage the case leaves.
            stale_snoozed_until=None,
            stale_snooze_reason=None,
        )
        .where((Case.id == case.id) & (Case.version == case.version))
        .execute()
    )
    if written != 1:
        # Another writer got in between the read and this write.
        raise ConflictError(texts.CONFLICT_UNKNOWN)
