"""Entry points of the Trade ribbon: each VBA callback runs `RunPython "import tradexl.xlshell.macros as m; m.X()"`.

Each refresh macro is one line naming the operation steps it runs (the same steps as the CLI commands), so the
ribbon, the CLI and `tradexl.operations.STEPS` cannot drift apart. The day-to-day macros (mail, reply, log,
PI) take what the VBA callback asked the user (a folder, a summary) as arguments and call the same services as
`tradexl import | fetch | reply | log | pi`, inside `execute`'s guard: one message box on any failure.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import xlwings as xw

from tradexl import operations
from tradexl.contactlog import LOG_STEPS, followup_row, with_rows
from tradexl.errors import TradeXLError
from tradexl.mail.imap import ImapAccount, fetch_messages, imap_password
from tradexl.mail.importer import Batch, ImportReport, collect, file_batches, link, message_batches
from tradexl.mail.reply import compose_reply, load_catalog, write_reply
from tradexl.markers import SheetIndex
from tradexl.messages import localize, msg
from tradexl.model import InputTables, RunResult
from tradexl.outreach.mailing import plan_mailing, template_for
from tradexl.outreach.segments import DO_NOT_MAIL, NO_EMAIL, Segment
from tradexl.outreach.service import enriched_tables, write_drafts, write_mailing
from tradexl.outreach.trip import plan_trip
from tradexl.pi.service import write_pi_files
from tradexl.reports.due import COLUMNS as DUE_COLUMNS
from tradexl.reports.due import HEADER_ROW as DUE_HEADER_ROW
from tradexl.reports.due import SHEET_NAME as DUE_SHEET
from tradexl.reports.history import NO_ROW_SELECTED, history_result
from tradexl.reports.mailchecks import mail_check_row
from tradexl.rules.parse import Bad, as_text, parse_date_text
from tradexl.schema import SHEETS_BY_KEY
from tradexl.services import slug
from tradexl.xlshell.append import append_rows, log_mail_check, remember_setting
from tradexl.xlshell.handover import ExcelHandoverBook
from tradexl.xlshell.workbook import execute, now, read_grid, read_markers


def _run(steps: Sequence[str]) -> None:
    execute(xw.Book.caller(), steps)


def refresh_followups() -> None:
    _run(("followups",))


def grade_leads() -> None:
    _run(("grade",))


def region_quotes() -> None:
    _run(("quotes",))


def weekly_summary() -> None:
    _run(("weekly",))


def monthly_review() -> None:
    _run(("monthly",))


def statistics() -> None:
    _run(("stats",))


def check_data() -> None:
    _run(("check",))


def refresh_all() -> None:
    _run(operations.STEPS)


def customer_history() -> None:
    """The History sheet for the buyer of the selected row (the selection is read inside the guarded run)."""
    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        selection = book.selection
        if selection is None:
            raise TradeXLError(NO_ROW_SELECTED)
        return history_result(tables, selection.sheet.name, selection.row, today)

    execute(book, (), run=run)


# --- the salesperson's day: mail in, reply, log a contact, proforma invoice -------------------------------------

FETCH_DAYS = 30
"""Fetch mail asks the server for this many days back; messages already imported are recognised and skipped."""
DRAFTS_FOLDER = "Drafts"
PI_FOLDER = "PI"


def open_with_default_program(path: Path) -> None:
    """Open a file the way a double-click does (mail program for .eml, PDF viewer for .pdf), where the OS allows."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]
    elif sys.platform == "darwin":
        subprocess.Popen(["open", str(path)])
    elif shutil.which("xdg-open"):
        subprocess.Popen(["xdg-open", str(path)])


def _clock() -> tuple[date, datetime]:
    """The day macros' clock, looked up when they run (tests replace `macros.now`)."""
    return now()


def _no_writes(message: str) -> RunResult:
    return RunResult(computed={}, sheets=[], message=message)


def _selected(book: xw.Book, tables: InputTables, key: str) -> dict[str, Any]:
    """The input-sheet row (of sheet `key`) the user selected, as a dict; a one-line error otherwise."""
    selection = book.selection
    wanted = tables.sheet_names.get(key, SHEETS_BY_KEY[key].name)
    frame = tables.frames[key]
    if selection is None or selection.sheet.name != wanted or selection.row not in frame.index:
        raise TradeXLError(msg("xl.select_row", sheet=wanted))
    row: dict[str, Any] = frame.loc[selection.row].to_dict()
    return row


def _workbook_folder(book: xw.Book, name: str) -> Path:
    return Path(book.fullname).parent / name


def _import(book: xw.Book, batches: Callable[[InputTables, datetime], Iterable[Batch]], source: str,
            remember: str = "") -> None:
    """Read the messages, add the new buyers and inquiries, log the mail check; then grade the new rows and
    rebuild Due Follow-ups and Unanswered in a second pass that reads the rows just added."""
    done: list[ImportReport] = []

    def add(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        rows, report = collect(tables, batches(tables, moment), now=moment)
        if rows:
            link(tables, rows, report)
            append_rows(book, "customers", report.new_customers)
            append_rows(book, "inquiries", rows)
        if remember:
            remember_setting(book, "Mail Folder", remember)
        log_mail_check(book, mail_check_row(moment, getpass.getuser(), source, len(rows) + report.duplicates,
                                            len(rows)))
        done.append(report)
        return _no_writes(report.summary())

    if execute(book, (), run=add, clock=_clock) is None:
        return
    plan = execute(book, IMPORT_STEPS, clock=_clock)
    if plan is not None:
        book.app.status_bar = f"{localize(done[0].summary(), plan.language)}. {localize(plan.message, plan.language)}"


IMPORT_STEPS = ("grade", "followups")
"""What an import refreshes at once: the new inquiries' grades, then Customers, Due Follow-ups and Unanswered."""


def import_mail(folder: str = "") -> None:
    """Import mail button: .eml/.mbox/platform exports from the folder chosen in the dialog (remembered in
    Settings › Mail Folder; without a choice, the remembered one)."""
    book = xw.Book.caller()

    def batches(tables: InputTables, moment: datetime) -> Iterable[Batch]:
        chosen = folder or tables.settings.mail_folder
        if not chosen:
            raise TradeXLError(msg("xl.choose_mail_folder"))
        if not Path(chosen).exists():
            raise TradeXLError(msg("xl.no_mail_folder", folder=chosen))
        return file_batches(tables, [Path(chosen)], now=moment)

    _import(book, batches, folder or "(remembered folder)", remember=folder)


def fetch_mail() -> None:
    """Fetch mail button: the IMAP mailbox of Settings (IMAP Host, IMAP User, IMAP Folder) over TLS; the password
    comes from the OS keyring (or TRADEXL_IMAP_PASSWORD), never from the workbook."""
    book = xw.Book.caller()

    def batches(tables: InputTables, moment: datetime) -> Iterable[Batch]:
        settings = tables.settings
        if not (settings.imap_host and settings.imap_user):
            raise TradeXLError(msg("xl.imap_settings"))
        account = ImapAccount(settings.imap_host, settings.imap_user, folder=settings.imap_folder or "INBOX")
        raws = fetch_messages(account, imap_password(settings.imap_user, settings.imap_host),
                              since=moment.date() - timedelta(days=FETCH_DAYS))
        return message_batches(tables, raws, now=moment)

    _import(book, batches, "IMAP")


def reply_draft() -> None:
    """Reply draft button: the .eml draft for the selected Inquiries row, opened in the mail program (nothing is
    logged: a draft is not a contact until it is sent; `tradexl reply --sent` records it)."""
    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        inquiry_id = as_text(_selected(book, tables, "inquiries").get("Inquiry ID"))
        if not inquiry_id:
            raise TradeXLError(msg("xl.no_inquiry_id"))
        folder = Path(book.fullname).parent
        catalog, _ = load_catalog(tables.settings, folder)
        draft = compose_reply(tables, inquiry_id, today=today, now=moment.astimezone(), catalog=catalog)
        target = write_reply(draft, folder / DRAFTS_FOLDER)
        open_with_default_program(target)
        return _no_writes(msg("xl.reply_draft", inquiry_id=inquiry_id, path=target))

    execute(book, (), run=run, clock=_clock)


def log_contact(channel: str, summary: str, next_step: str = "") -> None:
    """Log contact button (Due Follow-ups): a Follow-ups row for the customer of the selected row, dated today,
    with the channel, summary and next step the salesperson typed; the due list is rebuilt at once."""
    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        row = followup_row(tables, _due_customer(book), channel=channel, summary=summary, next_step=next_step,
                           day=today)
        (number,) = append_rows(book, "followups", [row])
        return operations.run(with_rows(tables, "followups", {number: row}), today, moment, LOG_STEPS)

    execute(book, LOG_STEPS, run=run, clock=_clock)


def _due_customer(book: xw.Book) -> str:
    """The customer of the selected Due Follow-ups row: its email when shown, else its company name."""
    selection = book.selection
    due = SheetIndex.build(list(book.sheet_names), read_markers(book)).tab(DUE_SHEET) or DUE_SHEET
    if selection is None or selection.sheet.name != due or selection.row <= DUE_HEADER_ROW:
        raise TradeXLError(msg("xl.select_due", sheet=due))
    grid = read_grid(book.sheets[due], due, tables=False)
    company = as_text(grid.cell(selection.row, DUE_COLUMNS.index("col.customer") + 1))
    email = as_text(grid.cell(selection.row, DUE_COLUMNS.index("col.email") + 1))
    if not company or grid.cell(selection.row, 1) in {"Owner", "业务员"}:
        raise TradeXLError(msg("xl.select_due", sheet=due))
    return email if "@" in email else company


def proforma_invoice() -> None:
    """Proforma invoice button: the PI for the selected Inquiries row (.xlsx, PDF where LibreOffice is installed,
    paste text for buyers without email) in the PI folder next to the workbook, opened for a last look."""
    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        inquiry_id = as_text(_selected(book, tables, "inquiries").get("Inquiry ID"))
        if not inquiry_id:
            raise TradeXLError(msg("xl.no_inquiry_id"))
        files = write_pi_files(tables, inquiry_id, _workbook_folder(book, PI_FOLDER), today=today)
        for shown in (files.pdf or files.xlsx, files.text):
            if shown is not None:
                open_with_default_program(shown)
        return _no_writes(msg("xl.pi", number=files.pi.number, currency=files.pi.currency,
                               total=f"{files.pi.total:,}", folder=files.xlsx.parent))

    execute(book, (), run=run, clock=_clock)
def team_report() -> None:
    """The team sheets in this (the manager's) workbook from the folder in Settings › Team Folder."""
    from pathlib import Path

    from tradexl.teamfolder import team_run

    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        folder = tables.settings.team_folder
        if not folder:
            raise TradeXLError(msg("xl.team_folder"))
        return team_run(Path(folder), tables.settings, exclude=Path(book.fullname), today=today, now=moment).result

    execute(book, (), run=run)


# --- the team and the buyer database: handover, mailing, trip ------------------------------------------------

HANDOVER_FOLDER = "Handover"
MAILING_FOLDER = "Mailing"
TRIP_FOLDER = "Trip"
HANDOVER_STEPS = ("followups",)
"""What a handover refreshes at once: Due Follow-ups, now under the new owner (or the cover)."""


def _until(text: str, today: date) -> date | None:
    """The Until answer: blank = for good; any date a person types ("2026-12-20", "20.12.2026")."""
    if not text.strip():
        return None
    parsed = parse_date_text(text, today)
    if isinstance(parsed, Bad):
        raise TradeXLError(msg("xl.bad_until", text=text.strip(), reason=parsed.message))
    return parsed.date()


def handover(frm: str, to: str, until: str = "") -> None:
    """Handover button: the service of `tradexl handover` on the open workbook. FROM's customers and open
    inquiries go to TO (or TO covers FROM until a date), one introduction draft per buyer in the Handover
    folder next to the workbook (opened), the Handover Log sheet; then Due Follow-ups is rebuilt."""
    from tradexl.handover import handover as handover_service

    book = xw.Book.caller()
    folder = _workbook_folder(book, HANDOVER_FOLDER)

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        day = _until(until, today)
        target = ExcelHandoverBook(book, tables)
        done = handover_service(target, frm, to, until=day, out_dir=folder, today=today, now=moment.astimezone())
        message = (msg("xl.handover_cover", id=done.handover_id, frm=frm, to=to, until=day.isoformat(),
                       drafts=len(done.drafts), folder=folder) if day else
                   msg("xl.handover_moved", count=len(done.changes), id=done.handover_id, frm=frm, to=to,
                       drafts=len(done.drafts), folder=folder))
        if done.drafts:
            open_with_default_program(folder)
        return replace(target.result, message=message)

    first = execute(book, (), run=run, clock=_clock)
    if first is not None and execute(book, HANDOVER_STEPS, clock=_clock) is not None:
        book.app.status_bar = localize(first.message, first.language)


def _values(text: str) -> tuple[str, ...]:
    """"A, B" -> ("A", "B"), as the command line reads a list."""
    return tuple(v.strip() for v in text.split(",") if v.strip())


def mailing(template: str, grades: str = "") -> None:
    """Mailing button: one draft per buyer of the segment (a built-in template by name or a template file next
    to the workbook; optionally only some grades) in a folder under Mailing next to the workbook, with the
    mailing and Mailchimp lists; the folder is opened. Drafts are not contacts: nothing is logged."""
    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        file = Path(book.fullname).parent / template.strip()
        chosen = template_for(None if file.is_file() else template,
                              file.read_text(encoding="utf-8-sig") if file.is_file() else None)
        segment = Segment(grades=tuple(g.upper() for g in _values(grades)))
        planned = plan_mailing(enriched_tables(tables, today), tables.settings, segment, chosen, today)
        folder = _workbook_folder(book, MAILING_FOLDER) / slug(f"{today.isoformat()} {file.stem} {grades}")
        written = write_mailing(planned, folder, moment.astimezone())
        open_with_default_program(folder)
        return _no_writes(msg(
            "xl.mailing_done", count=len(written.drafts), name=planned.name, folder=folder,
            dnm=written.counts.get(DO_NOT_MAIL, 0), none=written.counts.get(NO_EMAIL, 0)))

    execute(book, (), run=run, clock=_clock)


def trip(country: str, city: str = "") -> None:
    """Trip button: the Trip sheet for a country (and city): the buyers there, best first, with history, phone
    and call window; a visit-request draft per buyer in a folder under Trip next to the workbook."""
    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        planned = plan_trip(enriched_tables(tables, today), tables.settings, country, today, city=city)
        place = ", ".join(p for p in (city.strip(), country.strip()) if p)
        folder = _workbook_folder(book, TRIP_FOLDER) / slug(place)
        written = write_drafts(planned.letters, planned.summary, planned.counts, folder, moment.astimezone())
        message = msg("xl.trip_done", count=len(planned.buyers), place=place, drafts=len(written.drafts),
                      folder=folder)
        return RunResult(computed={}, sheets=[planned.sheet], message=message, owned=(planned.sheet.name,))

    execute(book, (), run=run, clock=_clock)
