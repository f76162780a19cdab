"""The service layer: one function per user-visible operation, shared by the CLI and the Excel ribbon.

Shells gather `InputTables`, call `run` with the steps the user asked for, and apply the `RunResult`. Nothing
here reads files, Excel or the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from tradexl.model import Enriched, InputTables, RunResult
from tradexl.reports import check_sheet, due_message, due_sheet, quote_sheets, weekly_sheet
from tradexl.reports import text_quotes as region_texts
from tradexl.rules.enrich import computed_columns, enrich
from tradexl.sheetspec import SheetSpec

STEPS = ("grade", "followups", "quotes", "weekly", "check")
"""The single steps, in the order `refresh` runs them. Each writes:
grade -> Inquiries computed columns; followups -> Customers computed columns + Due Follow-ups;
quotes -> Quote - <Region> sheets; weekly -> Weekly Summary; check -> Check."""

COMPUTED_BY_STEP = {"grade": "inquiries", "followups": "customers"}

SheetBuilder = Callable[[Enriched, InputTables, date], list[SheetSpec]]

SHEETS_BY_STEP: dict[str, tuple[tuple[str, ...], SheetBuilder]] = {
    "followups": (("Due Follow-ups",), lambda e, t, d: [due_sheet(e, d, t.settings)]),
    "quotes": (("Quote - *",), lambda e, t, d: quote_sheets(e.products, t.settings, d)),
    "weekly": (("Weekly Summary",), lambda e, t, d: [weekly_sheet(e, d, t.settings)]),
    "check": (("Check",), lambda e, t, d: [check_sheet([*t.settings_problems, *e.problems], t.settings)]),
}


def run(tables: InputTables, today: date, now: datetime, steps: Sequence[str] = STEPS) -> RunResult:
    """Compute what the given steps write. The whole core runs; only the requested outputs are returned."""
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown step(s): {', '.join(sorted(unknown))}")
    enriched = enrich(tables, today, now)
    columns = computed_columns(enriched)
    computed = {sheet: columns[sheet] for step, sheet in COMPUTED_BY_STEP.items() if step in steps}
    sheets: list[SheetSpec] = []
    owned: list[str] = []
    for step in STEPS:
        if step in steps and step in SHEETS_BY_STEP:
            names, build = SHEETS_BY_STEP[step]
            owned.extend(names)
            sheets.extend(build(enriched, tables, today))
    return RunResult(
        computed=computed,
        sheets=sheets,
        message=due_message(enriched, today, tables.settings),
        problems=[*tables.settings_problems, *enriched.problems],
        owned=tuple(owned),
    )


def text_quotes(tables: InputTables, today: date) -> dict[str, str]:
    """The plain-text quote of every pricing region, from the workbook's Products and Settings."""
    enriched = enrich(tables, today, datetime.combine(today, time(23, 59, 59)))
    return region_texts(enriched.products, tables.settings, today)
