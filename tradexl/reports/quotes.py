"""Quote - <Region> sheets: the region's price list with the company introduction, terms and pricing note.

Buyer-facing, so always English (seed step 1: the same product gets a competitive first offer in price-
sensitive markets and a service-inclusive price, explained in the note, for North America). The company block
and terms are shared with the plain-text quote so both always say the same thing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from tradexl.reports.common import column
from tradexl.reports.pricing import (
    active_products,
    currency_decimals,
    currency_of,
    unique_sheet_names,
    unit_price,
)
from tradexl.settings import CompanyProfile, RegionPricing, Settings
from tradexl.sheetspec import Format, PrintSetup, Row, SheetSpec

PRODUCT_COLUMNS = ("Model", "Name", "Specification", "MOQ", "Unit", "Unit Price", "Currency", "Certifications",
                   "Technical Parameters")
WIDTHS = (16.0, 24.0, 26.0, 9.0, 7.0, 12.0, 9.0, 20.0, 40.0)
WRAPPED = (1, 2, 7, 8)  # Name, Specification, Certifications, Technical Parameters: shown whole, never cut
PRICE_ON_REQUEST = "on request"
PRICE_FORMATS: dict[int, Format] = {0: "int", 2: "money"}


def company_lines(company: CompanyProfile) -> list[tuple[str, str]]:
    """The company introduction every quote carries (seed step 5), as (label, value) pairs."""
    return [("Founded", company.founded), ("Total assets", company.total_assets),
            ("Annual sales", company.annual_sales), ("Awards", company.awards), ("Contact", company.contact),
            ("Phone", company.phone), ("Fax", company.fax), ("Email", company.email),
            ("Website", company.website), ("Address", company.address)]


def valid_until(region: RegionPricing, today: date) -> date:
    return today + timedelta(days=region.valid_days)


def term_lines(region: RegionPricing, today: date) -> list[tuple[str, Any]]:
    return [("Quote date", today), ("Valid until", valid_until(region, today)),
            ("Payment terms", region.payment_terms), ("Incoterm", region.incoterm)]


def whole(value: Any) -> Any:
    """A number shown without ".0" when whole (MOQ 1000, not 1000.0); blanks become None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def priced_products(products: pd.DataFrame, region: RegionPricing) -> pd.DataFrame:
    """Active products with `Currency` filled in and `Price` (Decimal or None) at the region's factor."""
    chosen = active_products(products).copy()
    chosen["Currency"] = [currency_of(c) for c in column(chosen, "Currency")]
    chosen["Price"] = [unit_price(b, region.price_factor, c) for b, c in
                       zip(column(chosen, "Base Price", float("nan")), chosen["Currency"], strict=True)]
    for name in PRODUCT_COLUMNS:
        if name not in chosen.columns:
            chosen[name] = ""
    return chosen


def _product_row(rec: dict[str, Any]) -> Row:
    price = rec["Price"]
    decimals = currency_decimals(rec["Currency"])
    values = (rec["Model"], rec["Name"], rec["Specification"], whole(rec["MOQ"]), rec["Unit"],
              PRICE_ON_REQUEST if price is None else float(price), rec["Currency"], rec["Certifications"],
              rec["Technical Parameters"])
    formats: tuple[Format, ...] = ("", "", "", "int", "", PRICE_FORMATS.get(decimals, ""), "", "", "")
    return Row(values, kind="data", formats=formats)


def quote_sheet(region: RegionPricing, products: pd.DataFrame, settings: Settings, today: date,
                name: str | None = None) -> SheetSpec:
    """One region's quote sheet; `name` defaults to the safe `Quote - <Region>` name."""
    title = f"Quotation - {region.region}"
    rows = [Row((settings.company.name,), kind="title"), Row((title,), kind="subtitle"), Row((), kind="blank")]
    rows += [Row((label, value), kind="data") for label, value in company_lines(settings.company)]
    rows.append(Row((), kind="blank"))
    rows += [Row((label, value), kind="data", formats=("", "date" if isinstance(value, date) else ""))
             for label, value in term_lines(region, today)]
    rows.append(Row((), kind="blank"))
    header_row = len(rows) + 1
    rows.append(Row(PRODUCT_COLUMNS, kind="header"))
    rows += [_product_row(rec) for rec in priced_products(products, region).to_dict("records")]
    rows += [Row((), kind="blank"), Row((f"Note: {region.pricing_note}",), kind="note")]
    return SheetSpec(
        name=name or unique_sheet_names([region.region])[0], rows=tuple(rows), widths=WIDTHS,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=title,
                               repeat_rows=(header_row, header_row)),
        wrap_columns=WRAPPED,
    )


def quote_sheets(products: pd.DataFrame, settings: Settings, today: date) -> list[SheetSpec]:
    """One `Quote - <Region>` sheet per region of the pricing table, in the table's order."""
    names = unique_sheet_names(r.region for r in settings.regions)
    return [quote_sheet(region, products, settings, today, name)
            for region, name in zip(settings.regions, names, strict=True)]
