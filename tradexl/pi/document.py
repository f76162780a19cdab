"""The proforma invoice a buyer asks for ("please send PI"), as plain data built from the workbook.

Pure: the inquiry, the catalogue with the buyer's region price, the Settings company profile and bank details
go in; a `ProformaInvoice` comes out, which the .xlsx, PDF and paste-ready text writers only lay out. Money is
Decimal, rounded to the currency's minor unit exactly like the region quotes, so the PI, the quote sheet and
the text quote always show the same unit price.

What the buyer asked vs our price comes from `tradexl.mail.answer`, the same answer the reply draft quotes, so a
PI never disagrees with the reply it follows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from tradexl.errors import TradeXLError
from tradexl.mail.answer import Answer, answer_inquiry
from tradexl.mail.reply import find_inquiry
from tradexl.messages import msg
from tradexl.model import InputTables
from tradexl.pi.words import amount_in_words
from tradexl.reports.pricing import _fold_model, currency_decimals
from tradexl.reports.quotes import valid_until
from tradexl.rules.parse import as_text, parse_number
from tradexl.settings import BankDetails, CompanyProfile, RegionPricing

NO_EMAIL_CHANNELS = ("Alibaba", "WhatsApp", "Phone", "Fax", "Trade show", "Other")
"""Inquiries from these channels usually have no email to attach a file to: the PI also comes as text to paste."""


@dataclass(frozen=True)
class PiLine:
    """One product line: what, how many, at what price, and how it is packed (totals for the line)."""

    model: str
    description: str
    quantity: int
    unit: str
    unit_price: Decimal
    amount: Decimal
    carton_qty: int | None = None
    carton_size: str = ""
    cartons: int | None = None
    cbm: float | None = None
    gross_weight: float | None = None
    lead_days: int | None = None


@dataclass(frozen=True)
class ProformaInvoice:
    number: str
    day: date
    valid_until: date
    inquiry_id: str
    customer_id: str
    buyer: tuple[tuple[str, str], ...]
    seller: CompanyProfile
    bank: BankDetails
    region: RegionPricing
    currency: str
    lines: tuple[PiLine, ...]
    owner: str
    channel: str
    notes: tuple[str, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def total_words(self) -> str:
        return amount_in_words(self.total, self.currency)

    @property
    def incoterm(self) -> str:
        """"FOB" of "FOB Ningbo"."""
        return self.region.incoterm.split(" ", 1)[0]

    @property
    def port(self) -> str:
        """"Ningbo" of "FOB Ningbo" ("" when the Settings name no place)."""
        parts = self.region.incoterm.split(" ", 1)
        return parts[1].strip() if len(parts) > 1 else ""

    @property
    def lead_time(self) -> str:
        days = [line.lead_days for line in self.lines if line.lead_days]
        return f"{max(days)} days after receipt of deposit" if days else "to be confirmed with the order"

    def packing_total(self, attr: str) -> float | None:
        values = [getattr(line, attr) for line in self.lines]
        return None if any(v is None for v in values) else sum(values)

    @property
    def needs_text(self) -> bool:
        """True when the buyer has no email address: the PI must also be pasted into a chat or platform."""
        email = dict(self.buyer).get("Email", "")
        return "@" not in email or self.channel in NO_EMAIL_CHANNELS


def money(value: Decimal, currency: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-currency_decimals(currency)), rounding=ROUND_HALF_UP)


def _number(value: Any) -> float | None:
    parsed = parse_number(value)
    return parsed if isinstance(parsed, float) and math.isfinite(parsed) and parsed > 0 else None


def pi_lines(answer: Answer, products: pd.DataFrame) -> tuple[list[PiLine], str, list[str]]:
    """The PI lines for the answer to an inquiry (`tradexl.mail.answer`, the same figures the reply quotes):
    the buyer's quantity where they gave one for a single model, else each model's MOQ; packing from Products.

    Returns the lines, their currency, and notes for the salesperson (quantity assumed, below MOQ, models not in
    the catalogue).
    """
    if answer.vague:
        raise TradeXLError(msg("error.pi_no_model", asked=", ".join(answer.asked) or "(blank)"))
    notes: list[str] = [msg("error.pi_not_active", model=m) for m in answer.missing]
    packing = {_fold_model(rec.get("Model")): rec for rec in products.to_dict("records")}
    lines = []
    for line in answer.lines:
        if line.unit_price is None:
            raise TradeXLError(msg("error.pi_no_price", model=line.model))
        quantity = line.quantity or line.moq
        if quantity is None:
            notes.append(msg("error.pi_no_quantity", model=line.model))
        elif line.quantity is None:
            notes.append(msg("error.pi_moq_quantity", model=line.model, moq=f"{quantity:,.0f}"))
        elif line.moq_gap:
            notes.append(msg("error.pi_below_moq", model=line.model, quantity=f"{quantity:,.0f}",
                             moq=f"{line.moq:,.0f}"))
        units = math.ceil(quantity or 1)
        rec = packing.get(_fold_model(line.model), {})
        carton = _number(rec.get("Carton Qty"))
        cartons = math.ceil(units / carton) if carton else None
        cbm, weight = _number(rec.get("CBM")), _number(rec.get("Gross Weight"))
        lines.append(PiLine(
            model=line.model, description="; ".join(p for p in (line.name, line.specification) if p),
            quantity=units, unit=line.unit or "pcs", unit_price=line.unit_price,
            amount=money(line.unit_price * units, line.currency),
            carton_qty=int(carton) if carton else None, carton_size=as_text(rec.get("Carton Size")),
            cartons=cartons, cbm=round(cbm * cartons, 3) if cbm and cartons else None,
            gross_weight=round(weight * cartons, 1) if weight and cartons else None,
            lead_days=line.lead_time_days))
    currencies = sorted({line.currency for line in answer.lines})
    if len(currencies) > 1:
        raise TradeXLError(msg("error.pi_currencies", currencies=", ".join(currencies)))
    return lines, currencies[0], notes


def pi_number(inquiry_id: str, day: date) -> str:
    """"PI261128-I0042": the day and the inquiry, so a PI is found from either and reruns give the same number."""
    safe = "".join(ch for ch in inquiry_id if ch.isalnum() or ch in "-_")
    return f"PI{day:%y%m%d}-{safe}"


def _buyer(inquiry: dict[str, Any], customer: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    def pick(name: str) -> str:
        return as_text(customer.get(name)) or as_text(inquiry.get(name))

    place = ", ".join(p for p in (as_text(customer.get("City")), pick("Country")) if p)
    fields = (("Company", pick("Company")), ("Attn", pick("Contact")), ("Address", place), ("Tel", pick("Phone")),
              ("Email", pick("Email")))
    return tuple((k, v) for k, v in fields if v)


def build_proforma(tables: InputTables, inquiry_id: str, today: date) -> ProformaInvoice:
    """The PI for one inquiry of the workbook's tables (raises a one-line TradeXLError when it cannot be made)."""
    settings = tables.settings
    _, inquiry = find_inquiry(tables, inquiry_id)
    customers = tables.frames["customers"]
    cid = as_text(inquiry.get("Customer ID"))
    ids = customers["Customer ID"].map(as_text) if "Customer ID" in customers else pd.Series(dtype=str)
    match = customers[(ids == cid) & (cid != "")]
    customer = match.iloc[0].to_dict() if len(match) else {}
    products = tables.frames["products"]
    answer = answer_inquiry(inquiry, products, tables.frames["quotes"], settings)
    lines, currency, notes = pi_lines(answer, products)
    owner = as_text(inquiry.get("Owner")) or as_text(customer.get("Owner"))
    return ProformaInvoice(
        number=pi_number(as_text(inquiry.get("Inquiry ID")) or inquiry_id, today), day=today,
        valid_until=valid_until(answer.region, today), inquiry_id=as_text(inquiry.get("Inquiry ID")),
        customer_id=cid, buyer=_buyer(inquiry, customer), seller=settings.company, bank=settings.bank,
        region=answer.region, currency=currency, lines=tuple(lines), owner=owner,
        channel=as_text(inquiry.get("Channel")),
        notes=tuple([answer.region_note] if answer.region_note else []) + tuple(notes))


def quote_rows(pi: ProformaInvoice) -> list[dict[str, Any]]:
    """The Quotes lines a sent PI is logged as (Quote No = the PI number)."""
    return [{"Quote No": pi.number, "Date": pi.day, "Customer ID": pi.customer_id,
             "Company": dict(pi.buyer).get("Company", ""), "Region": pi.region.region, "Model": line.model,
             "Quantity": line.quantity, "Unit Price": float(line.unit_price), "Currency": pi.currency,
             "Incoterm": pi.region.incoterm, "Valid Until": pi.valid_until, "Status": "Sent", "By": pi.owner}
            for line in pi.lines]
