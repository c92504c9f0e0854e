"""Provides filling an empty database with the demo catalog: staff, customers, cases and their history."""

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from anken_tui.clock import JST, Clock, to_storage
from anken_tui.db.models import Activity, CareManager, CareOffice, Case, Customer, Note, Staff, StageChange
from anken_tui.db.transactions import write_transaction
from anken_tui.domain.lines import COMPLETED, INVOICE_SUBMITTED, INVOICING, POST_APPLICATION, Line, flow_for
from anken_tui.domain.moves import check_move
from anken_tui.domain.outcomes import Outcome
from anken_tui.demo.catalog import Catalog, DemoCase, load_catalog
from anken_tui.demo.fields import line_fields
from anken_tui.domain.kana import search_key
from anken_tui.services.cases import customer_search_key
from anken_tui.services.customers import care_manager_search_key

log = logging.getLogger(__name__)

# Any fixed number: the same seed and the same clock give the same demo, case for case.
DEMO_SEED = 20260302

CITY = "宇陀市"
# 0745 is the area code of 宇陀市. Local numbers never start with 0, so 0745-00-xxxx is not in service.
PHONE_PREFIX = "0745-00-"
# Customers' numbers start at 1000 and offices' at 3000, so that no two share one.
OFFICE_PHONE_START = 3000

# Every date in the demo lies within this many days before the clock's today.
MAX_AGE_DAYS = 89
OFFICE_HOURS = (9, 17)

# Stages whose moves the office (事務) makes: invoices and applications.
OFFICE_STAGES = frozenset({INVOICING, INVOICE_SUBMITTED, POST_APPLICATION})


@dataclass(frozen=True)
class CasePlan:
    """One demo case with its stages from registration on, when each was entered and who moved it there."""

    case: DemoCase
    path: tuple[str, ...]
    times: tuple[datetime, ...]
    changed_by: tuple[str, ...]


def is_empty() -> bool:
    """Return True when the open database has no staff, care offices, customers or cases yet."""
    tables = (Staff, CareOffice, Customer, Case)
    return not any(table.select().exists() for table in tables)


def fill_demo(clock: Clock) -> None:
    """Write the demo catalog into the open, empty database in one transaction.

    Dates are spread over the last 90 days before `clock`'s today, drawn with a
    fixed seed, so a frozen clock always gives the same data.

    Raises:
        ValueError: the database is not empty, or the catalog breaks a move rule.
    """
    catalog = load_catalog()
    rng = random.Random(DEMO_SEED)
    now = clock.now().astimezone(JST)
    office = [member.name for member in catalog.staff if member.role == "office"]
    plans = [_plan_case(case, rng, now, office[number % len(office)]) for number, case in enumerate(catalog.cases)]

    with write_transaction():
        if not is_empty():
            raise ValueError("demo data goes into an empty database only")
        staff_ids = _write_staff(catalog, now)
        care_manager_ids = _write_care_managers(catalog)
        customer_ids = _write_customers(catalog, plans, rng, now, care_manager_ids)
        for plan in plans:
            _write_case(plan, staff_ids, customer_ids[plan.case.customer], rng, now)

    log.info("filled the demo database with %d cases", len(plans))


def stage_path(case: DemoCase) -> tuple[str, ...]:
    """Return the stages `case` went through from 案件受付 to its current stage, moves checked.

    Raises:
        ValueError: a move on the path is one that the rules do not allow.
    """
    flow = flow_for(case.line, case.kind).stages
    last = case.ended_from if case.ended_from else case.stage
    path = [stage for stage in flow[: flow.index(last) + 1] if stage not in case.skip]
    if case.ended_from:
        path.append(COMPLETED)
    if case.corrected:
        # Moved on too early, moved back as a correction, then on again.
        path[-1:] = [path[-1], path[-2], path[-1]]

    for current, target in zip(path, path[1:]):
        check = check_move(case.line, case.kind, current, target)
        if not check.allowed or (target == COMPLETED and case.outcome not in check.outcomes):
            raise ValueError(f"demo case {case.title}: {current} to {target} breaks the move rules")
    return tuple(path)


def _plan_case(case: DemoCase, rng: random.Random, now: datetime, office_member: str) -> CasePlan:
    path = stage_path(case)
    moves = len(path) - 1
    entered_days = rng.randint(*case.days)
    entered_at = _office_time(now.date() - timedelta(days=entered_days), rng, now)

    created_at = entered_at
    if moves:
        created_days = min(MAX_AGE_DAYS, entered_days + rng.randint(moves, 4 * moves + 2))
        created_at = _office_time(now.date() - timedelta(days=created_days), rng, now)
        if created_at >= entered_at:
            created_at = entered_at - timedelta(hours=moves)

    changed_by = tuple(_changer(case, stage, office_member) for stage in path)
    return CasePlan(case, path, _history_times(rng, created_at, entered_at, moves), changed_by)


def _changer(case: DemoCase, stage: str, office_member: str) -> str:
    closes_sale = stage == COMPLETED and case.outcome is Outcome.WON and case.line is not Line.RENTAL
    return office_member if stage in OFFICE_STAGES or closes_sale else case.owner


def _history_times(rng: random.Random, created_at: datetime, entered_at: datetime, moves: int) -> tuple[datetime, ...]:
    """Return `moves + 1` increasing times from `created_at` to `entered_at`, each move on its own day if there is room."""
    if moves == 0:
        return (entered_at,)

    between = moves - 1
    span_days = (entered_at.date() - created_at.date()).days
    if span_days - 1 >= between:
        days = sorted(rng.sample(range(1, span_days), between))
        inner = [_office_time(created_at.date() + timedelta(days=day), rng, entered_at) for day in days]
    else:
        step = (entered_at - created_at) / moves
        inner = [created_at + step * (number + 1) for number in range(between)]
    return (created_at, *inner, entered_at)


def _office_time(day: date, rng: random.Random, latest: datetime) -> datetime:
    """Return a time in office hours on `day` (JST), but never after `latest`."""
    moment = datetime.combine(day, time(rng.randint(*OFFICE_HOURS), rng.randint(0, 59)), JST)
    return min(moment, latest - timedelta(minutes=rng.randint(5, 50)))


def _write_staff(catalog: Catalog, now: datetime) -> dict[str, int]:
    joined = to_storage(now - timedelta(days=MAX_AGE_DAYS))
    return {
        member.name: Staff.create(name=member.name, role=member.role, active=True, created_at=joined).id
        for member in catalog.staff
    }


def _write_care_managers(catalog: Catalog) -> dict[str, int]:
    """Write the care offices and care managers of the catalog; return the care managers' ids by key."""
    office_ids: dict[str, int] = {}
    manager_ids = {}
    for manager in catalog.care_managers.values():
        if manager.office not in office_ids:
            phone = f"{PHONE_PREFIX}{OFFICE_PHONE_START + len(office_ids) * 11:04d}"
            office = CareOffice.create(name=manager.office, phone=phone, search_key=search_key(manager.office))
            office_ids[manager.office] = office.id
        manager_ids[manager.key] = CareManager.create(
            name=manager.name,
            furigana=manager.furigana,
            office=office_ids[manager.office],
            search_key=care_manager_search_key(manager.name, manager.furigana),
        ).id
    return manager_ids


def _write_customers(
    catalog: Catalog, plans: list[CasePlan], rng: random.Random, now: datetime, care_manager_ids: dict[str, int]
) -> dict[str, int]:
    first_contact: dict[str, datetime] = {}
    for plan in plans:
        key = plan.case.customer
        first_contact[key] = min(first_contact.get(key, plan.times[0]), plan.times[0])

    customer_ids = {}
    for number, customer in enumerate(catalog.customers.values()):
        registered = to_storage(first_contact.get(customer.key, now) - timedelta(minutes=10))
        care_manager = catalog.care_managers.get(customer.care_manager or "")
        customer_ids[customer.key] = Customer.create(
            name=customer.name,
            furigana=customer.furigana,
            search_key=customer_search_key(customer.name, customer.furigana),
            phone=f"{PHONE_PREFIX}{1000 + number * 37:04d}",
            address=f"{CITY}{customer.area}{rng.randint(9001, 9899)}番地",
            city=CITY,
            care_manager_name=care_manager.name if care_manager else "",
            care_manager_office=care_manager.office if care_manager else "",
            care_manager=care_manager_ids[care_manager.key] if care_manager else None,
            created_at=registered,
            updated_at=registered,
        ).id
    return customer_ids


def _write_case(plan: CasePlan, staff_ids: dict[str, int], customer_id: int, rng: random.Random, now: datetime) -> None:
    case = plan.case
    owner_id = staff_ids[case.owner]
    entered_at = plan.times[-1]
    meeting = now.date() + timedelta(days=case.meeting_in) if case.meeting_in is not None else None

    row = Case.create(
        customer=customer_id,
        line=case.line.value,
        sales_kind=case.kind.value if case.kind else None,
        title=case.title,
        stage=case.stage,
        stage_entered_at=to_storage(entered_at),
        owner=owner_id,
        meeting_date=meeting,
        outcome=case.outcome.value if case.outcome else None,
        outcome_reason=case.reason or None,
        created_at=to_storage(plan.times[0]),
        created_by=owner_id,
        updated_at=to_storage(entered_at),
        updated_by=staff_ids[plan.changed_by[-1]],
        # Registration writes version 1 and every move adds one.
        version=len(plan.path),
        **line_fields(case, plan.path, plan.times, now.date()),
    )
    _write_history(row.id, plan, staff_ids)
    _write_notes(row.id, plan, staff_ids, rng, now)


def _write_history(case_id: int, plan: CasePlan, staff_ids: dict[str, int]) -> None:
    rows = []
    for number, stage in enumerate(plan.path):
        ends_case = stage == COMPLETED
        rows.append(
            {
                "case": case_id,
                "from_stage": plan.path[number - 1] if number else None,
                "to_stage": stage,
                "from_entered_at": to_storage(plan.times[number - 1]) if number else None,
                "changed_by": staff_ids[plan.changed_by[number]],
                "changed_at": to_storage(plan.times[number]),
                "outcome": plan.case.outcome.value if ends_case else None,
                "outcome_reason": (plan.case.reason or None) if ends_case else None,
            }
        )
    StageChange.insert_many(rows).execute()


def _write_notes(case_id: int, plan: CasePlan, staff_ids: dict[str, int], rng: random.Random, now: datetime) -> None:
    entered_at = plan.times[-1]
    for note in plan.case.notes:
        written = _time_after(entered_at, note.day, rng, now)
        Note.create(
            case=case_id,
            written_on=written.date(),
            author=staff_ids[note.author],
            text=note.text,
            created_at=to_storage(written),
        )

    for activity in plan.case.activities:
        done = _time_after(entered_at, activity.day, rng, now)
        follow_up = done.date() + timedelta(days=activity.follow_up_in) if activity.follow_up_in is not None else None
        Activity.create(
            case=case_id,
            kind=activity.kind,
            done_on=done.date(),
            staff=staff_ids[activity.staff],
            text=activity.text,
            follow_up_on=follow_up,
            created_at=to_storage(done),
            created_by=staff_ids[activity.staff],
        )


def _time_after(entered_at: datetime, days: int, rng: random.Random, now: datetime) -> datetime:
    """Return a JST time `days` after `entered_at`, never before it and never after `now`."""
    moment = _office_time(entered_at.date() + timedelta(days=days), rng, now)
    if moment <= entered_at:
        moment = min(entered_at + timedelta(minutes=rng.randint(10, 90)), now)
    return moment
