"""Reading one cell as what its column needs: a date, a number, an ID, a choice or plain text.

Cells arrive the way people type them: Excel dates or serial numbers, "28.11.2026", "Nov 28", "2026年11月28日",
"5,000 pcs", "$2.35", IDs that Excel turned into 1001.0, error values like "#N/A". Each parser returns the value,
None for a blank cell, or `Bad(message)` saying what to fix; none of them raises on cell data.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from tradexl.messages import msg
from tradexl.rules.vocab import fold

EXCEL_EPOCH = datetime(1899, 12, 30)
YEARS = (1950, 2100)
"""Dates outside these years are typing mistakes (or a number in a date column)."""

EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                          "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"})

MONTHS = {name: i for i, names in enumerate((
    ("jan", "january", "janv"), ("feb", "february", "febr", "fev"), ("mar", "march", "mars", "marz"),
    ("apr", "april", "avr"), ("may", "mai", "mei"), ("jun", "june", "juin"), ("jul", "july", "juil"),
    ("aug", "august", "aout"), ("sep", "sept", "september"), ("oct", "october", "okt"), ("nov", "november"),
    ("dec", "december", "dez"),
), start=1) for name in names}


@dataclass(frozen=True)
class Bad:
    """A cell that cannot be read; `message` tells the user what to fix."""

    message: str


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_text(value: object) -> str:
    """How a raw cell reads as text (for messages and text columns): 1001.0 -> "1001", dates in ISO form."""
    if is_blank(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | np.floating) and math.isfinite(value) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M" if value.time() != time() else "%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _excel_error(value: object) -> Bad | None:
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return Bad(msg("fix.excel_error", value=value.strip()))
    return None


def parse_text(value: object) -> str | Bad:
    return _excel_error(value) or as_text(value)


def parse_id(value: object) -> str | Bad:
    """IDs as text; "1001.0" (an ID Excel stored as a number) -> "1001"."""
    text = parse_text(value)
    if isinstance(text, str) and re.fullmatch(r"\d+\.0+", text):
        return text.split(".")[0]
    return text


def parse_choice(value: object, lookup: dict[str, str]) -> str | Bad:
    text = parse_text(value)
    if isinstance(text, Bad) or not text:
        return text
    found = lookup.get(fold(text))
    if found is None:
        choices = sorted(set(lookup.values()), key=list(lookup.values()).index)
        return Bad(msg("fix.not_in_list", choices=", ".join(choices)))
    return found


# --- numbers ---------------------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?P<cur>[$€£¥]|usd|us\$|rmb|cny|eur|gbp|aud|cad)?\s*(?P<sign>[-+])?\s*[$€£¥]?\s*"
    r"(?P<num>\d[\d,' ]*(?:\.\d+)?|\.\d+)\s*(?P<mult>k\b|千|万)?\s*(?P<unit>[^\d]*)")
_MULTIPLIERS = {"k": 1000, "千": 1000, "万": 10000}


def _number_text(text: str) -> float | None:
    """"5,000 pcs" -> 5000, "$2.35" -> 2.35, "2,35" -> 2.35, "5k" -> 5000; None when it is not one number."""
    match = _NUMBER.fullmatch(unicodedata.normalize("NFKC", text).casefold().strip())
    if not match or re.search(r"[=<>:@#%]", match["unit"] or ""):
        return None
    num = re.sub(r"[' ]", "", match["num"])
    if "," in num:
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", num):
            num = num.replace(",", "")
        elif re.fullmatch(r"\d+,\d{1,2}", num):
            num = num.replace(",", ".")
        else:
            return None
    value = float(num) * _MULTIPLIERS.get(match["mult"] or "", 1)
    return -value if match["sign"] == "-" else value


def parse_number(value: object) -> float | Bad | None:
    if is_blank(value):
        return None
    if isinstance(value, bool | np.bool_ | date | time):
        return Bad(msg("fix.not_number"))
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return number if math.isfinite(number) else Bad(msg("fix.not_number"))
    text = str(value)
    bad = _excel_error(text)
    if bad:
        return bad
    parsed = _number_text(text)
    return Bad(msg("fix.not_amount")) if parsed is None else parsed


# --- dates -----------------------------------------------------------------------------------------------------

_TIME = re.compile(r"(?:(?P<half>上午|早上|凌晨|中午|下午|晚上)\s*|(?<![\d\-/.年月:]))(?P<h>\d{1,2})"
                   r"(?:(?P<sep>[:时点])(?P<m>\d{2})?(?:[:分](?P<s>\d{2}))?)?(?:\.\d+)?\s*[分秒]*\s*"
                   r"(?P<ampm>am|pm|a\.m\.|p\.m\.)?$")
"""A time at the end of the text: "14:30", "2:30 PM", "2 pm", "下午2:30", "14点30分"."""
AFTERNOON_WORDS = frozenset({"pm", "p.m.", "下午", "晚上", "中午"})
"""Words that put an hour of 1–11 in the afternoon (中午 12点 stays noon)."""
MORNING_WORDS = frozenset({"am", "a.m.", "上午", "早上", "凌晨"})
_WEEKDAY = re.compile(r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|urday)?\.?,?\s+|"
                      r"^(星期|周|週|礼拜)[一二三四五六日天]\s*|\s*(星期|周|週|礼拜)[一二三四五六日天]$")
_AT = re.compile(r"[,\s]+(at|um|à|a las|às|в)\s+|,\s*(?=\d{1,2}(:|\s*[ap]\.?m))")
_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_MD_ZH = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*(\d{4})?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?\s*(\d{4})?")
_AMBIGUOUS = msg("fix.ambiguous_date")
_NOT_A_DATE = msg("fix.not_date")


def _recent_year(month: int, day: int, today: date | None) -> date | None:
    """The date with this month and day closest to but not after `today` ("Nov 28" typed in January).

    Without a `today` (mail headers, where the year is always written) a date without a year is not read.
    """
    if today is None:
        return None
    for year in range(today.year, today.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def _date_part(text: str, today: date | None) -> date | Bad | None:
    """The date a text names (without its time), None when no format fits."""
    if m := _YMD.fullmatch(text) or _COMPACT.fullmatch(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if m[2] == "." or first > 12 or first == second:
            return date(year, second, first)
        if second > 12:
            return date(year, first, second)
        return Bad(_AMBIGUOUS)
    if m := _MD_ZH.fullmatch(text):
        return _recent_year(int(m[1]), int(m[2]), today)
    words = re.sub(r"[,\-/]", " ", text)
    month_name: str | None = None
    day_text: str | None = None
    year_text: str | None = None
    if m := _MONTH_DAY.fullmatch(words):
        month_name, day_text, year_text = m[1], m[2], m[3]
    elif m := _DAY_MONTH.fullmatch(words):
        day_text, month_name, year_text = m[1], m[2], m[3]
    month = MONTHS.get(month_name or "")
    if month is None or day_text is None:
        return None
    return date(int(year_text), month, int(day_text)) if year_text else _recent_year(month, int(day_text), today)


def _clock(m: re.Match[str]) -> time | Bad:
    """The time of a `_TIME` match; AM/PM and 上午/下午 move the hour, "13:30 PM" is refused."""
    hour, half = int(m["h"]), m["ampm"] or m["half"] or ""
    if half in AFTERNOON_WORDS | MORNING_WORDS and not 1 <= hour <= 12:
        return Bad(msg("fix.not_time"))
    if half in AFTERNOON_WORDS and hour < 12:
        hour += 12
    elif half in MORNING_WORDS and hour == 12:
        hour = 0
    minute, second = int(m["m"] or 0), int(m["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return Bad(msg("fix.not_time"))
    return time(hour, minute, second)


def parse_date_text(text: str, today: date | None) -> datetime | Bad:
    """A date-time typed or written as text: "2026-12-01 2:30 PM", "Mon, Dec 1, 2026 at 2:30 PM",
    "2026年12月1日 下午2:30", "28.11.2026". `today` fills in a missing year (None: a year is required)."""
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    text = _AT.sub(" ", _WEEKDAY.sub("", text)).strip()
    clock = time()
    if (m := _TIME.search(text)) and m.start() > 0 and (m["sep"] or m["ampm"] or m["half"]):
        found = _clock(m)
        if isinstance(found, Bad):
            return found
        clock = found
        text = text[: m.start()].strip(" ,t")
    day = _date_part(text, today)
    if isinstance(day, Bad):
        return day
    if day is None:
        return Bad(_NOT_A_DATE)
    return datetime.combine(day, clock)


def parse_datetime(value: object, today: date) -> pd.Timestamp | Bad | None:
    """A date-time from an Excel date, a serial number (46354.5) or text in a common format."""
    if is_blank(value):
        return None
    bad = _excel_error(value)
    if bad:
        return bad
    try:
        if isinstance(value, bool | np.bool_ | time):
            return Bad(_NOT_A_DATE)
        if isinstance(value, date | np.datetime64):
            stamp = pd.Timestamp(value)
        elif isinstance(value, int | float | np.integer | np.floating) or re.fullmatch(r"\d{5}(\.\d+)?",
                                                                                        str(value).strip()):
            stamp = pd.Timestamp(EXCEL_EPOCH + timedelta(days=float(str(value).strip())))
        else:
            parsed = parse_date_text(str(value), today)
            if isinstance(parsed, Bad):
                return parsed
            stamp = pd.Timestamp(parsed)
    except (ValueError, OverflowError, TypeError, pd.errors.OutOfBoundsDatetime):
        return Bad(msg("fix.invalid_date"))
    if not YEARS[0] <= stamp.year <= YEARS[1]:
        return Bad(msg("fix.date_range", first=YEARS[0], last=YEARS[1]))
    return stamp.tz_localize(None) if stamp.tzinfo else stamp.round("s")
