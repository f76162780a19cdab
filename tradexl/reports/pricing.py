"""Region prices and the product selection shared by the quote sheets and the plain-text quotes.

Prices are money: Base Price × the region's factor is computed in `Decimal` and rounded half-up to the
currency's minor unit (cents for USD, none for JPY), so a quote never shows 12.344999 or a banker's-rounded
cent, and the sheet and the email quote always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

from tradexl.money import CURRENCY_DECIMALS, DEFAULT_CURRENCY, currency_decimals, currency_of
from tradexl.reports.common import column

__all__ = ["CURRENCY_DECIMALS", "DEFAULT_CURRENCY", "currency_decimals", "currency_of"]

SHEET_PREFIX = "Quote - "
MAX_SHEET_NAME = 31
# Excel forbids []:*?/\ in sheet names: keep the meaning where there is one ("Asia/Pacific" -> "Asia-Pacific").
_SHEET_NAME_FIXES = str.maketrans({"/": "-", "\\": "-", "[": "(", "]": ")", ":": None, "*": None, "?": None})
_SPACES = re.compile(r"\s+")
_MODEL_FOLD = re.compile(r"[\s\-_./]+")


def unit_price(base_price: object, factor: float, currency: str) -> Decimal | None:
    """Base × factor rounded half-up to the currency's minor unit; None when the base price is missing."""
    try:
        base = Decimal(repr(float(base_price)))  # type: ignore[arg-type]
    except (TypeError, ValueError, InvalidOperation):
        return None
    if not base.is_finite():
        return None
    step = Decimal(1).scaleb(-currency_decimals(currency))
    return (base * Decimal(repr(float(factor)))).quantize(step, rounding=ROUND_HALF_UP)


def format_price(price: Decimal) -> str:
    """A price with thousands separators and exactly its currency's decimals, e.g. "1,234.50"."""
    return f"{price:,}"


def quote_sheet_name(region: str) -> str:
    """`Quote - <Region>` made valid for Excel: no []:*?/\\ characters, at most 31 characters."""
    clean = _SPACES.sub(" ", str(region).translate(_SHEET_NAME_FIXES)).strip().strip("'")
    return (SHEET_PREFIX + clean)[:MAX_SHEET_NAME].rstrip().rstrip("'")


def unique_sheet_names(regions: Iterable[str]) -> list[str]:
    """Sheet names for the regions, made distinct (case-insensitively, as Excel compares) after truncation."""
    names: list[str] = []
    seen: set[str] = set()
    for region in regions:
        name = base = quote_sheet_name(region)
        n = 2
        while name.casefold() in seen:
            suffix = f" ({n})"
            name = base[:MAX_SHEET_NAME - len(suffix)] + suffix
            n += 1
        seen.add(name.casefold())
        names.append(name)
    return names


def active_products(products: pd.DataFrame) -> pd.DataFrame:
    """Products to quote: a model is required; Active blank counts as active, "No" excludes."""
    if "Model" not in products.columns:
        return products.iloc[0:0]
    active = column(products, "Active").fillna("").astype(str)
    model = products["Model"].fillna("").astype(str).str.strip()
    return products[(model != "") & ~active.str.strip().str.casefold().isin({"no", "n", "否"})]


def _fold_model(model: object) -> str:
    return _MODEL_FOLD.sub("", str(model or "")).casefold()


def select_products(products: pd.DataFrame, models: Iterable[str]) -> tuple[pd.DataFrame, list[str]]:
    """The active products a buyer asked for, in the order asked, and the asked models not found.

    Models match ignoring case, spaces, dashes, dots and slashes ("ab-100" finds "AB 100").
    """
    active = active_products(products)
    by_model: dict[str, object] = {}
    for folded, idx in zip(active["Model"].map(_fold_model), active.index, strict=True):
        by_model.setdefault(folded, idx)
    chosen: list[object] = []
    missing: list[str] = []
    for model in models:
        idx = by_model.get(_fold_model(model))
        if idx is None:
            missing.append(str(model))
        elif idx not in chosen:
            chosen.append(idx)
    return active.loc[chosen], missing
