"""Excel error values (#N/A, #REF!, ...) left by formulas, which python-calamine reads as blank.

The Check sheet must name them ("Excel error #N/A – ..."), so the reader puts the error text back into the grid.
A byte search finds sheets without any error cell at no cost; only sheets that have some are scanned.
"""

from __future__ import annotations

import re
from typing import Any

from tradexl.grid import column_number

_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*\bt="e")[^>]*\br="([A-Z]+)(\d+)"[^>]*>(.*?)</(?:\w+:)?c>', re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def error_cells(sheet_xml: bytes) -> list[tuple[int, int, str]]:
    """(row, column, error text) of every cell of type error, 1-based."""
    if b't="e"' not in sheet_xml:
        return []
    found = []
    for match in _ERROR_CELL.finditer(sheet_xml):
        value = _VALUE.search(match.group(3))
        text = value.group(1).decode("utf-8", "replace") if value else "#VALUE!"
        found.append((int(match.group(2)), column_number(match.group(1).decode()), text))
    return found


def restore_errors(grid: list[list[Any]], sheet_xml: bytes) -> list[list[Any]]:
    """`grid` with the error text put back where calamine left '' for an error cell."""
    for row, col, text in error_cells(sheet_xml):
        while len(grid) < row:
            grid.append([])
        cells = grid[row - 1]
        if len(cells) < col:
            cells.extend([""] * (col - len(cells)))
        if cells[col - 1] in ("", None):
            cells[col - 1] = text
    return grid
