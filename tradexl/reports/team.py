"""The manager's team sheets: every salesperson's workbook seen as one team (pure; the folder is read elsewhere).

Each salesperson's tables are enriched with their own Settings (their cadence, their covers), then stacked with
keys made unique per workbook, so the same report builders serve the team (no team twins): Weekly Summary and
Monthly Review (their salesperson tables give one row per salesperson, totals against the team's targets),
Statistics across the team (with activity by salesperson), Due, Pool with the buyers two salespeople both own
(撞单 across workbooks, by the one identity rule on email, domain, phone and name; Customer IDs are per workbook
and never match across them), and a Check sheet that says what was read and what was skipped and why.

Customer IDs, quote and order numbers are per workbook (two salespeople both have a C0001 and a PI-001), so the
team sees them as "Kevin/C0001". Money is each workbook's own report-currency figure; a workbook whose report
currency is not the manager's gets a Team Check line rather than a silent sum of yuan and dollars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time

import pandas as pd

from tradexl.grid import empty_frame
from tradexl.messages import msg
from tradexl.model import Enriched, InputTables, Problem
from tradexl.reports.check import check_sheet
from tradexl.reports.due import due_sheet
from tradexl.reports.labels import Labels, labels_for
from tradexl.reports.monthly import monthly_sheet
from tradexl.reports.pool import WIDTHS as POOL_WIDTHS
from tradexl.reports.pool import history_lines, pool_rows, pool_spec
from tradexl.reports.statistics import statistics_sheet
from tradexl.reports.weekly import weekly_sheet
from tradexl.rules.enrich import enrich
from tradexl.rules.team import fold, owner_view, unknown_owner_problems
from tradexl.schema import INPUT_SHEETS, SHEETS_BY_KEY
from tradexl.settings import Settings, TeamMember
from tradexl.sheetspec import Row, SheetSpec

TEAM_SHEETS = ("Team Weekly Summary", "Team Monthly Review", "Team Statistics", "Team Due", "Team Pool",
               "Team Check")
KEYED = ("inquiries", "customers", "followups", "quotes", "samples", "orders")
FILLED = {"inquiries": ("Owner",), "customers": ("Owner", "Owner View"), "followups": ("By",), "quotes": ("By",),
          "samples": ("By",), "orders": ("Owner",)}
"""Blank owner / author cells read as the workbook's salesperson (it is their book)."""
PER_BOOK = {"customers": ("Customer Key", "Customer ID"), "quotes": ("Customer Key", "Quote No"),
            "orders": ("Customer Key", "Order No")}
"""Keys that are only unique inside one workbook, made "<salesperson>/<key>" (other tables: Customer Key)."""
TITLES = {"Team Weekly Summary": "team.weekly_title", "Team Monthly Review": "team.monthly_title",
          "Team Statistics": "team.stats_title"}
"""The team sheets whose first row (the title) says it is the team's."""
TEAM_POOL_WIDTHS = (*POOL_WIDTHS[:1], 17.0, *POOL_WIDTHS[2:7], 30.0, *POOL_WIDTHS[8:])
"""The Pool's columns with room for "Salesperson/C0001" IDs and reasons that name them."""


def _prefixed(values: pd.Series, name: str) -> pd.Series:
    text = values.fillna("").astype(str)
    return text.where(text == "", name + "/" + text)


def combine(members: Sequence[tuple[str, Enriched]]) -> Enriched:
    """Every salesperson's enriched tables as one team's; per-workbook keys (`PER_BOOK`) become
    "<salesperson>/<key>" so two workbooks' C0001 stay two customers, and a `Salesperson` column is added."""
    parts: dict[str, list[pd.DataFrame]] = {key: [] for key in (*KEYED, "products")}
    for name, enriched in members:
        for key in KEYED:
            frame = getattr(enriched, key)
            if frame.empty and not len(frame.columns):
                continue  # a workbook without that sheet (Orders is optional)
            frame = frame.copy()
            for keyed in PER_BOOK.get(key, ("Customer Key",)):
                if keyed in frame:
                    frame[keyed] = _prefixed(frame[keyed], name)
            for column in FILLED[key]:
                if column in frame:
                    text = frame[column].fillna("").astype(str).str.strip()
                    frame[column] = text.where(text != "", name)
            parts[key].append(frame.assign(Salesperson=name))
        parts["products"].append(enriched.products)
    frames = {key: pd.concat(found, ignore_index=True) if found else pd.DataFrame() for key, found in parts.items()}
    if "Model" in frames["products"]:
        frames["products"] = frames["products"].drop_duplicates("Model", ignore_index=True)
    return Enriched(**frames)


def team_settings(manager: Settings, members: Sequence[tuple[str, Settings]]) -> Settings:
    """The manager's Settings; a manager's workbook without a Team table takes the salespeople's own rows
    (first spelling wins), and anyone with a workbook but no row counts as an active member."""
    team = list(manager.team)
    if not team:
        for _, settings in members:
            team += [m for m in settings.team if fold(m.name) not in {fold(t.name) for t in team}]
    known = {fold(m.name) for m in team}
    team += [TeamMember(name) for name, _ in members if fold(name) not in known]
    return replace(manager, team=tuple(team))


def _nobody(settings: Settings, today: date) -> Enriched:
    """A team without a readable workbook (an empty folder, every file skipped): empty tables with every column
    the reports read, so the sheets say "none" and Team Check says why."""
    tables = InputTables({sheet.key: empty_frame(sheet) for sheet in INPUT_SHEETS}, settings)
    return enrich(tables, today, datetime.combine(today, time.max))


def _covered(customers: pd.DataFrame, settings: Settings, today: date) -> pd.Series:
    """Whose Due section each customer shows under: the cover named in the salesperson's own workbook, else the
    one in the manager's Team table (a manager records travel cover in either)."""
    if "Owner View" not in customers:
        return pd.Series("", index=customers.index, dtype=object)
    own = customers["Owner View"].fillna("").astype(str)
    owners = customers["Owner"].fillna("").astype(str).str.strip()
    return own.where(own != owners, owner_view(owners, settings, today))


def _owner_problems(members: Sequence[tuple[str, Enriched]], settings: Settings) -> list[Problem]:
    """Every customer and open inquiry whose owner is inactive or unknown by the team's Settings › Team (a
    salesperson's own book may have no Team table, or an old one), as "Kevin › Customers" row lines."""
    out = []
    for name, enriched in members:
        for key in ("customers", "inquiries"):
            frame = getattr(enriched, key)
            sheet = SHEETS_BY_KEY[key]
            where = f"{name} › {sheet.zh if settings.language == 'zh' else sheet.name}"
            open_only = frame["Is Open"].tolist() if key == "inquiries" and "Is Open" in frame else None
            out += unknown_owner_problems(frame, settings, where, rows=open_only)
    return out


def _for_team(sheet: SheetSpec, name: str, labels: Labels, title: str | None = None,
              header: str | None = None) -> SheetSpec:
    """A report builder's sheet as the team's: renamed, its printed page header saying "Team" (or `header`), and
    its title row replaced by `title` when given."""
    setup = sheet.print_setup
    if setup is not None and setup.header_center:
        setup = replace(setup, header_center=header or labels("team.print_header", header=setup.header_center))
    rows = sheet.rows if title is None else (Row((title,), kind="title"), *sheet.rows[1:])
    return replace(sheet, name=name, rows=rows, print_setup=setup)


def team_sheets(members: Sequence[tuple[str, Enriched]], notes: Sequence[Problem], settings: Settings,
                today: date, currencies: Sequence[str] = ()) -> list[SheetSpec]:
    """The team sheets, in workbook order (see `TEAM_SHEETS`); `currencies` = each member's report currency
    (same order as `members`, empty when unknown)."""
    labels = labels_for(settings)
    team = combine(members) if members else _nobody(settings, today)
    team.customers["Owner View"] = _covered(team.customers, settings, today)
    pool = pool_rows(team.customers, lambda rows: history_lines(team, labels, rows), settings, today, labels)
    read = [Problem(name, None, "", labels.text(msg("team.read_counts", customers=len(e.customers),
                                                    inquiries=len(e.inquiries))),
                    msg("team.read_problems", count=len(e.problems)) if e.problems else msg("team.read"))
            for name, e in members]
    ours = settings.report_currency.upper()
    money = [Problem(name, None, "", theirs.upper(), labels("team.other_currency", currency=ours))
             for (name, _), theirs in zip(members, currencies, strict=False) if theirs.upper() != ours]
    check = check_sheet([*notes, *read, *money, *_owner_problems(members, settings)], settings)
    weekly, monthly, stats, due, pool_name, check_name = TEAM_SHEETS

    def titled(name: str) -> str:
        return labels(TITLES[name], company=labels.company(settings))

    return [_for_team(weekly_sheet(team, today, settings), weekly, labels, titled(weekly)),
            _for_team(monthly_sheet(team, today, settings), monthly, labels, titled(monthly)),
            _for_team(statistics_sheet(team, today, settings), stats, labels, titled(stats)),
            _for_team(due_sheet(team, today, settings), due, labels),
            _for_team(pool_spec(pool, today, settings, title_key="team.pool_title", books=len(members),
                                widths=TEAM_POOL_WIDTHS), pool_name, labels),
            _for_team(check, check_name, labels, labels("team.check_title", books=len(members), notes=len(notes)),
                      labels("team.check_header"))]
