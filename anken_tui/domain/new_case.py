"""Provides the checks of the new case form (案件登録), before anything is written."""

from dataclasses import dataclass, replace

from anken_tui.domain.kana import is_valid_furigana, normalize_furigana
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.errors import ValidationError

MAX_TITLE_LENGTH = 200
MAX_NAME_LENGTH = 100

FIELD_CUSTOMER = "顧客"
FIELD_NAME = "顧客名"
FIELD_FURIGANA = "フリガナ"
FIELD_TITLE = "件名"
FIELD_KIND = "介護保険/自費"


@dataclass(frozen=True)
class NewCaseInput:
    """What the user typed into the new case form.

    Either `customer_id` names an existing customer, or `customer_name` and
    `customer_furigana` describe a new one, with the care manager (ケアマネ)
    `care_manager_id` when known.
    """

    line: Line
    title: str
    sales_kind: SalesKind | None = None
    customer_id: int | None = None
    customer_name: str = ""
    customer_furigana: str = ""
    owner_id: int | None = None
    care_manager_id: int | None = None


def validate_new_case(form: NewCaseInput) -> NewCaseInput:
    """Return the form with names and furigana normalised, or raise ValidationError.

    The error names the first invalid field in Japanese and says how to fix it.
    """
    title = " ".join(form.title.split())
    if not title:
        raise ValidationError(FIELD_TITLE, "件名を入力してください。")
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(FIELD_TITLE, f"件名は{MAX_TITLE_LENGTH}文字以内で入力してください。")

    if form.line is Line.SALES and form.sales_kind is None:
        raise ValidationError(FIELD_KIND, "福祉用具販売の案件は「介護保険」か「自費」を選んでください。")
    kind = form.sales_kind if form.line is Line.SALES else None

    if form.customer_id is not None:
        return replace(form, title=title, sales_kind=kind)
    name, furigana = _validate_new_customer(form.customer_name, form.customer_furigana)
    return replace(form, title=title, sales_kind=kind, customer_name=name, customer_furigana=furigana)


def _validate_new_customer(name: str, furigana: str) -> tuple[str, str]:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(FIELD_NAME, "顧客名を入力するか、登録済みの顧客を選んでください。")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(FIELD_NAME, f"顧客名は{MAX_NAME_LENGTH}文字以内で入力してください。")

    furigana = normalize_furigana(furigana)
    if not furigana:
        raise ValidationError(FIELD_FURIGANA, "フリガナを入力してください。")
    if not is_valid_furigana(furigana):
        raise ValidationError(
            FIELD_FURIGANA,
            "フリガナはカタカナで入力してください(ひらがな・半角カナは自動でカタカナにします)。",
        )
    return name, furigana
