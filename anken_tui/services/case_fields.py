"""Provides editing the fields a case's line needs: meeting date, payment, applications, work dates and amounts."""

import logging
from dataclasses import dataclass, fields
from datetime import date

from anken_tui import texts
from anken_tui.clock import Clock, to_storage
from anken_tui.db.models import Case, Staff
from anken_tui.db.transactions import write_transaction
from anken_tui.domain.amounts import InvalidAmountError, parse_optional_yen
from anken_tui.domain.dates import InvalidDateError, format_short_date, parse_optional_date
from anken_tui.domain.lines import POST_APPLICATION, Line, SalesKind
from anken_tui.errors import ConflictError, NotFoundError, ValidationError
from anken_tui.services.case_detail import load_case_detail
from anken_tui.services.follow_ups import KAIPOKE_DEBIT, PAYMENT_METHODS
from anken_tui.services.notes import format_edit_time
from anken_tui.services.detail_records import CaseDetail
from anken_tui.services.summaries import StaffRef

log = logging.getLogger(__name__)

DATE_FIELDS = (
    "meeting_date",
    "kaipoke_registered_on",
    "pre_application_on",
    "city_approved_on",
    "work_start_on",
    "work_end_on",
)
AMOUNT_FIELDS = ("purchase_amount", "quote_amount", "invoice_amount")

# The fields each line's detail pane shows and edits, in the order shown.
FIELDS_BY_LINE: dict[Line, tuple[str, ...]] = {
    Line.RENTAL: ("meeting_date", "payment_method", "kaipoke_registered_on"),
    Line.SALES: ("meeting_date", "sales_kind", "purchase_amount"),
    Line.RENOVATION: (
        "meeting_date",
        "quote_amount",
        "pre_application_on",
        "city_approved_on",
        "work_start_on",
        "work_end_on",
        "invoice_amount",
    ),
    Line.EQUIPMENT: ("meeting_date", "quote_amount", "work_start_on", "work_end_on", "invoice_amount"),
}

# Days that record something already done, so they cannot be after today.
PAST_ONLY_FIELDS = ("kaipoke_registered_on", "pre_application_on", "city_approved_on")

# (earlier, later): the later day may not come before the earlier one.
ORDERED_FIELDS = (("pre_application_on", "city_approved_on"), ("work_start_on", "work_end_on"))


@dataclass(frozen=True)
class CaseFieldsInput:
    """What the user typed into a case's field form. A field left None is not changed, and "" clears it.

    Dates take the text as typed (12/4, 2026/12/4, 2026-12-04) or a date.
    Amounts take the text (12,000円, full-width digits) or an int.
    `payment_method` is "kaipoke_debit", "cash" or "". Only the fields of the
    case's line (FIELDS_BY_LINE) may be given.
    """

    meeting_date: date | str | None = None
    sales_kind: SalesKind | str | None = None
    payment_method: str | None = None
    kaipoke_registered_on: date | str | None = None
    purchase_amount: int | str | None = None
    quote_amount: int | str | None = None
    invoice_amount: int | str | None = None
    pre_application_on: date | str | None = None
    city_approved_on: date | str | None = None
    work_start_on: date | str | None = None
    work_end_on: date | str | None = None


def update_case_fields(
    case_id: int, form: CaseFieldsInput, *, expected_version: int, user: StaffRef, clock: Clock
) -> CaseDetail:
    """Save the given fields of a case in one transaction and return the case as it is now.

    The case's version grows by one; when nothing differs from the stored
    values, nothing is written and the version stays.

    Raises:
        ValidationError: a value cannot be read, is not a field of the case's
            line, or breaks a rule (a day after today, an approval before the
            application, an end before the start, a カイポケ date without 口座振替).
            `field` is the Japanese label of the field to fix.
        ConflictError: someone changed the case after it was read (its version is
            no longer `expected_version`); the message names who and when.
        NotFoundError: the case no longer exists.
    Nothing is written when any of these is raised.
    """
    today = clock.today()
    parsed = _parse(form, today)

    with write_transaction():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise NotFoundError(texts.CASE_NOT_FOUND.format(case_id=case_id))
        if case.version != expected_version:
            raise _conflict(case, expected_version)
        changes = _changes(case, parsed)
        _check(case, changes, today)
        if changes:
            _write(case, changes, user, clock)

    if changes:
        log.info("updated fields %s of case %s by staff %s", sorted(changes), case_id, user.id)
    return load_case_detail(case_id)


def payment_method_options() -> list[tuple[str, str]]:
    """Return the payment methods as (label, value) pairs for a select, 口座振替(カイポケ) first."""
    return [(texts.PAYMENT_METHOD_LABELS[method], method) for method in PAYMENT_METHODS]


def field_label(name: str) -> str:
    """Return the Japanese label of a case field, as ValidationError.field names it."""
    return texts.CASE_FIELD_LABELS[name]


def _parse(form: CaseFieldsInput, today: date) -> dict[str, object]:
    """Return the given fields of `form` as stored values (None for a cleared field)."""
    parsed: dict[str, object] = {}
    for item in fields(form):
        value = getattr(form, item.name)
        if value is None:
            continue
        parsed[item.name] = _parse_value(item.name, value, today)
    return parsed


def _parse_value(name: str, value: object, today: date) -> object:
    label = field_label(name)
    if name in DATE_FIELDS:
        if isinstance(value, date):
            return value
        try:
            return parse_optional_date(str(value), today)
        except InvalidDateError as error:
            raise ValidationError(label, error.message) from None
    if name in AMOUNT_FIELDS:
        return _parse_amount(label, value)
    if name == "sales_kind":
        try:
            return SalesKind(value).value
        except ValueError:
            raise ValidationError(label, texts.SALES_KIND_REQUIRED) from None
    if value not in (*PAYMENT_METHODS, ""):
        raise ValidationError(label, texts.PAYMENT_METHOD_UNKNOWN)
    return value or None


def _parse_amount(label: str, value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    try:
        return parse_optional_yen(str(value))
    except InvalidAmountError as error:
        raise ValidationError(label, error.message) from None


def _changes(case: Case, parsed: dict[str, object]) -> dict[str, object]:
    """Return the parsed fields whose value differs from the stored one; reject fields the line does not have."""
    line = Line(case.line)
    changes = {}
    for name, value in parsed.items():
        if value == getattr(case, name):
            continue
        if name not in FIELDS_BY_LINE[line]:
            raise ValidationError(
                field_label(name), texts.CASE_FIELD_NOT_IN_LINE.format(field=field_label(name), line=line.label)
            )
        changes[name] = value
    return changes


def _check(case: Case, changes: dict[str, object], today: date) -> None:
    """Check the rules between fields on the values the case would have after the save."""
    merged = {name: changes.get(name, getattr(case, name)) for name in (*DATE_FIELDS, "payment_method")}

    for name in PAST_ONLY_FIELDS:
        day = changes.get(name)
        if day is not None and day > today:
            message = texts.CASE_FIELD_DATE_FUTURE.format(field=field_label(name), today=format_short_date(today, today))
            raise ValidationError(field_label(name), message)

    for earlier, later in ORDERED_FIELDS:
        start, end = merged[earlier], merged[later]
        touched = earlier in changes or later in changes
        if touched and start is not None and end is not None and end < start:
            message = texts.CASE_FIELD_DATE_ORDER.format(
                later=field_label(later),
                later_day=format_short_date(end, today),
                earlier=field_label(earlier),
                earlier_day=format_short_date(start, today),
            )
            raise ValidationError(field_label(later if later in changes else earlier), message)

    touched_payment = "payment_method" in changes or "kaipoke_registered_on" in changes
    if touched_payment and merged["kaipoke_registered_on"] is not None and merged["payment_method"] != KAIPOKE_DEBIT:
        raise ValidationError(field_label("kaipoke_registered_on"), texts.KAIPOKE_DATE_NEEDS_DEBIT)

    if changes.get("sales_kind") == SalesKind.SELF_PAY.value and case.stage == POST_APPLICATION:
        raise ValidationError(field_label("sales_kind"), texts.SELF_PAY_IN_POST_APPLICATION)


def _write(case: Case, changes: dict[str, object], user: StaffRef, clock: Clock) -> None:
    written = (
        Case.update(**changes, updated_at=to_storage(clock.now()), updated_by=user.id, version=Case.version + 1)
        .where((Case.id == case.id) & (Case.version == case.version))
        .execute()
    )
    if written != 1:
        # Another writer got in between the read and this write.
        raise ConflictError(texts.CASE_FIELDS_CONFLICT_UNKNOWN)


def _conflict(case: Case, expected_version: int) -> ConflictError:
    log.info("version conflict on case %s: expected %s, found %s", case.id, expected_version, case.version)
    editor = Staff.get_or_none(Staff.id == case.updated_by_id) if case.updated_by_id else None
    if editor is None:
        return ConflictError(texts.CASE_FIELDS_CONFLICT_UNKNOWN)
    return ConflictError(texts.CASE_FIELDS_CONFLICT.format(who=editor.name, when=format_edit_time(case.updated_at)))
