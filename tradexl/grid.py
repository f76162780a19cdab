"""From a sheet's grid of values to a canonical input frame, the same way for every shell.

The file engine (calamine) and the xlwings shell both hand over a sheet as rows of cell values; this module
finds the header row, maps headers to the contract's columns, and decides where computed columns go, so both
shells read and write exactly the same cells.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from operator import itemgetter
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from tradexl.errors import MissingColumnError, WorkbookError
from tradexl.messages import msg
from tradexl.schema import (
    CUSTOMERS,
    INQUIRIES,
    SETTINGS_SHEET,
    SETTINGS_SHEET_ZH,
    SheetDef,
    match_headers,
    normalize_header,
)

HEADER_SCAN_ROWS = 30
REQUIRED_SHEETS = (INQUIRIES, CUSTOMERS)
"""Without these two there is nothing to grade or schedule; every other input sheet may be absent."""

T = TypeVar("T")


def require_sheets(present: Collection[str]) -> None:
    """Raise the one-line error for a missing Inquiries or Customers sheet (`present` holds sheet keys)."""
    for sheet in REQUIRED_SHEETS:
        if sheet.key not in present:
            raise WorkbookError(msg("error.no_sheet", name=sheet.name, zh=sheet.zh))


def settings_sheet(sheet_names: Iterable[str]) -> str | None:
    """The workbook's Settings sheet (English or Chinese name, case and spaces ignored), if it has one."""
    wanted = {normalize_header(SETTINGS_SHEET), normalize_header(SETTINGS_SHEET_ZH)}
    return next((name for name in sheet_names if normalize_header(name) in wanted), None)


def empty_frame(sheet: SheetDef) -> pd.DataFrame:
    """The frame of an absent optional sheet: the contract's user columns, no rows."""
    columns = [c.name for c in sheet.user_columns]
    return pd.DataFrame([], columns=columns, index=pd.Index([], name="row", dtype="int64"), dtype=object)


def best_table(sheet: SheetDef, candidates: Iterable[tuple[T, Sequence[Any]]]) -> T | None:
    """Of (table, header cells) pairs, the table whose header carries the most contract columns (at least two)."""
    best, best_score = None, 1
    for table, headers in candidates:
        score = len(match_headers(sheet, list(headers)))
        if score > best_score:
            best, best_score = table, score
    return best


@dataclass(frozen=True)
class SheetLayout:
    """Where an input sheet's table sits: header row, matched columns and the data rows' extent.

    Rows and columns are 1-based Excel numbers. `positions` maps canonical column names to Excel column
    numbers; `last_header_col` is the rightmost non-blank header cell (the user's columns end there).
    """

    sheet_name: str
    header_row: int
    first_data_row: int
    last_data_row: int
    positions: dict[str, int]
    last_header_col: int
    headers: tuple[Any, ...]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _has_value(cells: Iterable[Any]) -> bool:
    return any(not _blank(v) for v in cells)


def find_header_row(sheet: SheetDef, grid: Sequence[Sequence[Any]]) -> int | None:
    """0-based index of the grid row that matches the most contract headers (at least two, or one required)."""
    best, best_score = None, 0
    required = {c.name for c in sheet.columns if c.required}
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        found = match_headers(sheet, list(row))
        score = len(found) + len(required & found.keys())
        if score > best_score and (len(found) >= 2 or required & found.keys()):
            best, best_score = i, score
    return best


def locate(
    sheet: SheetDef,
    sheet_name: str,
    grid: Sequence[Sequence[Any]],
    *,
    first_row: int = 1,
    first_col: int = 1,
    header_index: int | None = None,
    last_data_row: int | None = None,
) -> SheetLayout:
    """Lay out `grid` (whose top-left cell is at `first_row`, `first_col`) as `sheet`; raise if a column is missing.

    `header_index` forces the header row (e.g. from an Excel Table's range); `last_data_row` bounds the data
    (e.g. the Table's last row); otherwise data runs to the last row with any value in a matched column.
    """
    index = header_index if header_index is not None else find_header_row(sheet, grid)
    if index is None:
        required = next((c.name for c in sheet.columns if c.required), sheet.columns[0].name)
        raise MissingColumnError(sheet_name, required)
    headers = tuple(grid[index]) if index < len(grid) else ()
    found = match_headers(sheet, list(headers))
    for col in sheet.columns:
        if col.required and col.name not in found:
            raise MissingColumnError(sheet_name, col.name)
    last_header = max((i for i, v in enumerate(headers) if not _blank(v)), default=-1)
    header_row = first_row + index
    if last_data_row is None:
        user_offsets = [found[c.name] for c in sheet.user_columns if c.name in found]
        last_data_row = header_row
        for i in range(len(grid) - 1, index, -1):
            row = grid[i]
            if _has_value(row[off] for off in user_offsets if off < len(row)):
                last_data_row = first_row + i
                break
    return SheetLayout(
        sheet_name=sheet_name,
        header_row=header_row,
        first_data_row=header_row + 1,
        last_data_row=last_data_row,
        positions={name: first_col + off for name, off in found.items()},
        last_header_col=first_col + last_header,
        headers=headers,
    )


def frame_from_grid(
    sheet: SheetDef, layout: SheetLayout, grid: Sequence[Sequence[Any]], *, first_row: int = 1, first_col: int = 1
) -> pd.DataFrame:
    """The data rows as a frame with every user column of `sheet` (absent ones empty), indexed by Excel row.

    Empty strings (calamine's empty cells) become None; rows with no value in any user column are left out.
    """
    start = layout.first_data_row - first_row
    rows = grid[start:max(start, layout.last_data_row - first_row + 1)]
    return frame_from_rows(sheet, layout, rows, first_col=first_col)[0]


SHARED_TYPES = frozenset({str, date})
"""Cell types whose equal values become one object (exact types: 1.0 == True, and the core must see each)."""


def frame_from_rows(sheet: SheetDef, layout: SheetLayout, rows: Iterable[Sequence[Any]], *, first_col: int = 1,
                    to_last_value: bool = False) -> tuple[pd.DataFrame, SheetLayout]:
    """`frame_from_grid` for the data rows alone (from `layout.first_data_row` on), taken one at a time.

    Streamed so that a reader never holds a whole sheet as Python objects: each row gives up its user cells and
    is dropped. Equal strings and dates of a column become one object: a register repeats its countries, owners,
    statuses and customer IDs a hundred thousand times, and one object per cell was most of the memory a read
    took. With `to_last_value` the rows run to the sheet's end and the data ends at the last row with a value in a
    user column, as `locate` decides for a grid it holds whole; the layout returned says where.
    """
    user = [c.name for c in sheet.user_columns]
    present = [(i, layout.positions[name] - first_col) for i, name in enumerate(user)
               if name in layout.positions and layout.positions[name] >= first_col]
    columns, count = _user_cells(rows, [off for _, off in present])
    if to_last_value:
        count = next((i + 1 for i in range(count - 1, -1, -1) if _has_value(col[i] for col in columns)), 0)
        columns = [col[:count] for col in columns]
        layout = replace(layout, last_data_row=layout.first_data_row + count - 1)
    block = np.full((len(user), count), None, dtype=object)  # column-major, as pandas keeps a block
    for (i, _), cells in zip(present, columns, strict=True):
        block[i] = cells
    del columns
    frame = pd.DataFrame(block.T, columns=user, dtype=object, copy=False)
    frame.index = pd.Index(range(layout.first_data_row, layout.first_data_row + count), name="row")
    filled = ~pd.isna(block[[i for i, _ in present]]).all(axis=0) if present else np.zeros(count, dtype=bool)
    return (frame if bool(filled.all()) else frame[filled]), layout


def _user_cells(rows: Iterable[Sequence[Any]], offsets: list[int]) -> tuple[list[list[Any]], int]:
    """The cells at `offsets` of every row, column by column, and the number of rows. Each column's memo maps ""
    to None (calamine's empty cell) and every other string or date to its first object (a dict per column stays
    small, so finding a value costs little); a cell past a row's end is None."""
    if not offsets:
        return [], sum(1 for _ in rows)
    columns: list[list[Any]] = [[] for _ in offsets]
    memos = [{"": None}.setdefault for _ in offsets]
    get = itemgetter(*offsets) if len(offsets) > 1 else (lambda row, only=offsets[0]: (row[only],))
    for row in rows:
        try:
            cells = get(row)
        except IndexError:  # a short row
            cells = tuple(row[off] if off < len(row) else None for off in offsets)
        for column, memo, value in zip(columns, memos, cells, strict=True):
            column.append(memo(value, value) if type(value) in SHARED_TYPES else value)
    return columns, len(columns[0])


def computed_targets(sheet: SheetDef, layout: SheetLayout, language: str) -> dict[str, tuple[int, str | None]]:
    """Excel column for each computed column, and the header to write (None when the header is already there).

    Existing computed headers stay where the user has them; missing ones go right after the last header cell,
    in contract order, labelled in the workbook's language.
    """
    targets: dict[str, tuple[int, str | None]] = {}
    next_col = max([layout.last_header_col, *layout.positions.values()]) + 1
    for col in sheet.computed_columns:
        if col.name in layout.positions:
            targets[col.name] = (layout.positions[col.name], None)
        else:
            targets[col.name] = (next_col, col.zh if language == "zh" else col.name)
            next_col += 1
    return targets


@functools.lru_cache(maxsize=4096)
def column_letter(number: int) -> str:
    """Excel column letters for a 1-based column number (1 -> A, 28 -> AB)."""
    letters = ""
    while number:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_number(letters: str) -> int:
    """1-based column number for Excel column letters (A -> 1, AB -> 28)."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number
