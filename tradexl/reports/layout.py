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
from tradexl.sheetspec import Format, Highlight, Row, RowKind

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


def fit_columns(widths: tuple[float, ...], rows: Sequence[Row]) -> tuple[tuple[float, ...], tuple[Row, ...]]:
    """Widths and rows of a report whose texts must not be cut when printed: the first column widened to its
    longest name (up to FIRST_COLUMN_CAP), and each text in a table row shortened with "…" to the room it has
    (its column and the empty ones right of it, up to the next value or the sheet's last column)."""
    names = [text_width(r.values[0]) for r in rows
             if r.kind in ("data", "total") and r.values and isinstance(r.values[0], str)]
    first = min(max(widths[0], max(names, default=0.0) * PROPORTIONAL + 2), FIRST_COLUMN_CAP) if widths else 0.0
    fitted = (first, *widths[1:]) if widths else widths
    out = []
    for row in rows:
        if row.kind not in ("data", "total"):
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
