"""How many calls the xlwings shell makes to Excel for a full refresh (Refresh all), by workbook size.

Each xlwings property access or method call is a round trip to Excel (COM on Windows, AppleScript on macOS), so
the count, not Python time, is what a user waits for. The workbook is the benchmark's own realistic one
(`tradexl.sampledata.scaled_dataset`: overdue customers scattered through Customers, Due and Unanswered rows
with mixed highlights), opened in the test suite's in-memory Excel behind xlwings' real classes
(tests/xlshell_fake.py), and refreshed with the real core. The count should be the same at every size.

Example: python benchmarks/bench_xlshell_calls.py --sizes 10,1000,10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from xlshell_fake import FakeExcel, FakeSheet

from tradexl import operations
from tradexl.schema import INPUT_SHEETS
from tradexl.xlshell.workbook import execute

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 17, 0)


def as_excel_holds_it(value: Any) -> Any:
    """A cell value as xlwings reads it from Excel: numbers as floats, dates as datetimes."""
    if isinstance(value, bool) or value == "":
        return None if value == "" else value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def open_in_excel(path: Path) -> FakeExcel:
    """Every sheet of the workbook as the in-memory Excel holds it; input sheets are Tables from A1."""
    book = CalamineWorkbook.from_path(str(path))
    tables = {s.name: s.table for s in INPUT_SHEETS}
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheet = FakeSheet(name)
        sheet.put(1, 1, [[as_excel_holds_it(v) for v in row] for row in rows])
        if name in tables and rows:
            sheet.tables[tables[name]] = (1, 1, len(rows), len(rows[0]))
        sheets.append(sheet)
    return FakeExcel(sheets)


def count(size: int, folder: Path) -> tuple[int, int, int, int, float]:
    """(customers, overdue customers, rows on generated sheets, calls, seconds) of one Refresh all."""
    from tradexl.sampledata import scaled_dataset
    from tradexl.sampledata.xlsx import write_xlsx_fast

    path = folder / f"book-{size}.xlsx"
    settings, data = scaled_dataset(TODAY, size)
    write_xlsx_fast(path, settings, data)
    excel = open_in_excel(path)
    start = time.perf_counter()
    plan = execute(excel.book, operations.STEPS, clock=lambda: (TODAY, NOW))
    seconds = time.perf_counter() - start
    if plan is None or excel.alerts:
        raise SystemExit(f"refresh failed: {excel.alerts}")
    customers = next(c for c in plan.computed if c.table and "Days Overdue" in {col.name for col in c.columns})
    rows = sum(len(spec.rows) for spec in plan.sheets)
    return (customers.last_row - customers.first_row + 1, len(customers.highlighted_rows), rows, len(excel.log),
            seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,10000", help="Inquiries per workbook, comma-separated.")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print(f"{'inquiries':>9} {'customers':>9} {'overdue':>8} {'generated rows':>14} {'Excel calls':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            customers, overdue, rows, calls, _ = count(size, Path(tmp))
            print(f"{size:>9,} {customers:>9,} {overdue:>8,} {rows:>14,} {calls:>11,}")


if __name__ == "__main__":
    main()
