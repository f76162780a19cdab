"""Check: every data problem the run found, so the user can fix the input sheets (never a stopper)."""

from __future__ import annotations

from collections.abc import Iterable

from tradexl.model import Problem
from tradexl.reports.common import header
from tradexl.reports.labels import labels_for
from tradexl.schema import INPUT_SHEETS, Column, choice_label, find_sheet
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


def _column(problem: Problem) -> Column | None:
    """The contract column a problem names (its sheet found by the workbook's English or Chinese tab name)."""
    sheet = next((s for s in INPUT_SHEETS if find_sheet(s, [problem.sheet])), None)
    return next((c for c in sheet.columns if c.name == problem.column), None) if sheet else None


def column_label(problem: Problem, lang: str) -> str:
    """The column as the workbook's header shows it: its Chinese header in a Chinese workbook."""
    found = _column(problem) if lang == "zh" else None
    return found.zh if found else problem.column


def value_label(problem: Problem, lang: str) -> str:
    """A dropdown column's value as a Chinese workbook's dropdown shows it; any other value as it was typed."""
    found = _column(problem) if lang == "zh" else None
    return choice_label(problem.value, lang) if found and found.choices else problem.value


def check_sheet(problems: Iterable[Problem], settings: Settings) -> SheetSpec:
    labels = labels_for(settings)
    found = sorted_problems(problems)
    rows = [Row((labels("check.title", count=len(found)),), kind="title"), header(labels, COLUMNS)]
    rows += [Row((p.sheet, p.row, column_label(p, labels.lang), value_label(p, labels.lang), labels.text(p.message)),
                 kind="data", formats=FORMATS) for p in found]
    if not found:
        rows.append(Row((labels("check.none"),), kind="note", highlight="good"))
    return SheetSpec(
        name=SHEET_NAME, rows=tuple(rows), widths=WIDTHS, freeze_rows=HEADER_ROW,
        autofilter_header_row=HEADER_ROW if found else None,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=labels("check.print_header"),
                               footer_center=labels("page_footer"), repeat_rows=(HEADER_ROW, HEADER_ROW)),
    )
