"""Provides the business lines (事業区分), their stages (営業ステージ) and sales kinds."""

from dataclasses import dataclass
from enum import StrEnum


class Line(StrEnum):
    """A business line; the value is the key stored in the database."""

    RENTAL = "rental"
    SALES = "sales"
    RENOVATION = "renovation"
    EQUIPMENT = "equipment"

    @property
    def label(self) -> str:
        return LINE_LABELS[self]


class SalesKind(StrEnum):
    """How a sale (福祉用具販売) is paid; the value is the key stored in the database."""

    INSURANCE = "insurance"
    SELF_PAY = "self_pay"

    @property
    def label(self) -> str:
        return SALES_KIND_LABELS[self]


LINE_LABELS = {
    Line.RENTAL: "レンタル",
    Line.SALES: "福祉用具販売",
    Line.RENOVATION: "住宅改修",
    Line.EQUIPMENT: "設備",
}

SALES_KIND_LABELS = {
    SalesKind.INSURANCE: "介護保険",
    SalesKind.SELF_PAY: "自費",
}

# Stage names are the company's own words and are stored as they are.
RECEIVED = "案件受付"
MEETING = "打合せ"
QUOTING = "見積工程"
AWAITING_ORDER = "受注待ち"
PRE_APPLICATION = "事前申請中"
WORK = "作業工程"
INVOICING = "請求工程"
INVOICE_SUBMITTED = "請求書提出済"
POST_APPLICATION = "事後申請中"
COMPLETED = "案件完了"

ALL_STAGES = (
    RECEIVED,
    MEETING,
    QUOTING,
    AWAITING_ORDER,
    PRE_APPLICATION,
    WORK,
    INVOICING,
    INVOICE_SUBMITTED,
    POST_APPLICATION,
    COMPLETED,
)

STAGES: dict[Line, tuple[str, ...]] = {
    Line.RENTAL: (RECEIVED, MEETING, WORK, COMPLETED),
    Line.SALES: (RECEIVED, MEETING, QUOTING, WORK, POST_APPLICATION, COMPLETED),
    Line.RENOVATION: (
        RECEIVED,
        MEETING,
        QUOTING,
        AWAITING_ORDER,
        PRE_APPLICATION,
        WORK,
        INVOICING,
        INVOICE_SUBMITTED,
        POST_APPLICATION,
        COMPLETED,
    ),
    Line.EQUIPMENT: (
        RECEIVED,
        MEETING,
        QUOTING,
        AWAITING_ORDER,
        WORK,
        INVOICING,
        INVOICE_SUBMITTED,
        COMPLETED,
    ),
}


@dataclass(frozen=True)
class Flow:
    """The stages one case passes through, given its line and, for sales, its kind."""

    line: Line
    kind: SalesKind | None
    stages: tuple[str, ...]

    def index(self, stage: str) -> int:
        """Return the position of `stage` in this flow; raise ValueError if it is not part of it."""
        return self.stages.index(stage)


def flow_for(line: Line, kind: SalesKind | None = None) -> Flow:
    """Return the flow of a case of `line` (and `kind` for sales).

    A self-pay sale (自費) has no application to the city, so its flow leaves out
    事後申請中: the board still shows that column for insured sales on the same board.
    """
    stages = STAGES[line]
    if line is Line.SALES and kind is SalesKind.SELF_PAY:
        stages = tuple(stage for stage in stages if stage != POST_APPLICATION)
    return Flow(line=line, kind=kind, stages=stages)
