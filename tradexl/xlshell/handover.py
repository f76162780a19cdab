"""The workbook open in Excel as a `tradexl.handover.HandoverBook`, so the Handover button runs the very service
`tradexl handover` runs (checks, introduction drafts, Handover Log) on it.

Like the file engine, it stages: the Owner cells (or Settings › Team's Cover and Away Until) are written on
`save`, after the service has checked everything and written its drafts, and the Handover Log sheet goes through
the shared write plan (`apply` keeps the result; the macro hands it to `execute`). Nothing is saved to disk: the
user saves the workbook as after any button.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import xlwings as xw

from tradexl.model import InputTables, RunResult
from tradexl.xlshell.append import update_rows
from tradexl.xlshell.plan import SheetGrid, area_address
from tradexl.xlshell.values import rows_to_excel
from tradexl.xlshell.workbook import read_grid


def from_a1(grid: SheetGrid) -> list[list[Any]]:
    """A grid's values placed from A1 (blank rows and columns before its used range), as calamine reads a sheet."""
    pad = [None] * (grid.first_col - 1)
    width = len(pad) + max((len(row) for row in grid.values), default=0)
    return [[None] * width for _ in range(grid.first_row - 1)] + [pad + list(row) for row in grid.values]


class ExcelHandoverBook:
    """The open workbook, read once by `execute` (`tables`), written when the handover saves."""

    def __init__(self, book: xw.Book, tables: InputTables) -> None:
        self.book = book
        self.tables = tables
        self.rows: dict[str, dict[int, dict[str, Any]]] = {}
        self.cells: dict[str, dict[tuple[int, int], Any]] = {}
        self.result = RunResult(computed={}, sheets=[], message="")

    @property
    def sheet_names(self) -> Sequence[str]:
        return list(self.book.sheet_names)

    def read(self) -> InputTables:
        return self.tables

    def grid(self, sheet: str) -> list[list[Any]] | None:
        name = {n.casefold(): n for n in self.sheet_names}.get(sheet.casefold())
        return None if name is None else from_a1(read_grid(self.book.sheets[name], name, tables=False))

    def update_row(self, sheet_key: str, row: int, values: Mapping[str, Any]) -> None:
        self.rows.setdefault(sheet_key, {}).setdefault(row, {}).update(values)

    def set_cells(self, sheet_name: str, cells: Mapping[tuple[int, int], Any]) -> None:
        self.cells.setdefault(sheet_name, {}).update(cells)

    def apply(self, result: RunResult) -> None:
        self.result = result

    def save(self) -> bool:
        """Write the staged cells; False: the workbook itself is saved by the user, not here."""
        for key, rows in self.rows.items():
            update_rows(self.book, key, rows)
        for name, cells in self.cells.items():
            sheet = self.book.sheets[name]
            for (row, col), value in cells.items():
                sheet.range(area_address(row, col, row, col)).value = rows_to_excel([[value]])
        return False
