"""Import, lookup, Unanswered and reply against a real workbook on disk (through the file engine)."""

from __future__ import annotations

import os
import shutil
import zipfile
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pandas as pd
import pytest

from tradexl.builder import build_workbook
from tradexl.errors import MailError
from tradexl.fileengine.reader import read_workbook
from tradexl.mail.importer import import_messages
from tradexl.mail.lookup import history_text, lookup
from tradexl.mail.reply import compose_reply, reply_file
from tradexl.model import InputTables
from tradexl.reports.labels import Labels
from tradexl.reports.unanswered import time_left, unanswered, unanswered_sheet
from tradexl.rules.enrich import enrich
from tradexl.settings import Settings, TeamMember

CORPUS = Path(__file__).parent / "fixtures" / "mail"
CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 3, 21, 9, 0)
PRODUCTS = [{"Model": m, "Name": n, "Base Price": p, "MOQ": 500, "Unit": "pcs", "Certifications": "CE, RoHS",
             "Active": "Yes"}
            for m, n, p in [("AB-100", "LED panel light", 3.4), ("CD-200", "Ceiling lamp", 5.1),
                            ("LP-40W", "LED tube", 0.9), ("SP-300", "Solar street light", 42.0)]]
CUSTOMERS = [{"Customer ID": "C0007", "Company": "Al Noor Trading L.L.C.", "Email": "info@alnoor-trading.ae",
              "Country": "UAE", "Owner": "Amy"},
             {"Customer ID": "C0008", "Company": "Miller Supply, Inc.", "Phone": "+1 (713) 555-0142",
              "Country": "USA"}]


@pytest.fixture()
def book(tmp_path: Path) -> Path:
    path = tmp_path / "Sales.xlsm"
    build_workbook(path, settings=Settings(catalog_file="catalog.pdf"),
                   data={"products": PRODUCTS, "customers": CUSTOMERS})
    (tmp_path / "catalog.pdf").write_bytes(b"%PDF-1.4 catalog")
    return path


@pytest.fixture()
def imported(book: Path) -> Path:
    report = import_messages(book, [CORPUS], now=NOW, tz=CHINA)
    assert report.saved and not report.bad
    return book


def test_import_adds_rows_and_customers_then_is_idempotent(book: Path, tmp_path: Path):
    before = {n for n in zipfile.ZipFile(book).namelist()}
    first = import_messages(book, [CORPUS], now=NOW, tz=CHINA)
    assert len(first.added) == 18 and first.duplicates == 0
    by_email: dict[str, dict] = {}
    for r in first.added:
        by_email.setdefault(r["Email"], r)  # the first message of each sender
    assert by_email["ahmed@alnoor-trading.ae"]["Customer ID"] == "C0007"
    assert by_email["ahmed@alnoor-trading.ae"]["Match"] == "domain"
    assert by_email["john.miller@millersupply.com"]["Match"] == "phone"
    assert {c["Customer ID"] for c in first.new_customers} == {f"C{n:04d}" for n in range(9, 23)}
    tables = read_workbook(book)
    inquiries = tables.frames["inquiries"]
    assert len(inquiries) == 18 and list(inquiries["Inquiry ID"])[:2] == ["I0001", "I0002"]
    hostile = inquiries[inquiries["Email"] == "mallory@example-buyer.com"].iloc[0]
    assert hostile["Message"].startswith("=cmd|")  # stored as text, read back as text
    assert len(tables.frames["customers"]) == 16
    assert {n for n in zipfile.ZipFile(book).namelist()} >= before  # nothing of the user's lost
    second = import_messages(book, [CORPUS], now=NOW, tz=CHINA)
    assert (len(second.added), second.duplicates, second.saved) == (0, 18, False)
    assert len(read_workbook(book).frames["inquiries"]) == 18


def test_bad_file_is_reported_and_skipped(book: Path, tmp_path: Path):
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n")
    report = import_messages(book, [CORPUS / "01_multipart_attachment.eml", junk], now=NOW, tz=CHINA)
    assert len(report.added) == 1 and report.bad and "not an inquiry export" in report.bad[0][1]


def test_hostile_cells_are_inline_strings(imported: Path):
    with zipfile.ZipFile(imported) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml.split(b"=cmd|")[0][-400:]
    assert b"=cmd|" in xml


def test_lookup_prints_history(imported: Path):
    text = lookup(imported, "alnoor-trading.ae")
    assert "C0007 Al Noor Trading L.L.C." in text and "Inquiries (3)" in text and "Owner: Amy" in text
    assert "C0008" in lookup(imported, "+1 713 555 0142")
    assert "Lichtwerk GmbH" in lookup(imported, "lichtwerk")
    assert "No customer matches" in lookup(imported, "nobody@nowhere.example")


def test_unanswered_most_urgent_first(imported: Path):
    tables = read_workbook(imported)
    inquiries = enrich(tables, NOW.date(), NOW).inquiries
    frame = unanswered(inquiries, NOW)
    assert len(frame) == 18
    assert list(frame["Hours Left"]) == sorted(frame["Hours Left"])
    latest = frame[frame["Inquiry ID"] == "I0018"].iloc[0]  # received 2026-03-20 15:40
    assert latest["Hours Left"] == pytest.approx(24 - 17.333, abs=0.1)
    spec = unanswered_sheet(inquiries, tables.settings, NOW)
    assert spec.name == "Unanswered" and spec.rows[2].kind == "header" and spec.rows[3].kind == "section"
    assert spec.rows[4].highlight == "overdue" and "16 past the limit" in spec.rows[1].values[0]
    data = [row for row in spec.rows if row.kind == "data"]
    assert len(data) == 18 and spec.print_setup is not None and spec.print_setup.repeat_rows == (3, 3)
    owners = [row.values[8] for row in data]
    assert owners == sorted(owners, key=owners.index), "each owner's inquiries stand together"
    i0018 = next(row for row in data if row.values[0] == "I0018")
    assert i0018.values[10] == "7 h left"  # 24 h limit - 17 h 20 min waited = 6 h 40 min


@pytest.mark.parametrize(("hours", "lang", "said"), [
    (-72.0, "en", "3 days overdue"), (-30.0, "en", "1 day overdue"), (5.4, "en", "5 h left"),
    (0.5, "en", "30 min left"), (-0.25, "en", "15 min overdue"), (-72.0, "zh", "已超时 3 天"),
    (11.0, "zh", "还剩 11 小时"),
])
def test_time_left_is_said_as_a_salesperson_says_it(hours: float, lang: str, said: str):
    assert time_left(hours, Labels(lang)) == said


def test_unanswered_fax_limit_and_replied():
    inquiries = pd.DataFrame([
        {"Inquiry ID": "F1", "Received": datetime(2026, 3, 21, 8), "Channel": "Fax", "Replied At": None},
        {"Inquiry ID": "E1", "Received": datetime(2026, 3, 21, 8), "Channel": "Email", "Replied At": None},
        {"Inquiry ID": "E2", "Received": datetime(2026, 3, 21, 7), "Channel": "Email",
         "Replied At": datetime(2026, 3, 21, 8)},
        {"Inquiry ID": "E3", "Received": datetime(2026, 3, 21, 7), "Channel": "Email", "Status": "Quoted"},
    ])
    tables = InputTables(frames={"inquiries": inquiries, "customers": pd.DataFrame({"Company": []})},
                         settings=Settings())
    frame = unanswered(enrich(tables, NOW.date(), NOW).inquiries, NOW)
    assert list(frame["Inquiry ID"]) == ["F1", "E1"] and list(frame["Hours Left"]) == [11.0, 23.0]


def test_reply_draft_and_logging(imported: Path, tmp_path: Path):
    before = imported.read_bytes()
    draft_only = reply_file(imported, "I0001", tmp_path / "drafts", today=date(2026, 3, 21), now=NOW.astimezone())
    assert imported.read_bytes() == before and not draft_only.logged, "a draft is not a contact"
    result = reply_file(imported, "I0001", tmp_path / "drafts", today=date(2026, 3, 21), now=NOW.astimezone(),
                        sent=True)
    msg = message_from_bytes(result.draft_path.read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1" and msg["To"] == "Ahmed Al Mansoori <ahmed@alnoor-trading.ae>"
    assert msg["Subject"].startswith("Re: ")
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith("Dear Ahmed Al Mansoori,")
    assert "QUOTATION - MIDDLE EAST" in body and "USD 3.23" in body and "500 pcs" in body
    assert body.count("Founded:") == 1 and "CE, RoHS" in body
    assert [a.get_filename() for a in msg.iter_attachments()] == ["catalog.pdf"]
    tables = read_workbook(imported)
    quotes = tables.frames["quotes"]
    assert list(quotes["Model"]) == ["AB-100"] and quotes.iloc[0]["Unit Price"] == pytest.approx(3.23)
    assert quotes.iloc[0]["Quote No"] == "Q2603-001" and quotes.iloc[0]["Customer ID"] == "C0007"
    followups = tables.frames["followups"]
    assert len(followups) == 1 and "I0001" in followups.iloc[0]["Summary"]


def test_reply_without_email_is_text_to_paste_and_needs_a_known_inquiry(imported: Path):
    tables = read_workbook(imported)
    alibaba = tables.frames["inquiries"]
    alibaba_id = alibaba[alibaba["Channel"] == "Alibaba"].iloc[0]["Inquiry ID"]
    draft = compose_reply(tables, alibaba_id, today=date(2026, 3, 21), now=NOW.astimezone())
    assert draft.message is None and draft.text.startswith("Dear ") and "Best regards," in draft.text
    with pytest.raises(MailError, match="no inquiry 'I9999'"):
        compose_reply(tables, "I9999", today=date(2026, 3, 21), now=NOW.astimezone())


def test_reply_for_unknown_country_uses_standard_prices(imported: Path):
    tables = read_workbook(imported)
    hostile = tables.frames["inquiries"]
    hid = hostile[hostile["Email"] == "mallory@example-buyer.com"].iloc[0]["Inquiry ID"]
    draft = compose_reply(tables, hid, today=date(2026, 3, 21), now=NOW.astimezone())
    assert draft.notes and "no pricing region" in draft.notes[0]
    assert draft.answer.region.region == "Latin America", "the standard price (factor 1.00)"
    assert draft.answer.vague and draft.quotes == [], "nothing asked, nothing marked Hot/New: no price lines"


def test_history_for_customer_id(imported: Path):
    assert history_text(read_workbook(imported), "c0008").startswith("== C0008")


def test_reimport_from_another_time_zone_adds_nothing(imported: Path):
    again = import_messages(imported, [CORPUS], now=NOW, tz=timezone(timedelta(hours=-5)))
    assert (len(again.added), again.duplicates) == (0, 18)


def test_reply_sent_records_the_reply_time_and_status(imported: Path, tmp_path: Path):
    before = read_workbook(imported).frames["inquiries"]
    row = before.index[before["Inquiry ID"] == "I0001"][0]
    assert before.at[row, "Replied At"] is None
    reply_file(imported, "I0001", tmp_path / "drafts", today=date(2026, 3, 21), now=NOW.astimezone(), sent=True)
    after = read_workbook(imported).frames["inquiries"]
    assert after.at[row, "Replied At"] == NOW
    assert after.at[row, "Status"] == "Quoted"
    untouched = after.drop(index=row)
    assert untouched.equals(before.drop(index=row)), "only the replied inquiry changes"


def test_import_records_how_each_buyer_matched_and_the_message_id(imported: Path):
    inquiries = read_workbook(imported).frames["inquiries"]
    assert inquiries["Message ID"].notna().all(), "every imported row keeps its dedup key"
    matches = set(inquiries["Match"].dropna())
    assert "new" in matches and matches & {"email", "domain", "phone"}


def test_history_sheet_shows_the_same_history_as_lookup(imported: Path):
    from tradexl.reports.history import history_result

    tables = read_workbook(imported)
    inquiries = tables.frames["inquiries"]
    row = int(inquiries.index[inquiries["Email"] == "ahmed@alnoor-trading.ae"][0])
    result = history_result(tables, "Inquiries", row, date(2026, 3, 21))
    (sheet,) = result.sheets
    texts = [str(v) for r in sheet.rows for v in r.values]
    assert sheet.name == "History" and result.owned == ("History",) and not result.computed
    assert "C0007 Al Noor Trading L.L.C." in texts and "Inquiries (3)" in texts
    assert "Inquiries (3)" in lookup(imported, "C0007")


# --- a real inbox: robots, non-mail files and bounces (issue 14) -----------------------------------------------

ROBOTS = {
    "bounce.eml": b"""From: Mail Delivery System <MAILER-DAEMON@mx.ourfactory.cn>
To: amy@ourfactory.cn
Subject: Undelivered Mail Returned to Sender
Date: Sat, 21 Mar 2026 08:00:00 +0800
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.ourfactory.cn

Final-Recipient: rfc822; INFO@alnoor-trading.ae
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown
--B--
""",
    "out-of-office.eml": b"From: Ahmed <ahmed@alnoor-trading.ae>\nSubject: Automatic reply: RFQ AB-100\n"
                         b"Auto-Submitted: auto-replied\nDate: Sat, 21 Mar 2026 08:01:00 +0400\n\nI am away.\n",
    "newsletter.eml": b"From: Canton Fair News <news@cantonfair.example>\nSubject: Phase 2 opens\n"
                      b"List-Unsubscribe: <mailto:unsubscribe@cantonfair.example>\n"
                      b"Date: Sat, 21 Mar 2026 08:02:00 +0800\n\nNew exhibitors.\n",
    "sent-by-us.eml": b"From: Amy <amy@ourfactory.cn>\nTo: john@buyer.example\nSubject: Re: RFQ\n"
                      b"Date: Sat, 21 Mar 2026 08:03:00 +0800\n\nPlease find our quote.\n",
    "empty.eml": b"",
    "README.eml": b"# Saved mails\n\nDrag messages here from Outlook.\n",
    "buyer.eml": b"From: =?UTF-8?B?TcO8bGxlciwgSGFucw==?= <hans@mueller-licht.de>\nSubject: Anfrage AB-100\n"
                 b"Date: Sat, 21 Mar 2026 09:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
                 b"Bitte 2000 pcs AB-100 anbieten.\n\nAm Fr., 20. M\xc3\xa4rz 2026 um 10:00 Uhr schrieb Amy "
                 b"<amy@ourfactory.cn>:\n> unser Angebot\n",
}
TEAM = Settings(team=(TeamMember("Amy", True, "amy@ourfactory.cn"),))


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, data in ROBOTS.items():
        (folder / name).write_bytes(data)
    shutil.copy(Path(__file__).parent / "fixtures" / "outlook" / "received.msg", folder / "dragged.msg")
    return folder


@pytest.fixture()
def team_book(tmp_path: Path) -> Path:
    path = tmp_path / "Sales.xlsm"
    build_workbook(path, settings=TEAM, data={"products": PRODUCTS, "customers": CUSTOMERS})
    return path


def test_robots_and_non_mail_are_skipped_with_a_reason_and_a_bounce_marks_the_customer(team_book: Path,
                                                                                        inbox: Path):
    report = import_messages(team_book, [inbox], now=NOW, tz=CHINA)
    assert sorted(r["Email"] for r in report.added) == ["hans@mueller-licht.de", "hmailuser@hmailserver.test"]
    hans = next(r for r in report.added if r["Email"] == "hans@mueller-licht.de")
    assert (hans["Contact"], hans["Message"]) == ("Müller, Hans", "Bitte 2000 pcs AB-100 anbieten.")
    assert report.skipped_by_reason() == {"not an email": 2, "auto-reply": 1, "bounce": 1, "mailing list": 1,
                                          "our own mail": 1}
    assert {c["Email"] for c in report.new_customers} == {"hans@mueller-licht.de", "hmailuser@hmailserver.test"}
    assert [(b.customer_id, b.email, b.recorded) for b in report.bouncing] == [
        ("C0007", "info@alnoor-trading.ae", True)]
    customers = read_workbook(team_book).frames["customers"].set_index("Customer ID")
    assert customers.loc["C0007", "Email Status"] == "Bouncing since 2026-03-21: 550 5.1.1 User unknown"
    assert customers.loc["C0007", "Notes"] in (None, "") or pd.isna(customers.loc["C0007", "Notes"])
    assert report.summary() == ("2 inquiries added, 0 duplicates skipped, 2 new customers, 6 not inquiries "
                                "(2 not an email, 1 auto-reply, 1 bounce, 1 mailing list, 1 our own mail), "
                                "1 bouncing address(es)")


def test_a_person_can_force_a_robot_in(team_book: Path, inbox: Path):
    report = import_messages(team_book, [inbox / "out-of-office.eml", inbox / "sent-by-us.eml"], now=NOW,
                             tz=CHINA, include_robots=True)
    assert [r["Email"] for r in report.added] == ["ahmed@alnoor-trading.ae"]
    assert report.skipped_by_reason() == {"our own mail": 1}, "our own mail has no buyer to register"
    assert report.added[0]["Customer ID"] == "C0007" and not report.new_customers


def test_import_command_lists_skips_and_bounces(team_book: Path, inbox: Path):
    from click.testing import CliRunner

    import tradexl.cli.mail  # noqa: F401  (importing registers the commands)
    from tradexl.cli.app import cli

    result = CliRunner().invoke(cli, ["import", str(team_book), str(inbox), "--verbose"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"Not an inquiry (bounce): {inbox / 'bounce.eml'}" + " – 550 5.1.1 User unknown" in lines
    assert f"Not an inquiry (not an email): {inbox / 'empty.eml'} – empty file" in lines
    assert "Bouncing: C0007 info@alnoor-trading.ae (Bouncing since " in result.stdout
    assert lines[-1].startswith("Sales.xlsm: 2 inquiries added, 0 duplicates skipped, 2 new customers, "
                                "6 not inquiries (")


def test_an_implausible_date_gives_way_to_the_files_time_and_is_reported(book: Path, tmp_path: Path):
    mail = tmp_path / "year3609.eml"
    mail.write_bytes(b"From: Peter <peter@vinhphat.vn>\nSubject: RFQ LP-40W\nDate: Mon, 30 Jun 3609 15:33:50 +0600\n"
                     b"\nPlease quote LP-40W, 10000 pcs.\n")
    saved = datetime(2026, 3, 20, 16, 45, 10)
    os.utime(mail, (saved.timestamp(), saved.timestamp()))
    report = import_messages(book, [mail], now=NOW, tz=CHINA)
    assert [r["Received"] for r in report.added] == [saved]
    assert report.notes == [(str(mail), "implausible date 3609-06-30 in the Date header")]
