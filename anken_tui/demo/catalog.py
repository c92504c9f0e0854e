"""Provides the demo catalog: the staff, care managers, customers and cases of `cases.toml`, checked."""

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from anken_tui.domain.lines import COMPLETED, STAGES, Line, SalesKind
from anken_tui.domain.outcomes import Outcome

CATALOG_FILE = "cases.toml"


@dataclass(frozen=True)
class DemoStaff:
    name: str
    role: str


@dataclass(frozen=True)
class DemoCareManager:
    key: str
    name: str
    furigana: str
    office: str


@dataclass(frozen=True)
class DemoCustomer:
    key: str
    name: str
    furigana: str
    area: str
    """The part of 宇陀市 where the customer lives: 榛原, 大宇陀, 菟田野 or 室生."""
    care_manager: str | None


@dataclass(frozen=True)
class DemoNote:
    day: int
    """Days after the case entered its current stage."""
    author: str
    text: str


@dataclass(frozen=True)
class DemoActivity:
    kind: str
    day: int
    """Days after the case entered its current stage."""
    staff: str
    text: str
    follow_up_in: int | None
    """Days from the activity to its follow-up, if one is planned."""


@dataclass(frozen=True)
class DemoCase:
    line: Line
    kind: SalesKind | None
    stage: str
    title: str
    customer: str
    owner: str
    days: tuple[int, int]
    """The range of days since the case entered its stage, both ends included."""
    skip: tuple[str, ...] = ()
    ended_from: str | None = None
    outcome: Outcome | None = None
    reason: str = ""
    meeting_in: int | None = None
    corrected: bool = False
    amount: int | None = None
    """Whole yen: the purchase, quote and invoice amount, each set once the case gets that far."""
    payment_method: str | None = None
    kaipoke_registered: bool = False
    work_start_in: int | None = None
    """Days from today to a planned work start that was set before the city's approval."""
    notes: tuple[DemoNote, ...] = ()
    activities: tuple[DemoActivity, ...] = ()


@dataclass(frozen=True)
class Catalog:
    staff: tuple[DemoStaff, ...]
    care_managers: dict[str, DemoCareManager]
    customers: dict[str, DemoCustomer]
    cases: tuple[DemoCase, ...]


def load_catalog() -> Catalog:
    """Read the demo catalog shipped in this package.

    Raises:
        ValueError: the catalog refers to a person or stage that does not exist.
    """
    text = resources.files(__package__).joinpath(CATALOG_FILE).read_text(encoding="utf-8")
    document = tomllib.loads(text)

    staff = tuple(DemoStaff(**entry) for entry in document["staff"])
    care_managers = {entry["key"]: DemoCareManager(**entry) for entry in document["care_managers"]}
    customers = {
        entry["key"]: DemoCustomer(care_manager=entry.pop("care_manager", None), **entry)
        for entry in document["customers"]
    }
    cases = tuple(_case(entry) for entry in document["cases"])

    catalog = Catalog(staff=staff, care_managers=care_managers, customers=customers, cases=cases)
    _check_references(catalog)
    return catalog


def _case(entry: dict[str, Any]) -> DemoCase:
    kind = entry.get("kind")
    outcome = entry.get("outcome")
    low, high = entry["days"]
    return DemoCase(
        line=Line(entry["line"]),
        kind=SalesKind(kind) if kind else None,
        stage=entry["stage"],
        title=entry["title"],
        customer=entry["customer"],
        owner=entry["owner"],
        days=(low, high),
        skip=tuple(entry.get("skip", ())),
        ended_from=entry.get("ended_from"),
        outcome=Outcome(outcome) if outcome else None,
        reason=entry.get("reason", ""),
        meeting_in=entry.get("meeting_in"),
        corrected=entry.get("corrected", False),
        amount=entry.get("amount"),
        payment_method=entry.get("payment_method"),
        kaipoke_registered=entry.get("kaipoke_registered", False),
        work_start_in=entry.get("work_start_in"),
        notes=tuple(DemoNote(**note) for note in entry.get("notes", ())),
        activities=tuple(
            DemoActivity(follow_up_in=activity.pop("follow_up_in", None), **activity)
            for activity in entry.get("activities", ())
        ),
    )


def _check_references(catalog: Catalog) -> None:
    staff_names = {member.name for member in catalog.staff}
    for customer in catalog.customers.values():
        if customer.care_manager is not None and customer.care_manager not in catalog.care_managers:
            raise ValueError(f"demo customer {customer.key}: unknown care manager {customer.care_manager}")

    for number, case in enumerate(catalog.cases, start=1):
        people = [case.owner, *(note.author for note in case.notes), *(item.staff for item in case.activities)]
        unknown = [name for name in people if name not in staff_names]
        if case.customer not in catalog.customers or unknown:
            raise ValueError(f"demo case {number}: unknown customer {case.customer} or staff {unknown}")
        if case.stage not in STAGES[case.line]:
            raise ValueError(f"demo case {number}: {case.stage} is not a stage of {case.line}")
        if (case.stage == COMPLETED) != (case.outcome is not None):
            raise ValueError(f"demo case {number}: an outcome belongs to 案件完了 and only there")
        if case.payment_method is not None and case.line is not Line.RENTAL:
            raise ValueError(f"demo case {number}: only rentals have a payment method")
