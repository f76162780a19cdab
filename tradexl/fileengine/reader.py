"""Read the input sheets of a workbook on disk into `InputTables`, with python-calamine.

calamine is the fastest reader of .xlsx/.xlsm there is for Python; the engine only maps its grid through
`tradexl.grid` (the same mapping the xlwings shell uses), so both shells read exactly the same cells.

What calamine hands over, and what we make of it:
- `to_python(skip_empty_area=False)` starts at A1 (row 0 = Excel row 1), so grid positions are Excel positions;
- numbers are floats (also whole ones), blanks are '', booleans bool, dates `date`/`datetime`, times `time`;
- error cells (#N/A, #REF!, #DIV/0!) come back as '' – they read as blank (a known limit, reported as blank);
- formulas give their cached value (what Excel last computed).
When a sheet has an Excel Table whose header matches the contract, its range bounds the data (the header row
and the last data row; a totals row is not data).

calamine parses a sheet without holding the GIL, so the sheets are parsed on two threads (biggest first), each
with its own `CalamineWorkbook` (one may not be shared between threads): a 100k-inquiry register reads in about
half the time. A parsed sheet then becomes its frame row by row (`grid.frame_from_rows`) on the calling thread
instead of as one grid of Python objects: only the header rows are taken as a grid, so a read holds no more than
the frames and calamine's own copy of the sheets it has not yet turned into frames.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd
from python_calamine import CalamineSheet, CalamineWorkbook, SheetTypeEnum

from tradexl.errors import BadFileError, ReadOnlyFormatError
from tradexl.fileengine.errorcells import restore_errors
from tradexl.fileengine.package import Package, open_package
from tradexl.fileengine.tables import TableInfo, table_info
from tradexl.grid import (
    HEADER_SCAN_ROWS,
    SheetLayout,
    best_table,
    empty_frame,
    frame_from_grid,
    frame_from_rows,
    locate,
    require_sheets,
)
from tradexl.markers import markers_of, sheet_roles
from tradexl.model import InputTables, Problem
from tradexl.schema import INPUT_SHEETS, SheetDef
from tradexl.settings import Settings, parse_settings


@dataclass(frozen=True)
class InputSheet:
    """Where one input sheet lives in the package and how its data is laid out."""

    key: str
    name: str
    part: str
    layout: SheetLayout
    table: TableInfo | None


@dataclass
class ReadResult:
    tables: InputTables
    sheets: dict[str, InputSheet]
    settings: str | None = None  # the Settings tab, when there is one


def read_workbook(path: Path | str) -> InputTables:
    """The input tables of a workbook file (read only). A binary (.xlsb) or Strict Open XML workbook, which the
    file engine cannot edit, is read through calamine alone, so read-only commands (lookup) still work."""
    try:
        pkg = open_package(path)
    except ReadOnlyFormatError:  # the package passed every safety check before its format was recognised
        return _read_with_calamine(Path(path))
    return read_package(pkg).tables


def _roles(names: list[str], markers: Mapping[str, str] | None = None,
           tables: Callable[[], Mapping[str, str]] | None = None) -> tuple[dict[str, str], str | None]:
    """Input sheet key -> sheet name, and the Settings sheet's name (by marker, name or Table name:
    `markers.sheet_roles`); raises when a required sheet is missing."""
    roles = sheet_roles(names, markers or {}, tables)
    settings = roles.pop("settings", None)
    require_sheets(set(roles))
    return roles, settings


def table_tabs(pkg: Package) -> dict[str, str]:
    """Casefolded Excel Table name -> the worksheet it is on."""
    return {table_info(part, pkg.read(part)).name.casefold(): sheet.name
            for sheet in pkg.sheets if sheet.kind == "worksheet" and sheet.part
            for part in pkg.table_parts(sheet.part)}


def _tables(frames: dict[str, pd.DataFrame], names: dict[str, str], settings_grid: list[list[Any]] | None,
            settings_name: str | None) -> InputTables:
    settings, messages = parse_settings(settings_grid) if settings_grid is not None else (Settings(), [])
    problems = [Problem(settings_name or "", None, "", "", message) for message in messages]
    complete = {sheet.key: frames.get(sheet.key, empty_frame(sheet)) for sheet in INPUT_SHEETS}
    return InputTables(complete, settings, names, problems)


def read_package(pkg: Package) -> ReadResult:
    """Read every input sheet present; raise before anything is written if a required sheet/column is missing."""
    present, settings_name = _roles([s.name for s in pkg.sheets if s.kind == "worksheet"],
                                    markers_of(pkg.defined_names), lambda: table_tabs(pkg))
    frames: dict[str, pd.DataFrame] = {}
    found: dict[str, InputSheet] = {}
    with _SheetReader(pkg) as reader:
        loaded = reader.submit([*present.values(), *([settings_name] if settings_name else [])])
        for sheet in INPUT_SHEETS:
            name = present.get(sheet.key)
            if name is not None:
                frames[sheet.key], found[sheet.key] = _input_sheet(pkg, sheet, name, loaded.pop(name).result())
        settings_grid = _grid(loaded[settings_name].result()) if settings_name else None
    tables = _tables(frames, {k: s.name for k, s in found.items()}, settings_grid, settings_name)
    return ReadResult(tables, found, settings_name)


def _read_with_calamine(path: Path) -> InputTables:
    """The input tables of a workbook only calamine can read (no Excel Table bounds: data runs to the last row).

    calamine converts date-formatted cells by the workbook's date system; a bare number typed into a date column
    of a 1904 .xlsb is read in the 1900 system (calamine does not report the system of a binary workbook)."""
    with _native_stderr_silenced():
        book = _calamine(path)
        names = [s.name for s in book.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
        present, settings_name = _roles(names)
        grids = {name: _sheet_grid(book, path, name) for name in [*present.values(), *filter(None, [settings_name])]}
    frames = {sheet.key: frame_from_grid(sheet, locate(sheet, name, grids[name]), grids[name])
              for sheet in INPUT_SHEETS if (name := present.get(sheet.key)) is not None}
    return _tables(frames, present, grids.get(settings_name or ""), settings_name)


@contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Keep a Rust panic's report (calamine on a binary workbook it cannot parse; a backtrace with
    RUST_BACKTRACE set) off the terminal: it is written straight to file descriptor 2, and the panic itself
    becomes the one-line error. Single-threaded use only (the descriptor is process-wide)."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _calamine(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except BaseException as exc:  # calamine raises its own types, and a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise BadFileError(f"{path.name} cannot be read ({_one_line(exc)})") from None


def _sheet_grid(book: CalamineWorkbook, path: Path, name: str) -> list[list[Any]]:
    return _grid(_load_sheet(book, path, name))


def _load_sheet(book: CalamineWorkbook, path: Path, name: str) -> CalamineSheet:
    try:
        return book.get_sheet_by_name(name)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise BadFileError(f"{path.name}: sheet '{name}' cannot be read ({_one_line(exc)})") from None


def _grid(loaded: CalamineSheet, rows: int | None = None) -> list[list[Any]]:
    """The sheet's (first `rows`) rows from A1."""
    return loaded.to_python(skip_empty_area=False, nrows=rows)


def _input_sheet(pkg: Package, sheet: SheetDef, name: str, loaded: CalamineSheet) -> tuple[pd.DataFrame, InputSheet]:
    """One input sheet's frame and where it lives in the package, from the sheet calamine parsed.

    The header is found in the top rows (`HEADER_SCAN_ROWS`, or down to a Table's header), and the data rows are
    streamed from calamine into the frame. A sheet with Excel error cells, which are put back into the grid from
    the sheet's XML, is read as a whole grid (a rare sheet, read as before).
    """
    entry = pkg.sheet(name)
    assert entry is not None and entry.part is not None
    tables = [table_info(p, pkg.read(p)) for p in pkg.table_parts(entry.part)]
    if entry.part in pkg.error_parts or loaded.start is None:
        grid = _grid(loaded)
        if entry.part in pkg.error_parts:
            grid = restore_errors(grid, pkg.read(entry.part))
        table = _matching_table(sheet, tables, grid)
        layout = _locate(sheet, name, grid, table)
        frame = frame_from_grid(sheet, layout, grid)
    else:
        head = _grid(loaded, max([HEADER_SCAN_ROWS, *(t.header_row for t in tables)]))
        table = _matching_table(sheet, tables, head)
        layout = _locate(sheet, name, head, table)
        _first_row, first_col = loaded.start
        rows = islice(loaded.iter_rows(), layout.first_data_row - 1, table.last_data_row if table else None)
        frame, layout = frame_from_rows(sheet, layout, rows, first_col=first_col + 1, to_last_value=table is None)
    if pkg.date1904:
        frame = _as_1900_serials(sheet, frame)
    return frame, InputSheet(sheet.key, name, entry.part, layout, table)


DAYS_1900_TO_1904 = 1462
"""Serial 0 of the 1904 date system (1904-01-01) is serial 1462 of the 1900 system."""


def _as_1900_serials(sheet: SheetDef, frame: pd.DataFrame) -> pd.DataFrame:
    """A 1904 workbook's bare serial numbers in date columns, moved to the 1900 system the core reads them in.

    calamine already converts date-formatted cells by the workbook's system; only numbers typed into a date
    column without a date format are left, and the core (one rule for both shells) counts those from 1899.
    """
    dated = [c.name for c in sheet.user_columns if c.kind in ("date", "datetime") and c.name in frame]
    for name in dated:
        frame[name] = frame[name].map(lambda v: v + DAYS_1900_TO_1904
                                      if isinstance(v, int | float) and not isinstance(v, bool) else v)
    return frame


class _SheetReader:
    """Sheet grids parsed by calamine on two threads, biggest sheet first; one workbook object per thread."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="calamine")

    def __enter__(self) -> _SheetReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, names: list[str]) -> dict[str, Future[CalamineSheet]]:
        def size(name: str) -> int:
            entry = self.pkg.sheet(name)
            return self.pkg.infos[entry.part].file_size if entry and entry.part in self.pkg.infos else 0

        return {name: self._pool.submit(self._load, name) for name in sorted(names, key=size, reverse=True)}

    def _load(self, name: str) -> CalamineSheet:
        book = getattr(self._local, "book", None)
        if book is None:
            book = self._local.book = _calamine(self.pkg.path)
        return _load_sheet(book, self.pkg.path, name)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _matching_table(sheet: SheetDef, infos: list[TableInfo], grid: list[list[Any]]) -> TableInfo | None:
    """Of the sheet's Excel Tables, the one whose header row carries the most of the contract's columns, if any."""
    return best_table(sheet, ((info, grid[info.header_row - 1][info.first_col - 1:info.last_col]) for info in infos
                              if info.header_rows >= 1 and info.header_row <= len(grid)))


def _locate(sheet: SheetDef, name: str, grid: list[list[Any]], table: TableInfo | None) -> SheetLayout:
    """The sheet's layout: the Table's rows when it has a matching one, else the header row found in the grid."""
    if table is not None:
        return locate(sheet, name, grid, header_index=table.header_row - 1, last_data_row=table.last_data_row)
    return locate(sheet, name, grid)


def workbook_language(path: Path | str) -> str:
    """Settings › Language of a workbook on disk ("zh" or "en"), for the messages about it: only the Settings
    sheet is read (about 2 ms); "en" when the file or its Settings cannot be read (that error is shown anyway)."""
    try:
        with _native_stderr_silenced():
            book = CalamineWorkbook.from_path(str(path))
            name = sheet_roles(book.sheet_names, {}).get("settings")  # by name: calamine has no markers
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False) if name else None
    except BaseException as exc:  # calamine's own errors and Rust panics, as in `_calamine`
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        return "en"
    return parse_settings(grid)[0].language if grid is not None else "en"
