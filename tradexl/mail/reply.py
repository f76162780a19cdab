"""`tradexl reply`: a ready-to-send answer to one inquiry, as an `.eml` draft the mail client opens unsent.

Seed step 5: every reply carries an accurate quote for the buyer's market, the e-catalog and the company
introduction. The draft has `X-Unsent: 1`, so Outlook, Thunderbird and Foxmail open it as a new message to
edit and send. The quote lines and a follow-up are logged in the workbook (Quotes, Follow-ups) at the same time.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.errors import MailError
from tradexl.mail.match import next_id
from tradexl.model import InputTables
from tradexl.reports.pricing import select_products
from tradexl.reports.quotes import priced_products, valid_until, whole
from tradexl.reports.textquote import text_quote, to_ascii
from tradexl.rules.parse import as_text
from tradexl.rules.regions import region_of
from tradexl.settings import RegionPricing, Settings

DEFAULT_QUOTE_PREFIX = "Q"
CATALOG_MAX_BYTES = 20 * 1024 * 1024  # what mail servers commonly accept


@dataclass
class Draft:
    """The draft message and what gets logged for it in the workbook."""

    message: EmailMessage
    file_name: str
    inquiry_row: int
    quotes: list[dict[str, Any]] = field(default_factory=list)
    followup: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)



def find_inquiry(tables: InputTables, inquiry_id: str) -> tuple[int, dict[str, Any]]:
    frame = tables.frames["inquiries"]
    ids = frame.get("Inquiry ID", pd.Series(dtype=object)).map(as_text).str.casefold()
    hits = frame[ids == inquiry_id.strip().casefold()]
    if hits.empty:
        raise MailError(f"no inquiry '{inquiry_id}' on the Inquiries sheet (see its Inquiry ID column)")
    return int(hits.index[0]), hits.iloc[0].to_dict()


def region_for(country: str, settings: Settings) -> tuple[RegionPricing, str]:
    """The buyer's pricing region; an unknown country gets the standard (factor nearest 1.0) price, noted."""
    found = settings.region_pricing(region_of(country, settings.country_regions))
    if found is not None:
        return found, ""
    standard = min(settings.regions, key=lambda r: abs(r.price_factor - 1.0))
    return standard, f"country '{country or '(blank)'}' has no pricing region; quoted {standard.region} prices"


def introduction(settings: Settings) -> str:
    c = settings.company
    return (f"{c.name} was founded in {c.founded}, with total assets of {c.total_assets} and annual sales of "
            f"{c.annual_sales}. {c.awards}.")


def _models(product: str) -> list[str]:
    return [m.strip() for m in product.replace(";", ",").split(",") if m.strip()]


def build_draft(tables: InputTables, inquiry_id: str, *, today: date, now: datetime,
                catalog_dir: Path | None = None) -> Draft:
    """The reply draft for one inquiry and its Quotes/Follow-ups rows (pure apart from reading the catalog)."""
    settings = tables.settings
    row, inquiry = find_inquiry(tables, inquiry_id)
    email = as_text(inquiry.get("Email"))
    if "@" not in email:
        raise MailError(f"inquiry {inquiry_id} has no buyer email; reply on its platform (e.g. Alibaba)")
    region, note = region_for(as_text(inquiry.get("Country")), settings)
    products = tables.frames["products"]
    asked = _models(as_text(inquiry.get("Product")))
    chosen, _ = select_products(products, asked)
    models = list(chosen["Model"].astype(str)) if len(chosen) else None
    quote = text_quote(region, products, settings, today, models=models)
    contact = as_text(inquiry.get("Contact"))
    owner = as_text(inquiry.get("Owner"))
    opening = [f"Dear {contact or 'Sir or Madam'},", "",
               f"Thank you for your inquiry{' about ' + ', '.join(asked) if asked else ''}. "
               "Please find our quotation below.", ""]
    priced = priced_products(chosen if models else products, region)
    details = [f"- {r['Model']}: MOQ {whole(r.get('MOQ')) or 'on request'} {as_text(r.get('Unit'))}".rstrip()
               + (f"; certifications: {as_text(r.get('Certifications'))}" if as_text(r.get("Certifications")) else "")
               for r in priced.to_dict("records")]
    closing = ["Minimum order and certifications:", *details, "", "About us:", introduction(settings), "",
               "Best regards,", owner or settings.company.contact, settings.company.name,
               f"Tel: {settings.company.phone}  Fax: {settings.company.fax}", settings.company.email]
    msg = EmailMessage(policy=SMTP)
    msg["To"] = email
    if "@" in settings.company.email:
        msg["From"] = settings.company.email
    msg["Subject"] = f"Re: {_subject(asked, inquiry)}"
    msg["Date"] = format_datetime(now.astimezone())
    msg["Message-ID"] = make_msgid(domain=(settings.company.email.split("@")[-1] or None) if "@" in
                                   settings.company.email else None)
    msg["X-Unsent"] = "1"
    body = f"{to_ascii_lines(opening)}\n{quote}\n{to_ascii_lines(closing)}\n"
    msg.set_content(body, cte="7bit" if max(map(len, body.splitlines())) < 990 else "quoted-printable")
    notes = [note] if note else []
    _attach_catalog(msg, settings, catalog_dir, notes)
    quote_no = next_id(tables.frames["quotes"].get("Quote No", pd.Series(dtype=object)).dropna(),
                       DEFAULT_QUOTE_PREFIX)
    quantity = inquiry.get("Quantity") if len(priced) == 1 else None
    quotes = [{"Quote No": quote_no, "Date": today, "Customer ID": as_text(inquiry.get("Customer ID")),
               "Company": as_text(inquiry.get("Company")), "Region": region.region, "Model": r["Model"],
               "Quantity": quantity if isinstance(quantity, int | float) and not pd.isna(quantity) else None,
               "Unit Price": float(r["Price"]) if r["Price"] is not None else None, "Currency": r["Currency"],
               "Incoterm": region.incoterm, "Valid Until": valid_until(region, today), "Status": "Sent",
               "By": owner} for r in priced.to_dict("records")]
    followup = {"Date": today, "Customer ID": as_text(inquiry.get("Customer ID")),
                "Company": as_text(inquiry.get("Company")), "Channel": "Quote",
                "Summary": f"Reply to {inquiry_id}: quote {quote_no} ({region.region})"
                           f" for {', '.join(str(q['Model']) for q in quotes) or 'the catalogue'}",
                "Next Step": "Follow up on the quote", "By": owner}
    return Draft(msg, f"reply-{_safe(inquiry_id)}.eml", row, quotes, followup, notes)


def to_ascii_lines(lines: list[str]) -> str:
    """Buyer-facing lines as ASCII (quotes go out as plain ASCII), blank lines kept."""
    return "\n".join(to_ascii(line) if line.strip() else "" for line in lines)


def _subject(asked: list[str], inquiry: dict[str, Any]) -> str:
    what = ", ".join(asked) or "your inquiry"
    return f"Your inquiry about {what}" if asked else what.capitalize()


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)


def _attach_catalog(msg: EmailMessage, settings: Settings, catalog_dir: Path | None, notes: list[str]) -> None:
    if not settings.catalog_file:
        return
    path = Path(settings.catalog_file)
    if not path.is_absolute() and catalog_dir is not None:
        path = catalog_dir / path
    if not path.is_file():
        notes.append(f"e-catalog '{settings.catalog_file}' not found; attach it by hand")
        return
    if path.stat().st_size > CATALOG_MAX_BYTES:
        notes.append(f"e-catalog '{path.name}' is over 20 MB; send a link instead")
        return
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    maintype, subtype = ctype.split("/", 1)
    msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)


def sent_values(tables: InputTables, draft: Draft, now: datetime) -> dict[str, Any]:
    """What `--sent` records on the inquiry: the reply time, and Quoted/Replied while the status still says New."""
    values: dict[str, Any] = {"Replied At": now.replace(second=0, microsecond=0)}
    status = as_text(tables.frames["inquiries"].at[draft.inquiry_row, "Status"])
    if status in ("", "New"):
        values["Status"] = "Quoted" if draft.quotes else "Replied"
    return values


def reply(path: Path, inquiry_id: str, out_dir: Path, *, today: date, now: datetime, sent: bool = False,
          force: bool = False) -> tuple[Path, Draft]:
    """Write the draft into `out_dir` and log its quote lines and a follow-up in the workbook (saved once)."""
    from tradexl.fileengine.engine import FileWorkbook

    path = Path(path)
    book = FileWorkbook(path, force=force)
    tables = book.read()
    draft = build_draft(tables, inquiry_id, today=today, now=now, catalog_dir=path.parent)
    if sent:
        book.update_row("inquiries", draft.inquiry_row, sent_values(tables, draft, now))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / draft.file_name
    target.write_bytes(draft.message.as_bytes())
    if draft.quotes:
        book.append_rows("quotes", draft.quotes)
    book.append_rows("followups", [draft.followup])
    book.save()
    return target, draft
