"""The width of a computed column on an input sheet, fitted to its header and what its cells show.

Why the engine sets it: a user's sheet may have narrow columns where the engine adds or fills computed ones, and
a date or a number in a column too narrow for it shows as `###`. The engine owns its computed columns (never the
user's), so both shells give each computed column the width this returns, in Excel's unit (characters of the
default font's digit). Long texts (grade reasons) are capped and wrap instead of widening the sheet without end.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

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


def _widest_text(texts: list[str]) -> float:
    """Display width of the widest text, looking at as few as it can (a 100,000-row column holds few distinct
    texts, or long ones): a text of n characters is n to 2n wide, and anything past TEXT_CAP wraps anyway."""
    if any(len(t) > TEXT_CAP and "\n" not in t for t in texts):
        return TEXT_CAP + 1.0
    best = 0.0
    for text in sorted(texts, key=len, reverse=True):
        if 2 * len(text) <= best:
            break
        best = max(best, _longest_line(text))
    return best


def _widest_number(numbers: np.ndarray, pattern: str) -> float:
    """Characters of the widest number as shown: the largest or the most negative (widths grow with size)."""
    finite = numbers[np.isfinite(numbers)]
    if not len(finite):
        return 0.0
    return float(max(len(pattern.format(float(finite.max()))), len(pattern.format(float(finite.min())))))


def fitted_width(header: Any, values: pd.Series, fmt: str) -> tuple[int, bool]:
    """(width, wraps) of a computed column: the header on one line and every value shown whole, at least
    MIN_WIDTH; a text column needing more than TEXT_CAP gets TEXT_CAP and wraps. Vectorised where it can be:
    it runs on every computed column of a 100,000-row sheet at each refresh."""
    head = _longest_line(str(header)) * HEADER_FACTOR if isinstance(header, str) and header else 0.0
    pattern = NUMBER_TEXT.get(fmt, "{}")
    if fmt in SHOWN_LENGTH:
        content = float(SHOWN_LENGTH[fmt])  # room for a date even while the column is still empty
    elif is_numeric_dtype(values) and not is_bool_dtype(values):
        content = _widest_number(values.to_numpy(dtype=float, na_value=np.nan), pattern)
    else:
        present = values.dropna()
        try:
            lengths = present.str.len()  # NaN for what is not text
        except AttributeError:  # no text at all
            lengths = pd.Series(np.nan, index=present.index)
        text = lengths.notna()
        longest = float(lengths.max()) if text.any() else 0.0
        if longest > TEXT_CAP and not present[lengths > TEXT_CAP].str.contains("\n", regex=False).all():
            return TEXT_CAP + round(PADDING), True  # a text past the cap on one line: the column wraps
        pick = lengths * 2 > longest
        numbers = np.array([float(v) for v in pd.unique(present[~text]) if isinstance(v, int | float | Decimal)
                            and not isinstance(v, bool)], dtype=float)
        content = max(_widest_text(list(pd.unique(present[text & pick]))), _widest_number(numbers, pattern))
    wraps = content > TEXT_CAP
    needed = max(head, min(content, TEXT_CAP)) + PADDING
    return max(MIN_WIDTH, math.ceil(needed)), wraps
