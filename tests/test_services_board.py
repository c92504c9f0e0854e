"""Tests of loading a board on a real SQLite file: columns, order, recent completions and cards."""

from datetime import date, datetime, timedelta

import pytest

from anken_tui.clock import JST, FrozenClock
from anken_tui.db.models import Case
from anken_tui.domain.lines import Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.domain.outcomes import Outcome
from anken_tui.errors import NotFoundError
from anken_tui.services.board import load_board, load_case_summary
from anken_tui.services.cases import create_case, move_case


def _create(title, user, clock, line=Line.RENTAL, kind=None):
    form = NewCaseInput(line=line, title=title, sales_kind=kind, customer_name="山田 太郎", customer_furigana="ヤマダ タロウ")
    return create_case(form, user, clock)


def _move(summary, target, user, clock, **options):
    return move_case(summary.id, target, expected_version=summary.version, user=user, clock=clock, **options).case


def _end(summary, user, clock):
    return _move(summary, "案件完了", user, clock, outcome=Outcome.DECLINED, reason="ご家族と相談の結果、見送り")


def _titles(board, stage) -> list[str]:
    return [card.title for card in board.column(stage).cards]


@pytest.mark.parametrize(
    ("line", "stages"),
    [
        (Line.RENTAL, ["案件受付", "打合せ", "作業工程", "案件完了"]),
        (Line.SALES, ["案件受付", "打合せ", "見積工程", "作業工程", "事後申請中", "案件完了"]),
        (
            Line.RENOVATION,
            ["案件受付", "打合せ", "見積工程", "受注待ち", "事前申請中", "作業工程", "請求工程", "請求書提出済", "事後申請中", "案件完了"],
        ),
        (Line.EQUIPMENT, ["案件受付", "打合せ", "見積工程", "受注待ち", "作業工程", "請求工程", "請求書提出済", "案件完了"]),
    ],
)
def test_empty_board_has_column_per_stage(db, clock, line, stages):
    board = load_board(line, clock)

    assert board.line is line
    assert [column.stage for column in board.columns] == stages
    assert all(column.cards == [] and column.hidden_count == 0 for column in board.columns)
    assert board.open_count == 0


def test_cards_grouped_by_stage_oldest_first(staff, clock):
    first = _create("一件目", staff, clock)
    clock.advance(timedelta(hours=1))
    second = _create("二件目", staff, clock)
    clock.advance(timedelta(hours=1))
    _create("三件目", staff, clock)
    clock.advance(timedelta(hours=1))
    _move(second, "打合せ", staff, clock)
    clock.advance(timedelta(hours=1))
    _move(first, "打合せ", staff, clock)

    board = load_board(Line.RENTAL, clock)

    assert _titles(board, "案件受付") == ["三件目"]
    assert _titles(board, "打合せ") == ["二件目", "一件目"]
    assert _titles(board, "作業工程") == []
    assert board.open_count == 3


def test_same_entry_time_ordered_by_id(staff, clock):
    for title in ("A", "B", "C"):
        _create(title, staff, clock)

    assert _titles(load_board(Line.RENTAL, clock), "案件受付") == ["A", "B", "C"]


def test_board_shows_only_its_line(staff, clock):
    _create("レンタル案件", staff, clock)
    _create("設備案件", staff, clock, line=Line.EQUIPMENT)

    board = load_board(Line.EQUIPMENT, clock)

    assert _titles(board, "案件受付") == ["設備案件"]
    assert board.open_count == 1


def test_sales_board_holds_both_kinds(staff, clock):
    _create("介護保険の販売", staff, clock, line=Line.SALES, kind=SalesKind.INSURANCE)
    _create("自費の販売", staff, clock, line=Line.SALES, kind=SalesKind.SELF_PAY)

    cards = load_board(Line.SALES, clock).column("案件受付").cards

    assert [(card.title, card.sales_kind) for card in cards] == [
        ("介護保険の販売", SalesKind.INSURANCE),
        ("自費の販売", SalesKind.SELF_PAY),
    ]


def test_completed_recent_newest_first_older_counted(staff, clock):
    # Four cases end 40, 30, 20 and 5 days before the board is loaded.
    loaded_at = clock.now() + timedelta(days=40)
    for days in (40, 30, 20, 5):
        ended_at = FrozenClock(loaded_at - timedelta(days=days))
        _end(_create(f"完了{days}日前", staff, ended_at), staff, ended_at)
    _create("進行中", staff, clock)

    board = load_board(Line.RENTAL, FrozenClock(loaded_at))

    completed = board.column("案件完了")
    assert [card.title for card in completed.cards] == ["完了5日前", "完了20日前", "完了30日前"]
    assert completed.hidden_count == 1
    assert board.open_count == 1


def test_completion_just_past_thirty_days_hidden(staff, clock):
    summary = _create("境界", staff, clock)
    _end(summary, staff, clock)
    clock.advance(timedelta(days=30, seconds=1))

    completed = load_board(Line.RENTAL, clock).column("案件完了")

    assert completed.cards == []
    assert completed.hidden_count == 1


def test_hidden_count_only_for_its_line(staff, clock):
    _end(_create("設備の完了", staff, clock, line=Line.EQUIPMENT), staff, clock)
    clock.advance(timedelta(days=60))

    assert load_board(Line.RENTAL, clock).column("案件完了").hidden_count == 0
    assert load_board(Line.EQUIPMENT, clock).column("案件完了").hidden_count == 1


def test_card_fields(staff, clock):
    summary = _create("[至急] 手すり", staff, clock)
    _move(summary, "打合せ", staff, clock)

    card = load_board(Line.RENTAL, clock).column("打合せ").cards[0]

    assert card.id == summary.id
    assert card.line is Line.RENTAL
    assert card.sales_kind is None
    assert card.stage == "打合せ"
    assert card.title == "[至急] 手すり"
    assert card.customer_name == "山田 太郎"
    assert card.customer_search_key == "山田太郎\nヤマダタロウ"
    assert card.owner_name == "山口"
    assert card.version == 2
    assert card.outcome is None


def test_card_outcome_on_completed(staff, clock):
    _end(_create("見送り", staff, clock), staff, clock)

    assert load_board(Line.RENTAL, clock).column("案件完了").cards[0].outcome == "declined"


def test_card_without_owner_still_shown(staff, clock):
    summary = _create("担当なし", staff, clock)
    Case.update(owner=None).where(Case.id == summary.id).execute()

    cards = load_board(Line.RENTAL, clock).column("案件受付").cards

    assert [(card.title, card.owner_name) for card in cards] == [("担当なし", "")]


@pytest.mark.parametrize(
    ("entered", "entered_on"),
    [
        (datetime(2026, 3, 2, 23, 30, tzinfo=JST), date(2026, 3, 2)),
        (datetime(2026, 3, 3, 0, 30, tzinfo=JST), date(2026, 3, 3)),
        (datetime(2026, 3, 3, 8, 59, tzinfo=JST), date(2026, 3, 3)),
    ],
)
def test_entry_date_is_office_date(staff, entered, entered_on):
    # Just after midnight in Japan it is still the previous day in UTC.
    _create("日付の境目", staff, FrozenClock(entered))

    card = load_board(Line.RENTAL, FrozenClock(entered)).column("案件受付").cards[0]

    assert card.stage_entered_on == entered_on
    assert card.days_in_stage(date(2026, 3, 5)) == (date(2026, 3, 5) - entered_on).days


def test_load_case_summary(staff, clock):
    summary = _create("一件", staff, clock)

    assert load_case_summary(summary.id) == summary


def test_load_missing_case_summary(db):
    with pytest.raises(NotFoundError) as raised:
        load_case_summary(999)

    assert "999" in raised.value.message
