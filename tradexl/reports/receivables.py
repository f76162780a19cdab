"""Balances overdue: orders whose balance is past the day the Payment Terms set (collecting payment safely,
安全收款, is the manager's job). Listed on Due Follow-ups, below the customers to contact, so the salesperson
who chases the buyer sees both in one place; the Monthly Review lists every outstanding balance.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import cell_dates, column, owner_names
from tradexl.reports.labels import Labels
from tradexl.rules.orders import BALANCE_DUE, OUTSTANDING_REPORT
from tradexl.sheetspec import Format, Row

DUE_COLUMNS = ("col.owner", "col.customer", "", "col.order_no", "col.ship_date", "col.balance_due",
               "col.days_overdue", "col.currency", "col.outstanding", "col.phone", "col.email")
"""On the Due sheet's grid: the order facts take the place of grade/contact dates/channel/summary."""
DUE_FORMATS: tuple[Format, ...] = ("", "", "", "", "date", "date", "int", "", "money", "", "")


def outstanding_orders(enriched: Enriched, today: date, overdue_only: bool = False) -> pd.DataFrame:
    """One row per order with money still owed (its first line), most overdue first: `Days` past the balance
    due day (0 when not yet due)."""
    orders = enriched.orders
    if orders.empty or "Outstanding" not in orders:
        return orders.iloc[0:0].assign(Days=pd.Series(dtype=int))
    owed = orders[orders["Outstanding"].fillna(0) > 0].copy()
    owed["Days"] = (pd.Timestamp(today) - pd.to_datetime(owed[BALANCE_DUE])).dt.days.fillna(0).clip(lower=0)
    owed["Days"] = owed["Days"].astype(int)
    if overdue_only:
        owed = owed[owed["Payment Status"] == "Balance overdue"]
    return owed.sort_values(["Days", OUTSTANDING_REPORT], ascending=[False, False], kind="stable")


def due_balance_rows(enriched: Enriched, today: date, labels: Labels, currency: str) -> list[Row]:
    """The "Balances overdue" section of Due Follow-ups (nothing when no balance is overdue)."""
    owed = outstanding_orders(enriched, today, overdue_only=True)
    if owed.empty:
        return []
    customers = enriched.customers.drop_duplicates("Customer Key").set_index("Customer Key") \
        if "Customer Key" in enriched.customers else pd.DataFrame()
    keys = column(owed, "Customer Key").fillna("").astype(str)

    def contact(name: str) -> pd.Series:
        if name not in customers:
            return pd.Series("", index=owed.index)
        return keys.map(customers[name]).fillna("").astype(str)

    owner = owner_names(column(owed, "Owner")).replace("", labels("no_owner"))
    total = float(owed[OUTSTANDING_REPORT].sum())
    rows = [Row((), kind="blank"),
            Row((labels("due.balances", count=len(owed), currency=currency, total=f"{total:,.0f}"),),
                kind="section"),
            Row(tuple(labels(k) if k else None for k in DUE_COLUMNS), kind="header")]
    currencies = column(owed, "Currency").fillna("").astype(str).str.upper().replace("", currency)
    for values in zip(owner, column(owed, "Company").fillna("").astype(str), [None] * len(owed),
                      column(owed, "Order No").fillna("").astype(str), cell_dates(column(owed, "Ship Date", pd.NaT)),
                      cell_dates(owed[BALANCE_DUE]), owed["Days"].astype(int).tolist(), currencies,
                      owed["Outstanding"].astype(float).tolist(), contact("Phone"), contact("Email"), strict=True):
        rows.append(Row(tuple(values), kind="data", highlight="overdue", formats=DUE_FORMATS))
    return rows
