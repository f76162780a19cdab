"""Business trips (seed step 6: "find the customers at the destination and their contact history").

The Trip sheet lists the buyers in a country (or city) best first: grade, then order value over the last 12
months (the Customers column `Orders (12 mo)` where the workbook has an Orders sheet, else the number of
ordered inquiries), then open inquiries, then the most recent contact. Each row carries what a salesperson needs
before knocking on the door: last contact and what was said, phone, city, call window. A visit-request draft
goes to every buyer who can be mailed; visits are logged afterwards like any contact (Follow-ups, channel Visit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from tradexl.model import Enriched
from tradexl.outreach.letters import Letter, PerBuyer, fill_letters, summary_frame
from tradexl.outreach.segments import IN_MAILING, Segment, left_out_counts, select
from tradexl.outreach.templates import Block, Template
from tradexl.reports.common import cell_dates, column, grade_rank, header, latest_summaries, lookup_text
from tradexl.reports.labels import labels_for
from tradexl.settings import Settings
from tradexl.sheetspec import Format, PrintSetup, Row, SheetSpec

SHEET_NAME = "Trip"
ORDER_VALUE = "Orders (12 mo)"
COLUMNS_VALUE = ("col.rank", "col.customer", "col.contact", "col.grade", "col.city", "col.orders_12mo",
                 "col.open_inquiries", "col.last_contact", "col.last_summary", "col.phone", "col.email",
                 "col.call_window", "col.draft")
WIDTHS = (4.0, 30.0, 18.0, 7.0, 14.0, 13.0, 14.0, 12.0, 40.0, 17.0, 26.0, 13.0, 12.0)
FORMATS: tuple[Format, ...] = ("int", "", "", "", "", "money", "int", "date", "", "", "", "", "")
HEADER_ROW = 3

VISIT_TEMPLATE = Template("Visit request", "Visit to {company} - {visit_when}", """Dear {contact},

I will be travelling to {place} {visit_when}, and I would be glad to visit you at {company} to hear about your \
plans for the coming season, show you our newest samples and discuss how we can support your business.

Would a meeting of about an hour suit you? Please let me know which day and time are convenient, or suggest \
another time if you are busy then.

Looking forward to meeting you in person.

{signature}""", products="")
VISIT_FIELDS = ("place", "visit_when")


@dataclass
class Trip:
    """The buyers at the destination, ranked, their visit-request letters, and the Trip sheet."""

    buyers: pd.DataFrame
    letters: list[Letter]
    summary: pd.DataFrame
    counts: dict[str, int]
    sheet: SheetSpec


def _order_counts(enriched: Enriched) -> pd.Series:
    inquiries = enriched.inquiries
    ordered = inquiries[column(inquiries, "Status").fillna("").astype(str) == "Ordered"]
    return ordered.groupby("Customer Key").size()


def _open_counts(enriched: Enriched) -> pd.Series:
    inquiries = enriched.inquiries
    open_rows = inquiries[column(inquiries, "Is Open", False).fillna(False).astype(bool)]
    return open_rows.groupby("Customer Key").size()


def ranked_buyers(enriched: Enriched, country: str, city: str = "") -> pd.DataFrame:
    """The customers in `country` (and `city`, case-insensitive) best first, with `Order Value` (or `Orders`
    counted when the workbook has no order values), `Open Inquiries`, `Address` and `Mail Status`."""
    chosen = select(enriched, Segment(countries=(country,)))
    if city:
        chosen = chosen[column(chosen, "City").fillna("").astype(str).str.strip().str.casefold()
                        == city.strip().casefold()]
    chosen = chosen.copy()
    keys = chosen["Customer Key"]
    if ORDER_VALUE in chosen.columns:
        chosen["Order Value"] = pd.to_numeric(chosen[ORDER_VALUE], errors="coerce").fillna(0.0)
    else:
        chosen["Order Value"] = keys.map(_order_counts(enriched)).fillna(0).astype(int)
    chosen["Open Inquiries"] = keys.map(_open_counts(enriched)).fillna(0).astype(int)
    last = pd.to_datetime(column(chosen, "Last Contact", pd.NaT))
    order = pd.DataFrame({"grade": grade_rank(column(chosen, "Effective Grade").fillna("").astype(str)),
                          "value": -chosen["Order Value"], "open": -chosen["Open Inquiries"],
                          "last": -(last.astype("int64").where(last.notna(), 0)),
                          "company": column(chosen, "Company").fillna("").astype(str).str.casefold()},
                         index=chosen.index)
    return chosen.loc[order.sort_values(list(order.columns), kind="stable").index]


def place_name(country: str, city: str = "") -> str:
    return f"{city.strip()}, {country.strip()}" if city.strip() else country.strip()


def trip_sheet(enriched: Enriched, buyers: pd.DataFrame, settings: Settings, place: str, today: date,
               start: date | None = None, end: date | None = None) -> SheetSpec:
    """The Trip sheet: title, travel dates or how to log visits, then one row per buyer, best first."""
    labels = labels_for(settings)
    has_value = ORDER_VALUE in buyers.columns
    keys = [k if k != "col.orders_12mo" or has_value else "col.orders_count" for k in COLUMNS_VALUE]
    formats = tuple(f if f != "money" or has_value else "int" for f in FORMATS)
    note = (labels("trip.dates", start=start.isoformat(), end=(end or start).isoformat()) if start
            else labels("trip.log"))
    rows = [Row((labels("trip.title", count=len(buyers), place=place),), kind="title"),
            Row((note,), kind="subtitle"), header(labels, keys)]
    summaries = lookup_text(buyers["Customer Key"], latest_summaries(enriched.followups))
    last = cell_dates(column(buyers, "Last Contact", pd.NaT))
    draft = buyers["Mail Status"].map(lambda s: labels.value("Email") if s == IN_MAILING else labels.value(s))
    for rank, (index, row) in enumerate(buyers.iterrows(), start=1):
        grade = str(row.get("Effective Grade") or "")
        values = (rank, str(row.get("Company") or ""), str(row.get("Contact") or ""), grade,
                  str(row.get("City") or ""), float(row["Order Value"]) if has_value else int(row["Order Value"]),
                  int(row["Open Inquiries"]), last[index], summaries[index], str(row.get("Phone") or ""),
                  str(row.get("Email") or ""), str(row.get("Call Window") or ""), draft[index])
        rows.append(Row(values, kind="data", highlight="key" if grade == "A" else "", formats=formats))
    if buyers.empty:
        rows.append(Row((labels("trip.none", place=place),), kind="note"))
    return SheetSpec(
        name=SHEET_NAME, rows=tuple(rows), widths=WIDTHS, freeze_rows=HEADER_ROW,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=f"Trip {place}",
                               footer_center=labels("page_footer"), repeat_rows=(HEADER_ROW, HEADER_ROW)),
        autofilter_header_row=HEADER_ROW if len(buyers) else None,
    )


def _when(start: date | None, end: date | None) -> str:
    if start is None:
        return "in the coming weeks"
    if end is None or end == start:
        return f"on {start:%A} {start.day} {start:%B %Y}"
    return f"from {start.day} {start:%B} to {end.day} {end:%B %Y}"


def plan_trip(enriched: Enriched, settings: Settings, country: str, today: date, *, city: str = "",
              start: date | None = None, end: date | None = None) -> Trip:
    """The Trip sheet and a visit-request letter for each buyer there who can be mailed."""
    buyers = ranked_buyers(enriched, country, city)
    place = place_name(country, city)
    values = {"place": city.strip() or country.strip(), "visit_when": _when(start, end)}

    def per_buyer(row: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, Block]]:
        return {**values, "place": str(row.get("City") or "") or values["place"]}, {}

    visit: PerBuyer = per_buyer
    letters = fill_letters(buyers, settings, VISIT_TEMPLATE, visit, VISIT_FIELDS, prefix="visit")
    summary = summary_frame(buyers, letters, f"Trip {place}", "Email", f"Visit request: {place}")
    return Trip(buyers, letters, summary, left_out_counts(buyers),
                trip_sheet(enriched, buyers, settings, place, today, start, end))
