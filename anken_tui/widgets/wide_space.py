"""Provides WideInput: an Input that also types the full-width space (U+3000) of Japanese input."""

import unicodedata

from textual import events
from textual.widgets import Input


def is_wide_space(character: str | None) -> bool:
    """Return True for a space character other than the ASCII space, such as U+3000.

    Textual 8.2.8's Input and TextArea insert a key's character only when
    `str.isprintable()` is True for it, which is False for every such space
    (Unicode category Zs), so they would drop the space a Japanese IME types.
    """
    return character is not None and character != " " and unicodedata.category(character) == "Zs"


class WideInput(Input):
    """An Input that inserts wide spaces (is_wide_space) at the cursor, in place of any selection."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, character) or is_wide_space(character)

    async def _on_key(self, event: events.Key) -> None:
        if is_wide_space(event.character):
            event.stop()
            event.prevent_default()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character or "")
            else:
                self.replace(event.character or "", *selection)
            return
        await super()._on_key(event)
