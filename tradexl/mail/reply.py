"""`tradexl reply`: the answer to one inquiry as an unsent `.eml` draft, logged only once it is sent.

Seed step 5: every reply carries an accurate quote for the buyer's market, the e-catalog and the company
introduction. The draft answers what the buyer asked (`mail.answer`): their quantity's total, their target
price, the MOQ, lead time, a PI when they asked for one, a price that changed since we last quoted them. The
plain-text part is the procedure's plain-text quote; an HTML alternative shows the same lines as a table.

A draft is not a contact: nothing is logged until the salesperson says the reply went out (`--sent`). Then the
inquiry gets Replied At and its status, and the quote lines the draft actually quoted and one follow-up are
added, once per inquiry: the follow-up's Summary starts "Reply to <Inquiry ID>:", which is how a second
`--sent` knows there is nothing left to log.

`compose_reply` is pure (tables, day and time in; message and rows out); `reply_file` does the I/O.
"""

from __future__ import annotations

import mimetypes
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.errors import MailError
from tradexl.mail.answer import Answer, LineAnswer, answer_inquiry, quote_number
from tradexl.mail.draft import (
    Attachment,
    compose_draft,
    mailbox,
    safe_file_name,
    sender_for,
    write_draft,
    write_paste_text,
)
from tradexl.messages import msg
from tradexl.model import InputTables
from tradexl.reports.common import column
from tradexl.reports.pricing import active_products, format_price
from tradexl.reports.quotes import company_lines, term_lines, valid_until
from tradexl.reports.textquote import labelled_lines, text_quote
from tradexl.rules.identity import first_email
from tradexl.rules.parse import as_text
from tradexl.settings import Settings

CATALOG_MAX_BYTES = 20 * 1024 * 1024  # what mail servers commonly accept
SUMMARY_MARK = "Reply to {inquiry_id}:"
QUOTE_IN_SUMMARY = re.compile(r"\bquote (\S+) \(")
DRAFTED_QUOTE = re.compile(r"quotation (\S*?(\d{4})-\d+)$")
LETTER_WIDTH = 78  # plain-text mail convention; the quote table below keeps its own width
CATALOG_SUMMARY = 10  # products listed when a vague inquiry meets a catalog with nothing marked Hot or New
# A price is "per" one unit: "USD 5.80/pc", not "/pcs".
UNIT_SINGULAR = {"pcs": "pc", "pieces": "piece", "sets": "set", "units": "unit", "pairs": "pair", "boxes": "box",
                 "cartons": "carton", "rolls": "roll", "meters": "meter", "metres": "metre", "tons": "ton",
                 "bags": "bag", "lots": "lot"}


@dataclass
class ReplyDraft:
    """The draft message (None when the buyer left no email: `text` is then pasted into their platform's chat)
    and the rows `--sent` logs for it."""

    message: EmailMessage | None
    text: str
    stem: str
    inquiry_row: int
    answer: Answer
    quote_no: str
    quotes: list[dict[str, Any]] = field(default_factory=list)
    followup: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReplyResult:
    draft_path: Path
    draft: ReplyDraft
    logged: bool  # rows were added by this run
    logged_before: date | None  # this inquiry's reply was already logged on that day (nothing added)


def find_inquiry(tables: InputTables, inquiry_id: str) -> tuple[int, dict[str, Any]]:
    frame = tables.frames["inquiries"]
    ids = column(frame, "Inquiry ID").map(as_text).str.casefold()
    hits = frame[ids == inquiry_id.strip().casefold()]
    if hits.empty:
        raise MailError(msg("error.no_inquiry", inquiry_id=inquiry_id))
    return int(hits.index[0]), hits.iloc[0].to_dict()


def logged_reply(followups: pd.DataFrame, inquiry_id: str) -> tuple[date, str] | None:
    """When this inquiry's reply was logged as sent (its follow-up) and the quote number logged with it."""
    mark = SUMMARY_MARK.format(inquiry_id=inquiry_id.strip()).casefold()
    summaries = column(followups, "Summary").map(as_text)
    hits = followups[summaries.str.casefold().str.startswith(mark)]
    if hits.empty:
        return None
    day = column(hits, "Date", None).iloc[0]
    found = QUOTE_IN_SUMMARY.search(summaries[hits.index[0]])
    return (day.date() if isinstance(day, datetime) else day if isinstance(day, date) else date.min,
            found.group(1) if found else "")


def draft_stem(inquiry_id: str) -> str:
    return f"reply-{inquiry_id.strip()}"


def drafted_quote_no(draft_file: Path, taken: Iterable[object], today: date) -> str | None:
    """The quote number an earlier draft of this reply gave the buyer (its Subject), when it is of `today`'s
    month and still free: `--sent` after the draft went out then logs the number the buyer saw."""
    if not draft_file.is_file():
        return None
    subject = str(message_from_bytes(draft_file.read_bytes(), policy=default)["Subject"] or "")
    found = DRAFTED_QUOTE.search(subject)
    if not found or found.group(2) != f"{today:%y%m}":
        return None
    number = found.group(1)
    return None if number.casefold() in {as_text(t).casefold() for t in taken} else number


def compose_reply(tables: InputTables, inquiry_id: str, *, today: date, now: datetime,
                  catalog: Attachment | None = None, quote_no: str | None = None) -> ReplyDraft:
    """The reply draft for one inquiry and the Quotes/Follow-ups rows a sent reply logs (pure).

    `today` dates the quote (validity, quote-number month, follow-up date); `now` (time-zone aware) is the
    draft's Date header. `quote_no` defaults to the next free number of `today`'s month.
    """
    settings = tables.settings
    row, inquiry = find_inquiry(tables, inquiry_id)
    email = first_email(inquiry.get("Email"))  # the first, when a cell lists several (the buyer rule's reading)
    answer = answer_inquiry(inquiry, tables.frames["products"], tables.frames["quotes"], settings)
    owner = as_text(inquiry.get("Owner"))
    sender = sender_for(settings, owner)
    signer = sender.display_name if sender is not None and sender.display_name else owner or \
        settings.company.contact
    contact = as_text(inquiry.get("Contact"))
    # The company block names the salesperson who signs, so the buyer sees one contact person throughout.
    settings = replace(settings, company=replace(settings.company, contact=signer,
                                                 email=sender.addr_spec if sender else settings.company.email))
    quote_no = quote_no or quote_number(column(tables.frames["quotes"], "Quote No").tolist(), today)
    letter = Letter(settings, answer, contact, signer, sender.addr_spec if sender else "", today, quote_no,
                    catalog is not None)
    message_id = as_text(inquiry.get("Message ID"))
    text = letter.text(tables)
    # No email (Alibaba, WhatsApp, phone): the same answer as text to paste into the buyer's platform chat.
    message = compose_draft(
        sender=sender, to=mailbox(contact, email), subject=letter.subject(), text=text,
        html=letter.html(), when=now, attachments=[catalog] if catalog else [],
        in_reply_to=message_id if message_id.startswith("<") and "@" in message_id else None) if "@" in email \
        else None
    notes = [answer.region_note] if answer.region_note else []
    quotes = [quote_row(line, answer, inquiry, quote_no, today, owner) for line in answer.priced]
    what = ", ".join(line.model for line in answer.priced)
    followup = {"Date": today, "Customer ID": as_text(inquiry.get("Customer ID")),
                "Company": as_text(inquiry.get("Company")), "Channel": "Quote" if quotes else "Email",
                "Summary": f"{SUMMARY_MARK.format(inquiry_id=inquiry_id.strip())} "
                           + (f"quote {quote_no} ({answer.region.region}) for {what}" if quotes
                              else "product overview and company introduction sent"),
                "Next Step": "Follow up on the quote" if quotes else "Ask which products interest them",
                "By": owner}
    return ReplyDraft(message, text, draft_stem(inquiry_id), row, answer, quote_no, quotes, followup, notes)


def quote_row(line: LineAnswer, answer: Answer, inquiry: Mapping[str, Any], quote_no: str, today: date,
              owner: str) -> dict[str, Any]:
    return {"Quote No": quote_no, "Date": today, "Customer ID": as_text(inquiry.get("Customer ID")),
            "Company": as_text(inquiry.get("Company")), "Region": answer.region.region, "Model": line.model,
            "Quantity": line.quantity, "Unit Price": float(line.unit_price) if line.unit_price is not None else None,
            "Currency": line.currency, "Incoterm": answer.region.incoterm,
            "Valid Until": valid_until(answer.region, today), "Status": "Sent", "By": owner}


def sent_values(inquiry: Mapping[str, Any], draft: ReplyDraft, now: datetime) -> dict[str, Any]:
    """What a sent reply records on the inquiry: Replied At (unless already filled), and Quoted/Replied while
    the status still says New. Replied At is wall-clock time, as the workbook keeps it."""
    values: dict[str, Any] = {}
    if inquiry.get("Replied At") is None or pd.isna(inquiry.get("Replied At")):
        values["Replied At"] = now.replace(second=0, microsecond=0, tzinfo=None)
    if as_text(inquiry.get("Status")) in ("", "New"):
        values["Status"] = "Quoted" if draft.quotes else "Replied"
    return values


def money(value: Decimal | None, currency: str) -> str:
    return "on request" if value is None else f"{currency} {format_price(value)}"


def amount(value: int | float | None, unit: str) -> str:
    if value is None:
        return ""
    shown = f"{value:,}" if isinstance(value, int) else f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{shown} {unit}".strip()


def remarks(line: LineAnswer) -> list[str]:
    """The sentences that answer the buyer's own figures for one line (shared by the text and HTML parts)."""
    out: list[str] = []
    total = line.line_total
    if total is not None:
        out.append(f"For your {amount(line.quantity, line.unit)}: {money(total, line.currency)}.")
    gap = line.target_gap
    if gap is not None and line.target_price is not None:
        target = money(line.target_price, line.currency)
        if gap <= 0:
            out.append(f"Our price is within your target price of {target}.")
        else:
            share = gap / line.target_price * 100
            out.append(f"Your target price is {target}; our price is {money(gap, line.currency)} ({share:.1f}%) "
                       "above it, which is our best offer for this quality.")
    if line.moq_gap is not None:
        out.append(f"Your quantity is {amount(line.moq_gap, line.unit)} below our MOQ of "
                   f"{amount(line.moq, line.unit)}; the price applies from the MOQ.")
    if line.lead_time_days is not None:
        out.append(f"Lead time: {line.lead_time_days} days after deposit.")
    previous = line.previous
    if line.price_changed and previous is not None:
        when = f" on {previous.day.isoformat()}" if previous.day else ""
        ref = f" (quote {previous.quote_no})" if previous.quote_no else ""
        out.append(f"Please note the price has changed: we quoted you {money(previous.unit_price, line.currency)}"
                   f"{when}{ref}; today's price is {money(line.unit_price, line.currency)}.")
    return out


@dataclass(frozen=True)
class Letter:
    """The reply's words, written once and rendered as plain text and as HTML."""

    settings: Settings
    answer: Answer
    contact: str
    signer: str
    signer_email: str
    today: date
    quote_no: str
    catalog_attached: bool = False

    def subject(self) -> str:
        if self.answer.vague:
            return "Re: Your inquiry - our products and catalog"
        return f"Re: Your inquiry about {', '.join(self.answer.asked)} - quotation {self.quote_no}"

    def opening(self) -> list[str]:
        answer = self.answer
        if answer.vague:
            attached = " Our e-catalog is attached;" if self.catalog_attached else ""
            thanks = (f"Thank you for your inquiry.{attached} Below are our best-selling and newest products with "
                      "your prices." if answer.lines else
                      f"Thank you for your inquiry.{attached} Here is an overview of our range.")
        else:
            thanks = (f"Thank you for your inquiry about {', '.join(answer.asked)}. "
                      f"Please find our quotation {self.quote_no} below.")
        return [f"Dear {self.contact or 'Sir or Madam'},", thanks]

    def closing(self) -> list[str]:
        out = []
        if self.answer.wants_pi and self.answer.priced:
            out.append("As you asked, we will send the proforma invoice (PI) as soon as you confirm the "
                       "quantity and the port of destination.")
        out.append("Please let me know if you have any questions.")
        return out

    def signature(self) -> list[str]:
        return [line for line in ("Best regards,", self.signer, self.settings.company.name, self.signer_email)
                if line]

    def offer_lines(self) -> list[str]:
        out = []
        for line in self.answer.lines:
            head = f"- {line.model} {line.name}: {money(line.unit_price, line.currency)}"
            head += f"/{UNIT_SINGULAR.get(line.unit.casefold(), line.unit)}" if line.unit and \
                line.unit_price is not None else ""
            head += f", {self.answer.region.incoterm}." if line.unit_price is not None else "."
            out += [head, *(f"  {remark}" for remark in remarks(line))]
        return out

    def catalog_summary(self, tables: InputTables) -> list[str]:
        products = active_products(tables.frames["products"]).head(CATALOG_SUMMARY)
        return [f"- {as_text(rec.get('Model'))} {as_text(rec.get('Name'))}".rstrip()
                for rec in products.to_dict("records")]

    def text(self, tables: InputTables) -> str:
        """Letter in plain text, then the plain-text quote (ASCII, fixed-width) with the company block."""
        dear, thanks = self.opening()
        parts = [dear, "", thanks, ""]
        if self.answer.lines:
            parts += [*self.offer_lines(), ""]
            models = [line.model for line in self.answer.lines] if self.answer.vague else list(self.answer.asked)
            body = text_quote(self.answer.region, tables.frames["products"], self.settings, self.today,
                              models=models)
        else:
            parts += [*self.catalog_summary(tables), ""]
            body = "\n".join(labelled_lines(company_lines(self.settings.company))) + "\n"
        parts += [*self.closing(), ""]
        letter = [wrapped for part in parts for wrapped in _wrap(part)]
        return "\n".join(letter) + "\n" + body + "\n" + "\n".join(self.signature()) + "\n"

    def html(self) -> str:
        """The same letter with the offer as a real table, for mail clients that show HTML."""
        dear, thanks = self.opening()
        e = escape
        lines = self.answer.lines
        shown = [col for col in OFFER_COLUMNS if any(col.cell(line) for line in lines)]
        heads = "".join(f"<th style=\"{CELL}background:#dde6f0\">{e(col.title)}</th>" for col in shown)
        rows = "".join("<tr>" + "".join(col.td(line) for col in shown) + "</tr>" for line in lines)
        table = (f"<table style=\"border-collapse:collapse\"><thead><tr>{heads}</tr></thead>"
                 f"<tbody>{rows}</tbody></table>") if lines else ""
        notes = "".join(f"<p><b>{e(line.model)}</b></p><ul>{''.join(f'<li>{e(r)}</li>' for r in remarks(line))}"
                        "</ul>" for line in lines if remarks(line))
        missing = (f"<p>Please contact us for: {e(', '.join(self.answer.missing))}.</p>"
                   if self.answer.missing else "")
        terms = _pairs([(k, _shown(v)) for k, v in term_lines(self.answer.region, self.today)]) if lines else ""
        note = f"<p>{e(self.answer.region.pricing_note)}</p>" if lines and self.answer.region.pricing_note else ""
        return (
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
            "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px\">"
            f"<p>{e(dear)}</p><p>{e(thanks)}</p>{table}{notes}{missing}{terms}{note}"
            + "".join(f"<p>{e(p)}</p>" for p in self.closing())
            + f"<p><b>{e(self.settings.company.name)}</b></p>"
            + _pairs([(k, v) for k, v in company_lines(self.settings.company) if v])
            + "<p>" + "<br>".join(e(line) for line in self.signature()) + "</p></body></html>\n")


CELL = "border:1px solid #9aa9b8;padding:4px 8px;"


@dataclass(frozen=True)
class OfferColumn:
    """A column of the HTML offer table: title, how a line fills it, right-aligned (numbers) or not."""

    title: str
    cell: Callable[[LineAnswer], str]
    right: bool = False

    def td(self, line: LineAnswer) -> str:
        align = "text-align:right;white-space:nowrap;" if self.right else ""
        return f"<td style=\"{CELL}{align}\">{escape(self.cell(line))}</td>"


# Columns nobody's line fills (no specification, no quantity given, no lead time) are left out of the table.
OFFER_COLUMNS = (
    OfferColumn("Model", lambda line: line.model),
    OfferColumn("Product", lambda line: line.name),
    OfferColumn("Specification", lambda line: line.specification),
    OfferColumn("MOQ", lambda line: amount(line.moq, line.unit), right=True),
    OfferColumn("Unit price", lambda line: money(line.unit_price, line.currency), right=True),
    OfferColumn("Your quantity", lambda line: amount(line.quantity, line.unit), right=True),
    OfferColumn("Line total", lambda line: "" if line.line_total is None else money(line.line_total, line.currency),
                right=True),
    OfferColumn("Lead time", lambda line: "" if line.lead_time_days is None else f"{line.lead_time_days} days",
                right=True),
    OfferColumn("Certifications", lambda line: line.certifications),
)


def _pairs(pairs: list[tuple[str, str]]) -> str:
    """Label/value rows (terms, company profile) as a borderless two-column table."""
    rows = "".join(f"<tr><th align=\"left\" style=\"text-align:left;padding:1px 12px 1px 0\">{escape(k)}</th>"
                   f"<td>{escape(v)}</td></tr>" for k, v in pairs)
    return f"<table>{rows}</table>"


def _wrap(line: str) -> list[str]:
    """A letter line wrapped for plain-text mail; bullet lines and their indented remarks keep a hanging indent."""
    indent = " " * (len(line) - len(line.lstrip(" -")))
    return textwrap.wrap(line, LETTER_WIDTH, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False) or [""]


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else as_text(value)


def load_catalog(settings: Settings, folder: Path) -> tuple[Attachment | None, str]:
    """The e-catalog file named in Settings (relative to the workbook's folder), or why it is not attached."""
    if not settings.catalog_file:
        return None, ""
    path = Path(settings.catalog_file)
    if not path.is_absolute():
        path = folder / path
    if not path.is_file():
        return None, msg("note.catalog_missing", file=settings.catalog_file)
    if path.stat().st_size > CATALOG_MAX_BYTES:
        return None, msg("note.catalog_big", file=path.name)
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Attachment(path.name, path.read_bytes(), ctype), ""


def write_reply(draft: ReplyDraft, folder: Path) -> Path:
    """The .eml draft, or for a buyer without email the same answer as .txt to paste into their platform."""
    if draft.message is None:
        return write_paste_text(draft.text, folder, draft.stem)
    return write_draft(draft.message, folder, draft.stem)


def reply_file(path: Path, inquiry_id: str, out_dir: Path, *, today: date, now: datetime, sent: bool = False,
               force: bool = False) -> ReplyResult:
    """Write the draft into `out_dir`; with `sent`, log the reply in the workbook once (saved atomically)."""
    from tradexl.fileengine.engine import FileWorkbook
    from tradexl.fileengine.reader import read_workbook

    path = Path(path)
    book = FileWorkbook(path, force=force) if sent else None
    tables = book.read() if book is not None else read_workbook(path)
    catalog, missing_catalog = load_catalog(tables.settings, path.parent)
    before = logged_reply(tables.frames["followups"], inquiry_id)
    earlier = Path(out_dir) / safe_file_name(draft_stem(inquiry_id))
    quote_no = before[1] if before else drafted_quote_no(earlier, column(tables.frames["quotes"], "Quote No"),
                                                         today)
    draft = compose_reply(tables, inquiry_id, today=today, now=now, catalog=catalog, quote_no=quote_no)
    if missing_catalog:
        draft.notes.append(missing_catalog)
    target = write_reply(draft, out_dir)
    if before is not None:
        return ReplyResult(target, draft, False, before[0])
    if book is None:
        return ReplyResult(target, draft, False, None)
    inquiry = tables.frames["inquiries"].loc[draft.inquiry_row].to_dict()
    values = sent_values(inquiry, draft, now)
    if values:
        book.update_row("inquiries", draft.inquiry_row, values)
    if draft.quotes:
        book.append_rows("quotes", draft.quotes)
    book.append_rows("followups", [draft.followup])
    book.save()
    return ReplyResult(target, draft, True, None)
