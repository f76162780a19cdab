"""Tables stacked on one column grid, each with its own header row: how the boss's reports are laid out.

A report (Weekly Summary, Monthly Review, Statistics) picks one set of column widths that fits every table it
stacks; each table names the grid column of each of its fields (`Cell`). Long texts go in a column followed by
empty ones, so they run on instead of being cut; dates only in columns wide enough for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tradexl.colwidth import text_width
from tradexl.reports.common import place
from tradexl.reports.labels import Labels
from tradexl.sheetspec import LINE_HEIGHT, Format, Highlight, Row, RowKind, SheetSpec

Cell = tuple[int, str, Format]
"""A table field: grid column, label key of its header, number format."""


def plain(value: Any) -> Any:
    """numpy scalars as the Python numbers the renderers expect."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True)
class Grid:
    widths: tuple[float, ...]

    @property
    def size(self) -> int:
        return len(self.widths)

    def header(self, cells: Sequence[Cell], labels: Labels) -> Row:
        return Row(place(self.size, {col: labels(key) for col, key, _ in cells}), kind="header")

    def formats(self, cells: Sequence[Cell]) -> tuple[Format, ...]:
        by_col = {col: fmt for col, _, fmt in cells}
        return tuple(by_col.get(i, "") for i in range(self.size))

    def row(self, cells: Sequence[Cell], values: Sequence[Any], kind: RowKind = "data",
            highlight: Highlight = "") -> Row:
        return Row(place(self.size, {col: plain(v) for (col, _, _), v in zip(cells, values, strict=True)}),
                   kind=kind, highlight=highlight, formats=self.formats(cells))

    def table(self, labels: Labels, title: str, cells: Sequence[Cell], body: list[Row]) -> list[Row]:
        """A titled table with its own header row; "None" when it has no rows."""
        return [Row((), kind="blank"), Row((title,), kind="section"), self.header(cells, labels),
                *(body or [Row((labels("none"),), kind="note")])]


FIRST_COLUMN_CAP = 44.0
"""Widest the first column (company names) grows to fit its names; a longer name is shortened with "…"."""
PROPORTIONAL = 0.92
"""Letters of a proportional font are narrower on average than the digit Excel measures widths in."""


def _shortened(text: str, room: float) -> str:
    """`text` as it fits in `room` characters: whole, or cut with "…" (the printout never shows half a word
    run into the next cell)."""
    if text_width(text) * PROPORTIONAL <= room:
        return text
    used, keep = 1.0, 0  # the "…" takes one
    while keep < len(text) and (used + text_width(text[keep])) * PROPORTIONAL <= room:
        used += text_width(text[keep])
        keep += 1
    return text[:keep].rstrip(" ,;·-–") + "…"


def fit_columns(widths: tuple[float, ...], rows: Sequence[Row], names: int = 0, shorten: bool = True
                ) -> tuple[tuple[float, ...], tuple[Row, ...]]:
    """Widths and rows of a report whose texts must not be cut when printed: the column of names (the first
    by default) widened to its longest name (up to FIRST_COLUMN_CAP), and, with `shorten`, each text in a table
    row shortened with "…" to the room it has (its column and the empty ones right of it, up to the next value
    or the sheet's last column)."""
    longest = [text_width(r.values[names]) for r in rows
               if r.kind in ("data", "total") and len(r.values) > names and isinstance(r.values[names], str)]
    fitted = widths
    if len(widths) > names:
        grown = min(max(widths[names], max(longest, default=0.0) * PROPORTIONAL + 2), FIRST_COLUMN_CAP)
        fitted = (*widths[:names], max(grown, widths[names]), *widths[names + 1:])
    out = []
    for row in rows:
        if not shorten or row.kind not in ("data", "total"):
            out.append(row)
            continue
        values = list(row.values)
        for col, value in enumerate(values):
            if not isinstance(value, str) or not value or col >= len(fitted):
                continue
            end = next((c for c in range(col + 1, len(values)) if values[c] is not None and values[c] != ""),
                       len(fitted))
            values[col] = _shortened(value, sum(fitted[col:end]) - 1)
        out.append(replace(row, values=tuple(values)))
    return fitted, tuple(out)


ROWS_PER_PIXEL = 55 / 1330
"""Rows LibreOffice prints per A4 landscape page, fitted one page wide, per pixel of sheet width: measured on the
Weekly Summary (55 rows at 14 columns, 180 characters wide = 1,330 pixels); the narrower a sheet, the larger it
prints and the fewer rows fit."""


def page_rows(widths: Sequence[float]) -> int:
    """Rows of the default height that fit on one printed page of a sheet this wide (one row of margin)."""
    pixels = sum(int(w * 7 + 5) for w in widths)
    return max(int(pixels * ROWS_PER_PIXEL) - 1, 10)


def keep_tables_together(spec: SheetSpec) -> SheetSpec:
    """The spec with page breaks added after its own (page 1's end) so a table is not split when it would fit on
    a page of its own, and a longer one never starts at the foot of a page with less than its title, header and
    three rows. A table starts at a blank row followed by its title, or (a group inside a section, such as each
    salesperson's customers) at a subtitle followed by a header row."""
    setup = spec.print_setup
    if setup is None:
        return spec
    rows = spec.rows
    capacity = page_rows(spec.widths)
    heights = spec.row_heights()
    units = [max(1, round(heights.get(i + 1, LINE_HEIGHT) / LINE_HEIGHT)) for i in range(len(rows))]
    breaks = list(setup.page_breaks)
    used = 0
    for i in range(breaks[-1] if breaks else 0, len(rows)):
        following = rows[i + 1].kind if i + 1 < len(rows) else ""
        table = rows[i].kind == "blank" and following == "section"
        group = rows[i].kind == "subtitle" and following == "header"
        if used and (table or group):
            first = i + 1 if table else i  # the page starts with the title, not the blank row before it
            ends = ("blank",) if table else ("blank", "subtitle")
            end = next((j for j in range(first + 1, len(rows)) if rows[j].kind in ends), len(rows))
            size = sum(units[first:end])
            need = size if size <= capacity else sum(units[first:first + 5])
            if used + (first - i) + need > capacity:
                breaks.append(first)  # 1-based: the row before `first` ends the page
                used = 0
                if table:
                    continue
        used += units[i]
        if used > capacity:
            used = units[i]
    return replace(spec, print_setup=replace(setup, page_breaks=tuple(breaks)))
