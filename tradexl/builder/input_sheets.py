"""The input sheets of a new workbook: one Excel Table per `schema.INPUT_SHEETS` entry.

Everything comes from the schema (headers, widths, choices, kinds), so a column added there shows up here with
its dropdown and number format and nothing in this module changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from tradexl.builder.cells import WRAP, add_dropdown, add_table, computed_header_style, set_width
from tradexl.looks import COMPUTED_STYLE
from tradexl.schema import INPUT_SHEETS, SHEETS_BY_KEY, YES_NO, Column, SheetDef, choice_label

VALIDATION_ROWS = 5000  # dropdowns reach this far below the header, beyond any table a team keeps by hand

KIND_FORMATS = {"datetime": "yyyy-mm-dd hh:mm", "date": "yyyy-mm-dd", "int": "0", "id": "@"}
COLUMN_FORMATS = {
    "Quantity": "#,##0", "MOQ": "#,##0", "Target Price": "#,##0.00", "Unit Price": "#,##0.00",
    "Base Price": "#,##0.00", "Cost": "#,##0.00", "Response Hours": "0.0",
}
WRAPPED = {"Message", "Grade Reason", "Summary", "Technical Parameters", "Notes"}


def number_format(col: Column) -> str | None:
    return COLUMN_FORMATS.get(col.name) or KIND_FORMATS.get(col.kind)


def _cell_value(col: Column, value: Any, language: str = "en") -> Any:
    if isinstance(value, bool) and col.choices == YES_NO:
        value = YES_NO[0] if value else YES_NO[1]
    if col.choices and isinstance(value, str) and value in col.choices:
        return choice_label(value, language)
    return value


def _rows(sheet: SheetDef, rows: Sequence[Mapping[str, Any]], language: str = "en") -> list[list[Any]]:
    names = {c.name for c in sheet.columns}
    body = []
    for n, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - names)
        if unknown:
            raise ValueError(f"{sheet.name} row {n}: unknown column(s) {', '.join(unknown)}")
        body.append([_cell_value(c, row.get(c.name), language) for c in sheet.columns])
    return body


def add_input_sheet(wb: Workbook, sheet: SheetDef, rows: Sequence[Mapping[str, Any]], language: str = "en") -> None:
    """The sheet as a banded Table: user columns, then computed columns with their own header style.

    `language` "zh" gives the Chinese tab name, headers and dropdown words (which the engine reads as the English
    ones); the rows' choice values are shown the same way."""
    zh = language == "zh"
    ws = wb.create_sheet(sheet.zh if zh else sheet.name)
    body = _rows(sheet, rows, language)
    add_table(ws, sheet.table, [c.zh if zh else c.name for c in sheet.columns], body,
              formats=[number_format(c) for c in sheet.columns])
    last = max(VALIDATION_ROWS, len(body) + 1)
    for i, col in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        set_width(ws, i, col.width)
        if col.computed:
            if COMPUTED_STYLE not in wb.named_styles:
                wb.add_named_style(computed_header_style())
            ws.cell(1, i).style = COMPUTED_STYLE
        if col.choices:
            add_dropdown(ws, [choice_label(c, language) for c in col.choices], f"{letter}2:{letter}{last}")
        if col.name in WRAPPED:
            for r in range(2, len(body) + 2):
                ws.cell(r, i).alignment = WRAP
    ws.freeze_panes = "A2"


def add_input_sheets(wb: Workbook, data: Mapping[str, Sequence[Mapping[str, Any]]], language: str = "en") -> None:
    unknown = sorted(set(data) - set(SHEETS_BY_KEY))
    if unknown:
        raise ValueError(f"unknown sheet key(s) {', '.join(unknown)}; expected {', '.join(SHEETS_BY_KEY)}")
    for sheet in INPUT_SHEETS:
        add_input_sheet(wb, sheet, data.get(sheet.key, ()), language)
