"""Weekly Summary: the manager's written report to the boss (seed: customers followed up, key customers, figures).

The week ends on `Settings.week_ends_on`. Run on any day it covers the current week up to today (the boss also
reviews on Wednesday) and its title says "week to date"; on the week's last day it is the full week. Every
comparison is against the same days of the previous week.

Layout: page 1 is the dashboard (headline figures with their change, then the salesperson table); the written
report follows. Tables are stacked, each with its own header row, on one 14-column grid. Stacking (rather
than tables side by side) keeps every table readable when filtered, copied or printed on any page; the grid
widths are chosen so every table's columns fit: the first column holds names, dates sit only in columns at
least 11 wide, and long texts (summaries, requests) start in a column followed by empty ones so they run on
across them instead of being cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import cell_dates, column, grade_rank, latest_of, per_text
from tradexl.reports.due import contact_state
from tradexl.reports.figures import (
    Period,
    headlines,
    in_period,
    month_to_date,
    order_value,
    payments,
    people,
    targets,
)
from tradexl.reports.labels import Labels, labels_for
from tradexl.reports.layout import Cell, Grid, fit_columns, keep_tables_together
from tradexl.rules.orders import COUNTS
from tradexl.settings import Settings
from tradexl.sheetspec import Chart, ChartSeries, Highlight, PrintSetup, Row, SheetSpec

SHEET_NAME = "Weekly Summary"
WIDTHS = (32.0, 12.0, 12.0, 13.0, 13.0, 13.0, 10.0, 6.0, 8.0, 10.0, 11.0, 10.0, 9.0, 9.0)
GRID = Grid(WIDTHS)
TOP_PRODUCTS = 10
CHART_ROW, CHART_COLUMN = 4, 6
"""The page-1 chart sits right of the headline figures (which use the first four columns)."""
IN_PLAY_DONE = ("Lost",)
"""A key customer is out of play when their latest inquiry is Lost, or it is Ordered and all their orders are
Completed (or Cancelled)."""

TEAM: tuple[Cell, ...] = (
    (0, "col.salesperson", ""), (1, "col.orders_mtd", "int"), (2, "col.target", "int"),
    (3, "col.target_pct", "percent"), (4, "col.orders_value", "int"), (5, "col.payments", "int"),
    (6, "col.inquiries", "int"), (7, "col.ab", "int"), (8, "col.within_target", "int"),
    (9, "col.unreplied", "int"), (10, "col.followups", "int"), (11, "col.overdue", "int"),
    (12, "col.quotes", "int"), (13, "col.samples", "int"))
HEADLINE: tuple[Cell, ...] = ((0, "col.figure", ""), (1, "col.this_week", "int"), (2, "col.last_week", "int"),
                              (3, "col.change", "signed"))
FOLLOWED: tuple[Cell, ...] = ((0, "col.customer", ""), (1, "col.last_contact", "date"), (2, "col.channel", ""),
                              (3, "col.summary", ""), (10, "col.next_step", ""))
KEY: tuple[Cell, ...] = ((0, "col.company", ""), (1, "col.country", ""), (2, "col.owner", ""),
                         (3, "col.last_contact", "date"), (4, "col.next_contact", "date"),
                         (5, "col.inquiry", ""), (8, "col.summary", ""))
OVERDUE: tuple[Cell, ...] = ((0, "col.company", ""), (1, "col.country", ""), (2, "col.owner", ""),
                             (3, "col.next_contact", "date"), (4, "col.days_overdue", "int"),
                             (5, "col.channel", ""), (6, "col.grade", ""), (7, "col.phone", ""))
HELP: tuple[Cell, ...] = ((0, "col.customer", ""), (1, "col.date", "date"), (2, "col.by", ""),
                          (3, "col.request", ""), (9, "col.decision", ""))
PRODUCTS: tuple[Cell, ...] = ((0, "col.model", ""), (1, "col.name", ""), (4, "col.inquiries", "int"),
                              (5, "col.share", "percent"), (6, "col.ab", "int"))
COUNTS_BY: tuple[Cell, ...] = ((1, "col.inquiries", "int"), (2, "col.share", "percent"), (3, "col.ab", "int"),
                               (4, "col.ordered", "int"))


def week_range(today: date, week_ends_on: int) -> tuple[date, date]:
    """First and last day of the week that contains `today` (it ends on the `week_ends_on` weekday)."""
    end = today + timedelta(days=(week_ends_on - today.weekday()) % 7)
    return end - timedelta(days=6), end


def report_period(today: date, week_ends_on: int) -> tuple[Period, bool]:
    """The days the report covers (week start .. today) and whether that is the full week."""
    start, end = week_range(today, week_ends_on)
    return Period(start, today), today == end


# --- page 1: the dashboard -----------------------------------------------------------------------------------

def _change(now: float, before: float) -> float:
    return round(now - before)


def _headline_rows(enriched: Enriched, period: Period, today: date, settings: Settings, now: datetime,
                   labels: Labels) -> list[Row]:
    this, last = headlines(enriched, ((period, now), (period.shifted(-7), now - timedelta(days=7))), settings, now)
    overdue_now = int((contact_state(enriched.customers, today)["Days"] > 0).sum())
    money = settings.report_currency.upper()
    rows = []
    for key, attr in (("kpi.new_inquiries", "new_inquiries"), ("kpi.new_customers", "new_customers"),
                      ("kpi.within_target", "within_target"), ("kpi.unreplied", "unreplied_overdue"),
                      ("kpi.quote_value", "quote_value"), ("kpi.order_value", "order_value"),
                      ("kpi.payments", "payments")):
        a, b = getattr(this, attr), getattr(last, attr)
        rows.append(GRID.row(HEADLINE, (labels(key, currency=money), round(a), round(b), _change(a, b)),
                         highlight=_kpi_highlight(attr, a)))
    rows.insert(4, GRID.row(HEADLINE, (labels("kpi.overdue_customers"), overdue_now, None, None),
                        highlight="overdue" if overdue_now else ""))
    mtd = float(order_value(enriched, month_to_date(today), settings).sum())
    goal = sum(targets(settings).values())
    rows.append(GRID.row(((0, "", ""), (1, "", "int"), (2, "", "int"), (3, "", "percent")),
                     (labels("kpi.mtd", currency=money), round(mtd), round(goal) if goal else None,
                      mtd / goal if goal else None), kind="total"))
    return rows


def _kpi_highlight(attr: str, value: float) -> Highlight:
    return "overdue" if attr == "unreplied_overdue" and value else ""


def team_stats(enriched: Enriched, today: date, settings: Settings) -> pd.DataFrame:
    """Per-person figures (index = person, "" = no owner), in report order; columns in TEAM order after the name.

    Inquiries, A/B, ≤2 h, orders, payments, follow-ups, quotes and samples count the report period; MTD the
    month to date; unreplied (past the reply limit) and overdue customers are as of now."""
    period, _ = report_period(today, settings.week_ends_on)
    inq = enriched.inquiries
    owner = people(column(inq, "Owner"), settings)
    week = in_period(column(inq, "Received", pd.NaT), period)
    reply = column(inq, "Reply Status").fillna("").astype(str)
    grade = column(inq, "Effective Grade").fillna("").astype(str)
    flags = pd.DataFrame({
        "inquiries": week, "ab": week & grade.isin(["A", "B"]),
        "within_target": week & (reply == "Within target"),
        "unreplied": per_text(reply, lambda text: text.startswith("Unreplied – overdue")).astype(bool),
    })
    parts = [flags.groupby(owner).sum()]
    for frame, name in ((enriched.followups, "followups"), (enriched.samples, "samples")):
        done = frame[in_period(column(frame, "Date", pd.NaT), period)]
        parts.append(people(column(done, "By"), settings).value_counts().rename(name))
    quotes = enriched.quotes[in_period(column(enriched.quotes, "Date", pd.NaT), period)]
    number = column(quotes, "Quote No").fillna("").astype(str).str.strip()
    number = number.where(number != "", "#" + quotes.index.astype(str))  # an unnumbered line is its own quote
    parts.append(number.groupby(people(column(quotes, "By"), settings)).nunique().rename("quotes"))
    state = contact_state(enriched.customers, today)
    parts.append(people(state.loc[state["Days"] > 0, "Owner"], settings).value_counts().rename("overdue"))
    parts.append(order_value(enriched, month_to_date(today), settings).rename("orders_mtd"))
    parts.append(order_value(enriched, period, settings).rename("orders_value"))
    parts.append(payments(enriched, period, settings).rename("payments"))
    names = ["orders_mtd", "orders_value", "payments", "inquiries", "ab", "within_target", "unreplied",
             "followups", "overdue", "quotes", "samples"]
    stats = pd.concat(parts, axis=1).reindex(columns=names).fillna(0)
    active = [m.name.strip() for m in settings.team if m.active]
    others = sorted((p for p in stats.index[stats.sum(axis=1) > 0] if p not in active and p), key=str.casefold)
    blank = [""] if "" in stats.index and stats.loc[""].sum() > 0 else []
    return stats.reindex(active + others + blank, fill_value=0)


def _team_rows(stats: pd.DataFrame, settings: Settings, labels: Labels) -> list[Row]:
    goals = targets(settings)
    rows = []
    for person, values in zip(stats.index, stats.itertuples(index=False, name=None), strict=True):
        goal = goals.get(person)
        mtd = values[0]
        cells = (person or labels("no_owner"), round(mtd), goal, mtd / goal if goal else None,
                 *(round(v) for v in values[1:]))
        rows.append(GRID.row(TEAM, cells, highlight="warn" if stats.at[person, "unreplied"] > 0 else ""))
    total = stats.sum()
    goal = sum(goals.values())
    rows.append(GRID.row(TEAM, (labels("total"), round(total.iloc[0]), goal or None,
                            total.iloc[0] / goal if goal else None, *(round(v) for v in total.iloc[1:])),
                     kind="total"))
    return rows


# --- the written report -------------------------------------------------------------------------------------

def _followed_up(enriched: Enriched, period: Period, settings: Settings, labels: Labels) -> list[Row]:
    """Per salesperson, each customer contacted in the period: last date, channel, what happened (the latest
    summary, prefixed "3×" when contacted several times) and the next step."""
    fu = enriched.followups
    done = fu[in_period(column(fu, "Date", pd.NaT), period)].copy()
    if done.empty:
        return [Row((), kind="blank"), Row((labels("weekly.followed"),), kind="section"),
                Row((labels("none"),), kind="note")]
    done["who"] = people(column(done, "By"), settings).replace("", labels("no_owner"))
    done["key"] = column(done, "Customer Key").fillna("").astype(str)
    done["key"] = done["key"].where(done["key"] != "", "#" + done.index.astype(str))
    done = done.sort_values("Date", kind="stable")
    done["contacts"] = done.groupby(["who", "key"])["key"].transform("size")
    latest = done.drop_duplicates(["who", "key"], keep="last")
    order = {p: i for i, p in enumerate(m.name.strip() for m in settings.team)}
    rows: list[Row] = [Row((), kind="blank"), Row((labels("weekly.followed"),), kind="section")]
    for who, part in sorted(latest.groupby("who"), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        part = part.sort_values(["Date", "Company"], ascending=[False, True], kind="stable")
        rows.append(Row((labels("weekly.followed_by", owner=who, count=len(part)),), kind="subtitle"))
        rows.append(GRID.header(FOLLOWED, labels))
        rows += [GRID.row(FOLLOWED, (str(company or ""), day.date(), labels.value(str(channel or "")),
                                     _times(int(contacts)) + str(summary or ""), str(step or "")))
                 for company, day, channel, contacts, summary, step in zip(
                     column(part, "Company"), part["Date"], column(part, "Channel"), part["contacts"],
                     column(part, "Summary"), column(part, "Next Step"), strict=True)]
    return rows


def _times(count: int) -> str:
    return f"{count}× " if count > 1 else ""


def _latest_inquiry(inquiries: pd.DataFrame, keys: pd.Series) -> pd.DataFrame:
    """Customer Key -> status and reply status of their latest inquiry, for the customers `keys` (reading only
    their inquiries: the reports ask about the key customers of a 100,000-inquiry register)."""
    own = column(inquiries, "Customer Key").isin(pd.unique(keys)).to_numpy()  # blank keys are left out below
    inquiries = inquiries[own]
    frame = pd.DataFrame({"key": column(inquiries, "Customer Key").fillna("").astype(str),
                          "at": column(inquiries, "Received", pd.NaT),
                          "status": column(inquiries, "Status").fillna("").astype(str),
                          "reply": column(inquiries, "Reply Status").fillna("").astype(str)})
    latest = frame[frame["key"] != ""].sort_values("at", kind="stable").drop_duplicates("key", keep="last")
    return latest.set_index("key")


def _completed(orders: pd.DataFrame) -> set[str]:
    """Customers whose every counted order is Completed."""
    if orders.empty or COUNTS not in orders:
        return set()
    live = orders[orders[COUNTS].astype(bool) & (orders["Customer Key"] != "")]
    done = (live["Status"] == "Completed").groupby(live["Customer Key"]).all()
    return set(done.index[done])


def in_play(enriched: Enriched, keys: pd.Series, latest: pd.DataFrame | None = None) -> pd.Series:
    """Whether each customer is still in play: latest inquiry not Lost, and not Ordered with all orders done.
    `latest`: their `_latest_inquiry`, when the caller has it already."""
    latest = _latest_inquiry(enriched.inquiries, keys) if latest is None else latest
    status = keys.map(latest["status"]).fillna("")
    done = keys.isin(_completed(enriched.orders))
    return ~status.isin(IN_PLAY_DONE) & ~((status == "Ordered") & done)


def _status_text(keys: pd.Series, latest: pd.DataFrame, labels: Labels) -> pd.Series:
    status = keys.map(latest["status"]).fillna("").map(labels.value)
    reply = keys.map(latest["reply"]).fillna("")
    unreplied = reply.str.startswith("Unreplied")
    status[unreplied] = (status[unreplied] + " · " + reply[unreplied].map(labels.value)).str.strip(" ·")
    return status.astype(object)


def _customer_sections(enriched: Enriched, today: date, labels: Labels) -> list[Row]:
    state = contact_state(enriched.customers, today)
    owner = state["Owner"].where(state["Owner"] != "", labels("no_owner"))
    a = state[state["Grade"] == "A"]
    a_keys = column(a, "Customer Key").fillna("").astype(str)
    latest = _latest_inquiry(enriched.inquiries, a_keys)  # read once: in play, and the status shown
    key = a[in_play(enriched, a_keys, latest)]
    key = key.sort_values(["Next Contact", "Company"], kind="stable", na_position="first")
    summaries = latest_of(column(key, "Customer Key"), enriched.followups)
    statuses = _status_text(column(key, "Customer Key").fillna("").astype(str), latest, labels)
    key_rows = [GRID.row(KEY, values, highlight="overdue" if days > 0 else "") for values, days in zip(zip(
        key["Company"], column(key, "Country").fillna(""), owner[key.index],
        cell_dates(column(key, "Last Contact", pd.NaT)), cell_dates(key["Next Contact"]), statuses, summaries,
        strict=True), key["Days"], strict=True)]
    overdue = state[state["Overdue AB"]]
    overdue = overdue.loc[pd.DataFrame({"d": -overdue["Days"], "g": grade_rank(overdue["Grade"]),
                                        "c": overdue["Company"].str.casefold()})
                          .sort_values(["d", "g", "c"], kind="stable").index]
    overdue_rows = [GRID.row(OVERDUE, values) for values in zip(
        overdue["Company"], column(overdue, "Country").fillna(""), owner[overdue.index],
        cell_dates(overdue["Next Contact"]), overdue["Days"].astype(int),
        column(overdue, "Channel").fillna("").map(labels.value), overdue["Grade"],
        column(overdue, "Phone").fillna(""), strict=True)]
    return [*GRID.table(labels, labels("weekly.key_in_play"), KEY, key_rows),
            *GRID.table(labels, labels("weekly.overdue_ab"), OVERDUE, overdue_rows)]


SAMPLES: tuple[Cell, ...] = ((0, "col.salesperson", ""), (1, "col.samples_sent", "int"), (2, "col.sample_cost", "int"),
                             (3, "col.samples_90", "int"), (4, "col.samples_ordered", "int"),
                             (5, "col.conversion", "percent"))
SAMPLE_WINDOW = 90
"""Days of samples whose outcome the report shows: long enough for a buyer to test a sample and order."""


def _samples(enriched: Enriched, period: Period, today: date, settings: Settings, labels: Labels) -> list[Row]:
    """Per salesperson: samples sent in the report period and their cost; of the samples of the last
    SAMPLE_WINDOW days, how many the buyer followed with an order (not cancelled) on or after the sample date."""
    samples = enriched.samples
    title = labels("weekly.samples", currency=settings.report_currency.upper(), days=SAMPLE_WINDOW)
    when = pd.to_datetime(column(samples, "Date", pd.NaT), errors="coerce")
    recent = in_period(when, Period(today - timedelta(days=SAMPLE_WINDOW - 1), today))
    if not recent.any() and not in_period(when, period).any():
        return GRID.table(labels, title, SAMPLES, [])
    orders = enriched.orders
    live = column(orders, COUNTS, False).fillna(False).astype(bool)
    last_order = pd.to_datetime(column(orders, "Date", pd.NaT), errors="coerce")[live].groupby(
        column(orders, "Customer Key").fillna("").astype(str)[live]).max()
    key = column(samples, "Customer Key").fillna("").astype(str)
    ordered = (key != "") & (key.map(last_order) >= when.dt.normalize())
    frame = pd.DataFrame({
        "sent": in_period(when, period), "cost": pd.to_numeric(column(samples, "Cost", 0), errors="coerce")
        .fillna(0).where(in_period(when, period), 0), "recent": recent, "ordered": recent & ordered})
    stats = frame.groupby(people(column(samples, "By"), settings).replace("", labels("no_owner"))).sum()
    stats = stats[(stats["sent"] > 0) | (stats["recent"] > 0)]
    rows = [GRID.row(SAMPLES, (who, int(r.sent), round(r.cost), int(r.recent), int(r.ordered),
                               r.ordered / r.recent if r.recent else None)) for who, r in stats.iterrows()]
    total = stats.sum()
    rows.append(GRID.row(SAMPLES, (labels("total"), int(total.sent), round(total.cost), int(total.recent),
                                   int(total.ordered), total.ordered / total.recent if total.recent else None),
                         kind="total"))
    return GRID.table(labels, title, SAMPLES, rows)


def _needs_help(enriched: Enriched, today: date, settings: Settings, labels: Labels) -> list[Row]:
    """Follow-ups marked Needs Help in the last 30 days that have no decision yet, or got one this week."""
    fu = enriched.followups
    flagged = fu[column(fu, "Needs Help").fillna("").astype(str) == "Yes"]
    if flagged.empty:
        return GRID.table(labels, labels("weekly.needs_help"), HELP, [])
    decision = column(flagged, "Decision").fillna("").astype(str).str.strip()
    recent = in_period(column(flagged, "Date", pd.NaT), Period(today - timedelta(days=30), today))
    flagged = flagged[recent & ((decision == "") | in_period(column(flagged, "Date", pd.NaT),
                                                             Period(today - timedelta(days=7), today)))]
    flagged = flagged.sort_values("Date", kind="stable")
    by = people(column(flagged, "By"), settings)  # once for all rows: a team has thousands of them
    rows = [GRID.row(HELP, (str(company or ""), day.date(), who, str(summary or ""), str(decision or "")),
                     highlight="warn" if not decision else "")
            for company, day, who, summary, decision in zip(
                column(flagged, "Company"), flagged["Date"], by, column(flagged, "Summary"),
                column(flagged, "Decision"), strict=True)]
    return GRID.table(labels, labels("weekly.needs_help"), HELP, rows)


def _counts(names: pd.Series, inquiries: pd.DataFrame) -> pd.DataFrame:
    """Per name (index): inquiries `n`, `share` of all, `ab` (graded A/B) and `ordered`; most first, then by name."""
    grade = column(inquiries, "Effective Grade").fillna("").astype(str)[names.index]
    status = column(inquiries, "Status").fillna("").astype(str)[names.index]
    frame = pd.DataFrame({"name": names, "ab": grade.isin(["A", "B"]), "ordered": status == "Ordered"})
    table = frame.groupby("name").agg(n=("ab", "size"), ab=("ab", "sum"), ordered=("ordered", "sum"))
    table["share"] = table["n"] / max(len(names), 1)
    order = table.reset_index().sort_values(["n", "name"], ascending=[False, True], kind="stable")["name"]
    return table.loc[order.to_numpy()]


def _count_rows(table: pd.DataFrame, cells: Sequence[Cell], labels: Labels) -> list[Row]:
    """Rows of (name, inquiries, share, A/B, ordered) with a total row."""
    rows = [GRID.row(cells, (name, int(r.n), r.share, int(r.ab), int(r.ordered)))
            for name, r in table.iterrows()]
    if rows:
        total = table[["n", "ab", "ordered"]].sum()
        rows.append(GRID.row(cells, (labels("total"), int(total["n"]), 1.0, int(total["ab"]),
                                     int(total["ordered"])), kind="total"))
    return rows


def _inquiry_sections(enriched: Enriched, period: Period, labels: Labels) -> list[Row]:
    inq = enriched.inquiries
    week = inq[in_period(column(inq, "Received", pd.NaT), period)]
    products = enriched.products
    names = {str(m).strip().casefold(): str(n or "") for m, n in zip(column(products, "Model"),
                                                                      column(products, "Name"), strict=True)}
    asked = column(week, "Product").fillna("").astype(str).str.strip()
    asked = asked[asked != ""]
    spelled = asked.groupby(asked.str.casefold()).transform("first")  # one spelling per product
    top = _counts(spelled, week).head(TOP_PRODUCTS)
    product_rows = [GRID.row(PRODUCTS, (model, names.get(model.casefold(), ""), int(r.n), r.share, int(r.ab)))
                    for model, r in top.iterrows()]
    regions = column(week, "Region").fillna("").astype(str).str.strip().replace("", labels("unknown"))
    channels = column(week, "Channel").fillna("").astype(str).str.strip().map(labels.value)
    channels = channels.replace("", labels("unknown"))
    by_region: tuple[Cell, ...] = ((0, "col.region", ""), *COUNTS_BY)
    by_source: tuple[Cell, ...] = ((0, "col.source", ""), *COUNTS_BY)
    return [
        *GRID.table(labels, labels("weekly.top_products"), PRODUCTS, product_rows),
        *GRID.table(labels, labels("weekly.regions"), by_region,
                    _count_rows(_counts(regions, week), by_region, labels)),
        *GRID.table(labels, labels("weekly.sources"), by_source,
                    _count_rows(_counts(channels, week), by_source, labels)),
    ]


def weekly_sheet(enriched: Enriched, today: date, settings: Settings, now: datetime | None = None) -> SheetSpec:
    """The Weekly Summary sheet, ready to print on A4 landscape, one page wide."""
    labels = labels_for(settings)
    now = now or datetime.combine(today, time(23, 59, 59))
    period, full = report_period(today, settings.week_ends_on)
    start, end = week_range(today, settings.week_ends_on)
    stats = team_stats(enriched, today, settings)
    week_text = labels("weekly.week" if full else "weekly.week_to_date", start=labels.day(start),
                       end=labels.day(end), today=labels.day(today))
    rows = [
        Row((labels("weekly.title", company=labels.company(settings)),), kind="title"),
        Row((week_text,), kind="subtitle"),
        Row((), kind="blank"),
        Row((labels("weekly.headline"),), kind="section"),
        GRID.header(HEADLINE, labels),
        *_headline_rows(enriched, period, today, settings, now, labels),
        Row((), kind="blank"),
        Row((labels("weekly.team"),), kind="section"),
        GRID.header(TEAM, labels),
    ]
    team_first = len(rows) + 1  # 1-based sheet row of the first salesperson
    rows += [
        *_team_rows(stats, settings, labels),
        Row((labels("weekly.note.team"),), kind="note"),
        Row((labels("weekly.legend"),), kind="note"),
        Row((labels("weekly.grades", A=labels.grade_meaning("A"), B=labels.grade_meaning("B"),
                    C=labels.grade_meaning("C"), D=labels.grade_meaning("D")),), kind="note"),
    ]
    dashboard_end = len(rows)
    rows += [
        *_followed_up(enriched, period, settings, labels),
        *_customer_sections(enriched, today, labels),
        *_needs_help(enriched, today, settings, labels),
        *_samples(enriched, period, today, settings, labels),
        *_inquiry_sections(enriched, period, labels),
    ]
    header_key = "weekly.print_header" if full else "weekly.print_header_to_date"
    title = labels(header_key, start=start.isoformat(), end=end.isoformat(), today=today.isoformat())
    people_rows = (team_first, team_first + len(stats) - 1)
    widths, fitted = fit_columns(WIDTHS, rows)
    return keep_tables_together(SheetSpec(
        name=SHEET_NAME, rows=fitted, widths=widths,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=title,
                               footer_center=labels("page_footer"), page_breaks=(dashboard_end,)),
        charts=(_target_chart(labels, people_rows, settings),) if len(stats) else (),
    ))


def _target_chart(labels: Labels, people_rows: tuple[int, int], settings: Settings) -> Chart:
    """Month-to-date orders against target per salesperson, beside the headline figures (drawn from the
    salesperson table's own cells, so it follows them)."""
    first, last = people_rows
    names = (first, 1, last, 1)
    return Chart("column", labels("weekly.chart", currency=settings.report_currency.upper()), (
        ChartSeries(labels("col.orders_mtd"), names, (first, 2, last, 2)),
        ChartSeries(labels("col.target"), names, (first, 3, last, 3)),
    ), anchor=(CHART_ROW, CHART_COLUMN), size=(600, 230))

