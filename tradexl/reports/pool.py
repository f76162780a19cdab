"""Pool (公海): customers the manager should reassign, and buyers owned by two salespeople (撞单).

A customer goes to the pool when it is more than Settings › Pool `Pool After Days Overdue` days past its next
contact (exactly that many days is not yet "more than"), or when its owner is inactive in Settings › Team.
Buyers owned by two salespeople are found with the one buyer-identity rule (`rules.identity.same_buyer_groups`:
Customer ID, email, company domain, phone, company name) and listed with both owners and both histories.

Both lists are on one sheet on purpose: the manager settles both the same way (typing an Owner on Customers, or
`tradexl handover`) in the same Saturday sitting, and one printed page holds the whole reassignment job.
The same functions build the team workbook's Pool from every salesperson's customers (`tradexl team`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import cell_dates, column, header, latest_of, owner_names, per_text, stripped
from tradexl.reports.due import contact_state
from tradexl.reports.labels import Labels, labels_for
from tradexl.rules.identity import same_buyer_groups
from tradexl.rules.team import fold
from tradexl.settings import Settings
from tradexl.sheetspec import Format, Highlight, PrintSetup, Row, SheetSpec

SHEET_NAME = "Pool"
COLUMNS = ("col.owner", "col.customer_id", "col.customer", "col.grade", "col.country", "col.last_contact",
           "col.days_overdue", "col.reason", "col.history", "col.phone", "col.email")
WIDTHS = (14.0, 11.0, 28.0, 7.0, 14.0, 12.0, 9.0, 22.0, 60.0, 16.0, 26.0)
FORMATS: tuple[Format, ...] = ("", "", "", "", "", "date", "int", "", "", "", "")
HEADER_ROW = 2


def history_lines(enriched: Enriched, labels: Labels, rows: pd.Index | None = None) -> pd.Series:
    """Customer row -> one line of history: "last 2026-10-01: sent PI · 3 inq · 2 quotes · 1 orders", for the
    customer `rows` given (all by default: the Pool shows a few of a register's many thousand customers).

    Orders are the Orders sheet's distinct order numbers where the workbook has one, else inquiries with status
    Ordered (the contract's rule for workbooks without Orders).
    """
    customers = enriched.customers if rows is None else enriched.customers.loc[rows]
    keys = column(customers, "Customer Key").fillna("").astype(str)
    summaries = latest_of(keys, enriched.followups)
    last = cell_dates(column(customers, "Last Contact", pd.NaT))
    inquiries = enriched.inquiries
    quotes = enriched.quotes
    orders_frame = getattr(enriched, "orders", None)
    if isinstance(orders_frame, pd.DataFrame) and "Order No" in orders_frame and "Customer Key" in orders_frame:
        orders = orders_frame.drop_duplicates(["Customer Key", "Order No"])["Customer Key"].value_counts()
    else:
        ordered = column(inquiries, "Status").fillna("").astype(str) == "Ordered"
        orders = column(inquiries, "Customer Key")[ordered].value_counts()

    def counts(frame: pd.DataFrame) -> pd.Series:
        return keys.map(column(frame, "Customer Key").value_counts()).fillna(0).astype(int)

    inq, quo, ords = counts(inquiries), counts(quotes), keys.map(orders).fillna(0).astype(int)
    lines = []
    for day, summary, i, q, o in zip(last, summaries, inq, quo, ords, strict=True):
        head = labels("pool.last", date=day.isoformat()) if day is not None else labels("pool.never")
        head += f": {summary}" if summary else ""
        lines.append(f"{head} · {labels('pool.counts', inquiries=i, quotes=q, orders=o)}")
    return pd.Series(lines, index=customers.index, dtype=object)


def pool_customers(customers: pd.DataFrame, settings: Settings, today: date) -> pd.DataFrame:
    """Customers for the pool with `Days` and `Inactive`, most overdue first (inactive owners' customers
    included whatever their dates)."""
    state = contact_state(customers, today)
    inactive = {fold(m.name) for m in settings.team if not m.active}
    state["Inactive"] = per_text(state["Owner"], fold).isin(inactive)
    pool = state[(state["Days"] > settings.pool_after_days) | state["Inactive"]]
    return pool.sort_values(["Days", "Company"], ascending=[False, True], kind="stable")


def conflict_groups(customers: pd.DataFrame) -> pd.DataFrame:
    """Customers that are one buyer (identity rule) owned by two or more different salespeople.

    Returns those rows with `Group` (the group's first Customer ID, or company) and `Match` (how the row joins its
    group), ordered by group then owner. Blank owners do not make a conflict: that buyer is simply unowned.
    """
    if customers.empty:
        return customers.assign(Group=[], Match=[])
    groups = same_buyer_groups(customers)
    owners = owner_names(column(customers, "Owner"))
    frame = customers.assign(**{"Group": groups["Group"], "Match": groups["Match"], "Owner": owners})
    owned = frame[owners != ""]
    distinct = stripped(owned["Owner"], fold).groupby(owned["Group"]).nunique()  # one call per group is slow
    torn = distinct[distinct > 1].index
    out = frame[frame["Group"].isin(torn)].copy()
    first = frame.reset_index(drop=True)
    name = column(first, "Customer ID").fillna("").astype(str)
    name = name.where(name != "", column(first, "Company").fillna("").astype(str))
    out["Group"] = out["Group"].map(name)
    return out.sort_values(["Group", "Owner"], key=lambda s: s.str.casefold(), kind="stable")


def _row(values: tuple[object, ...], highlight: Highlight = "") -> Row:
    """A data row from its values in COLUMNS order (owner, ID, company, grade, country, last contact, days,
    reason, history, phone, email)."""
    return Row(values, kind="data", highlight=highlight, formats=FORMATS)


class PoolRows(NamedTuple):
    pool: list[Row]
    conflicts: list[Row]
    buyers: int
    """How many buyers the conflict rows are about (each has two or more rows)."""


def pool_rows(customers: pd.DataFrame, history_of: Callable[[pd.Index], pd.Series], settings: Settings,
              today: date, labels: Labels) -> PoolRows:
    """The pool's data rows and the conflicts' data rows; `history_of(rows)` gives the history line of those
    customer rows (`history_lines`), asked only for the rows listed."""
    def text(frame: pd.DataFrame, name: str) -> pd.Series:
        return per_text(column(frame, name), str)  # Python strings: the rows read them one by one

    pool = pool_customers(customers, settings, today)
    torn = conflict_groups(customers)
    history = history_of(pool.index.union(torn.index))
    overdue = {days: labels("pool.overdue", days=days) for days in map(int, pool["Days"].unique())}
    reasons = [labels("pool.inactive") if inactive else overdue[days]
               for inactive, days in zip(pool["Inactive"], pool["Days"], strict=True)]
    no_owner = labels("no_owner")
    pool_out = [_row((o or no_owner, i, c, g, n, d, int(days), r, h, p, e), "overdue" if inactive else "warn")
                for o, i, c, g, n, d, days, r, h, p, e, inactive in zip(
                    pool["Owner"], text(pool, "Customer ID"), pool["Company"], pool["Grade"], text(pool, "Country"),
                    cell_dates(column(pool, "Last Contact", pd.NaT)), pool["Days"], reasons,
                    history.reindex(pool.index).fillna(""), text(pool, "Phone"), text(pool, "Email"),
                    pool["Inactive"], strict=True)]
    state = contact_state(torn, today) if len(torn) else torn
    conflict_out = [_row((o, i, c, g, n, d, int(days), labels("pool.same_buyer", group=grp, how=how or "="), h,
                          p, e), "key")
                    for o, i, c, g, n, d, days, grp, how, h, p, e in zip(
                        torn["Owner"], text(torn, "Customer ID"), text(torn, "Company"),
                        column(state, "Grade").fillna("").astype(str), text(torn, "Country"),
                        cell_dates(column(torn, "Last Contact", pd.NaT)), column(state, "Days", 0),
                        torn["Group"], torn["Match"], history.reindex(torn.index).fillna(""), text(torn, "Phone"),
                        text(torn, "Email"), strict=True)]
    return PoolRows(pool_out, conflict_out, torn["Group"].nunique())


def pool_spec(found: PoolRows, today: date, settings: Settings, name: str = SHEET_NAME,
              title_key: str = "pool.title", books: int = 1, widths: tuple[float, ...] = WIDTHS) -> SheetSpec:
    """The Pool sheet from its rows: title with counts, the pool, then the conflicts; prints like Due.

    The team's Pool passes its own name, `title_key` ("team.pool_title", which also names `books`) and wider
    ID and reason columns (its IDs read "Kevin/C0001")."""
    labels = labels_for(settings)
    pool, conflicts, groups = found
    rows = [Row((labels(title_key, count=len(pool), conflicts=groups, date=labels.day(today), books=books),),
                kind="title"),
            header(labels, COLUMNS),
            Row((labels("pool.section", count=len(pool)),), kind="section"),
            *(pool or [Row((labels("pool.none"),), kind="note")]),
            Row((), kind="blank"),
            Row((labels("pool.conflicts", count=groups),), kind="section"),
            *(conflicts or [Row((labels("pool.no_conflicts"),), kind="note")])]
    return SheetSpec(
        name=name, rows=tuple(rows), widths=widths, freeze_rows=HEADER_ROW,
        print_setup=PrintSetup(landscape=True, fit_width=True,
                               header_center=labels("pool.print_header", date=today.isoformat()),
                               footer_center=labels("page_footer"), repeat_rows=(HEADER_ROW, HEADER_ROW)),
        autofilter_header_row=HEADER_ROW,
    )


def pool_sheet(enriched: Enriched, today: date, settings: Settings) -> SheetSpec:
    """The Pool sheet of one workbook."""
    labels = labels_for(settings)
    return pool_spec(pool_rows(enriched.customers, lambda rows: history_lines(enriched, labels, rows), settings,
                               today, labels), today, settings)
