"""Proforma invoices on a real workbook: figures worked out by hand, the .xlsx opened back, the PDF's page size and
text read with poppler, the paste-ready text, and `--sent` logging the lines in Quotes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from cli_support import invoke
from conftest import require

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.pi.words import amount_in_words, integer_words
from tradexl.settings import BankDetails, Settings

TODAY = "2026-03-20"
PRODUCTS = [
    {"Model": "AB-100", "Name": "LED panel light", "Specification": "600x600, 40W", "Base Price": 3.4, "MOQ": 500,
     "Unit": "pcs", "Currency": "USD", "Active": "Yes", "Carton Qty": 50, "Carton Size": "62 x 62 x 30 cm",
     "CBM": 0.05, "Gross Weight": 12.5, "Lead Time (days)": 25},
    {"Model": "SP-300", "Name": "Solar street light", "Base Price": 42.0, "MOQ": 50, "Unit": "sets",
     "Currency": "USD", "Active": "Yes", "Lead Time (days)": 40},
]
CUSTOMERS = [{"Customer ID": "C0007", "Company": "Al Noor Trading L.L.C.", "Contact": "Ahmed Saleh",
              "Email": "ahmed@alnoor-trading.ae", "Phone": "+971 4 123 4567", "Country": "UAE", "City": "Dubai",
              "Owner": "Amy"}]
INQUIRIES = [
    {"Inquiry ID": "I0001", "Received": datetime(2026, 3, 18, 9, 30), "Channel": "Email", "Customer ID": "C0007",
     "Company": "Al Noor Trading L.L.C.", "Email": "ahmed@alnoor-trading.ae", "Country": "UAE",
     "Product": "AB-100", "Quantity": 1200, "Message": "please send PI", "Owner": "Amy", "Status": "Replied"},
    {"Inquiry ID": "I0002", "Received": datetime(2026, 3, 19, 10, 0), "Channel": "Alibaba",
     "Company": "=Kampala Solar", "Contact": "Grace", "Country": "Uganda", "Product": "AB-100, SP-300",
     "Owner": "Tony", "Status": "New"},
]
BANK = BankDetails("Ningbo Best Co., Ltd.", "Bank of China Ningbo Branch", "3581 0000 1234", "BKCHCNBJ92A",
                   "139 Yaohang Street, Ningbo")




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pi") / "Sales.xlsm"
    build_workbook(path, settings=Settings(bank=BANK),
                   data={"products": PRODUCTS, "customers": CUSTOMERS, "inquiries": INQUIRIES})
    return path


@pytest.fixture
def book(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(built, tmp_path / "Sales.xlsm"))


@pytest.mark.parametrize(("number", "words"), [
    (0, "ZERO"), (13, "THIRTEEN"), (21, "TWENTY-ONE"), (100, "ONE HUNDRED"), (105, "ONE HUNDRED AND FIVE"),
    (1001, "ONE THOUSAND AND ONE"), (3876, "THREE THOUSAND EIGHT HUNDRED AND SEVENTY-SIX"),
    (1_250_000, "ONE MILLION TWO HUNDRED AND FIFTY THOUSAND"),
])
def test_integer_words(number: int, words: str):
    assert integer_words(number) == words


def test_amount_in_words_with_cents_and_other_currencies():
    assert amount_in_words(Decimal("2137.50"), "USD") == \
        "SAY US DOLLARS TWO THOUSAND ONE HUNDRED AND THIRTY-SEVEN AND CENTS FIFTY ONLY"
    assert amount_in_words(Decimal("12"), "EUR") == "SAY EUROS TWELVE ONLY"
    assert amount_in_words(Decimal("5.05"), "XYZ") == "SAY XYZ FIVE AND CENTS FIVE ONLY"


def test_pi_figures_worked_out_by_hand_and_the_xlsx_opened_back(book: Path, tmp_path: Path):
    before = book.read_bytes()
    code, out, err = invoke("pi", book, "I0001", "--out", tmp_path / "pi", "--no-pdf", "--today", TODAY)
    assert code == 0, err
    # UAE -> Middle East, factor 0.95: 3.40 x 0.95 = 3.23; 1,200 x 3.23 = 3,876.00
    assert out == f"PI PI260320-I0001: USD 3,876.00 (1 line(s)) -> {tmp_path / 'pi' / 'PI260320-I0001.xlsx'}\n"
    assert book.read_bytes() == before, "without --sent the workbook is not touched"
    assert not (tmp_path / "pi" / "PI260320-I0001.txt").exists(), "an email buyer gets no paste text"
    ws = openpyxl.load_workbook(tmp_path / "pi" / "PI260320-I0001.xlsx")["Proforma Invoice"]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    texts = [v for v in cells.values() if isinstance(v, str)]
    assert "PROFORMA INVOICE" in texts and "PI260320-I0001" in texts and "Al Noor Trading L.L.C." in texts
    row = next(r for (r, c), v in cells.items() if v == "AB-100" and c == 2)
    assert [cells.get((row, c)) for c in range(1, 8)] == [
        1, "AB-100", "LED panel light; 600x600, 40W", 1200, "pcs", 3.23, f"=D{row}*F{row}"]
    assert cells[(row + 1, 7)] == f"=SUM(G{row}:G{row})"
    assert "SAY US DOLLARS THREE THOUSAND EIGHT HUNDRED AND SEVENTY-SIX ONLY" in texts
    for expected in ("30% T/T deposit, 70% before shipment", "FOB", "Ningbo", "25 days after receipt of deposit",
                     "This PI is valid until 2026-04-04.", "BKCHCNBJ92A", "Bank of China Ningbo Branch",
                     "62 x 62 x 30 cm"):
        assert expected in texts, expected
    packing = next(r for (r, c), v in cells.items() if v == "62 x 62 x 30 cm")
    assert [cells.get((packing, c)) for c in (4, 5, 6, 7)] == [50, 24, 1.2, 300]  # 1200/50 cartons, x0.05, x12.5
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # one page wide


def test_a_buyer_without_email_gets_paste_ready_text_and_moq_quantities(book: Path, tmp_path: Path):
    code, out, err = invoke("pi", book, "I0002", "--out", tmp_path, "--no-pdf", "--today", TODAY)
    assert code == 0, err
    # Uganda -> Africa, factor 0.97: AB-100 3.30 x MOQ 500 = 1,649.00 (3.298 -> 3.30), SP-300 40.74 x 50 = 2,037.00
    assert "USD 3,687.00 (2 line(s))" in out
    assert "Note: AB-100: quantity set to the MOQ 500" in err
    text = (tmp_path / "PI260320-I0002.txt").read_bytes().decode("utf-8-sig")  # the reply's paste-text format
    assert text.startswith("Dear Grace,")
    assert "TOTAL CFR destination port: USD 3,687.00" in text
    assert "SAY US DOLLARS THREE THOUSAND SIX HUNDRED AND EIGHTY-SEVEN ONLY" in text
    assert "Buyer:          =Kampala Solar" in text  # the line starts with the label: never a formula
    assert "Lead time:      40 days after receipt of deposit" in text
    ws = openpyxl.load_workbook(tmp_path / "PI260320-I0002.xlsx")["Proforma Invoice"]
    assert "=Kampala Solar" in [c.value for row in ws.iter_rows() for c in row if c.data_type == "s"]


def test_sent_logs_the_lines_in_quotes_under_the_pi_number(book: Path, tmp_path: Path):
    code, out, _ = invoke("pi", book, "I0001", "--out", tmp_path, "--no-pdf", "--sent", "--today", TODAY)
    assert code == 0 and "Logged 1 quote line(s) as PI260320-I0001." in out
    quotes = read_workbook(book).frames["quotes"]
    assert quotes[["Quote No", "Customer ID", "Model", "Quantity", "Unit Price", "Currency", "Incoterm",
                   "Status", "By"]].values.tolist() == [
        ["PI260320-I0001", "C0007", "AB-100", 1200.0, 3.23, "USD", "FOB Ningbo", "Sent", "Amy"]]


@pytest.mark.parametrize(("inquiry", "message"), [
    ("I9999", "Error: no inquiry 'I9999' on the Inquiries sheet (see its Inquiry ID column)\n"),
])
def test_pi_refusals_are_one_line_and_change_nothing(book: Path, tmp_path: Path, inquiry: str, message: str):
    before = book.read_bytes()
    code, out, err = invoke("pi", book, inquiry, "--out", tmp_path / "pi", "--sent")
    assert (code, out, err) == (1, "", message)
    assert book.read_bytes() == before and not (tmp_path / "pi").exists()


def test_pdf_is_one_a4_page_with_the_figures(book: Path, tmp_path: Path):
    require(shutil.which("soffice") is not None and shutil.which("pdftotext") is not None,
            "LibreOffice or poppler not installed")
    code, out, err = invoke("pi", book, "I0001", "--out", tmp_path, "--today", TODAY)
    assert code == 0, err
    pdf = tmp_path / "PI260320-I0001.pdf"
    assert str(pdf) in out
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info and "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in ("PROFORMA INVOICE", "PI260320-I0001", "Al Noor Trading L.L.C.", "3,876.00", "3.23",
                     "SAY US DOLLARS THREE THOUSAND EIGHT HUNDRED AND SEVENTY-SIX ONLY", "BKCHCNBJ92A"):
        assert expected in text, expected
