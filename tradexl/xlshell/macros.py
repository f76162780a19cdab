"""Entry points of the Trade ribbon: each VBA callback runs `RunPython "import tradexl.xlshell.macros as m; m.X()"`.

Each macro is one line naming the operation steps it runs (the same steps as the CLI commands), so the ribbon,
the CLI and `tradexl.operations.STEPS` cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import xlwings as xw

from tradexl import operations
from tradexl.xlshell.workbook import TITLE, execute

HISTORY_UNAVAILABLE = "Customer history is not available in this version of TradeXL yet."


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
    xw.Book.caller().app.alert(HISTORY_UNAVAILABLE, title=TITLE)
