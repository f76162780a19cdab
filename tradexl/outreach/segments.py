"""Which buyers a mailing, greeting, trip or show reaches: the segment filters and the mailability rule.

One rule for "can we mail this buyer": not `Do Not Mail`, and an email address in the Customers row. Every
outreach command uses it, so a buyer who opted out is never mailed by any of them, and the left-out buyers are
counted the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tradexl.model import Enriched
from tradexl.reports.common import column
from tradexl.rules.identity import first_email
from tradexl.rules.regions import find_country
from tradexl.rules.vocab import fold

DO_NOT_MAIL = "Do Not Mail"
NO_EMAIL = "No email"
EMAIL_STATUS = "Email Status"
IN_MAILING = "Draft"


@dataclass(frozen=True)
class Segment:
    """Filters on the buyer database; an empty filter lets everyone through, several values mean "any of".

    `products` match a model (or the start of one: "LX-60" is the whole panel family) a buyer asked about in an
    inquiry or was quoted. `contacted_before` / `contacted_after` compare with the Last Contact day (a buyer
    never contacted passes `contacted_before` only: nobody has written to them for a long time).
    """

    grades: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    contacted_before: date | None = None
    contacted_after: date | None = None


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    return column(frame, name).fillna("").astype(str).str.strip()


def _folded_in(values: pd.Series, wanted: Iterable[str]) -> pd.Series:
    targets = {fold(w) for w in wanted}
    return values.map(fold).isin(targets)


def country_code(text: object) -> str:
    """ISO alpha-2 code of a typed country ("UAE", "阿联酋", "United Arab Emirates" -> "AE"), "" when unknown."""
    found = find_country(text)
    return found.alpha2 if found else ""


def _same_country(values: pd.Series, wanted: Iterable[str]) -> pd.Series:
    """Countries compared by ISO code when known ("UAE" finds "United Arab Emirates"), else as folded text."""
    keys = {country_code(w) or fold(w) for w in wanted}
    lookup = {v: country_code(v) or fold(v) for v in values.unique()}
    return values.map(lookup).isin(keys)


def _owner_matches(owners: pd.Series, wanted: Iterable[str]) -> pd.Series:
    """"Lily" finds the owner "Lily 张莉": a full name or its first word, case-insensitive."""
    targets = {w.strip().casefold() for w in wanted}
    full = owners.str.casefold()
    first = full.str.split().str[0].fillna("")
    return full.isin(targets) | first.isin(targets)


def buyers_with_products(enriched: Enriched, products: Iterable[str]) -> set[str]:
    """Customer Keys of buyers who asked about (Inquiries `Product`/`Message`) or were quoted (Quotes `Model`)
    one of `products` (a model or the start of one, ignoring case, spaces and dashes)."""
    wanted = [fold(p) for p in products if fold(p)]
    if not wanted:
        return set()
    found: set[str] = set()
    sources = ((enriched.inquiries, "Product"), (enriched.quotes, "Model"))
    for frame, name in sources:
        if not len(frame) or name not in frame:
            continue
        folded = frame[name].fillna("").astype(str).map(fold)
        hit = pd.Series(False, index=frame.index)
        for model in wanted:
            hit |= folded.str.contains(model, regex=False)
        found |= set(frame.loc[hit, "Customer Key"])
    found.discard("")
    return found


def in_segment(enriched: Enriched, segment: Segment) -> pd.Series:
    """Boolean mask over `enriched.customers`: who passes every filter of `segment`."""
    customers = enriched.customers
    mask = pd.Series(True, index=customers.index)
    for values, name in ((segment.grades, "Effective Grade"), (segment.regions, "Region"),
                         (segment.types, "Type"), (segment.sizes, "Size"), (segment.sources, "Source")):
        if values:
            mask &= _folded_in(_text(customers, name), values)
    if segment.countries:
        mask &= _same_country(_text(customers, "Country"), segment.countries)
    if segment.owners:
        mask &= _owner_matches(_text(customers, "Owner"), segment.owners)
    if segment.products:
        mask &= customers["Customer Key"].isin(buyers_with_products(enriched, segment.products))
    last = pd.to_datetime(column(customers, "Last Contact", pd.NaT)).dt.normalize()
    if segment.contacted_before is not None:
        mask &= last.isna() | (last < pd.Timestamp(segment.contacted_before))
    if segment.contacted_after is not None:
        mask &= last > pd.Timestamp(segment.contacted_after)
    return mask


def mail_status(customers: pd.DataFrame) -> pd.DataFrame:
    """`Address` (the first email of the row) and `Mail Status`: Draft, Do Not Mail, or No email (none, or one
    that bounces: `import` writes "Bouncing since ..." into `Email Status`)."""
    address = _text(customers, "Email").map(first_email)
    address = address.mask(_text(customers, EMAIL_STATUS).str.casefold().str.startswith("bouncing"), "")
    opted_out = _text(customers, DO_NOT_MAIL) == "Yes"  # cleaning maps Y, y, 是 ... to the choice "Yes"
    status = pd.Series(IN_MAILING, index=customers.index, dtype=object)
    status[address == ""] = NO_EMAIL
    status[opted_out] = DO_NOT_MAIL
    return pd.DataFrame({"Address": address, "Mail Status": status}, index=customers.index)


def select(enriched: Enriched, segment: Segment) -> pd.DataFrame:
    """The customers in the segment with `Address` and `Mail Status`, in file order."""
    chosen = enriched.customers[in_segment(enriched, segment)]
    return chosen.join(mail_status(chosen))


def left_out_counts(selected: pd.DataFrame) -> dict[str, int]:
    """How many buyers of a selection get a draft, and how many are left out and why."""
    counts = selected["Mail Status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in (IN_MAILING, DO_NOT_MAIL, NO_EMAIL)}
