"""The **History** sheet behind Excel's *Customer history* button: the buyer of the selected row, everything so far.

Seed step 7: when a buyer calls, faxes or writes again, first look up whether they contacted us before and how
that went. The data comes from `lookup.gather_history`, so the sheet and `tradexl lookup` always agree;
`tradexl lookup BOOK QUERY --sheet` writes the same sheet through the file engine (`services.write_history`).
A report like the others: pure, `today` passed in, a `SheetSpec` out.
"""

from __future__ import annotations

from datetime import date

from tradexl.errors import TradeXLError
from tradexl.mail.lookup import CUSTOMER_FIELDS, History, _text, find_customers, gather_history
from tradexl.messages import msg
from tradexl.model import InputTables, RunResult
from tradexl.sheetspec import Format, Row, SheetSpec

SHEET_NAME = "History"
QUERY_COLUMNS = ("Customer ID", "Email", "Phone", "Company")
WIDTHS = (18, 16, 22, 14, 14, 14, 14, 14, 40)
TEXT: tuple[Format] = ("text",)
NO_ROW_SELECTED = msg("xl.no_row_selected")


def query_for_row(tables: InputTables, sheet_name: str, row: int) -> str:
    """What identifies the buyer on row `row` of `sheet_name` (Inquiries, Customers or any sheet keyed by buyer)."""
    key = next((k for k, name in tables.sheet_names.items() if name.casefold() == sheet_name.casefold()), None)
    frame = tables.frames.get(key) if key else None
    if frame is None or row not in frame.index:
        raise TradeXLError(NO_ROW_SELECTED)
    record = frame.loc[row]
    for column in QUERY_COLUMNS:
        if column in frame.columns and _text(record[column]):
            return _text(record[column])
    raise TradeXLError(msg("error.history_row", row=row, sheet=sheet_name))


def _history_rows(history: History) -> list[Row]:
    record = history.record
    rows = [Row((f"{history.cid} {_text(record.get('Company'))}".strip(),), kind="section")]
    rows += [Row((name, _text(record.get(name)))) for name in CUSTOMER_FIELDS[1:] if _text(record.get(name))]
    rows.append(Row(("Last status", history.last_status or "(no inquiry)", "Owner",
                     history.last_owner or "(none)"), kind="total"))
    for title, date_col, columns, records in history.sections:
        rows += [Row(()), Row((f"{title} ({len(records)})",), kind="section"),
                 Row((date_col, *columns), kind="header")]
        rows += [Row((_text(rec.get(date_col)), *(_text(rec.get(c)) for c in columns)),
                     formats=TEXT * (len(columns) + 1)) for rec in records]
    return rows


def history_sheet(tables: InputTables, query: str, today: date) -> SheetSpec:
    found = find_customers(tables, query)
    rows = [Row((f"Customer history – {query}",), kind="title"),
            Row((f"{len(found)} customer(s) found on {today.isoformat()}",), kind="subtitle")]
    if not found:
        rows.append(Row((f"No customer matches '{query}'. New buyer: add them to Customers.",), kind="note"))
    for cid in found:
        rows += [Row(()), *_history_rows(gather_history(tables, cid))]
    return SheetSpec(SHEET_NAME, tuple(rows), widths=WIDTHS, freeze_rows=2)


def history_run(tables: InputTables, query: str, today: date) -> RunResult:
    """A run that writes only the History sheet for `query`, with a one-line message."""
    return RunResult(computed={}, sheets=[history_sheet(tables, query, today)],
                     message=msg("history.done", query=query), owned=(SHEET_NAME,))


def history_result(tables: InputTables, sheet_name: str, row: int, today: date) -> RunResult:
    """The run result of the Customer history button: the History sheet of the selected row's buyer."""
    return history_run(tables, query_for_row(tables, sheet_name, row), today)
