"""Provides the plain records of customers (顧客) and care managers (ケアマネ) that services hand to screens."""

from dataclasses import dataclass

from anken_tui.domain.lines import COMPLETED
from anken_tui.services.summaries import CaseSummary


@dataclass(frozen=True)
class CustomerRef:
    """A customer as the new case form lists them: id, name and フリガナ."""

    id: int
    name: str
    furigana: str


@dataclass(frozen=True)
class CareOfficeRef:
    """A care manager's office (居宅介護支援事業所)."""

    id: int
    name: str
    phone: str


@dataclass(frozen=True)
class CareManagerRef:
    """A care manager (ケアマネ) and the office they work at, if known."""

    id: int
    name: str
    furigana: str
    phone: str
    office_id: int | None
    office_name: str
    office_phone: str


@dataclass(frozen=True)
class CustomerInfo:
    """A customer as the case detail and the customer page show them.

    `care_manager_name` and `care_office_name` come from the care manager record
    when `care_manager_id` is set, and otherwise from the text typed on the
    customer before care managers were records of their own.
    """

    id: int
    name: str
    furigana: str
    phone: str
    address: str
    city: str
    care_manager_id: int | None
    care_manager_name: str
    care_office_name: str
    care_manager_phone: str
    care_office_phone: str


@dataclass(frozen=True)
class CustomerRow:
    """A customer as the customers list shows them, with the number of open cases."""

    id: int
    name: str
    furigana: str
    phone: str
    city: str
    care_manager_name: str
    open_case_count: int


@dataclass(frozen=True)
class CustomerPage:
    """A customer and every case of theirs across the four lines: open cases first, then completed ones."""

    customer: CustomerInfo
    cases: list[CaseSummary]

    @property
    def open_cases(self) -> list[CaseSummary]:
        return [case for case in self.cases if case.stage != COMPLETED]


@dataclass(frozen=True)
class CareManagerCases:
    """A care manager and the open cases of the customers they look after."""

    care_manager: CareManagerRef
    cases: list[CaseSummary]
