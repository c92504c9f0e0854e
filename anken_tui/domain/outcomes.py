"""Provides the outcomes (結果) a case can end with at 案件完了."""

from enum import StrEnum


class Outcome(StrEnum):
    """The outcome a case ended with; the value is the key stored in the database."""

    WON = "won"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    NO_CONTACT = "no_contact"
    OTHER = "other"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def needs_reason(self) -> bool:
        """Whether ending a case with this outcome needs a written reason."""
        return self is not Outcome.WON


OUTCOME_LABELS = {
    Outcome.WON: "成約",
    Outcome.DECLINED: "お断り",
    Outcome.CANCELLED: "キャンセル",
    Outcome.NO_CONTACT: "連絡不通",
    Outcome.OTHER: "その他",
}
