"""Provides the per-line fields of a demo case: amounts, application and work dates, payment."""

from datetime import date, datetime, timedelta
from typing import Any

from anken_tui.domain.lines import AWAITING_ORDER, COMPLETED, INVOICE_SUBMITTED, INVOICING, PRE_APPLICATION, WORK, Line
from anken_tui.demo.catalog import DemoCase


def line_fields(case: DemoCase, path: tuple[str, ...], times: tuple[datetime, ...], today: date) -> dict[str, Any]:
    """Return the Case columns that follow from how far `case` got along `path`.

    `times[i]` is when the case entered `path[i]`; a stage entered twice counts
    from its last entry. A date is never later than `today`, except a planned
    work start (`work_start_in`).
    """
    entered = {stage: moment.date() for stage, moment in zip(path, times)}
    fields: dict[str, Any] = {}

    if case.amount is not None:
        fields |= _amounts(case, entered)
    if case.line is Line.RENOVATION and PRE_APPLICATION in entered:
        fields["pre_application_on"] = entered[PRE_APPLICATION]
        if WORK in entered:
            # The city's call that the application is approved is what moves the case to 作業工程.
            fields["city_approved_on"] = entered[WORK]
    if case.line in (Line.RENOVATION, Line.EQUIPMENT) and WORK in entered:
        fields["work_start_on"] = entered[WORK]
        if INVOICING in entered:
            fields["work_end_on"] = entered[INVOICING]
    if case.work_start_in is not None:
        fields["work_start_on"] = today + timedelta(days=case.work_start_in)

    if case.payment_method is not None:
        fields["payment_method"] = case.payment_method
        if case.kaipoke_registered:
            fields["kaipoke_registered_on"] = min(today, entered[COMPLETED] + timedelta(days=1))
    return fields


def _amounts(case: DemoCase, entered: dict[str, date]) -> dict[str, int]:
    if case.line is Line.SALES:
        return {"purchase_amount": case.amount} if WORK in entered else {}

    amounts = {}
    # A case that reached 受注待ち had its quote handed over; 請求書提出済, its invoice.
    if AWAITING_ORDER in entered:
        amounts["quote_amount"] = case.amount
    if INVOICE_SUBMITTED in entered:
        amounts["invoice_amount"] = case.amount
    return amounts
