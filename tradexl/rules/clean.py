"""Raw input tables -> typed frames plus the data problems found on the way.

Every column is converted by its kind in `tradexl.schema`; each distinct raw value is parsed once (columns of
100,000 rows hold far fewer distinct values), and an unreadable cell becomes a `Problem` and a blank. Entirely
blank rows are dropped silently; missing required values and duplicate IDs are reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial

import numpy as np
import pandas as pd

from tradexl import schema
from tradexl.messages import msg
from tradexl.model import InputTables, Problem
from tradexl.rules.parse import YEARS, Bad, as_text, parse_choice, parse_datetime, parse_id, parse_number, parse_text
from tradexl.rules.vocab import choice_lookup

QUANTITY_TEXT = "Quantity Text"
TEXT_QUANTITY_SHEETS = ("inquiries", "quotes")
"""Sheets whose Quantity may be words ("1x40HQ"): kept in `Quantity Text`, not reported as a problem."""
_ID_FLOAT = re.compile(r"\d+\.0+").fullmatch
"""An ID Excel stored as a number ("1001.0"): left to `parse_id`."""
UNIQUE_COLUMNS = {"inquiries": "Inquiry ID", "customers": "Customer ID", "products": "Model"}
"""Columns whose values must not repeat (Quote No may: one quote has several lines)."""


def sheet_name(tables: InputTables, key: str) -> str:
    """The workbook's own name of a sheet, for messages (the English name when the sheet is absent)."""
    return tables.sheet_names.get(key) or schema.SHEETS_BY_KEY[key].name


def problem(sheet: str, row: object, column: str, value: object, message: str) -> Problem:
    number = int(row) if isinstance(row, int | np.integer) else None
    return Problem(sheet, number, column, as_text(value), message)


def _parser(column: schema.Column, today: date) -> Callable[[object], object]:
    if column.kind in ("date", "datetime"):
        return partial(parse_datetime, today=today)
    if column.kind in ("number", "int"):
        return parse_number
    if column.kind == "id":
        return parse_id
    if column.kind == "choice":
        return partial(parse_choice, lookup=choice_lookup(column.choices))
    return parse_text


def _safe(parser: Callable[[object], object], value: object) -> object:
    try:
        return parser(value)
    except Exception:
        return Bad(msg("fix.unreadable"))


def _typed_array(kind: str, size: int) -> np.ndarray:
    """An array of `size` blanks of the column's type."""
    if kind in ("date", "datetime"):
        return np.full(size, np.datetime64("NaT"), dtype="datetime64[ns]")
    if kind in ("number", "int"):
        return np.full(size, np.nan)
    return np.full(size, "", dtype=object)


def _fast(uniques: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The common cells that need no parsing (plain text, real dates, finite numbers): mask and typed values.

    Everything else (and every blank) goes through the per-value parser.
    """
    types = [type(u) for u in uniques]
    if kind in ("text", "id"):
        mask = np.array([t is str for t in types], dtype=bool)
        stripped = [u.strip() for u in uniques[mask]]
        slow = [not text or text[0] == "#" or (kind == "id" and "." in text and _ID_FLOAT(text) is not None)
                for text in stripped]
        ok = ~np.array(slow, dtype=bool)
        mask[np.flatnonzero(mask)[~ok]] = False
        return mask, np.array(stripped, dtype=object)[ok] if stripped else np.array([], dtype=object)
    if kind in ("date", "datetime"):
        mask = np.array([t is datetime or t is pd.Timestamp for t in types], dtype=bool)
        stamps = pd.DatetimeIndex(pd.to_datetime(pd.Series(uniques[mask], dtype=object), errors="coerce"))
        ok = np.asarray((stamps.year >= YEARS[0]) & (stamps.year <= YEARS[1]), dtype=bool)
        mask[np.flatnonzero(mask)[~ok]] = False
        return mask, stamps[ok].round("s").as_unit("ns").to_numpy()
    if kind in ("number", "int"):
        mask = np.array([t is float or t is int for t in types], dtype=bool)
        numbers = uniques[mask].astype(float)
        ok = np.isfinite(numbers)
        mask[np.flatnonzero(mask)[~ok]] = False
        return mask, numbers[ok]
    return np.zeros(len(uniques), dtype=bool), np.array([], dtype=object)


def convert_column(raw: pd.Series, column: schema.Column,
                   today: date) -> tuple[pd.Series, np.ndarray, list[tuple[int, Bad]]]:
    """The typed column, a mask of blank cells (unreadable ones are not blank), and the unreadable cells as
    (position, Bad)."""
    values = raw.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        uniques = np.asarray(uniques, dtype=object)
    except TypeError:
        codes, uniques = np.arange(len(values)), values
    size = len(uniques)
    typed = _typed_array(column.kind, size + 1)  # the extra last slot is for blank (NA) cells
    blank = np.zeros(size + 1, dtype=bool)
    blank[size] = True
    fast, fast_values = _fast(uniques, column.kind)
    typed[np.flatnonzero(fast)] = fast_values
    parser = _parser(column, today)
    bad: dict[int, Bad] = {}
    for pos in np.flatnonzero(~fast):
        value = _safe(parser, uniques[pos])
        if isinstance(value, Bad):
            bad[int(pos)] = value
        elif value is None or value == "":
            blank[pos] = True
        else:
            typed[pos] = value.to_datetime64() if isinstance(value, pd.Timestamp) else value
    codes = np.where(codes < 0, size, codes)
    series = pd.Series(typed[codes], index=raw.index, dtype=object if typed.dtype == object else None)
    if column.kind == "date":
        series = series.dt.normalize()
    failed: list[int] = np.flatnonzero(np.isin(codes, list(bad))).tolist() if bad else []
    return series, blank[codes], [(int(pos), bad[codes[pos]]) for pos in failed]


def clean_frame(key: str, frame: pd.DataFrame | None, today: date, sheet: str) -> tuple[pd.DataFrame, list[Problem]]:
    """One input sheet typed by the schema (user columns only; computed columns are recomputed later)."""
    frame = frame if frame is not None else pd.DataFrame()
    columns = schema.SHEETS_BY_KEY[key].user_columns
    empty = pd.Series(None, index=frame.index, dtype=object)
    raw = {c.name: frame.get(c.name, empty) for c in columns}
    converted = {c.name: convert_column(raw[c.name], c, today) for c in columns}
    keep = ~np.logical_and.reduce([blank for _, blank, _ in converted.values()])
    rows = frame.index[keep]
    problems: list[Problem] = []
    for column in columns:
        _, blank, bad = converted[column.name]
        if column.name == "Quantity" and key in TEXT_QUANTITY_SHEETS:
            bad = [(pos, b) for pos, b in bad if b.message.startswith("Excel error")]
        problems.extend(problem(sheet, frame.index[pos], column.name, raw[column.name].iat[pos], b.message)
                        for pos, b in bad)
        if column.required:
            problems.extend(problem(sheet, row, column.name, "", msg("fix.missing", column=column.name))
                            for row in rows[blank[keep]])
    result = pd.DataFrame({name: typed[keep] for name, (typed, _, _) in converted.items()}, index=rows)
    if key in TEXT_QUANTITY_SHEETS:
        result[QUANTITY_TEXT] = per_distinct(raw["Quantity"][keep], as_text)
    if key in UNIQUE_COLUMNS:
        problems.extend(duplicate_problems(result, UNIQUE_COLUMNS[key], sheet))
    return result, problems


def per_distinct(values: pd.Series, function: Callable[[object], object]) -> pd.Series:
    """`function` of each cell, called once per distinct value (an object column, indexed like `values`)."""
    cells = values.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    except TypeError:  # unhashable cells: one call each
        return pd.Series([function(v) for v in cells], index=values.index, dtype=object)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [function(v) for v in np.asarray(uniques, dtype=object)]
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def text_cells(values: pd.Series, *, strip: bool = True) -> pd.Series:
    """`values.fillna("").astype(str)`, then `.str.strip()`, as Python str in an object column (indexed like
    `values`).

    Converted once per distinct value (a column that is all text already is taken as it is): pandas' str dtype
    converts and strips cell by cell, and compares slower.
    """
    if not strip and pd.api.types.infer_dtype(values, skipna=False) == "string":
        return values.astype(object)
    return per_distinct(values, _stripped_text if strip else _cell_text)


def _cell_text(value: object) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)


def _stripped_text(value: object) -> str:
    return _cell_text(value).strip()


def distinct_rows(size: int, columns: Iterable[pd.Series | np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(first, inverse) for `size` rows: the position of the first row of each distinct combination of the
    `columns`' values, and for each row the number of its combination (`first[inverse]` has the same values).

    A per-row rule runs on the distinct rows only and is spread back with `[inverse]`: 300,000 follow-ups name
    fewer than 20,000 buyers.
    """
    combined = np.zeros(size, dtype=np.int64)
    for values in columns:
        cells = np.asarray(values, dtype=object)
        try:
            codes, uniques = pd.factorize(cells, use_na_sentinel=False)
        except TypeError:  # unhashable cells: every row on its own
            codes, uniques = np.arange(size), cells
        combined = pd.factorize(combined * len(uniques) + codes)[0]  # numbered in order of appearance
    new = np.ones(size, dtype=bool)
    new[1:] = combined[1:] > np.maximum.accumulate(combined)[:-1]  # so a row with a number not seen before
    return np.flatnonzero(new), combined


def duplicate_problems(frame: pd.DataFrame, column: str, sheet: str) -> list[Problem]:
    """A problem on every repeat of a non-blank value (case-insensitive), naming the row it repeats."""
    values = frame[column]
    folded = pd.Series([str(value).strip().casefold() for value in values.to_numpy(dtype=object)],
                       index=frame.index, dtype=object, name=column)  # IDs hardly repeat: no per-distinct pass
    present = folded[folded != ""]
    repeated = present.duplicated(keep="first")
    if not repeated.any():
        return []
    first_row = present.reset_index().drop_duplicates(column).set_index(column).iloc[:, 0]
    return [problem(sheet, row, column, str(values.at[row]).strip(),
                    msg("fix.duplicate", column=column, first=first_row[value]))
            for row, value in present[repeated].items()]


def clean_tables(tables: InputTables, today: date) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every input sheet typed; problems in sheet order."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for sheet_def in schema.INPUT_SHEETS:
        frames[sheet_def.key], found = clean_frame(sheet_def.key, tables.frames.get(sheet_def.key), today,
                                                   sheet_name(tables, sheet_def.key))
        problems.extend(found)
    return frames, problems
