"""Tables stacked on one column grid, each with its own header row: how the boss's reports are laid out.

A report (Weekly Summary, Monthly Review, Statistics) picks one set of column widths that fits every table it
stacks; each table names the grid column of each of its fields (`Cell`). Long texts go in a column followed by
empty ones, so they run on instead of being cut; dates only in columns wide enough for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

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
