"""What a run writes, as plain data: cell blocks, formatting areas and sheet operations. No xlwings here.

The xlwings shell used to be "read cells, call the core, poke cells"; here that is split so everything except
the final pokes is pure and testable without Excel, and so another shell (or a test) can compare what it would
write cell by cell:

1. `input_tables` turns each sheet's grid of values (plus its Excel Table extent, if any) into `InputTables`
   through `tradexl.grid`, exactly as the file engine does.
2. `plan_run` turns a `RunResult` into a `WritePlan`: one `Block` per contiguous run of computed columns (header
   cell + every data row, one 2-D value list), formatting as address unions, and one `Render` per generated
   sheet (all values as one 2-D list; styles grouped into unions of contiguous row runs).
3. `validate` rejects a plan Excel cannot take, before anything is written.

Values in a plan are the core's Python values (str, float, date, Timestamp, Decimal, None); the shell converts
them (`tradexl.xlshell.values`). Formatting calls are bounded by the number of distinct styles times the
chunks their address unions need (Excel's `Range("A1:B2,A5:B6")` takes at most 255 characters), never by the
number of rows: a sheet whose rows alternate style every row would need about one call per 20 runs.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import pandas as pd

from tradexl.errors import WorkbookError
from tradexl.grid import (
    SheetLayout,
    best_table,
    column_letter,
    column_number,
    computed_targets,
    empty_frame,
    frame_from_grid,
    locate,
    require_sheets,
)
from tradexl.looks import HIGHLIGHT_FILLS, ROLE_LOOKS, Look
from tradexl.model import InputTables, Problem, RunResult
from tradexl.schema import (
    INPUT_SHEETS,
    SETTINGS_SHEET,
    SETTINGS_SHEET_ZH,
    SheetDef,
    find_sheet,
    normalize_header,
)
from tradexl.settings import parse_settings
from tradexl.sheetspec import NUMBER_FORMATS, Format, PrintSetup, Row, SheetSpec
from tradexl.xlshell.values import is_blank

ADDRESS_LIMIT = 255
"""Longest address string Excel's Range() accepts; longer unions are split into several calls."""

MAX_ROWS = 1_048_576
MAX_COLS = 16_384
MAX_TEXT = 32_767
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


# --- reading ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Extent:
    """A rectangle of cells, 1-based and inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def address(self) -> str:
        return area_address(self.first_row, self.first_col, self.last_row, self.last_col)


@dataclass(frozen=True)
class TableRef:
    """An Excel Table (ListObject) on a sheet: name, full range (header and totals rows included)."""

    name: str
    extent: Extent
    header_rows: int = 1
    totals_rows: int = 0

    @property
    def last_data_row(self) -> int:
        return self.extent.last_row - self.totals_rows


@dataclass(frozen=True)
class SheetGrid:
    """One sheet as a shell read it: the values of a rectangle starting at (first_row, first_col), and its
    Excel Tables."""

    name: str
    values: list[list[Any]]
    first_row: int = 1
    first_col: int = 1
    tables: tuple[TableRef, ...] = ()

    def cell(self, row: int, col: int) -> Any:
        r, c = row - self.first_row, col - self.first_col
        if 0 <= r < len(self.values) and 0 <= c < len(self.values[r]):
            return self.values[r][c]
        return None


@dataclass(frozen=True)
class ReadSheet:
    """Where an input sheet's data was found, kept to place the computed columns afterwards."""

    grid: SheetGrid
    layout: SheetLayout
    table: TableRef | None = None


def parse_address(address: str) -> Extent:
    """Extent of an A1-style address such as "$B$3:$K$20" or "$A$1" (one area, no sheet name)."""
    parts = address.split("!")[-1].split(":")
    cells = []
    for part in parts:
        match = _CELL.match(part.strip())
        if match is None:
            raise WorkbookError(f"cannot read the range address '{address}'")
        letters, row = match.groups()
        cells.append((int(row), column_number(letters)))
    (r1, c1), (r2, c2) = cells[0], cells[-1]
    return Extent(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def sheet_roles(sheet_names: Sequence[str]) -> dict[str, str]:
    """Input-sheet key -> the workbook's sheet name playing that role, plus "settings" when present."""
    roles = {s.key: name for s in INPUT_SHEETS if (name := find_sheet(s, list(sheet_names))) is not None}
    settings = {normalize_header(SETTINGS_SHEET), normalize_header(SETTINGS_SHEET_ZH)}
    for name in sheet_names:
        if normalize_header(name) in settings:
            roles["settings"] = name
            break
    return roles


def matching_table(sheet: SheetDef, grid: SheetGrid) -> TableRef | None:
    """The Table whose header row carries the most of the contract's columns (at least two), as the file
    engine's reader chooses it; its range then bounds the data (a totals row is not data)."""
    return best_table(sheet, ((t, [grid.cell(t.extent.first_row, c) for c in range(t.extent.first_col,
                                                                                   t.extent.last_col + 1)])
                              for t in grid.tables if t.header_rows >= 1))


def _read(sheet: SheetDef, grid: SheetGrid) -> ReadSheet:
    table = matching_table(sheet, grid)
    if table is None:
        layout = locate(sheet, grid.name, grid.values, first_row=grid.first_row, first_col=grid.first_col)
    else:
        layout = locate(sheet, grid.name, grid.values, first_row=grid.first_row, first_col=grid.first_col,
                        header_index=table.extent.first_row - grid.first_row,
                        last_data_row=table.last_data_row)
    return ReadSheet(grid, layout, table)


def input_tables(grids: Mapping[str, SheetGrid],
                 settings: SheetGrid | None) -> tuple[InputTables, dict[str, ReadSheet]]:
    """InputTables from the grids of the input sheets found (keyed by sheet key) and the Settings grid.

    An absent optional input sheet gives an empty frame with the contract's user columns; a missing
    Inquiries or Customers sheet, or a missing required column, raises before anything could be written.
    """
    require_sheets(grids.keys())
    parsed, messages = parse_settings(settings.values if settings else [])
    frames: dict[str, pd.DataFrame] = {}
    read: dict[str, ReadSheet] = {}
    for sheet in INPUT_SHEETS:
        grid = grids.get(sheet.key)
        if grid is None:
            frames[sheet.key] = empty_frame(sheet)
            continue
        read[sheet.key] = found = _read(sheet, grid)
        frames[sheet.key] = frame_from_grid(sheet, found.layout, grid.values, first_row=grid.first_row,
                                            first_col=grid.first_col)
    problems = [Problem(settings.name, None, "", "", message) for message in messages] if settings else []
    tables = InputTables(frames=frames, settings=parsed,
                         sheet_names={key: r.grid.name for key, r in read.items()}, settings_problems=problems)
    return tables, read


# --- styles ------------------------------------------------------------------------------------------------------

BASE_FONT_SIZE = 11.0
"""Excel's default body font size; a Look's `size_delta` is relative to it (the file engine reads styles.xml)."""


def row_look(row: Row) -> Look:
    """The look of a generated-sheet row: its role's look, with the highlight's fill (same rule as the file
    engine's `StyleBook.role`)."""
    look = ROLE_LOOKS.get(row.kind, ROLE_LOOKS["data"])
    if row.highlight:
        look = replace(look, fill=HIGHLIGHT_FILLS.get(row.highlight, ""), bold=look.bold or row.highlight == "key")
    return look


KIND_FORMATS: dict[str, Format] = {"date": "date", "datetime": "datetime", "int": "int"}
"""Number format of a computed input-sheet column, by its schema kind."""


def inferred_format(value: Any) -> Format:
    """Number format for a value the report did not format explicitly: dates and date-times only."""
    if isinstance(value, datetime | pd.Timestamp):
        if pd.isna(value):
            return ""
        return "date" if (value.hour, value.minute, value.second) == (0, 0, 0) else "datetime"
    if isinstance(value, date):
        return "date"
    return ""


# --- addresses ---------------------------------------------------------------------------------------------------

def area_address(first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    top_left = f"{column_letter(first_col)}{first_row}"
    if (first_row, first_col) == (last_row, last_col):
        return top_left
    return f"{top_left}:{column_letter(last_col)}{last_row}"


def chunk_addresses(areas: Iterable[str], limit: int = ADDRESS_LIMIT) -> tuple[str, ...]:
    """Join area addresses with commas into as few strings of at most `limit` characters as possible."""
    chunks: list[str] = []
    current = ""
    for area in areas:
        candidate = f"{current},{area}" if current else area
        if len(candidate) > limit and current:
            chunks.append(current)
            current = area
        else:
            current = candidate
    if current:
        chunks.append(current)
    return tuple(chunks)


def runs(flags: Sequence[Any]) -> list[tuple[Any, int, int]]:
    """(value, start, end) of each maximal run of equal consecutive values (0-based, inclusive)."""
    out: list[tuple[Any, int, int]] = []
    for i, value in enumerate(flags):
        if out and out[-1][0] == value and out[-1][2] == i - 1:
            out[-1] = (value, out[-1][1], i)
        else:
            out.append((value, i, i))
    return out


# --- the plan ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """Values to write in one call: a rectangle whose top-left cell is (row, col) on `sheet`."""

    sheet: str
    row: int
    col: int
    values: tuple[tuple[Any, ...], ...]

    @property
    def extent(self) -> Extent:
        width = max((len(r) for r in self.values), default=1)
        return Extent(self.row, self.col, self.row + len(self.values) - 1, self.col + width - 1)

    def cells(self) -> dict[tuple[int, int], Any]:
        """(row, col) -> value of every cell the block writes (blank cells included, as None)."""
        return {(self.row + i, self.col + j): None if is_blank(v) else v
                for i, row in enumerate(self.values) for j, v in enumerate(row)}


@dataclass(frozen=True)
class ComputedWrite:
    """The computed columns of one input sheet: value blocks, their formatting and the Table to widen."""

    sheet: str
    blocks: tuple[Block, ...]
    header_areas: tuple[str, ...]
    formats: tuple[tuple[str, tuple[str, ...]], ...]
    table_name: str = ""
    table_resize: str = ""


@dataclass(frozen=True)
class Render:
    """A generated sheet: all values as one block from A1, then formatting as chunked address unions."""

    name: str
    values: tuple[tuple[Any, ...], ...]
    styles: tuple[tuple[Look, tuple[str, ...]], ...]
    formats: tuple[tuple[str, tuple[str, ...]], ...]
    widths: tuple[tuple[float, tuple[str, ...]], ...]
    freeze_rows: int = 0
    print_setup: PrintSetup | None = None
    print_area: str = ""
    autofilter: str = ""
    tab_color: str = ""

    @property
    def block(self) -> Block:
        return Block(self.name, 1, 1, self.values)


@dataclass(frozen=True)
class WritePlan:
    """Everything one run writes to the workbook, in the order the shell applies it."""

    computed: tuple[ComputedWrite, ...]
    renders: tuple[Render, ...]
    delete: tuple[str, ...]
    message: str
    problems: list[Problem] = field(default_factory=list)

    def blocks(self) -> list[Block]:
        return [b for c in self.computed for b in c.blocks] + [r.block for r in self.renders]


def _column_areas(columns: Iterable[int], first_row: int, last_row: int) -> list[str]:
    return [area_address(first_row, start, last_row, end)
            for _, start, end in _col_runs(sorted(set(columns)))]


def _col_runs(cols: list[int]) -> list[tuple[None, int, int]]:
    out: list[tuple[None, int, int]] = []
    for col in cols:
        if out and out[-1][2] == col - 1:
            out[-1] = (None, out[-1][1], col)
        else:
            out.append((None, col, col))
    return out


def computed_write(sheet: SheetDef, read: ReadSheet, computed: pd.DataFrame, language: str) -> ComputedWrite:
    """Blocks for the computed columns of one sheet: header row down to the last data row, one per column run."""
    layout, grid = read.layout, read.grid
    targets = {name: t for name, t in computed_targets(sheet, layout, language).items() if name in computed}
    top, bottom = layout.header_row, max(layout.last_data_row, layout.header_row)
    rows = range(layout.first_data_row, bottom + 1)
    blocks = []
    by_col = {col: (name, header) for name, (col, header) in targets.items()}
    for _, start, end in _col_runs(sorted(by_col)):
        values: list[list[Any]] = []
        header_cells = []
        for col in range(start, end + 1):
            name, header = by_col[col]
            offset = col - grid.first_col
            existing = layout.headers[offset] if offset < len(layout.headers) else None
            header_cells.append(header if header is not None else existing)
        values.append(header_cells)
        frames = [computed[by_col[col][0]] for col in range(start, end + 1)]
        for r in rows:
            values.append([f.get(r) for f in frames])
        blocks.append(Block(grid.name, top, start, tuple(tuple(row) for row in values)))
    formats: dict[str, list[int]] = {}
    for name, (col, _) in targets.items():
        fmt = KIND_FORMATS.get(sheet.column(name).kind)
        if fmt:
            formats.setdefault(NUMBER_FORMATS[fmt], []).append(col)
    format_areas = tuple(
        (fmt, chunk_addresses(_column_areas(cols, layout.first_data_row, bottom)))
        for fmt, cols in formats.items() if bottom >= layout.first_data_row
    )
    resize = ""
    if read.table is not None and targets:
        table = read.table.extent
        right = max(col for col, _ in targets.values())
        outside = [c for c, _ in targets.values() if c > table.last_col]
        if outside and min(outside) == table.last_col + 1:
            resize = Extent(table.first_row, table.first_col, table.last_row, right).address
    return ComputedWrite(
        sheet=grid.name,
        blocks=tuple(blocks),
        header_areas=chunk_addresses(_column_areas(by_col, top, top)),
        formats=format_areas,
        table_name=read.table.name if resize and read.table else "",
        table_resize=resize,
    )


def render(spec: SheetSpec) -> Render:
    """The values block and grouped formatting of one generated sheet."""
    width = max(spec.width, len(spec.widths), 1)
    values = tuple(tuple(row.values) + (None,) * (width - len(row.values)) for row in spec.rows)
    last = column_letter(width)
    style_rows: dict[Look, list[str]] = {}
    for look, start, end in runs([row_look(r) for r in spec.rows]):
        if look != Look():
            style_rows.setdefault(look, []).append(f"A{start + 1}:{last}{end + 1}")
    format_areas: dict[str, list[str]] = {}
    for col in range(width):
        cell_formats = [
            (r.format_of(col) or inferred_format(r.values[col])) if col < len(r.values) else ""
            for r in spec.rows
        ]
        for fmt, start, end in runs(cell_formats):
            if fmt:
                format_areas.setdefault(NUMBER_FORMATS[fmt], []).append(area_address(start + 1, col + 1,
                                                                                     end + 1, col + 1))
    width_cols: dict[float, list[str]] = {}
    for w, start, end in runs(list(spec.widths)):
        if not w:
            continue
        width_cols.setdefault(w, []).append(f"{column_letter(start + 1)}:{column_letter(end + 1)}")
    n_rows = max(len(spec.rows), 1)
    autofilter = ""
    if spec.autofilter_header_row:
        autofilter = area_address(spec.autofilter_header_row, 1, max(n_rows, spec.autofilter_header_row), width)
    return Render(
        name=spec.name,
        values=values,
        styles=tuple((s, chunk_addresses(a)) for s, a in style_rows.items()),
        formats=tuple((f, chunk_addresses(a)) for f, a in format_areas.items()),
        widths=tuple((w, chunk_addresses(a)) for w, a in width_cols.items()),
        freeze_rows=spec.freeze_rows,
        print_setup=spec.print_setup,
        print_area=f"$A$1:${last}${n_rows}" if spec.print_setup else "",
        autofilter=autofilter,
        tab_color=spec.tab_color,
    )


def stale_sheets(sheet_names: Sequence[str], result: RunResult) -> tuple[str, ...]:
    """Workbook sheets the run owns (`RunResult.owned`, "*" as a wildcard) that it no longer produces."""
    produced = {s.name.casefold() for s in result.sheets}
    patterns = [p.casefold() for p in result.owned]
    return tuple(name for name in sheet_names
                 if name.casefold() not in produced and any(fnmatch.fnmatchcase(name.casefold(), p)
                                                            for p in patterns))


def plan_run(result: RunResult, read: Mapping[str, ReadSheet], language: str,
             sheet_names: Sequence[str]) -> WritePlan:
    """Everything `result` writes into a workbook whose input sheets were read as `read`."""
    by_key = {s.key: s for s in INPUT_SHEETS}
    computed = tuple(
        computed_write(by_key[key], read[key], frame, language)
        for key, frame in result.computed.items() if key in read and not frame.columns.empty
    )
    plan = WritePlan(computed=computed, renders=tuple(render(s) for s in result.sheets),
                     delete=stale_sheets(sheet_names, result), message=result.message, problems=result.problems)
    validate(plan)
    return plan


def validate(plan: WritePlan) -> None:
    """Raise `WorkbookError` for anything Excel would refuse, so it is caught before the first write."""
    inputs = {c.sheet.casefold() for c in plan.computed}
    for r in plan.renders:
        if not r.name or len(r.name) > 31 or _BAD_SHEET_CHARS.search(r.name) or r.name.startswith("'"):
            raise WorkbookError(f"'{r.name}' cannot be an Excel sheet name")
        if r.name.casefold() in inputs:
            raise WorkbookError(f"generated sheet '{r.name}' would overwrite an input sheet")
    for block in plan.blocks():
        extent = block.extent
        if extent.last_row > MAX_ROWS or extent.last_col > MAX_COLS:
            raise WorkbookError(f"sheet '{block.sheet}' would need more rows or columns than Excel has")
        for row in block.values:
            for value in row:
                if isinstance(value, str) and len(value) > MAX_TEXT:
                    raise WorkbookError(f"a value for sheet '{block.sheet}' is longer than Excel allows "
                                        f"({len(value)} characters)")
