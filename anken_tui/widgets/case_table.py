"""Provides CaseTable: a row-cursor DataTable of cases whose columns are fitted to its width in cells."""

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import DataTable

from anken_tui import texts
from anken_tui.widgets.card_render import ELLIPSIS, clean_text

# Cells of blank space on each side of a column, as DataTable draws it.
CELL_PADDING = 1


@dataclass(frozen=True)
class TableColumn:
    """One column of a CaseTable and how it gives way when the table is narrow."""

    key: str
    label: str
    flexible: bool = False
    """Whether the column shares the width the fixed columns leave (names and titles)."""
    min_width: int = 6
    """The width a flexible column is never cut below; fixed columns always get their full width."""
    right: bool = False
    """Whether the values are aligned right (numbers)."""
    drop_rank: int | None = None
    """Columns with a rank are hidden when even the minimum widths do not fit, lowest rank first."""


@dataclass(frozen=True)
class TableRow:
    """One row: a stable key (such as the case id) and the plain-text cells, in column order."""

    key: str
    cells: tuple[str, ...]


def fit_columns(columns: list[TableColumn], rows: list[TableRow], width: int) -> list[tuple[int, int]]:
    """Return the (column index, width) pairs to show in `width` cells.

    Fixed columns get the width of their longest value; flexible columns share
    what is left, each up to its longest value and at least its `min_width`.
    When the minimums do not fit, the columns with a `drop_rank` are hidden one
    by one; if they still do not fit, the table scrolls sideways.
    """
    natural = [
        max([cell_len(column.label), *(cell_len(row.cells[index]) for row in rows)])
        for index, column in enumerate(columns)
    ]
    visible = list(range(len(columns)))
    droppable = sorted(
        (index for index, column in enumerate(columns) if column.drop_rank is not None),
        key=lambda index: columns[index].drop_rank,
    )

    def needed(indexes: list[int]) -> int:
        widths = (min(natural[i], columns[i].min_width) if columns[i].flexible else natural[i] for i in indexes)
        return sum(widths) + 2 * CELL_PADDING * len(indexes)

    while needed(visible) > width and droppable:
        visible.remove(droppable.pop(0))

    flexible = [index for index in visible if columns[index].flexible]
    fixed_width = sum(natural[index] for index in visible if index not in flexible)
    spare = width - fixed_width - 2 * CELL_PADDING * len(visible)
    shares = _share(spare, [natural[index] for index in flexible], [columns[index].min_width for index in flexible])
    widths = dict(zip(flexible, shares, strict=True))
    return [(index, widths.get(index, natural[index])) for index in visible]


def _share(spare: int, natural: list[int], minimums: list[int]) -> list[int]:
    """Split `spare` cells between columns evenly, none above its natural width or below its minimum."""
    widths = [min(full, minimum) for full, minimum in zip(natural, minimums, strict=True)]
    left = spare - sum(widths)
    while left > 0:
        growing = [index for index, width in enumerate(widths) if width < natural[index]]
        if not growing:
            break
        step = max(left // len(growing), 1)
        for index in growing:
            grant = min(step, natural[index] - widths[index], left)
            widths[index] += grant
            left -= grant
    return widths


class CaseTable(DataTable):
    """A list of cases, one per row, with a row cursor.

    The screen hands it rows of plain text with `show_rows`; user text is never
    read as markup. Each value is cut to its column's width by cells, so wide
    characters line up, and the columns are fitted again when the table is resized.
    """

    BINDINGS = [
        Binding("k", "cursor_up", texts.KEY_CARD_UP, show=False, id="case-table-up"),
        Binding("j", "cursor_down", texts.KEY_CARD_DOWN, show=False, id="case-table-down"),
        # As in a stage column, Home and End go to the first and the last case, not sideways.
        Binding("home", "scroll_top", texts.KEY_CARD_FIRST, show=False, id="case-table-first"),
        Binding("end", "scroll_bottom", texts.KEY_CARD_LAST, show=False, id="case-table-last"),
    ]

    def __init__(self, columns: list[TableColumn], *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, cell_padding=CELL_PADDING, id=id)
        self.table_columns = list(columns)
        self._rows: list[TableRow] = []

    @property
    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if not self._rows:
            return None
        return self._rows[min(self.cursor_row, len(self._rows) - 1)].key

    @property
    def row_keys(self) -> list[str]:
        """The keys of the rows shown, top to bottom."""
        return [row.key for row in self._rows]

    def show_rows(self, rows: list[TableRow]) -> None:
        """Replace the rows, keeping the cursor on the same row.

        When that row is gone the cursor stays at the same position, which is
        the next row, or moves to the last row when the gone row was the last.
        """
        previous_key = self.highlighted_key
        previous_index = self.cursor_row
        self._rows = list(rows)
        self._redraw()

        keys = self.row_keys
        index = keys.index(previous_key) if previous_key in keys else min(previous_index, len(keys) - 1)
        if keys:
            self.move_cursor(row=max(index, 0), animate=False, scroll=True)

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        previous_index = self.cursor_row
        self._redraw()
        if self._rows:
            self.move_cursor(row=min(previous_index, len(self._rows) - 1), animate=False, scroll=True)

    def _redraw(self) -> None:
        # One cell is kept for the vertical scrollbar, which appears once the rows overflow.
        available = max(self.size.width - self.styles.scrollbar_size_vertical, 0)
        plan = fit_columns(self.table_columns, self._rows, available)
        self.clear(columns=True)
        for index, width in plan:
            column = self.table_columns[index]
            self.add_column(_cell(column.label, width, column.right), width=width, key=column.key)
        for row in self._rows:
            cells = [_cell(row.cells[index], width, self.table_columns[index].right) for index, width in plan]
            self.add_row(*cells, key=row.key)


def _cell(value: str, width: int, right: bool) -> Text:
    """Return `value` as plain Text cut to `width` cells, never read as markup."""
    return Text(cut_cells(clean_text(value), width), no_wrap=True, justify="right" if right else "left")


def cut_cells(text: str, width: int) -> str:
    """Return `text` cut to at most `width` cells, ending with … when cut; a wide character is never split."""
    if cell_len(text) <= width:
        return text
    kept = []
    used = 0
    for character in text:
        size = cell_len(character)
        if used + size > width - cell_len(ELLIPSIS):
            break
        kept.append(character)
        used += size
    return "".join(kept) + ELLIPSIS
