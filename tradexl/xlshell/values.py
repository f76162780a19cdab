"""Cell values across the xlwings boundary, converted so Excel ends up with what the file engine writes.

Reading: xlwings hands back floats for every number, `datetime` for every date cell (midnight for date-only
cells), None for empty cells and for cell errors. The file engine's reader (calamine) gives a `date` for a
date-time at midnight, so `from_excel` does the same: both shells then feed the core identical values.

Writing: a value assigned through COM/AppleScript is parsed by Excel as if typed, so a buyer's "=HYPERLINK(..)"
would become a formula, "+86 574 1234" a formula, "00123" the number 123 and "3-4" a date. The file engine
writes every string as a string, so here every non-empty string is prefixed with an apostrophe: Excel stores it
as text and the apostrophe is not part of the value (it is Excel's "prefix character"; `Range.value` reads the
text back without it). This was chosen over number format "@" because it needs no extra call per range and does
not change the cell's format for the user. Blank values (None, "", NaN, NaT, pd.NA) are written as None, which
clears the cell. Dates are written as `datetime`; numpy and Decimal numbers as Python int/float.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from tradexl.plan import is_blank

TEXT_PREFIX = "'"


def to_excel(value: Any) -> Any:
    """One Python value as xlwings should write it (see the module docstring for why strings get a prefix)."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        return TEXT_PREFIX + value
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, Decimal | np.floating):
        return float(value)
    return value


def from_excel(value: Any) -> Any:
    """One value as xlwings read it, normalised to what the file engine's reader hands the core."""
    if isinstance(value, datetime) and value.time() == time() and value.tzinfo is None:
        return value.date()
    return value


def rows_to_excel(rows: list[list[Any]]) -> list[list[Any]]:
    return [[to_excel(v) for v in row] for row in rows]


def rows_from_excel(rows: list[list[Any]]) -> list[list[Any]]:
    return [[from_excel(v) for v in row] for row in rows]
