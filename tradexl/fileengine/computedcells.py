"""The `<c>` texts of one computed column, built a range of rows at a time while the sheet is written.

Why not `cell_xml` per cell: a refresh of a 100,000-row register writes about a million computed cells, and a
computed column repeats few values (grades, regions, dates, day counts). Each distinct (value, look) goes
through `cell_xml` once; a row's cell is then its ref plus that cached tail, the same text `cell_xml` gives.
"""

from __future__ import annotations

from typing import Any

from tradexl.fileengine.cells import cell_xml, kind_of, style_cell_xml
from tradexl.fileengine.styles import StyleBook
from tradexl.grid import column_letter
from tradexl.plan import ComputedCells, ComputedColumn
from tradexl.sheetspec import Highlight

CACHED_TAILS = 4096
"""Distinct (value, look) tails a column keeps: its repeated values fit; a column of unique ones stays small."""


class ColumnCells:
    """Cells of one computed column: the value's cell in the column's style (with the sheet's highlight on
    highlighted rows); a blank keeps the column's format and fill as a styled empty cell, as the xlwings
    shell's range formatting does, and is no cell at all in an unformatted, unfilled column."""

    def __init__(self, column: ComputedColumn, cells: ComputedCells, styles: StyleBook, prefix: str) -> None:
        self.column = column
        self.first_row = cells.first_row
        self.prefix = prefix
        # the styles are added to the StyleBook now, at staging, in the order the plan lists the columns
        self.styles = {h: styles.computed(column.fmt, h, column.wrap) for h in {"", cells.highlight}}
        self.highlight: Highlight = cells.highlight if column.highlighted else ""
        self.highlighted = cells.highlighted_rows if column.highlighted else frozenset()
        self.head = f'<{prefix}c r="{column_letter(column.col)}'
        self._tails: dict[Highlight, dict[Any, str | None]] = {look: {} for look in self.styles}

    def writes_any(self) -> bool:
        """Whether some row gets a cell (the column counts for the sheet's `<dimension>`)."""
        column = self.column
        last = self.first_row + len(column.values) - 1
        return (bool(column.fmt) or any(self.first_row <= row <= last for row in self.highlighted)
                or any(kind_of(value) for value in column.values))

    def render(self, first: int, last: int) -> list[str | None]:
        """The `<c>` text (None: no cell) of rows `first`..`last`."""
        head, highlight, highlighted = self.head, self.highlight, self.highlighted
        out: list[str | None] = []
        for row, value in zip(range(first, last + 1), self.column.values[first - self.first_row:], strict=False):
            look: Highlight = highlight if row in highlighted else ""
            tails = self._tails[look]
            if value.__class__ is str or value is None:
                key: Any = value
            elif value.__class__ is float and value != value:
                key = None  # NaN: blank, like None
            else:
                key = (value.__class__, value)  # 1, 1.0 and True are equal keys but different cells
            try:
                tail = tails[key]
            except KeyError:
                if len(tails) >= CACHED_TAILS:  # a column of unique values (reasons, response hours)
                    tails.clear()
                tail = tails[key] = self._tail(value, look)
            except TypeError:  # an unhashable value
                tail = self._tail(value, look)
            out.append(None if tail is None else f"{head}{row}{tail}")
        return out

    def _tail(self, value: Any, look: Highlight) -> str | None:
        """The cell text after `<c r="<letter>`, for any row; None when the cell is not written."""
        style, p = self.styles[look], self.prefix
        xml = cell_xml("", value, style, p)
        if xml is None and (self.column.fmt or look):
            xml = style_cell_xml("", style, p)
        return None if xml is None else xml[len(f'<{p}c r="'):]
