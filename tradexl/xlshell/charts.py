"""Native charts of a generated sheet through xlwings: the same `sheetspec.Chart`s the file engine writes as
chart parts, created with `sheet.charts.add` from the sheet's own cells (rebuilt on every run)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import xlwings as xw

from tradexl.grid import column_letter
from tradexl.sheetspec import Area, Chart

CHART_TYPES = {"column": "column_clustered", "bar": "bar_clustered", "line": "line", "pie": "pie"}
POINTS_PER_PIXEL = 0.75


def source_area(chart: Chart) -> str:
    """The one block holding the categories and every series (they sit side by side on report sheets)."""
    areas: list[Area] = [a for s in chart.series for a in (s.categories, s.values)]
    r1, c1 = min(a[0] for a in areas), min(a[1] for a in areas)
    r2, c2 = max(a[2] for a in areas), max(a[3] for a in areas)
    return f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"


def write_charts(sheet: xw.Sheet, charts: Sequence[Chart]) -> None:
    """Delete the sheet's charts and add `charts` (a generated sheet's charts are the engine's)."""
    for old in list(sheet.charts):
        old.delete()
    for spec in charts:
        anchor = sheet.range(f"{column_letter(spec.anchor[1])}{spec.anchor[0]}")
        chart = sheet.charts.add(left=anchor.left, top=anchor.top, width=spec.size[0] * POINTS_PER_PIXEL,
                                 height=spec.size[1] * POINTS_PER_PIXEL)
        chart.chart_type = CHART_TYPES[spec.kind]
        chart.set_source_data(sheet.range(source_area(spec)))
        if sys.platform.startswith("win"):
            _title_and_names(chart, spec)


def _title_and_names(chart: xw.Chart, spec: Chart) -> None:
    """Title and series names: xlwings has no desktop API for them (Windows COM)."""
    com = chart.api[1]
    com.HasTitle = True
    com.ChartTitle.Text = spec.title
    for i, series in enumerate(spec.series, start=1):
        com.SeriesCollection(i).Name = series.name
