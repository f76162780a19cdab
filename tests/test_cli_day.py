"""`tradexl log` (and later `tradexl pi`) as a user runs them, on a real workbook file read back with calamine."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from cli_support import invoke
from python_calamine import CalamineWorkbook

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.settings import Settings

TODAY = "2026-03-20"
CUSTOMERS = [
    {"Customer ID": "C0001", "Company": "Al Noor Trading L.L.C.", "Email": "info@alnoor-trading.ae",
     "Country": "UAE", "Owner": "Amy", "Grade": "A"},
    {"Customer ID": "C0002", "Company": "Gulf Lights Co", "Email": "buy@gulflights.com", "Country": "Oman",
     "Owner": "Tony", "Grade": "B"},
    {"Customer ID": "C0003", "Company": "Gulf Lamps Solutions", "Email": "sales@gulftrading.com", "Country": "Oman",
     "Owner": "Tony", "Grade": "C"},
]
FOLLOWUPS = [{"Date": datetime(2026, 3, 10), "Customer ID": "C0001", "Company": "Al Noor Trading L.L.C.",
              "Channel": "Phone", "Summary": "Discussed prices", "Next Step": "Send catalogue", "By": "Amy"}]




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("day") / "Sales.xlsm"
    build_workbook(path, settings=Settings(), data={"customers": CUSTOMERS, "followups": FOLLOWUPS})
    return path


@pytest.fixture
def book(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(built, tmp_path / "Sales.xlsm"))


def sheet(path: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def due_companies(path: Path) -> list[object]:
    return [row[1] for row in sheet(path, "Due Follow-ups")[2:] if len(row) > 2 and row[2] in ("A", "B", "C", "D")]


def test_log_appends_a_follow_up_and_moves_the_next_contact_at_once(book: Path):
    code, _, _ = invoke("followups", book, "--today", TODAY)
    assert code == 0 and "Al Noor Trading L.L.C." in due_companies(book)  # A: 10 March + 3 days, overdue
    code, out, err = invoke("log", book, "C0001", "--channel", "whatsapp", "--summary", "=Sent packing photos",
                            "--next-step", "Call on Friday", "--today", TODAY)
    assert code == 0, err
    assert out.startswith("Logged WhatsApp with C0001 Al Noor Trading L.L.C. on 2026-03-20 (Follow-ups row 3).")
    tables = read_workbook(book)
    row = tables.frames["followups"].loc[3]
    assert (row["Customer ID"], row["Channel"], row["Summary"], row["Next Step"], row["By"]) == (
        "C0001", "WhatsApp", "=Sent packing photos", "Call on Friday", "Amy")  # buyer text stays text
    assert row["Date"] in (date(2026, 3, 20), datetime(2026, 3, 20))
    customers = sheet(book, "Customers")
    header = customers[0]
    noor = customers[1]
    assert noor[header.index("Last Contact")] == date(2026, 3, 20)
    assert noor[header.index("Next Contact")] == date(2026, 3, 23)  # grade A: every 3 days
    assert noor[header.index("Channel")] == "WhatsApp"  # the channel the buyer answered on
    assert "Al Noor Trading L.L.C." not in due_companies(book)


@pytest.mark.parametrize(("query", "cid"), [("BUY@gulflights.com", "C0002"), ("gulf lights co., ltd", "C0002"),
                                            ("alnoor-trading.ae", "C0001"), ("c0003", "C0003")])
def test_log_finds_the_customer_by_email_domain_company_or_id(book: Path, query: str, cid: str):
    code, _, err = invoke("log", book, query, "--channel", "Email", "--summary", "Price list", "--date",
                          "2026-03-19", "--by", "Lily", "--today", TODAY)
    assert code == 0, err
    row = read_workbook(book).frames["followups"].loc[3]
    assert (row["Customer ID"], row["By"]) == (cid, "Lily")
    assert row["Date"] in (date(2026, 3, 19), datetime(2026, 3, 19))


@pytest.mark.parametrize(("args", "message"), [
    (["C9999", "--channel", "Phone"], "Error: no customer matches 'C9999' on the Customers sheet"),
    (["Gulf", "--channel", "Phone"], "Error: 'Gulf' matches several customers (C0002 Gulf Lights Co; "
                                     "C0003 Gulf Lamps Solutions); give the Customer ID"),
    (["Gulf Lites Co", "--channel", "Phone"], "Error: 'Gulf Lites Co' may be C0002 Gulf Lights Co (check: name "
                                              "85%); give the Customer ID to confirm"),
    (["C0001", "--channel", "Pigeon"], "Error: unknown channel 'Pigeon' (use one of: Email, Phone, Fax, Visit, "
                                       "Trade show, WhatsApp, Sample, Quote)"),
])
def test_log_refusals_are_one_line_and_change_nothing(book: Path, args: list[str], message: str):
    before = book.read_bytes()
    code, out, err = invoke("log", book, *args, "--summary", "Called")
    assert code == 1 and out == ""
    assert err.startswith(message) and err.count("\n") == 1
    assert book.read_bytes() == before
