"""The manager's team sheets: every salesperson's workbook seen as one team (pure; the folder is read elsewhere).

Each salesperson's tables are enriched with their own Settings (their cadence, their covers), then stacked with
keys made unique per workbook, so the same reports serve the team: Weekly Summary (one row per salesperson
against the team's targets), Due, Pool with the buyers two salespeople both own (撞单 across workbooks, by the one
identity rule on email, domain, phone and name; Customer IDs are per workbook and never match across them),
and a Check sheet that says what was read and what was skipped and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pandas as pd

from tradexl.model import Enriched, Problem
from tradexl.reports.check import check_sheet
from tradexl.reports.due import due_sheet
from tradexl.reports.labels import labels_for
from tradexl.reports.pool import history_lines, pool_rows, pool_spec
from tradexl.reports.weekly import weekly_sheet
from tradexl.rules.team import fold
from tradexl.settings import Settings, TeamMember
from tradexl.sheetspec import Row, SheetSpec

TEAM_SHEETS = ("Team Weekly Summary", "Team Due", "Team Pool", "Team Check")
KEYED = ("inquiries", "customers", "followups", "quotes", "samples")
FILLED = {"inquiries": ("Owner",), "customers": ("Owner", "Owner View"), "followups": ("By",), "quotes": ("By",),
          "samples": ("By",)}
"""Blank owner / author cells read as the workbook's salesperson (it is their book)."""


def _prefixed(values: pd.Series, name: str) -> pd.Series:
    text = values.fillna("").astype(str)
    return text.where(text == "", name + "/" + text)


def combine(members: Sequence[tuple[str, Enriched]]) -> Enriched:
    """Every salesperson's enriched tables as one team's; `Customer Key` and `Customer ID` become
    "<salesperson>/<key>" so two workbooks' C0001 stay two customers, and a `Salesperson` column is added."""
    parts: dict[str, list[pd.DataFrame]] = {key: [] for key in (*KEYED, "products")}
    for name, enriched in members:
        for key in KEYED:
            frame = getattr(enriched, key).copy()
            if "Customer Key" in frame:
                frame["Customer Key"] = _prefixed(frame["Customer Key"], name)
            if key == "customers" and "Customer ID" in frame:
                frame["Customer ID"] = _prefixed(frame["Customer ID"], name)
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


def team_sheets(members: Sequence[tuple[str, Enriched]], notes: Sequence[Problem], settings: Settings,
                today: date) -> list[SheetSpec]:
    """The four team sheets, in workbook order (see `TEAM_SHEETS`)."""
    labels = labels_for(settings)
    team = combine(members)
    pool, conflicts = pool_rows(team.customers, history_lines(team, labels), settings, today, labels)
    read = [Problem(name, None, "", f"{len(e.customers)} customers, {len(e.inquiries)} inquiries",
                    f"read; {len(e.problems)} data problem(s) on its own Check sheet" if e.problems else "read")
            for name, e in members]
    check = check_sheet([*notes, *read], settings)
    title = Row((labels("team.check_title", books=len(members), notes=len(notes)),), kind="title")
    names = iter(TEAM_SHEETS)
    return [replace(weekly_sheet(team, today, settings), name=next(names)),
            replace(due_sheet(team, today, settings), name=next(names)),
            pool_spec(pool, conflicts, today, settings, name=next(names)),
            replace(check, name=next(names), rows=(title, *check.rows[1:]))]
