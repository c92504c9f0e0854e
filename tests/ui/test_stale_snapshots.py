"""Snapshot tests of the stale view, its snooze dialog, the settings screen and a board with stale cards."""

import pytest

from tests.ui.stale_cases import add_stale_cases


@pytest.fixture
def stale_data(board_data):
    add_stale_cases(board_data)
    return board_data


def press(*keys: str):
    """Return a run_before hook that presses `keys` and waits for the screens to settle.

    It does not wait for workers: the one behind an open dialog ends only when the dialog closes.
    """

    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run_before


def open_settings():
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.action_open_settings()
        await pilot.pause()

    return run_before


def test_stale_view_at_120x36(stale_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press("s"))


def test_stale_view_at_80x24(stale_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=press("s", "down"))


def test_stale_view_filtered_at_80x24(stale_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=press("s", "1", "o"))


def test_follow_up_tab_at_80x24(stale_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=press("s", "t"))


def test_empty_stale_view_at_80x24(board_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=press("s"))


def test_snooze_dialog_with_error_at_80x24(stale_data, make_app, snap_compare):
    keys = ("s", "z", "2", "/", "3", "0", "enter", "ctrl+s")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=press(*keys))


def test_board_with_stale_cards_at_120x36(stale_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press("1"))


def test_settings_screen_at_80x24(stale_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_settings())
