"""Worksheet functions for the TradeXL rules, imported by the xlwings add-in ("Import Functions").

The `xlwings.conf` sheet names `udfs` under UDF Modules. Each function is one call into the same core the
ribbon and the command line use; `@xw.arg`/`@xw.ret` do the conversions (dates in, blanks as None, Decimal
prices out as numbers). Functions stay pure: nothing reads the workbook or the clock. Every function takes an
optional argument `settings`, a range covering the Settings sheet's tables (e.g. `Settings!A1:H80`);
without it the contract's defaults apply (cadence A 3 / B 7 / C 15 / D 30 days, the default regions and
price factors, the built-in country map and keyword lists). The grading functions take a last optional
`products` range (the Products table with its header row) so the model and MOQ signals count as in the column.

Each function builds the one row (or the few rows) it describes and runs the same core as a refresh
(`tradexl.rules.enrich.enrich`), so a cell can never disagree with the computed column.

The worksheet functions carry no type annotations on purpose: xlwings treats a parameter's annotation as its
converter (`get_type_hints` -> `convert=`), so `country: str` would make Excel calls fail; conversions are
declared with `@xw.arg`/`@xw.ret` instead.

    =TRADEXL_REGION(I2)                                   -> "Middle East"
    =TRADEXL_NEXT_CONTACT("A", R2, TRUE, TODAY())          -> a date (format the cell as a date)
    =TRADEXL_SUGGESTED_GRADE(J2, K2, L2, M2, G2, E2, H2)    -> "B"
    =TRADEXL_GRADE_REASON(J2, K2, L2, M2, G2, E2, H2, Settings!A1:H80, Products!A1:S200)
                                                          -> "model X100; qty 5000 ≥ MOQ 1000; target price given"
    =TRADEXL_REGION_PRICE(F2, "Europe", G2, Settings!A1:H80) -> 12.96
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pandas as pd
import xlwings as xw

from tradexl import schema
from tradexl.grid import frame_from_grid, locate
from tradexl.model import Enriched, InputTables
from tradexl.reports.pricing import unit_price
from tradexl.rules.enrich import enrich
from tradexl.rules.regions import regions_for
from tradexl.settings import Settings, parse_settings

DEFAULTS = Settings()


class SettingsRange(xw.conversion.Converter):
    """A range holding the Settings sheet's tables -> `Settings` (tables are found by their header rows)."""

    @staticmethod
    def read_value(value: Any, options: dict[str, Any]) -> Settings:
        grid = value if isinstance(value, list) else [[value]]
        return parse_settings(grid)[0]


class Number(xw.conversion.Converter):
    """A Decimal result as a plain number (Excel has no decimal type; COM would make it Currency)."""

    @staticmethod
    def write_value(value: Any, options: dict[str, Any]) -> Any:
        return float(value) if isinstance(value, Decimal) else value


class ProductsRange(xw.conversion.Converter):
    """A range holding the Products table with its header row -> the table as an input frame (Model, MOQ...)."""

    @staticmethod
    def read_value(value: Any, options: dict[str, Any]) -> pd.DataFrame:
        grid = value if isinstance(value, list) else [[value]]
        return frame_from_grid(schema.PRODUCTS, locate(schema.PRODUCTS, schema.PRODUCTS.name, grid), grid)


def _rows(*rows: dict[str, Any]) -> pd.DataFrame:
    """Input rows as a shell hands them over: object cells, indexed by (made-up) Excel row numbers."""
    return pd.DataFrame(list(rows), dtype=object, index=pd.RangeIndex(2, 2 + len(rows), name="row"))


def _enrich(frames: dict[str, pd.DataFrame], settings: Settings, today: date) -> Enriched:
    """The whole core, exactly as a refresh runs it, on the few rows a worksheet function describes."""
    return enrich(InputTables(frames=frames, settings=settings), today, datetime.combine(today, time()))


GRADING_DAY = date(2000, 1, 1)
"""Grading does not depend on the day; the core still wants one."""


def _graded(product: Any, quantity: Any, target_price: Any, message: Any, email: Any, company: Any, phone: Any,
            settings: Settings, products: pd.DataFrame | None) -> tuple[str | None, str | None]:
    """(Suggested Grade, Grade Reason) of one inquiry, against the catalog when a Products range is given;
    blank for a row with nothing in it, which the refresh skips too."""
    inquiry = _rows({"Product": product, "Quantity": quantity, "Target Price": target_price, "Message": message,
                     "Email": email, "Company": company, "Phone": phone})
    frames = {"inquiries": inquiry} | ({"products": products} if products is not None else {})
    graded = _enrich(frames, settings, GRADING_DAY).inquiries
    if graded.empty:
        return None, None
    return str(graded["Suggested Grade"].iat[0]), str(graded["Grade Reason"].iat[0])


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_REGION(country, settings=DEFAULTS):
    """Sales region of a country (English or Chinese name, ISO code, common spellings such as UAE, KSA)."""
    return regions_for(pd.Series([country], dtype=object), settings.country_regions).iat[0]


@xw.func
@xw.arg("last_contact", dates=date)
@xw.arg("open_inquiry", numbers=bool)
@xw.arg("today", dates=date)
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_NEXT_CONTACT(grade, last_contact, open_inquiry=False, today=None, settings=DEFAULTS):
    """Next contact date: last contact + the grade's interval, at most `Open inquiry max days` while an inquiry
    is open; never contacted -> `today` (pass TODAY(); blank when neither a last contact nor today is given)."""
    day = today or last_contact
    if day is None:
        return None
    buyer = {"Customer ID": "C", "Company": "C"}
    frames = {"customers": _rows({**buyer, "Grade": grade})}
    if last_contact is not None:
        frames["followups"] = _rows({**buyer, "Date": last_contact})
    if open_inquiry:
        frames["inquiries"] = _rows({**buyer, "Received": day, "Status": schema.OPEN_STATUSES[0]})
    nxt = _enrich(frames, settings, day).customers["Next Contact"].iat[0]
    return None if pd.isna(nxt) else nxt.date()


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
@xw.arg("products", ProductsRange, ndim=2)
def TRADEXL_SUGGESTED_GRADE(product, quantity, target_price, message, email, company, phone, settings=DEFAULTS,
                            products=None):
    """Suggested grade A-D for one inquiry's fields (the same rule as the Suggested Grade column)."""
    return _graded(product, quantity, target_price, message, email, company, phone, settings, products)[0]


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
@xw.arg("products", ProductsRange, ndim=2)
def TRADEXL_GRADE_REASON(product, quantity, target_price, message, email, company, phone, settings=DEFAULTS,
                         products=None):
    """Why: the signals behind the suggested grade, in a salesperson's words."""
    return _graded(product, quantity, target_price, message, email, company, phone, settings, products)[1]


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
@xw.ret(Number)
def TRADEXL_REGION_PRICE(base_price, region, currency="", settings=DEFAULTS):
    """A product's price for a region: base price x the region's factor, rounded to the currency's cents;
    blank for an unknown region or a missing base price."""
    pricing = settings.region_pricing(str(region or "").strip())
    return unit_price(base_price, pricing.price_factor, currency or "") if pricing else None


if __name__ == "__main__":
    xw.Book("TradeWorkbook.xlsm").set_mock_caller()
