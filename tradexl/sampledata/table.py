"""A generated input sheet as a header tuple plus row tuples.

Why tuples and not dicts: a 100,000-inquiry benchmark set has about half a million rows; a tuple row costs a
third of a dict's memory, streams straight into XlsxWriter row by row, and becomes a DataFrame with
`from_records` without copying keys. `dicts()` gives the friendlier form for tests and the demo.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Table:
    """Rows of one input sheet; `columns` are canonical user column names of `tradexl.schema`."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def column(self, name: str) -> list[Any]:
        pos = self.columns.index(name)
        return [row[pos] for row in self.rows]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.rows, columns=list(self.columns))
