"""Entry points of the Trade ribbon: each VBA callback runs `RunPython "import tradexl.xlshell.macros as m; m.X()"`.

Each macro is one line naming the operation steps it runs (the same steps as the CLI commands), so the ribbon,
the CLI and `tradexl.operations.STEPS` cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import xlwings as xw

from tradexl import operations
from tradexl.errors import TradeXLError
from tradexl.mail.history import NO_ROW_SELECTED, history_result
from tradexl.model import InputTables, RunResult
from tradexl.xlshell.workbook import execute


def _run(steps: Sequence[str]) -> None:
    execute(xw.Book.caller(), steps)


def refresh_followups() -> None:
    _run(("followups",))


def grade_leads() -> None:
    _run(("grade",))


def region_quotes() -> None:
    _run(("quotes",))


def weekly_summary() -> None:
    _run(("weekly",))


def check_data() -> None:
    _run(("check",))


def refresh_all() -> None:
    _run(operations.STEPS)


def customer_history() -> None:
    """The History sheet for the buyer of the selected row (the selection is read inside the guarded run)."""
    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        selection = book.selection
        if selection is None:
            raise TradeXLError(NO_ROW_SELECTED)
        return history_result(tables, selection.sheet.name, selection.row, today)

    execute(book, (), run=run)


def team_report() -> None:
    """The team sheets in this (the manager's) workbook from the folder in Settings › Team Folder."""
    from pathlib import Path

    from tradexl.teamfolder import team_run

    book = xw.Book.caller()

    def run(tables: InputTables, today: date, moment: datetime, steps: Sequence[str]) -> RunResult:
        folder = tables.settings.team_folder
        if not folder:
            raise TradeXLError("type the team's shared folder into Settings › Team Folder first")
        return team_run(Path(folder), tables.settings, exclude=Path(book.fullname), today=today, now=moment).result

    execute(book, (), run=run)
