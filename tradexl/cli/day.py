"""The salesperson's day at the command line: `log` a contact, write a proforma invoice (`pi`).

Thin wrappers over `tradexl.contactlog` and `tradexl.pi`; every error is a TradeXLError the group turns into one
`Error: ...` line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tradexl.cli.app import cli, language, say
from tradexl.cli.commands import FORCE, TODAY, WORKBOOK, _parse_day
from tradexl.reports.labels import Labels
from tradexl.schema import FOLLOWUP_CHANNELS
from tradexl.services import clock


@cli.command()
@WORKBOOK
@click.argument("customer")
@click.option("--channel", required=True, metavar="CHANNEL",
              help=f"How you reached the buyer: {', '.join(FOLLOWUP_CHANNELS)}.")
@click.option("--summary", required=True, help="What happened, in a few words.")
@click.option("--next-step", default="", help="What you will do next (shown on Due Follow-ups).")
@click.option("--by", default="", help="Who made the contact (default: the customer's owner).")
@click.option("--date", "day", callback=_parse_day, metavar="YYYY-MM-DD",
              help="When the contact happened (default: today).")
@TODAY
@FORCE
def log(path: Path, customer: str, channel: str, summary: str, next_step: str, by: str, day: date | None,
        today: date | None, force: bool) -> None:
    """Log one contact in Follow-ups; the customer's next contact and the Due list move at once.

    CUSTOMER is a Customer ID, an email address, a domain, a phone number or a company name.

    Example: tradexl log Sales.xlsm C0042 --channel WhatsApp --summary "Sent packing photos" --next-step "Call Friday"
    """
    from tradexl.contactlog import log_contact

    moment_day, moment = clock(today)
    logged = log_contact(path, customer, channel=channel, summary=summary, next_step=next_step, by=by,
                         day=day, today=moment_day, now=moment, force=force)
    row = logged.row
    say("cli.log.done", channel=Labels(language()).value(row["Channel"]), customer_id=row["Customer ID"],
        company=row["Company"], date=f"{row['Date']:%Y-%m-%d}", row=logged.excel_row, result=logged.result.message)


@cli.command()
@WORKBOOK
@click.argument("inquiry_id")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("pi"),
              show_default=True, help="Folder for the PI files.")
@click.option("--sent", is_flag=True, help="The PI goes to the buyer now: log its lines in Quotes.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF (it needs LibreOffice).")
@TODAY
@FORCE
def pi(path: Path, inquiry_id: str, out_dir: Path, sent: bool, no_pdf: bool, today: date | None,
       force: bool) -> None:
    """Write a proforma invoice for one inquiry: .xlsx to edit, PDF to send, and text to paste for buyers
    without email (Alibaba, WhatsApp, phone).

    Prices are the buyer's region prices; terms, bank details and the company come from Settings.

    Example: tradexl pi Sales.xlsm I0042 --out pi --sent
    """
    from tradexl.pi.service import proforma

    day, moment = clock(today)
    files = proforma(path, inquiry_id, out_dir, today=day, now=moment, sent=sent, pdf=not no_pdf, force=force)
    for note in files.pi.notes:
        say("cli.note", text=note, err=True)
    written = ", ".join(str(p) for p in (files.xlsx, files.pdf, files.text) if p is not None)
    say("cli.pi.done", count=len(files.pi.lines), number=files.pi.number, currency=files.pi.currency,
        total=f"{files.pi.total:,}", files=written)
    if files.pdf is None and not no_pdf:
        say("cli.pi.no_pdf", err=True)
    if files.result is not None:
        say("cli.pi.logged", count=len(files.pi.lines), number=files.pi.number, result=files.result.message)
