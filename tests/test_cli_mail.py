"""The mail commands as a user runs them: `tradexl import`, `lookup` and `reply` on a real workbook file.

Exit codes, the printed lines, one-line `Error: ...` messages for bad input, and that a refused command leaves
the workbook byte for byte as it was. `fetch` is run against the real Dovecot server in test_mail_imap.py.
"""

from __future__ import annotations

import shutil
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from cli_support import invoke
from python_calamine import CalamineWorkbook

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.settings import Settings

CORPUS = Path(__file__).parent / "fixtures" / "mail"
MESSAGES = 18  # .eml files, the mbox and the Alibaba CSV in CORPUS
NEW_BUYERS = 15  # every sender but the three from Al Noor (C0007, matched by domain)
PRODUCTS = [{"Model": "AB-100", "Name": "LED panel light", "Base Price": 3.4, "MOQ": 500, "Unit": "pcs",
             "Certifications": "CE, RoHS", "Active": "Yes"},
            {"Model": "SP-300", "Name": "Solar street light", "Base Price": 42.0, "MOQ": 50, "Unit": "pcs",
             "Active": "Yes"}]
CUSTOMERS = [{"Customer ID": "C0007", "Company": "Al Noor Trading L.L.C.", "Email": "info@alnoor-trading.ae",
              "Country": "UAE", "Owner": "Amy"}]




@pytest.fixture(scope="module")
def imported_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-mail") / "Sales.xlsm"
    build_workbook(path, settings=Settings(), data={"products": PRODUCTS, "customers": CUSTOMERS})
    code, _, err = invoke("import", path, CORPUS)
    assert code == 0, err
    return path


@pytest.fixture
def book(imported_book: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "Sales.xlsm"
    shutil.copyfile(imported_book, copy)
    return copy


def sheet_rows(path: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_import_prints_new_customers_and_a_summary_then_adds_nothing_twice(tmp_path: Path):
    path = tmp_path / "Sales.xlsm"
    build_workbook(path, data={"products": PRODUCTS, "customers": CUSTOMERS})
    code, out, err = invoke("import", path, CORPUS)
    assert code == 0 and "Traceback" not in err
    lines = out.splitlines()
    assert lines[-1] == f"Sales.xlsm: {MESSAGES} inquiries added, 0 duplicates skipped, {NEW_BUYERS} new customers"
    assert sum(line.startswith("New customer C00") for line in lines) == NEW_BUYERS
    assert not any("C0007" in line for line in lines if line.startswith("New customer")), "known buyer re-added"
    assert len(read_workbook(path).frames["inquiries"]) == MESSAGES
    before = path.read_bytes()
    code, out, _ = invoke("import", path, CORPUS)
    assert code == 0 and out.splitlines()[-1] == f"Sales.xlsm: 0 inquiries added, {MESSAGES} duplicates skipped, " \
                                                 "0 new customers"
    assert path.read_bytes() == before, "nothing new: the file is not rewritten"


def test_import_reports_an_unreadable_file_and_keeps_the_rest(tmp_path: Path):
    path = tmp_path / "Sales.xlsm"
    build_workbook(path, data={"products": PRODUCTS})
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n")
    code, out, err = invoke("import", path, CORPUS / "01_multipart_attachment.eml", junk)
    assert code == 0
    assert err.startswith(f"Skipped {junk}") and "not an inquiry export" in err
    assert out.splitlines()[-1].startswith("Sales.xlsm: 1 inquiries added") and "1 unreadable file(s)" in out


def test_import_of_a_missing_mail_file_is_a_usage_error_and_changes_nothing(book: Path, tmp_path: Path):
    before = book.read_bytes()
    code, _, err = invoke("import", book, tmp_path / "nope.mbox")
    assert code == 2 and "does not exist" in err and "Traceback" not in err
    assert book.read_bytes() == before


@pytest.mark.parametrize("command", [
    ["import", "{missing}", str(CORPUS / "01_multipart_attachment.eml")],
    ["lookup", "{missing}", "alnoor-trading.ae"],
    ["reply", "{missing}", "I0001"],
])
def test_missing_workbook_is_one_error_line(tmp_path: Path, command: list[str]):
    missing = tmp_path / "Nope.xlsm"
    code, out, err = invoke(*(a.format(missing=missing) for a in command))
    assert code == 1 and out == ""
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Nope.xlsm" in err
    assert not missing.exists()


def test_lookup_prints_the_history_and_leaves_the_file_alone(book: Path):
    before = book.read_bytes()
    code, out, _ = invoke("lookup", book, "alnoor-trading.ae")
    assert code == 0
    assert out.startswith("== C0007 Al Noor Trading L.L.C.") and "Inquiries (3):" in out and "Owner: Amy" in out
    code, out, _ = invoke("lookup", book, "nobody@nowhere.example")
    assert code == 0 and out == "No customer matches 'nobody@nowhere.example'. New buyer: add them to Customers.\n"
    assert book.read_bytes() == before


def test_lookup_sheet_writes_the_history_sheet(book: Path):
    code, out, _ = invoke("lookup", book, "C0007", "--sheet", "--today", "2026-03-21")
    assert code == 0
    assert "Inquiries (3):" in out and out.splitlines()[-1] == "Sales.xlsm: History of C0007: see the History sheet"
    texts = [str(v) for row in sheet_rows(book, "History") for v in row if v != ""]
    assert texts[:2] == ["Customer history – C0007", "1 customer(s) found on 2026-03-21"]
    assert "C0007 Al Noor Trading L.L.C." in texts and "Inquiries (3)" in texts
    code, _, _ = invoke("lookup", book, "lichtwerk", "--sheet")
    names = CalamineWorkbook.from_path(str(book)).sheet_names
    assert code == 0 and names.count("History") == 1, "the History sheet is replaced, not added again"
    assert "Lichtwerk GmbH" in " ".join(str(v) for row in sheet_rows(book, "History") for v in row)


def test_reply_writes_a_draft_and_logs_nothing_until_sent(book: Path, tmp_path: Path):
    before = book.read_bytes()
    code, out, _ = invoke("reply", book, "I0001", "--out", tmp_path / "drafts", "--today", "2026-03-21")
    assert code == 0
    (draft,) = (tmp_path / "drafts").glob("*.eml")
    assert out == f"Draft: {draft}  (not logged; once sent, run again with --sent)\n"
    msg = message_from_bytes(draft.read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1" and msg["To"].addresses[0].addr_spec == "ahmed@alnoor-trading.ae"
    assert msg["Subject"].startswith("Re: ")
    assert book.read_bytes() == before, "a draft is not a contact: the workbook is untouched"


def test_reply_sent_records_replied_at_and_status(book: Path, tmp_path: Path):
    code, out, _ = invoke("reply", book, "I0001", "--out", tmp_path, "--sent", "--today", "2026-03-21")
    assert code == 0 and out.endswith("(logged: quote Q2603-001, 1 line(s), and a follow-up)\n")
    inquiry = read_workbook(book).frames["inquiries"].set_index("Inquiry ID").loc["I0001"]
    assert inquiry["Replied At"] is not None and inquiry["Status"] == "Quoted"


def test_reply_refusals_are_one_line_and_change_nothing(book: Path, tmp_path: Path):
    message = "Error: no inquiry 'I9999' on the Inquiries sheet (see its Inquiry ID column)\n"
    before = book.read_bytes()
    code, out, err = invoke("reply", book, "I9999", "--out", tmp_path / "drafts")
    assert code == 1 and out == ""
    assert err.startswith("Error: ") and err.endswith(message) and err.count("\n") == 1
    assert book.read_bytes() == before and not (tmp_path / "drafts").exists()
