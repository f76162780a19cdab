"""Small helpers every report shares: turning frame values into cell values and common look-ups."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from tradexl.reports.labels import Labels
from tradexl.sheetspec import Format, Row

GRADE_ORDER = {"A": 0, "B": 1, "C": 2, "D": 3}


def cell_dates(values: pd.Series) -> pd.Series:
    """Timestamps as plain `date` cells (None when missing), for the rows a report outputs."""
    stamps = pd.to_datetime(values)
    if isinstance(stamps.dtype, np.dtype):  # naive times: numpy makes the dates (None for NaT), no Timestamp per row
        return pd.Series(stamps.to_numpy(dtype="datetime64[D]").astype(object), index=values.index, dtype=object)
    return pd.Series([None if d is pd.NaT else d.date() for d in stamps], index=values.index, dtype=object)


def grade_rank(grades: pd.Series) -> pd.Series:
    """Sort key for grades: A first, ungraded last."""
    return grades.map(GRADE_ORDER).fillna(len(GRADE_ORDER)).astype(int)


def column(frame: pd.DataFrame, name: str, default: Any = "") -> pd.Series:
    """A column of `frame`, or a constant series when the frame lacks it (older or partial inputs)."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(default, index=frame.index, dtype=object if isinstance(default, str) else None)


def owner_names(values: pd.Series) -> pd.Series:
    return stripped(values)


def per_text(values: pd.Series, function: Callable[[str], Any]) -> pd.Series:
    """`function` of each cell as text ("" when missing, as `fillna("").astype(str)`), called once per distinct
    value: a 100,000-row column holds a few dozen owners, regions, channels or statuses."""
    from tradexl.rules.clean import per_distinct  # imported here: the rules import this module

    return per_distinct(values, lambda value: function("" if pd.isna(value) else str(value)))


def stripped(values: pd.Series, then: Callable[[str], str] | None = None) -> pd.Series:
    """`values.fillna("").astype(str).str.strip()`, then `then` of each text (once per distinct value)."""
    return per_text(values, (lambda text: then(text.strip())) if then else str.strip)


def latest_summaries(followups: pd.DataFrame) -> pd.Series:
    """Customer Key -> Summary of that customer's latest follow-up that has one."""
    return latest_texts(followups, "Summary")


def latest_texts(followups: pd.DataFrame, name: str) -> pd.Series:
    """Customer Key -> column `name` (e.g. Summary, Next Step) of that customer's latest follow-up that has one."""
    keys = column(followups, "Customer Key").fillna("").astype(str)
    texts = column(followups, name).fillna("").astype(str).str.strip()
    frame = pd.DataFrame({"key": keys, "text": texts, "date": column(followups, "Date", pd.NaT)})
    frame = frame[(frame["key"] != "") & (frame["text"] != "")]
    frame = frame.sort_values("date", kind="stable", na_position="first")
    return frame.drop_duplicates("key", keep="last").set_index("key")["text"]


def latest_of(keys: pd.Series, followups: pd.DataFrame, name: str = "Summary") -> pd.Series:
    """Per customer key in `keys`: column `name` of that customer's latest follow-up that has one, "" where none.

    The same as `lookup_text(keys, latest_texts(followups, name))`, reading only those customers' follow-ups: a
    report shows a few thousand of the customers of a 300,000-row follow-up log."""
    own = column(followups, "Customer Key").isin(pd.unique(keys))  # a blank key never has a latest text
    return lookup_text(keys, latest_texts(followups[own.to_numpy()], name))


def lookup_text(keys: pd.Series, table: pd.Series) -> pd.Series:
    """`table[key]` for each key as text, "" where the key is not in the table."""
    return keys.map(table).astype(object).fillna("")


def records(frame: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    """The frame's rows as tuples of Python values, like `itertuples(index=False, name=None)`, read a column at a
    time: pandas hands out the cells of a text column one by one slowly."""
    return zip(*(frame.iloc[:, i].to_numpy(dtype=object) for i in range(frame.shape[1])), strict=True)


def header(labels: Labels, keys: Iterable[str]) -> Row:
    return Row(tuple(labels(k) for k in keys), kind="header")


def place(width: int, cells: Mapping[int, Any]) -> tuple[Any, ...]:
    """A row of `width` cells with the given values at the given 0-based columns (others empty)."""
    return tuple(cells.get(i) for i in range(width))


def place_formats(width: int, formats: Mapping[int, Format]) -> tuple[Format, ...]:
    return tuple(formats.get(i, "") for i in range(width))
