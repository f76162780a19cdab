"""Trade shows (seed step 6: "invite buyers to trade shows with the booth number and the newest samples").

The buyers who fit a show from Settings › Trade shows: in the show's region (every region when the show has no
country, e.g. the Canton Fair), graded A–C by default, and, when the show lists its products, interested in one
of them (asked or quoted) unless they are A customers. Each gets an invitation draft with the dates, city and
booth. The Show sheet tracks invited / replied / met, all read from the workbook: the invitation is a Follow-up
(channel Trade show) once sent, a reply is any later inquiry or follow-up, and a meeting is a Trade show
follow-up during the show, logged like any contact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from tradexl.errors import TradeXLError
from tradexl.messages import msg
from tradexl.model import Enriched
from tradexl.outreach.letters import Letter, PerBuyer, fill_letters, summary_frame
from tradexl.outreach.segments import IN_MAILING, Segment, buyers_with_products, left_out_counts, select
from tradexl.outreach.templates import Block, Template
from tradexl.reports.common import column, grade_rank, header, latest_summaries, lookup_text
from tradexl.reports.labels import labels_for
from tradexl.rules.regions import find_country, region_of
from tradexl.settings import Settings, TradeShow
from tradexl.sheetspec import Format, Highlight, PrintSetup, Row, SheetSpec

SHEET_NAME = "Show"
CHANNEL = "Trade show"
DEFAULT_GRADES = ("A", "B", "C")
COLUMNS = ("col.rank", "col.customer", "col.contact", "col.grade", "col.country", "col.city", "col.products_asked",
           "col.invited", "col.replied", "col.met", "col.last_summary", "col.phone", "col.email", "col.draft")
WIDTHS = (4.0, 30.0, 18.0, 7.0, 14.0, 13.0, 16.0, 11.0, 11.0, 11.0, 36.0, 19.0, 30.0, 11.0)
FORMATS: tuple[Format, ...] = ("int", "", "", "", "", "", "", "date", "date", "date", "", "", "", "")
HEADER_ROW = 3
_SPLIT = re.compile(r"[,;，；/]+")

INVITATION = Template("Invitation", "Invitation: {show}, {city} - booth {booth}", """Dear {contact},

We are pleased to invite you to visit us at {show} in {city}, {show_dates}.

Our booth: {booth}

{samples}

If you plan to come, please let me know the day and time, and I will make sure to be at the booth to welcome \
you. If you need an invitation letter for your visa or a hotel suggestion, I am happy to help.

{signature}""", products="")
INVITATION_FIELDS = ("show", "city", "booth", "show_dates", "samples")


@dataclass
class ShowPlan:
    show: TradeShow
    buyers: pd.DataFrame
    letters: list[Letter]
    summary: pd.DataFrame
    counts: dict[str, int]
    sheet: SheetSpec


def find_show(settings: Settings, name: str) -> TradeShow:
    """The show of Settings › Trade shows named `name` (case-insensitive; a unique part of the name is enough)."""
    wanted = name.strip().casefold()
    exact = [s for s in settings.trade_shows if s.show.casefold() == wanted]
    partial = [s for s in settings.trade_shows if wanted and wanted in s.show.casefold()]
    found = exact or partial
    if len(found) == 1:
        return found[0]
    known = tuple(s.show for s in settings.trade_shows) or msg("outreach.no_shows_yet")
    raise TradeXLError(msg("outreach.several_shows" if found else "outreach.no_show", name=name, known=known))


def show_products(show: TradeShow) -> tuple[str, ...]:
    return tuple(p.strip() for p in _SPLIT.split(show.products) if p.strip())


def show_dates(show: TradeShow) -> str:
    if show.start is None:
        return "dates to be announced"
    end = show.end or show.start
    if end == show.start:
        return f"on {show.start:%A} {show.start.day} {show.start:%B %Y}"
    return f"from {show.start.day} {show.start:%B} to {end.day} {end:%B %Y}"


def fitting_buyers(enriched: Enriched, settings: Settings, show: TradeShow,
                   grades: tuple[str, ...] = DEFAULT_GRADES) -> pd.DataFrame:
    """The buyers to invite, best first (grade, then interest in the products shown), with `Products Asked`."""
    region = region_of(show.country, settings.country_regions) if show.country else ""
    if show.country and not region and find_country(show.country) is None:
        raise TradeXLError(msg("outreach.show_country", show=show.show, country=show.country))
    chosen = select(enriched, Segment(grades=grades, regions=(region,) if region else ()))
    products = show_products(show)
    asked = pd.Series("", index=chosen.index, dtype=object)
    for product in products:
        keys = buyers_with_products(enriched, (product,))
        hit = chosen["Customer Key"].isin(keys)
        asked[hit] = [f"{a}, {product}" if a else product for a in asked[hit]]
    chosen = chosen.assign(**{"Products Asked": asked})
    if products:
        grade_a = column(chosen, "Effective Grade").fillna("").astype(str) == "A"
        chosen = chosen[grade_a | (chosen["Products Asked"] != "")]
    order = pd.DataFrame({"grade": grade_rank(column(chosen, "Effective Grade").fillna("").astype(str)),
                          "asked": chosen["Products Asked"] == "",
                          "company": column(chosen, "Company").fillna("").astype(str).str.casefold()},
                         index=chosen.index)
    return chosen.loc[order.sort_values(list(order.columns), kind="stable").index]


def _first_after(frame: pd.DataFrame, day_column: str, since: pd.Series, keep: pd.Series | None = None
                 ) -> pd.Series:
    """Customer Key -> the first `day_column` date after that key's `since` date (rows where `keep`)."""
    if not len(frame) or day_column not in frame or not len(since):
        return pd.Series(dtype="datetime64[ns]")
    rows = frame if keep is None else frame[keep]
    data = pd.DataFrame({"key": rows["Customer Key"], "day": pd.to_datetime(rows[day_column]).dt.normalize()})
    data = data.merge(since.rename("since"), left_on="key", right_index=True)
    later = data[data["day"] > data["since"]]
    return later.groupby("key")["day"].min()


def tracking(enriched: Enriched, show: TradeShow) -> pd.DataFrame:
    """Per Customer Key: Invited (the logged invitation), Replied (first inquiry or follow-up after it) and Met
    (a Trade show follow-up during the show), as dates."""
    followups = enriched.followups
    summary = column(followups, "Summary").fillna("").astype(str)
    channel = column(followups, "Channel").fillna("").astype(str)
    invitation = summary == invitation_summary(show)
    dates = pd.to_datetime(column(followups, "Date", pd.NaT)).dt.normalize()
    invited = dates[invitation].groupby(followups.loc[invitation, "Customer Key"]).min()
    replies = pd.concat([_first_after(followups, "Date", invited, ~invitation),
                         _first_after(enriched.inquiries, "Received", invited)])
    replied = replies.groupby(level=0).min() if len(replies) else replies
    met_rows = (channel == CHANNEL) & ~invitation
    if show.start is not None:
        met_rows &= (dates >= pd.Timestamp(show.start)) & (dates <= pd.Timestamp(show.end or show.start))
    met = dates[met_rows].groupby(followups.loc[met_rows, "Customer Key"]).min()
    return pd.DataFrame({"Invited": invited, "Replied": replied, "Met": met})


def invitation_summary(show: TradeShow) -> str:
    return f"Invitation: {show.show}"


def _day(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def show_sheet(enriched: Enriched, show: TradeShow, buyers: pd.DataFrame, settings: Settings,
               invited_on: date | None = None) -> SheetSpec:
    """The Show sheet; `invited_on` marks the invitations being logged as sent in this same run."""
    labels = labels_for(settings)
    track = tracking(enriched, show).reindex(buyers["Customer Key"].tolist())
    if invited_on is not None:
        sending = (buyers["Mail Status"] == IN_MAILING).to_numpy()
        track.loc[sending & track["Invited"].isna().to_numpy(), "Invited"] = pd.Timestamp(invited_on)
    summaries = lookup_text(buyers["Customer Key"], latest_summaries(enriched.followups))
    title = labels("show.title", show=show.show, city=show.city or "-", booth=show.booth or "-",
                   start=show.start.isoformat() if show.start else "?",
                   end=(show.end or show.start).isoformat() if show.start else "?", count=len(buyers))
    rows = [Row((title,), kind="title"), Row((labels("show.howto", show=show.show),), kind="subtitle"),
            header(labels, COLUMNS)]
    for rank, ((index, row), (invited, replied, met)) in enumerate(
            zip(buyers.iterrows(), track.itertuples(index=False, name=None), strict=True), start=1):
        grade = str(row.get("Effective Grade") or "")
        status = row["Mail Status"]
        values = (rank, str(row.get("Company") or ""), str(row.get("Contact") or ""), grade,
                  str(row.get("Country") or ""), str(row.get("City") or ""), row["Products Asked"],
                  _day(invited), _day(replied), _day(met), summaries[index], str(row.get("Phone") or ""),
                  str(row.get("Email") or ""), labels.value("Email") if status == IN_MAILING else labels.value(status))
        highlight: Highlight = "good" if _day(met) else ("key" if grade == "A" else "")
        rows.append(Row(values, kind="data", highlight=highlight, formats=FORMATS))
    return SheetSpec(
        name=SHEET_NAME, rows=tuple(rows), widths=WIDTHS, freeze_rows=HEADER_ROW,
        print_setup=PrintSetup(landscape=True, fit_width=True, header_center=show.show,
                               footer_center=labels("page_footer"), repeat_rows=(HEADER_ROW, HEADER_ROW)),
        autofilter_header_row=HEADER_ROW if len(buyers) else None,
    )


def _samples(shown: tuple[str, ...], asked: str) -> str:
    if asked:
        return f"We will show our newest samples there, including {asked}, which you asked us about."
    if shown:
        return f"We will show our newest samples there, including {', '.join(shown)}."
    return "We will show our newest samples and this season's best sellers there."


def plan_show(enriched: Enriched, settings: Settings, name: str, grades: tuple[str, ...] = DEFAULT_GRADES,
              invited_on: date | None = None) -> ShowPlan:
    """Who to invite to a show, their invitation letters, and the Show sheet."""
    show = find_show(settings, name)
    buyers = fitting_buyers(enriched, settings, show, grades)
    shown = show_products(show)
    common = {"show": show.show, "city": show.city or "the show", "booth": show.booth or "to be confirmed",
              "show_dates": show_dates(show)}

    def per_buyer(row: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, Block]]:
        return {**common, "samples": _samples(shown, str(row.get("Products Asked") or ""))}, {}

    invite: PerBuyer = per_buyer
    letters = fill_letters(buyers, settings, INVITATION, invite, INVITATION_FIELDS, prefix="invitation")
    summary = summary_frame(buyers, letters, show.show, CHANNEL, invitation_summary(show))
    return ShowPlan(show, buyers, letters, summary, left_out_counts(buyers),
                    show_sheet(enriched, show, buyers, settings, invited_on))
