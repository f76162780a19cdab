"""The team around a customer: who covers whom while away, and which owners the team does not know.

Settings › Team names every salesperson with `Active`, `Cover` and `Away Until`. While a salesperson is away
(`Away Until` >= today) their due customers show on Due under the cover and new imported inquiries go to the
cover. This is a computed view: the user's `Owner` cells never change, so ownership returns by itself the day
after `Away Until` and nothing has to be written back. A cover who is away too hands on to their own cover.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

from tradexl.messages import msg
from tradexl.model import Problem
from tradexl.rules.clean import per_distinct, text_cells
from tradexl.settings import Settings

COVERED_AS = {"en": "{cover} (for {owner})", "zh": "{cover}（代{owner}）"}
"""How Due names a covered customer's owner: the cover's section, still saying whose customer it is."""


def fold(name: object) -> str:
    """An owner name as the team rules compare it ("  kevin " is Kevin)."""
    return "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name).strip().casefold()


def covers(settings: Settings, today: date) -> dict[str, str]:
    """Folded name of each salesperson away today -> the name (as spelled in Settings) of who covers them.

    Chains are followed (Kevin -> Anna, Anna away -> Li gives Kevin -> Li). When the chain comes back to the
    owner (everyone in it away) nobody covers and the customers stay with their owner.
    """
    away = {fold(m.name): m.cover.strip() for m in settings.team
            if m.away_until is not None and m.away_until >= today and m.cover.strip()}
    result = {}
    for name, cover in away.items():
        seen = {name}
        while fold(cover) in away and fold(cover) not in seen:
            seen.add(fold(cover))
            cover = away[fold(cover)]
        if fold(cover) != name:
            result[name] = cover
    return result


def owner_view(owners: pd.Series, settings: Settings, today: date) -> pd.Series:
    """Owner names as today's Due shows them: "Anna (for Kevin)" while Kevin is away and Anna covers."""
    covering = covers(settings, today)
    names = text_cells(owners).astype(str)  # the str dtype reports have always read
    if not covering:
        return names
    template = COVERED_AS.get(settings.language, COVERED_AS["en"])
    cover = names.map(lambda n: covering.get(fold(n), ""))
    return names.where(cover == "", [template.format(cover=c, owner=n) if c else n
                                     for c, n in zip(cover, names, strict=True)])


def route_owner(owner: object, settings: Settings, today: date) -> str:
    """The owner a new inquiry gets: its routed owner, or their cover while they are away (the importer's hook)."""
    name = "" if owner is None else str(owner).strip()
    return covers(settings, today).get(fold(name), name)


def unknown_owner_problems(frame: pd.DataFrame, settings: Settings, sheet: str, column: str = "Owner",
                           rows: Iterable[bool] | None = None) -> list[Problem]:
    """A Check row for every row (where `rows` is true) owned by a salesperson who is inactive or not in the
    Team table. Blank owners are left to Due's "(no owner)" section; with no Team table nothing is checked."""
    if not settings.team or column not in frame.columns:
        return []
    status = {fold(m.name): m.active for m in settings.team}
    unknown, inactive = msg("fix.owner_unknown"), msg("fix.owner_inactive")
    names = text_cells(frame[column])
    wanted = np.ones(len(frame), dtype=bool) if rows is None else np.fromiter(rows, dtype=bool, count=len(frame))
    problem = per_distinct(names, lambda name: "" if not name else
                           unknown if (active := status.get(fold(name))) is None else "" if active else inactive)
    flagged = wanted & (problem != "").to_numpy()
    return [Problem(sheet, int(row), column, name, message)
            for row, name, message in zip(names.index[flagged], names[flagged], problem[flagged], strict=True)]
