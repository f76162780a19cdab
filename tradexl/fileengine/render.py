"""A `SheetSpec` -> a complete worksheet part (plus the print names it needs in workbook.xml).

Generated sheets are the engine's, so they are written whole: inline strings (text that looks like a formula
stays text), styles from `StyleBook` by row role, column widths, frozen header rows, autofilter, tab colour
and – for printable sheets – A4 landscape, one page wide, centred header/footer, print titles and print area.
"""

from __future__ import annotations

from dataclasses import dataclass

from tradexl.fileengine.cells import cell_xml, escape_attr, style_cell_xml
from tradexl.fileengine.charts import SHEET_DRAWING_RID, ChartParts, chart_parts
from tradexl.fileengine.styles import StyleBook
from tradexl.grid import column_letter
from tradexl.plan import written_cells
from tradexl.sheetspec import Row, SheetSpec, header_text

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_FOOTER_MAX = 255


@dataclass(frozen=True)
class Rendered:
    xml: bytes
    defined_names: dict[str, str]  # '_xlnm.Print_Titles' / '_xlnm.Print_Area' -> formula
    charts: ChartParts | None = None


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"



def _row_xml(number: int, row: Row, styles: StyleBook, width: int, letters: list[str], wrap: tuple[int, ...] = (),
             height: float | None = None) -> str:
    cells = []
    kind, highlight, wrapped = row.kind, row.highlight, row.kind == "data" and bool(wrap)
    for i, value, fmt in written_cells(row, width):
        style = styles.role(kind, fmt, highlight, wrap=wrapped)
        ref = f"{letters[i] if i < len(letters) else column_letter(i + 1)}{number}"
        cells.append(cell_xml(ref, value, style) or style_cell_xml(ref, style))
    if not cells:
        return ""
    size = f' ht="{height:g}" customHeight="1"' if height else ""
    return f'<row r="{number}"{size}>{"".join(cells)}</row>'


def render_sheet(spec: SheetSpec, styles: StyleBook) -> Rendered:
    """The worksheet XML for `spec`, using (and extending) `styles`.

    Each row is encoded on its own and the part joined once as bytes: a 16k-row sheet then exists whole only
    once, not also as one long str of rows, the whole sheet as str and its encoding (a refresh's peak memory)."""
    width = max(spec.width, len(spec.widths), 1)
    height = max(len(spec.rows), 1)
    last_ref = f"{column_letter(width)}{height}"
    heights = spec.row_heights()
    letters = [column_letter(i + 1) for i in range(width)]
    rows = [_row_xml(i + 1, row, styles, width, letters, spec.wrap_columns, heights.get(i + 1)).encode("utf-8")
            for i, row in enumerate(spec.rows)]
    printing = spec.print_setup

    sheet_pr = ""
    inner = (f'<tabColor rgb="{_argb(spec.tab_color)}"/>' if spec.tab_color else "") + (
        '<pageSetUpPr fitToPage="1"/>' if printing and printing.fit_width else "")
    if inner:
        sheet_pr = f"<sheetPr>{inner}</sheetPr>"
    if spec.freeze_rows:
        top = f"A{spec.freeze_rows + 1}"
        view = (f'<sheetView workbookViewId="0"><pane ySplit="{spec.freeze_rows}" topLeftCell="{top}" '
                f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="{top}" '
                f'sqref="{top}"/></sheetView>')
    else:
        view = '<sheetView workbookViewId="0"/>'
    cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                   for i, w in enumerate(spec.widths, start=1) if w)
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">',
        sheet_pr,
        f'<dimension ref="A1:{last_ref}"/>',
        f"<sheetViews>{view}</sheetViews>",
        '<sheetFormatPr defaultRowHeight="15"/>',
        f"<cols>{cols}</cols>" if cols else "",
        "<sheetData>",
    ]
    tail = ["</sheetData>"]
    if spec.autofilter_header_row:
        tail.append(f'<autoFilter ref="A{spec.autofilter_header_row}:{last_ref}"/>')
    tail.append('<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
    names: dict[str, str] = {}
    if printing:
        orientation = "landscape" if printing.landscape else "portrait"
        fit = ' fitToWidth="1" fitToHeight="0"' if printing.fit_width else ""
        tail.append(f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>')
        header = escape_attr(("&C" + header_text(printing.header_center))[:HEADER_FOOTER_MAX])
        footer = escape_attr(("&C" + printing.footer_center)[:HEADER_FOOTER_MAX])
        tail.append(f"<headerFooter><oddHeader>{header}</oddHeader><oddFooter>{footer}</oddFooter></headerFooter>")
        if printing.page_breaks:
            breaks = "".join(f'<brk id="{r}" max="16383" man="1"/>' for r in printing.page_breaks)
            count = len(printing.page_breaks)
            tail.append(f'<rowBreaks count="{count}" manualBreakCount="{count}">{breaks}</rowBreaks>')
        sheet = quote_sheet(spec.name)
        if printing.repeat_rows:
            first, last = printing.repeat_rows
            names["_xlnm.Print_Titles"] = f"{sheet}!${first}:${last}"
        names["_xlnm.Print_Area"] = f"{sheet}!$A$1:${column_letter(width)}${height}"
    charts = chart_parts(spec)
    if charts is not None:
        tail.append(f'<drawing r:id="{SHEET_DRAWING_RID}"/>')
    tail.append("</worksheet>")
    return Rendered(b"".join(["".join(parts).encode("utf-8"), *rows, "".join(tail).encode("utf-8")]), names, charts)


def _argb(color: str) -> str:
    color = color.lstrip("#").upper()
    return color if len(color) == 8 else "FF" + color.rjust(6, "0")
