"""The xlwings shell's pure half: grids to InputTables, and the shared write plan as Range calls. No xlwings here.

1. `input_tables` turns each sheet's grid of values (plus its Excel Table extent, if any) into `InputTables`
   through `tradexl.grid`, exactly as the file engine does, and records where each input sheet was found.
2. `plan_run` builds the one `tradexl.plan.WritePlan` both shells apply.
3. `computed_ranges` and `render` turn the plan's computed cells and generated sheets into what Excel takes in
   few calls: one 2-D value block per contiguous run of columns (or per sheet), and number formats, fills and
   styles as address unions of rectangles.

Values are the core's Python values (str, float, date, Timestamp, Decimal, None); the shell converts them
(`tradexl.xlshell.values`). Excel's `Range("A1:B2,A5:B6")` takes at most 255 characters (about 20 areas), so
formatting scattered rows one area each would cost a call per ~20 rows. Instead rows with the same look are
made adjacent and put back in place by one sort (`render` for generated sheets, `FillStamp` for highlighted
computed cells), so the number of calls depends on how many distinct looks a sheet has, never on its rows or
on which rows are highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tradexl.errors import WorkbookError
from tradexl.grid import (
    best_table,
    column_letter,
    column_number,
    empty_frame,
    frame_from_grid,
    locate,
    require_sheets,
)
from tradexl.looks import HIGHLIGHT_FILLS, Look, row_look
from tradexl.model import InputTables, Problem, RunResult
from tradexl.plan import ComputedCells, SheetRead, TableBox, WritePlan, build_plan, written_cells
from tradexl.schema import INPUT_SHEETS, SheetDef
from tradexl.settings import parse_settings
from tradexl.sheetspec import NUMBER_FORMATS, Chart, PrintSetup, Row, SheetSpec

ADDRESS_LIMIT = 255
"""Longest address string Excel's Range() accepts; longer unions are split into several calls."""

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


def matching_table(sheet: SheetDef, grid: SheetGrid) -> TableRef | None:
    """The Table whose header row carries the most of the contract's columns (at least two), as the file
    engine's reader chooses it; its range then bounds the data (a totals row is not data)."""
    return best_table(sheet, ((t, [grid.cell(t.extent.first_row, c) for c in range(t.extent.first_col,
                                                                                   t.extent.last_col + 1)])
                              for t in grid.tables if t.header_rows >= 1))


def _read(sheet: SheetDef, grid: SheetGrid) -> SheetRead:
    table = matching_table(sheet, grid)
    if table is None:
        layout = locate(sheet, grid.name, grid.values, first_row=grid.first_row, first_col=grid.first_col)
        return SheetRead(grid.name, layout, None, grid.first_col)
    layout = locate(sheet, grid.name, grid.values, first_row=grid.first_row, first_col=grid.first_col,
                    header_index=table.extent.first_row - grid.first_row, last_data_row=table.last_data_row)
    extent = table.extent
    names = tuple(str(grid.cell(extent.first_row, c) or "") for c in range(extent.first_col, extent.last_col + 1))
    box = TableBox(table.name, extent.first_row, extent.first_col, extent.last_row, extent.last_col, names)
    return SheetRead(grid.name, layout, box, grid.first_col)


def input_tables(grids: Mapping[str, SheetGrid],
                 settings: SheetGrid | None) -> tuple[InputTables, dict[str, SheetRead]]:
    """InputTables from the grids of the input sheets found (keyed by sheet key) and the Settings grid.

    An absent optional input sheet gives an empty frame with the contract's user columns; a missing
    Inquiries or Customers sheet, or a missing required column, raises before anything could be written.
    """
    require_sheets(grids.keys())
    parsed, messages = parse_settings(settings.values if settings else [])
    frames: dict[str, pd.DataFrame] = {}
    read: dict[str, SheetRead] = {}
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
                         sheet_names={key: r.name for key, r in read.items()}, settings_problems=problems)
    return tables, read


# --- styles ------------------------------------------------------------------------------------------------------

BASE_FONT_SIZE = 11.0
"""Excel's default body font size; a Look's `size_delta` is relative to it (the file engine reads styles.xml)."""


def look_of(row: Row) -> Look:
    """The look of a generated-sheet row (the same rule the file engine's styles use)."""
    return row_look(row.kind, row.highlight)


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


# --- the plan as Range calls -----------------------------------------------------------------------------------

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


@dataclass(frozen=True)
class ComputedRanges:
    """The computed columns of one input sheet as Range calls: value blocks (header row down to the last data
    row, one per run of adjacent columns), the new headers' look, number formats, the highlight columns to
    clear when no row is highlighted or the stamp of their fills, the Table's new range, and the columns'
    fitted widths and wrapping cells."""

    sheet: str
    blocks: tuple[Block, ...]
    header_areas: tuple[str, ...]
    formats: tuple[tuple[str, tuple[str, ...]], ...]
    clear_fill: tuple[str, ...] = ()
    stamp: FillStamp | None = None
    table_name: str = ""
    table_resize: str = ""
    widths: tuple[tuple[float, tuple[str, ...]], ...] = ()  # width -> header cells of its columns ("C1:E1")
    wraps: tuple[str, ...] = ()  # data cells of the columns whose long texts wrap


@dataclass(frozen=True)
class FillStamp:
    """The highlight fills of an input sheet's computed columns, for any pattern of highlighted rows, in a
    constant number of calls: on a scratch sheet, `keys` (each data row's place, highlighted rows first) go in
    column A and the first `filled` rows of the columns beside get the fill, as one rectangle; sorting by column
    A moves each fill to its row's place, and the scratch columns are copied (values and formats) onto each run
    of highlighted columns before the computed values are written over them.

    The user's Table is never sorted: only the scratch sheet is."""

    color: str
    first_row: int
    keys: tuple[int, ...]
    filled: int
    targets: tuple[tuple[int, int], ...]  # (first, last) column of each run of highlighted columns

    @property
    def width(self) -> int:
        return max(last - first + 1 for first, last in self.targets)


@dataclass(frozen=True)
class Render:
    """A generated sheet: all values as one block from A1 (rows grouped by look, see `render`), formatting as
    chunked address unions, then the sort by `sort_key` and what stays with the rows' places (heights, charts)."""

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
    charts: tuple[Chart, ...] = ()
    wraps: tuple[str, ...] = ()  # data cells of the sheet's wrap columns, as chunked address unions
    heights: tuple[tuple[float, tuple[str, ...]], ...] = ()  # row height -> rows ("A5:I5,A9:I9"), as the file engine
    sort_key: int = 0  # the key column that puts the grouped rows back in the sheet's order (0: already in order)

    @property
    def block(self) -> Block:
        return Block(self.name, 1, 1, self.values)


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


def computed_ranges(cells: ComputedCells) -> ComputedRanges:
    """Blocks and formatting of one sheet's computed cells (`tradexl.plan.ComputedCells`)."""
    top, first, last = cells.header_row, cells.first_row, max(cells.last_row, cells.header_row)
    by_col = {c.col: c for c in cells.columns}
    blocks = []
    for _, start, end in _col_runs(sorted(by_col)):
        columns = [by_col[col] for col in range(start, end + 1)]
        for keep, i, j in runs([c.header is None for c in columns]):  # a user's header stays as it is
            part = columns[i:j + 1]
            rows = [tuple(r) for r in zip(*(c.values for c in part), strict=True)]
            head = [] if keep else [tuple(c.header for c in part)]
            if head or rows:
                blocks.append(Block(cells.sheet, first if keep else top, part[0].col, tuple(head + rows)))
    data = last >= first
    formats: dict[str, list[int]] = {}
    for col in cells.columns:
        if col.fmt:
            formats.setdefault(NUMBER_FORMATS[col.fmt], []).append(col.col)
    highlighted = [c.col for c in cells.columns if c.highlighted]
    widths: dict[float, list[int]] = {}
    for col in cells.columns:
        if col.width:
            widths.setdefault(col.width, []).append(col.col)
    wrapped = [c.col for c in cells.columns if c.wrap]
    stamp = None
    if highlighted and data and any(first <= row <= last for row in cells.highlighted_rows):
        flags = [row not in cells.highlighted_rows for row in range(first, last + 1)]
        keys = tuple(i + 1 for i in sorted(range(len(flags)), key=flags.__getitem__))
        stamp = FillStamp(HIGHLIGHT_FILLS[cells.highlight], first, keys, flags.count(False),
                          tuple((c1, c2) for _, c1, c2 in _col_runs(sorted(highlighted))))
    return ComputedRanges(
        sheet=cells.sheet,
        blocks=tuple(blocks),
        header_areas=chunk_addresses(_column_areas([c.col for c in cells.columns if c.header is not None], top, top)),
        formats=tuple((fmt, chunk_addresses(_column_areas(cols, first, last))) for fmt, cols in formats.items())
        if data else (),
        clear_fill=chunk_addresses(_column_areas(highlighted, first, last)) if highlighted and data and not stamp
        else (),
        stamp=stamp,
        table_name=cells.table,
        table_resize=cells.table_range,
        widths=tuple((w, chunk_addresses(_column_areas(cols, top, top))) for w, cols in widths.items()),
        wraps=chunk_addresses(_column_areas(wrapped, first, last)) if wrapped and data else (),
    )


def grouped_order(signatures: Sequence[Hashable]) -> list[int]:
    """Row indices ordered so that equal signatures are adjacent (groups in order of first appearance, rows in
    their own order inside a group): in that order every look is one rectangle."""
    first: dict[Hashable, int] = {}
    for signature in signatures:
        first.setdefault(signature, len(first))
    return sorted(range(len(signatures)), key=lambda i: first[signatures[i]])


def render(spec: SheetSpec) -> Render:
    """The values block and grouped formatting of one generated sheet.

    Rows are written grouped by their look (role, highlight fill, number formats, wrapping), so each look is a
    handful of rectangles whatever the pattern of highlighted rows; when that order differs from the sheet's, a
    key column after the last one holds each row's place and one sort puts the rows (and their formats, which
    Excel moves with the cells) back in order. The number of formatting calls is then bounded by the number of
    distinct looks of the sheet, never by its rows.
    """
    width = max(spec.width, len(spec.widths), 1)
    last = column_letter(width)
    wrap = bool(spec.wrap_columns)
    cell_formats = [tuple((col, fmt) for col, _, fmt in written_cells(r, width) if fmt) for r in spec.rows]
    signatures = [(look_of(r), formats, wrap and r.kind == "data") for r, formats in zip(spec.rows, cell_formats,
                                                                                          strict=True)]
    order = grouped_order(signatures)
    resorted = order != sorted(order)
    pad = width + (1 if resorted else 0)
    values = tuple(tuple(spec.rows[i].values) + (None,) * (width - len(spec.rows[i].values))
                   + ((i + 1,) if resorted else ()) for i in order)
    style_rows: dict[Look, list[str]] = {}
    format_areas: dict[str, list[str]] = {}
    wrap_areas: list[str] = []
    for (look, _, wrapped), start, end in runs([signatures[i] for i in order]):
        if look != Look():
            style_rows.setdefault(look, []).append(f"A{start + 1}:{last}{end + 1}")
        if wrapped:
            wrap_areas.append(area_address(start + 1, 1, end + 1, width))
    written_formats = [dict(cell_formats[i]) for i in order]
    for col in range(width):
        for fmt, start, end in runs([formats.get(col, "") for formats in written_formats]):
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
        charts=spec.charts,
        wraps=chunk_addresses(wrap_areas),
        heights=tuple((h, chunk_addresses(rows)) for h, rows in _rows_by_height(spec.row_heights(), width).items()),
        sort_key=pad if resorted else 0,
    )


def _rows_by_height(heights: Mapping[int, float], width: int) -> dict[float, list[str]]:
    """Row height -> the rows of that height as areas ("A7:I7"); setting a range's row height sets its rows'."""
    grouped: dict[float, list[str]] = {}
    for row, height in sorted(heights.items()):
        grouped.setdefault(height, []).append(area_address(row, 1, row, width))
    return grouped


def plan_run(result: RunResult, read: Mapping[str, SheetRead], language: str,
             sheet_names: Sequence[str], markers: Mapping[str, str] | None = None,
             settings_tab: str | None = None) -> WritePlan:
    """The shared write plan of `result` for a workbook whose input sheets were read as `read`."""
    return build_plan(result, read, sheet_names, language, markers, settings_tab)
