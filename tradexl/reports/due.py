"""Due Follow-ups: who must be contacted today, most overdue first, grouped by owner.

The salesperson's daily list (seed step 7): every customer whose Next Contact is today or earlier. A/B
customers past their date are the ones that cost orders, so they are highlighted hardest and counted in the
one-line status message the shells show after a run.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from tradexl.model import Enriched
from tradexl.outreach.greetings import upcoming_greetings
from tradexl.reports.common import (
    cell_dates,
    column,
    grade_rank,
    header,
    latest_of,
    lookup_text,
    owner_names,
    per_text,
    place,
    records,
    stripped,
)
from tradexl.reports.labels import Labels, labels_for
from tradexl.reports.layout import fit_columns
from tradexl.reports.receivables import due_balance_rows
from tradexl.rules.quotestate import expiring_quotes
from tradexl.settings import Settings
from tradexl.sheetspec import Format, PrintSetup, Row, SheetSpec

SHEET_NAME = "Due Follow-ups"
COLUMNS = ("col.owner", "col.customer", "col.grade", "col.country", "col.last_contact", "col.next_contact",
           "col.days_overdue", "col.channel", "col.last_summary", "col.next_step", "col.phone", "col.email")
WIDTHS = (12.0, 28.0, 7.0, 14.0, 12.0, 12.0, 9.0, 10.0, 40.0, 30.0, 16.0, 26.0)
FORMATS: tuple[Format, ...] = ("", "", "", "", "date", "date", "int", "", "", "", "", "")
HEADER_ROW = 2
COMPANY_COLUMN = 1
"""0-based column of the customer's name: it grows to the longest name, so no name is cut."""
QUOTE_COLUMNS = {0: "col.owner", 1: "col.customer", 3: "col.model", 4: "col.quote_date", 5: "col.valid_until",
                 6: "col.days_left", 8: "col.price", 9: "col.quote_no", 10: "col.phone", 11: "col.email"}
"""The expiring-quotes block under the due customers, placed in the due list's columns of the same kind."""
QUOTE_FORMATS: tuple[Format, ...] = ("", "", "", "", "date", "date", "int", "", "", "", "", "")
GREETING_DAYS = 14
"""Due Follow-ups mentions a holiday greeting due in the buyer's country within this many days."""


def contact_state(customers: pd.DataFrame, today: date) -> pd.DataFrame:
    """Every customer with `Owner`, `Company`, `Grade`, normalised `Next Contact`, `Days` and `Overdue AB`.

    A customer without a Next Contact has never been contacted and is due today (the contract's rule).
    """
    state = customers.copy(deep=False)  # copy-on-write: the columns set below are new, the rest shared
    day = pd.Timestamp(today)
    state["Next Contact"] = pd.to_datetime(column(customers, "Next Contact", pd.NaT)).dt.normalize()
    state["Days"] = (day - state["Next Contact"]).dt.days.fillna(0).clip(lower=0).astype(int)
    state["Owner"] = owner_names(column(customers, "Owner"))
    state["Company"] = per_text(column(customers, "Company"), str)  # object columns: reports iterate them
    grade = column(customers, "Effective Grade" if "Effective Grade" in customers else "Current Grade")
    state["Grade"] = stripped(grade)
    state["Overdue AB"] = (state["Days"] > 0) & state["Grade"].isin(["A", "B"])
    return state


def due_customers(enriched: Enriched, today: date) -> pd.DataFrame:
    """The due customers (Next Contact <= today) in report order: by owner (blank last), most overdue first."""
    state = contact_state(enriched.customers, today)
    if "Owner View" in state:  # the cover's section while the owner is away (rules.team)
        state["Owner"] = owner_names(state["Owner View"])
    due = state[state["Next Contact"].isna() | (state["Next Contact"] <= pd.Timestamp(today))]
    order = pd.DataFrame({
        "blank": due["Owner"] == "",
        "owner": due["Owner"].str.casefold(),
        "days": -due["Days"],
        "grade": grade_rank(due["Grade"]),
        "company": due["Company"].str.casefold(),
    }, index=due.index)
    return due.loc[order.sort_values(list(order.columns), kind="stable").index]


def _counts(due: pd.DataFrame) -> dict[str, int]:
    return {"due": len(due), "overdue_ab": int(due["Overdue AB"].sum())}


def due_message(enriched: Enriched, today: date, settings: Settings) -> str:
    """The shells' one-line status, e.g. "23 customers due today, 4 overdue A/B"."""
    counts = _counts(due_customers(enriched, today))
    return labels_for(settings)("due.message", count=counts["due"], **counts)


def _cells(due: pd.DataFrame, followups: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """The twelve output columns plus `highlight`, built column-wise for the due rows only."""
    def txt(name: str) -> pd.Series:
        return column(due, name).fillna("").astype(str)

    highlight = np.where(due["Overdue AB"], "overdue", np.where(due["Days"] > 0, "warn", ""))
    return pd.DataFrame({
        "owner": due["Owner"].where(due["Owner"] != "", labels("no_owner")),
        "company": txt("Company"), "grade": due["Grade"], "country": txt("Country"),
        "last": cell_dates(column(due, "Last Contact", pd.NaT)), "next": cell_dates(due["Next Contact"]),
        "days": due["Days"].astype(int), "channel": txt("Channel").map(labels.value),
        "summary": latest_of(txt("Customer Key"), followups),
        "next_step": latest_of(txt("Customer Key"), followups, "Next Step"),
        "phone": txt("Phone"), "email": txt("Email"),
        "highlight": highlight,
    }, index=due.index)


def with_greetings(summaries: pd.Series, due: pd.DataFrame, today: date, labels: Labels) -> pd.Series:
    """Each due customer's last summary with the holiday greeting coming up in their country appended, so the
    salesperson who calls or writes anyway can greet them (`tradexl greetings` drafts it)."""
    occasions = upcoming_greetings(due, today, GREETING_DAYS)
    notes = [labels("due.greeting", holiday=o.holiday, date=o.day.isoformat()) if o is not None else ""
             for o in occasions]
    return pd.Series([" · ".join(p for p in (s, n) if p) for s, n in zip(summaries, notes, strict=True)],
                     index=summaries.index, dtype=object)


def due_sheet(enriched: Enriched, today: date, settings: Settings) -> SheetSpec:
    """The Due Follow-ups sheet: title with counts, header, then a section per owner (no owner last)."""
    labels = labels_for(settings)
    due = due_customers(enriched, today)
    counts = _counts(due)
    cells = _cells(due, enriched.followups, labels)
    cells["summary"] = with_greetings(cells["summary"], due, today, labels)
    group_sizes = cells["owner"].value_counts()
    rows = [Row((labels("due.title", count=counts["due"], date=labels.day(today), **counts),), kind="title"),
            header(labels, COLUMNS)]
    current = None
    for *values, highlight in records(cells):
        if values[0] != current:
            current = values[0]
            rows.append(Row((labels("due.section", owner=current, count=int(group_sizes[current])),),
                            kind="section"))
        rows.append(Row(tuple(values), kind="data", highlight=highlight, formats=FORMATS))
    if due.empty:
        rows.append(Row((labels("due.none"),), kind="note"))
    rows.extend(expiring_quote_rows(enriched, today, settings, labels))
    rows += due_balance_rows(enriched, today, labels, settings.report_currency)
    if any(r.highlight for r in rows):
        rows += [Row((), kind="blank"), Row((labels("due.legend"),), kind="note")]
    widths, _ = fit_columns(WIDTHS, rows, names=COMPANY_COLUMN, shorten=False)
    return SheetSpec(
        name=SHEET_NAME, rows=tuple(rows), widths=widths, freeze_rows=HEADER_ROW,
        print_setup=PrintSetup(landscape=True, fit_width=True,
                               header_center=labels("due.print_header", date=today.isoformat()),
                               footer_center=labels("page_footer"), repeat_rows=(HEADER_ROW, HEADER_ROW)),
        autofilter_header_row=HEADER_ROW,
    )


def expiring_quote_rows(enriched: Enriched, today: date, settings: Settings, labels: Labels) -> list[Row]:
    """A section of the quotes still Sent that expire within Settings `Quote Expiry Warning Days`, soonest first:
    the reason to call the buyer before the price lapses. Nothing when none expire."""
    soon = expiring_quotes(enriched.quotes, today, settings.quote_expiry_days)
    if soon.empty:
        return []
    customers = enriched.customers.drop_duplicates("Customer Key").set_index("Customer Key")
    keys = column(soon, "Customer Key").fillna("").astype(str)

    def of_customer(name: str) -> pd.Series:
        return lookup_text(keys, column(customers, name).fillna("").astype(str))

    def own(name: str, fallback: str) -> pd.Series:
        text = column(soon, name).fillna("").astype(str).str.strip()
        return text.where(text != "", of_customer(fallback))

    owner = own("By", "Owner")
    offers = soon[[name for name in OFFER if name in soon.columns]]  # only what quote_price reads
    cells = pd.DataFrame({
        0: owner.where(owner != "", labels("no_owner")), 1: own("Company", "Company"),
        3: column(soon, "Model").fillna("").astype(str), 4: cell_dates(column(soon, "Date", pd.NaT)),
        5: cell_dates(soon["Valid Until"]), 6: soon["Days Left"].astype(int),
        9: column(soon, "Quote No").fillna("").astype(str),
        8: pd.Series([quote_price(q) for q in offers.to_dict("records")], index=soon.index, dtype=object),
        10: of_customer("Phone"), 11: of_customer("Email"),
    }, index=soon.index)
    width = len(COLUMNS)
    rows = [Row((), kind="blank"),
            Row((labels("due.quotes", count=len(soon), days=settings.quote_expiry_days),), kind="section"),
            Row(place(width, {i: labels(key) for i, key in QUOTE_COLUMNS.items()}), kind="header")]
    rows += [Row(place(width, values), kind="data", highlight="warn" if values[6] <= 2 else "",
                 formats=QUOTE_FORMATS) for values in cells.to_dict("records")]
    return rows


OFFER = ("Currency", "Unit Price", "Quantity", "Incoterm")
"""The quote columns `quote_price` reads."""


def quote_price(quote: dict[str, Any]) -> str:
    """What was offered, in one cell: "USD 3.23 × 5,000 FOB Ningbo"."""
    price, quantity = quote.get("Unit Price"), quote.get("Quantity")
    parts = [str(quote.get("Currency") or "").strip(),
             f"{price:,.2f}" if isinstance(price, float | int) and not pd.isna(price) else "",
             f"× {quantity:,.0f}" if isinstance(quantity, float | int) and not pd.isna(quantity) else "",
             str(quote.get("Incoterm") or "").strip()]
    return " ".join(p for p in parts if p)
