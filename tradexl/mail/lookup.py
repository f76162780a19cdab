"""`tradexl lookup`: "has this buyer contacted us before, and how did it go?" (seed step 7).

The query may be an email address, a phone number, a domain, a Customer ID or a company name (legal words
ignored). It is answered by the same buyer rule as `tradexl import` (`tradexl.rules.identity`), so lookup
finds exactly the customer an import of that buyer's message would get, and says so when a person has to
confirm (a weak name match). The answer is plain text: the customer row, then every inquiry, quote, sample and
follow-up in date order (rows typed without a Customer ID included when the rule links them), the last status
and the owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.messages import localize, msg
from tradexl.model import InputTables
from tradexl.rules.identity import BuyerIndex, name_key, normalize_company
from tradexl.schema import SHEETS_BY_KEY, choice_label

MAX_CUSTOMERS = 5
_PHONE = re.compile(r"[+()\d\s.\-/]{7,}(?:\s*(?:x|ext\.?|#)\s*\d+)?", re.IGNORECASE)
_DOMAIN = re.compile(r"[\w\-]+(\.[\w\-]+)+")
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


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name].map(_text) if name in frame.columns else pd.Series("", index=frame.index)


def query_row(query: str) -> dict[str, str]:
    """The one-row frame a typed query stands for: the column it fills is the rule it asks (email, phone,
    company domain, company name; a Customer ID is tried first by every rule anyway)."""
    q = query.strip()
    if "@" in q:
        return {"Customer ID": q, "Email": q}
    if _PHONE.fullmatch(q):
        return {"Customer ID": q, "Phone": q}
    if _DOMAIN.fullmatch(q) and not q.replace(".", "").isdigit():
        return {"Customer ID": q, "Domain": q}
    return {"Customer ID": q, "Company": q}


def find_buyer(tables: InputTables, row: dict[str, Any]) -> tuple[list[str], str]:
    """(customer IDs, how) for a row, exactly as `tradexl import` would match it: one ID when a rule decides,
    the candidates of a check (weak name match or a key two customers share), or none with how ""."""
    found = BuyerIndex(tables.frames["customers"], contacts=tables.frames["inquiries"]).identify(
        pd.DataFrame([row])).iloc[0]
    if found["Customer ID"]:
        return [found["Customer ID"]], found["Match"]
    return list(found["Candidates"])[:MAX_CUSTOMERS], found["Match"]


def names_containing(tables: InputTables, query: str) -> list[str]:
    """Customer IDs whose company name contains the query's words ("Gulf" -> "Gulf Lights Co", "Gulf Lamps"):
    a search for a person typing part of a name, never a match (the buyer rule compares whole names)."""
    wanted = name_key(query)
    if not wanted:
        return []
    customers = tables.frames["customers"]
    names = " " + customers.get("Company", pd.Series("", index=customers.index)).map(normalize_company) + " "
    hits = _column(customers, "Customer ID")[names.str.contains(f" {wanted} ", regex=False)]
    return [cid for cid in dict.fromkeys(hits) if cid][:MAX_CUSTOMERS]


def find_customers(tables: InputTables, query: str) -> list[str]:
    """Customer IDs the query points at: one when the buyer rule decides, else the candidates it names to
    confirm, else (part of a company name) the customers whose name contains it."""
    return find_buyer(tables, query_row(query))[0] or names_containing(tables, query)


def history_text(tables: InputTables, query: str) -> str:
    """The history of every customer the query finds, as plain text; says so when nothing matches."""
    lang = tables.settings.language
    found, how = find_buyer(tables, query_row(query))
    note = localize(msg("lookup.possible", how=how), lang) + "\n" if how.startswith("check") else ""
    if not found and (found := names_containing(tables, query)):
        note = localize(msg("lookup.contains", query=query), lang) + "\n"
    if not found:
        return localize(msg("lookup.none", query=query), lang) + "\n"
    return note + "\n".join(customer_history(tables, cid) for cid in found)


def _header(key: str, column: str, lang: str) -> str:
    """A column's name as the workbook's header shows it (Chinese in a Chinese workbook)."""
    return SHEETS_BY_KEY[key].column(column).zh if lang == "zh" else column


def _value(key: str, column: str, value: str, lang: str) -> str:
    """A dropdown value as the workbook's dropdown shows it; other values as typed."""
    return choice_label(value, lang) if SHEETS_BY_KEY[key].column(column).choices else value


@dataclass(frozen=True)
class History:
    """One customer's record and contact history, oldest first: what the text and the History sheet show."""

    cid: str
    record: dict[str, Any]
    sections: tuple[tuple[str, str, tuple[str, ...], list[dict[str, Any]]], ...]  # title, date col, columns, rows
    last_status: str
    last_owner: str


def _linked(frame: pd.DataFrame, index: BuyerIndex) -> pd.Series:
    """Each row's customer: its Customer ID when known, else what the buyer rule finds (a phone inquiry typed in
    without an ID still shows in its buyer's history)."""
    linked = pd.Series(index.key_of(frame), index=frame.index, dtype=object)
    unknown = linked == ""
    if unknown.any():
        linked[unknown] = index.identify(frame[unknown])["Customer ID"]
    return linked


def gather_history(tables: InputTables, cid: str) -> History:
    customers = tables.frames["customers"]
    rows = customers[_column(customers, "Customer ID") == cid]
    record = rows.iloc[0].to_dict() if len(rows) else {"Customer ID": cid}
    last_status, last_owner = "", _text(record.get("Owner"))
    index = BuyerIndex(customers, contacts=tables.frames["inquiries"])
    sections = []
    for key, title, date_col, columns in SECTIONS:
        frame = tables.frames[key]
        mine = frame[_linked(frame, index) == cid]
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
    lang = tables.settings.language
    lines = [f"== {cid} {_text(record.get('Company'))}".rstrip()]
    lines += [f"  {_header('customers', name, lang)}: {_value('customers', name, _text(record.get(name)), lang)}"
              for name in CUSTOMER_FIELDS[1:] if _text(record.get(name))]
    for (key, *_), (title, date_col, columns, records) in zip(SECTIONS, history.sections, strict=True):
        shown = SHEETS_BY_KEY[key].zh if lang == "zh" else title
        lines.append(f"  {shown} ({len(records)}):")
        for rec in records:
            cells = [_text(rec.get(date_col))] + [
                f"{_header(key, c, lang)}: {_value(key, c, _text(rec.get(c)), lang)[:80]}"
                for c in columns if _text(rec.get(c))]
            lines.append("    - " + " | ".join(c for c in cells if c))
    status = _value("inquiries", "Status", history.last_status, lang) or msg("lookup.no_inquiry")
    lines.append(localize(msg("lookup.last", status=status, owner=history.last_owner or msg("lookup.no_owner")), lang))
    return "\n".join(lines) + "\n"


def lookup(path: Path, query: str) -> str:
    """The buyer history for `query` from the workbook at `path` (read only)."""
    from tradexl.fileengine.reader import read_workbook

    return history_text(read_workbook(Path(path)), query)
