"""The width of a computed column on an input sheet, fitted to its header and what its cells show.

Why the engine sets it: a user's sheet may have narrow columns where the engine adds or fills computed ones, and
a date or a number in a column too narrow for it shows as `###`. The engine owns its computed columns (never the
user's), so both shells give each computed column the width this returns, in Excel's unit (characters of the
default font's digit). Long texts (grade reasons) are capped and wrap instead of widening the sheet without end.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

PADDING = 2.0
"""Characters of margin Excel and LibreOffice need around a cell's text before they cut it or show `###`."""
HEADER_FACTOR = 1.05
"""A bold italic header is wider than plain digits of the same count."""
MIN_WIDTH = 6
TEXT_CAP = 40
"""Widest a text column gets; longer texts wrap (the column's cells wrap) instead."""
SHOWN_LENGTH = {"date": len("2026-11-28"), "datetime": len("2026-11-28 14:05")}
"""Characters a date cell shows, by the column's number format (tradexl.sheetspec.NUMBER_FORMATS)."""
NUMBER_TEXT = {"int": "{:,.0f}", "decimal1": "{:.1f}"}


def text_width(text: str) -> float:
    """Display width of `text` in digit widths: East Asian wide characters count two."""
    if text.isascii():
        return float(len(text))
    return float(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text))


def _longest_line(text: str) -> float:
    return max(text_width(line) for line in text.split("\n"))


def fitted_width(header: Any, values: Iterable[Any], fmt: str) -> tuple[int, bool]:
    """(width, wraps) of a computed column: the header on one line and every value shown whole, at least
    MIN_WIDTH; a text column needing more than TEXT_CAP gets TEXT_CAP and wraps."""
    head = _longest_line(str(header)) * HEADER_FACTOR if isinstance(header, str) and header else 0.0
    content = 0.0
    if fmt in SHOWN_LENGTH:
        content = float(SHOWN_LENGTH[fmt])  # room for a date even while the column is still empty
    else:
        pattern = NUMBER_TEXT.get(fmt, "{}")
        for value in values:
            if isinstance(value, str):
                content = max(content, _longest_line(value))
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                if isinstance(value, float) and not math.isfinite(value):
                    continue
                content = max(content, float(len(pattern.format(value))))
    wraps = content > TEXT_CAP
    needed = max(head, min(content, TEXT_CAP)) + PADDING
    return max(MIN_WIDTH, math.ceil(needed)), wraps
