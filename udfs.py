"""Worksheet functions for the TradeXL rules, imported by the xlwings add-in ("Import Functions").

The `xlwings.conf` sheet names `udfs` under UDF Modules. Each function is one call into the same core the
ribbon and the command line use; `@xw.arg`/`@xw.ret` do the conversions (dates in, blanks as None, Decimal
prices out as numbers). Functions stay pure: nothing reads the workbook or the clock. Every function takes an
optional last argument `settings`, a range covering the Settings sheet's tables (e.g. `Settings!A1:H80`);
without it the contract's defaults apply (cadence A 3 / B 7 / C 15 / D 30 days, the default regions and
price factors, the built-in country map and keyword lists).

The worksheet functions carry no type annotations on purpose: xlwings treats a parameter's annotation as its
converter (`get_type_hints` -> `convert=`), so `country: str` would make Excel calls fail; conversions are
declared with `@xw.arg`/`@xw.ret` instead.

    =TRADEXL_REGION(I2)                                   -> "Middle East"
    =TRADEXL_NEXT_CONTACT("A", R2, TRUE, TODAY())          -> a date (format the cell as a date)
    =TRADEXL_SUGGESTED_GRADE(J2, K2, L2, M2, G2, E2, H2)    -> "B"
    =TRADEXL_GRADE_REASON(J2, K2, L2, M2, G2, E2, H2)       -> "qty 5000 >= MOQ 1000; target price given"
    =TRADEXL_REGION_PRICE(F2, "Europe", G2, Settings!A1:H80) -> 12.96
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import xlwings as xw

from tradexl.reports.pricing import unit_price
from tradexl.rules.regions import region_of
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


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_REGION(country, settings=DEFAULTS):
    """Sales region of a country (English or Chinese name, ISO code, common spellings such as UAE, KSA)."""
    return region_of(country, settings.country_regions)


@xw.func
@xw.arg("last_contact", dates=date)
@xw.arg("open_inquiry", numbers=bool)
@xw.arg("today", dates=date)
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_NEXT_CONTACT(grade, last_contact, open_inquiry=False, today=None, settings=DEFAULTS):
    """Next contact date: last contact + the grade's interval, at most `Open inquiry max days` while an inquiry
    is open; never contacted -> `today` (pass TODAY(); blank when not given)."""
    from tradexl.rules.contacts import next_contact_date

    return next_contact_date(grade, last_contact, bool(open_inquiry), settings, today)


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_SUGGESTED_GRADE(product, quantity, target_price, message, email, company, phone, settings=DEFAULTS):
    """Suggested grade A-D for one inquiry's fields (the same rule as the Suggested Grade column)."""
    from tradexl.rules.grading import grade_inquiry

    return grade_inquiry(product, quantity, target_price, message, email, company, phone, settings)[0]


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_GRADE_REASON(product, quantity, target_price, message, email, company, phone, settings=DEFAULTS):
    """Why: the signals behind the suggested grade, in a salesperson's words."""
    from tradexl.rules.grading import grade_inquiry

    return grade_inquiry(product, quantity, target_price, message, email, company, phone, settings)[1]


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
