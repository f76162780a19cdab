"""Writing values and styles into a new openpyxl sheet, safely.

Buyer text arrives from e-mail and web forms: a company called "=HYPERLINK(...)" or a message starting with
"+86" must land in the cell as text, never as a formula. openpyxl turns any string starting with "=" into a
formula, so every value goes through `put`, which pins strings to the string type.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from tradexl.looks import COMPUTED_HEADER, COMPUTED_STYLE, HEADER_FONT

TABLE_STYLE = "TableStyleMedium2"
COMPUTED_FILL = PatternFill("solid", fgColor=COMPUTED_HEADER.fill)
TITLE_FONT = Font(bold=True, size=12, color="1F4E78")
WRAP = Alignment(wrap_text=True, vertical="top")


def computed_header_style() -> NamedStyle:
    """The computed-header look (tradexl.looks) as the named cell style the file engine finds and reuses; a new
    object per workbook, as openpyxl binds a named style to the workbook it is added to."""
    font = Font(name=HEADER_FONT, size=11, bold=COMPUTED_HEADER.bold, italic=COMPUTED_HEADER.italic,
                color=COMPUTED_HEADER.color)
    return NamedStyle(COMPUTED_STYLE, font=font, fill=COMPUTED_FILL, border=Border(bottom=Side(style="thin")))


def put(cell: Cell, value: Any, number_format: str | None = None) -> None:
    """Write `value`; text always stays text (a leading = + - @ never makes a formula)."""
    if isinstance(value, float) and math.isnan(value):
        value = None
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format


def add_table(ws: Worksheet, name: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
              top: int = 1, left: int = 1, formats: Sequence[str | None] | None = None) -> str:
    """Headers and rows as an Excel Table at (top, left); one empty row when there are none. Returns the ref."""
    for i, header in enumerate(headers):
        put(ws.cell(top, left + i), header)
    body = list(rows) or [[None] * len(headers)]
    for r, row in enumerate(body, start=top + 1):
        for i, value in enumerate(row):
            put(ws.cell(r, left + i), value, formats[i] if formats else None)
    ref = f"{get_column_letter(left)}{top}:{get_column_letter(left + len(headers) - 1)}{top + len(body)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False,
                                          showFirstColumn=False, showLastColumn=False)
    ws.add_table(table)
    return ref


def add_dropdown(ws: Worksheet, choices: Sequence[str], sqref: str) -> None:
    """A list dropdown on `sqref`; other values need a confirmation rather than being refused outright."""
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showDropDown=False, showErrorMessage=True, errorStyle="warning",
                                errorTitle="TradeXL", error="Please pick a value from the list.")
    validation.add(sqref)
    ws.add_data_validation(validation)


def set_width(ws: Worksheet, column: int, width: float) -> None:
    ws.column_dimensions[get_column_letter(column)].width = width
