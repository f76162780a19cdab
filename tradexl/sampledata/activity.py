"""Follow-ups, quotes and samples that follow from the sample customers and their inquiries.

Follow-ups walk each customer's history at the rhythm of their hidden tier (A twice a week ... D monthly), and
some customers stop being followed so the due list has overdue names. Quotes and samples come from the deals
the inquiries led to, priced per region the way the seed asks (base price × the region's factor).
"""

from __future__ import annotations

from datetime import date, timedelta

from tradexl.sampledata import vocab
from tradexl.sampledata.generate import WINDOW_DAYS, Buyer, Deal, Product, Rng, cumulative, fill_digits
from tradexl.sampledata.table import Table
from tradexl.schema import FOLLOWUPS, QUOTES, SAMPLES
from tradexl.settings import RegionPricing

FOLLOWUP_EVERY = {"A": 3.5, "B": 7.0, "C": 14.0, "D": 30.0}
FOLLOWUP_MIX = {
    "A": (("Phone", 30), ("WhatsApp", 25), ("Email", 20), ("Quote", 10), ("Sample", 5), ("Visit", 5),
          ("Trade show", 5)),
    "B": (("Email", 40), ("WhatsApp", 20), ("Phone", 15), ("Quote", 15), ("Sample", 5), ("Trade show", 5)),
    "C": (("Email", 65), ("WhatsApp", 10), ("Phone", 10), ("Quote", 5), ("Trade show", 10)),
    "D": (("Email", 75), ("WhatsApp", 10), ("Phone", 5), ("Trade show", 10)),
}
QUOTE_LINES = (1, 1, 1, 1, 2, 2, 3)
TRACKING = {"DHL": "##########", "FedEx": "############", "UPS": "1Z8V4R9704########",
            "SF Express": "SF#############", "TNT": "#########"}


def make_followups(rng: Rng, buyers: list[Buyer], products: list[Product], today: date) -> Table:
    """Follow-ups of every customer over the window, oldest first; ~6% never followed, ~15% gone overdue."""
    rows: list[tuple] = []
    next_year = today.year + 1
    steps = [s.format(next_year=next_year) or None for s in vocab.NEXT_STEPS]
    mix = {t: ([c for c, _ in m], cumulative(w for _, w in m)) for t, m in FOLLOWUP_MIX.items()}
    last_day, first_day = today.toordinal(), today.toordinal() - WINDOW_DAYS
    for buyer in buyers:
        r = rng.random()
        if r < 0.06:
            continue
        every = FOLLOWUP_EVERY[buyer.tier]
        day = first_day + rng.uniform(0, every) if r > 0.3 else last_day - rng.uniform(0, WINDOW_DAYS)
        stop = last_day - every * rng.uniform(1.5, 4.0) if rng.random() < 0.15 else last_day
        channels, cw = mix[buyer.tier]
        first_name = buyer.contact.split()[0]
        while day <= stop:
            channel = "Fax" if buyer.fax and rng.random() < 0.25 else rng.weighted(channels, cw)
            product = rng.choice(products)
            summary = rng.choice(vocab.FOLLOWUP_SUMMARIES[channel]).format(
                model=product.model, name=product.name, contact=first_name, city=buyer.city)
            rows.append((date.fromordinal(int(day)), buyer.cid, buyer.company, channel, summary,
                         rng.choice(steps), buyer.owner, None, None))  # Needs Help, Decision
            day += max(1.0, every * rng.uniform(0.6, 1.3))
    rows.sort(key=lambda row: row[0])
    return Table(tuple(c.name for c in FOLLOWUPS.user_columns), rows)


def make_quotes(rng: Rng, deals: list[Deal], products: list[Product], regions: dict[str, RegionPricing],
                today: date) -> Table:
    """One quote per deal (half the lost ones were never quoted), 1-3 lines, numbered per month."""
    rows: list[tuple] = []
    active = [p for p in products if p.active]
    per_month: dict[str, int] = {}
    fallback = next(iter(regions.values()))
    for deal in deals:
        if deal.status == "Lost" and rng.random() < 0.5:
            continue
        day = deal.replied.date()
        month = f"{day:%y%m}"
        per_month[month] = per_month.get(month, 0) + 1
        quote_no = f"LXQ{month}-{per_month[month]:03d}"
        pricing = regions.get(deal.buyer.region, fallback)
        valid = day + timedelta(days=pricing.valid_days)
        status = {"Ordered": "Accepted", "Lost": "Rejected"}.get(
            deal.status, "Expired" if valid < today else "Sent")
        lines = [(deal.product, deal.qty or deal.product.moq)]
        lines += [(p, p.moq * rng.choice((1, 2, 5))) for p in rng.sample(active, rng.choice(QUOTE_LINES) - 1)]
        for product, qty in lines:
            price = round(product.base * pricing.price_factor * rng.uniform(0.98, 1.04), 2)
            rows.append((quote_no, day, deal.buyer.cid, deal.buyer.company, pricing.region, product.model, qty,
                         price, "USD", pricing.incoterm, valid, status, deal.buyer.owner))
    return Table(tuple(c.name for c in QUOTES.user_columns), rows)


def _sample_status(rng: Rng, age: int, ordered: bool) -> str:
    if age < 5:
        return "Sent"
    if age < 12:
        return "Delivered"
    return "Approved" if ordered else rng.choice(("Feedback", "Approved", "Rejected", "Delivered"))


def make_samples(rng: Rng, deals: list[Deal], today: date) -> Table:
    """E-sample first (free, same day), then for about half a physical sample by courier (seed step 8)."""
    rows: list[tuple] = []
    for deal in deals:
        if rng.random() > (0.7 if deal.intent == "sample" else 0.04):
            continue
        buyer, product = deal.buyer, deal.product
        day = deal.replied.date()
        ordered = deal.status == "Ordered"
        e_status = "Sent" if (today - day).days < 7 else "Approved" if ordered else rng.choice(("Feedback", "Sent"))
        rows.append((day, buyer.cid, buyer.company, product.model, "E-sample", None, None, None, 0.0, e_status,
                     buyer.owner))
        if rng.random() > 0.5:
            continue
        ship = day + timedelta(days=rng.randint(1, 5))
        if ship > today:
            continue
        goods = product.base * 2
        if product.base > 20 and rng.random() < 0.6:
            freight, courier, cost = "T/T prepay", rng.choice(vocab.COURIERS), goods
        elif buyer.tier in "AB" and rng.random() < 0.4:
            freight, courier, cost = "Prepaid", rng.choice(vocab.COURIERS), goods + rng.uniform(30, 120)
        else:
            freight, courier, cost = "Collect", rng.choice(("DHL", "FedEx", "UPS")), goods
        age = (today - ship).days
        status = "Preparing" if age < 1 else _sample_status(rng, age, ordered)
        tracking = None if status == "Preparing" else fill_digits(rng, TRACKING[courier])
        rows.append((ship, buyer.cid, buyer.company, product.model, "Physical", freight, courier, tracking,
                     round(cost, 2), status, buyer.owner))
    rows.sort(key=lambda row: row[0])
    return Table(tuple(c.name for c in SAMPLES.user_columns), rows)
