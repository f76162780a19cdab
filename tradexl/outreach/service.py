"""The outreach commands on a workbook file: one function per command (`tradexl mailing`, `greetings`, `trip`,
`show`), so the CLI stays a thin argument parser and scripts or scheduled jobs can call the same functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from tradexl.fileengine.engine import FileWorkbook
from tradexl.model import Enriched, InputTables, RunResult
from tradexl.outreach import files
from tradexl.outreach.greetings import NOTICE_DAYS, plan_greetings
from tradexl.outreach.letters import SUMMARY_COLUMNS, Letter
from tradexl.outreach.mailing import Mailing, plan_mailing, template_for
from tradexl.outreach.segments import Segment
from tradexl.outreach.show import DEFAULT_GRADES, plan_show
from tradexl.outreach.trip import plan_trip
from tradexl.rules.enrich import enrich
from tradexl.sheetspec import SheetSpec

SUMMARY_CSV = "mailing.csv"
MAILCHIMP_CSV = "mailchimp.csv"


@dataclass
class Written:
    """What an outreach command wrote: the drafts, the lists, and how many Follow-ups it logged."""

    drafts: list[Path]
    lists: list[Path]
    counts: dict[str, int]
    logged: int = 0
    notes: list[str] = field(default_factory=list)


def read_enriched(path: Path, today: date, force: bool = False) -> tuple[InputTables, Enriched]:
    """The workbook's input tables and everything the rules compute from them, as of `today`."""
    return _enriched(FileWorkbook(Path(path), force=force), today)


def _enriched(book: FileWorkbook, today: date) -> tuple[InputTables, Enriched]:
    tables = book.read()
    return tables, enriched_tables(tables, today)


def enriched_tables(tables: InputTables, today: date) -> Enriched:
    """What the rules compute from input tables as of the end of `today` (also for the ribbon's Mailing, Trip)."""
    return enrich(tables, today, datetime.combine(today, time(23, 59, 59)))


def write_mailing(mailing: Mailing, out_dir: Path, when: datetime, attach: Sequence[Path] = ()) -> Written:
    """Drafts, the summary list and the Mailchimp list of a planned mailing into `out_dir`."""
    attachments = [files.attachment(p) for p in attach]
    drafts = files.write_letters(mailing.letters, out_dir, when, attachments)
    lists = [files.write_csv(out_dir / SUMMARY_CSV, mailing.summary),
             files.write_csv(out_dir / MAILCHIMP_CSV, mailing.mailchimp(), for_excel=False)]
    return Written(drafts, lists, mailing.counts)


def mailing(path: Path, out_dir: Path, *, segment: Segment, today: date, now: datetime, template: str | None = None,
            template_file: Path | None = None, name: str = "", news_file: Path | None = None,
            attach: Sequence[Path] = (), sent: bool = False, force: bool = False) -> Written:
    """`tradexl mailing`: one draft per buyer of the segment; with `sent`, one Follow-up each as well."""
    chosen = template_for(template, Path(template_file).read_text(encoding="utf-8-sig") if template_file else None)
    news = Path(news_file).read_text(encoding="utf-8-sig") if news_file else ""
    tables, enriched = read_enriched(path, today, force)
    planned = plan_mailing(enriched, tables.settings, segment, chosen, today, name=name, news=news)
    written = write_mailing(planned, Path(out_dir), now, attach)
    if sent:
        written.logged = files.log_followups(path, files.followup_rows(planned.summary, today), force=force)
    return written


def greetings(path: Path, out_dir: Path, *, today: date, now: datetime, days: int = 14,
              notice_days: int = NOTICE_DAYS, sent: bool = False, force: bool = False) -> Written:
    """`tradexl greetings`: holiday greetings due within `days` and the team's closure notices, as drafts."""
    tables, enriched = read_enriched(path, today, force)
    planned = plan_greetings(enriched, tables.settings, today, days, notice_days)
    written = write_drafts(planned.letters, planned.summary, planned.counts, out_dir, now)
    if sent:
        written.logged = files.log_followups(path, files.followup_rows(planned.summary, today), force=force)
    return written


def write_drafts(letters: list[Letter], summary: pd.DataFrame, counts: dict[str, int], out_dir: Path,
           now: datetime) -> Written:
    """The drafts and the summary list of an outreach folder (the CLI's and the ribbon's)."""
    out_dir = Path(out_dir)
    drafts = files.write_letters(letters, out_dir, now)
    return Written(drafts, [files.write_csv(out_dir / SUMMARY_CSV, summary)], counts)


def write_sheet(book: FileWorkbook, sheet: SheetSpec, message: str) -> None:
    """Stage one generated sheet (Trip, Show) through the engine; other sheets stay as they are."""
    book.apply(RunResult(computed={}, sheets=[sheet], message=message, owned=(sheet.name,)))


def trip(path: Path, out_dir: Path, *, country: str, today: date, now: datetime, city: str = "",
         start: date | None = None, end: date | None = None, sent: bool = False, force: bool = False) -> Written:
    """`tradexl trip`: the Trip sheet in the workbook and a visit-request draft per buyer there."""
    book = FileWorkbook(Path(path), force=force)
    tables, enriched = _enriched(book, today)
    planned = plan_trip(enriched, tables.settings, country, today, city=city, start=start, end=end)
    written = write_drafts(planned.letters, planned.summary, planned.counts, out_dir, now)
    write_sheet(book, planned.sheet, f"Trip sheet: {len(planned.buyers)} buyers")
    if sent:
        written.logged = files.stage_followups(book, files.followup_rows(planned.summary, today))
    book.save()
    written.notes = [] if len(planned.buyers) else [f"no customer in {country}{' / ' + city if city else ''}"]
    return written


def show(path: Path, out_dir: Path, *, name: str, today: date, now: datetime,
         grades: tuple[str, ...] = DEFAULT_GRADES, sent: bool = False, force: bool = False) -> Written:
    """`tradexl show`: invitation drafts for the buyers who fit a trade show, and the Show sheet."""
    book = FileWorkbook(Path(path), force=force)
    tables, enriched = _enriched(book, today)
    planned = plan_show(enriched, tables.settings, name, grades, invited_on=today if sent else None)
    written = write_drafts(planned.letters, planned.summary, planned.counts, out_dir, now)
    if sent:
        written.logged = files.stage_followups(book, files.followup_rows(planned.summary, today))
    write_sheet(book, planned.sheet, f"Show sheet: {len(planned.buyers)} buyers")
    book.save()
    return written


def mark_sent(path: Path, out_dir: Path, *, today: date, force: bool = False) -> int:
    """Log the drafts of an outreach folder as sent: one Follow-up per buyer, never twice."""
    summary = files.read_csv(Path(out_dir) / SUMMARY_CSV, SUMMARY_COLUMNS)
    return files.log_followups(path, files.followup_rows(summary, today), force=force)
