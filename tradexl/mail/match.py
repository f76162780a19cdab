"""Has this buyer contacted us before? Incoming inquiries matched against Customers by the one buyer rule.

The rule itself (Customer ID, email, company domain, phone, company name; one threshold table) lives in
`tradexl.rules.identity`, which `lookup` and refresh use too, so all three agree (docs/MATCHING.md). This module
adds what only an import needs: the buyers that no rule finds get new Customer IDs, one per buyer even when
the same new buyer wrote several messages (`same_buyer_groups`), and each row says in `Match` how it matched.
A weak match (`check: name 88% C0012`) gets no ID and creates no customer: a person confirms it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tradexl.rules.identity import BuyerIndex, same_buyer_groups
from tradexl.rules.parse import as_text
from tradexl.rules.regions import region_of

DEFAULT_CUSTOMER_PREFIX = "C"
DEFAULT_ID_WIDTH = 4
SOURCE_OF_CHANNEL = {"Alibaba": "Alibaba", "Website": "Website", "Trade show": "Trade show"}


@dataclass(frozen=True)
class Match:
    """How an inquiry matched: `customer_id` ("" for a weak match), `how` as written to the `Match` column."""

    customer_id: str
    how: str

    @property
    def is_new(self) -> bool:
        return self.how == "new"

    @property
    def is_weak(self) -> bool:
        return self.how.startswith("check")


def next_id(existing: Iterable[Any], prefix: str = DEFAULT_CUSTOMER_PREFIX, width: int = DEFAULT_ID_WIDTH) -> str:
    """The ID after the highest of `existing` that shares its prefix ("C0041" -> "C0042"), else prefix + 1."""
    best: tuple[int, str, int] | None = None
    for value in existing:
        found = re.fullmatch(r"(.*?)(\d+)", as_text(value))
        if found and (best is None or int(found.group(2)) > best[0]):
            best = (int(found.group(2)), found.group(1), len(found.group(2)))
    if best is None:
        return f"{prefix}{1:0{width}d}"
    number, lead, digits = best
    return f"{lead}{number + 1:0{digits}d}"


def assign_customers(rows: list[dict[str, Any]], customers: pd.DataFrame, inquiries: pd.DataFrame | None = None,
                     overrides: dict[str, str] | None = None) -> tuple[list[Match], list[dict[str, Any]]]:
    """Match each incoming row (in order); each new buyer gets the next Customer ID and a Customers row.

    Rows are identified against Customers and the contacts of past inquiries; the rows nobody knows are grouped
    by the same rule, so two messages from one new buyer make one customer (the first row is `new`, the others
    say how they joined it). Weak and ambiguous matches get no ID and no row.
    """
    frame = pd.DataFrame(rows, index=range(len(rows)))
    found = BuyerIndex(customers, contacts=inquiries).identify(frame)
    ids = found["Customer ID"].to_numpy(dtype=object).copy()
    how = found["Match"].to_numpy(dtype=object).copy()
    new = found.index[how == ""]
    groups = same_buyer_groups(frame.loc[new])
    upcoming = next_id(customers["Customer ID"] if "Customer ID" in customers.columns else [])
    added: list[dict[str, Any]] = []
    numbers: dict[int, str] = {}
    for pos, group, joined in zip(new, groups["Group"], groups["Match"], strict=True):
        first = int(new[group])
        if first not in numbers:
            numbers[first], upcoming = upcoming, next_id([upcoming])
            added.append(_new_customer(numbers[first], rows[first], overrides))
        ids[pos], how[pos] = numbers[first], joined or "new"
    return [Match(i, h) for i, h in zip(ids, how, strict=True)], added


def _new_customer(cid: str, row: dict[str, Any], overrides: dict[str, str] | None) -> dict[str, Any]:
    company = as_text(row.get("Company")) or as_text(row.get("Contact")) or as_text(row.get("Email"))
    return {
        "Customer ID": cid, "Company": company, "Contact": row.get("Contact") or "", "Email": row.get("Email") or "",
        "Phone": row.get("Phone") or "", "Country": row.get("Country") or "",
        "Source": SOURCE_OF_CHANNEL.get(as_text(row.get("Channel")), "Other"), "Owner": row.get("Owner") or "",
        "Region": region_of(row.get("Country"), overrides),
    }
