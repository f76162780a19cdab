"""Monthly Review: the boss's monthly meeting (seed: "each month the list of all A customers and their situation
goes to the head of sales"; the boss sets targets and watches results).

Covers the calendar month up to today (the whole month on its last day). Page 1: orders and payments against
each salesperson's Monthly Target and the team's, and the trend of the last six months. Then the A-list with
each customer's situation in one line, new and lost customers of the month, and every outstanding payment.
Laid out like the Weekly Summary: stacked tables with their own headers on one grid (`reports.layout`).

Lost customers (the contract leaves it open): A customer counts as lost this month when their latest inquiry
is Lost and their last contact falls in the month (the inquiry register has no date of losing).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import cell_dates, column, latest_of
from tradexl.reports.due import contact_state
from tradexl.reports.figures import (
    Period,
    first_inquiry,
    in_period,
    order_value,
    payments,
    people,
    quote_values,
    targets,
)
from tradexl.reports.labels import Labels, labels_for
from tradexl.reports.layout import Cell, Grid, fit_columns, keep_tables_together
from tradexl.reports.receivables import outstanding_orders
from tradexl.reports.weekly import in_play
from tradexl.rules.orders import COUNTS, OUTSTANDING_REPORT
from tradexl.settings import Settings
from tradexl.sheetspec import Chart, ChartSeries, PrintSetup, Row, SheetSpec

SHEET_NAME = "Monthly Review"
GRID = Grid((32.0, 13.0, 13.0, 13.0, 13.0, 13.0, 12.0, 12.0, 12.0, 12.0, 12.0))
TREND_MONTHS = 6
CHART_ROWS = 13
"""Blank rows kept on page 1 under the trend table for its chart (240 px at 20 px a row)."""
TARGETS: tuple[Cell, ...] = (
    (0, "col.salesperson", ""), (1, "col.orders_month", "int"), (2, "col.target", "int"),
    (3, "col.target_pct", "percent"), (4, "col.payments_month", "int"), (5, "col.outstanding", "int"),
    (6, "col.overdue_balances", "int"), (7, "col.new_customers", "int"), (8, "col.lost", "int"))
TREND: tuple[Cell, ...] = (
    (0, "col.month", ""), (1, "col.inquiries", "int"), (2, "col.ab", "int"), (3, "col.quotes", "int"),
    (4, "col.quote_value", "int"), (5, "col.order_count", "int"), (6, "col.order_value", "int"),
    (7, "col.payments", "int"))
A_LIST: tuple[Cell, ...] = ((0, "col.company", ""), (1, "col.country", ""), (2, "col.owner", ""),
                            (3, "col.last_contact", "date"), (4, "col.situation", ""))
NEW: tuple[Cell, ...] = ((0, "col.company", ""), (1, "col.country", ""), (2, "col.owner", ""),
                         (3, "col.first_inquiry", "date"), (4, "col.grade", ""), (5, "col.source", ""))
LOST: tuple[Cell, ...] = ((0, "col.company", ""), (1, "col.country", ""), (2, "col.owner", ""),
                          (3, "col.last_contact", "date"), (4, "col.summary", ""))
OUTSTANDING: tuple[Cell, ...] = (
    (0, "col.company", ""), (1, "col.order_no", ""), (2, "col.owner", ""), (3, "col.ship_date", "date"),
    (4, "col.balance_due", "date"), (5, "col.outstanding_report", "int"), (6, "col.currency", ""),
    (7, "col.outstanding", "money"), (8, "col.payment_status", ""))


def month_period(today: date, months_back: int = 0) -> Period:
    """The calendar month `months_back` before today's, up to today for the current month."""
    first = today.replace(day=1)
    for _ in range(months_back):
        first = (first - timedelta(days=1)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Period(first, min(last, today))


def _lost_keys(enriched: Enriched, month: Period) -> pd.Series:
    """Customer Key -> owner of the customers lost this month (rule in the module docstring)."""
    customers = enriched.customers
    keys = column(customers, "Customer Key").fillna("").astype(str)
    recent = in_period(column(customers, "Last Contact", pd.NaT), month)
    inq = enriched.inquiries
    inq = inq[column(inq, "Customer Key").isin(pd.unique(keys[recent])).to_numpy()]  # only they can be lost now
    frame = pd.DataFrame({"key": column(inq, "Customer Key").fillna("").astype(str),
                          "at": column(inq, "Received", pd.NaT),
                          "status": column(inq, "Status").fillna("").astype(str)})
    latest = frame[frame["key"] != ""].sort_values("at", kind="stable").drop_duplicates("key", keep="last")
    lost = set(latest.loc[latest["status"] == "Lost", "key"])
    return customers[keys.isin(lost) & recent]


def _new_customers(enriched: Enriched, month: Period) -> pd.DataFrame:
    """The customers whose first inquiry is in the month, with `First Inquiry`, first first. Only the customers
    who wrote this month can be new: the first inquiry is looked for among theirs alone."""
    customers = enriched.customers
    keys = column(customers, "Customer Key").fillna("").astype(str)
    inq = enriched.inquiries
    wrote = column(inq, "Customer Key")[in_period(column(inq, "Received", pd.NaT), month)]
    firsts = first_inquiry(inq[column(inq, "Customer Key").isin(pd.unique(wrote)).to_numpy()])
    first = pd.Series(pd.to_datetime(firsts.reindex(keys.to_numpy()).to_numpy()), index=customers.index)
    new = customers.assign(**{"First Inquiry": first})[in_period(first, month)]
    return new.sort_values("First Inquiry", kind="stable")


def _target_rows(enriched: Enriched, month: Period, today: date, settings: Settings, labels: Labels,
                 new: pd.DataFrame, lost: pd.DataFrame) -> list[Row]:
    orders = order_value(enriched, month, settings)
    paid = payments(enriched, month, settings)
    owed = outstanding_orders(enriched, today)
    owed_by = owed[OUTSTANDING_REPORT].groupby(people(column(owed, "Owner"), settings)).sum()
    late = owed[owed["Payment Status"] == "Balance overdue"]
    late_by = late[OUTSTANDING_REPORT].groupby(people(column(late, "Owner"), settings)).sum()
    new_by = people(column(new, "Owner"), settings).value_counts()
    lost_by = people(column(lost, "Owner"), settings).value_counts()
    goals = targets(settings)
    active = [m.name.strip() for m in settings.team if m.active]
    seen = set().union(*(s.index for s in (orders, paid, owed_by, new_by, lost_by)))
    names = active + sorted((p for p in seen if p and p not in active), key=str.casefold) + \
        ([""] if "" in seen else [])
    rows = []
    totals = [0.0] * 7
    for person in names:
        figures = [float(s.get(person, 0)) for s in (orders, paid, owed_by, late_by, new_by, lost_by)]
        goal = goals.get(person)
        totals = [a + b for a, b in zip(totals, figures, strict=False)]
        rows.append(GRID.row(TARGETS, (person or labels("no_owner"), round(figures[0]), goal,
                                       figures[0] / goal if goal else None, *(round(v) for v in figures[1:])),
                             highlight="overdue" if figures[3] else ""))
    goal_total = sum(goals.values())
    rows.append(GRID.row(TARGETS, (labels("total"), round(totals[0]), goal_total or None,
                                   totals[0] / goal_total if goal_total else None,
                                   *(round(v) for v in totals[1:6])), kind="total"))
    return rows


def _trend_rows(enriched: Enriched, today: date, settings: Settings, labels: Labels) -> list[Row]:
    inq, quotes = enriched.inquiries, enriched.quotes
    grade = column(inq, "Effective Grade").fillna("").astype(str)
    ab = grade.isin(["A", "B"])
    values = quote_values(quotes, settings)
    numbers = column(quotes, "Quote No").fillna("").astype(str)
    orders = enriched.orders
    live = column(orders, COUNTS, False).astype(bool)
    rows = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        month = month_period(today, back)
        received = in_period(column(inq, "Received", pd.NaT), month)
        quoted = in_period(column(quotes, "Date", pd.NaT), month)
        number = numbers[quoted]
        ordered = orders[in_period(column(orders, "Date", pd.NaT), month) & live] if not orders.empty else orders
        label = f"{month.start:%Y-%m}" + ("" if month.end.day > 27 or back else f" ({labels('to_date')})")
        rows.append(GRID.row(TREND, (
            label, int(received.sum()), int((received & ab).sum()), int(number.nunique()),
            round(float(values[quoted].sum())), int(column(ordered, "Order No").nunique()),
            round(float(order_value(enriched, month, settings).sum())),
            round(float(payments(enriched, month, settings).sum())))))
    return rows


def _situation(enriched: Enriched, keys: pd.Series, today: date, settings: Settings, labels: Labels) -> pd.Series:
    """One line per customer: open quotes; samples; orders in 12 months; what they owe; then the last summary
    (the figures first, so a long summary runs off the line rather than the facts)."""
    money = settings.report_currency.upper()
    summary = latest_of(keys, enriched.followups)
    quotes = enriched.quotes
    open_q = quotes[column(quotes, "Status").fillna("").astype(str) == "Sent"]
    open_value = quote_values(open_q, settings).groupby(column(open_q, "Customer Key")).sum()
    open_count = column(open_q, "Quote No").groupby(column(open_q, "Customer Key")).nunique()
    samples = column(enriched.samples, "Customer Key").value_counts()
    orders12 = column(enriched.customers, "Orders (12 mo)", float("nan"))
    orders12 = pd.Series(orders12.to_numpy(), index=column(enriched.customers, "Customer Key")).dropna()
    orders12 = orders12[~orders12.index.duplicated()]  # a Customer ID typed twice is a Check row, not a crash
    owed = outstanding_orders(enriched, today)
    owed_by = owed[OUTSTANDING_REPORT].groupby(column(owed, "Customer Key")).sum()
    # plain dicts: a Series look-up per customer costs more than the whole line
    open_count, open_value, samples, orders12, owed_by = (
        s.to_dict() for s in (open_count, open_value, samples, orders12, owed_by))
    lines = []
    for key, text in zip(keys, summary, strict=True):
        parts = []
        if key in open_count:
            parts.append(labels("situation.quotes", count=int(open_count[key]), currency=money,
                                value=f"{open_value.get(key, 0):,.0f}"))
        if key in samples:
            parts.append(labels("situation.samples", count=int(samples[key])))
        if orders12.get(key, 0) > 0:
            parts.append(labels("situation.orders", currency=money, value=f"{orders12[key]:,.0f}"))
        if owed_by.get(key, 0) > 0:
            parts.append(labels("situation.owed", currency=money, value=f"{owed_by[key]:,.0f}"))
        lines.append(" · ".join([*parts, text] if text else parts))
    return pd.Series(lines, index=keys.index, dtype=object)


def _a_list(enriched: Enriched, today: date, settings: Settings, labels: Labels) -> list[Row]:
    state = contact_state(enriched.customers, today)
    keys = column(state, "Customer Key").fillna("").astype(str)
    a = state[state["Grade"] == "A"]
    a = a[in_play(enriched, keys[a.index])]
    a = a.sort_values(["Owner", "Company"], kind="stable")
    owner = a["Owner"].where(a["Owner"] != "", labels("no_owner"))
    situation = _situation(enriched, keys[a.index], today, settings, labels)
    return [GRID.row(A_LIST, values, highlight="overdue" if days > 0 else "") for values, days in zip(zip(
        a["Company"], column(a, "Country").fillna(""), owner, cell_dates(column(a, "Last Contact", pd.NaT)),
        situation, strict=True), a["Days"], strict=True)]


def monthly_sheet(enriched: Enriched, today: date, settings: Settings, now: datetime | None = None) -> SheetSpec:
    """The Monthly Review sheet, printed like the Weekly Summary (A4 landscape, one page wide)."""
    labels = labels_for(settings)
    del now  # same signature as the other report builders; the review needs no time of day
    month = month_period(today)
    full = (month.end + timedelta(days=1)).day == 1
    new = _new_customers(enriched, month)
    lost = _lost_keys(enriched, month)
    owed = outstanding_orders(enriched, today)
    rows = [
        Row((labels("monthly.title", company=labels.company(settings)),), kind="title"),
        Row((labels("monthly.month" if full else "monthly.month_to_date", month=f"{month.start:%Y-%m}",
                    start=labels.day(month.start), today=labels.day(today)),), kind="subtitle"),
        *GRID.table(labels, labels("monthly.targets"), TARGETS,
                    _target_rows(enriched, month, today, settings, labels, new, lost)),
        Row((labels("monthly.note.targets", currency=settings.report_currency.upper()),), kind="note"),
    ]
    trend_first = len(rows) + 4  # after the blank, section and header rows
    rows += [
        *GRID.table(labels, labels("monthly.trend"), TREND, _trend_rows(enriched, today, settings, labels)),
        Row((labels("monthly.legend"),), kind="note"),
    ]
    chart_row = len(rows) + 2
    rows += [Row((), kind="blank")] * CHART_ROWS
    page_one = len(rows)
    rows += [
        *GRID.table(labels, labels("monthly.a_list"), A_LIST, _a_list(enriched, today, settings, labels)),
        *GRID.table(labels, labels("monthly.new"), NEW, [GRID.row(NEW, values) for values in zip(
            new["Company"].fillna(""), column(new, "Country").fillna(""),
            column(new, "Owner").fillna("").replace("", labels("no_owner")), cell_dates(new["First Inquiry"]),
            column(new, "Current Grade").fillna(""), column(new, "Source").fillna("").map(labels.value),
            strict=True)]),
        *GRID.table(labels, labels("monthly.lost"), LOST, [GRID.row(LOST, values) for values in zip(
            lost["Company"].fillna(""), column(lost, "Country").fillna(""),
            column(lost, "Owner").fillna("").replace("", labels("no_owner")),
            cell_dates(column(lost, "Last Contact", pd.NaT)),
            latest_of(column(lost, "Customer Key"), enriched.followups), strict=True)]),
        *GRID.table(labels, labels("monthly.outstanding"), OUTSTANDING, [
            GRID.row(OUTSTANDING, values, highlight="overdue" if status == "Balance overdue" else "")
            for *values, status in zip(
                column(owed, "Company").fillna(""), column(owed, "Order No").fillna(""),
                column(owed, "Owner").fillna("").replace("", labels("no_owner")),
                cell_dates(column(owed, "Ship Date", pd.NaT)), cell_dates(column(owed, "Balance Due Date", pd.NaT)),
                column(owed, OUTSTANDING_REPORT, float("nan")),
                column(owed, "Currency").fillna("").replace("", settings.report_currency.upper()),
                column(owed, "Outstanding", float("nan")),
                column(owed, "Payment Status").fillna("").map(labels.value),
                column(owed, "Payment Status").fillna(""), strict=True)]),
    ]
    title = labels("monthly.print_header", month=f"{month.start:%Y-%m}", today=today.isoformat())
    trend = (trend_first, trend_first + TREND_MONTHS - 1)
    widths, fitted = fit_columns(GRID.widths, rows)
    return keep_tables_together(SheetSpec(
        name=SHEET_NAME, rows=fitted, widths=widths,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=title,
                               footer_center=labels("page_footer"), page_breaks=(page_one,)),
        charts=(_trend_chart(labels, trend, chart_row, settings),),
    ))


def _trend_chart(labels: Labels, trend: tuple[int, int], row: int, settings: Settings) -> Chart:
    """Order value and payments of the last six months, drawn from the trend table below page 1's figures."""
    first, last = trend
    months = (first, 1, last, 1)
    return Chart("column", labels("monthly.chart", currency=settings.report_currency.upper()), (
        ChartSeries(labels("col.order_value"), months, (first, 7, last, 7)),
        ChartSeries(labels("col.payments"), months, (first, 8, last, 8)),
    ), anchor=(row, 1), size=(760, 240))

