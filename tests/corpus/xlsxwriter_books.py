"""Corpus workbooks written by XlsxWriter: the contract's sheets laid out the way other tools and users do it.

A `Variant` says how the register looks (English or Chinese names, Tables or plain ranges, headers with stray
spaces, sheets or a column left out) and whether the user's extras are in it: VBA and a form button, a ribbon
(customUI), sparklines, images, a chart, a formula column in a Table, user columns between and after the
contract's columns, comments, validation, conditional formats, hyperlinks, merged cells, defined names, custom
document properties and a sheet of the user's own. Every buyer string is written with `write_string`, so hostile
text in the fixtures is stored as text, exactly as a user's Excel would store a typed value.
"""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from corpus import data
from tradexl.schema import INPUT_SHEETS, SheetDef

DATETIME_FMT = "yyyy-mm-dd hh:mm"
DATE_FMT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Variant:
    name: str
    chinese: bool = False
    tables: bool = True
    extras: bool = False
    vba: bool = False
    trailing_spaces: bool = False
    omit: tuple[str, ...] = ()
    """Sheet keys left out ("settings", "products", "samples", ...)."""
    drop_column: tuple[str, str] | None = None
    """(sheet key, canonical column) left out of the header row, e.g. a required column."""


# User columns a salesperson adds: (sheet key, insert after this contract column or None = after the last one,
# header, cell value per row or a Table formula).
USER_COLUMNS: tuple[tuple[str, str | None, str, Any], ...] = (
    ("inquiries", "Country", "My Notes", lambda i: f"note {i}"),
    ("inquiries", None, "Commission %", lambda i: 0.02 + i / 100),
    ("customers", "Owner", "Credit Limit", lambda i: 10000 * (i + 1)),
    ("quotes", "Unit Price", "Line Total", "=[@Quantity]*[@[Unit Price]]"),
)
TRAILING = {"Country": "Country ", "Company": " Company", "Received": "Received  ", "国家": "国家 ", "公司": " 公司"}
TITLE_ROWS = {"inquiries": 2}
"""With extras, the Inquiries register has a merged title and a blank row above its header (header on row 3)."""


def png_bytes(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A tiny valid PNG, built by hand so the corpus needs no image library."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def vba_project_bin() -> bytes:
    """A real vbaProject.bin (MS-CFB) taken from pyOpenVBA's blank .xlsm template (a runtime dependency)."""
    import pyopenvba

    template = Path(pyopenvba.__file__).parent / "_templates" / "blank_files" / "blank_workbook.xlsm"
    with zipfile.ZipFile(template) as z:
        return z.read("xl/vbaProject.bin")


def _headers(sheet: SheetDef, variant: Variant) -> list[tuple[str, Any]]:
    """(header text, value source) per column: a canonical column name, or a user column's callable/formula."""
    cols: list[tuple[str, Any]] = []
    for col in sheet.user_columns:
        if variant.drop_column == (sheet.key, col.name):
            continue
        label = col.zh if variant.chinese else col.name
        if variant.trailing_spaces:
            label = TRAILING.get(label, label)
        cols.append((label, col.name))
    if variant.extras:
        for key, after, header, source in USER_COLUMNS:
            if key != sheet.key:
                continue
            names = [src for _, src in cols]
            pos = names.index(after) + 1 if after in names else len(cols)
            cols.insert(pos, (header, source))
    return cols


class _Writer:
    def __init__(self, wb: xlsxwriter.Workbook, rows: dict[str, list[dict[str, Any]]],
                 company: dict[str, str]) -> None:
        self.wb = wb
        self.rows, self.company = rows, company
        self.datetime = wb.add_format({"num_format": DATETIME_FMT})
        self.date = wb.add_format({"num_format": DATE_FMT})
        self.header = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})

    def cell(self, ws: Any, row: int, col: int, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, str):
            ws.write_string(row, col, value)
        elif isinstance(value, datetime):
            ws.write_datetime(row, col, value, self.datetime)
        elif isinstance(value, date):
            ws.write_datetime(row, col, datetime(value.year, value.month, value.day), self.date)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        else:
            ws.write_number(row, col, value)

    def register(self, sheet: SheetDef, variant: Variant) -> Any:
        ws = self.wb.add_worksheet(sheet.zh if variant.chinese else sheet.name)
        cols = _headers(sheet, variant)
        rows = self.rows[sheet.key]
        top = TITLE_ROWS.get(sheet.key, 0) if variant.extras else 0
        if top:
            ws.merge_range(0, 0, 0, 5, f"{sheet.name} register 2026", self.wb.add_format({"bold": True, "size": 14}))
        if variant.tables:
            columns = []
            for label, source in cols:
                spec: dict[str, Any] = {"header": label}
                if isinstance(source, str) and source.startswith("="):
                    spec["formula"] = source
                columns.append(spec)
            ws.add_table(top, 0, top + len(rows), len(cols) - 1,
                         {"name": sheet.table, "columns": columns, "style": "Table Style Medium 2"})
        else:
            for c, (label, _) in enumerate(cols):
                ws.write_string(top, c, label, self.header)
        for r, row in enumerate(rows, start=top + 1):
            for c, (_, source) in enumerate(cols):
                if callable(source):
                    self.cell(ws, r, c, source(r - top))
                elif not source.startswith("="):
                    self.cell(ws, r, c, row.get(source))
        for c, (_, source) in enumerate(cols):
            width = sheet.column(source).width if isinstance(source, str) and not source.startswith("=") else 12
            ws.set_column(c, c, width)
        ws.freeze_panes(top + 1, 0)
        return ws

    def settings(self, variant: Variant) -> None:
        ws = self.wb.add_worksheet("设置" if variant.chinese else "Settings")
        zh = variant.chinese
        blocks = [
            (("设置项", "值") if zh else ("Setting", "Value"), list(self.company.items())),
            (("等级", "间隔(天)", "渠道") if zh else ("Grade", "Every (days)", "Channel"),
             [("A", 3, "Phone"), ("B", 7, "Email"), ("C", 15, "Email"), ("D", 30, "Email")]),
            (("区域", "价格系数", "报价说明", "付款方式", "贸易术语", "有效天数") if zh else
             ("Region", "Price Factor", "Pricing Note", "Payment Terms", "Incoterm", "Valid Days"), data.REGIONS),
            (("姓名", "在职", "邮箱", "月目标") if zh else ("Name", "Active", "Email", "Monthly Target"), data.TEAM),
        ]
        left = 0
        for n, (headers, rows) in enumerate(blocks, start=1):
            ws.write_string(0, left, f"Table {n}")
            if variant.tables:
                ws.add_table(1, left, 1 + len(rows), left + len(headers) - 1,
                             {"name": f"tblSettings{n}", "columns": [{"header": h} for h in headers]})
            else:
                for c, h in enumerate(headers):
                    ws.write_string(1, left + c, h, self.header)
            for r, row in enumerate(rows, start=2):
                for c, value in enumerate(row):
                    self.cell(ws, r, left + c, value)
            left += len(headers) + 1


def _extras(wb: xlsxwriter.Workbook, sheets: dict[str, Any], image: Path, vba: bool) -> None:
    """Everything a power user adds around the register."""
    inq, cust = sheets["inquiries"], sheets.get("customers")
    wb.set_properties({"title": "Export register", "author": "Lily Chen", "company": "Bright Lighting",
                       "comments": "kept by hand since 2019"})
    wb.set_custom_property("Department", "Export Sales")
    wb.set_custom_property("Reviewed", True)
    wb.set_custom_property("Budget", 125000)
    wb.define_name("FxRate", "=7.1")
    wb.define_name("Inquiries!LocalTarget", "=Inquiries!$B$4")

    inq.write_comment("E3", "Buyer's legal name, as on the PI", {"author": "Lily"})
    inq.write_comment("B5", "Came in overnight")
    inq.data_validation("Q4:Q200", {"validate": "list", "source": ["New", "Replied", "Quoted", "Sample sent",
                                                                    "Ordered", "Lost"]})
    bold_red = wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
    inq.conditional_format("L4:L200", {"type": "cell", "criteria": ">=", "value": 1000, "format": bold_red})
    inq.add_sparkline("H1", {"range": "Inquiries!L4:L10", "type": "column"})

    if cust is not None:
        cust.write_comment("A2", "Key account")
        cust.data_validation("N2:N200", {"validate": "list", "source": ["A", "B", "C", "D"]})
        cust.conditional_format("A2:A200", {"type": "duplicate", "format": bold_red})
        cust.write_url("O4", "https://www.mueller-ht.de", string="www.mueller-ht.de")
        cust.set_column("M:M", 12, None, {"hidden": True})
    if "products" in sheets:
        sheets["products"].insert_image("L2", str(image), {"x_scale": 2, "y_scale": 2})

    dash = wb.add_worksheet("Dashboard")
    dash.merge_range("A1:D1", "My dashboard", wb.add_format({"bold": True, "align": "center"}))
    dash.write_string("A3", "Inquiries")
    dash.write_formula("B3", "=COUNTA(tblInquiries[Inquiry ID])", None, len(data.INQUIRIES))
    dash.write_string("A4", "FX")
    dash.write_formula("B4", "=FxRate", None, 7.1)
    dash.write_comment("B4", "USD/CNY")
    for r, value in enumerate((3, 5, 2, 8, 6), start=6):
        dash.write_number(r, 0, value)
    dash.add_sparkline("B7", {"range": "Dashboard!A7:A11"})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Quantity", "categories": "=Inquiries!$A$4:$A$10", "values": "=Inquiries!$L$4:$L$10"})
    dash.insert_chart("D3", chart)
    dash.insert_image("K3", str(image))
    dash.insert_button("D20", {"macro": "say_hello", "caption": "Hello", "width": 80, "height": 30})
    if vba:
        wb.set_vba_name("ThisWorkbook")


def build(directory: Path, variant: Variant, rows: dict[str, list[dict[str, Any]]] | None = None,
          company: dict[str, str] | None = None) -> Path:
    """Write `variant` into `directory`, with the corpus rows and company profile unless others are given."""
    path = directory / variant.name
    work = directory / f".{variant.name}.parts"
    work.mkdir(exist_ok=True)
    image = work / "logo.png"
    image.write_bytes(png_bytes())
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    if variant.vba:
        vba = work / "vbaProject.bin"
        vba.write_bytes(vba_project_bin())
        wb.add_vba_project(str(vba))
    writer = _Writer(wb, data.ROWS if rows is None else rows, data.COMPANY if company is None else company)
    sheets: dict[str, Any] = {}
    for sheet in INPUT_SHEETS:
        if sheet.key not in variant.omit:
            sheets[sheet.key] = writer.register(sheet, variant)
    if "settings" not in variant.omit:
        writer.settings(variant)
    if variant.extras:
        _extras(wb, sheets, image, variant.vba)
    wb.close()
    shutil.rmtree(work)
    if variant.extras:
        add_custom_ui(path)
    return path


CUSTOM_UI = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs><tab id="myTab" label="Mine">\
<group id="g1" label="Tools"><button id="b1" label="Hello" onAction="say_hello"/></group></tab></tabs></ribbon>\
</customUI>"""
UI_REL = ('<Relationship Id="rIdUI" Type="http://schemas.microsoft.com/office/2007/relationships/ui/extensibility" '
          'Target="customUI/customUI14.xml"/>')


def add_custom_ui(path: Path) -> None:
    """Add a ribbon the way a ribbon editor does: a customUI part related from the package's root rels."""
    with zipfile.ZipFile(path) as src:
        parts = [(info, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_suffix(".ui.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, body in parts:
            if info.filename == "_rels/.rels":
                body = body.replace(b"</Relationships>", UI_REL.encode() + b"</Relationships>")
            out.writestr(info.filename, body)
        out.writestr("customUI/customUI14.xml", CUSTOM_UI)
    tmp.replace(path)
