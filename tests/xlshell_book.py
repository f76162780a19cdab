"""Workbook content for the xlwings-shell tests: input sheets of any size and a deterministic stand-in core run.

`fake_run` computes every computed column and a Due Follow-ups sheet from the input frames with simple rules,
so the shell's reads and writes can be checked cell by cell without the real rules.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from xlshell_fake import FakeExcel, FakeSheet

from tradexl.model import InputTables, RunResult
from tradexl.schema import CUSTOMERS, INQUIRIES
from tradexl.sheetspec import PrintSetup, Row, SheetSpec

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 17, 0)
HOSTILE = '=HYPERLINK("http://evil.example/x","Click me")'


def clock() -> tuple[date, datetime]:
    return TODAY, NOW


def inquiry_row(i: int) -> list[Any]:
    by_name = {
        "Inquiry ID": f"Q{i:05d}", "Received": datetime(2026, 11, 1 + i % 27, 9, 30), "Channel": "Email",
        "Customer ID": f"C{i % 7}", "Company": HOSTILE if i == 0 else f"Buyer {i}", "Email": f"b{i}@x.com",
        "Phone": "+1 555 0100", "Country": "UAE", "Product": "00123", "Quantity": 100.0 + i,
        "Message": "-please quote", "Status": "New",
    }
    return [by_name.get(c.name) for c in INQUIRIES.user_columns]


def customer_row(i: int) -> list[Any]:
    by_name = {"Customer ID": f"C{i}", "Company": f"Company {i}", "Country": "Germany", "Owner": "Lily"}
    return [by_name.get(c.name) for c in CUSTOMERS.user_columns]


def excel_form(grid: list[list[Any]]) -> list[list[Any]]:
    """Values as Excel stores them: numbers as floats, dates as datetimes."""
    out = []
    for row in grid:
        out.append([float(v) if isinstance(v, int) and not isinstance(v, bool) else
                    datetime.combine(v, datetime.min.time()) if isinstance(v, date) and not isinstance(v, datetime)
                    else v for v in row])
    return out


def workbook(rows: int, *, stale: bool = True) -> FakeExcel:
    """Inquiries and Customers as Excel Tables with `rows` data rows, Settings, and generated sheets of a
    previous run (a Due Follow-ups sheet to reuse and, if `stale`, a Quote sheet for a removed region)."""
    inquiries = FakeSheet("Inquiries")
    inquiries.put(1, 1, excel_form([[c.name for c in INQUIRIES.user_columns],
                                    *[inquiry_row(i) for i in range(rows)]]))
    inquiries.tables["tblInquiries"] = (1, 1, rows + 1, len(INQUIRIES.user_columns))
    customers = FakeSheet("Customers")
    customers.put(1, 1, [[c.name for c in CUSTOMERS.user_columns], *[customer_row(i) for i in range(rows)]])
    customers.tables["tblCustomers"] = (1, 1, rows + 1, len(CUSTOMERS.user_columns))
    settings = FakeSheet("Settings")
    settings.put(1, 1, [["Setting", "Value"], ["Language", "en"]])
    due = FakeSheet("Due Follow-ups")
    due.put(1, 1, [["old title"], ["typed by a user"]])
    sheets = [inquiries, customers, settings, due]
    if stale:
        sheets.append(FakeSheet("Quote - Atlantis"))
    return FakeExcel(sheets)


def fake_run(tables: InputTables, today: date, now: datetime, steps: Any) -> RunResult:
    inq = tables.frames["inquiries"]
    cus = tables.frames["customers"]
    computed_inq = pd.DataFrame({
        "Suggested Grade": "B", "Grade Reason": inq["Company"], "Region": "Middle East",
        "Response Hours": 1.5, "Reply Status": inq["Message"],
    }, index=inq.index)
    last = [today - timedelta(days=i % 40) for i in range(len(cus))]
    computed_cus = pd.DataFrame({
        "Region": "Europe", "Current Grade": "A", "Last Contact": last,
        "Next Contact": [d + timedelta(days=3) for d in last],
        "Days Overdue": [max(0, (today - d).days - 3) for d in last], "Channel": "Phone", "Inquiries": 2,
        "Top Product": "00123",
    }, index=cus.index)
    overdue = sorted(((r["Days Overdue"], r["Next Contact"], str(cus.at[i, "Company"]))
                      for i, r in computed_cus.iterrows()), reverse=True)
    rows = [Row(("Due follow-ups",), "title"), Row((f"as of {today}",), "subtitle"),
            Row(("Customer", "Next contact", "Days overdue"), "header")]
    rows += [Row((name, nxt, days), highlight="overdue" if days else "") for days, nxt, name in overdue]
    rows.append(Row(("Total", len(overdue), None), "total"))
    due = SheetSpec("Due Follow-ups", tuple(rows), widths=(28, 12, 10), freeze_rows=3,
                    print_setup=PrintSetup(header_center="Due & overdue", repeat_rows=(3, 3)),
                    autofilter_header_row=3)
    message = f"{sum(1 for d, _, _ in overdue if d)} customers overdue"
    return RunResult({"inquiries": computed_inq, "customers": computed_cus}, [due], message,
                     owned=("Due Follow-ups", "Quote - *"))
