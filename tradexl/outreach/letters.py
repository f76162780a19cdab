"""One personal letter per buyer: the values every template can use, and the letters of a selection.

Mailings, greetings, closure notices, visit requests and show invitations are all the same thing: a template
filled with the buyer's and the sender's details. The sender is the buyer's owner from Settings › Team
(`tradexl.mail.draft.sender_for`), and the signature names the same person as the From header.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from typing import Any

import pandas as pd

from tradexl.mail.draft import safe_file_name, sender_for
from tradexl.outreach.segments import IN_MAILING
from tradexl.outreach.templates import SIGNATURE, Block, Template, check_placeholders, render
from tradexl.reports.common import column
from tradexl.settings import Settings

NO_NAME = "Sir or Madam"
BUYER_FIELDS = ("contact", "first_name", "company", "country", "city", "region", "grade", "customer_id")
SUMMARY_COLUMNS = ("Mailing", "Customer ID", "Company", "Contact", "Email", "Country", "Region", "Grade", "Owner",
                   "Status", "Draft", "Channel", "Log As")
"""The summary list of any outreach folder: `Channel` and `Log As` are the Follow-up each draft becomes once
sent, so one `--mark-sent DIR` serves mailings, greetings and invitations alike."""
SENDER_FIELDS = ("sender", "sender_email", "our_company", "our_phone", "our_fax", "our_email", "our_website",
                 "our_address", "signature")


@dataclass(frozen=True)
class Letter:
    """A filled-in draft for one buyer, before it becomes an .eml (see `outreach.files`)."""

    customer_id: str
    company: str
    contact: str
    address: str
    owner: str
    sender: Address | None
    subject: str
    text: str
    html: str
    stem: str


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def split_name(contact: str) -> tuple[str, str]:
    """("José", "Muñoz García") from "José Muñoz García"; a single word is the first name."""
    first, _, last = contact.strip().partition(" ")
    return first, last.strip()


def buyer_values(row: Mapping[str, Any]) -> dict[str, str]:
    """The buyer placeholders of one Customers row (enriched)."""
    contact = _cell(row.get("Contact"))
    return {
        "contact": contact or NO_NAME,
        "first_name": split_name(contact)[0] or NO_NAME,
        "company": _cell(row.get("Company")),
        "country": _cell(row.get("Country")),
        "city": _cell(row.get("City")),
        "region": _cell(row.get("Region")),
        "grade": _cell(row.get("Effective Grade")),
        "customer_id": _cell(row.get("Customer ID")),
    }


def sender_values(settings: Settings, sender: Address | None, owner: str) -> dict[str, str]:
    """The sender placeholders, and {signature} made from them."""
    company = settings.company
    values = {
        "sender": sender.display_name if sender is not None else owner or company.contact,
        "sender_email": sender.addr_spec if sender is not None else "",
        "our_company": company.name, "our_phone": company.phone, "our_fax": company.fax,
        "our_email": company.email, "our_website": company.website, "our_address": company.address,
    }
    values["signature"] = SIGNATURE.format_map(values)
    return values


PerBuyer = Callable[[Mapping[str, Any]], tuple[Mapping[str, str], Mapping[str, Block]]]


def known_fields(extra: tuple[str, ...]) -> tuple[str, ...]:
    return BUYER_FIELDS + SENDER_FIELDS + extra


def fill_letters(selected: pd.DataFrame, settings: Settings, template: Template, per_buyer: PerBuyer,
                  extra_fields: tuple[str, ...], prefix: str = "") -> list[Letter]:
    """A letter for every selected buyer whose `Mail Status` is Draft, in the selection's order.

    `per_buyer(row)` gives the template-specific values and blocks for one buyer (e.g. region prices).
    """
    check_placeholders(template, known_fields(extra_fields))
    senders: dict[str, tuple[Address | None, dict[str, str]]] = {}
    letters = []
    ready = selected[selected["Mail Status"] == IN_MAILING]
    for number, row in enumerate(ready.to_dict("records"), start=1):
        owner = _cell(row.get("Owner"))
        if owner not in senders:
            sender = sender_for(settings, owner)
            senders[owner] = (sender, sender_values(settings, sender, owner))
        sender, from_values = senders[owner]
        buyer = buyer_values(row)
        values, blocks = per_buyer(row)
        subject, text, page = render(template, {**buyer, **from_values, **values}, blocks)
        stem = "-".join(p for p in (prefix, f"{number:04d}", buyer["customer_id"], buyer["company"]) if p)
        letters.append(Letter(buyer["customer_id"], buyer["company"], _cell(row.get("Contact")),
                              str(row["Address"]), owner, sender, subject, text, page, stem))
    return letters


def summary_frame(selected: pd.DataFrame, letters: list[Letter], name: str, channel: str,
                  log_as: str | pd.Series) -> pd.DataFrame:
    """Who is in a mailing (and who is left out, with why), in SUMMARY_COLUMNS.

    `letters` are those `fill_letters` made for `selected`, in its order; `log_as` is the Follow-up summary a
    sent draft is logged as (one text, or one per selected row).
    """
    def text(name: str) -> pd.Series:
        return column(selected, name).fillna("").astype(str)

    summary = pd.DataFrame({
        "Mailing": name, "Customer ID": text("Customer ID"), "Company": text("Company"),
        "Contact": text("Contact"), "Email": selected["Address"], "Country": text("Country"),
        "Region": text("Region"), "Grade": text("Effective Grade"), "Owner": text("Owner"),
        "Status": selected["Mail Status"], "Draft": "", "Channel": channel, "Log As": log_as,
    }, index=selected.index, columns=list(SUMMARY_COLUMNS))
    summary.loc[summary["Status"] == IN_MAILING, "Draft"] = [safe_file_name(x.stem) for x in letters]
    return summary
