"""`tradexl import`: messages and platform exports -> new Inquiries rows (and new Customers), saved once.

All-or-nothing per run: every source is read and matched first, then new customers and inquiries are staged
through the file engine and the workbook is saved once, atomically, with a backup. A file that cannot be
read is reported and skipped; it never stops the others.

Not every message is an inquiry: bounces, auto-replies, mailing lists, spam reports, notifications and our
own mail are skipped with a reason (`robots.NOT_INQUIRY_RULES`), and so are files that are not mail at all
(empty, a README, an Outlook `.msg` that cannot be read). No customer is ever created for them; a bounce
marks the buyer it failed to reach in the Customers column `Email Status`. `include_robots` imports the
automated mail anyway, for the message a person knows to be a real inquiry.

Duplicates are recognised two ways, so a second import of the same messages adds nothing even in a workbook
without a `Message ID` column: by the dedup key (Message-ID header, else a content hash) when the sheet has a
`Message ID` column, and always by a fingerprint of what every workbook stores: sender, received time
(zone-independent part) and the start of the message text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.errors import MailError
from tradexl.mail.inquiry import DEDUP_COLUMN, inquiry_row
from tradexl.mail.match import assign_customers, next_id
from tradexl.mail.message import MailMessage, parse_message
from tradexl.mail.outlook import OLE_MAGIC, read_msg
from tradexl.mail.platform import PLATFORM_EXTENSIONS, platform_rows
from tradexl.mail.robots import BOUNCE, not_inquiry
from tradexl.mail.stream import RawMessage, iter_mbox, read_eml
from tradexl.messages import msg
from tradexl.model import InputTables
from tradexl.rules.team import route_owner
from tradexl.settings import Settings

MATCH_COLUMN = "Match"
EMAIL_STATUS_COLUMN = "Email Status"
MAIL_EXTENSIONS = (".eml", ".mbox", ".mbx", ".msg")
DEFAULT_INQUIRY_PREFIX = "I"
MBOX_EXTENSIONS = (".mbox", ".mbx")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Skipped:
    """A message (or file) that is not an inquiry: where it came from, why, and for a bounce whom it missed."""

    origin: str
    reason: str
    detail: str = ""
    bounced: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bouncing:
    """A customer whose email address bounced: shown in the summary and written to `Email Status`."""

    customer_id: str
    email: str
    status: str
    recorded: bool


@dataclass
class ImportReport:
    """What one import did: rows added, duplicates and non-inquiries skipped, customers created, unreadable files."""

    added: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    new_customers: list[dict[str, Any]] = field(default_factory=list)
    weak: list[dict[str, Any]] = field(default_factory=list)
    bad: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    bouncing: list[Bouncing] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    saved: bool = False

    def skipped_by_reason(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.skipped:
            counts[item.reason] = counts.get(item.reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self) -> str:
        parts = [msg("import.added", len(self.added)), msg("import.duplicates", self.duplicates),
                 msg("import.new_customers", len(self.new_customers))]
        if self.skipped:
            reasons = tuple(msg("import.reason", n, reason=reason) for reason, n in self.skipped_by_reason().items())
            parts.append(msg("import.not_inquiries", len(self.skipped), reasons=reasons))
        if self.bouncing:
            parts.append(msg("import.bouncing", len(self.bouncing)))
        if self.weak:
            parts.append(msg("import.weak", len(self.weak)))
        if self.bad:
            parts.append(msg("import.bad", len(self.bad)))
        return msg("import.summary", parts=tuple(parts))


def _clean(value: Any) -> Any:
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def fingerprint(email: Any, contact: Any, received: Any, message: Any) -> str:
    """Sender + received time + start of the text, the same for a row read back from the workbook.

    The time enters as (minute mod 15, second): every time-zone offset is a multiple of 15 minutes, so a
    message imported on a machine in another zone (or before a daylight-saving change) still matches.
    """
    stamp = pd.Timestamp(received) if received is not None and not pd.isna(received) else None
    when = f"{stamp.round('s').minute % 15}:{stamp.round('s').second}" if stamp is not None else ""
    words = " ".join(_text(message).split())[:120].casefold()
    return "\x1f".join((_text(email).casefold() or _text(contact).casefold(), when, words))


def expand(sources: Iterable[Path]) -> Iterator[Path]:
    """Files to read: given files as they are, folders searched (recursively) for mail and export files."""
    for source in sources:
        source = Path(source)
        if source.is_dir():
            yield from sorted(p for p in source.rglob("*") if p.is_file()
                              and p.suffix.lower() in (*MAIL_EXTENSIONS, *PLATFORM_EXTENSIONS))
        else:
            yield source


Item = dict[str, Any] | Skipped
"""What reading a source gives: an Inquiries row, or a message skipped with its reason."""


@dataclass(frozen=True)
class Reading:
    """Everything reading one message needs besides the message: catalogue, settings, clock and choices."""

    models: Sequence[str]
    settings: Settings
    now: datetime
    tz: tzinfo | None = None
    include_robots: bool = False


def message_item(msg: MailMessage, reading: Reading, fallback_received: datetime | None = None) -> Item:
    """The Inquiries row for one message, or why it is skipped (see robots.py).

    Platform notifications (Alibaba, website forms) come from robots by nature: they are checked only when
    their labelled fields name no buyer (a platform newsletter), never when they carry an inquiry.
    """
    row = inquiry_row(msg, reading.models, reading.settings, tz=reading.tz,
                      fallback_received=fallback_received or reading.now)
    if row["Channel"] == "Email" or not (row["Email"] or row["Contact"]):  # a platform mail naming no buyer
        own = [member.email for member in reading.settings.team]
        why = not_inquiry(msg, own)
        forced = reading.include_robots and why is not None and why.reason not in UNFORCEABLE
        if why is not None and not forced:
            return Skipped(msg.origin, why.reason, why.detail, why.bounced)
    if msg.date_note:
        row["Note"] = msg.date_note
    return row


UNFORCEABLE = frozenset({"not an email", "no sender address", "our own mail"})
"""Reasons `include_robots` cannot override: there is no buyer to register."""


def read_source(path: Path, reading: Reading) -> Iterator[Item]:
    """Items from one file (.eml, mbox, Outlook .msg, CSV/XLSX export); MailError when it cannot be read."""
    if not path.is_file():
        raise MailError(f"{path}: no such file")
    if path.stat().st_size == 0:
        yield Skipped(str(path), "not an email", "empty file")
        return
    suffix = path.suffix.lower()
    if suffix in PLATFORM_EXTENSIONS:
        yield from platform_rows(path, reading.models, reading.settings, fallback_received=reading.now)
        return
    with open(path, "rb") as handle:
        start = handle.read(8)
    file_time = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    if start == OLE_MAGIC:
        yield message_item(read_msg(path), reading, file_time)
        return
    if suffix not in (".eml", *MBOX_EXTENSIONS):  # Thunderbird keeps mbox files without an extension
        suffix = ".mbox" if start.startswith(b"From ") else ".eml"
    raws: Iterable[RawMessage] = iter_mbox(path) if suffix in MBOX_EXTENSIONS else [read_eml(path)]
    for raw in raws:
        yield message_item(parse_message(raw), reading, file_time)


Batch = tuple[str, Callable[[], Iterable[Item]]]
"""(where the rows come from, a function reading them): a file, or one fetched message."""


def _reading(tables: InputTables, now: datetime, tz: tzinfo | None, include_robots: bool) -> Reading:
    return Reading(product_models(tables), tables.settings, now, tz, include_robots)


def file_batches(tables: InputTables, sources: Iterable[Path], *, now: datetime, tz: tzinfo | None = None,
                 include_robots: bool = False) -> Iterator[Batch]:
    reading = _reading(tables, now, tz, include_robots)
    for path in expand(sources):
        yield str(path), partial(read_source, path, reading)


def message_batches(tables: InputTables, raws: Iterable[RawMessage], *, now: datetime,
                    tz: tzinfo | None = None, include_robots: bool = False) -> Iterator[Batch]:
    reading = _reading(tables, now, tz, include_robots)
    for raw in raws:
        yield raw.origin, partial(_one_message, raw, reading)


def _one_message(raw: RawMessage, reading: Reading) -> list[Item]:
    return [message_item(parse_message(raw), reading)]


def product_models(tables: InputTables) -> list[str]:
    return list(tables.frames["products"].get("Model", pd.Series(dtype=object)).dropna().astype(str))


def collect(tables: InputTables, batches: Iterable[Batch], *, now: datetime,
            progress: Progress | None = None) -> tuple[list[dict[str, Any]], ImportReport]:
    """New (not yet registered) inquiry rows from every batch, and a report of duplicates and bad files."""
    report = ImportReport()
    inquiries = tables.frames["inquiries"]
    keys = set(inquiries[DEDUP_COLUMN].dropna().astype(str)) if DEDUP_COLUMN in inquiries.columns else set()
    # Rows registered without a dedup key (no Message ID column, or typed by hand) are known by fingerprint.
    prints = {fingerprint(r.get("Email"), r.get("Contact"), r.get("Received"), r.get("Message"))
              for r in inquiries.to_dict("records") if not _text(r.get(DEDUP_COLUMN))}
    rows: list[dict[str, Any]] = []
    for origin, read in batches:
        try:
            found = list(read())
        except (MailError, OSError, UnicodeError, ValueError) as exc:
            report.bad.append((origin, str(exc)))
            continue
        for item in found:
            if isinstance(item, Skipped):
                report.skipped.append(item)
                continue
            row = {k: _clean(v) for k, v in item.items()}
            if row.get("Note"):
                report.notes.append((origin, row["Note"]))
            mark = fingerprint(row.get("Email"), row.get("Contact"), row.get("Received"), row.get("Message"))
            if row[DEDUP_COLUMN] in keys or mark in prints:
                report.duplicates += 1
                continue
            keys.add(row[DEDUP_COLUMN])  # within one run the dedup key alone decides
            rows.append(row)
        if progress:
            progress(f"{origin}: {len(found)} message(s)")
    rows.sort(key=lambda r: r["Received"] or now)
    return rows, report


def link(tables: InputTables, rows: list[dict[str, Any]], report: ImportReport) -> list[dict[str, Any]]:
    """Customer IDs, `Match` and Inquiry IDs for the new rows; new customers go to `report.new_customers`."""
    frames = tables.frames
    matches, report.new_customers = assign_customers(rows, frames["customers"], frames["inquiries"],
                                                     tables.settings.country_regions)
    upcoming = next_id(frames["inquiries"].get("Inquiry ID", pd.Series(dtype=object)).dropna(),
                       DEFAULT_INQUIRY_PREFIX)
    for row, found in zip(rows, matches, strict=True):
        row["Customer ID"] = found.customer_id
        row[MATCH_COLUMN] = found.how
        row["Inquiry ID"], upcoming = upcoming, next_id([upcoming])
        if found.is_weak:
            report.weak.append(row)
    report.added = rows
    return rows


def bouncing_customers(customers: pd.DataFrame, skipped: Iterable[Skipped], today: datetime,
                       recorded: bool) -> list[tuple[int, Bouncing]]:
    """(Excel row, marker) for every customer whose Email a bounce names, once per customer."""
    status = {a.lower(): s.detail for s in skipped if s.reason == BOUNCE for a in s.bounced}
    found: list[tuple[int, Bouncing]] = []
    if not status or "Email" not in customers.columns:
        return found
    for row, record in customers.iterrows():
        email = _text(record.get("Email")).lower()
        if email in status:
            text = f"Bouncing since {today:%Y-%m-%d}" + (f": {status[email]}" if status[email] else "")
            found.append((int(str(row)), Bouncing(_text(record.get("Customer ID")), email, text, recorded)))
    return found


def import_messages(path: Path, sources: Sequence[Path], *, now: datetime, tz: tzinfo | None = None,
                    force: bool = False, include_robots: bool = False,
                    progress: Progress | None = None) -> ImportReport:
    """Import every message of `sources` (files and folders) into the workbook at `path`."""
    return _import(path, lambda tables: file_batches(tables, sources, now=now, tz=tz, include_robots=include_robots),
                   now=now, force=force, progress=progress)


def import_raw(path: Path, raws: Iterable[RawMessage], *, now: datetime, tz: tzinfo | None = None,
               force: bool = False, include_robots: bool = False,
               progress: Progress | None = None) -> ImportReport:
    """Import already-read messages (e.g. fetched over IMAP) into the workbook at `path`."""
    return _import(path, lambda tables: message_batches(tables, raws, now=now, tz=tz,
                                                        include_robots=include_robots),
                   now=now, force=force, progress=progress)


def _import(path: Path, batches: Callable[[InputTables], Iterable[Batch]], *, now: datetime, force: bool,
            progress: Progress | None) -> ImportReport:
    from tradexl.fileengine.engine import FileWorkbook

    book = FileWorkbook(Path(path), force=force)
    tables = book.read()
    rows, report = collect(tables, batches(tables), now=now, progress=progress)
    recorded = book.has_column("customers", EMAIL_STATUS_COLUMN)
    marks = bouncing_customers(tables.frames["customers"], report.skipped, now, recorded)
    report.bouncing = [mark for _, mark in marks]
    if not rows and not (recorded and marks):
        return report
    if rows:
        link(tables, rows, report)
        for added in [*rows, *report.new_customers]:  # while the routed owner is away, their cover gets it
            if added.get("Owner"):
                added["Owner"] = route_owner(added["Owner"], tables.settings, now.date())
        book.add_column("inquiries", MATCH_COLUMN)  # how each row matched (docs/MATCHING.md), even in older books
    if report.new_customers:
        book.append_rows("customers", report.new_customers)
    if rows:
        book.append_rows("inquiries", rows)
    for row, mark in marks if recorded else []:
        book.update_row("customers", row, {EMAIL_STATUS_COLUMN: mark.status})
    report.saved = book.save()
    return report
