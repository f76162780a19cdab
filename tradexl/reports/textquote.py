"""The plain-text quote for email bodies (seed step 1: quotes go out as plain text).

Pure ASCII so it survives every mail client and charset, and fixed-width columns that line up in any
monospaced font: long cells wrap inside their column and no line exceeds `LINE_WIDTH`. The content matches the
region's quote sheet: company profile, products with price, MOQ and certifications, terms, validity, note.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tradexl.reports.pricing import format_price, select_products
from tradexl.reports.quotes import company_lines, priced_products, term_lines, whole
from tradexl.settings import RegionPricing, Settings

LINE_WIDTH = 100
SEPARATOR = " | "
LABEL_WIDTH = 16

# Characters NFKD cannot reduce to ASCII (applied before and after decomposition).
ASCII_REPLACEMENTS: dict[str, str] = {
    "≥": ">=", "≤": "<=", "≠": "!=", "±": "+/-", "×": "x", "÷": "/", "⁄": "/", "→": "->", "←": "<-",
    "–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "‑": "-", "～": "~",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "‘": "'", "’": "'", "‚": "'", "′": "'", "″": '"', "…": "...", "•": "*", "·": "-",
    "°": " deg", "Ω": "Ohm", "µ": "u", "μ": "u", "Ø": "dia.", "ø": "dia.", "Φ": "dia.", "φ": "dia.",
    "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY", "©": "(c)", "®": "(R)", "™": "(TM)",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
    "ı": "i", "。": ".", "、": ",", "《": "<", "》": ">", "【": "[", "】": "]",
}
_TABLE = str.maketrans(ASCII_REPLACEMENTS)
_SPACES = re.compile(r"\s+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|<\s*>")  # left behind when their Chinese content is dropped


def to_ascii(value: object) -> str:
    """`value` as one line of printable ASCII: known symbols spelled out, accents dropped, the rest removed."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    decomposed = unicodedata.normalize("NFKD", str(value).translate(_TABLE)).translate(_TABLE)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    printable = "".join(ch if " " <= ch <= "~" else " " for ch in kept if ch.isascii())
    return _SPACES.sub(" ", _EMPTY_BRACKETS.sub("", printable)).strip()


FORMULA_TRIGGERS = ("=", "+", "-", "@")
RULE_CHARS = frozenset("-+=_*| ")


def defuse(text: str) -> str:
    """Text a spreadsheet would run as a formula when pasted (starts with = + - @) gets a leading apostrophe.

    Buyers paste quotes into Excel; a product or company text like `=cmd|...` must stay text there (OWASP
    CSV-injection advice). Rule lines made only of dashes are left alone.
    """
    body = text.lstrip()
    if body.startswith(FORMULA_TRIGGERS) and not set(body) <= RULE_CHARS:
        return text[: len(text) - len(body)] + "'" + body
    return text


def safe_wrap(text: str, width: int, **options: str | bool) -> list[str]:
    """textwrap.wrap, but no wrapped line may start like a formula: such lines are defused within `width`."""
    lines = textwrap.wrap(text, width, **options)  # type: ignore[arg-type]
    if lines == [defuse(line) for line in lines]:
        return lines
    return [defuse(line) for line in textwrap.wrap(text, width - 1, **options)]  # type: ignore[arg-type]


@dataclass(frozen=True)
class TextColumn:
    title: str
    width: int
    right: bool = False


PRODUCT_COLUMNS = (TextColumn("Model", 12), TextColumn("Product", 16), TextColumn("Specification", 19),
                   TextColumn("MOQ", 10, right=True), TextColumn("Unit price", 14, right=True),
                   TextColumn("Certifications", 14))


def table_lines(columns: Sequence[TextColumn], rows: Iterable[Sequence[str]]) -> list[str]:
    """A fixed-width table: header, rule, then rows whose cells wrap within their column."""
    def line(cells: Sequence[str]) -> str:
        padded = [c.rjust(col.width) if col.right else c.ljust(col.width)
                  for c, col in zip(cells, columns, strict=True)]
        return SEPARATOR.join(padded).rstrip()

    out = [line([col.title for col in columns]), "-+-".join("-" * col.width for col in columns)]
    for row in rows:
        wrapped = [safe_wrap(to_ascii(cell), col.width, break_long_words=True) or [""]
                   for cell, col in zip(row, columns, strict=True)]
        height = max(len(w) for w in wrapped)
        out += [line([w[i] if i < len(w) else "" for w in wrapped]) for i in range(height)]
    return out


def labelled_lines(pairs: Iterable[tuple[str, object]]) -> list[str]:
    """`Label:   value` lines, values wrapped with a hanging indent to stay within the line width."""
    out: list[str] = []
    for label, value in pairs:
        shown = value.isoformat() if isinstance(value, date) else value
        out += safe_wrap(to_ascii(shown) or "-", LINE_WIDTH,
                             initial_indent=f"{label + ':':<{LABEL_WIDTH}}",
                             subsequent_indent=" " * LABEL_WIDTH, break_long_words=True)
    return out


def paragraph(text: str, indent: str = "") -> list[str]:
    return safe_wrap(to_ascii(text), LINE_WIDTH, initial_indent=indent,
                         subsequent_indent=" " * len(indent), break_long_words=True)


def _moq(rec: dict[str, object]) -> str:
    moq = whole(rec.get("MOQ"))
    if moq is None:
        return ""
    return f"{moq:,} {rec.get('Unit') or ''}".strip()


def _price(rec: dict[str, object]) -> str:
    price = rec["Price"]
    return "on request" if price is None else f"{rec['Currency']} {format_price(price)}"  # type: ignore[arg-type]


def text_quote(region: RegionPricing, products: pd.DataFrame, settings: Settings, today: date,
               models: Sequence[str] | None = None) -> str:
    """The region's quote as plain ASCII text; `models` limits it to the products a buyer asked for."""
    missing: list[str] = []
    if models is not None:
        products, missing = select_products(products, models)
    priced = priced_products(products, region).to_dict("records")
    terms = dict(term_lines(region, today))
    lines = [defuse(to_ascii(f"QUOTATION - {region.region}").upper()), defuse(to_ascii(settings.company.name)), ""]
    lines += labelled_lines(company_lines(settings.company))
    lines += ["", *labelled_lines([("Quote date", terms["Quote date"])]), ""]
    lines += table_lines(PRODUCT_COLUMNS, [
        (rec["Model"], rec["Name"], rec["Specification"], _moq(rec), _price(rec), rec["Certifications"])
        for rec in priced])
    details = [(rec["Model"], rec["Technical Parameters"]) for rec in priced
               if to_ascii(rec["Technical Parameters"])]
    if details:
        lines += ["", "Technical parameters:"]
        for model, params in details:
            lines += paragraph(f"{params}", indent=f"  {defuse(to_ascii(model))}: ")
    if missing:
        lines += ["", *paragraph("Please contact us for: " + ", ".join(missing))]
    lines += ["", *labelled_lines([(k, terms[k]) for k in ("Payment terms", "Incoterm", "Valid until")])]
    lines += ["", *paragraph(f"Note: {region.pricing_note}")] if region.pricing_note else []
    return "\n".join(lines) + "\n"


def text_quotes(products: pd.DataFrame, settings: Settings, today: date) -> dict[str, str]:
    """Region -> its full plain-text quote, for every region of the pricing table."""
    return {r.region: text_quote(r, products, settings, today) for r in settings.regions}
