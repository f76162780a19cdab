"""Worksheet functions for the TradeXL rules, imported by the xlwings add-in ("Import Functions").

The `xlwings.conf` sheet names `udfs` under UDF Modules. Each function is one call into the same core the
ribbon and the command line use; `@xw.arg`/`@xw.ret` do the conversions (dates in, blanks as None, Decimal
prices out as numbers). Functions stay pure: nothing reads the workbook or the clock. Every function takes an
optional argument `settings`, a range covering the Settings sheet's tables (e.g. `Settings!A1:H80`);
without it the contract's defaults apply (cadence A 3 / B 7 / C 15 / D 30 days, the default regions and
price factors, the built-in country map and keyword lists). The grading functions take a last optional
`products` range (the Products table with its header row) so the model and MOQ signals count as in the column.

Each function builds the rows it describes and runs the same core as a refresh (`tradexl.rules.enrich.enrich`),
so a cell can never disagree with the computed column. An argument may be a one-column range instead of a cell:
the core then runs once for the whole range and the answer is a column (a spilled array in Excel 365).

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
    """The whole core, exactly as a refresh runs it, on the rows a worksheet function describes."""
    return enrich(InputTables(frames=frames, settings=settings), today, datetime.combine(today, time()))


def _column(*values: Any) -> tuple[list[tuple[Any, ...]], bool]:
    """Worksheet arguments as rows. Each argument is one cell or a column of cells (xlwings hands a one-column
    range over as a list); a single cell applies to every row. True when any argument was a column, so the
    function answers with a column (it spills in Excel 365) and the core runs once for the whole range."""
    lengths = [len(v) for v in values if isinstance(v, list)]
    count = max(lengths, default=1)
    rows = [tuple((v[i] if i < len(v) else None) if isinstance(v, list) else v for v in values)
            for i in range(count)]
    return rows, bool(lengths)


def _answer(results: list[Any], as_column: bool) -> Any:
    return [[r] for r in results] if as_column else results[0]


GRADING_DAY = date(2000, 1, 1)
"""Grading does not depend on the day; the core still wants one."""
GRADING_FIELDS = ("Product", "Quantity", "Target Price", "Message", "Email", "Company", "Phone")


def _graded(fields: tuple[Any, ...], settings: Settings, products: pd.DataFrame | None) -> tuple[list[Any], bool]:
    """(Suggested Grade, Grade Reason) per inquiry, against the catalog when a Products range is given; blank for
    a row with nothing in it, which the refresh skips too."""
    rows, as_column = _column(*fields)
    inquiries = _rows(*(dict(zip(GRADING_FIELDS, row, strict=True)) for row in rows))
    frames = {"inquiries": inquiries} | ({"products": products} if products is not None else {})
    graded = _enrich(frames, settings, GRADING_DAY).inquiries.reindex(inquiries.index)
    pairs = [(None, None) if pd.isna(g) else (str(g), str(r))
             for g, r in zip(graded["Suggested Grade"], graded["Grade Reason"], strict=True)]
    return pairs, as_column


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_REGION(country, settings=DEFAULTS):
    """Sales region of a country (English or Chinese name, ISO code, common spellings such as UAE, KSA)."""
    rows, as_column = _column(country)
    regions = regions_for(pd.Series([c for (c,) in rows], dtype=object), settings.country_regions)
    return _answer(list(regions), as_column)


@xw.func
@xw.arg("last_contact", dates=date)
@xw.arg("open_inquiry", numbers=bool)
@xw.arg("today", dates=date)
@xw.arg("settings", SettingsRange, ndim=2)
def TRADEXL_NEXT_CONTACT(grade, last_contact, open_inquiry=False, today=None, settings=DEFAULTS):
    """Next contact date: last contact + the grade's interval, at most `Open inquiry max days` while an inquiry
    is open; never contacted -> `today` (pass TODAY(); blank when neither a last contact nor today is given)."""
    rows, as_column = _column(grade, last_contact, open_inquiry, today)
    days = [day or last for _, last, _, day in rows]
    results: list[Any] = [None] * len(rows)
    for day in sorted({d for d in days if d is not None}):  # one run of the core per report day (usually one)
        mine = [i for i, d in enumerate(days) if d == day]
        buyers = [{"Customer ID": f"C{i}", "Company": f"C{i}"} for i in mine]
        frames = {
            "customers": _rows(*({**b, "Grade": rows[i][0]} for b, i in zip(buyers, mine, strict=True))),
            "followups": _rows(*({**b, "Date": rows[i][1]} for b, i in zip(buyers, mine, strict=True)
                                 if rows[i][1] is not None)),
            "inquiries": _rows(*({**b, "Received": day, "Status": schema.OPEN_STATUSES[0]}
                                 for b, i in zip(buyers, mine, strict=True) if rows[i][2])),
        }
        found = _enrich(frames, settings, day).customers.set_index("Customer ID")["Next Contact"]
        for b, i in zip(buyers, mine, strict=True):
            value = found.get(b["Customer ID"])
            results[i] = None if value is None or pd.isna(value) else value.date()
    return _answer(results, as_column)


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
@xw.arg("products", ProductsRange, ndim=2)
def TRADEXL_SUGGESTED_GRADE(product, quantity, target_price, message, email, company, phone, settings=DEFAULTS,
                            products=None):
    """Suggested grade A-D for one inquiry's fields (the same rule as the Suggested Grade column)."""
    pairs, as_column = _graded((product, quantity, target_price, message, email, company, phone), settings, products)
    return _answer([grade for grade, _ in pairs], as_column)


@xw.func
@xw.arg("settings", SettingsRange, ndim=2)
@xw.arg("products", ProductsRange, ndim=2)
def TRADEXL_GRADE_REASON(product, quantity, target_price, message, email, company, phone, settings=DEFAULTS,
                         products=None):
    """Why: the signals behind the suggested grade, in a salesperson's words."""
    pairs, as_column = _graded((product, quantity, target_price, message, email, company, phone), settings, products)
    return _answer([reason for _, reason in pairs], as_column)


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
