"""Mail checks: who read the inquiries when, and the days someone read them fewer than three times.

The procedure says inquiries are read at least three times a day (seed step 4). Every Import mail / Fetch mail
button press appends one row to the hidden `Mail Log` sheet (when, who, where from, how many messages, how many
new inquiries); `thin_mail_days` turns that log into the manager's list for the Weekly Summary. Pure: the log
is a DataFrame with the `MAIL_LOG_COLUMNS`, `today`/the week are passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd

from tradexl.settings import TeamMember

MAIL_LOG_SHEET = "Mail Log"
MAIL_LOG_COLUMNS = ("Checked At", "By", "Source", "Messages", "Added")
CHECKS_PER_DAY = 3


def mail_check_row(when: datetime, by: str, source: str, messages: int, added: int) -> list[object]:
    """One Mail Log row, in `MAIL_LOG_COLUMNS` order."""
    return [when, by, source, messages, added]


def salesperson(by: str, team: Sequence[TeamMember]) -> str:
    """The Team name a log's `By` (a computer login such as "lily" or "lily@lumax.com") stands for, else `by`."""
    folded = by.strip().casefold()
    for member in team:
        names = {member.name.casefold(), member.name.split()[0].casefold() if member.name.split() else "",
                 member.email.casefold(), member.email.split("@")[0].casefold()} - {""}
        if folded in names:
            return member.name
    return by.strip()


def thin_mail_days(log: pd.DataFrame, team: Sequence[TeamMember], start: date, end: date) -> pd.DataFrame:
    """Per salesperson and working day (Mon-Fri) from `start` to `end`: the days with fewer than three mail
    checks, with the count (0 when none). Every active team member is listed, and anyone else who checked mail
    in the period (a login that matches no Team name or email, so the manager sees it and fixes Settings).

    Columns: `Salesperson`, `Day`, `Checks`; sorted by salesperson then day.
    """
    days = [d.date() for d in pd.bdate_range(start, end)]
    when = pd.to_datetime(log["Checked At"] if "Checked At" in log else pd.Series(dtype="datetime64[ns]"),
                          errors="coerce")
    people = (log["By"] if "By" in log else pd.Series("", index=log.index)).fillna("").astype(str)
    checks = pd.DataFrame({"who": people.map(lambda b: salesperson(b, team)), "day": when.dt.date})
    checks = checks[checks["day"].isin(days) & (checks["who"] != "")]
    counts = checks.groupby(["who", "day"]).size()
    names = [m.name for m in team if m.active]
    names += sorted(set(checks["who"]) - set(names))
    rows = [(name, day, int(counts.get((name, day), 0))) for name in names for day in days]
    frame = pd.DataFrame(rows, columns=["Salesperson", "Day", "Checks"])
    return frame[frame["Checks"] < CHECKS_PER_DAY].reset_index(drop=True)
