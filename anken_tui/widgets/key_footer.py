"""Provides KeyFooter: Textual's Footer, redrawn only when the keys it shows change."""

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple:
    """Return what a footer shows for `screen`: each shown binding with its state, in order."""
    return tuple(
        (binding.key, binding.key_display, binding.description, binding.action, enabled, tooltip, binding.group)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show or binding.action == "command_palette"
    )


class KeyFooter(Footer):
    """A Footer that skips the rebuild when a binding refresh changes nothing it shows.

    Textual 8.2.8's Footer rebuilds all its key widgets on every binding refresh,
    which every focus change causes, and the `compact` watchers it registers keep
    each replaced FooterKey alive. On a board where every move changes the focus,
    the heap grew by thousands of widgets, and the garbage collector's full passes
    over it paused moves for 100–250 ms. Unchanged keys are now not rebuilt, so
    widgets pile up only when the keys really change (a filter shown or cleared, an
    empty column).
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._drawn_keys: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        keys = (shown_keys(screen), self.show_command_palette)
        if keys == self._drawn_keys:
            return
        will_draw = screen.app.app_focus and self.is_attached and screen is self.screen
        super().bindings_changed(screen)
        if will_draw:
            self._drawn_keys = keys
