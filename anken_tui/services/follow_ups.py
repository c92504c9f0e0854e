"""Provides the office follow-ups (事務残): completed or running cases with paperwork missing."""

from dataclasses import dataclass
from enum import StrEnum

from peewee import JOIN

from anken_tui.clock import Clock
from anken_tui.db.models import Case, Customer, Staff
from anken_tui.domain.calendar import BusinessCalendar
from anken_tui.domain.lines import COMPLETED, POST_APPLICATION, Line
from anken_tui.domain.outcomes import Outcome
from anken_tui.domain.staleness import Thresholds, threshold_for
from anken_tui.services.stale import list_stale_cases

KAIPOKE_DEBIT = "kaipoke_debit"
CASH = "cash"
PAYMENT_METHODS = (KAIPOKE_DEBIT, CASH)


class FollowUpKind(StrEnum):
    """The office work a case is missing."""

    NO_PAYMENT_METHOD = "no_payment_method"
    NO_KAIPOKE_REGISTRATION = "no_kaipoke_registration"
    WORK_BEFORE_APPROVAL = "work_before_approval"
    POST_APPLICATION_LATE = "post_application_late"


@dataclass(frozen=True)
class FollowUp:
    """One office follow-up: the case and what is missing."""

    kind: FollowUpKind
    case_id: int
    line: Line
    stage: str
    title: str
    customer_name: str
    owner_id: int | None
    owner_name: str
    version: int


def list_follow_ups(
    clock: Clock, calendar: BusinessCalendar, thresholds: Thresholds, owner_id: int | None = None
) -> list[FollowUp]:
    """Return the office follow-ups, the costliest first.

    - a renovation with a work start date but no city approval date (work begun
      before approval is not reimbursed);
    - a rental completed as 成約 with no payment method, or with 口座振替(カイポケ)
      and no カイポケ registration date;
    - a sale in 事後申請中 past its threshold.

    A rental whose payment method is blank or not one of PAYMENT_METHODS counts
    as having none, so a value the app cannot use is never taken as recorded.
    """
    follow_ups: list[FollowUp] = []

    # A case that ended without a contract claims no refund, so it needs no follow-up.
    ended_unwon = (Case.stage == COMPLETED) & (Case.outcome != Outcome.WON.value)
    before_approval = Case.city_approved_on.is_null() | (Case.city_approved_on > Case.work_start_on)
    renovation = (
        (Case.line == Line.RENOVATION.value)
        & Case.work_start_on.is_null(False)
        & before_approval
        & ~ended_unwon
    )
    follow_ups += _select(renovation, FollowUpKind.WORK_BEFORE_APPROVAL, owner_id)

    won_rental = (
        (Case.line == Line.RENTAL.value) & (Case.stage == COMPLETED) & (Case.outcome == Outcome.WON.value)
    )
    no_payment = Case.payment_method.is_null() | Case.payment_method.not_in(PAYMENT_METHODS)
    follow_ups += _select(won_rental & no_payment, FollowUpKind.NO_PAYMENT_METHOD, owner_id)
    unregistered = (Case.payment_method == KAIPOKE_DEBIT) & Case.kaipoke_registered_on.is_null()
    follow_ups += _select(won_rental & unregistered, FollowUpKind.NO_KAIPOKE_REGISTRATION, owner_id)

    follow_ups += _late_post_applications(clock, calendar, thresholds, owner_id)
    return follow_ups


def _late_post_applications(
    clock: Clock, calendar: BusinessCalendar, thresholds: Thresholds, owner_id: int | None
) -> list[FollowUp]:
    threshold = threshold_for(Line.SALES, POST_APPLICATION, thresholds)
    if threshold is None:
        return []

    # Only the 事後申請中 threshold is passed, so the query selects no other stale sale.
    only_post_application = {Line.SALES: {POST_APPLICATION: threshold}}
    late = list_stale_cases(clock, calendar, only_post_application, line=Line.SALES, owner_id=owner_id)
    return [
        FollowUp(
            kind=FollowUpKind.POST_APPLICATION_LATE,
            case_id=case.id,
            line=case.line,
            stage=case.stage,
            title=case.title,
            customer_name=case.customer_name,
            owner_id=case.owner_id,
            owner_name=case.owner_name,
            version=case.version,
        )
        for case in late
    ]


def _select(condition, kind: FollowUpKind, owner_id: int | None) -> list[FollowUp]:
    query = (
        Case.select(Case.id, Case.line, Case.stage, Case.title, Customer.name, Case.owner, Staff.name, Case.version)
        .join(Customer)
        .switch(Case)
        .join(Staff, JOIN.LEFT_OUTER, on=(Case.owner == Staff.id))
        .where(condition)
        .order_by(Case.stage_entered_at, Case.id)
    )
    if owner_id is not None:
        query = query.where(Case.owner == owner_id)
    return [
        FollowUp(kind, case_id, Line(line), stage, title, customer, owner, owner_name or "", version)
        for case_id, line, stage, title, customer, owner, owner_name, version in query.tuples()
    ]
