"""`tradexl log` and the Due sheet's "Log contact" button: one Follow-ups row, and the due list moves at once.

Seed step 7 ends with "log what happened". Logging is only worth the salesperson's time if the customer drops off
today's due list the moment the call is logged, so the service appends the row and recomputes the follow-ups
step (Customers' Last/Next Contact, Due Follow-ups, Unanswered) in the same atomic save.

`followup_row` is pure (tables in, row out) so both shells build the same row; `log_contact` is the file
engine's service.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.errors import TradeXLError, WorkbookError
from tradexl.mail.lookup import find_buyer, names_containing, query_row
from tradexl.messages import msg
from tradexl.model import InputTables, RunResult
from tradexl.reports.labels import VOCAB_ZH
from tradexl.rules.identity import normalize_company
from tradexl.rules.parse import as_text
from tradexl.schema import FOLLOWUP_CHANNELS

LOG_STEPS = ("followups",)
"""What a logged contact changes: Customers' contact columns, Due Follow-ups and Unanswered."""


@dataclass(frozen=True)
class Logged:
    """What `log_contact` did: the row written (and where) and the run that moved the customer's next contact."""

    row: dict[str, Any]
    excel_row: int
    result: RunResult


def channel_name(channel: str) -> str:
    """The Follow-ups channel as the dropdown spells it ("whatsapp" -> "WhatsApp", "电话" -> "Phone", as a Chinese
    Due sheet shows it); unknown ones are an error."""
    by_fold = {c.casefold(): c for c in FOLLOWUP_CHANNELS} | {VOCAB_ZH[c]: c for c in FOLLOWUP_CHANNELS
                                                               if c in VOCAB_ZH}
    found = by_fold.get(channel.strip().casefold())
    if found is None:
        raise TradeXLError(msg("error.unknown_channel", channel=channel, known=", ".join(FOLLOWUP_CHANNELS)))
    return found


def resolve_customer(tables: InputTables, query: str) -> dict[str, Any]:
    """The Customers row `query` (Customer ID, email, phone, domain or company name) names; exactly one or an error.

    Several fuzzy name matches are settled by an exact company name (legal words ignored), else the user is asked
    for the Customer ID: a contact logged against the wrong buyer is worse than a second try. For the same reason a
    match the buyer rule only flags for a person to confirm ("check: name 85%") is named, never taken.
    """
    customers = tables.frames["customers"]
    ids = customers.get("Customer ID", pd.Series("", index=customers.index)).map(as_text)
    candidates, how = find_buyer(tables, query_row(query))
    if how.startswith("check") and len(candidates) == 1:
        company = as_text(customers.loc[ids == candidates[0], "Company"].iloc[0])
        if normalize_company(company) != normalize_company(query):
            reason = how.replace(candidates[0], "").strip()
            raise WorkbookError(msg("error.maybe_customer", query=query, customer_id=candidates[0], company=company,
                                    reason=reason))
    found = [cid for cid in candidates or names_containing(tables, query) if cid in set(ids)]
    if len(found) > 1:
        exact = [cid for cid in found
                 if normalize_company(customers.loc[ids == cid, "Company"].iloc[0]) == normalize_company(query)]
        found = exact if len(exact) == 1 else found
    if not found:
        raise WorkbookError(msg("error.no_customer", query=query))
    if len(found) > 1:
        names = "; ".join(f"{cid} {as_text(customers.loc[ids == cid, 'Company'].iloc[0])}" for cid in found)
        raise WorkbookError(msg("error.several_customers", query=query, names=names))
    record: dict[str, Any] = customers[ids == found[0]].iloc[0].to_dict()
    return record


def followup_row(tables: InputTables, query: str, *, channel: str, summary: str, day: date,
                 next_step: str = "", by: str = "") -> dict[str, Any]:
    """The Follow-ups row for one contact (By defaults to the customer's owner)."""
    if not summary.strip():
        raise TradeXLError(msg("error.empty_summary"))
    customer = resolve_customer(tables, query)
    return {"Date": day, "Customer ID": as_text(customer.get("Customer ID")),
            "Company": as_text(customer.get("Company")), "Channel": channel_name(channel),
            "Summary": summary.strip(), "Next Step": next_step.strip(),
            "By": by.strip() or as_text(customer.get("Owner"))}


def with_rows(tables: InputTables, key: str, rows: dict[int, dict[str, Any]]) -> InputTables:
    """`tables` as they will read after the given rows (Excel row number -> values) are added to sheet `key`."""
    frame = tables.frames[key]
    added = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=frame.columns)
    grown = pd.concat([frame, added.astype(object)]) if len(frame) else added.astype(object)
    return replace(tables, frames={**tables.frames, key: grown})


def log_contact(path: Path, query: str, *, channel: str, summary: str, today: date, now: datetime,
                next_step: str = "", by: str = "", day: date | None = None, force: bool = False) -> Logged:
    """Append the Follow-ups row and refresh the follow-ups step, in one atomic save of the workbook at `path`."""
    from tradexl.fileengine.engine import FileWorkbook
    from tradexl.operations import run

    book = FileWorkbook(Path(path), force=force)
    tables = book.read()
    row = followup_row(tables, query, channel=channel, summary=summary, day=day or today, next_step=next_step,
                       by=by)
    (number,) = book.append_rows("followups", [row])
    result = run(with_rows(tables, "followups", {number: row}), today, now, LOG_STEPS)
    book.apply(result)
    book.save()
    return Logged(row, number, result)
