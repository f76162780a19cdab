"""Where each sent quote stands today: still valid, expiring soon, or expired (never by editing the user's Status).

A quote past its `Valid Until` binds nobody, and a buyer who comes back to it should get a fresh price; one about
to expire is the best excuse for a follow-up call ("our price is valid until Friday"). The user's `Status` says
what the buyer did; `Quote State` adds what the calendar says, so the salesperson never has to retype a status.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from tradexl.rules.clean import text_cells

FINAL_STATES = ("Accepted", "Rejected", "Expired")
"""Statuses the user set that the calendar does not change."""
EXPIRED, EXPIRING, VALID = "Expired", "Expiring", "Valid"


def quote_states(quotes: pd.DataFrame, today: date, warning_days: int) -> pd.Series:
    """`Quote State` per quote: the user's final Status, else Expired / Expiring / Valid by `Valid Until`.

    Expiring = valid until today or within `warning_days`; a sent quote without a Valid Until is Valid.
    """
    status = text_cells(quotes["Status"]) if "Status" in quotes \
        else pd.Series("", index=quotes.index)
    until = pd.to_datetime(quotes["Valid Until"] if "Valid Until" in quotes else pd.Series(pd.NaT, index=quotes.index))
    day = pd.Timestamp(today)
    by_date = np.select([until < day, until <= day + pd.Timedelta(days=warning_days)], [EXPIRED, EXPIRING], VALID)
    return pd.Series(np.where(status.isin(FINAL_STATES), status, by_date), index=quotes.index, dtype=object)


def expiring_quotes(quotes: pd.DataFrame, today: date, warning_days: int) -> pd.DataFrame:
    """The quotes still Sent (or blank) whose Valid Until falls in [today, today + warning_days], soonest first,
    with `Days Left`."""
    if not len(quotes):
        return quotes.assign(**{"Days Left": pd.Series(dtype=int)})
    states = quote_states(quotes, today, warning_days)
    soon = quotes[states == EXPIRING].copy()
    soon["Days Left"] = (pd.to_datetime(soon["Valid Until"]).dt.normalize() - pd.Timestamp(today)).dt.days
    return soon.sort_values(["Valid Until", "Date"], kind="stable")
