"""The service layer: one function per user-visible operation, shared by the CLI and the Excel ribbon.

Shells gather `InputTables`, call `run` with the steps the user asked for, and apply the `RunResult`. Nothing
here reads files, Excel or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from tradexl.model import Enriched, InputTables, RunResult
from tradexl.reports import check_sheet, due_message, due_sheet, quote_sheets, unanswered_sheet, weekly_sheet
from tradexl.reports import text_quotes as region_texts
from tradexl.reports.monthly import monthly_sheet
from tradexl.reports.pool import pool_sheet
from tradexl.reports.statistics import statistics_sheet
from tradexl.rules.enrich import computed_columns, enrich
from tradexl.settings import Settings
from tradexl.sheetspec import SheetSpec

STEPS = ("grade", "followups", "quotes", "weekly", "monthly", "stats", "pool", "check")
"""The single steps, in the order `refresh` runs them. Each writes:
grade -> Inquiries computed columns; followups -> Customers, Quotes and Orders computed columns + Due Follow-ups
+ Unanswered; quotes -> Quote - <Region> sheets; weekly -> Weekly Summary; monthly -> Monthly Review;
stats -> Statistics; pool -> Pool; check -> Check.
Orders computed columns are written with the customers' (followups), since `Orders (12 mo)` comes from them."""

COMPUTED_BY_STEP = {"grade": ("inquiries",), "followups": ("customers", "quotes", "orders")}

SheetBuilder = Callable[[Enriched, Settings, date, datetime], list[SheetSpec]]

SHEETS_BY_STEP: dict[str, tuple[tuple[str, ...], SheetBuilder]] = {
    "followups": (("Due Follow-ups", "Unanswered"),
                  lambda e, s, d, n: [due_sheet(e, d, s), unanswered_sheet(e.inquiries, s, n)]),
    "quotes": (("Quote - *",), lambda e, s, d, n: quote_sheets(e.products, s, d)),
    "weekly": (("Weekly Summary",), lambda e, s, d, n: [weekly_sheet(e, d, s, n)]),
    "monthly": (("Monthly Review",), lambda e, s, d, n: [monthly_sheet(e, d, s, n)]),
    "stats": (("Statistics",), lambda e, s, d, n: [statistics_sheet(e, d, s, n)]),
    "pool": (("Pool",), lambda e, s, d, n: [pool_sheet(e, d, s)]),
    "check": (("Check",), lambda e, s, d, n: [check_sheet(e.problems, s)]),
}


def run(tables: InputTables, today: date, now: datetime, steps: Sequence[str] = STEPS) -> RunResult:
    """Compute what the given steps write. The whole core runs; only the requested outputs are returned."""
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown step(s): {', '.join(sorted(unknown))}")
    enriched = enrich(tables, today, now)
    columns = computed_columns(enriched, tables)
    computed = {sheet: columns[sheet] for step, sheets in COMPUTED_BY_STEP.items() if step in steps
                for sheet in sheets}
    sheets: list[SheetSpec] = []
    owned: list[str] = []
    for step in STEPS:
        if step in steps and step in SHEETS_BY_STEP:
            names, build = SHEETS_BY_STEP[step]
            owned.extend(names)
            sheets.extend(build(enriched, tables.settings, today, now))
    return RunResult(
        computed=computed,
        sheets=sheets,
        message=due_message(enriched, today, tables.settings),
        problems=enriched.problems,
        owned=tuple(owned),
    )


def text_quotes(tables: InputTables, today: date) -> dict[str, str]:
    """The plain-text quote of every pricing region, from the workbook's Products and Settings."""
    enriched = enrich(tables, today, datetime.combine(today, time(23, 59, 59)))
    return region_texts(enriched.products, tables.settings, today)
