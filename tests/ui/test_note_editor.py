"""Pilot tests of the note editor (詳細): the stamp, edits and their history, and every way typed text could be lost."""

from datetime import timedelta

import pytest

from anken_tui.clock import FrozenClock
from anken_tui.db.models import Note, NoteRevision
from anken_tui.domain.lines import RECEIVED, Line
from anken_tui.screens.unsaved import UnsavedModal
from anken_tui.services.notes import add_note, edit_note
from anken_tui.widgets.note_editor import NoteTextArea
from anken_tui.widgets.stage_column import StageColumn
from tests.ui.conftest import BOARD_NOW
from tests.ui.detail_steps import (
    answer_unsaved,
    answer_unsaved_and_exit,
    editor_of,
    note_items,
    open_detail,
    pane_of,
    paste_text,
    shown_note_texts,
    start_note,
    type_text,
)
from tests.ui.test_board import SIZE, board, column_ids, settle


def notes_of(case_id: int) -> list[Note]:
    return list(Note.select().where(Note.case == case_id).order_by(Note.id))


def last_message(app) -> str:
    return list(app._notifications)[-1].message


async def back_to_board(pilot) -> StageColumn:
    """Put the focus on the board's highlighted column, as a click on it would, leaving the editor open."""
    screen = board(pilot.app)
    column = screen._active_column
    column.focus()
    await pilot.pause()
    return column


# Writing and saving.


async def test_new_note_saved_with_stamp(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "ケアマネから電話。打合せは12/8に決定")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert pane_of(app).editor is None
        assert shown_note_texts(app)[0].splitlines() == ["12/4(山口)", "ケアマネから電話。打合せは12/8に決定"]
        assert last_message(app) == "詳細を保存しました: 12/4(山口)"
        assert isinstance(app.focused, StageColumn)

    [note] = notes_of(case_id)
    assert note.text == "ケアマネから電話。打合せは12/8に決定"
    assert note.written_on == BOARD_NOW.date()
    assert note.author_id == board_data.user.id


async def test_note_from_earlier_year_shows_year(board_data, make_app):
    case_id = board_data.id("urgent")
    add_note(case_id, "昨年の詳細", board_data.user, FrozenClock(BOARD_NOW - timedelta(days=365)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        assert shown_note_texts(app)[0].splitlines()[0] == "2025/12/4(山口)"


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\u3000\u3000"], ids=["empty", "spaces", "lines", "wide-spaces"])
async def test_blank_note_refused(board_data, make_app, text):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, text)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert pane_of(app).editor is editor
        error = str(editor.query_one("#note-editor-error").render())
        assert error == "詳細が空です。書き残す内容を入力してください。"
        assert editor.query_one("#note-editor-error").display
        assert notes_of(case_id) == []


async def test_typed_text_stored_exactly(board_data, make_app):
    case_id = board_data.id("urgent")
    text = "手すり[至急] 😀 確認済\u3000全角空白\n二行目 [b]太字ではない[/b] 100% _下線_"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, text)
        assert editor.text == text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown_note_texts(app)[0] == "12/4(山口)\n" + text

    assert notes_of(case_id)[0].text == text


async def test_long_pasted_note_stored_exactly(board_data, make_app):
    case_id = board_data.id("urgent")
    text = "\n".join(f"{line}行目: サイドレール(ケア)を2本納品してほしい、とのこと。🙂 [確認]" for line in range(200))
    assert len(text) > 5000
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "")
        await paste_text(pilot, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown_note_texts(app)[0] == "12/4(山口)\n" + text

    assert notes_of(case_id)[0].text == text


async def test_board_keys_are_text_in_editor(board_data, make_app):
    case_id = board_data.id("urgent")
    # Every board and pane key that is a character: moves, lines, filter, stale view, quit, notes, activity, fields.
    keys = "><mcun/12 34sqaevfhljk"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, keys)
        await settle(pilot)

        assert editor.text == keys
        assert isinstance(app.focused, NoteTextArea)
        assert board(app).line is Line.RENTAL
        assert case_id in column_ids(app, RECEIVED)
        assert app.screen is board(app)
        assert app.return_code is None
        shown = [active.binding.description for active in app.screen.active_bindings.values() if active.binding.show]
        assert shown == ["保存", "閉じる"]


# Editing a note.


async def test_edit_keeps_stamp_and_records_editor(board_data, make_app, board_clock):
    case_id = board_data.id("urgent")
    add_note(case_id, "元の文面", board_data.other, FrozenClock(BOARD_NOW - timedelta(days=3)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        await pilot.press("enter")
        await pilot.press("e")
        await settle(pilot)
        editor = editor_of(app)
        assert editor.text == "元の文面"

        editor.text_area.select_all()
        await type_text(pilot, "直した文面")
        await pilot.press("ctrl+s")
        await settle(pilot)

        shown = shown_note_texts(app)[0].splitlines()
        assert shown[0].startswith("12/1(佐藤 健一)")
        assert "12/4 10:00 山口が編集" in shown[0]
        assert shown[1] == "直した文面"

    [note] = notes_of(case_id)
    assert (note.text, note.author_id, note.edited_by_id) == ("直した文面", board_data.other.id, board_data.user.id)
    assert note.written_on == (BOARD_NOW - timedelta(days=3)).date()
    [revision] = NoteRevision.select().where(NoteRevision.note == note.id)
    assert revision.text == "元の文面"


async def test_note_history_lists_earlier_wording(board_data, make_app, board_clock):
    case_id = board_data.id("urgent")
    note = add_note(case_id, "最初の文面", board_data.user, board_clock)
    edit_note(note.id, "二度目の文面", expected_version=note.version, user=board_data.other, clock=board_clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        await pilot.press("enter", "r")
        await settle(pilot)

        body = str(app.screen.query_one("#note-history-body Static").render())
        assert "佐藤 健一が編集する前:" in body
        assert "最初の文面" in body
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is board(app)


async def test_edit_conflict_keeps_text_and_saves_again(board_data, make_app, board_clock):
    case_id = board_data.id("urgent")
    note = add_note(case_id, "元の文面", board_data.user, board_clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        await pilot.press("enter", "e")
        await settle(pilot)
        await pilot.press("end")
        await type_text(pilot, " 追記した")

        # Someone else edits the same note before this save.
        edit_note(note.id, "佐藤さんの文面", expected_version=note.version, user=board_data.other, clock=board_clock)
        await pilot.press("ctrl+s")
        await settle(pilot)

        editor = editor_of(app)
        assert editor.text == "元の文面 追記した"
        assert "佐藤 健一さんが12/4 10:00にこの詳細を編集していました" in last_message(app)
        assert "入力中の文章は消えていません" in str(editor.query_one("#note-editor-error").render())
        assert shown_note_texts(app)[0].splitlines()[1] == "佐藤さんの文面"

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pane_of(app).editor is None

    assert notes_of(case_id)[0].text == "元の文面 追記した"
    assert NoteRevision.select().where(NoteRevision.note == note.id).count() == 2


# Every path that could drop unsaved text.


async def test_escape_asks_and_keep_editing(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, "書きかけ")
        await pilot.press("escape")
        await pilot.pause()
        # The question is a framed dialog over the board, not a page of bare text.
        dialog = app.screen.query_one(".dialog")
        assert dialog.region.width < app.size.width
        await answer_unsaved(pilot, "escape")

        assert pane_of(app).editor is editor
        assert editor.text == "書きかけ"
        assert isinstance(app.focused, NoteTextArea)
    assert notes_of(case_id) == []


async def test_escape_then_discard(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "捨てる文")
        await pilot.press("escape")
        await answer_unsaved(pilot, "d")

        assert pane_of(app).editor is None
        assert isinstance(app.focused, StageColumn)
        assert pane_of(app).case_id == case_id
        assert board(app).highlighted_case_id() == case_id
    assert notes_of(case_id) == []


async def test_escape_then_save(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "残す文")
        await pilot.press("escape")
        await answer_unsaved(pilot, "s")
        assert pane_of(app).editor is None
    assert [note.text for note in notes_of(case_id)] == ["残す文"]


async def test_escape_on_empty_editor_closes_without_asking(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, board_data.id("urgent"), "  ")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, UnsavedModal)
        assert pane_of(app).editor is None


async def test_moving_card_asks_and_keep_returns(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, "書きかけ")
        await back_to_board(pilot)
        await pilot.press("up")
        await answer_unsaved(pilot, "escape")

        assert pane_of(app).case_id == case_id
        assert editor.text == "書きかけ"
        assert isinstance(app.focused, NoteTextArea)
        assert board(app).column(RECEIVED).highlighted_card.id == case_id


async def test_moving_card_then_save_follows(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "移る前に保存")
        await back_to_board(pilot)
        await pilot.press("up")
        await answer_unsaved(pilot, "s")

        assert pane_of(app).case_id == board_data.id("rental_new")
        assert pane_of(app).editor is None
    assert [note.text for note in notes_of(case_id)] == ["移る前に保存"]


@pytest.mark.parametrize("key", ["2", "3", "4"])
async def test_switching_board_asks(board_data, make_app, key):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, "書きかけ")
        await back_to_board(pilot)
        await pilot.press(key)
        await answer_unsaved(pilot, "escape")
        assert board(app).line is Line.RENTAL
        assert editor.text == "書きかけ"

        await back_to_board(pilot)
        await pilot.press(key)
        await answer_unsaved(pilot, "d")
        assert board(app).line is not Line.RENTAL
    assert notes_of(case_id) == []


async def test_closing_pane_asks(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "閉じる前に")
        await back_to_board(pilot)
        await pilot.press("escape")
        await answer_unsaved(pilot, "escape")
        assert board(app).detail_pane is not None

        await back_to_board(pilot)
        await pilot.press("escape")
        await answer_unsaved(pilot, "s")
        assert board(app).detail_pane is None
    assert [note.text for note in notes_of(case_id)] == ["閉じる前に"]


@pytest.mark.parametrize("quit_key", ["ctrl+q", "q"])
async def test_quit_asks_keep_then_discard(board_data, make_app, quit_key):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, "終了前の文")
        if quit_key == "q":
            # q is text in the editor, so it quits only from the board.
            await back_to_board(pilot)
        await pilot.press(quit_key)
        await answer_unsaved(pilot, "escape")
        assert app.return_code is None
        assert editor.text == "終了前の文"

        await pilot.press("ctrl+q")
        await answer_unsaved_and_exit(pilot, "unsaved-discard")
        assert app.return_code == 0
    assert notes_of(case_id) == []


async def test_quit_then_save(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "保存して終了")
        await pilot.press("ctrl+q")
        await answer_unsaved_and_exit(pilot, "unsaved-save")
        assert app.return_code == 0
    assert [note.text for note in notes_of(case_id)] == ["保存して終了"]


async def test_quit_save_failure_stays_open(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, case_id, "消される案件へ")
        # The case is gone by the time of the save, so the save fails and the app must not quit.
        Note.delete().execute()
        from anken_tui.db.models import Activity, Case, StageChange

        StageChange.delete().where(StageChange.case == case_id).execute()
        Activity.delete().where(Activity.case == case_id).execute()
        Case.delete().where(Case.id == case_id).execute()
        await pilot.press("ctrl+q")
        await answer_unsaved(pilot, "s")

        assert app.return_code is None
        assert pane_of(app).editor is editor
        assert editor.text == "消される案件へ"
        assert "見つかりません" in str(editor.query_one("#note-editor-error").render())


async def test_second_quit_while_asking_is_ignored(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, board_data.id("urgent"), "二度押し")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert len([screen for screen in app.screen_stack if isinstance(screen, UnsavedModal)]) == 1
        await answer_unsaved(pilot, "escape")
        assert app.return_code is None


async def test_new_note_key_with_editor_open_keeps_text(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, board_data.id("urgent"), "途中")
        await back_to_board(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert pane_of(app).editor is editor
        assert editor.text == "途中"
        assert isinstance(app.focused, NoteTextArea)


async def test_reload_does_not_take_focus_from_editor(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, board_data.id("urgent"), "入力中")
        # A reload of the board, as after another user's change, must leave the focus in the editor.
        await board(app).show_line(Line.RENTAL)
        await settle(pilot)
        await type_text(pilot, "q>")
        assert isinstance(app.focused, NoteTextArea)
        assert editor.text == "入力中q>"
        assert app.return_code is None


async def test_full_width_space_typed_into_editor(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = await start_note(pilot, board_data.id("urgent"), "山田\u3000花子")
        assert editor.text == "山田\u3000花子"


async def test_focused_note_edit_via_item(board_data, make_app, board_clock):
    case_id = board_data.id("urgent")
    add_note(case_id, "古い", board_data.user, FrozenClock(BOARD_NOW - timedelta(days=1)))
    add_note(case_id, "新しい", board_data.user, board_clock)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        await pilot.press("enter", "down", "e")
        await settle(pilot)
        assert editor_of(app).text == "古い"
        assert len(note_items(app)) == 2


async def test_narrow_save_keeps_focus_in_pane(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "狭い画面で保存")
        await pilot.press("ctrl+s")
        await settle(pilot)

        # The board is hidden behind the pane, so the focus stays in the pane, on the new note.
        assert pane_of(app).focused_note().text == "狭い画面で保存"
    assert [note.text for note in notes_of(case_id)] == ["狭い画面で保存"]
