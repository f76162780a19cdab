"""The proforma invoice as a NEW .xlsx (XlsxWriter): one A4 portrait page the salesperson can still edit.

Amounts and the total are formulas (quantity × unit price, SUM) with their values cached, so a changed quantity
recalculates in Excel; every text that comes from the buyer or the catalogue is written as a string, never a
formula. This never touches the user's workbook: it is a separate file.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from tradexl.pi.document import ProformaInvoice
from tradexl.reports.pricing import currency_decimals

SHEET = "Proforma Invoice"
WIDTHS = (5, 15, 34, 10, 7, 12, 15)  # A No. | B Model | C Description | D Qty | E Unit | F Unit price | G Amount
LAST_COL = len(WIDTHS) - 1
A4 = 9  # Excel's paper size code
ROW_POINTS = 12.5
DESCRIPTION_CHARS = 38
"""About this many characters of 9-point Arial fit one line of the Description column (rows do not auto-grow)."""


class _Sheet:
    """A row cursor over the worksheet with the PI's few formats."""

    def __init__(self, book: xlsxwriter.Workbook, ws: Worksheet, decimals: int) -> None:
        self.ws = ws
        self.row = 0
        money = "#,##0" + ("." + "0" * decimals if decimals else "")
        base = {"font_name": "Arial", "font_size": 9, "valign": "top"}
        self.fmt = {
            "": book.add_format({**base, "text_wrap": True}),
            "bold": book.add_format({**base, "bold": True}),
            "company": book.add_format({**base, "bold": True, "font_size": 15, "align": "center"}),
            "center": book.add_format({**base, "align": "center", "text_wrap": True}),
            "title": book.add_format({**base, "bold": True, "font_size": 14, "align": "center", "top": 2,
                                      "bottom": 2}),
            "label": book.add_format({**base, "bold": True, "font_color": "#44546A"}),
            "date": book.add_format({**base, "num_format": "yyyy-mm-dd", "align": "left"}),
            "head": book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                     "align": "center", "valign": "vcenter"}),
            "cell": book.add_format({**base, "border": 1, "text_wrap": True}),
            "int": book.add_format({**base, "border": 1, "num_format": "#,##0"}),
            "no": book.add_format({**base, "border": 1, "align": "center"}),
            "dec": book.add_format({**base, "border": 1, "num_format": "#,##0.000"}),
            "kg": book.add_format({**base, "border": 1, "num_format": "#,##0.0"}),
            "money": book.add_format({**base, "border": 1, "num_format": money}),
            "total": book.add_format({**base, "border": 1, "bold": True, "num_format": money, "bg_color": "#F2F2F2"}),
            "total_label": book.add_format({**base, "border": 1, "bold": True, "bg_color": "#F2F2F2",
                                            "align": "right"}),
            "words": book.add_format({**base, "bold": True, "text_wrap": True}),
            "sign": book.add_format({**base, "top": 1}),
        }

    def text(self, col: int, value: str, fmt: str = "", last: int | None = None) -> None:
        """A string cell (merged to column `last` when given): written as text even if it starts with '='."""
        if last is not None and last > col:
            self.ws.merge_range(self.row, col, self.row, last, "", self.fmt[fmt])
        self.ws.write_string(self.row, col, value, self.fmt[fmt])

    def value(self, col: int, value: Any, fmt: str) -> None:
        if value is None:
            self.ws.write_blank(self.row, col, None, self.fmt[fmt])
        elif isinstance(value, date):
            self.ws.write_datetime(self.row, col, value, self.fmt[fmt])
        elif isinstance(value, str):
            self.ws.write_string(self.row, col, value, self.fmt[fmt])
        else:
            self.ws.write_number(self.row, col, float(value), self.fmt[fmt])

    def next(self, rows: int = 1) -> None:
        self.row += rows


def _header(s: _Sheet, pi: ProformaInvoice) -> None:
    c = pi.seller
    s.text(0, c.name, "company", LAST_COL)
    s.ws.set_row(s.row, 22)
    s.next()
    s.text(0, c.address, "center", LAST_COL)
    s.next()
    s.text(0, f"Tel: {c.phone}   Fax: {c.fax}   Email: {c.email}   Web: {c.website}", "center", LAST_COL)
    s.next(2)
    s.text(0, "PROFORMA INVOICE", "title", LAST_COL)
    s.ws.set_row(s.row, 22)
    s.next(2)
    right = [(label, value) for label, value in (
        ("PI No.:", pi.number), ("Date:", pi.day), ("Valid until:", pi.valid_until),
        ("Your inquiry:", pi.inquiry_id), ("Customer ID:", pi.customer_id)) if value]
    left = [("Buyer:" if i == 0 else "", value) for i, (_, value) in enumerate(pi.buyer)]
    for i in range(max(len(left), len(right))):
        if i < len(left):
            s.text(0, left[i][0], "label", 1)
            s.text(2, left[i][1], "bold" if i == 0 else "", 3)
        if i < len(right):
            s.text(4, right[i][0], "label", 5)
            s.value(6, right[i][1], "date" if isinstance(right[i][1], date) else "bold")
        s.next()
    s.next()


def _lines(s: _Sheet, pi: ProformaInvoice) -> None:
    for col, title in enumerate(("No.", "Model", "Description", "Quantity", "Unit",
                                 f"Unit price ({pi.currency})", f"Amount ({pi.currency})")):
        s.text(col, title, "head")
    s.ws.set_row(s.row, 26)
    s.next()
    first = s.row
    for n, line in enumerate(pi.lines, start=1):
        s.value(0, n, "no")
        s.text(1, line.model, "cell")
        s.text(2, line.description, "cell")
        s.ws.set_row(s.row, ROW_POINTS * max(1, math.ceil(len(line.description) / DESCRIPTION_CHARS)))
        s.value(3, line.quantity, "int")
        s.text(4, line.unit, "cell")
        s.value(5, line.unit_price, "money")
        excel_row = s.row + 1
        s.ws.write_formula(s.row, 6, f"=D{excel_row}*F{excel_row}", s.fmt["money"], float(line.amount))
        s.next()
    s.text(0, f"Total {pi.region.incoterm}".strip(), "total_label", 5)
    s.ws.write_formula(s.row, 6, f"=SUM(G{first + 1}:G{s.row})", s.fmt["total"], float(pi.total))
    s.next()
    s.text(0, pi.total_words, "words", LAST_COL)
    s.ws.set_row(s.row, 26)
    s.next(2)


def _terms(s: _Sheet, pi: ProformaInvoice) -> None:
    terms = [("Payment terms:", pi.region.payment_terms), ("Incoterm:", pi.incoterm),
             ("Port of loading:", pi.port or "-"), ("Lead time:", pi.lead_time),
             ("Validity:", f"This PI is valid until {pi.valid_until.isoformat()}.")]
    for label, value in terms:
        s.text(0, label, "label", 1)
        s.text(2, value, "", LAST_COL)
        s.next()
    s.next()


def _packing(s: _Sheet, pi: ProformaInvoice) -> None:
    s.text(0, "Packing", "bold", 1)
    s.next()
    for col, title in zip(range(1, 7), ("Model", "Carton size", "Pcs / carton", "Cartons", "CBM", "G.W. (kg)"),
                          strict=True):
        s.text(col, title, "head")
    s.next()
    for line in pi.lines:
        s.text(1, line.model, "cell")
        s.text(2, line.carton_size or "-", "cell")
        s.value(3, line.carton_qty, "int")
        s.value(4, line.cartons, "int")
        s.value(5, line.cbm, "dec")
        s.value(6, line.gross_weight, "kg")
        s.next()
    s.text(1, "Total", "total_label", 3)
    s.value(4, pi.packing_total("cartons"), "int")
    s.value(5, pi.packing_total("cbm"), "dec")
    s.value(6, pi.packing_total("gross_weight"), "kg")
    s.next(2)


def _bank_and_signature(s: _Sheet, pi: ProformaInvoice) -> None:
    b = pi.bank
    s.text(0, "Bank details", "bold", 1)
    s.next()
    for label, value in (("Beneficiary:", b.beneficiary), ("Bank:", b.bank), ("Account No.:", b.account),
                         ("SWIFT:", b.swift), ("Bank address:", b.address)):
        s.text(0, label, "label", 1)
        s.text(2, value, "", LAST_COL)
        s.next()
    s.next(3)
    s.text(0, f"For and on behalf of {pi.seller.name}", "sign", 2)
    s.text(4, "Accepted by the buyer (signature and stamp)", "sign", LAST_COL)
    s.next()
    s.text(0, pi.owner or pi.seller.contact, "", 2)
    s.text(4, dict(pi.buyer).get("Company", ""), "", LAST_COL)
    s.next()


def write_pi_xlsx(pi: ProformaInvoice, path: Path) -> Path:
    """Write the PI workbook to `path` (one sheet, A4 portrait, one page wide, print area set)."""
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"title": f"Proforma invoice {pi.number}", "author": pi.seller.name,
                         "company": pi.seller.name})
    ws = book.add_worksheet(SHEET)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    s = _Sheet(book, ws, currency_decimals(pi.currency))
    _header(s, pi)
    _lines(s, pi)
    _terms(s, pi)
    _packing(s, pi)
    _bank_and_signature(s, pi)
    ws.set_paper(A4)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.print_area(0, 0, s.row, LAST_COL)
    ws.set_footer(f"&C&8{pi.number} – page &P of &N")
    ws.hide_gridlines(2)
    book.close()
    return path
