"""`tradexl pi` and the Proforma invoice button: the PI files for one inquiry, logged as quote lines when sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tradexl.contactlog import LOG_STEPS, with_rows
from tradexl.mail.draft import write_paste_text
from tradexl.model import InputTables, RunResult
from tradexl.pi.document import ProformaInvoice, build_proforma, quote_rows
from tradexl.pi.pdf import to_pdf
from tradexl.pi.text import pi_text
from tradexl.pi.xlsx import write_pi_xlsx


@dataclass(frozen=True)
class PiFiles:
    """The PI and the files written for it; `pdf` is None without LibreOffice, `text` None when the buyer has an
    email address; `result` is the refresh that ran when the PI was logged as sent."""

    pi: ProformaInvoice
    xlsx: Path
    pdf: Path | None
    text: Path | None
    result: RunResult | None = None


def write_pi_files(tables: InputTables, inquiry_id: str, out_dir: Path, *, today: date,
                   pdf: bool = True) -> PiFiles:
    """Write `<PI number>.xlsx` (and .pdf, and .txt for buyers without email) into `out_dir`; the workbook is not
    changed. Shared by the command line and the Excel button."""
    pi = build_proforma(tables, inquiry_id, today)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    xlsx = write_pi_xlsx(pi, out_dir / f"{pi.number}.xlsx")
    text = write_paste_text(pi_text(pi), out_dir, pi.number) if pi.needs_text else None
    return PiFiles(pi, xlsx, to_pdf(xlsx, out_dir) if pdf else None, text)


def proforma(path: Path, inquiry_id: str, out_dir: Path, *, today: date, now: datetime, sent: bool = False,
             pdf: bool = True, force: bool = False) -> PiFiles:
    """The PI files for `inquiry_id` of the workbook at `path`; with `sent`, its lines go to Quotes (Quote No = PI
    number) and the follow-ups step is refreshed in the same save, as a sent PI is a contact."""
    from tradexl.fileengine.engine import FileWorkbook
    from tradexl.operations import run

    book = FileWorkbook(Path(path), force=force)
    tables = book.read()
    files = write_pi_files(tables, inquiry_id, out_dir, today=today, pdf=pdf)
    if not sent:
        return files
    rows = quote_rows(files.pi)
    numbers = book.append_rows("quotes", rows)
    result = run(with_rows(tables, "quotes", dict(zip(numbers, rows, strict=True))), today, now, LOG_STEPS)
    book.apply(result)
    book.save()
    return PiFiles(files.pi, files.xlsx, files.pdf, files.text, result)
