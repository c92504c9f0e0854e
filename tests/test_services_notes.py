"""Tests of notes (詳細): the stamp, exact text, edit history and version conflicts."""

from datetime import date, datetime, timedelta, timezone

import pytest

from anken_tui.clock import FrozenClock
from anken_tui.db.models import Case, Note, NoteRevision
from anken_tui.domain.lines import Line
from anken_tui.domain.new_case import NewCaseInput
from anken_tui.errors import ConflictError, NotFoundError, ValidationError
from anken_tui.services.cases import create_case
from anken_tui.services.notes import (
    MAX_NOTE_LENGTH,
    add_note,
    check_note_text,
    edit_note,
    list_notes,
    load_note,
    note_history,
)
from anken_tui.services.staff import register_staff


@pytest.fixture
def case(staff, clock):
    form = NewCaseInput(line=Line.RENTAL, title="サイドレール交換", customer_name="宇陀 太郎", customer_furigana="ウダ タロウ")
    return create_case(form, staff, clock)


@pytest.fixture
def colleague(db, clock):
    return register_staff("中西", "sales", clock)


def test_add_stamps_today_and_author(case, staff, clock):
    note = add_note(case.id, "ケアマネから連絡あり", staff, clock)

    assert note.written_on == clock.today()
    assert note.author_id == staff.id
    assert note.author_name == "山口"
    assert note.stamp(clock.today()) == "3/2(山口)"
    assert note.version == 1
    assert not note.is_edited
    assert note.revision_count == 0


def test_stamp_uses_jst_date(case, staff):
    # 23:30 UTC on 1 March is already 08:30 on 2 March in the office, and 15:30 UTC is past midnight.
    morning = FrozenClock(datetime(2026, 3, 1, 23, 30, tzinfo=timezone.utc))
    after_midnight = FrozenClock(datetime(2026, 3, 2, 15, 30, tzinfo=timezone.utc))

    assert add_note(case.id, "朝の記録", staff, morning).written_on == date(2026, 3, 2)
    assert add_note(case.id, "深夜の記録", staff, after_midnight).written_on == date(2026, 3, 3)


def test_stamp_shows_year_when_other(case, staff, clock):
    note = add_note(case.id, "年をまたぐ記録", staff, clock)

    assert note.stamp(clock.today().replace(year=2027)) == "2026/3/2(山口)"


def test_stored_as_fields(case, staff, clock):
    add_note(case.id, "本文だけ", staff, clock)

    row = Note.get(Note.case == case.id)
    assert row.text == "本文だけ"
    assert row.written_on == clock.today()
    assert row.author_id == staff.id


@pytest.mark.parametrize(
    "text",
    [
        "サイドレール〇〇(ケア)をデモ納品中だったが、別のサイドレール〇〇(ケア)を2本納品してほしい、とのこと。",
        "[至急] 手すり [bold]太字[/bold] [red]赤[/]",
        "ご家族より😊お礼の電話👍🏻 👨‍👩‍👧",
        "  先頭の空白と\n\n二行目\tタブ  \n",
        "あ" * 5000,
        "長文。" * 3000,
        "\r\nCRLF の改行\r\n",
    ],
    ids=["manual", "brackets", "emoji", "whitespace", "5000-chars", "9000-chars", "crlf"],
)
def test_text_stored_exactly(case, staff, clock, text):
    note = add_note(case.id, text, staff, clock)

    assert note.text == text
    assert load_note(note.id).text == text
    assert Note.get_by_id(note.id).text == text


@pytest.mark.parametrize("text", ["", " ", "\u3000\u3000", "\n\t \n"])
def test_empty_refused(case, staff, clock, text):
    with pytest.raises(ValidationError) as raised:
        add_note(case.id, text, staff, clock)

    assert raised.value.field == "詳細"
    assert "空" in raised.value.message
    assert Note.select().count() == 0


def test_too_long_refused(case, staff, clock):
    with pytest.raises(ValidationError, match=f"{MAX_NOTE_LENGTH}文字以内"):
        add_note(case.id, "あ" * (MAX_NOTE_LENGTH + 1), staff, clock)

    assert add_note(case.id, "あ" * MAX_NOTE_LENGTH, staff, clock).text == "あ" * MAX_NOTE_LENGTH


def test_nul_refused(case, staff, clock):
    with pytest.raises(ValidationError) as raised:
        add_note(case.id, "途中に\x00がある", staff, clock)

    assert raised.value.field == "詳細"
    assert Note.select().count() == 0


def test_check_text_for_editor():
    check_note_text("書いた")

    with pytest.raises(ValidationError):
        check_note_text("  ")


def test_add_to_missing_case(db, staff, clock):
    with pytest.raises(NotFoundError, match="ID 999"):
        add_note(999, "どこにも無い案件", staff, clock)

    assert Note.select().count() == 0


def test_add_keeps_case_version(case, staff, clock):
    add_note(case.id, "進捗", staff, clock)

    assert Case.get_by_id(case.id).version == case.version


def test_list_newest_first(case, staff, colleague, clock):
    first = add_note(case.id, "一つ目", staff, clock)
    second = add_note(case.id, "同じ日の二つ目", colleague, clock)
    clock.advance(timedelta(days=1))
    third = add_note(case.id, "翌日", staff, clock)

    notes = list_notes(case.id)

    assert [note.id for note in notes] == [third.id, second.id, first.id]
    assert [note.author_name for note in notes] == ["山口", "中西", "山口"]


def test_list_only_this_case(case, staff, clock):
    form = NewCaseInput(line=Line.RENTAL, title="杖", customer_name="森田 春子", customer_furigana="モリタ ハルコ")
    other = create_case(form, staff, clock)
    add_note(case.id, "こちら", staff, clock)
    add_note(other.id, "あちら", staff, clock)

    assert [note.text for note in list_notes(case.id)] == ["こちら"]


def test_edit_keeps_stamp_records_editor(case, staff, colleague, clock):
    note = add_note(case.id, "納品日は未定", staff, clock)
    clock.advance(timedelta(days=2, hours=4))

    edited = edit_note(note.id, "納品日は3/6に決定", expected_version=note.version, user=colleague, clock=clock)

    assert edited.text == "納品日は3/6に決定"
    assert edited.written_on == note.written_on
    assert edited.author_name == "山口"
    assert edited.stamp(clock.today()) == "3/2(山口)"
    assert edited.edited_by_name == "中西"
    assert edited.edited_at == clock.now()
    assert edited.is_edited
    assert edited.version == note.version + 1
    assert edited.revision_count == 1


def test_edit_history_keeps_every_wording(case, staff, colleague, clock):
    note = add_note(case.id, "第一稿", staff, clock)
    clock.advance(timedelta(minutes=5))
    note = edit_note(note.id, "第二稿", expected_version=note.version, user=colleague, clock=clock)
    first_edit = clock.now()
    clock.advance(timedelta(minutes=5))
    note = edit_note(note.id, "第三稿", expected_version=note.version, user=staff, clock=clock)

    history = note_history(note.id)

    assert [revision.text for revision in history] == ["第一稿", "第二稿"]
    assert [revision.edited_by_name for revision in history] == ["中西", "山口"]
    assert history[0].edited_at == first_edit
    assert history[1].edited_at == clock.now()
    assert note.text == "第三稿"
    assert note.revision_count == 2
    assert list_notes(case.id)[0].revision_count == 2


def test_edit_same_text_writes_nothing(case, staff, clock):
    note = add_note(case.id, "変えない", staff, clock)

    same = edit_note(note.id, "変えない", expected_version=note.version, user=staff, clock=clock)

    assert same.version == note.version
    assert not same.is_edited
    assert NoteRevision.select().count() == 0


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_edit_to_empty_refused(case, staff, clock, text):
    note = add_note(case.id, "消さない", staff, clock)

    with pytest.raises(ValidationError) as raised:
        edit_note(note.id, text, expected_version=note.version, user=staff, clock=clock)

    assert raised.value.field == "詳細"
    assert load_note(note.id).text == "消さない"
    assert NoteRevision.select().count() == 0


def test_edit_conflict_writes_nothing(case, staff, colleague, clock):
    note = add_note(case.id, "元の文", staff, clock)
    clock.advance(timedelta(hours=3))
    edit_note(note.id, "中西さんの修正", expected_version=note.version, user=colleague, clock=clock)

    with pytest.raises(ConflictError) as raised:
        edit_note(note.id, "山口さんの修正", expected_version=note.version, user=staff, clock=clock)

    assert raised.value.message.startswith("中西さんが3/2 13:00にこの詳細を編集していました。")
    assert "入力中の文章は消えていません" in raised.value.message
    current = load_note(note.id)
    assert current.text == "中西さんの修正"
    assert current.version == note.version + 1
    assert [revision.text for revision in note_history(note.id)] == ["元の文"]


def test_edit_after_conflict_with_new_version(case, staff, colleague, clock):
    note = add_note(case.id, "元の文", staff, clock)
    edit_note(note.id, "中西さんの修正", expected_version=note.version, user=colleague, clock=clock)
    with pytest.raises(ConflictError):
        edit_note(note.id, "山口さんの修正", expected_version=note.version, user=staff, clock=clock)
    latest = load_note(note.id)

    saved = edit_note(note.id, "山口さんの修正", expected_version=latest.version, user=staff, clock=clock)

    assert saved.text == "山口さんの修正"
    assert [revision.text for revision in note_history(note.id)] == ["元の文", "中西さんの修正"]


def test_edit_missing_note(db, staff, clock):
    with pytest.raises(NotFoundError, match="ID 42"):
        edit_note(42, "無い", expected_version=1, user=staff, clock=clock)
