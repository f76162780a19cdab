"""How fast each inquiry was answered (seed step 5: reply within a day, aim for two hours; faxes within 12 hours).

Unreplied inquiries are judged against `now` (the shells pass the real time, or the end of `--today`), so an
inquiry received an hour ago is "in time" and one from yesterday morning is "overdue".
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from tradexl.messages import msg
from tradexl.model import Problem
from tradexl.rules.clean import problem, text_cells
from tradexl.settings import Settings

WITHIN_TARGET = "Within target"
WITHIN_LIMIT = "Within limit"
LATE = "Late"
UNREPLIED_IN_TIME = "Unreplied – in time"
UNREPLIED_OVERDUE = "Unreplied – overdue"
REPLIED_UNTIMED = "Replied – time not recorded"
REPLY_STATUSES = (WITHIN_TARGET, WITHIN_LIMIT, LATE, UNREPLIED_IN_TIME, UNREPLIED_OVERDUE, REPLIED_UNTIMED)
WAITING_STATUSES = ("", "New")
"""An inquiry without `Replied At` is waiting for a reply only while its Status says nobody answered yet; a
salesperson who set Quoted but forgot the reply time did answer."""


def limit_hours(channels: pd.Series, settings: Settings) -> pd.Series:
    """The reply limit of each inquiry: the fax limit for Channel Fax, the general limit otherwise."""
    fax = text_cells(channels, strip=False) == "Fax"
    return pd.Series(np.where(fax, settings.fax_limit_hours, settings.reply_limit_hours), index=channels.index)


def reply_columns(inquiries: pd.DataFrame, settings: Settings, now: datetime,
                  sheet: str = "Inquiries") -> tuple[pd.DataFrame, list[Problem]]:
    """Response Hours, Reply Status and Reply Due per inquiry, plus a problem for replies before receipt."""
    received = pd.to_datetime(inquiries["Received"])
    replied = pd.to_datetime(inquiries["Replied At"])
    limit = limit_hours(inquiries["Channel"], settings)
    due = received + pd.to_timedelta(limit, unit="h")
    hours = ((replied - received).dt.total_seconds() / 3600).round(1)
    negative = hours < 0
    hours = hours.mask(negative)
    unreplied = replied.isna() & received.notna()
    waiting = unreplied & inquiries["Status"].fillna("").isin(WAITING_STATUSES)
    status = np.select(
        [hours <= settings.reply_target_hours, hours <= limit, hours > limit,
         waiting & (due >= pd.Timestamp(now)), waiting, unreplied],
        [WITHIN_TARGET, WITHIN_LIMIT, LATE, UNREPLIED_IN_TIME, UNREPLIED_OVERDUE, REPLIED_UNTIMED], default="")
    problems = [problem(sheet, row, "Replied At", when, msg("fix.reply_before"))
                for row, when in replied[negative].dt.strftime("%Y-%m-%d %H:%M").items()]
    status = pd.Series(status, index=inquiries.index, dtype=object)
    frame = pd.DataFrame({"Response Hours": hours.astype(float), "Reply Status": status,
                          "Reply Due": due}, index=inquiries.index)
    return frame, problems
