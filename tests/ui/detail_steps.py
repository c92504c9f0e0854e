"""Steps shared by the tests of the case detail pane, the note editor, activities and the customers screens."""

import asyncio

from textual.events import Key, Paste
from textual.keys import _character_to_key
from textual.widgets import Button

from anken_tui.screens.case_detail import CaseDetailPane
from anken_tui.screens.unsaved import UnsavedModal
from anken_tui.widgets.note_editor import NoteEditor
from anken_tui.widgets.note_item import NoteItem
from tests.ui.test_board import board, focus_case, settle


def pane_of(app) -> CaseDetailPane:
    pane = board(app).detail_pane
    assert pane is not None, "the case detail pane is not open"
    return pane


def editor_of(app) -> NoteEditor:
    editor = pane_of(app).editor
    assert editor is not None, "the note editor is not open"
    return editor


async def open_detail(pilot, case_id: int) -> CaseDetailPane:
    """Highlight the card of `case_id` and press Enter, as a user opens a case."""
    await focus_case(pilot, case_id)
    await pilot.press("enter")
    await settle(pilot)

    # The pane follows the highlighted card through a message, so under load it may
    # still show the previous card for a moment; wait for it, with a deadline.
    pane = pane_of(pilot.app)
    for _ in range(60):
        if pane.case_id == case_id and pane.detail is not None and pane.detail.id == case_id:
            break
        await asyncio.sleep(0.05)
        await pilot.pause()
    assert pane.case_id == case_id, f"the pane shows case {pane.case_id}, expected {case_id}"
    return pane


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, as a keyboard or an IME delivers it; a line break is Enter.

    Pilot.press gives no character to a symbol outside ASCII, such as 。 or 😀,
    which a terminal does give, so those keys are sent with their character here.
    """
    for character in text:
        if character == "\n":
            await pilot.press("enter")
        elif character.isascii() or character.isalnum():
            await pilot.press(character)
        else:
            pilot.app.post_message(Key(_character_to_key(character), character))
            await pilot.pause()
    await pilot.pause()


async def paste_text(pilot, text: str) -> None:
    """Paste `text` into the focused widget, as a terminal delivers a paste."""
    pilot.app.post_message(Paste(text))
    await pilot.pause()


async def start_note(pilot, case_id: int, text: str) -> NoteEditor:
    """Open the case, press a for a new note and type `text` into it, unsaved."""
    await open_detail(pilot, case_id)
    await pilot.press("a")
    await settle(pilot)
    await type_text(pilot, text)
    return editor_of(pilot.app)


async def answer_unsaved(pilot, key: str) -> None:
    """Check the unsaved-text question is on screen and answer it: s save, d discard, escape keep editing."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, UnsavedModal), f"expected the unsaved question, found {pilot.app.screen!r}"
    await pilot.press(key)
    await settle(pilot)


def note_items(app) -> list[NoteItem]:
    return list(pane_of(app).query(NoteItem).results(NoteItem))


def shown_note_texts(app) -> list[str]:
    """Return the notes as the pane shows them, newest first, as plain text."""
    return [static_text(item) for item in note_items(app)]


def static_text(widget) -> str:
    """Return the plain text a Static shows."""
    return str(widget.render())


async def answer_unsaved_and_exit(pilot, button_id: str) -> None:
    """Press a button of the unsaved-text question that lets the app exit, and wait until it has.

    Pilot.press waits for the screen to be drawn again, which never happens once the app has exited,
    so the button is pressed directly.
    """
    await pilot.pause()
    assert isinstance(pilot.app.screen, UnsavedModal), f"expected the unsaved question, found {pilot.app.screen!r}"
    pilot.app.screen.query_one(f"#{button_id}", Button).press()
    for _ in range(500):
        if pilot.app.return_code is not None:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the app did not exit within 5 seconds")
