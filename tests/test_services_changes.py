"""Tests of the change tokens that open screens poll: which cases changed since a screen last looked."""

from datetime import timedelta

import pytest

from anken_tui.db.changes import CaseChange
from anken_tui.domain.lines import COMPLETED, MEETING, Line
from anken_tui.domain.outcomes import Outcome
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.services import changes as changes_module
from anken_tui.services.board import RECENT_COMPLETION_DAYS, load_board_cards, load_case_summary
from anken_tui.services.cases import create_case, move_case
from anken_tui.services.changes import changes_since, current_token, prune_change_log
from anken_tui.services.notes import add_note


def _create(staff, clock, title="車いす"):
    form = NewCaseInput(line=Line.RENTAL, title=title, customer_name="山田 花子", customer_furigana="ヤマダ ハナコ")
    return create_case(form, staff, clock)


def test_empty_log_token_zero(db):
    assert current_token() == 0
    assert changes_since(0).case_ids == frozenset()


def test_unchanged_returns_same_token(staff, clock):
    _create(staff, clock)
    token = current_token()

    changes = changes_since(token)

    assert changes.token == token
    assert changes.case_ids == frozenset()
    assert not changes.reload_all


def test_move_and_note_listed_once_each(staff, clock):
    first, second, untouched = _create(staff, clock), _create(staff, clock), _create(staff, clock)
    token = current_token()

    moved = move_case(first.id, MEETING, expected_version=first.version, user=staff, clock=clock)
    move_case(first.id, "案件受付", expected_version=moved.case.version, user=staff, clock=clock)
    add_note(second.id, "ケアマネに電話", staff, clock)
    changes = changes_since(token)

    assert changes.case_ids == {first.id, second.id}
    assert untouched.id not in changes.case_ids
    assert changes.token == current_token() > token
    assert changes_since(changes.token).case_ids == frozenset()


def test_new_case_listed(staff, clock):
    token = current_token()

    created = _create(staff, clock)

    assert changes_since(token).case_ids == {created.id}


def test_pruned_past_token_reloads_all(staff, clock):
    for _ in range(5):
        _create(staff, clock)

    deleted = prune_change_log(keep=2)
    changes = changes_since(1)

    assert deleted == 3
    assert CaseChange.select().count() == 2
    assert changes.reload_all
    assert changes.token == current_token()


def test_token_ahead_of_log_reloads_all(staff, clock):
    _create(staff, clock)

    changes = changes_since(current_token() + 50)

    assert changes.reload_all
    assert changes.token == current_token()


def test_too_many_changed_cases_reload_all(staff, clock, monkeypatch):
    monkeypatch.setattr(changes_module, "MAX_CHANGED_CASES", 3)
    token = current_token()
    for _ in range(4):
        _create(staff, clock)

    assert changes_since(token).reload_all


@pytest.mark.parametrize("keep", [0, 1])
def test_prune_never_breaks_next_question(staff, clock, keep):
    _create(staff, clock)
    prune_change_log(keep=keep)
    token = current_token()

    created = _create(staff, clock)

    assert changes_since(token).case_ids == {created.id}


def test_board_cards_only_for_cases_the_board_shows(staff, clock):
    rental = _create(staff, clock)
    other_line = create_case(
        NewCaseInput(line=Line.EQUIPMENT, title="浴室暖房", customer_name="木村 春子", customer_furigana="キムラ ハルコ"),
        staff,
        clock,
    )

    cards = load_board_cards(Line.RENTAL, [rental.id, other_line.id, 9999], clock)

    assert cards[rental.id] == load_case_summary(rental.id)
    assert cards[other_line.id] is None
    assert cards[9999] is None


def test_board_cards_leave_out_old_completion(staff, clock):
    case = _create(staff, clock)
    ended = move_case(
        case.id, COMPLETED, expected_version=case.version, user=staff, clock=clock,
        outcome=Outcome.DECLINED, reason="ご家族と相談の結果",
    )
    clock.advance(timedelta(days=RECENT_COMPLETION_DAYS + 1))

    assert load_board_cards(Line.RENTAL, [case.id], clock) == {case.id: None}
    assert ended.case.stage == COMPLETED
