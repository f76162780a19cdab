"""Orders of the sample exporter, and the follow-ups where a salesperson asked the manager for help.

Every inquiry that ended Ordered becomes a PI (one to three lines, the first the inquired product) priced per
region, paid the way the region's Payment Terms say: a deposit soon after the PI, the balance around shipment.
A few buyers pay late, so the demo has balances overdue; European buyers pay in EUR, a few in CNY, so the
exchange-rate table matters. Only `rng` draws decide, after every other sheet is made, so the other sheets do
not change when this module does.
"""

from __future__ import annotations

from datetime import date, timedelta

from tradexl.sampledata.generate import Deal, Product, Rng
from tradexl.sampledata.table import Table
from tradexl.schema import ORDERS
from tradexl.settings import RegionPricing

DEMO_RATES = {"EUR": 1.08, "CNY": 0.138, "GBP": 1.27}
"""Settings › Currency of the demo: value of one unit in USD."""
CURRENCY_BY_REGION = {"Europe": "EUR"}
LATE_PAYERS = 0.25
"""Share of shipped orders whose balance has not come in by its due day."""
EXTRA_LINES = (0, 0, 0, 1, 1, 2)
NEEDS_HELP_EVERY = 6
"""Every n-th follow-up of the last two weeks asks for the manager's help (discount, terms, sample cost)."""
HELP_REQUESTS = (
    "Buyer asks 5% discount for a full container – can we accept?",
    "Buyer wants 20% deposit instead of 30% – please decide.",
    "Buyer asks a free physical sample, cost above the limit – approve?",
    "Competitor offers 8% lower – match the price?",
)
DECISIONS = ("OK at 3% if 2×40HQ.", "Keep 30% deposit; offer faster shipment instead.",
             "Approved, freight collect.", "Hold price; stress warranty and certificates.")


def _status(ship: date, paid: bool, today: date) -> str:
    if ship > today + timedelta(days=20):
        return "Confirmed"
    if ship > today:
        return "In production"
    return "Completed" if paid else "Shipped"


def make_orders(rng: Rng, deals: list[Deal], products: list[Product], regions: dict[str, RegionPricing],
                today: date) -> Table:
    """One PI per ordered deal, numbered per month, with deposits and balances as of `today`."""
    rows: list[tuple] = []
    active = [p for p in products if p.active]
    fallback = next(iter(regions.values()))
    per_month: dict[str, int] = {}
    for deal in sorted((d for d in deals if d.status == "Ordered"), key=lambda d: d.replied):
        day = min(deal.replied.date() + timedelta(days=rng.randint(1, 9)), today)
        month = f"{day:%y%m}"
        per_month[month] = per_month.get(month, 0) + 1
        number = f"LXPI{month}-{per_month[month]:03d}"
        pricing = regions.get(deal.buyer.region, fallback)
        currency = CURRENCY_BY_REGION.get(pricing.region, "CNY" if rng.random() < 0.08 else "USD")
        to_currency = 1 / DEMO_RATES[currency] if currency != "USD" else 1.0
        lines = [(deal.product, deal.qty or deal.product.moq * 2)]
        lines += [(p, p.moq * rng.choice((1, 2, 3))) for p in rng.sample(active, rng.choice(EXTRA_LINES))]
        priced = [(p, qty, round(p.base * pricing.price_factor * to_currency * rng.uniform(0.96, 1.0), 2))
                  for p, qty in lines]
        total = sum(qty * price for _, qty, price in priced)
        ship = day + timedelta(days=rng.randint(25, 45))
        share = 0.5 if "50%" in pricing.payment_terms else 0.0 if "100%" in pricing.payment_terms else 0.3
        deposit_day = day + timedelta(days=rng.randint(2, 10))
        deposit = round(total * share, 2) if share and deposit_day <= today else None
        balance_due = ship + timedelta(days=0 if "before" in pricing.payment_terms else 7)
        late = rng.random() < LATE_PAYERS
        balance_day = balance_due - timedelta(days=rng.randint(0, 4))
        balance = round(total - (deposit or 0.0), 2) if today >= balance_day and not late else None
        status = _status(ship, balance is not None, today)
        for i, (product, qty, price) in enumerate(priced):
            first = i == 0
            rows.append((number, day, deal.buyer.cid, deal.buyer.company, product.model, qty, price, None,
                         currency, pricing.payment_terms if first else None, deposit if first else None,
                         deposit_day if first and deposit else None, balance if first else None,
                         balance_day if first and balance else None, ship, status, deal.buyer.owner))
    return Table(tuple(c.name for c in ORDERS.user_columns), rows)


def ask_for_help(followups: Table, today: date) -> None:
    """Mark every `NEEDS_HELP_EVERY`-th follow-up of the last 14 days Needs Help; the older half has a decision."""
    cols = followups.columns
    date_at, summary_at = cols.index("Date"), cols.index("Summary")
    help_at, decision_at = cols.index("Needs Help"), cols.index("Decision")
    recent = [i for i, row in enumerate(followups.rows)
              if isinstance(row[date_at], date) and 0 <= (today - row[date_at]).days <= 14]
    for n, i in enumerate(recent[::NEEDS_HELP_EVERY]):
        row = list(followups.rows[i])
        row[summary_at] = HELP_REQUESTS[n % len(HELP_REQUESTS)]
        row[help_at] = "Yes"
        if (today - row[date_at]).days > 7:
            row[decision_at] = DECISIONS[n % len(DECISIONS)]
        followups.rows[i] = tuple(row)
