"""New rows and changed user cells in the open workbook: the xlwings side of `FileWorkbook.append_rows` and
`update_row`, the Mail Log and one Settings value. Used by the day-to-day buttons (Import mail, Fetch mail, Log
contact, Handover), which add or change the user's data rather than recompute it.

Same rules as the file engine: rows go after the last data row of the sheet's table, which grows over them;
columns are found by header (any order, English or Chinese); text is written as text (never a formula); one
write per block of rows, so the number of Excel calls does not grow with the rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import xlwings as xw

from tradexl.errors import WorkbookError
from tradexl.grid import SheetLayout, locate
from tradexl.markers import sheet_roles
from tradexl.reports.mailchecks import MAIL_LOG_COLUMNS, MAIL_LOG_SHEET
from tradexl.schema import SETTINGS_SHEET, SETTINGS_SHEET_ZH, SHEETS_BY_KEY, normalize_header
from tradexl.settings import SETTING_KEYS
from tradexl.xlshell.plan import SheetGrid, TableRef, area_address, matching_table, parse_address
from tradexl.xlshell.values import rows_to_excel
from tradexl.xlshell.workbook import read_grid, read_markers


def _located(book: xw.Book, key: str) -> tuple[xw.Sheet, SheetGrid, SheetLayout, TableRef | None]:
    """Input sheet `key` read fresh (one bulk read): the sheet, its grid, where its columns are, its Table."""
    definition = SHEETS_BY_KEY[key]
    name = sheet_roles(list(book.sheet_names), read_markers(book)).get(key)
    if name is None:
        raise WorkbookError(f"the workbook has no sheet '{definition.name}' (or '{definition.zh}')")
    sheet = book.sheets[name]
    grid = read_grid(sheet, name)
    table = matching_table(definition, grid)
    layout = locate(definition, name, grid.values, first_row=grid.first_row, first_col=grid.first_col,
                    header_index=table.extent.first_row - grid.first_row if table else None,
                    last_data_row=table.last_data_row if table else None)
    return sheet, grid, layout, table


def append_rows(book: xw.Book, key: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Write `rows` (canonical column -> value) under the last data row of input sheet `key`; the Excel Table
    grows over them. Returns their Excel row numbers. Columns the sheet lacks are dropped."""
    if not rows:
        return []
    sheet, _, layout, table = _located(book, key)
    if table is not None and table.totals_rows:
        raise WorkbookError(f"the table on sheet '{layout.sheet_name}' has a totals row; turn it off to add rows")
    by_col = {col: column for column, col in layout.positions.items()}
    first_col, last_col = min(by_col), max(by_col)
    first = layout.last_data_row + 1
    last = first + len(rows) - 1
    block = [[row.get(by_col[c]) if c in by_col else None for c in range(first_col, last_col + 1)] for row in rows]
    sheet.range(area_address(first, first_col, last, last_col)).value = rows_to_excel(block)
    if table is not None and last > table.extent.last_row:
        box = table.extent
        sheet.tables[table.name].resize(sheet.range(area_address(box.first_row, box.first_col, last, box.last_col)))
    return list(range(first, last + 1))


def update_rows(book: xw.Book, key: str, rows: Mapping[int, Mapping[str, Any]]) -> None:
    """New values for user columns of existing data rows of input sheet `key` (Excel row -> column -> value),
    like the file engine's `update_row` (a handover's Owner cells). One write per column, from the first to the
    last row changed: the cells in between are written back as just read (typed values; a formula there would
    become its value), so the number of calls does not depend on how many rows change or where they are."""
    if not rows:
        return
    sheet, grid, layout, _ = _located(book, key)
    outside = [r for r in rows if not layout.first_data_row <= r <= layout.last_data_row]
    if outside:
        raise WorkbookError(f"row {outside[0]} is not a data row of the {layout.sheet_name} sheet")
    first, last = min(rows), max(rows)
    for column in dict.fromkeys(c for values in rows.values() for c in values):
        col = layout.positions.get(column)
        if col is None:
            continue
        block = [[rows[r][column] if column in rows.get(r, {}) else grid.cell(r, col)] for r in range(first, last + 1)]
        sheet.range(area_address(first, col, last, col)).value = rows_to_excel(block)


def log_mail_check(book: xw.Book, row: Sequence[Any]) -> int:
    """Append one row to the hidden Mail Log sheet (made, with its header, the first time). Returns its row."""
    names = {n.casefold(): n for n in book.sheet_names}
    width = len(MAIL_LOG_COLUMNS)
    if MAIL_LOG_SHEET.casefold() in names:
        sheet = book.sheets[names[MAIL_LOG_SHEET.casefold()]]
        target = parse_address(sheet.used_range.address).last_row + 1
    else:
        sheet = book.sheets.add(MAIL_LOG_SHEET, after=book.sheets[len(names) - 1])
        sheet.range(area_address(1, 1, 1, width)).value = rows_to_excel([list(MAIL_LOG_COLUMNS)])
        sheet.visible = False
        target = 2
    sheet.range(area_address(target, 1, target, width)).value = rows_to_excel([list(row)])
    return target


def remember_setting(book: xw.Book, key: str, value: str) -> bool:
    """Write `value` next to the Settings cell naming `key` (English or Chinese); False when there is none
    (an older workbook: the value is simply not remembered)."""
    labels = {normalize_header(label) for k in SETTING_KEYS if k.key == key for label in (k.key, k.zh)}
    folded = {normalize_header(SETTINGS_SHEET), normalize_header(SETTINGS_SHEET_ZH)}
    name = next((n for n in book.sheet_names if normalize_header(n) in folded), None)
    if name is None:
        return False
    sheet = book.sheets[name]
    grid = read_grid(sheet, name, tables=False)
    for r, line in enumerate(grid.values):
        for c, cell in enumerate(line):
            if normalize_header(cell) in labels:
                row, col = grid.first_row + r, grid.first_col + c + 1
                sheet.range(area_address(row, col, row, col)).value = rows_to_excel([[value]])
                return True
    return False
