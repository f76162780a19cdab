"""Weekly Summary: the manager's Saturday report to the boss (seed: customers followed up, key customers, figures).

The week is the 7 days ending on the report day, the latest `Settings.week_ends_on` weekday on or before today.
All sections share one 16-column grid whose widths fit one landscape A4 page; sections with fewer fields place
them on wide columns and leave the neighbours empty so text can overflow.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import (
    cell_dates,
    column,
    grade_rank,
    latest_summaries,
    lookup_text,
    owner_names,
    place,
    place_formats,
)
from tradexl.reports.due import contact_state
from tradexl.reports.labels import Labels, labels_for
from tradexl.settings import Settings
from tradexl.sheetspec import Format, PrintSetup, Row, SheetSpec

SHEET_NAME = "Weekly Summary"
WIDTHS = (24.0, 8.0, 5.0, 5.0, 5.0, 5.0, 8.0, 8.0, 11.0, 11.0, 10.0, 9.0, 7.0, 8.0, 7.0, 9.0)
GRID = len(WIDTHS)
GRADES = ("A", "B", "C", "D")
STATS = ("new", *GRADES, "within_target", "within_limit", "late", "unreplied", "followups", "overdue",
         "quotes", "samples", "orders")
TEAM_HEADER = ("col.salesperson", "col.new", *GRADES, "col.within_target", "col.within_limit", "col.late",
               "col.unreplied", "col.followups", "col.overdue", "col.quotes", "col.samples", "col.orders",
               "col.target")
TEAM_FORMATS: tuple[Format, ...] = ("", *(["int"] * (GRID - 1)))
TEAM_HEADER_ROW = 5
TOP_PRODUCTS = 10
# Section tables: label key -> grid column, and the formats of those columns.
KEY_COLUMNS = {"col.company": 0, "col.country": 1, "col.owner": 6, "col.last_contact": 8,
               "col.next_contact": 9, "col.latest_inquiry": 10, "col.last_summary": 12}
OVERDUE_COLUMNS = {"col.company": 0, "col.grade": 1, "col.country": 2, "col.owner": 6, "col.last_contact": 8,
                   "col.next_contact": 9, "col.days_overdue": 10, "col.channel": 11}
COUNT_COLUMNS = {"col.inquiries": 1, "col.share": 2}
DATE_FORMATS: dict[int, Format] = {8: "date", 9: "date"}


def week_range(today: date, week_ends_on: int) -> tuple[date, date]:
    """First and last day of the report week: it ends on the latest `week_ends_on` weekday <= today."""
    end = today - timedelta(days=(today.weekday() - week_ends_on) % 7)
    return end - timedelta(days=6), end


def _in_week(stamps: pd.Series, start: date, end: date) -> pd.Series:
    values = pd.to_datetime(stamps)
    return (values >= pd.Timestamp(start)) & (values < pd.Timestamp(end + timedelta(days=1)))


def _people(names: pd.Series, settings: Settings) -> pd.Series:
    """Owner/By names folded onto the Team's spelling ("li" counts for "Li")."""
    canonical = {m.name.strip().casefold(): m.name.strip() for m in settings.team}
    clean = owner_names(names)
    return clean.str.casefold().map(canonical).fillna(clean)


def team_stats(enriched: Enriched, today: date, settings: Settings) -> pd.DataFrame:
    """Per-person week figures (index = person, "" = no owner), in report order; columns `STATS`."""
    start, end = week_range(today, settings.week_ends_on)
    inq = enriched.inquiries
    owner = _people(column(inq, "Owner"), settings)
    week = _in_week(column(inq, "Received", pd.NaT), start, end)
    reply = column(inq, "Reply Status").fillna("").astype(str)
    grade = column(inq, "Effective Grade").fillna("").astype(str)
    flags = pd.DataFrame({
        "new": week, **{g: week & (grade == g) for g in GRADES},
        "within_target": week & (reply == "Within target"),
        "within_limit": week & reply.isin(["Within target", "Within limit"]),
        "late": week & (reply == "Late"),
        "unreplied": week & reply.str.startswith("Unreplied"),
        "orders": (column(inq, "Status") == "Ordered")
        & (week | _in_week(column(inq, "Replied At", pd.NaT), start, end)),
    })
    parts = [flags.groupby(owner).sum()]
    for frame, name in ((enriched.followups, "followups"), (enriched.samples, "samples")):
        done = frame[_in_week(column(frame, "Date", pd.NaT), start, end)]
        parts.append(_people(column(done, "By"), settings).value_counts().rename(name))
    quotes = enriched.quotes[_in_week(column(enriched.quotes, "Date", pd.NaT), start, end)]
    number = column(quotes, "Quote No").fillna("").astype(str).str.strip()
    number = number.where(number != "", "#" + quotes.index.astype(str))  # an unnumbered line is its own quote
    parts.append(number.groupby(_people(column(quotes, "By"), settings)).nunique().rename("quotes"))
    state = contact_state(enriched.customers, today)
    parts.append(_people(state.loc[state["Days"] > 0, "Owner"], settings).value_counts().rename("overdue"))
    stats = pd.concat(parts, axis=1).reindex(columns=list(STATS)).fillna(0).astype(int)
    active = [m.name.strip() for m in settings.team if m.active]
    others = sorted((p for p in stats.index[stats.sum(axis=1) > 0] if p not in active and p),
                    key=str.casefold)
    blank = [""] if "" in stats.index and stats.loc[""].sum() > 0 else []
    return stats.reindex(active + others + blank, fill_value=0)


def _team_rows(stats: pd.DataFrame, settings: Settings, labels: Labels) -> list[Row]:
    targets = {m.name.strip(): m.monthly_target for m in settings.team}
    rows = []
    for person, values in zip(stats.index, stats.itertuples(index=False, name=None), strict=True):
        target = targets.get(person)
        rows.append(Row((person or labels("no_owner"), *values, target), kind="data", formats=TEAM_FORMATS,
                        highlight="warn" if stats.at[person, "unreplied"] > 0 else ""))
    known = [t for p in stats.index if (t := targets.get(p)) is not None]
    total = (labels("total"), *(int(v) for v in stats.sum()), sum(known) if known else None)
    return [*rows, Row(total, kind="total", formats=TEAM_FORMATS)]


def _section(labels: Labels, title: str, columns: dict[str, int], body: list[Row]) -> list[Row]:
    head = Row(place(GRID, {col: labels(key) for key, col in columns.items()}), kind="header")
    return [Row((), kind="blank"), Row((title,), kind="section"), head,
            *(body or [Row((labels("none"),), kind="note")])]


def _latest_inquiry(inquiries: pd.DataFrame, labels: Labels) -> pd.Series:
    """Customer Key -> status of their latest inquiry, with the reply status when still unreplied."""
    frame = pd.DataFrame({"key": column(inquiries, "Customer Key").fillna("").astype(str),
                          "at": column(inquiries, "Received", pd.NaT),
                          "status": column(inquiries, "Status").fillna("").astype(str),
                          "reply": column(inquiries, "Reply Status").fillna("").astype(str)})
    latest = frame[frame["key"] != ""].sort_values("at", kind="stable").drop_duplicates("key", keep="last")
    shown = latest["status"].map(labels.value)
    unreplied = latest["reply"].str.startswith("Unreplied")
    shown[unreplied] = (shown[unreplied] + " · " + latest.loc[unreplied, "reply"].map(labels.value)).str.strip(" ·")
    return pd.Series(shown.to_numpy(), index=latest["key"])


def _customer_rows(frame: pd.DataFrame, columns: dict[str, int], fields: dict[str, pd.Series],
                   highlight: np.ndarray) -> list[Row]:
    formats = place_formats(GRID, {**DATE_FORMATS, columns.get("col.days_overdue", -1): "int"})
    keys = list(fields)
    return [Row(place(GRID, {columns[k]: v for k, v in zip(keys, values, strict=True)}), kind="data",
                highlight=hl, formats=formats)
            for values, hl in zip(zip(*(fields[k] for k in keys), strict=True), highlight, strict=True)]


def _customer_sections(enriched: Enriched, today: date, labels: Labels) -> list[Row]:
    state = contact_state(enriched.customers, today)
    owner = state["Owner"].where(state["Owner"] != "", labels("no_owner"))

    def fields(part: pd.DataFrame) -> dict[str, pd.Series]:
        return {"col.company": column(part, "Company").fillna("").astype(str),
                "col.country": column(part, "Country").fillna("").astype(str),
                "col.owner": owner[part.index],
                "col.last_contact": cell_dates(column(part, "Last Contact", pd.NaT)),
                "col.next_contact": cell_dates(part["Next Contact"])}

    key = state[state["Grade"] == "A"].sort_values(["Next Contact", "Company"], kind="stable", na_position="first")
    key_fields = fields(key) | {
        "col.latest_inquiry": lookup_text(column(key, "Customer Key"), _latest_inquiry(enriched.inquiries, labels)),
        "col.last_summary": lookup_text(column(key, "Customer Key"), latest_summaries(enriched.followups))}
    overdue = state[state["Overdue AB"]]
    overdue = overdue.loc[pd.DataFrame({"d": -overdue["Days"], "g": grade_rank(overdue["Grade"]),
                                        "c": overdue["Company"].str.casefold()})
                          .sort_values(["d", "g", "c"], kind="stable").index]
    overdue_fields = fields(overdue) | {"col.grade": overdue["Grade"], "col.days_overdue": overdue["Days"],
                                        "col.channel": column(overdue, "Channel").fillna("").map(labels.value)}
    return [
        *_section(labels, labels("weekly.key"), KEY_COLUMNS, _customer_rows(
            key, KEY_COLUMNS, key_fields, np.where(key["Days"] > 0, "overdue", ""))),
        *_section(labels, labels("weekly.overdue_ab"), OVERDUE_COLUMNS, _customer_rows(
            overdue, OVERDUE_COLUMNS, overdue_fields, np.full(len(overdue), "overdue"))),
    ]


def _count_rows(names: pd.Series, total: int, limit: int | None = None) -> list[Row]:
    """Rows of (name, count, share of `total`) for the most frequent names, ties by name."""
    counts = names.value_counts().rename_axis("name").reset_index(name="n")
    counts = counts.sort_values(["n", "name"], ascending=[False, True], kind="stable").head(limit)
    formats = place_formats(GRID, {1: "int", 2: "percent"})
    return [Row(place(GRID, {0: name, 1: int(n), 2: n / total}), kind="data", formats=formats)
            for name, n in counts.itertuples(index=False, name=None)]


def _inquiry_sections(enriched: Enriched, today: date, settings: Settings, labels: Labels) -> list[Row]:
    inq = enriched.inquiries
    week = inq[_in_week(column(inq, "Received", pd.NaT), *week_range(today, settings.week_ends_on))]
    products = column(week, "Product").fillna("").astype(str).str.strip()
    products = products[products != ""]
    spelled = products.groupby(products.str.casefold()).transform("first")  # one spelling per product
    regions = column(week, "Region").fillna("").astype(str).str.strip()
    regions = regions.where(regions != "", labels("unknown"))
    region_rows = _count_rows(regions, len(week))
    if region_rows:
        region_rows.append(Row(place(GRID, {0: labels("total"), 1: len(week), 2: 1.0}), kind="total",
                               formats=place_formats(GRID, {1: "int", 2: "percent"})))
    product_cols = {"col.product": 0, **COUNT_COLUMNS}
    return [*_section(labels, labels("weekly.top_products"), product_cols,
                      _count_rows(spelled, len(week), TOP_PRODUCTS)),
            *_section(labels, labels("weekly.regions"), {"col.region": 0, **COUNT_COLUMNS}, region_rows)]


def weekly_sheet(enriched: Enriched, today: date, settings: Settings) -> SheetSpec:
    """The Weekly Summary sheet, ready to print on A4 landscape, one page wide."""
    labels = labels_for(settings)
    start, end = week_range(today, settings.week_ends_on)
    legend = labels("weekly.grades", **{g: labels.grade_meaning(g) for g in GRADES})
    rows = [
        Row((labels("weekly.title", company=settings.company.name),), kind="title"),
        Row((labels("weekly.week", start=labels.day(start), end=labels.day(end)),), kind="subtitle"),
        Row((), kind="blank"),
        Row((labels("weekly.team"),), kind="section"),
        Row(tuple(labels(k) if k.startswith("col.") else k for k in TEAM_HEADER), kind="header"),
        *_team_rows(team_stats(enriched, today, settings), settings, labels),
        *(Row((labels(k),), kind="note") for k in ("weekly.note.replies", "weekly.note.orders")),
        Row((legend,), kind="note"),
        *_customer_sections(enriched, today, labels),
        *_inquiry_sections(enriched, today, settings, labels),
    ]
    title = labels("weekly.print_header", start=start.isoformat(), end=end.isoformat())
    return SheetSpec(
        name=SHEET_NAME, rows=tuple(rows), widths=WIDTHS,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=title.replace("&", "&&"),
                               footer_center=labels("page_footer"),
                               repeat_rows=(TEAM_HEADER_ROW, TEAM_HEADER_ROW)),
    )
