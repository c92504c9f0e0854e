"""Provides finding customers, a customer's page of cases, and the care managers (ケアマネ) and their offices."""

import logging
import re
import unicodedata

from peewee import JOIN, fn

from anken_tui import texts
from anken_tui.clock import Clock, to_storage
from anken_tui.db.models import CareManager, CareOffice, Case, Customer
from anken_tui.db.transactions import write_transaction
from anken_tui.domain.kana import is_valid_furigana, normalize_furigana, search_key
from anken_tui.domain.lines import COMPLETED, Line
from anken_tui.errors import NotFoundError, ValidationError
from anken_tui.services.board import fetch_summaries, summary_query
from anken_tui.services.case_detail import load_customer_info
from anken_tui.services.customer_records import CareManagerCases, CareManagerRef, CareOfficeRef, CustomerInfo, CustomerPage, CustomerRef, CustomerRow
from anken_tui.services.summaries import CaseSummary, StaffRef

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 20
LIST_LIMIT = 200
MAX_NAME_LENGTH = 100
MAX_PHONE_LENGTH = 30

_PHONE = re.compile(r"[0-9()\- ]+")
_LINE_ORDER = {line: number for number, line in enumerate(Line)}


def search_customers(query: str, limit: int = DEFAULT_LIMIT) -> list[CustomerRef]:
    """Return up to `limit` customers whose name or フリガナ contains `query`, by フリガナ.

    The query is normalised like the stored key (NFKC, katakana, no spaces), so
    kanji, hiragana, katakana and half-width kana all match. A `%` or `_` in the
    query is matched literally. An empty query returns no customers.
    """
    key = search_key(query)
    if not key:
        return []

    # Peewee 4.5's contains() escapes %, _ and \ in the value and adds ESCAPE '\'
    # to the LIKE, so a typed % stays literal. The search tests check this.
    rows = (
        Customer.select(Customer.id, Customer.name, Customer.furigana)
        .where(Customer.search_key.contains(key))
        .order_by(Customer.furigana, Customer.id)
        .limit(limit)
        .tuples()
    )
    return [CustomerRef(id=row[0], name=row[1], furigana=row[2]) for row in rows]


def list_customers(query: str = "", limit: int = LIST_LIMIT) -> list[CustomerRow]:
    """Return up to `limit` customers for the customers list, by フリガナ, each with its open case count.

    A blank `query` lists every customer; otherwise it matches as in search_customers.
    """
    open_cases = (
        Case.select(fn.COUNT(Case.id)).where((Case.customer == Customer.id) & (Case.stage != COMPLETED))
    )
    rows = (
        Customer.select(
            Customer.id, Customer.name, Customer.furigana, Customer.phone, Customer.city,
            Customer.care_manager_name, CareManager.name, open_cases.alias("open_case_count"),
        )
        .join(CareManager, JOIN.LEFT_OUTER, on=(Customer.care_manager == CareManager.id))
        .order_by(Customer.furigana, Customer.id)
        .limit(limit)
    )
    key = search_key(query)
    if key:
        rows = rows.where(Customer.search_key.contains(key))
    return [
        CustomerRow(
            id=customer_id,
            name=name,
            furigana=furigana,
            phone=phone,
            city=city,
            care_manager_name=manager_name if manager_name is not None else manager_text,
            open_case_count=count,
        )
        for customer_id, name, furigana, phone, city, manager_text, manager_name, count in rows.tuples()
    ]


def customer_page(customer_id: int) -> CustomerPage:
    """Return a customer and all their cases across the four lines.

    Open cases come first, then completed ones; within each, by line, then the
    case that entered its stage most recently first. Raises NotFoundError when
    the customer no longer exists.
    """
    customer = load_customer_info(customer_id)
    cases = sorted(
        fetch_summaries(summary_query().where(Case.customer == customer_id)),
        key=lambda case: (case.stage == COMPLETED, _LINE_ORDER[case.line], -case.stage_entered_on.toordinal(), -case.id),
    )
    return CustomerPage(customer=customer, cases=cases)


def set_customer_care_manager(
    customer_id: int, care_manager_id: int | None, *, user: StaffRef, clock: Clock
) -> CustomerInfo:
    """Link a customer to a care manager chosen from the list, or unlink with None.

    The customer's care manager text columns are set to match, so older views
    of the text stay true. Raises NotFoundError when the customer or the care
    manager no longer exists.
    """
    with write_transaction():
        if not Customer.select().where(Customer.id == customer_id).exists():
            raise NotFoundError(texts.CUSTOMER_NOT_FOUND.format(customer_id=customer_id))
        manager_name, office_name = "", ""
        if care_manager_id is not None:
            manager = _care_manager_ref(care_manager_id)
            manager_name, office_name = manager.name, manager.office_name
        Customer.update(
            care_manager=care_manager_id,
            care_manager_name=manager_name,
            care_manager_office=office_name,
            updated_at=to_storage(clock.now()),
        ).where(Customer.id == customer_id).execute()

    log.info("set care manager %s on customer %s by staff %s", care_manager_id, customer_id, user.id)
    return load_customer_info(customer_id)


def list_care_offices(query: str = "") -> list[CareOfficeRef]:
    """Return the care offices (居宅介護支援事業所) whose name contains `query` (all for a blank one), by name."""
    rows = CareOffice.select(CareOffice.id, CareOffice.name, CareOffice.phone).order_by(CareOffice.name, CareOffice.id)
    key = search_key(query)
    if key:
        rows = rows.where(CareOffice.search_key.contains(key))
    return [CareOfficeRef(id=office_id, name=name, phone=phone) for office_id, name, phone in rows.tuples()]


def list_care_managers(query: str = "") -> list[CareManagerRef]:
    """Return the care managers whose name, フリガナ or office name contains `query` (all for a blank one).

    They are ordered by フリガナ, and those without one (carried over from
    customers' text) by name after them. Matching works as in search_customers.
    """
    rows = _care_manager_query()
    key = search_key(query)
    if key:
        rows = rows.where(CareManager.search_key.contains(key) | CareOffice.search_key.contains(key))
    managers = [_to_care_manager(row) for row in rows.tuples()]
    return sorted(managers, key=lambda manager: (not manager.furigana, manager.furigana, manager.name, manager.id))


def create_care_office(name: str, phone: str = "") -> CareOfficeRef:
    """Register a care office (居宅介護支援事業所) and return it.

    Raises ValidationError for an empty or too long name, an invalid phone
    number, or a name already registered (compared as search compares).
    """
    name = _clean_name(name, texts.FIELD_CARE_OFFICE_NAME, texts.CARE_OFFICE_NAME_REQUIRED)
    phone = _clean_phone(phone)
    key = search_key(name)

    with write_transaction():
        if CareOffice.select().where(CareOffice.search_key == key).exists():
            raise ValidationError(texts.FIELD_CARE_OFFICE_NAME, texts.CARE_OFFICE_DUPLICATE.format(name=name))
        office = CareOffice.create(name=name, phone=phone, search_key=key)

    log.info("registered care office %s", office.id)
    return CareOfficeRef(id=office.id, name=office.name, phone=office.phone)


def create_care_manager(name: str, furigana: str, office_id: int | None, phone: str = "") -> CareManagerRef:
    """Register a care manager (ケアマネ) at an office and return them.

    `furigana` may be blank; otherwise it is normalised to katakana like a
    customer's. Raises ValidationError for an empty or too long name, invalid
    フリガナ or phone number, an office that does not exist, or the same name
    already registered at the same office.
    """
    name = _clean_name(name, texts.FIELD_CARE_MANAGER_NAME, texts.CARE_MANAGER_NAME_REQUIRED)
    furigana = normalize_furigana(furigana)
    if furigana and not is_valid_furigana(furigana):
        raise ValidationError(texts.FIELD_CARE_MANAGER_FURIGANA, texts.CARE_MANAGER_FURIGANA_INVALID)
    phone = _clean_phone(phone)

    with write_transaction():
        office = None
        if office_id is not None:
            office = CareOffice.get_or_none(CareOffice.id == office_id)
            if office is None:
                raise ValidationError(texts.FIELD_CARE_OFFICE, texts.CARE_OFFICE_NOT_FOUND.format(office_id=office_id))
        _check_new_care_manager(name, office)
        manager = CareManager.create(
            name=name, furigana=furigana, office=office_id, phone=phone, search_key=care_manager_search_key(name, furigana)
        )

    log.info("registered care manager %s at office %s", manager.id, office_id)
    return _care_manager_ref(manager.id)


def care_manager_search_key(name: str, furigana: str) -> str:
    """Return the stored search key of a care manager: name and フリガナ, one per line, as for customers."""
    return f"{search_key(name)}\n{search_key(furigana)}"


def care_manager_open_cases(care_manager_id: int) -> CareManagerCases:
    """Return a care manager and the open cases of the customers linked to them.

    The cases run by line, then the one waiting longest in its stage first.
    Raises NotFoundError when the care manager no longer exists.
    """
    manager = _care_manager_ref(care_manager_id)
    query = (
        summary_query()
        .where((Customer.care_manager == care_manager_id) & (Case.stage != COMPLETED))
        .order_by(Case.stage_entered_at, Case.id)
    )
    cases: list[CaseSummary] = sorted(fetch_summaries(query), key=lambda case: _LINE_ORDER[case.line])
    return CareManagerCases(care_manager=manager, cases=cases)


def _check_new_care_manager(name: str, office: CareOffice | None) -> None:
    colleagues = CareManager.select(CareManager.name).where(
        CareManager.office.is_null() if office is None else CareManager.office == office.id
    )
    key = search_key(name)
    if any(search_key(colleague) == key for (colleague,) in colleagues.tuples()):
        office_name = office.name if office is not None else texts.FIELD_CARE_OFFICE
        raise ValidationError(
            texts.FIELD_CARE_MANAGER_NAME, texts.CARE_MANAGER_DUPLICATE.format(office=office_name, name=name)
        )


def _clean_name(name: str, field: str, required: str) -> str:
    # str.split() also splits at the full-width space U+3000, which Japanese input often types.
    name = " ".join(name.split())
    if not name:
        raise ValidationError(field, required)
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(field, texts.NAME_TOO_LONG.format(field=field, limit=MAX_NAME_LENGTH))
    return name


def _clean_phone(phone: str) -> str:
    phone = " ".join(unicodedata.normalize("NFKC", phone).split())
    if phone and (not _PHONE.fullmatch(phone) or len(phone) > MAX_PHONE_LENGTH):
        raise ValidationError(texts.FIELD_PHONE, texts.PHONE_INVALID)
    return phone


def _care_manager_query():
    return (
        CareManager.select(
            CareManager.id, CareManager.name, CareManager.furigana, CareManager.phone,
            CareManager.office, CareOffice.name, CareOffice.phone,
        )
        .join(CareOffice, JOIN.LEFT_OUTER, on=(CareManager.office == CareOffice.id))
    )


def _care_manager_ref(care_manager_id: int) -> CareManagerRef:
    row = _care_manager_query().where(CareManager.id == care_manager_id).tuples().first()
    if row is None:
        raise NotFoundError(texts.CARE_MANAGER_NOT_FOUND.format(care_manager_id=care_manager_id))
    return _to_care_manager(row)


def _to_care_manager(row: tuple) -> CareManagerRef:
    manager_id, name, furigana, phone, office_id, office_name, office_phone = row
    return CareManagerRef(
        id=manager_id,
        name=name,
        furigana=furigana,
        phone=phone,
        office_id=office_id,
        office_name=office_name or "",
        office_phone=office_phone or "",
    )
