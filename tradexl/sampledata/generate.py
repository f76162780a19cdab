"""Catalog, customer register and inquiry register of the sample exporter.

Every customer gets a hidden tier (how good a buyer they really are); the tier drives what they write, how
often they are followed up and how far their deals go, so the grades the engine suggests come out believable.
Per-row work is a handful of `Rng` draws and one `str.format`, which keeps 100,000 inquiries at a few seconds
without numpy.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from random import Random
from typing import Any

from tradexl.sampledata import vocab
from tradexl.sampledata.table import Table
from tradexl.schema import CUSTOMERS, INQUIRIES, PRODUCTS

WINDOW_DAYS = 150
TIERS = ("A", "B", "C", "D")
TIER_WEIGHTS = (12, 25, 33, 30)
# How much more often a tier's customer writes to us than a D customer.
TIER_ACTIVITY = {"A": 4.0, "B": 2.5, "C": 1.5, "D": 1.0}
INTENTS = ("order", "reorder", "sample", "price", "project", "vague")
INTENT_MIX = {  # weights in INTENTS order, by tier; "new" = a buyer not yet in the register
    "A": (45, 25, 10, 15, 5, 0), "B": (15, 5, 30, 35, 10, 5), "C": (3, 0, 15, 35, 35, 12),
    "D": (2, 0, 15, 35, 13, 35), "new": (5, 0, 15, 25, 10, 45),
}
INTENT_GRADE = {"order": "A", "reorder": "A", "sample": "B", "price": "B", "project": "C", "vague": "D"}
QTY_MOQ_MULTIPLES = {"order": (1, 2, 3, 5, 10), "reorder": (2, 3, 5), "sample": (1, 1, 2), "price": (0.5, 1, 2, 5),
                     "project": (10, 20, 50), "vague": (0,)}
TARGET_PRICE_SHARE = {"order": 1.0, "reorder": 0.6, "sample": 0.4, "price": 0.2, "project": 0.3, "vague": 0.0}
STATUS_MIX = {  # (status, weight) once replied
    "order": (("Ordered", 35), ("Quoted", 45), ("Lost", 10), ("Replied", 10)),
    "reorder": (("Ordered", 55), ("Quoted", 45)),
    "sample": (("Sample sent", 50), ("Quoted", 25), ("Ordered", 10), ("Lost", 15)),
    "price": (("Quoted", 60), ("Replied", 20), ("Lost", 15), ("Ordered", 5)),
    "project": (("Quoted", 40), ("Replied", 50), ("Lost", 10)),
    "vague": (("Replied", 80), ("Lost", 20)),
}
NEW_CHANNELS = ("Alibaba", "Alibaba", "Alibaba", "Website", "Website", "Email", "Email", "WhatsApp", "Other")
KNOWN_CHANNELS = ("Email", "Email", "Email", "Email", "WhatsApp", "WhatsApp", "Phone", "Alibaba", "Trade show")
TYPES = (("Importer", 25), ("Wholesaler", 25), ("Distributor", 20), ("Retailer", 10), ("Brand owner", 8),
         ("Project contractor", 10), ("Other", 2))
SOURCES = (("Alibaba", 30), ("Trade show", 25), ("Website", 15), ("Referral", 10), ("Existing customer", 15),
           ("Other", 5))
SIZE_BY_TIER = {"A": ("Large", "Large", "Medium"), "B": ("Large", "Medium", "Medium", "Small"),
                "C": ("Medium", "Small"), "D": ("Medium", "Small", "Small")}
QUALIFIERS = ("Golden", "Star", "Global", "United", "Modern", "Royal", "Prime", "New", "Smart", "Green",
              "First", "Grand", "Elite", "Unique", "Trust")
DO_NOT_MAIL_EVERY = 25  # every 25th buyer asked not to be mailed (no random draw: the rest of the data stays put)
_FOLD = str.maketrans({"ı": "i", "đ": "d", "Đ": "D", "ß": "ss", "ø": "o", "ł": "l", "Ł": "L"})


@dataclass(slots=True)
class Product:
    model: str
    name: str
    moq: int
    base: float
    certs: str
    family: int
    active: bool


@dataclass(slots=True)
class Buyer:
    """A registered customer, with the facts the other tables need."""

    cid: str
    company: str
    contact: str
    email: str
    phone: str
    fax: str | None
    country: str
    region: str
    city: str
    tier: str
    owner: str


@dataclass(slots=True)
class Deal:
    """A replied inquiry of a registered customer: what quotes and samples are made from."""

    buyer: Buyer
    product: Product
    qty: float | None
    replied: datetime
    status: str
    intent: str


class Rng(Random):
    """random.Random with cheap picks: one C-level random() per pick instead of choice()'s bit sampling."""

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]

    def weighted(self, seq: Any, cum_weights: list[float]) -> Any:
        return seq[bisect(cum_weights, self.random() * cum_weights[-1])]


def cumulative(weights: Any) -> list[float]:
    return list(accumulate(weights))


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def fill_digits(rng: Rng, pattern: str) -> str:
    """'+971 4 ### ####' with random digits; one randrange per pattern."""
    n = pattern.count("#")
    digits = f"{rng.randrange(10 ** n):0{n}d}"
    parts = pattern.split("#")
    return "".join(p + d for p, d in zip(parts, digits, strict=False)) + parts[-1]


def make_products(full: bool, team: tuple[str, ...]) -> tuple[Table, list[Product]]:
    """The demo catalog (first wattages of each family) or the full ~60-model catalog for benchmarks."""
    table = Table(tuple(c.name for c in PRODUCTS.user_columns))
    products: list[Product] = []
    families: list[dict[str, Any]] = list(vocab.FAMILIES)  # heterogeneous vocabulary rows
    for f, fam in enumerate(families):
        prefix = fam["prefix"]
        watts = fam["watts"] if full else fam["watts"][: fam["demo"]]
        variants = [(w, "") for w in watts] + ([(watts[0], "D")] if full else [])
        for i, (w, suffix) in enumerate(variants):
            model = f"{prefix}{w:0{7 - len(prefix)}d}{suffix}"
            price = round(fam["base"] + fam["per_w"] * w + (0.15 if suffix else 0.0), 2)
            active = model not in vocab.DISCONTINUED
            name = fam["name"] + (" Dimmable" if suffix else "")
            products.append(Product(model, name, fam["moq"], price, fam["certs"], f, active))
            table.rows.append((
                model, name, fam["spec"].format(w=w), fam["moq"], fam["unit"], price, "USD", fam["certs"],
                fam["params"], team[f % len(team)], None, "Yes" if fam.get("hot") and i == 0 else "No",
                "Yes" if fam.get("new") else "No", "Yes" if active else "No", *vocab.PACKING[str(prefix)],
            ))
    return table, products


class Names:
    """Company names, contacts and e-mail addresses per country, unique within one dataset."""

    def __init__(self, rng: Rng) -> None:
        self.rng = rng
        self.taken: set[str] = set()
        self.repeats: dict[str, int] = {}
        self.country_cw = cumulative(c["weight"] for c in vocab.COUNTRIES)

    def country(self) -> dict[str, Any]:
        return self.rng.weighted(vocab.COUNTRIES, self.country_cw)

    def company(self, spec: dict[str, Any]) -> tuple[str, str]:
        """(display name, domain)."""
        rng = self.rng
        stem = rng.choice(spec["stems"])
        display, _, slug = stem.partition("|")
        slug = slug or ascii_slug(display)
        pattern = rng.choice(spec["patterns"])
        name = pattern.format(stem=display)
        if name in self.taken:
            qualifier = rng.choice(QUALIFIERS)
            name, slug = pattern.format(stem=f"{display} {qualifier}"), slug + qualifier.lower()
        if name in self.taken:
            n = self.repeats[name] = self.repeats.get(name, 1) + 1
            name, slug = f"{name} {n}", f"{slug}{n}"
        self.taken.add(name)
        return name, f"{slug}.{spec['tld']}"

    def contact(self, spec: dict[str, Any]) -> tuple[str, str]:
        """(contact name, mailbox local part)."""
        first, last = self.rng.choice(spec["first"]), self.rng.choice(spec["last"])
        return f"{first} {last}", ascii_slug(first)

    def free_mail(self, local: str) -> str:
        return f"{local}{self.rng.randrange(10, 999)}@{self.rng.choice(vocab.FREE_MAIL)}"


def make_customers(rng: Rng, count: int, team: tuple[str, ...]) -> tuple[Table, list[Buyer]]:
    names = Names(rng)
    table = Table(tuple(c.name for c in CUSTOMERS.user_columns))
    buyers: list[Buyer] = []
    width = max(4, len(str(count)))
    tier_cw, type_cw = cumulative(TIER_WEIGHTS), cumulative(w for _, w in TYPES)
    source_cw = cumulative(w for _, w in SOURCES)
    for n in range(1, count + 1):
        spec = names.country()
        tier = rng.weighted(TIERS, tier_cw)
        company, domain = names.company(spec)
        contact, local = names.contact(spec)
        r = rng.random()
        email = names.free_mail(local) if r < 0.18 else (
            f"{rng.choice(vocab.ROLE_MAILBOXES)}@{domain}" if r < 0.35 else f"{local}@{domain}")
        phone = fill_digits(rng, spec["phone"])
        fax = fill_digits(rng, spec["phone"]) if rng.random() < 0.12 else None
        grade = rng.choice(("A", tier)) if rng.random() < 0.05 else None
        buyer = Buyer(f"C{n:0{width}d}", company, contact, email, phone, fax, spec["country"], spec["region"],
                      rng.choice(spec["cities"]), tier, team[(n * 7 + rng.randrange(2)) % len(team)])
        buyers.append(buyer)
        table.rows.append((
            buyer.cid, company, contact, email, phone, fax, buyer.country, buyer.city,
            rng.weighted(TYPES, type_cw)[0], rng.choice(SIZE_BY_TIER[tier]),
            rng.weighted(SOURCES, source_cw)[0], buyer.owner, grade,
            rng.choice(vocab.CUSTOMER_NOTES) or None,
            None,  # Email Status: written by `import` when a buyer's address bounces
            "Yes" if n % DO_NOT_MAIL_EVERY == 0 else None,
        ))
    return table, buyers


def reply_minutes(rng: Rng, fax: bool) -> int:
    r = rng.random()
    if r < 0.45:
        minutes = rng.randint(4, 120)
    elif r < 0.8:
        minutes = rng.randint(121, 1440)
    elif r < 0.95:
        minutes = rng.randint(1441, 4320)
    else:
        minutes = rng.randint(4321, 10080)
    return min(minutes, rng.randint(60, 700)) if fax else minutes


def make_inquiries(rng: Rng, count: int, buyers: list[Buyer], products: list[Product], now: datetime,
                   factors: dict[str, float], team: tuple[str, ...]) -> tuple[Table, list[Deal]]:
    """`count` inquiries over the last WINDOW_DAYS up to `now`, in time order, and the deals they led to."""
    table = Table(tuple(c.name for c in INQUIRIES.user_columns))
    deals: list[Deal] = []
    names = Names(rng)
    window = WINDOW_DAYS * 24 * 60
    received = sorted(now - timedelta(minutes=int(window * rng.random() ** 1.15)) for _ in range(count))
    buyer_cw = cumulative(TIER_ACTIVITY[b.tier] for b in buyers)
    picks = rng.choices(buyers, cum_weights=buyer_cw, k=count) if buyers else [None] * count
    product_cw = cumulative(3.0 if p.active and p.model.endswith(("9", "0", "8")) else 1.0 for p in products)
    models = rng.choices(products, cum_weights=product_cw, k=count)
    intent_cw = {k: cumulative(v) for k, v in INTENT_MIX.items()}
    status_cw = {k: cumulative(w for _, w in v) for k, v in STATUS_MIX.items()}
    width = max(4, len(str(count)))
    for i, (when, buyer, product) in enumerate(zip(received, picks, models, strict=True)):
        known_buyer = buyer if buyer is not None and rng.random() < 0.6 else None
        intent = rng.weighted(INTENTS, intent_cw[known_buyer.tier if known_buyer else "new"])
        qty = int(product.moq * rng.choice(QTY_MOQ_MULTIPLES[intent])) or None
        region = known_buyer.region if known_buyer else ""
        price = round(product.base * factors.get(region, 1.0) * rng.uniform(0.82, 0.97), 2)
        target = price if rng.random() < TARGET_PRICE_SHARE[intent] else None
        if known_buyer is not None:
            buyer = known_buyer
            channel = "Fax" if buyer.fax and rng.random() < 0.3 else rng.choice(KNOWN_CHANNELS)
            cid, company, contact, email, phone, country = (buyer.cid, buyer.company, buyer.contact,
                                                            buyer.email, buyer.phone, buyer.country)
            owner = buyer.owner
        else:
            spec = names.country()
            channel = rng.choice(NEW_CHANNELS)
            contact, local = names.contact(spec)
            cid, country, owner = None, spec["country"], team[i % len(team)]
            if intent == "vague":
                company, email, phone = None, names.free_mail(local), None
            else:
                company, domain = names.company(spec)
                email = f"{local}@{domain}" if rng.random() < 0.6 else names.free_mail(local)
                phone = fill_digits(rng, spec["phone"])
            if channel == "Alibaba":
                email = None
        show_model = intent != "vague" and rng.random() < 0.9
        message = rng.choice(vocab.MESSAGES[intent]).format(
            contact_to=owner.split()[0], qty=f"{qty:,.0f}" if qty else "some", price=f"{price:.2f}",
            model=product.model if show_model else product.name, certs=product.certs.split(", ")[-1])
        delay = reply_minutes(rng, channel == "Fax")
        age_days = (now - when).days
        reply_at = when + timedelta(minutes=delay)
        replied: datetime | None = reply_at
        if reply_at > now or (age_days < 2 and rng.random() < 0.35) or rng.random() < 0.02:
            replied, status = None, "New"
        else:
            status = rng.weighted(STATUS_MIX[intent], status_cw[intent])[0]
            if status == "Ordered" and age_days < 5:
                status = "Quoted"
        grade = rng.choice(("A", "B", "C", "D", INTENT_GRADE[intent])) if rng.random() < 0.03 else None
        table.rows.append((
            f"INQ-{i + 1:0{width}d}", when, channel, cid, company, contact, email, phone, country,
            (product.model if show_model else product.name) if intent != "vague" else None,
            qty if intent != "vague" else None, target, message, owner, replied, status, grade,
            None, None,  # Message ID, Match: only the mail importer fills them
        ))
        if known_buyer is not None and replied is not None and status != "Replied":
            deals.append(Deal(known_buyer, product, qty, replied, status, intent))
    return table, deals
