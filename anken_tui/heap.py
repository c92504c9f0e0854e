"""Provides control of Python's garbage collector for the app's bulk loads.

Python's cycle collector runs after every few hundred new objects and, now and
then, walks every object alive. Loading a board of 10,000 cases creates tens of
thousands of objects at once, so the collector ran a full pass in the middle of
the load. These functions keep it out of the load and out of later passes over
objects that live as long as the board.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# True while pause_for_start keeps the collector off.
_paused_for_start = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """Keep the cycle collector from running inside the block; reference counting still frees objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pause_for_start() -> None:
    """Keep the cycle collector off until `end_start_pause`, if it is on.

    A start builds the app's objects once and keeps them: its styles, widgets
    and first cards. Python collected dozens of times during it, about 12 ms
    of a 220 ms start (measured on a 2-core machine), and found almost nothing
    to free. `collection_paused` blocks inside keep the collector off.
    """
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def end_start_pause() -> None:
    """Turn the collector back on after `pause_for_start`; do nothing if it did not turn it off."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.enable()


def freeze_heap() -> None:
    """Leave every object alive now out of the collector's full passes.

    The loaded cards, the widgets and Textual's own objects live as long as the
    board, yet each full pass walked them all. On a 10,000-case board a pass took
    50–120 ms (measured on a 2-core machine), and one came every few moves.
    Frozen objects are still freed by reference counting, but cycles among them
    are never freed, so the board thaws the heap before it drops its columns.
    """
    gc.freeze()


def thaw_heap() -> None:
    """Return the frozen objects to the collector, so that cycles among them can be freed."""
    gc.unfreeze()


def collect_and_freeze() -> None:
    """Free the cycles left over, then freeze what is alive, as after a new board is shown."""
    gc.collect()
    gc.freeze()
