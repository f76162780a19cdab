"""Which customer each row belongs to: the `Customer Key` that ties inquiries, follow-ups, quotes and samples
to a Customers row.

Seed step 7: "first look up whether this buyer contacted us before". Rows name their buyer by Customer ID, by
e-mail, by phone (a phone or fax inquiry typed in by hand) or only by company name, so the link is the one
buyer rule of `tradexl.rules.identity`, the same `tradexl import` and `tradexl lookup` use. A row the rule
links to nobody keeps its own key, so two inquiries from the same new buyer still share one.
"""

from __future__ import annotations

import pandas as pd

from tradexl.messages import msg
from tradexl.model import Problem
from tradexl.rules.clean import per_distinct, problem
from tradexl.rules.identity import BuyerIndex, first_email, normalize_company

KEYED_SHEETS = ("inquiries", "followups", "quotes", "samples", "orders")
TYPED_IN_CHANNELS = ("Phone", "Fax")
"""Inquiries a person types in after a call or a fax: one from a buyer not in Customers is listed on Check (an
e-mail from a new buyer is normal: `tradexl import` adds the customer)."""


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(object).fillna("")


def own_keys(frame: pd.DataFrame) -> pd.Series:
    """A row's own key: its Customer ID, else "email:<addr>", else "name:<normalised>", else ""."""
    ids = _text(frame, "Customer ID")
    emails = per_distinct(_text(frame, "Email"), first_email)
    names = per_distinct(_text(frame, "Company"), normalize_company)
    keys = pd.Series("", index=frame.index, dtype=object)
    keys = keys.mask(names != "", "name:" + names)
    keys = keys.mask(emails != "", "email:" + emails)
    return keys.mask(ids != "", ids).astype(object)


def customer_keys(customers: pd.DataFrame) -> pd.Series:
    """The key of every Customers row."""
    return own_keys(customers)


def buyer_index(customers: pd.DataFrame, keys: pd.Series, inquiries: pd.DataFrame | None = None) -> BuyerIndex:
    """The customers under their keys; the e-mails and phones of `inquiries` with a known ID count as theirs."""
    return BuyerIndex(customers, keys, contacts=inquiries)


def link_keys(frame: pd.DataFrame, found: pd.DataFrame) -> pd.Series:
    """Customer Key of each row of `frame`, given what `BuyerIndex.identify` found for it."""
    linked = found["Customer ID"].astype(object).copy()
    alone = linked == ""
    if alone.any():
        linked[alone] = own_keys(frame[alone])
    return linked


def unknown_customer_problems(frame: pd.DataFrame, found: pd.DataFrame, keys: pd.Series, customer_keys: pd.Series,
                              sheet: str, strict: bool) -> list[Problem]:
    """Rows pointing at no Customers row (given their linked `keys`), for a person to add or confirm.

    A weak or ambiguous match names the candidates; a phone or fax inquiry from a buyer nobody knows is listed
    to be added to Customers; a follow-up, quote or sample (`strict`) must name a customer; so must a row that
    gives a Customer ID.
    """
    known = set(customer_keys[customer_keys != ""])
    how = found["Match"]
    blank = (keys == "").to_numpy()
    result = [problem(sheet, row, "Customer ID", "", msg("fix.no_customer_id")) for row in keys.index[blank & strict]]
    listed = ~blank & ~keys.isin(known).to_numpy()
    if not strict:
        listed &= ((_text(frame, "Customer ID") != "") | _text(frame, "Channel").isin(TYPED_IN_CHANNELS)).to_numpy()
    rows = frame[listed]  # the few rows listed: their cells are read only here
    ids, emails = _text(rows, "Customer ID"), _text(rows, "Email")
    phones, companies = _text(rows, "Phone"), _text(rows, "Company")
    for row in rows.index:
        column, shown = next(((c, v.at[row]) for c, v in (("Customer ID", ids), ("Email", emails),
                                                          ("Phone", phones), ("Company", companies)) if v.at[row]),
                             ("Customer ID", ""))
        if how.at[row].startswith("check"):
            message = msg("fix.returning_buyer", how=how.at[row].removeprefix("check: "))
        elif ids.at[row]:
            message = msg("fix.unknown_id")
        else:
            message = msg("fix.unknown_buyer")
        result.append(problem(sheet, row, column, shown, message))
    return result
