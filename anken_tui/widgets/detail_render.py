"""Provides the text of the case detail pane's sections, built as Rich Text so that user text is never markup."""

from datetime import date, datetime

from rich.cells import cell_len
from rich.text import Text

from anken_tui import texts
from anken_tui.clock import JST
from anken_tui.domain.activities import FollowUpDue, follow_up_due
from anken_tui.domain.amounts import format_yen
from anken_tui.domain.dates import format_card_date, format_short_date
from anken_tui.services.customer_records import CustomerInfo
from anken_tui.services.detail_records import ActivityView, CaseDetail, CaseFields, NoteView, StageHistoryRow

# Labels are padded to this many cells, so that the values line up; the longest, カイポケ口座登録日, takes 18.
LABEL_CELLS = 19

# Styles by name; the pane's stylesheet sets colours, these only add weight.
LABEL_STYLE = "dim"
DUE_STYLE = "bold reverse"
STAMP_STYLE = "bold"

_AMOUNT_FIELDS = {"purchase_amount", "quote_amount", "invoice_amount"}


def labelled(label: str, value: str | Text, *, value_style: str = "") -> Text:
    """Return one `label  value` line with the label padded to LABEL_CELLS cells."""
    padding = " " * max(LABEL_CELLS - cell_len(label), 1)
    line = Text(label + padding, style=LABEL_STYLE)
    line.append_text(value if isinstance(value, Text) else Text(value, style=value_style))
    return line


def join_lines(lines: list[Text]) -> Text:
    return Text("\n").join(lines)


def heading_text(detail: CaseDetail, today: date) -> Text:
    """Return the pane's heading: customer and title, then line, kind, stage and days in the stage."""
    customer = texts.CUSTOMER_HONORIFIC.format(name=detail.customer.name)
    heading = Text(f"{customer}  {detail.title}", style="bold")
    stage = texts.DETAIL_STAGE_DAYS.format(stage=detail.stage, days=max(detail.days_in_stage(today), 0))
    parts = [detail.line.label]
    if detail.sales_kind is not None:
        parts.append(detail.sales_kind.label)
    parts.append(stage)
    heading.append("\n" + "  ".join(parts))
    return heading


def customer_text(customer: CustomerInfo) -> Text:
    """Return the customer lines: name with 様, フリガナ, phone, city, care manager and office with their phones."""
    not_set = texts.DETAIL_NOT_SET
    manager = texts.DETAIL_PERSON.format(name=customer.care_manager_name) if customer.care_manager_name else not_set
    lines = [
        Text(texts.CUSTOMER_HONORIFIC.format(name=customer.name), style="bold"),
        labelled(texts.DETAIL_FURIGANA, customer.furigana or not_set),
        labelled(texts.DETAIL_PHONE, customer.phone or not_set),
        labelled(texts.DETAIL_CITY, customer.city or not_set),
        labelled(texts.DETAIL_CARE_MANAGER, manager),
    ]
    if customer.care_manager_phone:
        lines.append(labelled("", customer.care_manager_phone))
    lines.append(labelled(texts.DETAIL_CARE_OFFICE, customer.care_office_name or not_set))
    if customer.care_office_phone:
        lines.append(labelled("", customer.care_office_phone))
    return join_lines(lines)


def case_text(detail: CaseDetail, field_names: tuple[str, ...], today: date) -> Text:
    """Return the case lines: line, kind, title, stage, owner, the line's fields and the next follow-up."""
    lines = [labelled(texts.DETAIL_LINE, detail.line.label)]
    if detail.sales_kind is not None:
        lines.append(labelled(texts.DETAIL_KIND, detail.sales_kind.label))
    lines.append(labelled(texts.DETAIL_TITLE, detail.title))
    stage = texts.DETAIL_STAGE_DAYS.format(stage=detail.stage, days=max(detail.days_in_stage(today), 0))
    lines.append(labelled(texts.DETAIL_STAGE, stage))
    if detail.outcome is not None:
        outcome = " ".join(part for part in (detail.outcome.label, detail.outcome_reason) if part)
        lines.append(labelled(texts.DETAIL_OUTCOME, outcome))
    lines.append(labelled(texts.DETAIL_OWNER, detail.owner_name or texts.NO_OWNER))

    for name in field_names:
        if name == "sales_kind":
            continue
        lines.append(labelled(texts.CASE_FIELD_LABELS[name], field_value(detail.fields, name, today)))

    lines.append(labelled(texts.DETAIL_FOLLOW_UP, follow_up_text(detail.next_follow_up, today)))
    return join_lines(lines)


def field_value(fields: CaseFields, name: str, today: date) -> str:
    """Return one case field as shown: dates as 12/4(金), amounts as 12,000円, payment by its label."""
    value = getattr(fields, name)
    if value is None:
        return texts.DETAIL_NOT_SET
    if name in _AMOUNT_FIELDS:
        return format_yen(value)
    if name == "payment_method":
        return texts.PAYMENT_METHOD_LABELS.get(value, value)
    return format_card_date(value, today)


def follow_up_text(day: date | None, today: date) -> Text:
    """Return a follow-up date as 12/8(火), marked 今日 or 期限切れ when it is due."""
    if day is None:
        return Text(texts.DETAIL_NOT_SET)
    shown = format_card_date(day, today)
    due = follow_up_due(day, today)
    if due is FollowUpDue.UPCOMING:
        return Text(shown)
    return Text(texts.DETAIL_FOLLOW_UP_DUE.format(day=shown, due=due.label), style=DUE_STYLE)


def history_text(history: list[StageHistoryRow], today: date) -> Text:
    """Return the stage changes, newest first: when, from and to, who, and the days spent in the stage left."""
    lines = []
    for row in reversed(history):
        when = moment_text(row.changed_at, today)
        if row.from_stage is None:
            line = texts.DETAIL_HISTORY_REGISTERED.format(when=when, to=row.to_stage, who=row.changed_by_name)
        else:
            days = row.days_in_from_stage if row.days_in_from_stage is not None else 0
            line = texts.DETAIL_HISTORY_MOVE.format(
                when=when, source=row.from_stage, to=row.to_stage, who=row.changed_by_name, days=days
            )
        if row.is_undo:
            line += " " + texts.DETAIL_HISTORY_UNDO
        lines.append(Text(line))
        if row.outcome is not None:
            outcome = texts.DETAIL_HISTORY_OUTCOME.format(outcome=row.outcome.label, reason=row.outcome_reason)
            lines.append(Text("  " + outcome.rstrip(), style=LABEL_STYLE))
    return join_lines(lines)


def note_text(note: NoteView, today: date) -> Text:
    """Return a note as shown: its stamp, an edit mark when edited, then the text exactly as typed."""
    text = Text(note.stamp(today), style=STAMP_STYLE)
    if note.is_edited and note.edited_at is not None:
        mark = texts.NOTE_EDITED.format(when=moment_text(note.edited_at, today), who=note.edited_by_name or "")
        text.append(" " + texts.DETAIL_NOTE_EDITED.format(mark=mark, count=note.revision_count), style=LABEL_STYLE)
    text.append("\n")
    text.append(note.text)
    return text


def activities_text(activities: list[ActivityView], today: date) -> Text:
    """Return the activities, newest first: day, kind, staff, the text and the follow-up date if set."""
    lines = []
    for activity in activities:
        head = texts.DETAIL_ACTIVITY.format(
            day=format_card_date(activity.done_on, today), kind=activity.kind.label, staff=activity.staff_name
        )
        line = Text(head, style=STAMP_STYLE)
        if activity.follow_up_on is not None:
            follow_up = texts.DETAIL_ACTIVITY_FOLLOW_UP.format(day=format_card_date(activity.follow_up_on, today))
            line.append("  " + follow_up, style=LABEL_STYLE)
        lines.append(line)
        if activity.text:
            lines.append(Text(activity.text))
    return join_lines(lines)


def moment_text(moment: datetime, today: date) -> str:
    """Return an aware timestamp as 12/4 14:05 in JST, with the year when not in the year of `today`."""
    local = moment.astimezone(JST)
    return f"{format_short_date(local.date(), today)} {local:%H:%M}"
