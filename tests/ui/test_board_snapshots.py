"""Snapshot tests of the four boards, drawn from the fixture database with a frozen clock."""

import pytest


def press(*keys: str):
    """Return a run_before hook that presses `keys` and waits for the board to settle."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("1", id="rental"),
        pytest.param("2", id="sales"),
        pytest.param("3", id="renovation"),
        pytest.param("4", id="equipment"),
    ],
)
def test_board_at_120x36(board_data, make_app, snap_compare, key):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press(key))


def test_renovation_board_at_80x24(board_data, make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=press("3"))


def test_renovation_board_scrolled_to_last_stage_at_80x24(board_data, make_app, snap_compare):
    keys = ["3"] + ["right"] * 9
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=press(*keys))
