"""The results a boss asks about first, for any period: shared by the Weekly Summary and the Monthly Review.

A period is a first and a last day (both counted). Money is in the report currency: order lines carry
`Amount (Report Currency)` from `rules.orders`; quote lines are converted here with the same rates (a quote
line in a currency without a rate is left out of the value; orders report that on Check).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import column, per_text, stripped
from tradexl.rules.orders import BALANCE_REPORT, COUNTS, DEPOSIT_REPORT, REPORT_AMOUNT, rate_of
from tradexl.settings import Settings


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # last day counted

    def shifted(self, days: int) -> Period:
        return Period(self.start + timedelta(days=days), self.end + timedelta(days=days))


def in_period(stamps: pd.Series, period: Period) -> pd.Series:
    values = pd.to_datetime(stamps)
    return (values >= pd.Timestamp(period.start)) & (values < pd.Timestamp(period.end + timedelta(days=1)))


def people(names: pd.Series, settings: Settings) -> pd.Series:
    """Owner/By names folded onto the Team's spelling ("li" counts for "Li")."""
    canonical = {m.name.strip().casefold(): m.name.strip() for m in settings.team}
    return stripped(names, lambda name: canonical.get(name.casefold(), name))


def quote_values(quotes: pd.DataFrame, settings: Settings) -> pd.Series:
    """Each quote line's Quantity × Unit Price in the report currency (NaN without a rate or a number)."""
    report = settings.report_currency.upper()
    currency = stripped(column(quotes, "Currency"), str.upper)
    currency = currency.where(currency != "", report)
    rates = currency.map({c: float(r) if (r := rate_of(c, settings)) is not None else np.nan
                          for c in currency.unique()})  # a rate per currency, not per line
    qty = pd.to_numeric(column(quotes, "Quantity", np.nan), errors="coerce")
    price = pd.to_numeric(column(quotes, "Unit Price", np.nan), errors="coerce")
    return (qty * price * rates).astype(float)


def _orders(enriched: Enriched) -> pd.DataFrame:
    orders = enriched.orders
    if orders.empty or REPORT_AMOUNT not in orders:
        return pd.DataFrame({"Date": pd.Series(dtype="datetime64[ns]"), REPORT_AMOUNT: pd.Series(dtype=float),
                             COUNTS: pd.Series(dtype=bool), "Owner": pd.Series(dtype=object),
                             "Customer Key": pd.Series(dtype=object)})
    return orders


def order_value(enriched: Enriched, period: Period, settings: Settings) -> pd.Series:
    """Person -> value of the order lines dated in the period (Cancelled left out); "" = no owner."""
    orders = _orders(enriched)
    part = orders[in_period(orders["Date"], period) & orders[COUNTS].astype(bool)]
    return part[REPORT_AMOUNT].groupby(people(column(part, "Owner"), settings)).sum()


def payments(enriched: Enriched, period: Period, settings: Settings) -> pd.Series:
    """Person -> deposits and balances received in the period (by `Deposit Date` / `Balance Date`)."""
    orders = enriched.orders
    if orders.empty or DEPOSIT_REPORT not in orders:
        return pd.Series(dtype=float)
    owner = people(column(orders, "Owner"), settings)
    parts = [orders.loc[in_period(column(orders, when, pd.NaT), period), what].groupby(owner).sum()
             for what, when in ((DEPOSIT_REPORT, "Deposit Date"), (BALANCE_REPORT, "Balance Date"))]
    return parts[0].add(parts[1], fill_value=0)


def first_inquiry(inquiries: pd.DataFrame) -> pd.Series:
    """Customer Key -> when the buyer first wrote to us (their first inquiry)."""
    keys = column(inquiries, "Customer Key").fillna("").astype(str)
    received = pd.to_datetime(column(inquiries, "Received", pd.NaT))
    return received[keys != ""].groupby(keys[keys != ""], sort=False).min()  # unsorted: 20,000 keys


def unreplied_overdue_at(inquiries: pd.DataFrame, moment: datetime, now: datetime) -> int:
    """Inquiries past their reply limit and still unanswered at `moment` (`now` is when Reply Status was made).

    At `now` that is exactly Reply Status "Unreplied – overdue"; at an earlier moment, also the ones answered
    since then."""
    status = column(inquiries, "Reply Status")
    if moment >= now:
        return int(per_text(status, lambda text: text.startswith("Unreplied – overdue")).astype(bool).sum())
    at = pd.Timestamp(moment)
    due = pd.to_datetime(column(inquiries, "Reply Due", pd.NaT))
    replied = pd.to_datetime(column(inquiries, "Replied At", pd.NaT))
    still_open = per_text(status, lambda text: text.startswith("Unreplied")).astype(bool) | (replied > at)
    return int(((due < at) & still_open).sum())


@dataclass(frozen=True)
class Headline:
    """The dashboard figures of one period."""

    new_inquiries: int
    new_customers: int
    within_target: int
    unreplied_overdue: int
    quote_value: float
    order_value: float
    payments: float


def headlines(enriched: Enriched, periods: Sequence[tuple[Period, datetime]], settings: Settings, now: datetime
              ) -> list[Headline]:
    """The dashboard figures of each period, the unreplied ones as of its `moment`. What does not depend on the
    period (each customer's first inquiry, the reply statuses) is worked out once for all of them."""
    inq = enriched.inquiries
    stamps = column(inq, "Received", pd.NaT)
    within = column(inq, "Reply Status").fillna("").astype(str) == "Within target"
    first = first_inquiry(inq)
    quotes = enriched.quotes
    out = []
    for period, moment in periods:
        received = in_period(stamps, period)
        quoted = in_period(column(quotes, "Date", pd.NaT), period)
        out.append(Headline(
            new_inquiries=int(received.sum()),
            new_customers=int(in_period(first, period).sum()),
            within_target=int((received & within).sum()),
            unreplied_overdue=unreplied_overdue_at(inq, moment, now),
            quote_value=float(quote_values(quotes[quoted], settings).sum()),
            order_value=float(order_value(enriched, period, settings).sum()),
            payments=float(payments(enriched, period, settings).sum()),
        ))
    return out


def month_to_date(today: date) -> Period:
    return Period(today.replace(day=1), today)


def targets(settings: Settings) -> dict[str, float]:
    """Active salesperson -> Monthly Target (only those with a target)."""
    return {m.name.strip(): m.monthly_target for m in settings.team if m.active and m.monthly_target is not None}
