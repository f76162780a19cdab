"""Shared builders for the file-engine tests: small contract workbooks made with XlsxWriter, and part access."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from tradexl.model import RunResult
from tradexl.sheetspec import PrintSetup, Row, SheetSpec

INQUIRY_HEADERS = ["Inquiry ID", "Received", "Channel", "Customer ID", "Company", "Email", "Country", "Product",
                   "Quantity", "Message", "Owner", "Status", "Grade", "My Notes"]
CUSTOMER_HEADERS = ["Customer ID", "Company", "Email", "Country", "Owner", "Grade", "Notes"]


def inquiry_rows(n: int) -> list[list[Any]]:
    rows = []
    for i in range(n):
        rows.append([f"Q{i + 1:05d}", datetime(2026, 3, 1 + i % 28, 9, 30), "Email", f"C{i % 7 + 1:03d}",
                     f"Buyer {i % 7 + 1} LLC", f"buyer{i % 7 + 1}@example.com", "UAE", f"M-{i % 5}",
                     1000 + i, "=HYPERLINK(\"x\")" if i == 1 else f"Need price for model M-{i % 5}", "Li",
                     "New", "", f"note {i}"])
    return rows


def build_workbook(path: Path, n: int = 5, *, tables: bool = True, extras: bool = True,
                   settings: bool = True) -> Path:
    """A contract workbook: Inquiries and Customers tables, Settings, plus user extras (chart, sparkline,
    image-free shapes, comments, validation, conditional format, custom properties, a user formula column)."""
    wb = xlsxwriter.Workbook(str(path))
    dt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    bold = wb.add_format({"bold": True, "font_color": "#C00000"})
    inq = wb.add_worksheet("Inquiries")
    inq.write_row(0, 0, ["Inquiry register"], bold)
    rows = inquiry_rows(n)
    inq.write_row(1, 0, INQUIRY_HEADERS)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                inq.write_datetime(r, c, value, dt)
            elif c == 9:
                inq.write_string(r, c, value)
            else:
                inq.write(r, c, value)
    inq.write_formula(2, 13, "=I3*2", bold, 2000)  # a user formula in the user's own column
    if tables:
        inq.add_table(1, 0, 1 + n, len(INQUIRY_HEADERS) - 1, {
            "name": "tblInquiries", "columns": [{"header": h} for h in INQUIRY_HEADERS]})
    if extras:
        inq.write_comment(2, 4, "Key buyer, call first")
        inq.data_validation(2, 11, 1 + n, 11, {"validate": "list", "source": ["New", "Replied", "Lost"]})
        inq.conditional_format(2, 8, 1 + n, 8, {"type": "data_bar"})
        inq.add_sparkline(0, 15, {"range": f"Inquiries!I3:I{2 + n}"})
    cus = wb.add_worksheet("客户")
    cus.write_row(0, 0, ["客户编号", "公司", "Email", "Country", "Owner", "Grade", "Notes"])
    for i in range(7):
        cus.write_row(i + 1, 0, [f"C{i + 1:03d}", f"Buyer {i + 1} LLC", f"buyer{i + 1}@example.com", "UAE",
                                 "Li", "", "+1 555 0100" if i == 0 else "-"])
    if tables:
        cus.add_table(0, 0, 7, 6, {"name": "tblCustomers", "columns": [
            {"header": h} for h in ["客户编号", "公司", "Email", "Country", "Owner", "Grade", "Notes"]]})
    if settings:
        st = wb.add_worksheet("Settings")
        st.write_row(0, 0, ["Setting", "Value"])
        st.write_row(1, 0, ["Language", "en"])
    if extras:
        notes = wb.add_worksheet("My Chart Data")
        notes.write_column(0, 0, [1, 3, 2, 5])
        notes.write_formula(4, 0, "=SUM(A1:A4)", None, 11)
        chart = wb.add_chart({"type": "line"})
        chart.add_series({"values": "='My Chart Data'!$A$1:$A$4"})
        notes.insert_chart("C2", chart)
        notes.insert_button("C20", {"macro": "say_hello", "caption": "Hello"})
        wb.set_custom_property("Department", "Export")
        wb.define_name("MyRange", "='My Chart Data'!$A$1:$A$4")
    wb.close()
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def order(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)


def cells(xml: bytes) -> dict[str, str]:
    """Ref -> exact `<c>` text of a worksheet part (files made by XlsxWriter always carry r=)."""
    return {m.group(1) + m.group(2): m.group() for m in CELL.finditer(xml.decode())}


def computed_frame(rows: list[int], **columns: list[Any]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=pd.Index(rows, name="row"), dtype=object)


def sample_result(tables, *, weekly: bool = True, quotes: tuple[str, ...] = ("Middle East", "Europe")) -> RunResult:
    """A hand-made RunResult for the workbook above: computed columns for both sheets and generated sheets."""
    inq_rows = list(tables.frames["inquiries"].index)
    cus_rows = list(tables.frames["customers"].index)
    inquiries = computed_frame(
        inq_rows,
        **{"Suggested Grade": ["A" if i % 2 else "B" for i in range(len(inq_rows))],
           "Grade Reason": ["=cmd|' /C calc'!A0" if i == 0 else f"qty {i} ≥ MOQ & target <price>"
                            for i in range(len(inq_rows))],
           "Region": ["Middle East"] * len(inq_rows),
           "Response Hours": [1.5 if i % 3 else None for i in range(len(inq_rows))],
           "Reply Status": ["within target"] * len(inq_rows)})
    customers = computed_frame(
        cus_rows,
        **{"Region": ["Middle East"] * len(cus_rows),
           "Current Grade": ["A"] * len(cus_rows),
           "Last Contact": [date(2026, 3, 1)] * len(cus_rows),
           "Next Contact": [date(2026, 3, 4 + i) for i in range(len(cus_rows))],
           "Days Overdue": [max(0, 3 - i) for i in range(len(cus_rows))],
           "Channel": ["Phone"] * len(cus_rows),
           "Inquiries": [i for i in range(len(cus_rows))],
           "Top Product": ["+M-1"] * len(cus_rows)})
    sheets = [SheetSpec("Due Follow-ups", (
        Row(("Due follow-ups",), "title"),
        Row(("Owner", "Customer", "Next Contact", "Days Overdue"), "header"),
        Row(("Li", "@Buyer 1", date(2026, 3, 4), 3), "data", "overdue"),
        Row(("Li", "-Buyer 2", date(2026, 3, 5), 2), "data"),
    ), widths=(12, 28, 12, 9), freeze_rows=2, autofilter_header_row=2, tab_color="C00000")]
    sheets += [SheetSpec(f"Quote - {region}", (Row((f"Quotation for {region}",), "title"),
                                               Row(("Model", "Price"), "header"),
                                               Row(("M-1", 12.5), "data", formats=("", "money"))),
                         widths=(14, 10)) for region in quotes]
    if weekly:
        sheets.append(SheetSpec("Weekly Summary", (
            Row(("Weekly Summary",), "title"), Row(("Week ending 2026-03-07",), "subtitle"),
            Row(("Name", "New", "Replied 2h"), "header"), Row(("Li", 5, 0.5), "data", formats=("", "int", "percent")),
            Row(("Total", 5, 0.5), "total")),
            widths=(14, 8, 8), freeze_rows=3,
            print_setup=PrintSetup(header_center="R&D Weekly", repeat_rows=(3, 3))))
    return RunResult({"inquiries": inquiries, "customers": customers}, sheets, "ok",
                     owned=("Due Follow-ups", "Quote - *", "Weekly Summary", "Check"))
