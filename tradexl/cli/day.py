"""The salesperson's day at the command line: `log` a contact, write a proforma invoice (`pi`).

Thin wrappers over `tradexl.contactlog` and `tradexl.pi`; every error is a TradeXLError the group turns into one
`Error: ...` line.
"""

from __future__ import annotations

from datetime import date, datetime

import click

from tradexl.cli.app import cli
from tradexl.cli.commands import FORCE, TODAY, WORKBOOK, _parse_day
from tradexl.schema import FOLLOWUP_CHANNELS


def _now(today: date | None) -> tuple[date, datetime]:
    from tradexl.services import clock

    return clock(today)


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
def log(path: object, customer: str, channel: str, summary: str, next_step: str, by: str, day: date | None,
        today: date | None, force: bool) -> None:
    """Log one contact in Follow-ups; the customer's next contact and the Due list move at once.

    CUSTOMER is a Customer ID, an email address or a company name.

    Example: tradexl log Sales.xlsm C0042 --channel WhatsApp --summary "Sent packing photos" --next-step "Call Friday"
    """
    from pathlib import Path

    from tradexl.contactlog import log_contact

    moment_day, moment = _now(today)
    logged = log_contact(Path(str(path)), customer, channel=channel, summary=summary, next_step=next_step, by=by,
                         day=day, today=moment_day, now=moment, force=force)
    row = logged.row
    click.echo(f"Logged {row['Channel']} with {row['Customer ID']} {row['Company']} on {row['Date']:%Y-%m-%d} "
               f"(Follow-ups row {logged.excel_row}). {logged.result.message}")
