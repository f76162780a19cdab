"""The sheets adoption adds, built as a new workbook with the builder's own openpyxl helpers.

openpyxl only ever writes this *new* file (the user's workbook is never loaded by it); `transplant` then moves
its sheets into the user's package. An adopted sheet is copied here row by row: the contract's columns under
the contract's header (in the user's language), the user's other columns kept under their own header, in the
user's order, then the contract columns their list did not have.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tradexl.adopt.mapping import SheetMap
from tradexl.builder.cells import WRAP, add_dropdown, add_table, set_width
from tradexl.builder.input_sheets import VALIDATION_ROWS, WRAPPED, number_format
from tradexl.builder.settings_sheet import add_settings_sheet, add_xlwings_conf_sheet
from tradexl.schema import Column, SheetDef, choice_label
from tradexl.settings import Settings

EXTRA_WIDTH = 16.0


@dataclass(frozen=True)
class NewSheet:
    """One input sheet to add: its definition, tab name and (for an adopted sheet) where its rows come from."""

    definition: SheetDef
    name: str
    zh: bool
    source: SheetMap | None = None
    grid: Sequence[Sequence[Any]] = ()


def _value(value: Any) -> Any:
    """calamine's cell value as the copy stores it: blanks None, whole floats as ints (phone numbers, IDs)."""
    if value == "" or value is None:
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _layout(sheet: NewSheet) -> list[tuple[str, Column | None, int | None]]:
    """(header, contract column or None, source column) for every column of the new sheet, left to right."""
    definition = sheet.definition
    out: list[tuple[str, Column | None, int | None]] = []
    used: set[str] = set()
    for c in sheet.source.columns if sheet.source else ():
        col = definition.column(c.column) if c.column else None
        if col is not None:
            used.add(col.name)
        out.append(((col.zh if sheet.zh else col.name) if col else c.header, col, c.position))
    for col in definition.user_columns:
        if col.name not in used:
            out.append((col.zh if sheet.zh else col.name, col, None))
    return out


def _rows(sheet: NewSheet, layout: list[tuple[str, Column | None, int | None]]) -> list[list[Any]]:
    if sheet.source is None:
        return []
    rows = []
    for raw in sheet.grid[sheet.source.header_row:]:
        values = [_value(raw[pos - 1]) if pos is not None and pos <= len(raw) else None for _, _, pos in layout]
        if any(v is not None for v in values):
            rows.append(values)
    return rows


def add_sheet(wb: Workbook, sheet: NewSheet) -> None:
    """The input sheet as a banded Table with the contract's dropdowns, widths and number formats."""
    ws = wb.create_sheet(sheet.name)
    layout = _layout(sheet)
    body = _rows(sheet, layout)
    add_table(ws, sheet.definition.table, [h for h, _, _ in layout], body,
              formats=[number_format(col) if col else None for _, col, _ in layout])
    last = max(VALIDATION_ROWS, len(body) + 1)
    for i, (_, col, _) in enumerate(layout, start=1):
        letter = get_column_letter(i)
        set_width(ws, i, col.width if col else EXTRA_WIDTH)
        if col is not None and col.choices:
            add_dropdown(ws, [choice_label(c, "zh" if sheet.zh else "en") for c in col.choices],
                         f"{letter}2:{letter}{last}")
        if col is not None and col.name in WRAPPED:
            for r in range(2, len(body) + 2):
                ws.cell(r, i).alignment = WRAP
    ws.freeze_panes = "A2"


def build_fragment(sheets: Sequence[NewSheet], settings: Settings | None, conf: bool) -> bytes:
    """A new .xlsx holding the sheets to add (Settings and the hidden xlwings.conf when asked for)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        add_sheet(wb, sheet)
    if settings is not None:
        add_settings_sheet(wb, settings)
    if conf:
        add_xlwings_conf_sheet(wb)
    if not wb.worksheets:
        wb.create_sheet("Empty")
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
