"""Mail commands: import, fetch, lookup, reply. Thin wrappers over `tradexl.mail`; errors are TradeXLErrors."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tradexl import services
from tradexl.cli.app import cli, say
from tradexl.cli.commands import FORCE, TODAY, VERBOSE, WORKBOOK, reporter
from tradexl.messages import msg

if TYPE_CHECKING:  # the importer is loaded by the commands that import, not by every tradexl run
    from tradexl.mail.importer import ImportReport

SINCE = click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
                     help="Only messages received on or after this day.")


INCLUDE_ROBOTS = click.option("--include-robots", is_flag=True,
                              help="Import automated mail too (bounces, auto-replies, lists, notifications): "
                                   "for a message you know is a real inquiry. Give just that file.")


def _print_report(path: Path, report: ImportReport, verbose: bool = False) -> None:
    for origin, reason in report.bad:
        say("cli.import.skipped", origin=origin, reason=reason, err=True)
    for item in report.skipped if verbose else []:
        origin = f"{item.origin} – {item.detail}" if item.detail else item.origin
        say("cli.import.not_inquiry", reason=item.reason, origin=origin)
    for mark in report.bouncing:
        where = msg("cli.import.bounce_marked" if mark.recorded else "cli.import.bounce_column")
        say("cli.import.bouncing", customer_id=mark.customer_id, email=mark.email, status=mark.status, where=where)
    for origin, note in report.notes:
        say("cli.import.time_note", origin=origin, note=note)
    for row in report.weak:
        say("cli.import.confirm", inquiry_id=row.get("Inquiry ID"), who=row.get("Company") or row.get("Email"),
            match=row["Match"])
    for customer in report.new_customers:
        say("cli.import.new_customer", customer_id=customer["Customer ID"], company=customer["Company"],
            country=customer["Country"] or "?")
    say("cli.lookup.result", book=path.name, result=report.summary())


@cli.command(name="import")
@WORKBOOK
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@INCLUDE_ROBOTS
@FORCE
@VERBOSE
def import_command(path: Path, files: tuple[Path, ...], include_robots: bool, force: bool, verbose: bool) -> None:
    """Add inquiries from .eml files, folders, .mbox mailboxes and platform CSV/XLSX exports.

    Each buyer is matched against Customers first (email, domain, phone, company name); new buyers are added.
    Importing the same message twice adds nothing. Bounces, auto-replies, mailing lists, notifications, our
    own mail and files that are not mail are skipped with a reason (listed with --verbose); a bounce marks the
    buyer's address as bouncing on Customers. Outlook .msg files are read too.

    Example: tradexl import Sales.xlsm inbox.mbox alibaba-inquiries.xlsx
    """
    report = services.import_files(path, files, include_robots=include_robots, force=force,
                                   progress=reporter(verbose))
    _print_report(path, report, verbose)


@cli.command()
@WORKBOOK
@click.option("--imap", "host", required=True, help="IMAP server name (TLS, port 993 unless --port).")
@click.option("--user", required=True, help="Mailbox user name. The password comes from TRADEXL_IMAP_PASSWORD "
                                            "or the OS keyring, never from the command line.")
@click.option("--port", default=993, show_default=True, type=int)
@click.option("--folder", default="INBOX", show_default=True)
@SINCE
@click.option("--mark-seen", is_flag=True, help="Mark fetched messages as read on the server (default: untouched).")
@click.option("--cafile", type=click.Path(exists=True, dir_okay=False),
              help="Extra CA certificate to trust (a company server with its own certificate).")
@INCLUDE_ROBOTS
@FORCE
@VERBOSE
def fetch(path: Path, host: str, user: str, port: int, folder: str, since: datetime | None, mark_seen: bool,
          cafile: str | None, include_robots: bool, force: bool, verbose: bool) -> None:
    """Import inquiries straight from an IMAP mailbox over TLS, like `import` does for files.

    Example: TRADEXL_IMAP_PASSWORD=... tradexl fetch Sales.xlsm --imap imap.example.com --user sales --since 2026-03-01
    """
    from tradexl.mail.imap import ImapAccount

    account = ImapAccount(host, user, port, folder, cafile)
    report = services.fetch(path, account, since=since.date() if since else None, mark_seen=mark_seen,
                            include_robots=include_robots, force=force, progress=reporter(verbose))
    _print_report(path, report, verbose)


@cli.command()
@WORKBOOK
@click.argument("query")
@click.option("--sheet", is_flag=True, help="Also write it into the workbook's History sheet (as the Excel "
                                            "button Customer history does).")
@TODAY
@FORCE
def lookup(path: Path, query: str, sheet: bool, today: date | None, force: bool) -> None:
    """Print a buyer's history: customer row, inquiries, quotes, samples, follow-ups, last status and owner.

    QUERY is an email, phone number, domain, Customer ID or company name (fuzzy).

    Example: tradexl lookup Sales.xlsm alnoor-trading.ae
    """
    if not sheet:
        click.echo(services.lookup(path, query), nl=False)
        return
    text, result = services.write_history(path, query, today=services.clock(today)[0], force=force)
    click.echo(text, nl=False)
    say("cli.lookup.result", book=path.name, result=result.message)


@cli.command()
@WORKBOOK
@click.argument("inquiry_id")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("drafts"),
              show_default=True, help="Folder for the .eml draft.")
@click.option("--sent", is_flag=True, help="The reply has gone out: log it (Replied At = now, the quote lines, "
                                           "a follow-up). Once per inquiry; again adds nothing.")
@TODAY
@FORCE
def reply(path: Path, inquiry_id: str, out_dir: Path, sent: bool, today: date | None, force: bool) -> None:
    """Write a reply draft (.eml, opens unsent in Outlook/Thunderbird/Foxmail) that answers the inquiry.

    A buyer without email (Alibaba, WhatsApp, phone) gets the same answer as a .txt to paste into the chat.
    A draft is not a contact: without --sent nothing is logged. After sending it, run the same command with
    --sent (or add --sent when you send at once) to log the reply. --today dates the quote; the draft's Date
    and Replied At are always the real time.

    \b
    Example: tradexl reply Sales.xlsm I0042 --out drafts
    once sent: tradexl reply Sales.xlsm I0042 --out drafts --sent
    """
    result = services.reply(path, inquiry_id, out_dir, today=today, sent=sent, force=force)
    for note in result.draft.notes:
        say("cli.note", text=note, err=True)
    lines = len(result.draft.quotes)
    if result.logged:
        done = msg("cli.reply.logged", count=lines, quote_no=result.draft.quote_no) if lines else \
            msg("cli.reply.logged_plain")
    elif result.logged_before is not None:
        done = msg("cli.reply.before", date=result.logged_before.isoformat())
    else:
        done = msg("cli.reply.not_logged")
    say("cli.reply.draft" if result.draft.message is not None else "cli.reply.paste", path=result.draft_path,
        done=done)
