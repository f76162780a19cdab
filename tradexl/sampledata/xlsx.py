"""Write a dataset as a contract-shaped .xlsx with XlsxWriter, fast and in constant memory.

For benchmarks and test fixtures only (the product's `tradexl new` builds the real workbook with VBA).
Each input sheet is an Excel Table of the user columns; the Settings sheet stacks the Settings tables so
`tradexl.settings.parse_settings` finds them. Every string goes through `write_string`, so buyer text such as
"=HYPERLINK(...)" or "+971 4 ..." stays text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from os import PathLike
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tradexl.sampledata.table import Table
from tradexl.schema import INPUT_SHEETS, SETTINGS_SHEET, SheetDef
from tradexl.settings import SETTINGS_TABLES, Settings, settings_grid_rows

TABLE_STYLE = "Table Style Medium 2"


def _as_table(sheet: SheetDef, data: Table | Iterable[Mapping[str, Any]] | None) -> Table:
    if isinstance(data, Table):
        return data
    columns = tuple(c.name for c in sheet.user_columns)
    return Table(columns, [tuple(row.get(c) for c in columns) for row in data or ()])


class _CellWriter:
    """Type dispatch once per cell, with the date formats of this workbook."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})

    def rows(self, ws: Worksheet, first_row: int, rows: Iterable[Iterable[Any]], first_col: int = 0) -> None:
        string, number, when = ws.write_string, ws.write_number, ws.write_datetime
        for r, row in enumerate(rows, first_row):
            for c, value in enumerate(row, first_col):
                kind = type(value)
                if value is None:
                    continue
                if kind is str:
                    string(r, c, value)
                elif kind is float or kind is int:
                    number(r, c, value)
                elif kind is datetime:
                    when(r, c, value, self.datetime)
                elif kind is date:
                    when(r, c, value, self.date)
                elif kind is bool:
                    ws.write_boolean(r, c, value)
                elif isinstance(value, datetime):
                    when(r, c, value.replace(tzinfo=None), self.datetime)
                elif isinstance(value, int | float):
                    number(r, c, float(value))
                else:
                    string(r, c, str(value))


class _NoCellIndex(dict):
    """Stands in for XlsxWriter's table-overlap index and remembers nothing."""

    def __setitem__(self, key: Any, value: Any) -> None:
        return None


def _add_table(ws: Worksheet, sheet: SheetDef, columns: tuple[str, ...], n_rows: int, header: Any) -> None:
    """An Excel Table over the header row and `n_rows` data rows (at least one, as Excel requires).

    XlsxWriter refuses add_table in constant_memory mode only because it stores the header cells as shared
    strings; we add the table with the flag off before any row is written, then rewrite row 0 as inline strings.
    Its per-cell overlap index (millions of entries here) is skipped: one table per sheet cannot overlap.
    Tested against XlsxWriter 3.3 (tests reopen the file and check the tables).
    """
    constant = ws.constant_memory
    ws.constant_memory = False
    ws.table_cells = _NoCellIndex()
    ws.add_table(0, 0, max(n_rows, 1), len(columns) - 1, {
        "name": sheet.table, "style": TABLE_STYLE, "columns": [{"header": name} for name in columns]})
    ws.constant_memory = constant
    for c, name in enumerate(columns):
        ws.write_string(0, c, name, header)


def _write_settings(ws: Worksheet, cells: _CellWriter, settings: Settings, bold: Any) -> None:
    bodies = settings_grid_rows(settings)
    row = 0
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 5, 18)
    for layout in SETTINGS_TABLES:
        ws.write_string(row, 0, f"{layout.title} / {layout.title_zh}", bold)
        for c, (en, _zh) in enumerate(layout.headers):
            ws.write_string(row + 1, c, en, bold)
        body = bodies[layout.key]
        cells.rows(ws, row + 2, body)
        row += len(body) + 4


def write_xlsx_fast(path: str | PathLike[str], settings: Settings,
                    dataset: Mapping[str, Table | Iterable[Mapping[str, Any]]], *,
                    constant_memory: bool = True) -> None:
    """Write `dataset` (sheet key -> Table or dict rows, as from scaled_dataset / demo_dataset) to `path`."""
    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": constant_memory, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False})
    cells = _CellWriter(workbook)
    header = workbook.add_format({"bold": True})
    for sheet in INPUT_SHEETS:
        table = _as_table(sheet, dataset.get(sheet.key))
        ws = workbook.add_worksheet(sheet.name)
        for c, name in enumerate(table.columns):
            ws.set_column(c, c, sheet.column(name).width)
        _add_table(ws, sheet, table.columns, len(table), header)
        cells.rows(ws, 1, table.rows)
    _write_settings(workbook.add_worksheet(SETTINGS_SHEET), cells, settings, header)
    workbook.close()
