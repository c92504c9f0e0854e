"""Tests of note drafts (下書き): kept per member of staff and case, and gone once the note is saved."""

from datetime import timedelta

import pytest

from anken_tui.db.models import NoteDraft
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.errors import ConflictError
from anken_tui.services.cases import create_case
from anken_tui.services.drafts import drafted_cases, drop_draft, find_draft, keep_draft
from anken_tui.services.notes import add_note, edit_note
from anken_tui.services.staff import register_staff


def _case(staff, clock, title="サイドレール交換"):
    form = NewCaseInput(line=Line.RENTAL, title=title, customer_name="宇陀 太郎", customer_furigana="ウダ タロウ")
    return create_case(form, staff, clock)


@pytest.fixture
def case(staff, clock):
    return _case(staff, clock)


@pytest.fixture
def colleague(db, clock):
    return register_staff("中西", "sales", clock)


def test_kept_draft_is_found(case, staff, clock):
    keep_draft(case.id, staff, "ケアマネに電話。\n明日の訪問は", clock)

    draft = find_draft(case.id, staff)

    assert draft.text == "ケアマネに電話。\n明日の訪問は"
    assert draft.note_id is None
    assert draft.note_version is None
    assert draft.saved_at == clock.now()


def test_new_draft_replaces_old(case, staff, clock):
    keep_draft(case.id, staff, "一回目", clock)
    clock.advance(timedelta(seconds=5))
    note = add_note(case.id, "最初の詳細", staff, clock)
    keep_draft(case.id, staff, "二回目", clock, note_id=note.id, note_version=note.version)

    draft = find_draft(case.id, staff)

    assert draft.text == "二回目"
    assert draft.note_id == note.id
    assert draft.note_version == 1
    assert NoteDraft.select().count() == 1


def test_drafts_are_per_staff(case, staff, colleague, clock):
    keep_draft(case.id, staff, "山口の下書き", clock)

    assert find_draft(case.id, colleague) is None
    assert drafted_cases(colleague) == []


def test_drop_draft(case, staff, clock):
    keep_draft(case.id, staff, "書きかけ", clock)

    drop_draft(case.id, staff)
    drop_draft(case.id, staff)

    assert find_draft(case.id, staff) is None


def test_draft_leaves_out_nul(case, staff, clock):
    keep_draft(case.id, staff, "手すり\x00設置", clock)

    assert find_draft(case.id, staff).text == "手すり設置"


def test_drafted_cases_oldest_first(staff, clock):
    first, second = _case(staff, clock, "一件目"), _case(staff, clock, "二件目")
    keep_draft(second.id, staff, "後の案件", clock)
    clock.advance(timedelta(minutes=1))
    keep_draft(first.id, staff, "先の案件", clock)

    assert [(case.case_id, case.title) for case in drafted_cases(staff)] == [(second.id, "二件目"), (first.id, "一件目")]
    assert drafted_cases(staff)[0].customer_name == "宇陀 太郎"


def test_adding_note_drops_authors_draft(case, staff, colleague, clock):
    other_case = _case(staff, clock, "別の案件")
    keep_draft(case.id, staff, "書きかけ", clock)
    keep_draft(case.id, colleague, "中西の書きかけ", clock)
    keep_draft(other_case.id, staff, "別の案件の書きかけ", clock)

    add_note(case.id, "書き終えた詳細", staff, clock)

    assert find_draft(case.id, staff) is None
    assert find_draft(case.id, colleague).text == "中西の書きかけ"
    assert find_draft(other_case.id, staff).text == "別の案件の書きかけ"


@pytest.mark.parametrize("text", ["書き直した詳細", "最初の詳細"], ids=["changed", "unchanged"])
def test_editing_note_drops_draft(case, staff, clock, text):
    note = add_note(case.id, "最初の詳細", staff, clock)
    keep_draft(case.id, staff, text, clock, note_id=note.id, note_version=note.version)

    edit_note(note.id, text, expected_version=note.version, user=staff, clock=clock)

    assert find_draft(case.id, staff) is None


def test_conflicting_edit_keeps_draft(case, staff, colleague, clock):
    note = add_note(case.id, "最初の詳細", staff, clock)
    edit_note(note.id, "中西が直した詳細", expected_version=note.version, user=colleague, clock=clock)
    keep_draft(case.id, staff, "山口の書き直し", clock, note_id=note.id, note_version=note.version)

    with pytest.raises(ConflictError):
        edit_note(note.id, "山口の書き直し", expected_version=note.version, user=staff, clock=clock)

    assert find_draft(case.id, staff).text == "山口の書き直し"
