"""`tradexl import`: messages and platform exports -> new Inquiries rows (and new Customers), saved once.

All-or-nothing per run: every source is read and matched first, then new customers and inquiries are staged
through the file engine and the workbook is saved once, atomically, with a backup. A file that cannot be
read is reported and skipped; it never stops the others.

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
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.errors import MailError
from tradexl.mail.inquiry import DEDUP_COLUMN, inquiry_row
from tradexl.mail.match import assign_customers, next_id
from tradexl.mail.message import parse_message
from tradexl.mail.platform import PLATFORM_EXTENSIONS, platform_rows
from tradexl.mail.stream import RawMessage, iter_mbox, read_eml
from tradexl.model import InputTables
from tradexl.rules.team import route_owner
from tradexl.settings import Settings

MATCH_COLUMN = "Match"
DEFAULT_INQUIRY_PREFIX = "I"
MBOX_EXTENSIONS = (".mbox", ".mbx")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
Progress = Callable[[str], None]


@dataclass
class ImportReport:
    """What one import did: rows added, duplicates skipped, customers created, matches, unreadable files."""

    added: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    new_customers: list[dict[str, Any]] = field(default_factory=list)
    weak: list[dict[str, Any]] = field(default_factory=list)
    bad: list[tuple[str, str]] = field(default_factory=list)
    saved: bool = False

    def summary(self) -> str:
        parts = [f"{len(self.added)} inquiries added", f"{self.duplicates} duplicates skipped",
                 f"{len(self.new_customers)} new customers"]
        if self.weak:
            parts.append(f"{len(self.weak)} to confirm (weak name match)")
        if self.bad:
            parts.append(f"{len(self.bad)} unreadable file(s)")
        return ", ".join(parts)


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
                              and p.suffix.lower() in (".eml", ".mbox", *PLATFORM_EXTENSIONS))
        else:
            yield source


def read_source(path: Path, models: Sequence[str], settings: Settings, *, now: datetime,
                tz: tzinfo | None = None) -> Iterator[dict[str, Any]]:
    """Inquiry rows from one file (.eml, mbox, CSV/XLSX export); raises MailError when it cannot be read."""
    if not path.is_file():
        raise MailError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in PLATFORM_EXTENSIONS:
        yield from platform_rows(path, models, settings, fallback_received=now)
        return
    if suffix not in (".eml", *MBOX_EXTENSIONS):  # Thunderbird keeps mbox files without an extension
        with open(path, "rb") as handle:
            suffix = ".mbox" if handle.read(5) == b"From " else ".eml"
    raws: Iterable[RawMessage] = iter_mbox(path) if suffix in MBOX_EXTENSIONS else [read_eml(path)]
    for raw in raws:
        yield inquiry_row(parse_message(raw), models, settings, tz=tz, fallback_received=now)


Batch = tuple[str, Callable[[], Iterable[dict[str, Any]]]]
"""(where the rows come from, a function reading them): a file, or one fetched message."""


def file_batches(tables: InputTables, sources: Iterable[Path], *, now: datetime,
                 tz: tzinfo | None = None) -> Iterator[Batch]:
    models = product_models(tables)
    for path in expand(sources):
        yield str(path), lambda path=path: read_source(path, models, tables.settings, now=now, tz=tz)


def message_batches(tables: InputTables, raws: Iterable[RawMessage], *, now: datetime,
                    tz: tzinfo | None = None) -> Iterator[Batch]:
    models = product_models(tables)
    for raw in raws:
        yield raw.origin, lambda raw=raw: [inquiry_row(parse_message(raw), models, tables.settings, tz=tz,
                                                       fallback_received=now)]


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
        for row in found:
            row = {k: _clean(v) for k, v in row.items()}
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


def import_messages(path: Path, sources: Sequence[Path], *, now: datetime, tz: tzinfo | None = None,
                    force: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import every message of `sources` (files and folders) into the workbook at `path`."""
    return _import(path, lambda tables: file_batches(tables, sources, now=now, tz=tz), now=now, force=force,
                   progress=progress)


def import_raw(path: Path, raws: Iterable[RawMessage], *, now: datetime, tz: tzinfo | None = None,
               force: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import already-read messages (e.g. fetched over IMAP) into the workbook at `path`."""
    return _import(path, lambda tables: message_batches(tables, raws, now=now, tz=tz), now=now, force=force,
                   progress=progress)


def _import(path: Path, batches: Callable[[InputTables], Iterable[Batch]], *, now: datetime, force: bool,
            progress: Progress | None) -> ImportReport:
    from tradexl.fileengine.engine import FileWorkbook

    book = FileWorkbook(Path(path), force=force)
    tables = book.read()
    rows, report = collect(tables, batches(tables), now=now, progress=progress)
    if not rows:
        return report
    link(tables, rows, report)
    for row in [*rows, *report.new_customers]:  # while the routed owner is away, their cover gets it
        if row.get("Owner"):
            row["Owner"] = route_owner(row["Owner"], tables.settings, now.date())
    book.add_column("inquiries", MATCH_COLUMN)  # how each row matched (docs/MATCHING.md), even in older workbooks
    if report.new_customers:
        book.append_rows("customers", report.new_customers)
    book.append_rows("inquiries", rows)
    report.saved = book.save()
    return report
