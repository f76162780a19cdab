"""Mailings (seed step 6): newsletters, new and best-selling products, price updates, one personal draft each.

The catalog part of a letter is priced for the buyer's region with the same rule as the quote sheets
(`reports.quotes.priced_products`), so a mailing never quotes a price the Quote sheet does not. Tables are built
once per region, not once per buyer: 5,000 buyers cost 5,000 template fills, not 5,000 price lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from tradexl.errors import MailError
from tradexl.mail.answer import region_for
from tradexl.messages import msg
from tradexl.model import Enriched
from tradexl.outreach.letters import Letter, fill_letters, split_name, summary_frame
from tradexl.outreach.segments import IN_MAILING, Segment, left_out_counts, select
from tradexl.outreach.templates import UNSUBSCRIBE, Block, Template, html_table, parse_template
from tradexl.reports.common import column
from tradexl.reports.pricing import active_products
from tradexl.reports.quotes import priced_products, valid_until
from tradexl.reports.textquote import PRODUCT_COLUMNS, _moq, _price, table_lines, to_ascii
from tradexl.rules.vocab import fold
from tradexl.settings import RegionPricing, Settings

MAILING_FIELDS = ("news", "month", "date", "valid_until", "payment_terms", "incoterm", "pricing_note",
                  "products_table", "unsubscribe")

BUILT_IN: dict[str, Template] = {
    "newsletter": Template("Newsletter", "News from {our_company} - {month}", """Dear {contact},

Greetings from {our_company}. Here is our news for {month}.

{news}

Our best-selling products this season, with your prices:

{products_table}

If any of these interest you, simply reply to this email and I will send you samples or a detailed quotation \
the same day.

{signature}

{unsubscribe}""", products="hot"),
    "new-products": Template("New products", "New products from {our_company} for {company}", """Dear {contact},

We have just launched new products that may suit {company}:

{products_table}

Prices are {incoterm}, valid until {valid_until}. {pricing_note}

Would you like an e-sample (photos, specifications and test reports) or a physical sample? Reply with the \
models and I will arrange it.

{signature}

{unsubscribe}""", products="new+hot"),
    "price-update": Template("Price update", "Updated price list {month} - {our_company}", """Dear {contact},

Please find our updated prices, valid from {date} until {valid_until}:

{products_table}

Payment terms: {payment_terms}. Incoterm: {incoterm}. {pricing_note}

Orders confirmed before {valid_until} keep these prices. Let me know if you need a formal quotation or a \
proforma invoice.

{signature}

{unsubscribe}""", products="all"),
}
MAILCHIMP_COLUMNS = ("Email Address", "First Name", "Last Name", "Company", "Country", "Tags")
TABLE_HEADERS = ("Model", "Product", "Specification", "MOQ", "Unit price", "Certifications")


@dataclass
class Mailing:
    """One mailing: its name, the letters, who is in it (summary rows) and the counts of who is left out."""

    name: str
    letters: list[Letter]
    summary: pd.DataFrame
    counts: dict[str, int]

    def mailchimp(self) -> pd.DataFrame:
        """The buyers with a draft, in the columns Mailchimp (and most mailing tools) import."""
        rows = self.summary[self.summary["Status"] == IN_MAILING]
        names = [split_name(c) for c in rows["Contact"]]
        tags = [", ".join(t for t in (f"Grade {g}" if g else "", region, self.name) if t)
                for g, region in zip(rows["Grade"], rows["Region"], strict=True)]
        return pd.DataFrame({
            "Email Address": rows["Email"], "First Name": [n[0] for n in names], "Last Name": [n[1] for n in names],
            "Company": rows["Company"], "Country": rows["Country"], "Tags": tags}, columns=list(MAILCHIMP_COLUMNS))


def _flag(products: pd.DataFrame, name: str) -> pd.Series:
    return column(products, name).fillna("").astype(str).str.strip() == "Yes"


def catalog_rows(products: pd.DataFrame, which: str, models: tuple[str, ...] = ()) -> pd.DataFrame:
    """The products a mailing shows: `models` (a model or its start) when given, else by the template's kind."""
    active = active_products(products)
    if models:
        folded = active["Model"].fillna("").astype(str).map(fold)
        return active[folded.map(lambda m: any(m.startswith(fold(x)) for x in models))]
    chosen = {"new": _flag(active, "New"), "hot": _flag(active, "Hot"),
              "new+hot": _flag(active, "New") | _flag(active, "Hot")}.get(which)
    return active if chosen is None else active[chosen]


def products_block(products: pd.DataFrame, region: RegionPricing) -> Block:
    """The products priced for `region`, as a fixed-width text table and an HTML table."""
    records = priced_products(products, region).to_dict("records")
    rows = [(str(r["Model"]), to_ascii(r["Name"]), to_ascii(r["Specification"]), _moq(r), _price(r),
             to_ascii(r["Certifications"])) for r in records]
    if not rows:
        return Block("", "")
    return Block("\n".join(table_lines(PRODUCT_COLUMNS, rows)), html_table(TABLE_HEADERS, rows))


def region_values(region: RegionPricing, today: date) -> dict[str, str]:
    return {"valid_until": valid_until(region, today).isoformat(), "payment_terms": region.payment_terms,
            "incoterm": region.incoterm, "pricing_note": region.pricing_note}


def plan_mailing(enriched: Enriched, settings: Settings, segment: Segment, template: Template, today: date, *,
                 name: str = "", news: str = "") -> Mailing:
    """Select the buyers, leave out Do Not Mail and no-email buyers (counted), and fill one letter each."""
    name = name or f"{template.name} {today:%Y-%m}"
    selected = select(enriched, segment)
    if not len(selected):
        raise MailError(msg("outreach.nobody"))
    catalog = catalog_rows(enriched.products, template.products, segment.products)
    if "{products_table}" in template.body and catalog.empty:
        raise MailError(msg("outreach.no_products", marks=template.products.replace("+", " or ")))
    by_country: dict[str, tuple[dict[str, str], Block]] = {}
    common = {"news": news.strip(), "month": f"{today:%B %Y}", "date": today.isoformat(),
              "unsubscribe": UNSUBSCRIBE}

    def per_buyer(row: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, Block]]:
        country = str(row.get("Country") or "")
        if country not in by_country:
            region, _ = region_for(country, settings)
            by_country[country] = (region_values(region, today), products_block(catalog, region))
        values, block = by_country[country]
        return {**common, **values}, {"products_table": block}

    letters = fill_letters(selected, settings, template, per_buyer, MAILING_FIELDS)
    summary = summary_frame(selected, letters, name, "Email", f"Mailing: {name}")
    return Mailing(name, letters, summary, left_out_counts(selected))


def template_for(name_or_text: str | None, file_text: str | None) -> Template:
    """A built-in template by name (default new-products), or the user's template file."""
    if file_text is not None:
        return parse_template(file_text, name_or_text or "Mailing")
    key = (name_or_text or "new-products").strip().casefold()
    if key not in BUILT_IN:
        raise MailError(msg("outreach.no_template", name=name_or_text, known=", ".join(BUILT_IN)))
    return BUILT_IN[key]
