"""One write plan for both shells: what a run changes in a workbook, decided once, as plain data.

The file engine (text-level XML edits) and the xlwings shell (Range calls in Excel) used to each decide which
computed cells get which number format and fill, when an Excel Table grows, which generated sheets replace,
join or leave the workbook and which sheet names Excel would refuse. Two copies drifted (the xlwings shell
formatted no `Response Hours` as `0.0` and filled no overdue Customers row), so every such decision lives here
and each shell only applies a `WritePlan`:

- `ComputedCells`: per input sheet, the computed columns (column, header to write, number format, values from
  the first to the last data row), the rows whose highlight columns get a fill, and the Table columns to add;
- `SheetSpec`s of the generated sheets (values, row looks, widths, print setup, tab colour and whatever a
  report adds to its spec later, such as charts): shells render a spec whole, replacing a sheet of the same
  name or adding one at the end;
- the stale generated sheets to remove.

`build_plan` is pure (RunResult + what a shell read), and `validate` rejects before the first write anything
Excel would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from tradexl.colwidth import fitted_width
from tradexl.errors import WorkbookError
from tradexl.grid import SheetLayout, column_letter, computed_targets
from tradexl.markers import SheetIndex, marker_name, tab_name
from tradexl.model import Problem, RunResult
from tradexl.schema import SETTINGS_SHEET, SHEETS_BY_KEY
from tradexl.sheetspec import Format, Highlight, Row, SheetSpec

MAX_ROWS = 1_048_576
MAX_COLS = 16_384
MAX_TEXT = 32_767
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

KIND_FORMATS: dict[str, Format] = {"date": "date", "datetime": "datetime", "int": "int", "number": "decimal1"}
"""Number format of a computed input-sheet column by its schema kind (text columns stay General)."""


@dataclass(frozen=True)
class RowRule:
    """Rows of an input sheet that get a highlight: those where `column` holds a positive number; the fill
    goes on `columns` (computed columns only: the user's own cells keep their looks)."""

    column: str
    columns: tuple[str, ...]
    highlight: Highlight


ROW_RULES: dict[str, RowRule] = {
    "customers": RowRule("Days Overdue", ("Next Contact", "Days Overdue"), "overdue"),
}


# --- generated-sheet cells --------------------------------------------------------------------------------------

STYLED_EMPTY = frozenset({"header", "total", "section"})
"""Row roles whose look (fill, border) runs across the sheet's full width, blank cells included."""


def inferred_format(value: Any) -> Format:
    """Number format of a value the report did not format explicitly: dates and date-times only."""
    if isinstance(value, datetime | pd.Timestamp):
        if pd.isna(value):
            return ""
        return "date" if (value.hour, value.minute, value.second) == (0, 0, 0) else "datetime"
    if isinstance(value, date):
        return "date"
    return ""


def styled_width(row: Row, width: int) -> int:
    """How many cells of a generated-sheet row carry its look: the full width for headers, totals, sections and
    highlighted rows (a band across the table), else just the row's own values."""
    return max(len(row.values), width if row.kind in STYLED_EMPTY or row.highlight else 0)


def is_blank(value: Any) -> bool:
    """True for the values that mean "empty cell" anywhere in the core (None, "", NaN, NaT, pd.NA)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def written_cells(row: Row, width: int) -> list[tuple[int, Any, Format]]:
    """(column, value, number format) of every cell a shell writes in a generated-sheet row: cells with a value,
    and blank cells the row's look covers (`styled_width`) when the row has a look. A cell's format is the
    report's, else the one its value implies (`inferred_format`)."""
    values, formats = row.values, row.formats
    count = len(values)
    styled = styled_width(row, width) if row.kind in STYLED_EMPTY or row.highlight else 0
    out = []
    for col in range(max(count, styled)):
        value = values[col] if col < count else None
        if col < styled or not is_blank(value):
            fmt = formats[col] if col < len(formats) else ""
            if not fmt and col < count and value.__class__ is not str:  # text is never a date
                fmt = inferred_format(value)
            out.append((col, value, fmt))
    return out


# --- what a shell read -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableBox:
    """An Excel Table on an input sheet as a shell found it: name, range (1-based, inclusive), column names."""

    name: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    columns: tuple[str, ...]


@dataclass(frozen=True)
class SheetRead:
    """Where an input sheet's data was found: the workbook's sheet name, the layout, its Table (if any), and
    the column of the grid's first cell (the header tuple in `layout` starts there)."""

    name: str
    layout: SheetLayout
    table: TableBox | None = None
    first_col: int = 1


# --- the plan --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ComputedColumn:
    """One computed column: where it goes, the header to write (None: the user's header is already there),
    its number format, whether the sheet's row rule highlights it, one value per data row, and the column's
    width fitted to its header and values (`tradexl.colwidth`; `wrap`: its cells wrap a long text)."""

    name: str
    col: int
    header: str | None
    fmt: Format
    highlighted: bool
    values: tuple[Any, ...]
    width: int = 0
    wrap: bool = False


@dataclass(frozen=True)
class ComputedCells:
    """The computed columns of one input sheet, rows `first_row`..`last_row` (values may be None: blank)."""

    sheet: str
    header_row: int
    first_row: int
    last_row: int
    columns: tuple[ComputedColumn, ...]
    highlight: Highlight = ""
    highlighted_rows: frozenset[int] = frozenset()
    table: str = ""
    table_columns: tuple[tuple[int, str], ...] = ()  # Table grows right by these (column, header name)
    table_range: str = ""  # the Table's range once grown, e.g. "A1:Z40"


@dataclass(frozen=True)
class WritePlan:
    """Everything one run writes, in the order shells apply it: computed cells, generated sheets, removals."""

    computed: tuple[ComputedCells, ...]
    sheets: tuple[SheetSpec, ...]
    remove: tuple[str, ...]
    message: str = ""
    problems: list[Problem] = field(default_factory=list)
    markers: tuple[tuple[str, str], ...] = ()  # (defined name, tab): the markers of sheets read or written to add
    language: str = "en"
    """The workbook's Settings › Language: the shells show `message` (and any keyed message) in it."""


# --- building it -----------------------------------------------------------------------------------------------

def highlighted_rows(key: str, frame: pd.DataFrame) -> frozenset[int]:
    """Rows of the computed frame that the sheet's row rule highlights (a positive number in its column)."""
    rule = ROW_RULES.get(key)
    if rule is None or rule.column not in frame.columns:
        return frozenset()
    values = pd.to_numeric(frame[rule.column], errors="coerce")
    return frozenset(int(row) for row in values.index[values.fillna(0) > 0])


def table_growth(read: SheetRead, written: Mapping[int, str | None]) -> tuple[tuple[int, str], ...]:
    """Columns (and their header names) to add to the sheet's Table so it covers computed columns right of it.

    Excel repairs a Table whose column names differ from the header cells, or are blank or duplicated, so it
    grows only over contiguous columns whose header text is known and new; otherwise it stays as it is.
    """
    table = read.table
    if table is None or not written or max(written) <= table.last_col:
        return ()
    headers = read.layout.headers
    existing = {n.casefold() for n in table.columns}
    names: list[tuple[int, str]] = []
    for col in range(table.last_col + 1, max(written) + 1):
        header = written.get(col)
        offset = col - read.first_col
        if header is None and 0 <= offset < len(headers):
            cell = headers[offset]
            header = cell if isinstance(cell, str) else None
        if not header or not header.strip() or header.casefold() in existing:
            return ()
        existing.add(header.casefold())
        names.append((col, header))
    return tuple(names)


def computed_cells(key: str, read: SheetRead, frame: pd.DataFrame, language: str) -> ComputedCells | None:
    """The computed columns of one input sheet as the plan writes them (None when the run computed none)."""
    definition = SHEETS_BY_KEY[key]
    layout = read.layout
    targets = computed_targets(definition, layout, language)
    rule = ROW_RULES.get(key)
    rows = range(layout.first_data_row, layout.last_data_row + 1)
    columns = []
    for col in definition.computed_columns:
        if col.name not in frame.columns:
            continue
        number, header = targets[col.name]
        values = _by_row(frame[col.name])
        fmt = KIND_FORMATS.get(col.kind, "")
        column_values = tuple(values.get(r) for r in rows)
        offset = number - read.first_col
        shown = header if header is not None else (
            layout.headers[offset] if 0 <= offset < len(layout.headers) else col.name)
        width, wrap = fitted_width(shown, frame[col.name], fmt)
        columns.append(ComputedColumn(col.name, number, header, fmt, rule is not None and col.name in rule.columns,
                                      column_values, width, wrap))
    if not columns:
        return None
    growth = table_growth(read, {c.col: c.header for c in columns})
    box = read.table
    grown = (f"{column_letter(box.first_col)}{box.first_row}:{column_letter(growth[-1][0])}{box.last_row}"
             if growth and box else "")
    return ComputedCells(
        sheet=read.name, header_row=layout.header_row, first_row=layout.first_data_row,
        last_row=layout.last_data_row, columns=tuple(columns),
        highlight=rule.highlight if rule else "", highlighted_rows=highlighted_rows(key, frame),
        table=box.name if grown and box else "", table_columns=growth, table_range=grown,
    )


def _by_row(series: pd.Series) -> dict[Any, Any]:
    """`series.to_dict()` (row -> Python value) without its call per value: `tolist` boxes a numpy column's
    values as the same Python floats, ints, bools and Timestamps, and leaves an object column's values as they
    are, which is what `to_dict` does too unless one is a numpy scalar."""
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "biufMO":
        values = series.tolist()
        if series.dtype.kind != "O" or not any(issubclass(t, np.generic) for t in set(map(type, values))):
            return dict(zip(series.index.tolist(), values, strict=True))
    return series.to_dict()


def stale_sheets(sheet_names: Sequence[str], result: RunResult, index: SheetIndex | None = None) -> tuple[str, ...]:
    """Workbook tabs the run owns (`RunResult.owned`, "*" as a wildcard, any case, matched against each tab's
    identity: its marker's, else its name) that it no longer produces."""
    index = index or SheetIndex.build(sheet_names, {}, [s.name for s in result.sheets])
    produced = {s.name.casefold() for s in result.sheets}
    return tuple(tab for tab, identity in index.owned(sheet_names, result.owned)
                 if identity.casefold() not in produced)


def placed(result: RunResult, index: SheetIndex, language: str) -> tuple[SheetSpec, ...]:
    """The run's sheets named for the workbook: a sheet already there (by marker or name) keeps its tab, even
    one the user renamed; a new one gets its tab in the workbook's language."""
    return tuple(replace(spec, name=index.tab(spec.name) or tab_name(spec.name, language)) for spec in result.sheets)


def check_sheet_name(name: str) -> None:
    """Raise the one-line error for a sheet name Excel would refuse."""
    if not name or len(name) > 31 or _BAD_SHEET_CHARS.search(name) or name.startswith("'"):
        raise WorkbookError(f"'{name}' cannot be an Excel sheet name (1-31 characters, none of [ ] : * ? / \\)")


def build_plan(result: RunResult, read: Mapping[str, SheetRead], sheet_names: Sequence[str],
               language: str, markers: Mapping[str, str] | None = None, settings_tab: str | None = None) -> WritePlan:
    """Everything `result` writes into a workbook whose input sheets were read as `read` (keyed by sheet key)
    and whose sheets are `sheet_names` (every kind, in order); `markers` are the workbook's (identity -> tab,
    `markers.markers_of`); the plan lists the markers each sheet read or written still lacks, so a workbook
    without them gets them and one with them is not written for their sake."""
    computed = tuple(cells for key, frame in result.computed.items() if key in read
                     and (cells := computed_cells(key, read[key], frame, language)) is not None)
    index = SheetIndex.build(sheet_names, markers or {}, [s.name for s in result.sheets])
    sheets = placed(result, index, language)
    roles = [(SHEETS_BY_KEY[key].name, r.name) for key, r in read.items()]
    roles += [(SETTINGS_SHEET, settings_tab)] if settings_tab else []
    roles += [(spec.name, tab.name) for spec, tab in zip(result.sheets, sheets, strict=True)]
    plan = WritePlan(computed=computed, sheets=sheets, remove=stale_sheets(sheet_names, result, index),
                     message=result.message, problems=list(result.problems), language=language,
                     markers=tuple((marker_name(identity), tab) for identity, tab in roles
                                   if (markers or {}).get(identity) != tab))
    validate(plan)
    return plan


def validate(plan: WritePlan) -> None:
    """Raise `WorkbookError` for anything Excel would refuse, so it is caught before the first write."""
    inputs = {c.sheet.casefold() for c in plan.computed}
    for spec in plan.sheets:
        check_sheet_name(spec.name)
        if spec.name.casefold() in inputs:
            raise WorkbookError(f"generated sheet '{spec.name}' would overwrite an input sheet")
        width = max(spec.width, len(spec.widths))
        if len(spec.rows) > MAX_ROWS or width > MAX_COLS:
            raise WorkbookError(f"sheet '{spec.name}' would need more rows or columns than Excel has")
        _check_text(spec.name, chain.from_iterable(row.values for row in spec.rows))
    for cells in plan.computed:
        if max(c.col for c in cells.columns) > MAX_COLS:
            raise WorkbookError(f"sheet '{cells.sheet}' would need more columns than Excel has")
        _check_text(cells.sheet, chain.from_iterable((c.header, *c.values) for c in cells.columns))


def _check_text(sheet: str, values: Iterable[Any]) -> None:
    """Excel's cell text limit; texts are picked out first, a comprehension being the fast loop over 10^6 values."""
    longest = max(map(len, [value for value in values if isinstance(value, str)]), default=0)
    if longest > MAX_TEXT:
        raise WorkbookError(f"a value for sheet '{sheet}' is longer than Excel allows ({longest} characters)")
