"""Pilot tests of note drafts (下書き): typed text survives a closed terminal and comes back in the next session."""

import asyncio
import os
import signal

from anken_tui.db.models import Note, NoteDraft
from anken_tui.screens.note_drafts import DRAFT_DELAY_SECONDS
from anken_tui.services.drafts import find_draft
from anken_tui.services.notes import add_note
from tests.ui.detail_steps import (
    answer_unsaved,
    editor_of,
    note_items,
    open_detail,
    pane_of,
    start_note,
    static_text,
    type_text,
)
from tests.ui.test_board import SIZE, settle


async def wait_for_draft_delay(pilot) -> None:
    await asyncio.sleep(DRAFT_DELAY_SECONDS + 0.3)
    await pilot.pause()


async def wait_for_exit(app) -> None:
    for _ in range(500):
        if app.return_code is not None:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app did not exit within 5 seconds")


def messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_typed_text_kept_after_a_second(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "ケアマネに電話")
        assert NoteDraft.select().count() == 0

        await wait_for_draft_delay(pilot)

        draft = find_draft(case_id, board_data.user)
        assert draft.text == "ケアマネに電話"
        assert draft.note_id is None


async def test_hang_up_signal_keeps_draft(board_data, make_app):
    """Closing the terminal sends SIGHUP: the text is written at once, and the app stops."""
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "訪問日を調整中")
        # Without the app's handler the signal would end the test run, so check it first.
        assert signal.getsignal(signal.SIGHUP) is not signal.SIG_DFL

        os.kill(os.getpid(), signal.SIGHUP)
        await wait_for_exit(app)

    assert find_draft(case_id, board_data.user).text == "訪問日を調整中"
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL


async def test_draft_reopens_in_next_session(board_data, make_app):
    case_id = board_data.id("urgent")
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "福祉用具の見積を")
        first.hang_up()
        await wait_for_exit(first)

    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("山田 花子様「[至急] 手すり」" in message for message in messages(second))
        pane = await open_detail(pilot, case_id)
        notice = pane.query_one("#detail-draft")
        assert notice.has_class("-shown")
        assert "a で開きます" in static_text(notice)

        await pilot.press("a")
        await settle(pilot)
        assert editor_of(second).text == "福祉用具の見積を"
        assert not notice.has_class("-shown")
        await type_text(pilot, "送る")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert [note.text for note in Note.select().where(Note.case == case_id)] == ["福祉用具の見積を送る"]
    assert find_draft(case_id, board_data.user) is None


async def test_draft_of_edited_note_reopens_on_it(board_data, make_app, board_clock):
    case_id = board_data.id("urgent")
    note = add_note(case_id, "12/8 訪問予定", board_data.user, board_clock)
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        note_items(first)[0].focus()
        await pilot.press("e")
        await settle(pilot)
        await type_text(pilot, "→12/9")
        first.hang_up()
        await wait_for_exit(first)

    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_detail(pilot, case_id)
        await pilot.press("a")
        await settle(pilot)
        editor = editor_of(second)
        assert editor.note_id == note.id
        assert editor.text == "12/8 訪問予定→12/9"
        assert editor.has_unsaved_text
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert Note.get_by_id(note.id).text == "12/8 訪問予定→12/9"
    assert NoteDraft.select().count() == 0


async def test_discarded_text_leaves_no_draft(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "書きかけ")
        await wait_for_draft_delay(pilot)
        assert find_draft(case_id, board_data.user) is not None

        await pilot.press("escape")
        await answer_unsaved(pilot, "d")

        assert find_draft(case_id, board_data.user) is None
        assert not pane_of(app).query_one("#detail-draft").has_class("-shown")


async def test_erased_text_drops_draft(board_data, make_app):
    case_id = board_data.id("urgent")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_note(pilot, case_id, "誤入力")
        await wait_for_draft_delay(pilot)
        assert find_draft(case_id, board_data.user) is not None

        for _ in range(3):
            await pilot.press("backspace")
        await wait_for_draft_delay(pilot)

        assert find_draft(case_id, board_data.user) is None


async def test_no_reminder_without_drafts(board_data, make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        assert not any("下書き" in message for message in messages(app))

