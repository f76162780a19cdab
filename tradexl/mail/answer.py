"""What the buyer asked against what we offer: the figures a reply (and a proforma invoice) answers with.

Pure: an inquiry row, the Products and Quotes frames and Settings in, an `Answer` out. Seed step 5 asks for an
*accurate* quote, so the answer works out what a salesperson would: the buyer's region price, their quantity's
line total, their target price against ours, how far their quantity is below the MOQ, the lead time, whether
they asked for a PI, and whether we quoted this buyer a different price before. A vague inquiry ("send your
catalog") gets the hot and new products instead of the whole price list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from tradexl.reports.common import column
from tradexl.reports.pricing import _fold_model, active_products, currency_decimals, currency_of, select_products
from tradexl.reports.quotes import priced_products, whole
from tradexl.rules.parse import as_text, parse_number
from tradexl.rules.regions import region_of
from tradexl.settings import RegionPricing, Settings

# Words that ask for a proforma invoice (whole words, case-insensitive; CJK anywhere).
PI_PATTERN = re.compile(r"(?<![a-z0-9])(?:p\.?i\.?|proforma|pro[\s-]forma)(?![a-z0-9])|形式发票", re.IGNORECASE)
VAGUE_PICK = 6  # hot/new products offered to a buyer who asked for "your catalog"
_YES = frozenset({"yes", "y", "1", "true", "是"})


@dataclass(frozen=True)
class PreviousQuote:
    """The latest earlier quote of the same model to the same buyer."""

    quote_no: str
    day: date | None
    unit_price: Decimal
    currency: str


@dataclass(frozen=True)
class LineAnswer:
    """One product line of the answer; `quantity` and `target_price` are the buyer's, when they gave them."""

    model: str
    name: str
    specification: str
    unit: str
    currency: str
    unit_price: Decimal | None
    moq: int | float | None
    certifications: str
    quantity: int | float | None = None
    target_price: Decimal | None = None
    lead_time_days: int | None = None
    previous: PreviousQuote | None = None

    @property
    def line_total(self) -> Decimal | None:
        """Buyer's quantity × our unit price, rounded to the currency's minor unit."""
        if self.unit_price is None or self.quantity is None:
            return None
        return _money(self.unit_price * Decimal(str(self.quantity)), self.currency)

    @property
    def moq_gap(self) -> int | float | None:
        """How many units the buyer's quantity is short of the MOQ (None when it meets it or is unknown)."""
        if self.quantity is None or self.moq is None or self.quantity >= self.moq:
            return None
        return whole(float(self.moq) - float(self.quantity))

    @property
    def target_gap(self) -> Decimal | None:
        """Our price minus the buyer's target (positive: we are above their target)."""
        if self.unit_price is None or self.target_price is None:
            return None
        return self.unit_price - self.target_price

    @property
    def price_changed(self) -> bool:
        return (self.previous is not None and self.unit_price is not None
                and self.previous.currency == self.currency and self.previous.unit_price != self.unit_price)


@dataclass(frozen=True)
class Answer:
    region: RegionPricing
    lines: tuple[LineAnswer, ...]
    asked: tuple[str, ...]  # models (or words) as the buyer wrote them
    missing: tuple[str, ...]  # models asked for that are not in the catalog
    vague: bool  # nothing specific asked: `lines` are the hot/new products
    wants_pi: bool
    region_note: str = ""

    @property
    def priced(self) -> tuple[LineAnswer, ...]:
        """The lines that carry a price: the ones a sent reply logs as quote lines."""
        return tuple(line for line in self.lines if line.unit_price is not None)


def region_for(country: str, settings: Settings) -> tuple[RegionPricing, str]:
    """The buyer's pricing region; an unknown country gets the standard (factor nearest 1.0) price, noted."""
    found = settings.region_pricing(region_of(country, settings.country_regions))
    if found is not None:
        return found, ""
    standard = min(settings.regions, key=lambda r: abs(r.price_factor - 1.0))
    return standard, f"country '{country or '(blank)'}' has no pricing region; quoted {standard.region} prices"


def asked_models(product: str) -> list[str]:
    return [m.strip() for m in re.split(r"[,;/\n]+|\s+&\s+", product) if m.strip()]


def wants_pi(*texts: str) -> bool:
    return any(PI_PATTERN.search(text) for text in texts)


def answer_inquiry(inquiry: Mapping[str, Any], products: pd.DataFrame, quotes: pd.DataFrame,
                   settings: Settings) -> Answer:
    """The answer to one inquiry row (see the module docstring)."""
    region, note = region_for(as_text(inquiry.get("Country")), settings)
    asked = asked_models(as_text(inquiry.get("Product")))
    chosen, missing = select_products(products, asked)
    vague = chosen.empty
    if vague:
        chosen, missing = hot_and_new(products), []
    single = len(chosen) == 1 and not vague
    quantity = _positive(inquiry.get("Quantity")) if single else None
    target = _positive(inquiry.get("Target Price")) if single else None
    target_currency = as_text(inquiry.get("Target Currency")).upper()
    history = _history(quotes, inquiry)
    lines = []
    for rec in priced_products(chosen, region).to_dict("records"):
        currency = rec["Currency"]
        comparable = target is not None and target_currency in ("", currency)
        lines.append(LineAnswer(
            model=as_text(rec["Model"]), name=as_text(rec["Name"]), specification=as_text(rec["Specification"]),
            unit=as_text(rec["Unit"]), currency=currency, unit_price=rec["Price"], moq=whole(_number(rec["MOQ"])),
            certifications=as_text(rec["Certifications"]), quantity=whole(quantity),
            target_price=_money(Decimal(str(target)), currency) if comparable and target is not None else None,
            lead_time_days=_days(rec.get("Lead Time (days)")),
            previous=_previous(history, as_text(rec["Model"]))))
    return Answer(region, tuple(lines), tuple(asked), tuple(missing), vague,
                  wants_pi(as_text(inquiry.get("Message")), as_text(inquiry.get("Product"))), note)


def hot_and_new(products: pd.DataFrame, limit: int = VAGUE_PICK) -> pd.DataFrame:
    """The products marked Hot, then New (active ones, catalog order), at most `limit`."""
    def flagged(name: str) -> pd.Series:
        return column(products, name).map(lambda v: as_text(v).casefold() in _YES)

    hot, new = flagged("Hot"), flagged("New")
    order = list(products.index[hot]) + [i for i in products.index[new] if not hot[i]]
    return active_products(products.loc[order]).head(limit)


def _money(value: Decimal, currency: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-currency_decimals(currency)), rounding=ROUND_HALF_UP)


def _number(value: object) -> float | None:
    number = parse_number(value)
    return number if isinstance(number, float) else None


def _positive(value: object) -> float | None:
    number = _number(value)
    return number if number is not None and number > 0 else None


def _days(value: object) -> int | None:
    number = _positive(value)
    return round(number) if number is not None else None


def _history(quotes: pd.DataFrame, inquiry: Mapping[str, Any]) -> pd.DataFrame:
    """This buyer's earlier quote lines (by Customer ID, else company name), latest first."""
    if quotes.empty:
        return quotes
    cid = as_text(inquiry.get("Customer ID")).casefold()
    company = as_text(inquiry.get("Company")).casefold()
    if cid:
        mine = column(quotes, "Customer ID").map(as_text).str.casefold() == cid
    elif company:
        mine = column(quotes, "Company").map(as_text).str.casefold() == company
    else:
        return quotes.iloc[0:0]
    found = quotes[mine].copy()
    found["_day"] = column(found, "Date", None).map(_as_date)
    found["_no"] = column(found, "Quote No").map(as_text)
    return found.sort_values(["_day", "_no"], ascending=False, na_position="last", kind="stable")


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _previous(history: pd.DataFrame, model: str) -> PreviousQuote | None:
    if history.empty:
        return None
    fold = _fold_model(model)
    for rec in history.to_dict("records"):
        price = _number(rec.get("Unit Price"))
        if price is None or _fold_model(rec.get("Model")) != fold:
            continue
        currency = currency_of(rec.get("Currency"))
        return PreviousQuote(as_text(rec.get("_no")), rec.get("_day"), _money(Decimal(str(price)), currency),
                             currency)
    return None


def quote_number(existing: Sequence[object], day: date, prefix: str = "Q") -> str:
    """The next quote number for `day`'s month: `<prefix><yymm>-<n>` after the highest of that month.

    The prefix and the number's width follow the numbers already on the sheet ("LXQ2612-007" ->
    "LXQ2612-008"); numbers of other months never count, so a reply on 1 December starts at -001 or follows the
    December quotes, whatever November reached.
    """
    pattern = re.compile(r"(.*?)(\d{4})-(\d+)")
    found = [m for m in (pattern.fullmatch(as_text(v)) for v in existing) if m]
    if found:
        prefix, width = found[-1].group(1), len(found[-1].group(3))
    else:
        width = 3
    month = f"{day:%y%m}"
    used = [int(m.group(3)) for m in found if m.group(2) == month and m.group(1) == prefix]
    return f"{prefix}{month}-{max(used, default=0) + 1:0{width}d}"
