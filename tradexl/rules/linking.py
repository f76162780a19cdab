"""Which customer each row belongs to: the `Customer Key` that ties inquiries, follow-ups, quotes and samples
to a Customers row.

Seed step 7: "first look up whether this buyer contacted us before". Rows name their buyer by Customer ID, by
e-mail or only by company name, so the link tries them in that order (contract: "linked by Customer ID, else by
email (case-insensitive), else by normalised company name").
"""

from __future__ import annotations

import functools

import pandas as pd

from tradexl.model import Problem
from tradexl.rules.clean import per_distinct, problem
from tradexl.rules.identity import first_email, normalize_company

KEYED_SHEETS = ("inquiries", "followups", "quotes", "samples", "orders")


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(object).fillna("")


_first_email = functools.lru_cache(maxsize=1 << 17)(first_email)
"""Memoised: every keyed sheet repeats the Customers e-mails (`normalize_company` caches itself)."""


def _emails(frame: pd.DataFrame) -> pd.Series:
    return per_distinct(_text(frame, "Email"), _first_email)


def _names(frame: pd.DataFrame) -> pd.Series:
    return per_distinct(_text(frame, "Company"), normalize_company)


def own_keys(ids: pd.Series, emails: pd.Series, names: pd.Series) -> pd.Series:
    """A row's own key: its Customer ID, else "email:<addr>", else "name:<normalised>", else ""."""
    keys = pd.Series("", index=ids.index, dtype=object)
    keys = keys.mask(names != "", "name:" + names)
    keys = keys.mask(emails != "", "email:" + emails)
    return keys.mask(ids != "", ids).astype(object)


def customer_keys(customers: pd.DataFrame) -> pd.Series:
    """The key of every Customers row."""
    return own_keys(_text(customers, "Customer ID"), _emails(customers), _names(customers))


def _lookup(values: pd.Series, keys: pd.Series, extra: pd.Series | None = None) -> dict[str, str]:
    """value -> key of the first customer with that value (every address counts when a cell lists several)."""
    table: dict[str, str] = {}
    for value, key in zip(values, keys, strict=True):
        if value and key:
            table.setdefault(value, key)
    if extra is not None:
        for cell, key in zip(extra, keys, strict=True):
            for address in cell.replace(",", ";").split(";")[1:]:
                if key and (email := first_email(address)):
                    table.setdefault(email, key)
    return table


def link_keys(frame: pd.DataFrame, customers: pd.DataFrame, keys: pd.Series) -> pd.Series:
    """Customer Key of each row of `frame`, given the Customers rows and their `keys`.

    A known Customer ID wins, then a Customers e-mail, then a Customers company name. A row matching no customer
    keeps its own key (so two inquiries from the same new buyer still share one).
    """
    ids, emails, names = _text(frame, "Customer ID"), _emails(frame), _names(frame)
    known_ids = set(keys[keys != ""])
    by_email = _lookup(_emails(customers), keys, _text(customers, "Email"))
    by_name = _lookup(_names(customers), keys)
    linked = ids.where(ids.isin(known_ids), "")
    linked = linked.mask(linked == "", emails.map(by_email).astype(object).fillna(""))
    linked = linked.mask(linked == "", names.map(by_name).astype(object).fillna(""))
    return linked.mask(linked == "", own_keys(ids, emails, names)).astype(object)


def unknown_customer_problems(frame: pd.DataFrame, keys: pd.Series, customer_keys: pd.Series, sheet: str,
                              strict: bool) -> list[Problem]:
    """Rows pointing at no Customers row. Inquiries (`strict=False`) only when they give a Customer ID: a new
    buyer's first inquiry is normal; a follow-up, quote or sample for a buyer not in Customers is not."""
    known = set(customer_keys[customer_keys != ""])
    ids, emails, companies = _text(frame, "Customer ID"), _text(frame, "Email"), _text(frame, "Company")
    unknown = ~keys.isin(known) & ((ids != "") | (strict & (keys != "")))
    result = [problem(sheet, row, "Customer ID", "", "no customer – enter the Customer ID")
              for row in keys.index[(keys == "").to_numpy() & strict]]
    for row, key in keys[unknown].items():
        column, shown = (("Customer ID", ids.at[row]) if ids.at[row] else ("Email", emails.at[row])
                         if key.startswith("email:") else ("Company", companies.at[row]))
        result.append(problem(sheet, row, column, shown, "customer not in Customers – add them there or fix the ID"))
    return result
