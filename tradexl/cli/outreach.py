"""Outreach commands: mailing, greetings, trip, show. Thin wrappers over `tradexl.outreach.service`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tradexl.cli.app import cli, say
from tradexl.cli.commands import FORCE, TODAY, WORKBOOK, _parse_day
from tradexl.messages import msg
from tradexl.outreach.segments import DO_NOT_MAIL, NO_EMAIL, Segment
from tradexl.services import event_time

if TYPE_CHECKING:  # the service (drafts, files) is loaded by the outreach commands only
    from tradexl.outreach.service import Written


def _values(text: str | None) -> tuple[str, ...]:
    """"A,B" -> ("A", "B"); repeated options are joined before this."""
    return tuple(v.strip() for v in (text or "").split(",") if v.strip())


def _report(out_dir: Path, written: Written, what: str) -> None:
    """`what`: the message key of what was written (drafts, visit requests, invitations)."""
    counts = written.counts
    say("cli.outreach.drafts", count=len(written.drafts), what=msg(what), folder=out_dir,
        dnm=counts.get(DO_NOT_MAIL, 0), no_email=counts.get(NO_EMAIL, 0))
    for path in written.lists:
        say("cli.outreach.list", path=path)
    for note in written.notes:
        say("cli.note", text=note, err=True)
    if written.logged:
        say("cli.outreach.logged", count=written.logged)


OUT = click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                   help="Folder for the drafts and lists.")
SENT = click.option("--sent", is_flag=True, help="Also log each draft as sent (one Follow-ups row per buyer).")


@cli.command()
@WORKBOOK
@OUT
@click.option("--grade", help="Grades, e.g. A,B.")
@click.option("--region", help="Regions, e.g. 'Middle East,Europe'.")
@click.option("--country", help="Countries (any spelling: UAE, United Arab Emirates, 阿联酋).")
@click.option("--type", "types", help="Customer types, e.g. Importer,Distributor.")
@click.option("--size", help="Sizes: Large, Medium, Small.")
@click.option("--source", help="Sources, e.g. 'Trade show,Alibaba'.")
@click.option("--product", help="Models the buyer asked about or was quoted (a model or its start: LX-60).")
@click.option("--owner", help="Salespeople (full name or first word).")
@click.option("--contacted-before", callback=_parse_day, metavar="YYYY-MM-DD",
              help="Only buyers last contacted before this day (or never).")
@click.option("--contacted-after", callback=_parse_day, metavar="YYYY-MM-DD",
              help="Only buyers last contacted after this day.")
@click.option("--template", help="Built-in template (newsletter, new-products, price-update) or a template file.")
@click.option("--name", default="", help="Mailing name for the Follow-ups log (default: template and month).")
@click.option("--news", "news_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Text file with the news for {news} (newsletter).")
@click.option("--attach", multiple=True, type=click.Path(path_type=Path), help="File to attach (catalog PDF).")
@SENT
@click.option("--mark-sent", "mark_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Log the drafts in this folder (an earlier mailing, greetings or show) as sent, and stop.")
@TODAY
@FORCE
def mailing(path: Path, out_dir: Path | None, grade: str | None, region: str | None, country: str | None,
            types: str | None, size: str | None, source: str | None, product: str | None, owner: str | None,
            contacted_before: date | None, contacted_after: date | None, template: str | None, name: str,
            news_file: Path | None, attach: tuple[Path, ...], sent: bool, mark_dir: Path | None,
            today: date | None, force: bool) -> None:
    """One personal .eml draft per buyer of a segment (newsletter, new products, price update, or your template).

    Do Not Mail buyers and buyers without an email address are left out and counted. The folder also gets
    mailing.csv (who is in it) and mailchimp.csv (for mailing tools). Drafts are not contacts: --sent, or
    --mark-sent DIR later, logs one Follow-up per buyer.

    Example: tradexl mailing Sales.xlsm --out mail-dec --grade A,B --region "Middle East" --template new-products
    """
    from tradexl.outreach import service

    now = event_time()
    day = today or now.date()
    if mark_dir is not None:
        logged = service.mark_sent(path, mark_dir, today=day, force=force)
        say("cli.outreach.marked", count=logged, book=path.name, folder=mark_dir)
        return
    template_file = Path(template) if template and Path(template).is_file() else None
    segment = Segment(grades=tuple(g.upper() for g in _values(grade)), regions=_values(region),
                      countries=_values(country), types=_values(types), sizes=_values(size),
                      sources=_values(source), products=_values(product), owners=_values(owner),
                      contacted_before=contacted_before, contacted_after=contacted_after)
    target = out_dir or Path("mailing")
    written = service.mailing(path, target, segment=segment, today=day, now=now,
                              template=None if template_file else template, template_file=template_file,
                              name=name, news_file=news_file, attach=attach, sent=sent, force=force)
    _report(target, written, "cli.outreach.what.drafts")


@cli.command()
@WORKBOOK
@OUT
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 366),
              help="Greet the holidays of the next this many days.")
@click.option("--notice-days", default=30, show_default=True, type=click.IntRange(1, 366),
              help="Draft the team's closure notice when Chinese New Year or National Day starts within this many "
                   "days.")
@SENT
@TODAY
@FORCE
def greetings(path: Path, out_dir: Path | None, days: int, notice_days: int, sent: bool, today: date | None,
              force: bool) -> None:
    """Holiday greeting drafts for the holidays in each buyer's country in the coming days (Eid, Diwali,
    Christmas, Lunar New Year, national days), and the team's closure notice to every active buyer.

    Example: tradexl greetings Sales.xlsm --out greetings --days 21
    """
    from tradexl.outreach import service

    now = event_time()
    target = out_dir or Path("greetings")
    written = service.greetings(path, target, today=today or now.date(), now=now, days=days,
                                notice_days=notice_days, sent=sent, force=force)
    _report(target, written, "cli.outreach.what.drafts")


@cli.command()
@WORKBOOK
@click.option("--country", required=True, help="Destination country (any spelling: UAE, 阿联酋, Deutschland).")
@click.option("--city", default="", help="Only the buyers in this city.")
@click.option("--from", "start", callback=_parse_day, metavar="YYYY-MM-DD", help="First day of the trip.")
@click.option("--to", "end", callback=_parse_day, metavar="YYYY-MM-DD", help="Last day of the trip.")
@OUT
@SENT
@TODAY
@FORCE
def trip(path: Path, country: str, city: str, start: date | None, end: date | None, out_dir: Path | None,
         sent: bool, today: date | None, force: bool) -> None:
    """The Trip sheet (the buyers at the destination, best first, with their history, phone and call window)
    and a visit-request draft for each. Log visits afterwards with: tradexl log BOOK CUSTOMER --channel Visit.

    Example: tradexl trip Sales.xlsm --country UAE --city Dubai --from 2027-03-08 --to 2027-03-12
    """
    from tradexl.outreach import service

    now = event_time()
    target = out_dir or Path("trip")
    written = service.trip(path, target, country=country, city=city, start=start, end=end,
                           today=today or now.date(), now=now, sent=sent, force=force)
    say("cli.trip.written", book=path.name)
    _report(target, written, "cli.outreach.what.visits")


@cli.command()
@WORKBOOK
@click.argument("show_name", metavar="SHOW")
@OUT
@click.option("--grade", default="A,B,C", show_default=True, help="Grades to invite.")
@SENT
@TODAY
@FORCE
def show(path: Path, show_name: str, out_dir: Path | None, grade: str, sent: bool, today: date | None,
         force: bool) -> None:
    """Invitation drafts (dates, city, booth, the samples shown) for the buyers who fit a show of Settings ›
    Trade shows, and the Show sheet tracking invited / replied / met from Follow-ups (channel Trade show).

    Run it again after logging replies and meetings to refresh the Show sheet.

    Example: tradexl show Sales.xlsm "Middle East Energy" --out invitations --sent
    """
    from tradexl.outreach import service

    now = event_time()
    target = out_dir or Path("invitations")
    written = service.show(path, target, name=show_name, today=today or now.date(), now=now,
                           grades=tuple(g.upper() for g in _values(grade)), sent=sent, force=force)
    say("cli.show.written", book=path.name)
    _report(target, written, "cli.outreach.what.invitations")
