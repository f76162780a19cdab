"""One decoded email -> one Inquiries row, keyed by the contract's canonical column names.

Pure: the Products models, the Settings and the time zone are passed in. Besides the contract's columns the
row carries `Message ID` (the dedup key: the Message-ID header, else a content hash), `Target Currency`,
`Subject`, `Attachments` (for the import report) and `Signature` (for the buyer rule); only `Message ID` is
written to the workbook.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any

from tradexl.mail.fields import (
    find_company,
    find_models,
    find_phone,
    find_quantity,
    find_target_price,
    labelled_fields,
)
from tradexl.mail.geo import country_of_domain, country_of_phone
from tradexl.mail.message import MailMessage, base_subject, local_naive
from tradexl.mail.text import split_body
from tradexl.rules.identity import email_domain, is_free_mail
from tradexl.rules.regions import find_country
from tradexl.settings import MailRoute, Settings

DEDUP_COLUMN = "Message ID"
MESSAGE_MAX_CHARS = 4000  # an Excel cell holds 32,767; a register row should stay readable

# (channel, where to look, pattern): the first rule that matches decides; otherwise Email.
CHANNEL_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("Alibaba", "from", re.compile(r"@([\w.-]+\.)?(alibaba|alibaba-inc|aliexpress)\.com$", re.IGNORECASE)),
    ("Alibaba", "subject", re.compile(r"alibaba\.com|阿里巴巴|new inquiry from .+ via alibaba", re.IGNORECASE)),
    ("Website", "headers", re.compile(r"wordpress|wpforms|contact form 7|elementor|jotform|typeform|X-Form",
                                      re.IGNORECASE)),
    ("Website", "subject", re.compile(r"website (inquiry|enquiry|form)|contact form|form submission|"
                                      r"new (message|submission) from .*(website|site)|网站询盘|网站留言",
                                      re.IGNORECASE)),
)
PLATFORM_CHANNELS = ("Alibaba", "Website")
CLIENT_HEADERS = ("X-Mailer", "User-Agent", "X-Form")
"""The headers that name the software that sent a message (a form plugin means a website inquiry)."""


def channel_of(msg: MailMessage) -> str:
    places = {"from": msg.from_addr, "subject": msg.subject,
              "headers": " ".join(f"{k} {msg.headers[k]}" for k in CLIENT_HEADERS if k in msg.headers)}
    for channel, where, pattern in CHANNEL_RULES:
        if pattern.search(places[where]):
            return channel
    return "Email"


def content_key(*parts: object) -> str:
    """A stable dedup key for a message without Message-ID: a hash of sender, time, subject and text."""
    digest = hashlib.sha256("\x1f".join(str(p or "") for p in parts).encode("utf-8")).hexdigest()
    return f"sha256:{digest[:32]}"


def owner_for(routes: Sequence[MailRoute], recipients: Iterable[str], text: str) -> str:
    """The salesperson the first matching route names: a mailbox (has "@") among the recipients, else a
    keyword found in the subject or body (case-insensitive); "" when none matches."""
    boxes = {r.lower() for r in recipients}
    folded = text.casefold()
    for route in routes:
        match = route.match.strip()
        if "@" in match and match.lower() in boxes:
            return route.owner
        if "@" not in match and match.casefold() in folded:
            return route.owner
    return ""


def country_name(text: str) -> str:
    """The map's spelling of a country ("UAE" -> "United Arab Emirates"); unknown text is kept as typed."""
    known = find_country(text)
    return known.name if known else text.strip()


def country_from_text(text: str) -> str:
    """A country named on a line of a signature ("Dubai, UAE", "Riyadh - Saudi Arabia", "Kenya").

    Two- and three-letter pieces count only in capitals ("UAE", "KSA"), so "me" or "in" never name a country.
    """
    for line in reversed(text.splitlines()):
        for piece in reversed(re.split(r"[,|/\-–]| {2,}", line)):
            candidate = re.sub(r"[\d.()+]+", "", piece).strip(" .:")
            if (len(candidate) >= 4 or (len(candidate) >= 2 and candidate.isupper())) and len(candidate) <= 40:
                known = find_country(candidate)
                if known:
                    return known.name
    return ""


def _name_from_address(addr: str) -> str:
    local = addr.split("@")[0]
    if re.fullmatch(r"(info|sales|purchase|purchasing|import|export|office|admin|contact|enquiry|inquiry|"
                    r"procurement|buyer|trade|service|support|mail|hello)\d*", local, re.IGNORECASE):
        return ""
    words = [w for w in re.split(r"[._\-]+", local) if w.isalpha()]
    return " ".join(w.capitalize() for w in words)


def _company_from_domain(domain: str) -> str:
    label = domain.lower().split(".")[0]
    return " ".join(w.capitalize() for w in re.split(r"[-_]", label) if w)


def inquiry_row(msg: MailMessage, models: Iterable[str], settings: Settings, *,
                tz: tzinfo | None = None, fallback_received: datetime | None = None) -> dict[str, Any]:
    """The Inquiries row for `msg`; `tz` is the zone times are shown in (default: this machine's)."""
    channel = channel_of(msg)
    body = msg.text if msg.text.strip() else msg.extra_text
    own, signature = split_body(body)
    fields = labelled_fields(body) if channel in PLATFORM_CHANNELS else {}
    message = split_body(fields["Message"])[0] if fields.get("Message") else (own or body)
    if msg.text.strip() and msg.extra_text:  # an attached message or inline text part: the buyer sent it too
        message = f"{message}\n\n{split_body(msg.extra_text)[0] or msg.extra_text}".strip()
    email = fields.get("Email", "").lower()
    if not email and channel not in PLATFORM_CHANNELS:
        email = msg.from_addr
    if not email and channel == "Website":
        email = msg.reply_to
    contact = fields.get("Contact") or (msg.from_name if channel == "Email" else "") or _name_from_address(email)
    domain = email_domain(email) if email else ""
    company = fields.get("Company") or find_company(signature)
    if not company and domain and not is_free_mail(domain):
        company = _company_from_domain(domain)
    phone = fields.get("Phone") or find_phone(signature)
    country = (country_name(fields.get("Country", "")) or country_from_text(signature)
               or country_of_phone(phone) or (country_of_domain(domain) if domain else ""))
    search_text = f"{msg.subject}\n{fields.get('Product', '')}\n{message}"
    found_models = find_models(search_text, models)
    quantity = find_quantity(fields.get("Quantity", "")) or find_quantity(message) or fields.get("Quantity")
    price = find_target_price(message)
    received = local_naive(msg.date, tz) or fallback_received
    return {
        "Received": received,
        "Channel": channel,
        "Company": company,
        "Contact": contact,
        "Email": email,
        "Phone": phone,
        "Country": country,
        "Product": ", ".join(found_models) or fields.get("Product", ""),
        "Quantity": quantity,
        "Target Price": price.amount if price else None,
        "Target Currency": price.currency if price else "",
        "Message": _trim(message),
        "Owner": owner_for(settings.mail_routing, msg.recipients, f"{msg.subject}\n{message}"),
        "Status": "New",
        DEDUP_COLUMN: msg.message_id or content_key(msg.from_addr, msg.date, base_subject(msg.subject),
                                                    msg.text[:2000]),
        "Subject": msg.subject,
        "Attachments": ", ".join(msg.attachments),
        "Signature": signature,  # every number in it (fax lines too) identifies a returning buyer
    }


def _trim(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text).strip()
    return text if len(text) <= MESSAGE_MAX_CHARS else text[:MESSAGE_MAX_CHARS - 1].rstrip() + "…"
