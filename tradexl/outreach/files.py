"""The outreach commands' I/O: drafts to .eml files, CSV lists, attachments, and sent drafts logged as Follow-ups.

Logging is idempotent: a Follow-up with the same customer and summary ("Mailing: <name>") is never added twice,
so marking a mailing sent again, or after `--sent`, changes nothing.
"""

from __future__ import annotations

import csv
import mimetypes
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.errors import MailError
from tradexl.fileengine.engine import FileWorkbook
from tradexl.mail.batch import DraftBatch
from tradexl.mail.draft import Attachment, mailbox, write_eml
from tradexl.mail.reply import CATALOG_MAX_BYTES
from tradexl.outreach.letters import Letter
from tradexl.reports.textquote import FORMULA_TRIGGERS, defuse
from tradexl.rules.parse import as_text

WRITERS = 4


def attachment(path: Path) -> Attachment:
    """A file to attach to every draft (e.g. the catalog PDF); refused when missing or too big to mail."""
    path = Path(path)
    if not path.is_file():
        raise MailError(f"attachment '{path}' not found")
    if path.stat().st_size > CATALOG_MAX_BYTES:
        raise MailError(f"attachment '{path.name}' is over 20 MB; mail servers refuse it – send a link instead")
    return Attachment(path.name, path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream")


def write_letters(letters: Iterable[Letter], folder: Path, when: datetime,
                  attachments: Sequence[Attachment] = ()) -> list[Path]:
    """Each letter as an unsent .eml draft in `folder` (To = the buyer by name, From = the owner).

    The bytes come from `mail.batch.DraftBatch` (what `compose_draft` would build, without its per-message
    cost). Files are written by a few threads while the next messages are composed: on a network or synced folder
    each atomic write waits on the file system far longer than composing a message takes.
    """
    batch = DraftBatch(when=when, attachments=attachments)
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        pending = [pool.submit(write_eml, batch.render(
            to=mailbox(letter.contact, letter.address), subject=letter.subject, text=letter.text, html=letter.html,
            sender=letter.sender), folder, letter.stem) for letter in letters]
        return [job.result() for job in pending]


def write_csv(path: Path, frame: pd.DataFrame, *, for_excel: bool = True) -> Path:
    """A CSV Excel opens with Chinese names intact (UTF-8 with BOM) and buyer text that looks like a formula
    (`=HYPERLINK(...)`) kept as text; `for_excel=False` writes plain UTF-8 as-is for mailing tools' imports."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if for_excel:
        frame = frame.apply(lambda col: col.map(lambda v: defuse(v) if isinstance(v, str) else v))
    frame.to_csv(path, index=False, encoding="utf-8-sig" if for_excel else "utf-8", quoting=csv.QUOTE_MINIMAL,
                 lineterminator="\r\n")
    return path


def read_csv(path: Path, columns: Iterable[str]) -> pd.DataFrame:
    """A list this module wrote earlier, checked for the columns the caller needs."""
    if not path.is_file():
        raise MailError(f"'{path}' not found; give the folder a mailing was written to")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame = frame.apply(lambda col: col.map(_undefuse))
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MailError(f"{path.name} has no column {', '.join(missing)}; was it written by TradeXL?")
    return frame


def _undefuse(text: str) -> str:
    """The value `defuse` wrote: its leading apostrophe dropped again."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_TRIGGERS else text


def _logged(followups: pd.DataFrame) -> set[tuple[str, str]]:
    """(customer, summary) pairs already on Follow-ups; the customer is its ID, else its folded company name."""
    if not len(followups):
        return set()
    ids = followups.get("Customer ID", pd.Series("", index=followups.index)).map(as_text)
    names = followups.get("Company", pd.Series("", index=followups.index)).map(as_text).str.casefold()
    summaries = followups.get("Summary", pd.Series("", index=followups.index)).map(as_text)
    return {(i or n, s) for i, n, s in zip(ids, names, summaries, strict=True)}


def new_followups(followups: pd.DataFrame, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The rows not logged yet (same customer and summary), each once."""
    seen = _logged(followups)
    fresh = []
    for row in rows:
        key = (as_text(row.get("Customer ID")) or as_text(row.get("Company")).casefold(), as_text(row["Summary"]))
        if key not in seen:
            seen.add(key)
            fresh.append(dict(row))
    return fresh


def stage_followups(book: FileWorkbook, rows: Iterable[Mapping[str, Any]]) -> int:
    """Stage the rows not logged yet on the workbook's Follow-ups; returns how many."""
    fresh = new_followups(book.read().frames["followups"], rows)
    if fresh:
        book.append_rows("followups", fresh)
    return len(fresh)


def log_followups(path: Path, rows: Iterable[Mapping[str, Any]], *, force: bool = False) -> int:
    """Append the rows not logged yet to Follow-ups and save the workbook; returns how many were added."""
    book = FileWorkbook(Path(path), force=force)
    added = stage_followups(book, rows)
    if added:
        book.save()
    return added


def followup_rows(summary: pd.DataFrame, today: date) -> list[dict[str, Any]]:
    """One Follow-ups row per buyer of a summary list that got a draft (Status Draft), as its Channel / Log As."""
    return [{"Date": today, "Customer ID": r["Customer ID"], "Company": r["Company"], "Channel": r["Channel"],
             "Summary": r["Log As"], "By": r["Owner"]} for r in summary.to_dict("records") if r["Status"] == "Draft"]
