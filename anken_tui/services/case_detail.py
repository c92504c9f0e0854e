"""Provides loading everything the case detail pane shows: customer, fields, stage history, notes and activities."""

from peewee import JOIN

from anken_tui import texts
from anken_tui.clock import from_storage, jst_date
from anken_tui.db.models import CareManager, CareOffice, Case, Customer, Staff, StageChange
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import NotFoundError
from anken_tui.services.activities import list_activities, next_follow_up
from anken_tui.services.board import load_case_summary
from anken_tui.services.notes import list_notes
from anken_tui.services.customer_records import CustomerInfo
from anken_tui.services.detail_records import CaseDetail, CaseFields, StageHistoryRow

Owner = Staff.alias()
Updater = Staff.alias()


def load_case_detail(case_id: int) -> CaseDetail:
    """Return the case detail of `case_id`, read in a handful of queries; raise NotFoundError when it is gone."""
    case = (
        Case.select(Case, Owner.name.alias("owner_name"), Updater.name.alias("updater_name"))
        .join(Owner, JOIN.LEFT_OUTER, on=(Case.owner == Owner.id))
        .switch(Case)
        .join(Updater, JOIN.LEFT_OUTER, on=(Case.updated_by == Updater.id))
        .where(Case.id == case_id)
        .objects()
        .first()
    )
    if case is None:
        raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))

    return CaseDetail(
        id=case.id,
        version=case.version,
        line=Line(case.line),
        sales_kind=SalesKind(case.sales_kind) if case.sales_kind else None,
        title=case.title,
        stage=case.stage,
        stage_entered_on=jst_date(case.stage_entered_at),
        owner_id=case.owner_id,
        owner_name=case.owner_name or "",
        outcome=Outcome(case.outcome) if case.outcome else None,
        outcome_reason=case.outcome_reason or "",
        created_on=jst_date(case.created_at),
        updated_at=from_storage(case.updated_at),
        updated_by_name=case.updater_name or "",
        customer=load_customer_info(case.customer_id),
        fields=_fields(case),
        history=stage_history(case.id),
        notes=list_notes(case.id),
        activities=list_activities(case.id),
        next_follow_up=next_follow_up(case.id),
        stale_snoozed_until=case.stale_snoozed_until,
        summary=load_case_summary(case.id),
    )


def load_customer_info(customer_id: int) -> CustomerInfo:
    """Return a customer with their care manager and office; raise NotFoundError when the customer is gone."""
    row = (
        Customer.select(
            Customer.id, Customer.name, Customer.furigana, Customer.phone, Customer.address, Customer.city,
            Customer.care_manager, Customer.care_manager_name, Customer.care_manager_office,
            CareManager.name, CareManager.phone, CareOffice.name, CareOffice.phone,
        )
        .join(CareManager, JOIN.LEFT_OUTER, on=(Customer.care_manager == CareManager.id))
        .join(CareOffice, JOIN.LEFT_OUTER, on=(CareManager.office == CareOffice.id))
        .where(Customer.id == customer_id)
        .tuples()
        .first()
    )
    if row is None:
        raise NotFoundError(texts.CUSTOMER_NOT_FOUND.format(customer_id=customer_id))

    (customer_id, name, furigana, phone, address, city, manager_id, manager_text, office_text,
     manager_name, manager_phone, office_name, office_phone) = row
    linked = manager_id is not None
    return CustomerInfo(
        id=customer_id,
        name=name,
        furigana=furigana,
        phone=phone,
        address=address,
        city=city,
        care_manager_id=manager_id,
        care_manager_name=manager_name if linked else manager_text,
        care_office_name=(office_name or "") if linked else office_text,
        care_manager_phone=manager_phone if linked else "",
        care_office_phone=(office_phone or "") if linked else "",
    )


def stage_history(case_id: int) -> list[StageHistoryRow]:
    """Return the stage changes of a case, oldest first, with the days spent in each stage left."""
    query = (
        StageChange.select(StageChange, Staff.name.alias("changer_name"))
        .join(Staff, on=(StageChange.changed_by == Staff.id))
        .where(StageChange.case == case_id)
        .order_by(StageChange.changed_at, StageChange.id)
        .objects()
    )
    return [
        StageHistoryRow(
            id=change.id,
            from_stage=change.from_stage,
            to_stage=change.to_stage,
            changed_by_name=change.changer_name,
            changed_at=from_storage(change.changed_at),
            days_in_from_stage=_days_between(change.from_entered_at, change.changed_at),
            outcome=Outcome(change.outcome) if change.outcome else None,
            outcome_reason=change.outcome_reason or "",
            is_undo=change.is_undo,
        )
        for change in query
    ]


def _days_between(entered_at, left_at) -> int | None:
    if entered_at is None:
        return None
    return (jst_date(left_at) - jst_date(entered_at)).days


def _fields(case: Case) -> CaseFields:
    return CaseFields(
        meeting_date=case.meeting_date,
        payment_method=case.payment_method,
        kaipoke_registered_on=case.kaipoke_registered_on,
        purchase_amount=case.purchase_amount,
        quote_amount=case.quote_amount,
        invoice_amount=case.invoice_amount,
        pre_application_on=case.pre_application_on,
        city_approved_on=case.city_approved_on,
        work_start_on=case.work_start_on,
        work_end_on=case.work_end_on,
    )
