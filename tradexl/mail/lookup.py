"""`tradexl lookup`: "has this buyer contacted us before, and how did it go?" (seed step 7).

The query may be an email address, a phone number, a domain, a Customer ID or a company name (fuzzy, legal
words ignored). The answer is plain text: the customer row, then every inquiry, quote, sample and follow-up
in date order, the last status and the owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.model import InputTables
from tradexl.rules.identity import email_domain, normalize_company, normalize_phone

NAME_SIMILARITY = 0.80
MAX_CUSTOMERS = 5
PHONE_TAIL = 8
CUSTOMER_FIELDS = ("Customer ID", "Company", "Contact", "Email", "Phone", "Fax", "Country", "City", "Type",
                   "Source", "Owner", "Grade", "Notes")
SECTIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (  # (frame key, title, date column, columns)
    ("inquiries", "Inquiries", "Received", ("Inquiry ID", "Channel", "Product", "Quantity", "Status", "Replied At",
                                            "Owner", "Message")),
    ("quotes", "Quotes", "Date", ("Quote No", "Model", "Quantity", "Unit Price", "Currency", "Status", "By")),
    ("samples", "Samples", "Date", ("Model", "Type", "Freight", "Courier", "Tracking No", "Status", "By")),
    ("followups", "Follow-ups", "Date", ("Channel", "Summary", "Next Step", "By")),
)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M").removesuffix(" 00:00")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def _phone_tail(value: Any) -> str:
    digits = normalize_phone(value).lstrip("+")
    return digits[-PHONE_TAIL:] if len(digits) >= PHONE_TAIL else ""


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name].map(_text) if name in frame.columns else pd.Series("", index=frame.index)


def find_customers(tables: InputTables, query: str) -> list[str]:
    """Customer IDs the query points at, best first (at most MAX_CUSTOMERS)."""
    q = query.strip()
    customers, inquiries = tables.frames["customers"], tables.frames["inquiries"]
    ids = _column(customers, "Customer ID")
    if q.casefold() in set(ids.str.casefold()):
        return [i for i in ids if i.casefold() == q.casefold()][:1]
    people = pd.concat([customers.assign(_src="c"), inquiries.assign(_src="i")], ignore_index=True)
    pid = _column(people, "Customer ID")
    email = _column(people, "Email").str.casefold()
    if "@" in q:
        hits = pid[email == q.casefold()]
    elif re.fullmatch(r"[+()\d\s.\-/]{7,}", q):
        tail = _phone_tail(q)
        hits = pid[(_column(people, "Phone").map(_phone_tail) == tail) & (tail != "")]
    elif re.fullmatch(r"[\w\-]+(\.[\w\-]+)+", q) and not q.replace(".", "").isdigit():
        hits = pid[email.map(email_domain) == q.casefold()]
    else:
        wanted = normalize_company(q)
        scores = _column(customers, "Company").map(
            lambda name: _name_score(wanted, normalize_company(name)))
        ranked = scores[scores >= NAME_SIMILARITY].sort_values(ascending=False, kind="stable")
        return list(dict.fromkeys(ids[ranked.index]))[:MAX_CUSTOMERS]
    return [i for i in dict.fromkeys(hits) if i][:MAX_CUSTOMERS]


def _name_score(wanted: str, name: str) -> float:
    if not wanted or not name:
        return 0.0
    if wanted in name or name in wanted:
        return 0.95 if min(len(wanted), len(name)) >= 4 else 0.0
    return SequenceMatcher(None, wanted, name, autojunk=False).ratio()


def history_text(tables: InputTables, query: str) -> str:
    """The history of every customer the query finds, as plain text; says so when nothing matches."""
    found = find_customers(tables, query)
    if not found:
        return f"No customer matches '{query}'. New buyer: add them to Customers.\n"
    return "\n".join(customer_history(tables, cid) for cid in found)


@dataclass(frozen=True)
class History:
    """One customer's record and contact history, oldest first: what the text and the History sheet show."""

    cid: str
    record: dict[str, Any]
    sections: tuple[tuple[str, str, tuple[str, ...], list[dict[str, Any]]], ...]  # title, date col, columns, rows
    last_status: str
    last_owner: str


def gather_history(tables: InputTables, cid: str) -> History:
    customers = tables.frames["customers"]
    rows = customers[_column(customers, "Customer ID") == cid]
    record = rows.iloc[0].to_dict() if len(rows) else {"Customer ID": cid}
    last_status, last_owner = "", _text(record.get("Owner"))
    sections = []
    for key, title, date_col, columns in SECTIONS:
        frame = tables.frames[key]
        mine = frame[_column(frame, "Customer ID") == cid]
        if date_col in mine.columns:
            mine = mine.assign(_when=pd.to_datetime(mine[date_col], errors="coerce")).sort_values(
                "_when", kind="stable", na_position="first")
        if key == "inquiries" and len(mine):
            last_status = _text(mine.iloc[-1].get("Status")) or "New"
            last_owner = last_owner or _text(mine.iloc[-1].get("Owner"))
        sections.append((title, date_col, columns, mine.to_dict("records")))
    return History(cid, record, tuple(sections), last_status, last_owner)


def customer_history(tables: InputTables, cid: str) -> str:
    history = gather_history(tables, cid)
    record = history.record
    lines = [f"== {cid} {_text(record.get('Company'))}".rstrip()]
    lines += [f"  {name}: {_text(record.get(name))}" for name in CUSTOMER_FIELDS[1:] if _text(record.get(name))]
    for title, date_col, columns, records in history.sections:
        lines.append(f"  {title} ({len(records)}):")
        for rec in records:
            cells = [_text(rec.get(date_col))] + [f"{c}: {_text(rec.get(c))[:80]}" for c in columns
                                                  if _text(rec.get(c))]
            lines.append("    - " + " | ".join(c for c in cells if c))
    lines.append(f"  Last status: {history.last_status or '(no inquiry)'}    Owner: {history.last_owner or '(none)'}")
    return "\n".join(lines) + "\n"


def lookup(path: Path, query: str) -> str:
    """The buyer history for `query` from the workbook at `path` (read only)."""
    from tradexl.fileengine.reader import read_workbook

    return history_text(read_workbook(Path(path)), query)
