"""File-level services: what each `tradexl` command does to a workbook on disk.

One function per command, same names, so the CLI stays a thin argument parser and scheduled jobs or scripts
can call the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from tradexl.errors import WorkbookError
from tradexl.messages import msg
from tradexl.model import RunResult
from tradexl.operations import STEPS

if TYPE_CHECKING:
    from tradexl.fileengine.language import SwitchResult
    from tradexl.mail.imap import ImapAccount
    from tradexl.mail.importer import ImportReport
    from tradexl.mail.reply import ReplyResult

Progress = Callable[[str], None]


def clock(today: date | None) -> tuple[date, datetime]:
    """`today` and `now` for a run: the real clock, or the end of the given day (so reruns are repeatable).

    The clock policy, in one place. The command line and the macros are the only readers of the clock.
    - `today` is the as-of day: every rule, and every row a command dates (quote date and validity, the
      quote number's month, a follow-up's date), uses it. `--today` sets it.
    - `now` here is the as-of moment rules measure against (response hours of an unanswered inquiry), so with
      `--today` it is the end of that day and a rerun gives the same sheets.
    - A moment that records something happening now (a draft's Date header, an inquiry's Replied At) is
      `event_time()`: always the real clock, `--today` or not. A reply written today for an as-of day in the
      past was still written today.
    """
    if today is None:
        now = datetime.now().replace(microsecond=0)
        return now.date(), now
    return today, datetime.combine(today, time(23, 59, 59))


def event_time() -> datetime:
    """The real time, with the computer's time zone (see `clock`): when a draft is written or marked sent."""
    return datetime.now().astimezone().replace(microsecond=0)


def refresh(path: Path, *, today: date | None = None, steps: Sequence[str] = STEPS, force: bool = False,
            progress: Progress | None = None) -> RunResult:
    """Recompute the computed columns and rebuild the generated sheets of the steps asked for, then save."""
    from tradexl.fileengine.engine import refresh_file

    day, now = clock(today)
    return refresh_file(Path(path), today=day, now=now, steps=steps, force=force, progress=progress)


def text_quote_files(path: Path, text_dir: Path, *, today: date | None = None) -> list[Path]:
    """Write one plain-text quote per pricing region into `text_dir` (the workbook itself is not changed)."""
    from tradexl.fileengine.reader import read_workbook
    from tradexl.operations import text_quotes

    day, _ = clock(today)
    tables = read_workbook(Path(path))
    text_dir = Path(text_dir)
    text_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for region, text in text_quotes(tables, day).items():
        target = text_dir / f"quote-{slug(region)}.txt"
        target.write_text(text, encoding="ascii", newline="\r\n")
        written.append(target)
    return written


def slug(text: str) -> str:
    """A file-name-safe lowercase slug ("Russia & Central Asia" -> "russia-central-asia")."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "region"


def new(path: Path, *, standalone: bool = False, overwrite: bool = False, language: str = "en") -> Path:
    """Create an empty workbook like TradeWorkbook.xlsm (input tables, Settings, VBA and the Trade ribbon);
    `language` "zh" gives Chinese tabs, headers and dropdowns and Settings › Language = zh."""
    from tradexl.builder import build_workbook
    from tradexl.settings import Settings

    path = Path(path)
    if path.suffix.lower() not in {".xlsm", ".xlsx"}:
        raise WorkbookError(msg("error.new_suffix", book=path.name))
    if path.exists() and not overwrite:
        raise WorkbookError(msg("error.exists", path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    build_workbook(path, settings=Settings(language=language), standalone=standalone)
    return path


@dataclass(frozen=True)
class DemoResult:
    workbook: Path
    quotes: list[Path]
    result: RunResult
    counts: dict[str, int]


def demo(out_dir: Path, *, today: date | None = None, progress: Progress | None = None,
         language: str = "en") -> DemoResult:
    """Build a workbook full of realistic data, refresh it, and write its text quotes, all into `out_dir`
    (`language` "zh": Chinese tabs, headers and dropdown words, Settings › Language = zh)."""
    from dataclasses import replace as with_changes

    from tradexl.builder import build_workbook
    from tradexl.sampledata import demo_dataset

    day, _ = clock(today)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    workbook = out_dir / "TradeDemo.xlsm"
    settings, data = demo_dataset(day)
    build_workbook(workbook, settings=with_changes(settings, language=language), data=data)
    result = refresh(workbook, today=today, force=True, progress=progress)
    quotes = text_quote_files(workbook, out_dir / "quotes", today=today)
    return DemoResult(workbook, quotes, result, {key: len(rows) for key, rows in data.items()})


def write_history(path: Path, query: str, *, today: date, force: bool = False) -> tuple[str, RunResult]:
    """`tradexl lookup --sheet`: the lookup text, and the same History sheet as the Excel button written
    through the file engine (one read, one atomic save)."""
    from tradexl.fileengine.engine import FileWorkbook
    from tradexl.mail.lookup import history_text
    from tradexl.reports.history import history_run

    book = FileWorkbook(path, force=force)
    tables = book.read()
    result = history_run(tables, query, today)
    book.apply(result)
    book.save()
    return history_text(tables, query), result


def reply(path: Path, inquiry_id: str, out_dir: Path, *, today: date | None = None, sent: bool = False,
          force: bool = False) -> ReplyResult:
    """Write the reply draft for one inquiry into `out_dir`; with `sent`, log it once in the workbook."""
    from tradexl.mail.reply import reply_file

    day, _ = clock(today)
    return reply_file(Path(path), inquiry_id, Path(out_dir), today=day, now=event_time(), sent=sent, force=force)


def import_files(path: Path, files: Sequence[Path], *, include_robots: bool = False, force: bool = False,
                 progress: Progress | None = None) -> ImportReport:
    """`tradexl import`: new inquiries from mail files, mailboxes and platform exports, matched, graded and
    scheduled in one atomic save."""
    from tradexl.mail.importer import import_messages

    _, now = clock(None)
    return import_messages(Path(path), list(files), now=now, force=force, include_robots=include_robots,
                           progress=progress)


def fetch(path: Path, account: ImapAccount, *, since: date | None = None, mark_seen: bool = False,
          include_robots: bool = False, force: bool = False, progress: Progress | None = None) -> ImportReport:
    """`tradexl fetch`: the same as `import_files`, straight from an IMAP mailbox (password from the
    environment or the keyring, never an argument)."""
    from tradexl.mail.imap import fetch_messages, imap_password
    from tradexl.mail.importer import import_raw

    raws = fetch_messages(account, imap_password(account.user, account.host), since=since, mark_seen=mark_seen)
    _, now = clock(None)
    return import_raw(Path(path), raws, now=now, force=force, include_robots=include_robots, progress=progress)


def lookup(path: Path, query: str) -> str:
    """`tradexl lookup`: a buyer's whole history as text, found by the one buyer rule (read only)."""
    from tradexl.mail.lookup import lookup as history

    return history(Path(path), query)


def switch_language(path: Path, language: str, *, today: date | None = None, force: bool = False) -> SwitchResult:
    """`tradexl language`: switch the workbook's tabs, input headers, dropdowns and Settings › Language to
    `language` ("en" or "zh"), then rebuild its generated sheets in it."""
    from tradexl.fileengine.language import switch_language as switch_file

    day, now = clock(today)
    return switch_file(Path(path), language, today=day, now=now, steps=STEPS, force=force)
