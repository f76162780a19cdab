"""A generated sheet described as plain data, so the file engine and the xlwings shell render the same thing.

Reports build a `SheetSpec`; shells only translate it into XML or xlwings calls. Styles are named roles, not
formats, so both renderers map them to the same look.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from tradexl.colwidth import text_width

RowKind = Literal["title", "subtitle", "section", "header", "data", "total", "note", "blank"]
Highlight = Literal["", "overdue", "warn", "good", "key"]
Format = Literal["", "text", "date", "datetime", "int", "decimal1", "money", "percent", "factor", "signed"]

NUMBER_FORMATS: dict[str, str] = {
    "": "General",
    "text": "@",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "int": "#,##0",
    "decimal1": "0.0",
    "money": "#,##0.00",
    "percent": "0%",
    "factor": "0.00",
    "signed": "+#,##0;-#,##0;0",  # a change against last period
}


@dataclass(frozen=True)
class Row:
    """One row of a generated sheet. `formats` (per cell) overrides the format inferred from the value type."""

    values: tuple[Any, ...]
    kind: RowKind = "data"
    highlight: Highlight = ""
    formats: tuple[Format, ...] = ()

    def format_of(self, col: int) -> Format:
        return self.formats[col] if col < len(self.formats) else ""


def header_text(text: str) -> str:
    """User text for a print header/footer section: '&' starts a code there (&P, &N), so a literal one is
    doubled. `PrintSetup.header_center` is plain text; both shells escape it with this when they write it."""
    return text.replace("&", "&&")


@dataclass(frozen=True)
class PrintSetup:
    """How the sheet prints: the weekly report must come out of the printer ready to hand over."""

    landscape: bool = True
    paper: Literal["A4"] = "A4"
    fit_width: bool = True
    header_center: str = ""
    footer_center: str = "Page &P of &N"
    repeat_rows: tuple[int, int] | None = None  # 1-based first and last row to repeat on every page
    page_breaks: tuple[int, ...] = ()  # 1-based rows after which a new page starts (page 1 a dashboard by itself)


ChartKind = Literal["column", "bar", "line", "pie"]
Area = tuple[int, int, int, int]
"""1-based first row, first column, last row, last column of a range on the sheet itself."""


@dataclass(frozen=True)
class ChartSeries:
    """One series: its name, and the sheet's own cells holding the categories and the values (one column each)."""

    name: str
    categories: Area
    values: Area


@dataclass(frozen=True)
class Chart:
    """A native Excel chart drawn from the sheet's own cells: both shells create a real chart (not a picture),
    so Excel and LibreOffice draw it and it follows the numbers when a user edits them."""

    kind: ChartKind
    title: str
    series: tuple[ChartSeries, ...]
    anchor: tuple[int, int]  # 1-based row and column of the top-left cell
    size: tuple[int, int] = (480, 260)  # width, height in pixels


LINE_HEIGHT = 15.0  # points per text line at the default 11-point font (Excel's default row height)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapping cell `width` characters wide (a cautious estimate: neither
    Excel nor LibreOffice grows a row by itself for a file written by another program)."""
    per_line = max(int(width) - 1, 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def header_lines(text: str, width: float) -> int:
    """Lines a header takes in a wrapping cell `width` characters wide, wrapped at spaces as Excel and LibreOffice
    do (a word wider than the cell breaks inside it); East Asian characters count two."""
    cap = max(float(width), 1.0)
    lines, used = 1, 0.0
    for word in text.split():
        size = text_width(word)
        if used and used + 1 + size <= cap:
            used += 1 + size
            continue
        if used:
            lines += 1
        extra = max(0, math.ceil(size / cap) - 1)
        lines += extra
        used = size - extra * cap
    return lines


@dataclass(frozen=True)
class SheetSpec:
    """A whole generated sheet: rows from A1 down, column widths, frozen rows, print settings."""

    name: str
    rows: tuple[Row, ...]
    widths: tuple[float, ...] = ()
    freeze_rows: int = 0
    print_setup: PrintSetup | None = None
    tab_color: str = ""
    autofilter_header_row: int | None = field(default=None)  # 1-based header row for an autofilter, if any
    charts: tuple[Chart, ...] = ()
    wrap_columns: tuple[int, ...] = ()
    """0-based columns whose long text wraps instead of being cut off (long product specifications, so that
    LX-8100 and LX-8150 do not look the same on a printed quote): their rows grow to fit (`row_heights`), and
    every data cell then wraps and sits at the top, so a row reads across."""

    @property
    def width(self) -> int:
        return max((len(r.values) for r in self.rows), default=0)

    def row_heights(self) -> dict[int, float]:
        """1-based row -> height in points for data rows whose wrapped cells need more than one line, and header
        rows whose (always wrapping) labels do, so a tall header never prints over the first row below it."""
        heights: dict[int, float] = {}
        for number, row in enumerate(self.rows, start=1):
            if row.kind == "header":
                lines = max((header_lines(v, self.widths[c]) for c, v in enumerate(row.values)
                             if c < len(self.widths) and isinstance(v, str)), default=1)
                if lines > 1:
                    heights[number] = lines * LINE_HEIGHT
                continue
            if row.kind != "data":
                continue
            lines = max((wrapped_lines(str(row.values[c]), self.widths[c]) for c in self.wrap_columns
                         if c < len(row.values) and c < len(self.widths) and isinstance(row.values[c], str)),
                        default=1)
            if lines > 1:
                heights[number] = lines * LINE_HEIGHT
        return heights
