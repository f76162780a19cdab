"""Statistics: the buyer database in numbers and native charts (seed step 6: "customers' strength, region, type
and the most popular products").

Each table is the source of the chart beside (or below) it, so the charts follow the numbers. Periods: customers
are the whole register; inquiries, quotes and orders by product and source cover the last twelve months; the
month × region matrices (months as rows, regions as columns, totals both ways) the last six months. The funnel
follows the inquiry status ladder: an inquiry that reached Quoted, Sample sent or Ordered was quoted; Sample sent
or Ordered reached a sample; Ordered is an order.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import column, place, stripped
from tradexl.reports.figures import Period, in_period
from tradexl.reports.labels import Labels, labels_for
from tradexl.reports.layout import Cell, Grid
from tradexl.reports.monthly import month_period
from tradexl.rules.orders import COUNTS, REPORT_AMOUNT
from tradexl.settings import Settings
from tradexl.sheetspec import Chart, ChartKind, ChartSeries, Format, PrintSetup, Row, SheetSpec

SHEET_NAME = "Statistics"
GRID = Grid((26.0, 12.0, 12.0, 12.0, 13.0, 12.0))
CHART_COLUMN = 8
WIDTHS = (*GRID.widths, *(11.0,) * 8)
"""The tables' grid, then the columns the charts cover (inside the print area, so they print) and the month ×
region matrices spread over: a month, up to MATRIX_REGIONS regions and the total."""
MATRIX = Grid(WIDTHS)
MATRIX_REGIONS = len(WIDTHS) - 2
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

    def _keep_together(self, height: int) -> int:
        """Start a new page unless `height` rows still fit on this one; the row index the block starts at."""
        page_start = self.breaks[-1] if self.breaks else 0
        if len(self.rows) + height - page_start > PAGE_ROWS and len(self.rows) > page_start:
            self.breaks.append(len(self.rows))  # a table and its chart are never split over two pages
        return len(self.rows)

    def table(self, title: str, cells: tuple[Cell, ...], body: list[Row],
              chart: tuple[ChartKind, str, tuple[int, ...]] | None = None) -> None:
        """Add a titled table; `chart` = (kind, title, grid columns of the series) drawn from its rows."""
        start = self._keep_together(max(3 + max(len(body), 1), CHART_ROWS if chart is not None else 0))
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

    def matrix(self, title: str, table: pd.DataFrame) -> ChartSeries:
        """Add a month × region matrix (a Total column and row added); the series of its monthly totals."""
        start = self._keep_together(4 + len(table))
        first, last = start + 4, start + 3 + len(table)  # 1-based rows of the first and last month
        width = len(table.columns) + 2
        count: Format = "int"
        formats: tuple[Format, ...] = ("", *(count,) * (width - 1))
        self.rows += [Row((), kind="blank"), Row((title,), kind="section"),
                      Row(place(MATRIX.size, dict(enumerate((self.labels("col.month"), *table.columns,
                                                            self.labels("total"))))), kind="header")]
        totals = table.sum(axis=1)
        self.rows += [Row((month, *(int(v) for v in row), int(totals[month])), formats=formats)
                      for month, row in zip(table.index, table.to_numpy(), strict=True)]
        self.rows.append(Row((self.labels("total"), *(int(v) for v in table.sum()), int(totals.sum())),
                             kind="total", formats=formats))
        return ChartSeries(title, (first, 1, last, 1), (first, width, last, width))

    def chart_below(self, kind: ChartKind, title: str, series: tuple[ChartSeries, ...]) -> None:
        """A chart under the tables it draws, at the left (the matrices leave no room beside them)."""
        start = self._keep_together(CHART_ROWS + 1)
        self.charts.append(Chart(kind, title, series, anchor=(start + 2, 1), size=CHART_SIZE))
        self.rows += [Row((), kind="blank")] * (CHART_ROWS + 1)


def _counts(values: pd.Series, labels: Labels) -> list[Row]:
    names = stripped(values, labels.value).replace("", labels("unknown"))
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
        out[key] = stripped(values, labels.value)
    return out


def _months(stamps: pd.Series) -> pd.Series:
    """Each date's month as "YYYY-MM" (NaN when no date), formatted once per month rather than once per row."""
    when = pd.to_datetime(stamps, errors="coerce")
    month = when.dt.year * 100 + when.dt.month
    return month.map({m: f"{int(m) // 100:04d}-{int(m) % 100:02d}" for m in month.dropna().unique()})


def _month_region(frames: dict[str, pd.DataFrame], months: list[str], regions: dict[str, pd.Series],
                  labels: Labels) -> dict[str, pd.DataFrame]:
    """Inquiries, quote numbers, orders (distinct Order No, Cancelled left out) and order value per month (rows,
    "YYYY-MM" as `months`) and region (columns: most inquiries first, unknown last; beyond MATRIX_REGIONS the rest
    summed as Other)."""
    dates = {"inquiries": "Received", "quotes": "Date", "orders": "Date"}
    stamp = {k: _months(column(f, dates[k], pd.NaT)) for k, f in frames.items()}
    where = {k: v.replace("", labels("unknown")) for k, v in regions.items()}
    orders = frames["orders"]
    live = column(orders, COUNTS, False).fillna(False).astype(bool)
    measures = {
        "inquiries": ("inquiries", pd.Series(1, index=frames["inquiries"].index), "size"),
        "quotes": ("quotes", column(frames["quotes"], "Quote No").fillna("").astype(str), "nunique"),
        "orders": ("orders", column(orders, "Order No").fillna("").astype(str)[live], "nunique"),
        "value": ("orders", pd.to_numeric(column(orders, REPORT_AMOUNT, np.nan), errors="coerce")[live], "sum"),
    }
    tables = {}
    for name, (key, values, how) in measures.items():
        frame = pd.DataFrame({"month": stamp[key], "region": where[key]}).loc[values.index].assign(value=values)
        grouped = frame.groupby(["month", "region"])["value"].agg(how) if len(frame) else pd.Series(dtype=float)
        tables[name] = (grouped.unstack(fill_value=0) if len(grouped) else pd.DataFrame()).fillna(0)
    seen = pd.Index([r for t in tables.values() for r in t.columns]).unique()
    inquiries = tables["inquiries"].sum() if len(tables["inquiries"].columns) else pd.Series(dtype=float)
    order = sorted(seen, key=lambda r: (r == labels("unknown"), -float(inquiries.get(r, 0)), str(r)))
    keep, rest = order[:MATRIX_REGIONS - 1], order[MATRIX_REGIONS - 1:]
    if len(rest) == 1:
        keep, rest = order, []
    out = {}
    for name, table in tables.items():
        shaped = table.reindex(index=months, columns=keep, fill_value=0).fillna(0)
        if rest:
            others = table.reindex(index=months, columns=rest, fill_value=0).fillna(0)
            shaped[labels.value("Other")] = others.sum(axis=1)
        out[name] = shaped.round(0)
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
    target, limit = status == "Within target", status.isin(["Within target", "Within limit"])
    rows = []
    for back in range(MONTHS - 1, -1, -1):
        month = month_period(today, back)
        part = in_period(column(inquiries, "Received", pd.NaT), month)
        replied = hours[part].dropna()
        received = int(part.sum())
        rows.append(GRID.row(REPLY, (
            f"{month.start:%Y-%m}", received, round(float(replied.median()), 1) if len(replied) else None,
            int((part & target).sum()) / received if received else None,
            int((part & limit).sum()) / received if received else None)))
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
    half = _within(frames, Period(month_period(today, MONTHS - 1).start, today))
    months = [f"{month_period(today, back).start:%Y-%m}" for back in range(MONTHS - 1, -1, -1)]
    matrices = _month_region(half, months, _by(half, "Region", labels, region_of), labels)
    series = tuple(sheet.matrix(labels(f"stats.matrix_{name}", currency=money), table)
                   for name, table in matrices.items())
    sheet.chart_below("column", labels("stats.by_month_chart"), tuple(
        replace(s, name=labels(key)) for s, key in zip(series[:3], ("col.inquiries", "col.quotes", "col.order_count"),
                                                       strict=True)))
    product = {"inquiries": column(year["inquiries"], "Product"), "quotes": column(year["quotes"], "Model"),
               "orders": column(year["orders"], "Model")}
    sheet.table(labels("stats.activity_product", currency=money), ((0, "col.model", ""), *ACTIVITY),
                _activity({k: stripped(v, str.upper) for k, v in product.items()},
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
