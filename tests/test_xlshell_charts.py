"""The xlwings shell draws a generated sheet's native charts with `sheet.charts.add` (xlwings' real classes,
autospec), from the sheet's own cells, and rebuilds them on every run instead of piling them up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from xlshell_book import clock, fake_run, workbook

from tradexl import operations
from tradexl.model import InputTables, RunResult
from tradexl.sheetspec import Chart, ChartSeries
from tradexl.xlshell.workbook import execute

TARGETS = Chart("column", "Orders against target", (
    ChartSeries("MTD", (4, 1, 6, 1), (4, 2, 6, 2)), ChartSeries("Target", (4, 1, 6, 1), (4, 3, 6, 3))),
    anchor=(2, 5), size=(400, 200))


def charted_run(tables: InputTables, today: date, now: datetime, steps: Any) -> RunResult:
    result = fake_run(tables, today, now, steps)
    result.sheets[0] = replace(result.sheets[0], charts=(TARGETS,))
    return result


def test_charts_are_added_from_the_sheets_cells_and_rebuilt_each_run() -> None:
    excel = workbook(10)
    for _ in range(2):
        execute(excel.book, operations.STEPS, run=charted_run, clock=clock)
    (chart,) = excel.sheet("Due Follow-ups").charts
    assert chart == {"left": 4 * 48.0, "top": 15.0, "width": 300.0, "height": 150.0,
                     "type": "column_clustered", "source": "A4:C6"}


def test_a_sheet_that_no_longer_has_charts_loses_them() -> None:
    excel = workbook(10)
    execute(excel.book, operations.STEPS, run=charted_run, clock=clock)
    execute(excel.book, operations.STEPS, run=fake_run, clock=clock)
    assert excel.sheet("Due Follow-ups").charts == []
