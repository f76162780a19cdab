"""Native charts of a generated sheet: the drawing part and one chart part per `sheetspec.Chart`.

The DrawingML is XlsxWriter's (its chart and drawing writers, fed with the series' cell references and the
values they hold), so the charts are the ones Excel itself would write; this module only chooses the anchor
cells and hands the parts to `workbookparts`, which names them, links them (sheet -> drawing -> charts) and
registers their content types. Tested against XlsxWriter 3.x (tests convert the result with LibreOffice).
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from typing import Any

from xlsxwriter.chart import Chart as XlsxChart
from xlsxwriter.chart_bar import ChartBar
from xlsxwriter.chart_column import ChartColumn
from xlsxwriter.chart_line import ChartLine
from xlsxwriter.chart_pie import ChartPie
from xlsxwriter.drawing import Drawing, DrawingInfo, DrawingTypes

from tradexl.fileengine.package import PKG_REL_NS, Package, rels_part
from tradexl.grid import column_letter
from tradexl.sheetspec import Area, Chart, SheetSpec

DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
SHEET_DRAWING_RID = "rIdTradeXLDrawing"
CLASSES: dict[str, type[XlsxChart]] = {"column": ChartColumn, "bar": ChartBar, "line": ChartLine,
                                       "pie": ChartPie}
EMU_PER_PIXEL = 9525
ROW_PIXELS = 20
DEFAULT_WIDTH = 8.43


@dataclass(frozen=True)
class ChartParts:
    """The drawing part's XML and the XML of each chart, in order (chart i is the drawing's relationship i)."""

    drawing: bytes
    charts: tuple[bytes, ...]


def reference(sheet: str, area: Area) -> str:
    first_row, first_col, last_row, last_col = area
    quoted = "'" + sheet.replace("'", "''") + "'"
    return (f"={quoted}!${column_letter(first_col)}${first_row}:"
            f"${column_letter(last_col)}${last_row}")


def cell_values(spec: SheetSpec, area: Area) -> list[Any]:
    """The values the spec puts in `area` (row by row), for the charts' cached data."""
    first_row, first_col, last_row, last_col = area
    values = []
    for r in range(first_row, last_row + 1):
        row = spec.rows[r - 1].values if r - 1 < len(spec.rows) else ()
        for c in range(first_col, last_col + 1):
            value = row[c - 1] if c - 1 < len(row) else None
            values.append("" if value is None else value)
    return values


def _xml(writer: Any) -> bytes:
    handle = io.StringIO()
    writer._set_xml_writer(handle)
    writer._assemble_xml_file()
    return handle.getvalue().encode("utf-8")


def chart_xml(spec: SheetSpec, chart: Chart, number: int) -> bytes:
    """One chart part: XlsxWriter's chart with the series' references and their current values cached."""
    xlsx = CLASSES[chart.kind]()
    xlsx.id = number
    for series in chart.series:
        xlsx.add_series({"name": series.name, "categories": reference(spec.name, series.categories),
                         "values": reference(spec.name, series.values)})
        added = xlsx.series[-1]
        xlsx.formula_data[added["cat_data_id"]] = [str(v) for v in cell_values(spec, series.categories)]
        xlsx.formula_data[added["val_data_id"]] = [v if isinstance(v, int | float) else 0
                                                   for v in cell_values(spec, series.values)]
    xlsx.set_title({"name": chart.title, "name_font": {"size": 11, "bold": True}})
    xlsx.set_legend({"position": "bottom"} if len(chart.series) > 1 or chart.kind == "pie" else {"none": True})
    return _xml(xlsx)


def _pixels(width: float) -> int:
    """Excel's pixel width of a column `width` characters wide (Calibri 11)."""
    return int(width * 7 + 5) if width >= 1 else int(width * 12 + 0.5)


def _anchor(spec: SheetSpec, chart: Chart) -> list[int]:
    """XlsxWriter's drawing dimensions: from/to cell (0-based) and offsets in EMU, then absolute position."""
    row, col = chart.anchor[0] - 1, chart.anchor[1] - 1
    widths = list(spec.widths)

    def col_pixels(c: int) -> int:
        return _pixels(widths[c] if c < len(widths) and widths[c] else DEFAULT_WIDTH)

    width, height = chart.size
    col_to, x = col, width
    while x >= col_pixels(col_to):
        x -= col_pixels(col_to)
        col_to += 1
    row_to, y = row + height // ROW_PIXELS, height % ROW_PIXELS
    left = sum(col_pixels(c) for c in range(col))
    return [col, row, 0, 0, col_to, row_to, x * EMU_PER_PIXEL, y * EMU_PER_PIXEL,
            left * EMU_PER_PIXEL, row * ROW_PIXELS * EMU_PER_PIXEL]


def chart_parts(spec: SheetSpec, first_number: int = 1) -> ChartParts | None:
    """The drawing and chart parts of `spec`'s charts (None when it has none)."""
    if not spec.charts:
        return None
    drawing = Drawing()
    drawing.embedded = True
    for index, chart in enumerate(spec.charts, start=1):
        info = DrawingInfo()
        info._drawing_type = DrawingTypes.CHART
        info._anchor = 1
        info._dimensions = _anchor(spec, chart)
        info._width, info._height = (v * EMU_PER_PIXEL for v in chart.size)
        info._name = f"Chart {index}"
        info._rel_index = index
        drawing._add_drawing_object(info)
    charts = tuple(chart_xml(spec, chart, first_number + i) for i, chart in enumerate(spec.charts))
    return ChartParts(_xml(drawing), charts)


def _free(taken: set[str], pattern: str) -> str:
    number = 1
    while pattern.format(number).casefold() in taken:
        number += 1
    taken.add(pattern.format(number).casefold())
    return pattern.format(number)


def _rels_xml(targets: list[tuple[str, str, str]]) -> bytes:
    """A .rels part for (Id, Type, relative Target) triples."""
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in targets)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL_NS}">{body}</Relationships>').encode()


def drawing_parts(pkg: Package, sheet_part: str) -> set[str]:
    """The drawing parts a sheet links to and everything they link to (charts, their styles and colours)."""
    found: set[str] = set()
    todo = [r.target for r in pkg.rels(sheet_part) if r.type == DRAWING_REL and r.target]
    while todo:
        part = todo.pop()
        if part in found or pkg.find(part) is None:
            continue
        found.add(part)
        if pkg.find(rels_part(part)):
            found.add(pkg.find(rels_part(part)) or "")
        todo += [r.target for r in pkg.rels(part) if not r.external and r.target]
    return found - {""}


def attach(taken: set[str], sheet_part: str, parts: ChartParts) -> tuple[dict[str, bytes], list[tuple[str, str]]]:
    """The parts (name -> XML) for a generated sheet's drawing and charts, its own .rels included, and the
    (part, content type) overrides they need. `taken` (casefolded names in use) is updated; the lowest free
    numbers are used, so a refresh that drops a sheet's old charts gives the new ones the same names."""
    drawing = _free(taken, "xl/drawings/drawing{}.xml")
    charts = [_free(taken, "xl/charts/chart{}.xml") for _ in parts.charts]
    out = {drawing: parts.drawing,
           rels_part(drawing): _rels_xml([(f"rId{i}", CHART_REL, "../charts/" + posixpath.basename(c))
                                          for i, c in enumerate(charts, start=1)])}
    out.update(zip(charts, parts.charts, strict=True))
    out[rels_part(sheet_part)] = _rels_xml([(SHEET_DRAWING_RID, DRAWING_REL,
                                             "../drawings/" + posixpath.basename(drawing))])
    return out, [(drawing, DRAWING_CT), *((c, CHART_CT) for c in charts)]
