"""Order money: line amounts in the report currency, what is still owed, and whether a payment is late.

Money is `Decimal`, rounded half-up to the currency's minor unit (cents for USD, none for JPY), and stored in
the frame as float only at the end, so sums of many lines never drift. An amount in a currency without a rate
in Settings › Currency is a Check problem and stays blank: a silent zero would understate a month's orders.

Payments belong to the order, not to a line: `Deposit Received` and `Balance Received` are summed over the
lines that share an `Order No` (users type them on one line, usually the first), and `Outstanding` is written
on the order's first line only, so a SUM over the column is the amount owed. `Payment Status` is on every line.

The overdue rule (the contract leaves it to us): the balance falls due a number of days after `Ship Date`
read from `Payment Terms` by `BALANCE_DUE_DAYS` ("before shipment" 0 days, "against B/L copy" 7 days,
"30 days after B/L" 30 days); past that day it is "Balance overdue". The deposit share is the first "N% ...
deposit" in the terms (none when the terms name no deposit).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

import numpy as np
import pandas as pd

from tradexl.messages import msg
from tradexl.model import Problem
from tradexl.money import currency_decimals
from tradexl.rules.clean import problem, text_cells
from tradexl.settings import Settings

REPORT_AMOUNT = "Amount (Report Currency)"
ORDER_AMOUNT = "Order Amount"
"""Extra columns of the enriched Orders frame (never written): the line amount in the order's currency, the
report-currency value of the payments received on the line (also split in deposit and balance), its outstanding
in the report currency, the day the balance falls due, and whether the line counts (not Cancelled)."""
RECEIVED_REPORT = "Received (Report)"
DEPOSIT_REPORT = "Deposit (Report)"
BALANCE_REPORT = "Balance (Report)"
OUTSTANDING_REPORT = "Outstanding (Report)"
BALANCE_DUE = "Balance Due Date"
COUNTS = "Counts"

CANCELLED = "Cancelled"
MAX_MONEY = Decimal("1e12")
"""Larger cell values are typing accidents, not money (and would overflow Decimal rounding): left blank."""
PAYMENT_STATUSES = ("Paid", "Deposit received", "Awaiting deposit", "Balance due", "Balance overdue")
BALANCE_DUE_DAYS: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(r"(\d+)\s*days?\s*(after|from)", re.I), None),  # None: the number in the terms
    (re.compile(r"before\s+(shipment|shipping|loading|delivery)|prior\s+to|出货前|发货前", re.I), 0),
    (re.compile(r"B/?L|bill\s+of\s+lading|documents|提单", re.I), 7),
    (re.compile(r"L/?C|letter\s+of\s+credit|信用证", re.I), 10),
)
"""Payment Terms -> days after Ship Date the balance is due; first match wins, no match means 0 days."""
DEPOSIT_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*%[^,;%]*?(deposit|advance|down|定金|预付)", re.I)


def balance_days(terms: str) -> int:
    for pattern, days in BALANCE_DUE_DAYS:
        found = pattern.search(terms)
        if found:
            return int(found.group(1)) if days is None else days
    return 0


def deposit_share(terms: str) -> Decimal:
    found = DEPOSIT_SHARE.search(terms)
    return Decimal(found.group(1)) / 100 if found else Decimal(0)


def _exact(value: object) -> Decimal | None:
    """A number cell as the Decimal it shows (repr of the float); None when blank."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    exact = Decimal(repr(float(value)))  # type: ignore[arg-type]
    return exact if abs(exact) < MAX_MONEY else None


def _cents(value: Decimal, currency: str) -> Decimal:
    return value.quantize(_minor_unit(currency), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=256)
def _minor_unit(currency: str) -> Decimal:
    """Cached: every amount of every order line is rounded to one of a few currencies' minor units."""
    return Decimal(1).scaleb(-currency_decimals(currency))


def money(value: object, currency: str) -> Decimal | None:
    """A number cell as Decimal rounded to the currency's minor unit; None when blank."""
    exact = _exact(value)
    return None if exact is None else _cents(exact, currency)


def rate_of(currency: str, settings: Settings) -> Decimal | None:
    """Value of one unit of `currency` in the report currency; None when Settings has no rate for it."""
    if currency == settings.report_currency.upper():
        return Decimal(1)
    rate = settings.rates.get(currency)
    return Decimal(repr(rate)) if rate is not None else None


def _line_amount(qty: object, price: object, amount: object, currency: str) -> Decimal | None:
    """`Amount` when typed, else Quantity × Unit Price, in cents of the currency; None when neither is known."""
    typed = money(amount, currency)
    if typed is not None:
        return typed
    q, p = _exact(qty), _exact(price)
    return None if q is None or p is None else _cents(q * p, currency)


def _status(amount: Decimal, received: Decimal, deposit: Decimal, ship: pd.Timestamp, due: pd.Timestamp,
            order_status: str, today: date) -> str:
    """One order's payment status by the rule in the module docstring."""
    if received >= amount:
        return "Paid"
    if not pd.isna(due) and pd.Timestamp(today) > due:
        return "Balance overdue"
    if received < amount * deposit:
        return "Awaiting deposit"
    payable = order_status in ("Shipped", "Completed") or (not pd.isna(ship) and pd.Timestamp(today) >= ship)
    return "Deposit received" if deposit > 0 and not payable else "Balance due"


def order_columns(orders: pd.DataFrame, settings: Settings, today: date,
                  sheet: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The computed Orders columns plus the extra columns named above; problems for currencies without a rate."""
    report = settings.report_currency.upper()
    result = pd.DataFrame(index=orders.index)
    problems: list[Problem] = []
    currency = text_cells(orders["Currency"]).str.upper()
    currency = currency.where(currency != "", report)  # blank currency = the report currency
    lines: list[tuple[Decimal | None, Decimal | None, Decimal]] = []  # amount, rate, paid
    deposits: list[Decimal | None] = []
    for row, cur, qty, price, amount, dep, bal in zip(
            orders.index, currency, orders["Quantity"], orders["Unit Price"], orders["Amount"],
            orders["Deposit Received"], orders["Balance Received"], strict=True):
        line = _line_amount(qty, price, amount, cur)
        rate = rate_of(cur, settings)
        if rate is None:
            problems.append(problem(sheet, row, "Currency", cur,
                                    msg("fix.no_rate", currency=cur)))
        paid = (money(dep, cur) or Decimal(0)) + (money(bal, cur) or Decimal(0))
        lines.append((line, rate, paid))
        deposits.append(money(dep, cur))

    def in_report(value: Decimal | None, rate: Decimal | None) -> float:
        if value is None or rate is None:
            return np.nan
        try:
            return float(_cents(value * rate, report))
        except InvalidOperation:  # an absurd rate in Settings
            return np.nan

    status = text_cells(orders["Status"], strip=False)
    counts = status != CANCELLED
    result[ORDER_AMOUNT] = [np.nan if line is None else float(line) for line, _, _ in lines]
    result[REPORT_AMOUNT] = [in_report(line, rate) for line, rate, _ in lines]
    result[RECEIVED_REPORT] = [in_report(paid, rate) for _, rate, paid in lines]
    result[DEPOSIT_REPORT] = [in_report(dep or Decimal(0), rate) for dep, (_, rate, _) in zip(deposits, lines,
                                                                                              strict=True)]
    result[BALANCE_REPORT] = result[RECEIVED_REPORT] - result[DEPOSIT_REPORT]
    result[COUNTS] = counts

    terms = text_cells(orders["Payment Terms"], strip=False).tolist()
    number = text_cells(orders["Order No"]).str.casefold()
    number = number.where(number != "", "#" + orders.index.astype(str))
    # Per order, on plain lists by position (pandas indexing per order cost 1 ms an order: a team's 20 books
    # hold thousands of orders).
    size = len(orders)
    outstanding: list[float] = [np.nan] * size
    outstanding_report: list[float] = [np.nan] * size
    pay_status: list[str] = [""] * size
    due_dates: list[pd.Timestamp] = [pd.NaT] * size
    ships, counted, statuses = orders["Ship Date"].tolist(), counts.tolist(), status.tolist()
    for positions in orders.groupby(number, sort=False).indices.values():
        first = positions[0]
        amounts = [lines[p][0] for p in positions]
        if not counted[first] or any(a is None for a in amounts):
            continue
        total = sum((a for a in amounts if a is not None), Decimal(0))
        received = sum((lines[p][2] for p in positions), Decimal(0))
        owed = max(total - received, Decimal(0))
        ship = [ships[p] for p in positions if not pd.isna(ships[p])]
        ship_day = min(ship) if ship else pd.NaT
        term = next((terms[p] for p in positions if terms[p].strip()), "")
        due = ship_day + pd.Timedelta(days=balance_days(term)) if not pd.isna(ship_day) else pd.NaT
        outstanding[first] = float(owed)
        outstanding_report[first] = in_report(owed, lines[positions[0]][1])
        state = _status(total, received, deposit_share(term), ship_day, due, statuses[first], today)
        for p in positions:
            pay_status[p], due_dates[p] = state, due
    result["Outstanding"] = pd.Series(outstanding, index=orders.index, dtype=float)
    result["Payment Status"] = pd.Series(pay_status, index=orders.index, dtype=object)
    result[OUTSTANDING_REPORT] = pd.Series(outstanding_report, index=orders.index, dtype=float)
    result[BALANCE_DUE] = pd.Series(due_dates, index=orders.index, dtype="datetime64[ns]")
    return result, problems


def order_value_by_customer(orders: pd.DataFrame, today: date, days: int = 365) -> pd.Series:
    """Customer Key -> order value in the report currency over the last `days` days (Cancelled left out)."""
    if orders.empty or REPORT_AMOUNT not in orders:
        return pd.Series(dtype=float)
    dates = pd.to_datetime(orders["Date"])
    recent = (dates > pd.Timestamp(today) - pd.Timedelta(days=days)) & (dates <= pd.Timestamp(today)) \
        & orders[COUNTS].astype(bool) & (orders["Customer Key"] != "")
    part = orders[recent]
    return part.groupby("Customer Key")[REPORT_AMOUNT].sum(min_count=1).round(2).dropna()
