"""Check: every data problem the run found, so the user can fix the input sheets (never a stopper)."""

from __future__ import annotations

from collections.abc import Iterable

from tradexl.model import Problem
from tradexl.reports.common import header
from tradexl.reports.labels import labels_for
from tradexl.settings import Settings
from tradexl.sheetspec import Format, PrintSetup, Row, SheetSpec

SHEET_NAME = "Check"
COLUMNS = ("col.sheet", "col.row", "col.column", "col.value", "col.fix")
WIDTHS = (14.0, 7.0, 18.0, 28.0, 70.0)
FORMATS: tuple[Format, ...] = ("", "int", "", "", "")
HEADER_ROW = 2


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By sheet (case-insensitive), then row; sheet-wide problems (no row) first; otherwise as found."""
    return sorted(problems, key=lambda p: (p.sheet.casefold(), p.row is not None, p.row or 0))


def check_sheet(problems: Iterable[Problem], settings: Settings) -> SheetSpec:
    labels = labels_for(settings)
    found = sorted_problems(problems)
    rows = [Row((labels("check.title", count=len(found)),), kind="title"), header(labels, COLUMNS)]
    rows += [Row((p.sheet, p.row, p.column, p.value, p.message), kind="data", formats=FORMATS) for p in found]
    if not found:
        rows.append(Row((labels("check.none"),), kind="note", highlight="good"))
    return SheetSpec(
        name=SHEET_NAME, rows=tuple(rows), widths=WIDTHS, freeze_rows=HEADER_ROW,
        autofilter_header_row=HEADER_ROW if found else None,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=SHEET_NAME,
                               footer_center=labels("page_footer"), repeat_rows=(HEADER_ROW, HEADER_ROW)),
    )
