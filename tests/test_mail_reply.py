"""`tradexl reply` as a salesperson uses it: real workbook, real .eml drafts parsed back with the stdlib.

Figures are worked out by hand from the contract's default pricing table: Europe factor 1.08, Middle East 0.95.
AB-100 base 3.40 -> Europe 3.672 -> USD 3.67; Middle East 3.23. SP-300 base 42.00 -> Middle East 39.90.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from cli_support import invoke, parsed
from cli_support import text_part as part

from tradexl.builder import build_workbook
from tradexl.fileengine.engine import FileWorkbook
from tradexl.fileengine.reader import read_workbook
from tradexl.mail.answer import answer_inquiry, quote_number, wants_pi
from tradexl.settings import CompanyProfile, Settings, TeamMember

SETTINGS = Settings(company=CompanyProfile(name="Lux Lighting Co., Ltd.", contact="Lily Chen",
                                           email="sales@lux-lighting.cn", phone="+86 574 8888 0000"),
                    team=(TeamMember("Amy Wang", email="amy@lux-lighting.cn"),))
PRODUCTS = [
    {"Model": "AB-100", "Name": "LED panel light", "Base Price": 3.4, "MOQ": 500, "Unit": "pcs",
     "Certifications": "CE, RoHS", "Active": "Yes", "Hot": "Yes"},
    {"Model": "SP-300", "Name": "Solar street light", "Base Price": 42.0, "MOQ": 50, "Unit": "pcs",
     "Active": "Yes", "New": "Yes"},
    *({"Model": f"LT-{n}", "Name": "LED tube", "Base Price": 0.9 + n / 100, "MOQ": 1000, "Unit": "pcs",
       "Active": "Yes"} for n in range(16)),
]
RECEIVED = datetime(2026, 11, 30, 9, 0)
INQUIRIES = [
    {"Inquiry ID": "I0001", "Received": RECEIVED, "Channel": "Email", "Customer ID": "C0001",
     "Company": "Iluminación Muñoz S.L.", "Contact": "José Muñoz", "Email": "jose@iluminacion.es",
     "Country": "Spain", "Product": "AB-100", "Quantity": 300, "Target Price": "USD 3.40",
     "Message": "Please quote AB-100 and send the PI.", "Owner": "Amy Wang", "Status": "New"},
    {"Inquiry ID": "I0002", "Received": RECEIVED, "Channel": "Email", "Company": "Gulf Lights",
     "Contact": "Omar", "Email": "omar@gulflights.ae", "Country": "UAE", "Product": "",
     "Message": "Please send your catalog and price list.", "Owner": "Amy Wang", "Status": "New"},
    {"Inquiry ID": "I0003", "Received": RECEIVED, "Channel": "Email", "Company": "Gulf Lights",
     "Contact": "Omar", "Email": "omar@gulflights.ae", "Country": "UAE", "Product": "AB-100",
     "Quantity": 1000, "Target Price": 3.0, "Owner": "Amy Wang", "Status": "New"},
    {"Inquiry ID": "I0004", "Received": RECEIVED, "Channel": "Alibaba", "Company": "Souq Al Noor",
     "Contact": "Fatima", "Country": "UAE", "Product": "SP-300", "Quantity": 100, "Owner": "Amy Wang",
     "Status": "New"},
]
QUOTES = [
    {"Quote No": "LXQ2611-041", "Date": date(2026, 11, 20), "Customer ID": "C0001",
     "Company": "Iluminación Muñoz S.L.", "Region": "Europe", "Model": "AB-100", "Quantity": 500,
     "Unit Price": 3.5, "Currency": "USD", "Status": "Sent", "By": "Amy Wang"},
    {"Quote No": "LXQ2612-001", "Date": date(2026, 12, 1), "Customer ID": "C0009", "Company": "Other",
     "Region": "Europe", "Model": "SP-300", "Quantity": 50, "Unit Price": 45.36, "Currency": "USD",
     "Status": "Sent", "By": "Amy Wang"},
]
CUSTOMERS = [{"Customer ID": "C0001", "Company": "Iluminación Muñoz S.L.", "Country": "Spain", "Owner": "Amy Wang"},
             {"Customer ID": "C0009", "Company": "Other", "Country": "Germany", "Owner": "Amy Wang"}]




@pytest.fixture()
def book(tmp_path: Path) -> Path:
    path = tmp_path / "Sales.xlsm"
    build_workbook(path, settings=SETTINGS, data={"products": PRODUCTS, "inquiries": INQUIRIES,
                                                  "quotes": QUOTES, "customers": CUSTOMERS})
    return path






class Cells(HTMLParser):
    """The cell texts of the first <table>, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tables = 0
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables += 1
        elif tag == "tr" and self.tables == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self.tables == 1:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str) -> list[list[str]]:
    cells = Cells()
    cells.feed(html)
    return cells.rows


def test_draft_answers_the_buyer_and_logs_nothing(book: Path, tmp_path: Path):
    before = book.read_bytes()
    code, out, _ = invoke("reply", book, "I0001", "--out", tmp_path / "drafts", "--today", "2026-12-01")
    assert code == 0 and out.endswith("(not logged; once sent, run again with --sent)\n")
    assert book.read_bytes() == before, "a draft is not a contact"
    msg = parsed(tmp_path / "drafts" / "reply-I0001.eml")
    assert msg["X-Unsent"] == "1"
    assert str(msg["From"]) == "Amy Wang <amy@lux-lighting.cn>", "the owner from Settings › Team"
    assert msg["To"].addresses[0].display_name == "José Muñoz"
    assert msg["To"].addresses[0].addr_spec == "jose@iluminacion.es"
    assert msg["Subject"] == "Re: Your inquiry about AB-100 - quotation LXQ2612-002"
    text = part(msg, "plain")
    assert text.startswith("Dear José Muñoz,\n")
    assert max(len(line) for line in text.splitlines()) <= 100, "wrapped for plain-text mail"
    assert "For your 300 pcs: USD 1,101.00." in text  # 300 x 3.67
    assert "Your target price is USD 3.40; our price is USD 0.27 (7.9%) above it" in text  # 0.27 / 3.40
    assert "Your quantity is 200 pcs below our MOQ of 500 pcs" in text
    assert "we quoted you USD 3.50 on 2026-11-20\n  (quote LXQ2611-041); today's price is USD 3.67" in text
    assert "proforma invoice (PI)" in text
    assert "QUOTATION - EUROPE" in text, "the procedure's plain-text quote is in the text part"
    assert text.count("Founded:") == 1 and text.count("Lux Lighting Co., Ltd.") == 2, \
        "one company block (plus the company under the signature)"
    assert text.rstrip().endswith("Best regards,\nAmy Wang\nLux Lighting Co., Ltd.\namy@lux-lighting.cn")
    assert "Contact:        Amy Wang\n" in text and "Email:          amy@lux-lighting.cn\n" in text, \
        "the company block names the salesperson who signs"
    rows = table_rows(part(msg, "html"))
    assert rows == [
        ["Model", "Product", "MOQ", "Unit price", "Your quantity", "Line total", "Certifications"],
        ["AB-100", "LED panel light", "500 pcs", "USD 3.67", "300 pcs", "USD 1,101.00", "CE, RoHS"]], \
        "columns no line fills (Specification, Lead time) are left out"


def test_sent_logs_once_with_the_quote_month_and_the_real_time(book: Path, tmp_path: Path):
    started = datetime.now().replace(microsecond=0) - timedelta(minutes=1)
    code, out, _ = invoke("reply", book, "I0001", "--out", tmp_path, "--sent", "--today", "2026-12-01")
    assert code == 0 and out.endswith("(logged: quote LXQ2612-002, 1 line(s), and a follow-up)\n")
    tables = read_workbook(book)
    quotes = tables.frames["quotes"]
    assert list(quotes["Quote No"]) == ["LXQ2611-041", "LXQ2612-001", "LXQ2612-002"], \
        "numbered in the quote's month after December's highest, not after November's"
    new = quotes.iloc[-1]
    assert (new["Model"], new["Quantity"], new["Unit Price"], new["Status"]) == ("AB-100", 300, 3.67, "Sent")
    assert new["Date"] == date(2026, 12, 1) and new["Valid Until"] == date(2026, 12, 31)  # Europe 30 days
    (followup,) = tables.frames["followups"].to_dict("records")
    assert followup["Summary"] == "Reply to I0001: quote LXQ2612-002 (Europe) for AB-100"
    assert followup["Date"] == date(2026, 12, 1) and followup["By"] == "Amy Wang"
    inquiry = tables.frames["inquiries"].set_index("Inquiry ID").loc["I0001"]
    assert inquiry["Status"] == "Quoted"
    replied = inquiry["Replied At"]
    assert replied >= started and replied <= datetime.now(), \
        "--today dates the quote; Replied At is the real time the reply went out"
    sent_date = parsed(tmp_path / "reply-I0001.eml")["Date"].datetime
    assert abs(sent_date - datetime.now().astimezone()) < timedelta(minutes=2)

    saved = book.read_bytes()
    code, out, _ = invoke("reply", book, "I0001", "--out", tmp_path, "--sent", "--today", "2026-12-01")
    assert code == 0 and out.endswith("(already logged on 2026-12-01; nothing added)\n")
    assert book.read_bytes() == saved, "a second --sent adds nothing"
    assert parsed(tmp_path / "reply-I0001.eml")["Subject"].endswith("quotation LXQ2612-002"), \
        "the rewritten draft carries the quote number that was logged"


def test_vague_inquiry_quotes_and_logs_only_the_hot_and_new_products(book: Path, tmp_path: Path):
    code, _, _ = invoke("reply", book, "I0002", "--out", tmp_path, "--sent", "--today", "2026-12-01")
    assert code == 0
    msg = parsed(tmp_path / "reply-I0002.eml")
    assert msg["Subject"] == "Re: Your inquiry - our products and catalog"
    rows = table_rows(part(msg, "html"))
    assert rows[0] == ["Model", "Product", "MOQ", "Unit price", "Certifications"]
    assert [row[:2] + row[3:4] for row in rows[1:]] == [["AB-100", "LED panel light", "USD 3.23"],
                                                        ["SP-300", "Solar street light", "USD 39.90"]]
    quotes = read_workbook(book).frames["quotes"]
    logged = quotes[quotes["Quote No"] == "LXQ2612-002"]
    assert list(logged["Model"]) == ["AB-100", "SP-300"], "18 products in the catalog, 2 quoted, 2 logged"
    assert list(logged["Unit Price"]) == [3.23, 39.9]


def test_target_below_and_line_total_for_the_middle_east(book: Path, tmp_path: Path):
    invoke("reply", book, "I0003", "--out", tmp_path, "--today", "2026-12-01")
    text = part(parsed(tmp_path / "reply-I0003.eml"), "plain")
    assert "AB-100 LED panel light: USD 3.23/pc, FOB Ningbo." in text
    assert "For your 1,000 pcs: USD 3,230.00." in text  # 1000 x 3.23
    assert "our price is USD 0.23 (7.7%) above it" in text  # 0.23 / 3.00
    assert "below our MOQ" not in text and "price has changed" not in text and "(PI)" not in text


def test_a_file_in_the_way_of_the_drafts_folder_is_one_line(book: Path, tmp_path: Path):
    (tmp_path / "notadir").write_text("x")
    code, out, err = invoke("reply", book, "I0001", "--out", tmp_path / "notadir" / "sub")
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("Error: cannot create the drafts")


def test_an_inquiry_without_email_gets_the_reply_as_text_to_paste(book: Path, tmp_path: Path):
    code, out, _ = invoke("reply", book, "I0004", "--out", tmp_path, "--today", "2026-12-01")
    assert code == 0 and "reply-I0004.txt" in out and not (tmp_path / "reply-I0004.eml").exists()
    raw = (tmp_path / "reply-I0004.txt").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    assert text.startswith("Dear Fatima,")
    assert "SP-300 Solar street light: USD 39.90/pc" in text  # Middle East 42.00 x 0.95
    assert "For your 100 pcs: USD 3,990.00." in text
    assert read_workbook(book).frames["followups"].empty  # still a draft: nothing logged


# --- the pure answer (reused by `pi`) ------------------------------------------------------------------------

def test_answer_with_lead_time_previous_quote_and_currency_rounding():
    products = pd.DataFrame(PRODUCTS).assign(**{"Lead Time (days)": [25] + [None] * (len(PRODUCTS) - 1)})
    inquiry = INQUIRIES[0] | {"Quantity": "1,250 pcs"}
    answer = answer_inquiry(inquiry, products, pd.DataFrame(QUOTES), SETTINGS)
    (line,) = answer.lines
    assert (answer.region.region, answer.vague, answer.wants_pi) == ("Europe", False, True)
    assert line.unit_price == Decimal("3.67") and line.quantity == 1250
    assert line.line_total == Decimal("4587.50")  # 1250 x 3.67
    assert line.moq_gap is None and line.target_gap == Decimal("0.27") and line.lead_time_days == 25
    assert line.previous is not None and line.previous.quote_no == "LXQ2611-041" and line.price_changed


def test_two_models_share_no_quantity_and_unknown_models_are_listed():
    inquiry = INQUIRIES[2] | {"Product": "ab 100; SP-300, ZZ-9"}
    answer = answer_inquiry(inquiry, pd.DataFrame(PRODUCTS), pd.DataFrame(QUOTES), SETTINGS)
    assert [line.model for line in answer.lines] == ["AB-100", "SP-300"] and answer.missing == ("ZZ-9",)
    assert all(line.quantity is None and line.target_price is None for line in answer.lines), \
        "one quantity for two models is ambiguous: not applied to either"


@pytest.mark.parametrize(("existing", "day", "expected"), [
    (["LXQ2611-041", "LXQ2612-001"], date(2026, 12, 1), "LXQ2612-002"),
    (["LXQ2611-041"], date(2026, 12, 1), "LXQ2612-001"),
    (["LXQ2612-009", "LXQ2611-041"], date(2026, 12, 31), "LXQ2612-010"),
    ([], date(2027, 1, 5), "Q2701-001"),
    (["Q0041", None], date(2026, 3, 21), "Q2603-001"),
])
def test_quote_number_follows_the_quote_month(existing: list[object], day: date, expected: str):
    assert quote_number(existing, day) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Please send PI", True), ("send the proforma invoice", True), ("请发形式发票", True),
    ("P.I. please", True), ("API lights", False), ("pipes and pins", False), ("", False),
])
def test_pi_requests(text: str, expected: bool):
    assert wants_pi(text) is expected


def test_no_price_lines_logged_by_a_vague_reply_to_a_catalog_without_hot_or_new(tmp_path: Path):
    path = tmp_path / "Plain.xlsm"
    plain = [{k: v for k, v in p.items() if k not in ("Hot", "New")} for p in PRODUCTS]
    build_workbook(path, settings=SETTINGS, data={"products": plain, "inquiries": INQUIRIES[1:2]})
    code, out, _ = invoke("reply", path, "I0002", "--out", tmp_path, "--sent")
    assert code == 0 and out.endswith("(logged: a follow-up (no priced lines))\n")
    tables = read_workbook(path)
    assert tables.frames["quotes"].empty
    assert tables.frames["followups"].iloc[0]["Summary"] == \
        "Reply to I0002: product overview and company introduction sent"
    text = part(parsed(tmp_path / "reply-I0002.eml"), "plain")
    assert re.search(r"^- LT-7 LED tube$", text, re.MULTILINE) and "Unit price" not in text


def test_sent_later_logs_the_number_the_draft_gave_the_buyer(book: Path, tmp_path: Path):
    invoke("reply", book, "I0001", "--out", tmp_path, "--today", "2026-12-01")
    assert parsed(tmp_path / "reply-I0001.eml")["Subject"].endswith("LXQ2612-002")
    typed = FileWorkbook(book)  # meanwhile a colleague types quote LXQ2612-005 in by hand
    typed.read()
    typed.append_rows("quotes", [QUOTES[1] | {"Quote No": "LXQ2612-005"}])
    typed.save()
    _, out, _ = invoke("reply", book, "I0001", "--out", tmp_path, "--sent", "--today", "2026-12-01")
    assert out.endswith("(logged: quote LXQ2612-002, 1 line(s), and a follow-up)\n"), "the number the buyer saw"


def test_sent_later_takes_the_next_number_when_the_drafted_one_was_taken(book: Path, tmp_path: Path):
    invoke("reply", book, "I0001", "--out", tmp_path, "--today", "2026-12-01")
    _, out, _ = invoke("reply", book, "I0003", "--out", tmp_path / "other", "--sent", "--today", "2026-12-01")
    assert out.endswith("(logged: quote LXQ2612-002, 1 line(s), and a follow-up)\n")
    _, out, _ = invoke("reply", book, "I0001", "--out", tmp_path, "--sent", "--today", "2026-12-01")
    assert out.endswith("(logged: quote LXQ2612-003, 1 line(s), and a follow-up)\n"), "never two quotes -002"
