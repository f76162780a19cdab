"""The service layer: one function per user-visible operation, shared by the CLI and the Excel ribbon.

Shells gather `InputTables`, call `run` with the steps the user asked for, and apply the `RunResult`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from tradexl.model import InputTables, RunResult

STEPS = ("grade", "followups", "quotes", "weekly", "check")
"""The single steps, in the order `refresh` runs them. Each writes:
grade -> Inquiries computed columns; followups -> Customers computed columns + Due Follow-ups;
quotes -> Quote - <Region> sheets; weekly -> Weekly Summary; check -> Check."""

GENERATED_SHEETS = {
    "followups": ("Due Follow-ups",),
    "quotes": ("Quote - *",),
    "weekly": ("Weekly Summary",),
    "check": ("Check",),
}


def run(tables: InputTables, today: date, now: datetime, steps: Sequence[str] = STEPS) -> RunResult:
    """Compute what the given steps write (the whole core runs; only the requested outputs are returned)."""
    raise NotImplementedError("wired by the lead once rules and reports land")
