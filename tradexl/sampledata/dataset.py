"""The public entry points: the demo dataset and the benchmark-sized dataset, both from one generator.

Both are deterministic for a given `seed` and `today` (one `random.Random(seed)`, every date relative to
`today`). A handful of cells are spoiled on purpose, the way real users type them, so the Check sheet has
something to show; they are listed in `BAD_CELLS`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from tradexl.sampledata import vocab
from tradexl.sampledata.activity import make_followups, make_quotes, make_samples
from tradexl.sampledata.generate import Rng, make_customers, make_inquiries, make_products
from tradexl.sampledata.table import Table
from tradexl.settings import DEFAULT_REGIONS, BankDetails, CompanyProfile, Settings, TeamMember, TradeShow

UNKNOWN_COUNTRY = "Malysia"
UNKNOWN_CUSTOMER_ID = "C1O24"  # letter O typed for a zero
FORMULA_LIKE_COMPANY = '=HYPERLINK("http://acme-trade.biz","ACME")'
URGENT_PREFIX = "-urgent- "
END_OF_DAY = time(17, 30)


@dataclass(frozen=True)
class BadCell:
    sheet: str
    column: str
    problem: str


BAD_CELLS = (
    BadCell("customers", "Country", f"unknown country '{UNKNOWN_COUNTRY}' (typo for Malaysia)"),
    BadCell("followups", "Customer ID", f"follow-up for unknown customer '{UNKNOWN_CUSTOMER_ID}'"),
    BadCell("followups", "Date", "date typed as text 'YYYY/M/D'"),
    BadCell("inquiries", "Inquiry ID", "Inquiry ID used twice (row pasted twice)"),
)


def demo_settings(today: date) -> Settings:
    """The sample exporter's Settings: company profile, four salespeople, one country override."""
    return Settings(
        company=CompanyProfile(**vocab.COMPANY),
        team=tuple(TeamMember(name, True, email, float(target)) for name, email, target in vocab.TEAM),
        country_regions=dict(vocab.COUNTRY_OVERRIDES),
        catalog_file=f"Lumax_eCatalog_{today.year}.pdf",
        bank=BankDetails(**vocab.BANK),
        trade_shows=tuple(TradeShow(name, city, country, today + timedelta(days=first),
                                    today + timedelta(days=first + days - 1), booth, products)
                          for name, city, country, first, days, booth, products in vocab.TRADE_SHOWS),
    )


def _replace(table: Table, index: int, column: str, value: Any) -> None:
    row = list(table.rows[index])
    row[table.columns.index(column)] = value
    table.rows[index] = tuple(row)


def _spoil(tables: dict[str, Table]) -> None:
    """Put BAD_CELLS and the formula-looking buyer texts into the tables (rows chosen deterministically)."""
    customers, followups, inquiries = tables["customers"], tables["followups"], tables["inquiries"]
    countries = customers.column("Country")
    _replace(customers, countries.index("Malaysia") if "Malaysia" in countries else 0, "Country", UNKNOWN_COUNTRY)
    if len(followups) >= 3:
        mid = len(followups) // 2
        _replace(followups, mid, "Customer ID", UNKNOWN_CUSTOMER_ID)
        day = followups.rows[mid + 1][0]
        _replace(followups, mid + 1, "Date", f"{day.year}/{day.month}/{day.day}")
    ids = inquiries.column("Inquiry ID")
    if len(ids) >= 3:
        half = len(ids) // 2
        _replace(inquiries, half, "Inquiry ID", ids[half - 1])
        companies, quantities = inquiries.column("Company"), inquiries.column("Quantity")
        anonymous = companies.index(None) if None in companies else 0
        _replace(inquiries, anonymous, "Company", FORMULA_LIKE_COMPANY)
        known = inquiries.column("Customer ID")
        ordered = next((i for i, (q, c) in enumerate(zip(quantities, known, strict=True)) if q and c), 1)
        row = inquiries.rows[ordered]
        product = row[inquiries.columns.index("Product")]
        _replace(inquiries, ordered, "Message", f"{URGENT_PREFIX}need {quantities[ordered]:,} pcs {product}, "
                                                "please send PI today.")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Half a million new tuples would trigger the cyclic GC hundreds of times for nothing: none are cyclic."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(today: date, inquiries: int, customers: int, seed: int, full_catalog: bool
           ) -> tuple[Settings, dict[str, Table]]:
    rng = Rng(seed)
    settings = demo_settings(today)
    team = tuple(t.name for t in settings.team)
    regions = {r.region: r for r in DEFAULT_REGIONS}
    factors = {r.region: r.price_factor for r in DEFAULT_REGIONS}
    products_table, products = make_products(full_catalog, team)
    customers_table, buyers = make_customers(rng, customers, team)
    inquiries_table, deals = make_inquiries(rng, inquiries, buyers, products, datetime.combine(today, END_OF_DAY),
                                            factors, team)
    tables = {
        "inquiries": inquiries_table,
        "customers": customers_table,
        "followups": make_followups(rng, buyers, products, today),
        "quotes": make_quotes(rng, deals, products, regions, today),
        "products": products_table,
        "samples": make_samples(rng, deals, today),
    }
    _spoil(tables)
    return settings, tables


def demo_dataset(today: date, *, inquiries: int = 360, seed: int = 7
                 ) -> tuple[Settings, dict[str, list[dict[str, Any]]]]:
    """The demo workbook's content: ~100 customers, `inquiries` inquiries over ~5 months up to `today`.

    Rows are dicts keyed by every canonical user column of the sheet (None where the user left it blank).
    """
    with _gc_paused():
        settings, tables = _build(today, inquiries, max(20, round(inquiries / 3.6)), seed, full_catalog=False)
    return settings, {key: table.dicts() for key, table in tables.items()}


def scaled_dataset(today: date, inquiries: int, seed: int = 11) -> tuple[Settings, dict[str, Table]]:
    """The same generator at benchmark size: customers ≈ N/5, follow-ups ≈ 2.5-3N, quote lines ≈ N/2,
    samples ≈ N/10, the full ~65-model catalog.

    Returned as `Table`s (row tuples) rather than dicts: a third of the memory at 100k inquiries, and rows
    stream straight into `write_xlsx_fast` or `Table.frame()`.
    """
    with _gc_paused():
        return _build(today, inquiries, max(20, inquiries // 5), seed, full_catalog=True)
