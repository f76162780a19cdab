"""Both shells fed the same workbook content: the xlwings shell (over an in-memory Excel) must read the same
InputTables as the file engine's reader and write the same cell values as the file engine's refresh.

The corpus workbooks (English Tables with user extras, Chinese plain ranges with stray header spaces) are loaded
cell by cell into the fake Excel the way Excel would hold them; the core run is the same stand-in for both
shells, so any difference is a shell difference.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from corpus.xlsxwriter_books import Variant, build
from xlshell_book import NOW, TODAY, fake_run
from xlshell_fake import FakeExcel, FakeSheet, area

from tradexl import operations
from tradexl.fileengine.reader import read_workbook
from tradexl.fileengine.tables import parse_ref
from tradexl.xlshell.workbook import execute

pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension")

VARIANTS = (
    Variant("xw_extras.xlsx", extras=True),
    Variant("xw_chinese_ranges.xlsx", chinese=True, tables=False, trailing_spaces=True),
    Variant("xw_no_settings.xlsx", omit=("settings",)),
)


def excel_value(value: Any) -> Any:
    """A cell value as Excel hands it to xlwings: every number a float."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def load(path: Path) -> FakeExcel:
    """The workbook as Excel would show it to xlwings (cached formula values, Tables with their ranges)."""
    book = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in book.worksheets:
        fake = FakeSheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.value != "":
                    fake.cells[(cell.row, cell.column)] = excel_value(cell.value)
        for table in ws.tables.values():
            c1, r1, c2, r2 = parse_ref(table.ref)
            fake.tables[table.displayName] = (r1, c1, r2, c2)
            if table.totalsRowCount:
                fake.totals.add(table.displayName)
        sheets.append(fake)
    return FakeExcel(sheets)


@pytest.fixture(params=VARIANTS, ids=lambda v: v.name)
def built(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return build(tmp_path, request.param)


def test_both_shells_read_the_same_input_tables(built: Path) -> None:
    excel = load(built)
    seen: dict[str, Any] = {}
    execute(excel.book, operations.STEPS, run=lambda t, *a: seen.setdefault("t", t) and fake_run(t, *a),
            clock=lambda: (TODAY, NOW))
    assert not excel.alerts
    ours, theirs = seen["t"], read_workbook(built)
    assert ours.frames.keys() == theirs.frames.keys()
    for key in theirs.frames:
        pd.testing.assert_frame_equal(ours.frames[key], theirs.frames[key], check_dtype=False,
                                      check_index_type=False)
    assert ours.settings == theirs.settings
    assert ours.sheet_names == theirs.sheet_names
    assert ours.settings_problems == theirs.settings_problems


def both_shells(built: Path, tmp_path: Path) -> tuple[Any, Any]:
    """The workbook refreshed by the xlwings shell (on the autospec'd fake Excel) and by the file engine (a copy
    on disk, loaded back with openpyxl); both have the same sheets."""
    from tradexl.fileengine.engine import refresh_file

    excel = load(built)
    execute(excel.book, operations.STEPS, clock=lambda: (TODAY, NOW))
    assert not excel.alerts
    out = tmp_path / f"engine-{built.name}"
    shutil.copy(built, out)
    refresh_file(out, today=TODAY, now=NOW, steps=operations.STEPS)
    engine = openpyxl.load_workbook(out)
    assert [s.name for s in excel.sheets] == engine.sheetnames
    return excel, engine


def test_both_shells_write_the_same_cells(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(operations, "run", fake_run)
    excel, engine = both_shells(built, tmp_path)
    assert "Middle East" in excel.sheets[0].cells.values() or "Middle East" in excel.sheet("Inquiries").cells.values()
    for sheet in excel.sheets:
        ws = engine[sheet.name]
        theirs = {(c.row, c.column): excel_value(c.value) for row in ws.iter_rows() for c in row
                  if c.value is not None and c.value != ""}
        # formulas the user has are kept by both; openpyxl shows them as formula text, the fake as cached values
        formulas = {k for k, v in theirs.items() if isinstance(v, str) and v.startswith("=")
                    and ws.cell(*k).data_type == "f"}
        ours = {k: v for k, v in sheet.cells.items() if k not in formulas}
        theirs = {k: v for k, v in theirs.items() if k not in formulas}
        assert ours == theirs, sheet.name


# --- the real core through both shells: values, number formats and fills ----------------------------------------

def _rgb(color: Any) -> str | None:
    """A colour as six upper-case hex digits ("#FFC7CE", "FFFFC7CE" -> "FFC7CE"); None for no fill."""
    return str(color).lstrip("#")[-6:].upper() if color else None


def shell_looks(sheet: FakeSheet) -> dict[tuple[int, int], tuple[str, str | None]]:
    """(row, col) -> (number format, fill) of every cell the xlwings shell formatted, last call winning."""
    looks: dict[tuple[int, int], tuple[str, str | None]] = {}
    for address, attr, value in sheet.formats:
        if attr not in ("number_format", "color"):
            continue
        for one in address.split(","):
            r1, c1, r2, c2 = area(one)
            if r2 == 1_048_576:  # whole columns are widths, not cell looks
                continue
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    fmt, fill = looks.get((r, c), ("General", None))
                    looks[(r, c)] = (value, fill) if attr == "number_format" else (fmt, _rgb(value))
    return looks


def engine_look(cell: Any) -> tuple[str, str | None]:
    fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.patternType == "solid" else None
    return cell.number_format, _rgb(fill)


def test_both_shells_write_the_same_values_formats_and_fills_with_the_real_core(built: Path,
                                                                                 tmp_path: Path) -> None:
    from tradexl.fileengine.engine import FileWorkbook

    plan = FileWorkbook(built).plan(operations.run(read_workbook(built), TODAY, NOW, operations.STEPS))
    excel, engine = both_shells(built, tmp_path)
    written: dict[str, set[tuple[int, int]]] = {}
    for cells in plan.computed:
        written[cells.sheet] = {(r, c.col) for c in cells.columns for r in range(cells.first_row, cells.last_row + 1)}
    for spec in plan.sheets:
        written[spec.name] = {(r, c) for r in range(1, len(spec.rows) + 1) for c in range(1, spec.width + 1)}
    assert any(cells.highlighted_rows for cells in plan.computed), "the corpus has overdue customers"
    compared, filled = 0, 0
    for name, keys in written.items():
        ours, ws = shell_looks(excel.sheet(name)), engine[name]
        for key in sorted(keys):
            cell = ws.cell(*key)
            theirs = excel_value(cell.value)
            assert excel.sheet(name).cells.get(key) == (None if theirs == "" else theirs), (name, key)
            assert ours.get(key, ("General", None)) == engine_look(cell), (name, cell.coordinate)
            compared += 1
            filled += engine_look(cell)[1] == "FFC7CE"
    assert compared > 1000 and filled > 10
    for spec in plan.sheets:  # rows grown for wrapped text (long quote specifications): same heights in both
        heights = {area(a)[0]: v for address, attr, v in excel.sheet(spec.name).formats if attr == "row_height"
                   for a in address.split(",")}
        assert heights == {r: d.height for r, d in engine[spec.name].row_dimensions.items() if d.customHeight}
    customers = next(c for c in plan.computed if c.highlighted_rows)
    hours = next(c for cells in plan.computed for c in cells.columns if c.name == "Response Hours")
    assert hours.fmt == "decimal1"
    row = min(customers.highlighted_rows)
    for column in customers.columns:  # the overdue fill is on Next Contact and Days Overdue only
        cell = engine[customers.sheet].cell(row, column.col)
        assert (engine_look(cell)[1] == "FFC7CE") == (column.name in ("Next Contact", "Days Overdue")), column.name
