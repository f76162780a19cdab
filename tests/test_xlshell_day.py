"""The day-to-day ribbon macros (Import mail, Fetch mail, Reply draft, Log contact, Proforma invoice) against
xlwings' real classes (autospec, tests/xlshell_fake.py) with the real core: rows land under the tables, which
grow; new inquiries are graded and Due/Unanswered rebuilt at once; the mail check is logged; one message box on
any refusal and nothing written."""

from __future__ import annotations

import getpass
from datetime import date, datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw
from xlshell_book import excel_form
from xlshell_fake import FakeExcel, FakeSheet

import tradexl.xlshell.macros as macros
from tradexl.mail.stream import read_eml
from tradexl.schema import CUSTOMERS, FOLLOWUPS, INQUIRIES, PRODUCTS, QUOTES, SheetDef
from tradexl.xlshell.workbook import execute

TODAY = date(2026, 3, 20)
NOW = datetime(2026, 3, 20, 17, 0)
MAIL = Path(__file__).parent / "fixtures" / "mail"


def table_sheet(definition: SheetDef, rows: list[dict[str, Any]]) -> FakeSheet:
    sheet = FakeSheet(definition.name)
    columns = [c.name for c in definition.user_columns]
    sheet.put(1, 1, excel_form([columns, *[[row.get(c) for c in columns] for row in rows]]))
    sheet.tables[definition.table] = (1, 1, len(rows) + 1, len(columns))
    return sheet


def book(tmp_path: Path) -> FakeExcel:
    inquiries = table_sheet(INQUIRIES, [
        {"Inquiry ID": "I0001", "Received": datetime(2026, 3, 18, 9, 30), "Channel": "Email", "Customer ID": "C0007",
         "Company": "Al Noor Trading L.L.C.", "Contact": "Ahmed", "Email": "ahmed@alnoor-trading.ae",
         "Country": "UAE", "Product": "AB-100", "Quantity": 1200, "Owner": "Amy", "Status": "New"}])
    customers = table_sheet(CUSTOMERS, [
        {"Customer ID": "C0007", "Company": "Al Noor Trading L.L.C.", "Email": "info@alnoor-trading.ae",
         "Country": "UAE", "Owner": "Amy", "Grade": "A"},
        {"Customer ID": "C0008", "Company": "Beta Lights", "Email": "buy@beta.com", "Country": "Oman",
         "Owner": "Tony", "Grade": "B"}])
    followups = table_sheet(FOLLOWUPS, [
        {"Date": datetime(2026, 3, 10), "Customer ID": "C0007", "Company": "Al Noor Trading L.L.C.",
         "Channel": "Phone", "Summary": "Prices discussed", "By": "Amy"}])
    products = table_sheet(PRODUCTS, [
        {"Model": "AB-100", "Name": "LED panel light", "Base Price": 3.4, "MOQ": 500, "Unit": "pcs",
         "Currency": "USD", "Active": "Yes", "Carton Qty": 50, "CBM": 0.05, "Gross Weight": 12.5}])
    quotes = table_sheet(QUOTES, [])
    settings = FakeSheet("Settings")
    settings.put(1, 1, [["Setting", "Value"], ["Language", "en"], ["Mail Folder", None],
                        ["IMAP Host", "mail.lumax.test"], ["IMAP User", "sales"], ["IMAP Folder", "Inquiries"]])
    excel = FakeExcel([inquiries, customers, followups, quotes, products, settings])
    excel.fullname = str(tmp_path / "Sales.xlsm")
    return excel


@pytest.fixture
def excel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeExcel:
    made = book(tmp_path)
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: made.book))
    monkeypatch.setattr(macros, "now", lambda: (TODAY, NOW))
    opened: list[Path] = []
    monkeypatch.setattr(macros, "open_with_default_program", opened.append)
    made.opened = opened  # type: ignore[attr-defined]
    return made


def refresh_followups(excel: FakeExcel) -> None:
    execute(excel.book, ("followups",), clock=lambda: (TODAY, NOW))


def column(excel: FakeExcel, sheet: str, name: str) -> int:
    header = excel.sheet(sheet)
    return next(c for (r, c), v in header.cells.items() if r == 1 and v == name)


def test_log_contact_appends_the_row_and_the_customer_leaves_the_due_list(excel: FakeExcel):
    refresh_followups(excel)
    due = excel.sheet("Due Follow-ups")
    noor = next(r for (r, c), v in due.cells.items() if c == 2 and v == "Al Noor Trading L.L.C.")
    excel.selected = ("Due Follow-ups", noor)
    macros.log_contact("whatsapp", "=Sent packing photos", "Call on Friday")
    assert not excel.alerts
    follow = excel.sheet("Follow-ups")
    assert follow.tables["tblFollowups"] == (1, 1, 3, len(FOLLOWUPS.user_columns))  # the table grew by one row
    assert [follow.value(3, c) for c in range(1, 8)] == [
        datetime(2026, 3, 20), "C0007", "Al Noor Trading L.L.C.", "WhatsApp", "=Sent packing photos",
        "Call on Friday", "Amy"]  # the formula-looking summary is stored as text
    customers = excel.sheet("Customers")
    assert customers.value(2, column(excel, "Customers", "Next Contact")) == datetime(2026, 3, 23)  # A: +3 days
    assert customers.value(2, column(excel, "Customers", "Channel")) == "WhatsApp"
    assert "Al Noor Trading L.L.C." not in excel.sheet("Due Follow-ups").cells.values()
    assert excel.status_bar == "1 customer due today, 0 overdue A/B"


@pytest.mark.parametrize("selected", [None, ("Customers", 2), ("Due Follow-ups", 2)])
def test_log_contact_needs_a_due_row(excel: FakeExcel, selected: tuple[str, int] | None):
    refresh_followups(excel)
    excel.writes.clear()
    excel.selected = selected
    macros.log_contact("Phone", "Called")
    assert [a[0] for a in excel.alerts] == ["select a customer's row on the Due Follow-ups sheet first"]
    assert excel.writes == []


def test_import_mail_adds_grades_refreshes_logs_and_remembers_the_folder(excel: FakeExcel):
    macros.import_mail(str(MAIL))
    assert not excel.alerts, excel.alerts
    inquiries = excel.sheet("Inquiries")
    added = inquiries.tables["tblInquiries"][2] - 2
    assert added >= 15
    grade = column(excel, "Inquiries", "Suggested Grade")
    assert all(inquiries.value(r, grade) in {"A", "B", "C", "D"} for r in range(2, added + 3))  # graded at once
    assert excel.sheet("Customers").tables["tblCustomers"][2] > 3  # new buyers added
    assert "Unanswered" in [s.name for s in excel.sheets] and "Due Follow-ups" in [s.name for s in excel.sheets]
    log = excel.sheet("Mail Log")
    assert not log.visible
    assert [log.value(1, c) for c in range(1, 6)] == ["Checked At", "By", "Source", "Messages", "Added"]
    assert [log.value(2, c) for c in range(1, 6)] == [NOW, getpass.getuser(), str(MAIL), float(added),
                                                      float(added)]
    assert excel.sheet("Settings").value(3, 2) == str(MAIL)  # remembered next to "Mail Folder"
    assert str(excel.status_bar).startswith(f"{added} inquiries added")

    macros.import_mail("")  # the remembered folder; everything is a duplicate now
    assert not excel.alerts
    assert inquiries.tables["tblInquiries"][2] - 2 == added
    assert [log.value(3, c) for c in (4, 5)] == [float(added), 0.0]


def test_fetch_mail_reads_the_mailbox_named_in_settings(excel: FakeExcel, monkeypatch: pytest.MonkeyPatch):
    asked: list[Any] = []

    def fetch(account: Any, password: str, *, since: date | None = None, **_: Any) -> list[Any]:
        asked.append((account.host, account.user, account.folder, password, since))
        return [read_eml(MAIL / "01_multipart_attachment.eml")]

    monkeypatch.setattr(macros, "fetch_messages", fetch)  # the network: Dovecot runs in test_mail_imap.py
    monkeypatch.setenv("TRADEXL_IMAP_PASSWORD", "secret")
    macros.fetch_mail()
    assert not excel.alerts, excel.alerts
    assert asked == [("mail.lumax.test", "sales", "Inquiries", "secret", date(2026, 2, 18))]
    assert excel.sheet("Inquiries").tables["tblInquiries"][2] == 3
    assert excel.sheet("Mail Log").value(2, 3) == "IMAP"


def test_fetch_mail_without_imap_settings_says_what_to_fill_in(excel: FakeExcel):
    settings = excel.sheet("Settings")
    settings.cells.pop((4, 2))
    macros.fetch_mail()
    assert excel.alerts == [("fill in IMAP Host and IMAP User in the Settings sheet's General table first",
                             "TradeXL", "critical")]
    assert excel.writes == []


def test_reply_draft_writes_the_eml_next_to_the_book_and_opens_it(excel: FakeExcel, tmp_path: Path):
    excel.selected = ("Inquiries", 2)
    macros.reply_draft()
    assert not excel.alerts, excel.alerts
    (draft,) = excel.opened  # type: ignore[attr-defined]
    assert draft.parent == tmp_path / "Drafts" and draft.suffix == ".eml"
    msg = message_from_bytes(draft.read_bytes(), policy=default)
    assert msg["To"].addresses[0].addr_spec == "ahmed@alnoor-trading.ae" and msg["X-Unsent"] == "1"
    assert excel.writes == [], "a draft is not a contact: nothing is logged"


def test_proforma_invoice_for_the_selected_inquiry(excel: FakeExcel, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("tradexl.pi.service.to_pdf", lambda source, out: None)  # PDF: tests/test_pi.py
    excel.selected = ("Inquiries", 2)
    macros.proforma_invoice()
    assert not excel.alerts, excel.alerts
    assert excel.opened == [tmp_path / "PI" / "PI260320-I0001.xlsx"]  # type: ignore[attr-defined]
    assert excel.status_bar == f"PI PI260320-I0001: USD 3,876.00 -> {tmp_path / 'PI'}"
    assert excel.writes == []


def test_proforma_invoice_needs_an_inquiry_row(excel: FakeExcel):
    excel.selected = ("Customers", 2)
    macros.proforma_invoice()
    assert excel.alerts == [("select a data row of the Inquiries sheet first", "TradeXL", "critical")]


def test_log_contact_on_a_renamed_due_tab(excel: FakeExcel):
    refresh_followups(excel)
    assert excel.names["_TradeXL.Due_Follow.002dups"] == "='Due Follow-ups'!$A$1"  # marked by the refresh
    excel.sheet("Due Follow-ups").name = "今日跟进"  # the user renames the tab; Excel repoints the marker
    excel.names["_TradeXL.Due_Follow.002dups"] = "=今日跟进!$A$1"
    due = excel.sheet("今日跟进")
    noor = next(r for (r, c), v in due.cells.items() if c == 2 and v == "Al Noor Trading L.L.C.")
    excel.selected = ("今日跟进", noor)
    macros.log_contact("Phone", "Called", "")
    assert not excel.alerts
    assert excel.sheet("Follow-ups").value(3, 3) == "Al Noor Trading L.L.C."
    assert [s.name for s in excel.sheets if "Due" in s.name or "跟进" in s.name] == ["今日跟进"]  # rebuilt in place
