"""Tables stacked on one column grid, each with its own header row: how the boss's reports are laid out.

A report (Weekly Summary, Monthly Review, Statistics) picks one set of column widths that fits every table it
stacks; each table names the grid column of each of its fields (`Cell`). Long texts go in a column followed by
empty ones, so they run on instead of being cut; dates only in columns wide enough for them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from typing import Any

import numpy as np

from tradexl.colwidth import text_width
from tradexl.reports.common import place
from tradexl.reports.labels import Labels
from tradexl.sheetspec import LINE_HEIGHT, Format, Highlight, Row, RowKind, SheetSpec

Cell = tuple[int, str, Format]
"""A table field: grid column, label key of its header, number format."""


@dataclass(frozen=True)
class Grid:
    widths: tuple[float, ...]

    @property
    def size(self) -> int:
        return len(self.widths)

    def header(self, cells: Sequence[Cell], labels: Labels) -> Row:
        return Row(place(self.size, {col: labels(key) for col, key, _ in cells}), kind="header")

    def formats(self, cells: Sequence[Cell]) -> tuple[Format, ...]:
        return _formats(self.size, tuple(cells))

    def row(self, cells: Sequence[Cell], values: Sequence[Any], kind: RowKind = "data",
            highlight: Highlight = "") -> Row:
        out: list[Any] = [None] * len(self.widths)  # a report has thousands of rows: no per-cell dict
        for (col, _, _), value in zip(cells, values, strict=True):
            out[col] = value.item() if isinstance(value, np.generic) else value  # numpy scalars as Python numbers
        return Row(tuple(out), kind=kind, highlight=highlight, formats=self.formats(cells))

    def table(self, labels: Labels, title: str, cells: Sequence[Cell], body: list[Row]) -> list[Row]:
        """A titled table with its own header row; "None" when it has no rows."""
        return [Row((), kind="blank"), Row((title,), kind="section"), self.header(cells, labels),
                *(body or [Row((labels("none"),), kind="note")])]


@lru_cache(maxsize=256)
def _formats(size: int, cells: tuple[Cell, ...]) -> tuple[Format, ...]:
    """A table's number formats across the grid, worked out once per table (not once per row)."""
    by_col = {col: fmt for col, _, fmt in cells}
    return tuple(by_col.get(i, "") for i in range(size))


FIRST_COLUMN_CAP = 44.0
"""Widest the first column (company names) grows to fit its names; a longer name is shortened with "…"."""
EMPTY = frozenset({None, ""})
"""Cell values that leave a cell empty, so a text before it runs on into it."""
PROPORTIONAL = 0.92
"""Letters of a proportional font are narrower on average than the digit Excel measures widths in."""


def _shortened(text: str, room: float) -> str:
    """`text` as it fits in `room` characters: whole, or cut with "…" (the printout never shows half a word
    run into the next cell). Most texts fit: a text whose every character could be wide and still fits is kept
    without measuring it (a 100,000-row report shortens hundreds of thousands of cells)."""
    if 2 * len(text) * PROPORTIONAL <= room:
        return text
    if len(text) * PROPORTIONAL <= room and text_width(text) * PROPORTIONAL <= room:
        return text
    sizes = [1.0] * len(text) if text.isascii() else [text_width(ch) for ch in text]
    ends = list(accumulate(sizes, initial=1.0))  # the width used by the first k characters and the "…"
    keep = bisect_right(ends, room, lo=1, key=lambda used: used * PROPORTIONAL) - 1
    return text[:keep].rstrip(" ,;·-–") + "…"


def _rooms(widths: tuple[float, ...], empty: tuple[bool, ...]) -> tuple[float, ...]:
    """Room of each column of a row whose `empty` cells are marked: its width and the empty ones right of it,
    up to the next value or the sheet's last column."""
    rooms = []
    for col in range(min(len(empty), len(widths))):
        end = next((c for c in range(col + 1, len(empty)) if not empty[c]), len(widths))
        rooms.append(sum(widths[col:end]) - 1)
    return tuple(rooms)


def fit_columns(widths: tuple[float, ...], rows: Sequence[Row], names: int = 0, shorten: bool = True
                ) -> tuple[tuple[float, ...], tuple[Row, ...]]:
    """Widths and rows of a report whose texts must not be cut when printed: the column of names (the first
    by default) widened to its longest name (up to FIRST_COLUMN_CAP), and, with `shorten`, each text in a table
    row shortened with "…" to the room it has (its column and the empty ones right of it, up to the next value
    or the sheet's last column). Rows sharing a pattern of empty cells share their rooms, and a row with nothing
    to shorten is kept as it is: reports stack thousands of rows of a few tables."""
    texts = {r.values[names] for r in rows
             if r.kind in ("data", "total") and len(r.values) > names and isinstance(r.values[names], str)}
    longest = max(map(text_width, texts), default=0.0)
    fitted = widths
    if len(widths) > names:
        grown = min(max(widths[names], longest * PROPORTIONAL + 2), FIRST_COLUMN_CAP)
        fitted = (*widths[:names], max(grown, widths[names]), *widths[names + 1:])
    if not shorten:
        return fitted, tuple(rows)
    rooms_of: dict[tuple[bool, ...], tuple[float, ...]] = {}
    cut: dict[tuple[str, float], str] = {}

    def shortened(text: str, room: float) -> str:
        key = (text, room)
        if key not in cut:
            cut[key] = _shortened(text, room)
        return cut[key]

    out = []
    for row in rows:
        if row.kind not in ("data", "total"):
            out.append(row)
            continue
        empty = tuple(map(EMPTY.__contains__, row.values))
        rooms = rooms_of.get(empty)
        if rooms is None:
            rooms = rooms_of[empty] = _rooms(fitted, empty)
        values = list(row.values)
        changed = False
        for c, room in enumerate(rooms):
            value = values[c]
            if isinstance(value, str) and value and value is not (cut_value := shortened(value, room)):
                values[c], changed = cut_value, True
        out.append(replace(row, values=tuple(values)) if changed else row)
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
