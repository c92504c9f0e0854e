"""Provides many made-up open cases at once, for benchmarks of a busy board."""

import logging
import random
from collections.abc import Mapping
from datetime import datetime, timedelta

from anken_tui.clock import Clock, to_storage
from anken_tui.db.models import BaseModel, Case, Customer, Staff, StageChange
from anken_tui.db.transactions import write_transaction
from anken_tui.demo.catalog import Catalog, load_catalog
from anken_tui.demo.fill import CITY, PHONE_PREFIX
from anken_tui.domain.lines import COMPLETED, RECEIVED, Line, SalesKind, flow_for
from anken_tui.services.cases import customer_search_key

log = logging.getLogger(__name__)

BULK_SEED = 7
DEFAULT_LINE_WEIGHTS: Mapping[Line, float] = {
    Line.RENTAL: 4,
    Line.SALES: 3,
    Line.RENOVATION: 2,
    Line.EQUIPMENT: 1,
}
INSURANCE_SHARE = 0.7
MAX_STAGE_DAYS = 90

# SQLite 3.32 and later accept 32,766 bound values in one statement, so stay below that.
# NOTE: older SQLite builds accept only 999, and these batches would fail there.
MAX_VALUES_PER_INSERT = 30_000


def make_bulk_cases(
    count: int,
    clock: Clock,
    line_weights: Mapping[Line, float] | None = None,
    seed: int = BULK_SEED,
) -> list[int]:
    """Insert `count` open cases, each with its own made-up customer, and return their ids.

    Lines are drawn by `line_weights` (default: rental 4, sales 3, renovation 2,
    equipment 1), stages uniformly from each case's open stages, and days in
    stage uniformly up to 90. The four demo staff are added if missing. Each
    case gets a registration row and, when it is past 案件受付, one stage
    change row straight to its stage: enough history for the board, not a
    history that obeys the move rules. One transaction, batched inserts.
    """
    rng = random.Random(seed)
    catalog = load_catalog()
    now = clock.now()
    weights = dict(line_weights or DEFAULT_LINE_WEIGHTS)

    with write_transaction():
        owner_ids = _demo_staff_ids(catalog, now)
        customer_rows = [_customer_row(catalog, rng, now, number) for number in range(count)]
        customer_ids = _insert_rows(Customer, customer_rows)
        case_rows = [_case_row(catalog, rng, now, weights, owner_ids, customer_id) for customer_id in customer_ids]
        case_ids = _insert_rows(Case, case_rows)
        _insert_rows(StageChange, _history_rows(case_ids, case_rows))

    log.info("inserted %d bulk cases", count)
    return case_ids


def _demo_staff_ids(catalog: Catalog, now: datetime) -> list[int]:
    """Return the ids of the demo 営業 staff, adding any demo staff member that is missing."""
    for member in catalog.staff:
        if Staff.get_or_none(Staff.name == member.name) is None:
            Staff.create(name=member.name, role=member.role, active=True, created_at=to_storage(now))
    sales_names = [member.name for member in catalog.staff if member.role == "sales"]
    return [staff.id for staff in Staff.select(Staff.id).where(Staff.name.in_(sales_names)).order_by(Staff.id)]


def _customer_row(catalog: Catalog, rng: random.Random, now: datetime, number: int) -> dict:
    # A surname from one demo customer and a given name from another.
    surname_source = rng.choice(list(catalog.customers.values()))
    given_name_source = rng.choice(list(catalog.customers.values()))
    name = f"{surname_source.name.split()[0]} {given_name_source.name.split()[-1]}"
    furigana = f"{surname_source.furigana.split()[0]} {given_name_source.furigana.split()[-1]}"
    stored_now = to_storage(now)
    return {
        "name": name,
        "furigana": furigana,
        "search_key": customer_search_key(name, furigana),
        "phone": f"{PHONE_PREFIX}{number % 10_000:04d}",
        "address": f"{CITY}{surname_source.area}{9001 + number % 899}番地",
        "city": CITY,
        "created_at": stored_now,
        "updated_at": stored_now,
    }


def _case_row(
    catalog: Catalog,
    rng: random.Random,
    now: datetime,
    weights: Mapping[Line, float],
    owner_ids: list[int],
    customer_id: int,
) -> dict:
    line = rng.choices(list(weights), weights=list(weights.values()))[0]
    kind = None
    if line is Line.SALES:
        kind = SalesKind.INSURANCE if rng.random() < INSURANCE_SHARE else SalesKind.SELF_PAY
    stage = rng.choice([stage for stage in flow_for(line, kind).stages if stage != COMPLETED])
    titles = [case.title for case in catalog.cases if case.line is line]

    entered_at = to_storage(now - timedelta(minutes=rng.randint(0, MAX_STAGE_DAYS * 24 * 60)))
    created_at = entered_at if stage == RECEIVED else entered_at - timedelta(days=rng.randint(1, 30))
    owner_id = rng.choice(owner_ids)
    return {
        "customer": customer_id,
        "line": line.value,
        "sales_kind": kind.value if kind else None,
        "title": rng.choice(titles),
        "stage": stage,
        "stage_entered_at": entered_at,
        "owner": owner_id,
        "created_at": created_at,
        "created_by": owner_id,
        "updated_at": entered_at,
        "updated_by": owner_id,
        "version": 1 if stage == RECEIVED else 2,
    }


def _history_rows(case_ids: list[int], case_rows: list[dict]) -> list[dict]:
    rows = []
    for case_id, case in zip(case_ids, case_rows):
        registered = {"case": case_id, "from_stage": None, "to_stage": RECEIVED, "from_entered_at": None}
        rows.append(registered | {"changed_by": case["owner"], "changed_at": case["created_at"]})
        if case["stage"] != RECEIVED:
            moved = {"case": case_id, "from_stage": RECEIVED, "to_stage": case["stage"]}
            rows.append(
                moved
                | {"from_entered_at": case["created_at"], "changed_by": case["owner"], "changed_at": case["stage_entered_at"]}
            )
    return rows


def _insert_rows(model: type[BaseModel], rows: list[dict]) -> list[int]:
    """Insert `rows` in batches that stay under SQLite's limit of bound values; return the new ids in order."""
    if not rows:
        return []
    ids: list[int] = []
    batch_size = max(1, MAX_VALUES_PER_INSERT // len(rows[0]))
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        inserted = model.insert_many(batch).execute()
        if isinstance(inserted, int):
            # SQLite returns the last rowid, and gives the rows of one INSERT consecutive rowids.
            ids.extend(range(inserted - len(batch) + 1, inserted + 1))
        else:
            # PostgreSQL returns a cursor over the new ids (INSERT … RETURNING id), in order.
            ids.extend(row[0] for row in inserted)
    return ids
