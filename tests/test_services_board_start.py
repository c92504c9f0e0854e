"""Tests of loading a board for its first screen: the first cards of each column and the real counts."""

from datetime import date, timedelta

import pytest

from anken_tui.clock import to_storage
from anken_tui.db.models import Case
from anken_tui.domain.lines import COMPLETED, MEETING, STAGES, Line, SalesKind
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.services.board import load_board, load_board_start
from anken_tui.services.cases import create_case
from anken_tui.settings import Settings

# Spread over four months, so each column has fresh cases, stale ones and, at 案件完了, hidden ones.
AGES_IN_DAYS = (0, 1, 2, 3, 4, 6, 8, 9, 11, 15, 22, 35, 60, 120)


def _fill(line: Line, user, clock) -> None:
    """Put cases of every age into every stage of `line`, some with a meeting date or a paused stale flag."""
    kind = SalesKind.INSURANCE if line is Line.SALES else None
    for stage in STAGES[line]:
        for number, age in enumerate(AGES_IN_DAYS):
            form = NewCaseInput(
                line=line, title=f"{stage}{number}", sales_kind=kind,
                customer_name="山田 太郎", customer_furigana="ヤマダ タロウ",
            )
            case = create_case(form, user, clock)
            entered = to_storage(clock.now() - timedelta(days=age, hours=number % 3))
            Case.update(
                stage=stage,
                stage_entered_at=entered,
                meeting_date=_meeting(clock.today(), number) if stage == MEETING else None,
                stale_snoozed_until=clock.today() + timedelta(days=3) if number % 5 == 4 else None,
            ).where(Case.id == case.id).execute()


def _meeting(today: date, number: int) -> date | None:
    """No date, a past meeting or a coming one, so 打合せ counts from either day."""
    return (None, today - timedelta(days=number), today + timedelta(days=2))[number % 3]


@pytest.mark.parametrize("line", list(Line))
@pytest.mark.parametrize("first_cards", [1, 5, 100])
def test_start_matches_the_full_board(staff, clock, line, first_cards):
    _fill(line, staff, clock)
    settings = Settings()

    start = load_board_start(line, clock, first_cards, settings.calendar, settings.thresholds)
    full = load_board(line, clock)

    assert start.open_count == full.open_count
    assert start.is_complete is (first_cards == 100)
    today = clock.today()
    for first, whole in zip(start.columns, full.columns, strict=True):
        assert first.stage == whole.stage
        assert first.cards == whole.cards[:first_cards]
        assert first.hidden_count == whole.hidden_count
        assert first.total == len(whole.cards)
        if len(whole.cards) <= first_cards:
            assert first.counts is None
            continue
        stale = [card for card in whole.cards if card.stale_status(today, settings.calendar, settings.thresholds)]
        assert first.counts.stale == len(stale)


def test_start_counts_stale_cases_of_long_columns(staff, clock):
    """The fill makes stale and fresh cases in each stage; a count of all or none would hide a wrong cutoff."""
    _fill(Line.RENOVATION, staff, clock)
    settings = Settings()

    start = load_board_start(Line.RENOVATION, clock, 1, settings.calendar, settings.thresholds)

    stale = {column.stage: column.counts.stale for column in start.columns if column.stage != COMPLETED}
    assert all(0 < count < len(AGES_IN_DAYS) for count in stale.values()), stale
    assert start.column(COMPLETED).counts.stale == 0


def test_small_board_is_complete(staff, clock):
    form = NewCaseInput(line=Line.RENTAL, title="手すり", customer_name="山田 太郎", customer_furigana="ヤマダ タロウ")
    create_case(form, staff, clock)
    settings = Settings()

    start = load_board_start(Line.RENTAL, clock, 3, settings.calendar, settings.thresholds)

    assert start.is_complete
    assert start.open_count == 1
    assert [card.title for card in start.column("案件受付").cards] == ["手すり"]
