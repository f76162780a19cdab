"""One cell value -> one `<c>` element, the same way for computed columns and generated sheets.

Text is always an inline string (never a formula, never a shared-string index, so sharedStrings.xml stays the
user's); numbers are numbers; dates become Excel serial numbers (the style gives them a date format).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from typing import Any, Concatenate, ParamSpec, TypeVar

EPOCH = datetime(1899, 12, 30)
EPOCH_1904 = datetime(1904, 1, 1)
_EPOCH: ContextVar[datetime] = ContextVar("tradexl_date_epoch", default=EPOCH)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def escape_attr(text: str) -> str:
    """XML-escape a value for a double-quoted attribute (format codes, header/footer text, copied styles)."""
    return escape_markup(text).replace('"', "&quot;")


def escape_markup(text: str) -> str:
    """`&`, `<` and `>` escaped. Chained `str.replace`, not `str.translate`: translate looks every character up in
    a dict and is about 18x slower on the long messages and summaries a 100k register writes."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@functools.lru_cache(maxsize=1 << 16)
def escape_text(text: str) -> str:
    """XML-escape text; characters XML cannot carry become Excel's `_xHHHH_` escapes (and `_x` is protected).

    Memoised: computed columns repeat a few texts (grades, statuses, regions) on every row."""
    text = escape_markup(text)
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub(lambda m: "_x005F_" if m.group() == "_" else f"_x{ord(m.group()):04X}_", text)
    return text


@contextmanager
def date_system(date1904: bool) -> Iterator[None]:
    """Write date serials in the 1904 (or 1900) date system inside this block.

    A context variable rather than an argument of every `cell_xml` call: the date system belongs to the one
    workbook being edited, and every cell staged or rendered for it must follow it (see `workbook_dates`).
    """
    token = _EPOCH.set(EPOCH_1904 if date1904 else EPOCH)
    try:
        yield
    finally:
        _EPOCH.reset(token)


P = ParamSpec("P")
R = TypeVar("R")


def workbook_dates(method: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R]:
    """Decorates a method of the object editing a workbook (`self.pkg`, its Package) that stages or renders
    cells: while it runs, dates are written in that workbook's date system."""
    @functools.wraps(method)
    def in_its_date_system(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        with date_system(self.pkg.date1904):
            return method(self, *args, **kwargs)
    return in_its_date_system


def serial(value: date | datetime) -> float:
    """Excel's serial day number for a date or date-time, in the current workbook's date system (1900 unless
    inside `date_system(True)`: the 1904 system's day 0 is 1904-01-01, 1462 days later)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    delta = value.replace(tzinfo=None) - _EPOCH.get()
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


def kind_of(value: Any) -> str:
    """'' (blank), 'text', 'number', 'bool', 'date' or 'datetime' for a Python/pandas/numpy value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "text" if value != "" else ""
    if isinstance(value, bool):
        return "bool"
    try:  # NaN, pandas NaT (a datetime subclass) and NA (which refuses truth testing) are blank
        if value != value:
            return ""
    except (TypeError, ValueError):
        return ""
    if hasattr(value, "item") and not isinstance(value, datetime | date):  # numpy scalars
        value = value.item()
        if isinstance(value, bool):
            return "bool"
    if isinstance(value, datetime):
        return "datetime" if value.time() != time() else "date"
    if isinstance(value, date):
        return "date"
    if isinstance(value, int | float):
        return "number" if math.isfinite(value) else ""
    return "text"


def number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def cell_xml(ref: str, value: Any, style: int, prefix: str = "") -> str | None:
    """The `<c>` element for `value` at `ref` with cellXfs index `style`; None for a blank value."""
    s = f' s="{style}"' if style else ""
    p = prefix
    if type(value) is str:  # the common case, without the general type dispatch
        if not value:
            return None
        return (f'<{p}c r="{ref}"{s} t="inlineStr"><{p}is><{p}t xml:space="preserve">'
                f"{escape_text(value)}</{p}t></{p}is></{p}c>")
    kind = kind_of(value)
    if kind == "":
        return None
    if kind == "text":
        return (f'<{p}c r="{ref}"{s} t="inlineStr"><{p}is><{p}t xml:space="preserve">'
                f"{escape_text(str(value))}</{p}t></{p}is></{p}c>")
    if kind == "bool":
        return f'<{p}c r="{ref}"{s} t="b"><{p}v>{int(bool(value))}</{p}v></{p}c>'
    if hasattr(value, "item") and not isinstance(value, datetime | date):
        value = value.item()
    if kind in {"date", "datetime"}:
        if hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        return f'<{p}c r="{ref}"{s}><{p}v>{number_text(round(serial(value), 9))}</{p}v></{p}c>'
    return f'<{p}c r="{ref}"{s}><{p}v>{number_text(value)}</{p}v></{p}c>'


def style_cell_xml(ref: str, style: int, prefix: str = "") -> str:
    """An empty but styled cell (fills and borders across a header or total row)."""
    return f'<{prefix}c r="{ref}" s="{style}"/>'
