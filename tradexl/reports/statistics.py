"""Statistics: the buyer database in numbers and native charts (seed step 6: "customers' strength, region, type
and the most popular products").

Each table is the source of the chart beside it, so the charts follow the numbers. Periods: customers are the
whole register; inquiries, quotes and orders by region, product and source cover the last twelve months; the
month tables the last six months. The funnel follows the inquiry status ladder: an inquiry that reached Quoted,
Sample sent or Ordered was quoted; Sample sent or Ordered reached a sample; Ordered is an order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import column
from tradexl.reports.figures import Period, in_period
from tradexl.reports.labels import Labels, labels_for
from tradexl.reports.layout import Cell, Grid
from tradexl.reports.monthly import month_period
from tradexl.rules.orders import COUNTS, REPORT_AMOUNT
from tradexl.settings import Settings
from tradexl.sheetspec import Chart, ChartKind, ChartSeries, PrintSetup, Row, SheetSpec

SHEET_NAME = "Statistics"
GRID = Grid((26.0, 12.0, 12.0, 12.0, 13.0, 12.0))
CHART_COLUMN = 8
WIDTHS = (*GRID.widths, 2.0, *(9.0,) * 8)
"""The tables' grid, a gap, then the columns the charts cover (inside the print area, so they print)."""
CHART_SIZE = (520, 260)
CHART_ROWS = 14
"""Rows a charted table takes at least, so the next table starts below its chart (260 px at 20 px a row)."""
PAGE_ROWS = 34
"""Rows that fit on a landscape A4 page at the width this sheet is scaled to (measured with LibreOffice)."""
MONTHS = 6
TOP_PRODUCTS = 10
QUOTED = ("Quoted", "Sample sent", "Ordered")
SAMPLED = ("Sample sent", "Ordered")
COUNT: tuple[Cell, ...] = ((1, "col.customers", "int"), (2, "col.share", "percent"))
ACTIVITY: tuple[Cell, ...] = ((1, "col.inquiries", "int"), (2, "col.quotes", "int"), (3, "col.order_count", "int"),
                              (4, "col.order_value", "int"))


def _label(key: str) -> Cell:
    return (0, key, "")


class _Sheet:
    """Rows and charts being laid out: each table may get a chart beside it."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.rows: list[Row] = []
        self.charts: list[Chart] = []
        self.breaks: list[int] = []

    def table(self, title: str, cells: tuple[Cell, ...], body: list[Row],
              chart: tuple[ChartKind, str, tuple[int, ...]] | None = None) -> None:
        """Add a titled table; `chart` = (kind, title, grid columns of the series) drawn from its rows."""
        height = max(3 + max(len(body), 1), CHART_ROWS if chart is not None else 0)
        page_start = self.breaks[-1] if self.breaks else 0
        if len(self.rows) + height - page_start > PAGE_ROWS and len(self.rows) > page_start:
            self.breaks.append(len(self.rows))  # a table and its chart are never split over two pages
        start = len(self.rows)
        first = start + 4  # blank, section, header, then the first data row (1-based)
        self.rows += GRID.table(self.labels, title, cells, body)
        if chart is None or not body:
            return
        kind, name, series = chart
        last = first + len(body) - 1
        headers = {col: self.labels(key) for col, key, _ in cells}
        self.charts.append(Chart(kind, name, tuple(
            ChartSeries(headers[col], (first, 1, last, 1), (first, col + 1, last, col + 1)) for col in series),
            anchor=(start + 2, CHART_COLUMN), size=CHART_SIZE))
        self.rows += [Row((), kind="blank")] * max(0, start + CHART_ROWS - len(self.rows))


def _counts(values: pd.Series, labels: Labels) -> list[Row]:
    names = values.fillna("").astype(str).str.strip().map(labels.value).replace("", labels("unknown"))
    counts = names.value_counts()
    counts = counts.iloc[sorted(range(len(counts)), key=lambda i: (-counts.iloc[i], counts.index[i]))]
    total = max(int(counts.sum()), 1)
    return [GRID.row((_label(""), *COUNT), (name, int(n), n / total)) for name, n in counts.items()]


def _activity(keys: dict[str, pd.Series], frames: dict[str, pd.DataFrame], labels: Labels,
              limit: int | None = None) -> list[Row]:
    """Per name: inquiries, quote numbers, orders (distinct Order No, Cancelled left out) and order value."""
    inq = keys["inquiries"].value_counts()
    quotes = frames["quotes"]
    quote_no = column(quotes, "Quote No").fillna("").astype(str)
    quoted = quote_no.groupby(keys["quotes"]).nunique() if len(quotes) else pd.Series(dtype=int)
    orders = frames["orders"]
    if len(orders):
        live = column(orders, COUNTS, False).astype(bool)
        numbers = column(orders, "Order No").fillna("").astype(str)[live].groupby(keys["orders"][live]).nunique()
        value = column(orders, REPORT_AMOUNT, np.nan)[live].groupby(keys["orders"][live]).sum()
    else:
        numbers = value = pd.Series(dtype=float)
    table = pd.DataFrame({"inq": inq, "quotes": quoted, "orders": numbers, "value": value}).fillna(0)
    table = table[table.index != ""]
    table = table.sort_values(["inq", "value"], ascending=False, kind="stable").head(limit)
    return [GRID.row((_label(""), *ACTIVITY), (name, int(r.inq), int(r.quotes), int(r.orders), round(r.value)))
            for name, r in table.iterrows()]


def _within(frames: dict[str, pd.DataFrame], period: Period) -> dict[str, pd.DataFrame]:
    dates = {"inquiries": "Received", "quotes": "Date", "orders": "Date"}
    return {k: f[in_period(column(f, dates[k], pd.NaT), period)] for k, f in frames.items()}


def _by(frames: dict[str, pd.DataFrame], name: str, labels: Labels, region_of: pd.Series | None = None
        ) -> dict[str, pd.Series]:
    """The grouping key of each row: a column of each frame, or the customer's region for quotes/orders."""
    out = {}
    for key, frame in frames.items():
        if name in frame.columns:
            values = frame[name]
        elif region_of is not None:
            values = column(frame, "Customer Key").fillna("").astype(str).map(region_of)
        else:
            values = pd.Series("", index=frame.index)
        out[key] = values.fillna("").astype(str).str.strip().map(labels.value)
    return out


def _funnel(inquiries: pd.DataFrame, labels: Labels) -> list[Row]:
    status = column(inquiries, "Status").fillna("").astype(str)
    stages = (("funnel.inquiries", len(status)), ("funnel.quoted", int(status.isin(QUOTED).sum())),
              ("funnel.sampled", int(status.isin(SAMPLED).sum())), ("funnel.ordered", int((status == "Ordered").sum())))
    total = max(len(status), 1)
    return [GRID.row((_label(""), (1, "", "int"), (2, "", "percent")), (labels(key), n, n / total))
            for key, n in stages]


def _reply_rows(inquiries: pd.DataFrame, today: date, labels: Labels) -> list[Row]:
    hours = pd.to_numeric(column(inquiries, "Response Hours", np.nan), errors="coerce")
    status = column(inquiries, "Reply Status").fillna("").astype(str)
    rows = []
    for back in range(MONTHS - 1, -1, -1):
        month = month_period(today, back)
        part = in_period(column(inquiries, "Received", pd.NaT), month)
        replied = hours[part].dropna()
        received = int(part.sum())
        rows.append(GRID.row(REPLY, (
            f"{month.start:%Y-%m}", received, round(float(replied.median()), 1) if len(replied) else None,
            int((part & (status == "Within target")).sum()) / received if received else None,
            int((part & status.isin(["Within target", "Within limit"])).sum()) / received if received else None)))
    return rows


REPLY: tuple[Cell, ...] = ((0, "col.month", ""), (1, "col.inquiries", "int"), (2, "col.median_hours", "decimal1"),
                           (3, "col.within_target_pct", "percent"), (4, "col.within_limit_pct", "percent"))


def statistics_sheet(enriched: Enriched, today: date, settings: Settings, now: datetime | None = None) -> SheetSpec:
    """The Statistics sheet with its charts (A4 landscape, one page wide)."""
    del now
    labels = labels_for(settings)
    money = settings.report_currency.upper()
    customers = enriched.customers
    frames = {"inquiries": enriched.inquiries, "quotes": enriched.quotes, "orders": enriched.orders}
    year = _within(frames, Period(today - timedelta(days=364), today))
    region_of = pd.Series(column(customers, "Region").fillna("").astype(str).to_numpy(),
                          index=column(customers, "Customer Key").fillna("").astype(str))
    region_of = region_of[~region_of.index.duplicated()]
    sheet = _Sheet(labels)
    sheet.rows += [Row((labels("stats.title", company=labels.company(settings)),), kind="title"),
                   Row((labels("stats.subtitle", today=labels.day(today), currency=money),), kind="subtitle")]
    for key, field in (("stats.by_region", "Region"), ("stats.by_type", "Type"), ("stats.by_size", "Size"),
                       ("stats.by_source", "Source")):
        chart: tuple[ChartKind, str, tuple[int, ...]] | None = None
        if field in ("Region", "Source"):
            chart = ("bar", labels(key), (1,))
        elif field == "Type":
            chart = ("pie", labels(key), (1,))
        sheet.table(labels(key), (_label(f"col.{field.lower()}"), *COUNT),
                    _counts(column(customers, field), labels), chart)
    month_rows = []
    for back in range(MONTHS - 1, -1, -1):
        month = month_period(today, back)
        within = _within(frames, month)
        stamp = {k: pd.Series(f"{month.start:%Y-%m}", index=f.index) for k, f in within.items()}
        month_rows += _activity(stamp, within, labels) or [GRID.row((_label(""), *ACTIVITY),
                                                                    (f"{month.start:%Y-%m}", 0, 0, 0, 0))]
    sheet.table(labels("stats.by_month", currency=money), ((0, "col.month", ""), *ACTIVITY), month_rows,
                ("column", labels("stats.by_month_chart"), (1, 2, 3)))
    sheet.table(labels("stats.activity_region", currency=money), ((0, "col.region", ""), *ACTIVITY),
                _activity(_by(year, "Region", labels, region_of), year, labels))
    product = {"inquiries": column(year["inquiries"], "Product"), "quotes": column(year["quotes"], "Model"),
               "orders": column(year["orders"], "Model")}
    sheet.table(labels("stats.activity_product", currency=money), ((0, "col.model", ""), *ACTIVITY),
                _activity({k: v.fillna("").astype(str).str.strip().str.upper() for k, v in product.items()},
                          year, labels, TOP_PRODUCTS))
    if "Salesperson" in enriched.inquiries:  # the team's stacked workbooks (reports.team.combine)
        sheet.table(labels("stats.activity_salesperson", currency=money), ((0, "col.salesperson", ""), *ACTIVITY),
                    _activity(_by(year, "Salesperson", labels), year, labels))
    sheet.table(labels("stats.activity_source", currency=money), ((0, "col.source", ""), *ACTIVITY),
                _activity(_by({"inquiries": year["inquiries"]}, "Channel", labels)
                          | {"quotes": pd.Series("", index=year["quotes"].index),
                             "orders": pd.Series("", index=year["orders"].index)}, year, labels))
    sheet.table(labels("stats.funnel"), ((0, "col.stage", ""), (1, "col.inquiries", "int"),
                                         (2, "col.share", "percent")),
                _funnel(year["inquiries"], labels), ("bar", labels("stats.funnel"), (1,)))
    sheet.table(labels("stats.reply_times"), REPLY, _reply_rows(enriched.inquiries, today, labels),
                ("line", labels("stats.reply_chart"), (2,)))
    return SheetSpec(
        name=SHEET_NAME, rows=tuple(sheet.rows), widths=WIDTHS,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=labels("stats.print_header",
                                                                                    today=today.isoformat()),
                               footer_center=labels("page_footer"), page_breaks=tuple(sheet.breaks)),
        charts=tuple(sheet.charts),
    )
