"""Has this buyer contacted us before? Matching incoming inquiries against Customers, precision first.

Rules, strongest first (the first that finds exactly one customer decides; see docs/MATCHING.md):
email address, company email domain (never a free-mail domain), phone number (international form, at least 8
digits), company name (legal words ignored, difflib similarity >= 93%, same numbers in both names, same region
when both are known, and no conflicting company email domain).
A name similarity between 80% and 93% is a *weak* match: flagged for the salesperson to confirm, not merged
and no customer created. A rule that points at two different customers decides nothing (ambiguous).
Known addresses and phones of past inquiries count as the customer's too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import pandas as pd

from tradexl.rules.identity import email_domain, first_email, is_free_mail, normalize_company, normalize_phone
from tradexl.rules.parse import as_text
from tradexl.rules.regions import region_of

STRONG_NAME = 0.93
WEAK_NAME = 0.80
MIN_PHONE_DIGITS = 8
MIN_NAME_CHARS = 4
_DIGITS = re.compile(r"\d+")
DEFAULT_CUSTOMER_PREFIX = "C"
DEFAULT_ID_WIDTH = 4


@dataclass(frozen=True)
class Match:
    """How an inquiry matched: `customer_id` ("" for new or weak), `how` as written to the `Match` column."""

    customer_id: str
    how: str
    candidate: str = ""  # for a weak match: the customer to confirm

    @property
    def is_new(self) -> bool:
        return self.how == "new"

    @property
    def is_weak(self) -> bool:
        return self.how.startswith("check")



class CustomerIndex:
    """Look-up tables over the customers (and the contacts of their past inquiries), growing as new ones are added."""

    def __init__(self) -> None:
        self.emails: dict[str, set[str]] = defaultdict(set)
        self.domains: dict[str, set[str]] = defaultdict(set)
        self.phones: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, set[str]] = defaultdict(set)
        self.regions: dict[str, str] = {}
        self.customer_domains: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}

    @classmethod
    def build(cls, customers: pd.DataFrame, inquiries: pd.DataFrame | None = None,
              overrides: dict[str, str] | None = None) -> CustomerIndex:
        index = cls()
        for rec in customers.to_dict("records"):
            cid = as_text(rec.get("Customer ID"))
            if cid:
                index.add(cid, rec.get("Email"), [rec.get("Phone"), rec.get("Fax")], rec.get("Company"),
                          region_of(rec.get("Country"), overrides))
        if inquiries is not None and "Customer ID" in inquiries.columns:
            for rec in inquiries.to_dict("records"):
                cid = as_text(rec.get("Customer ID"))
                if cid in index.labels:
                    index.add(cid, rec.get("Email"), [rec.get("Phone")], None, "")
        return index

    def add(self, cid: str, email: Any, phones: Iterable[Any], company: Any, region: str) -> None:
        for address in re.split(r"[;,\s]+", as_text(email).lower()):
            address = first_email(address)
            if address:
                self.emails[address].add(cid)
                domain = email_domain(address)
                if not is_free_mail(domain):
                    self.domains[domain].add(cid)
                    self.customer_domains[cid].add(domain)
        for phone in phones:
            number = _phone_key(phone)
            if number:
                self.phones[number].add(cid)
        name = normalize_company(company)
        if len(name) >= MIN_NAME_CHARS or (name and not name.isascii()):
            self.names[name].add(cid)
        if region and cid not in self.regions:
            self.regions[cid] = region
        if cid not in self.labels or (company and not self.labels[cid]):
            self.labels[cid] = as_text(company)

    def match(self, email: Any = "", phone: Any = "", company: Any = "", region: str = "") -> Match:
        address = first_email(as_text(email))
        for how, key, table in (("email", address, self.emails),
                                ("domain", _domain_key(address), self.domains),
                                ("phone", _phone_key(phone), self.phones)):
            ids = table.get(key) if key else None
            if ids and len(ids) == 1:
                return Match(next(iter(ids)), how)
        return self._match_name(normalize_company(company), region, _domain_key(address))

    def _compatible(self, cid: str, region: str, domain: str) -> bool:
        """A name match is only believed when region and company domain do not contradict it."""
        if region and self.regions.get(cid) and self.regions[cid] != region:
            return False
        known = self.customer_domains.get(cid)
        return not (domain and known and domain not in known)

    def _match_name(self, name: str, region: str, domain: str) -> Match:
        if not name or (len(name) < MIN_NAME_CHARS and name.isascii()):
            return Match("", "new")
        digits = _DIGITS.findall(name)
        best, best_ids = 0.0, set()
        for known, ids in self.names.items():
            matcher = SequenceMatcher(None, name, known, autojunk=False)
            if matcher.real_quick_ratio() < WEAK_NAME or matcher.quick_ratio() < WEAK_NAME:
                continue
            if _DIGITS.findall(known) != digits:  # "Company 5" and "Company 50" are two companies
                continue
            score = 1.0 if known == name else matcher.ratio()
            compatible = {i for i in ids if self._compatible(i, region, domain)}
            if score > best and compatible:
                best, best_ids = score, compatible
            elif score == best:
                best_ids |= compatible
        pct = int(best * 100)
        if best >= STRONG_NAME and len(best_ids) == 1:
            return Match(next(iter(best_ids)), f"name {pct}%")
        if best >= WEAK_NAME and best_ids:
            candidate = sorted(best_ids)[0]
            return Match("", f"check: name {pct}% {candidate}", candidate)
        return Match("", "new")


def _phone_key(phone: Any) -> str:
    number = normalize_phone(phone)
    digits = number.lstrip("+")
    return number if len(digits) >= MIN_PHONE_DIGITS else ""


def _domain_key(address: str) -> str:
    domain = email_domain(address) if address else ""
    return "" if not domain or is_free_mail(domain) else domain


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


SOURCE_OF_CHANNEL = {"Alibaba": "Alibaba", "Website": "Website", "Trade show": "Trade show"}


def assign_customers(rows: list[dict[str, Any]], customers: pd.DataFrame, inquiries: pd.DataFrame | None = None,
                     overrides: dict[str, str] | None = None) -> tuple[list[Match], list[dict[str, Any]]]:
    """Match each incoming row in order; a new buyer gets the next Customer ID and a Customers row, so two
    messages from the same new buyer in one import make one customer. Weak matches get no ID and no row."""
    index = CustomerIndex.build(customers, inquiries, overrides)
    ids = customers["Customer ID"] if "Customer ID" in customers.columns else []
    upcoming = next_id(ids)
    matches: list[Match] = []
    added: list[dict[str, Any]] = []
    for row in rows:
        region = region_of(row.get("Country"), overrides)
        found = index.match(row.get("Email"), row.get("Phone"), row.get("Company"), region)
        if found.is_new:
            cid, upcoming = upcoming, next_id([upcoming])
            company = as_text(row.get("Company")) or as_text(row.get("Contact")) or as_text(row.get("Email"))
            added.append({
                "Customer ID": cid, "Company": company, "Contact": row.get("Contact") or "",
                "Email": row.get("Email") or "", "Phone": row.get("Phone") or "", "Country": row.get("Country") or "",
                "Source": SOURCE_OF_CHANNEL.get(as_text(row.get("Channel")), "Other"), "Owner": row.get("Owner") or "",
                "Region": region,
            })
            index.add(cid, row.get("Email"), [row.get("Phone")], row.get("Company"), region)
            found = Match(cid, "new")
        elif found.customer_id:
            index.add(found.customer_id, row.get("Email"), [row.get("Phone")], None, "")
        matches.append(found)
    return matches, added
