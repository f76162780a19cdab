"""One email, decoded: addresses, subject, received time, Message-ID and the plain-text body.

Headers are decoded by hand (RFC 2047 words and raw 8-bit bytes alike) through `text.decode_bytes`, so a
gb2312-labelled GBK subject or a raw UTF-8 From name comes out right instead of as mojibake or `?=` runs.
Forwarded messages are unwrapped: the buyer is the person in the forwarded block, not the colleague who
forwarded it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

import pandas as pd

from tradexl.mail.stream import SKIPPED_HEADER, RawMessage
from tradexl.mail.text import decode_bytes, forwarded_block, html_to_text

_FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|fw|转发)\s*[:：]\s*", re.IGNORECASE)
_REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|fw|aw|sv|回复|答复|转发)\s*[:：]\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class MailMessage:
    """The parts of an email an inquiry row is made from. `date` is timezone-aware, or None if unreadable."""

    origin: str
    from_name: str
    from_addr: str
    subject: str
    date: datetime | None
    message_id: str
    text: str
    reply_to: str = ""
    recipients: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    skipped_bytes: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    forwarded: bool = False


def header_text(value: object) -> str:
    """A header value as text: RFC 2047 words and raw 8-bit bytes decoded, folding whitespace collapsed."""
    if value is None:
        return ""
    raw = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in raw):  # raw 8-bit header bytes, kept as surrogates by the parser
        raw = decode_bytes(raw.encode("ascii", "surrogateescape"), None)
    parts = []
    for chunk, charset in decode_header(raw):
        parts.append(decode_bytes(chunk, charset) if isinstance(chunk, bytes) else chunk)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def parse_date(text: str) -> datetime | None:
    """A Date header value, strict RFC 5322 first, then anything pandas can read; naive means "unknown zone"."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"\([^)]*\)", "", text).strip()
    cleaned = re.sub(r"^[A-Za-z]{3},?\s+", "", cleaned)
    try:
        stamp = pd.Timestamp(cleaned)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(stamp) else stamp.to_pydatetime()


def _received_date(msg: Message) -> datetime | None:
    for received in msg.get_all("Received", []) or []:
        found = parse_date(str(received).rsplit(";", 1)[-1])
        if found is not None:
            return found
    return None


def _envelope_date(envelope: str) -> datetime | None:
    parts = envelope.split(None, 2)
    return parse_date(parts[2]) if len(parts) == 3 else None


def _body(msg: Message) -> tuple[str, list[str]]:
    """The best text body (plain preferred over HTML) and the attachment file names."""
    plain: list[str] = []
    html: list[str] = []
    attachments: list[str] = []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_type() == "message/rfc822":
            continue
        name = part.get_filename()
        disposition = str(part.get("Content-Disposition", "")).split(";")[0].strip().lower()
        if name or disposition == "attachment" or SKIPPED_HEADER.decode() in part:
            attachments.append(header_text(name) if name else part.get_content_type())
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        text = decode_bytes(payload, part.get_content_charset())
        (plain if part.get_content_type() == "text/plain" else html).append(text)
    if plain:
        return "\n\n".join(plain).strip(), attachments
    return "\n\n".join(html_to_text(h) for h in html).strip(), attachments


def parse_message(raw: RawMessage) -> MailMessage:
    """Decode one raw message; never raises on malformed content (a bad part just yields less text)."""
    msg = BytesParser(policy=compat32).parsebytes(raw.data)
    subject = header_text(msg.get("Subject"))
    from_name, from_addr = parseaddr(header_text(msg.get("From")))
    recipients = tuple(a for _, a in getaddresses([header_text(v) for k in ("To", "Cc", "Delivered-To")
                                                   for v in msg.get_all(k, []) or []]) if a)
    date = parse_date(header_text(msg.get("Date"))) or _received_date(msg) or _envelope_date(raw.envelope)
    text, attachments = _body(msg)
    skipped = sum(int(str(p.get(SKIPPED_HEADER.decode(), "0")).strip() or 0) for p in msg.walk())
    forwarded = False
    inner = forwarded_block(text) if _FORWARD_SUBJECT.match(subject) else None
    if inner is not None:
        fields, text = inner
        inner_name, inner_addr = parseaddr(fields.get("from") or fields.get("发件人", ""))
        if inner_addr and "@" in inner_addr:
            from_name, from_addr, forwarded = inner_name, inner_addr, True
            subject = fields.get("subject") or fields.get("主题") or _FORWARD_SUBJECT.sub("", subject)
            inner_date = parse_date(fields.get("date") or fields.get("sent") or fields.get("发送时间", ""))
            date = inner_date or date
    keep = ("X-Mailer", "User-Agent", "X-Form", "Reply-To")
    return MailMessage(
        origin=raw.origin,
        from_name=from_name.strip().strip('"').strip(),
        from_addr=from_addr.strip().lower(),
        subject=subject,
        date=date,
        message_id=header_text(msg.get("Message-ID")).strip().strip("<>").strip(),
        text=text,
        reply_to=parseaddr(header_text(msg.get("Reply-To")))[1].lower(),
        recipients=tuple(a.lower() for a in recipients),
        attachments=tuple(attachments),
        skipped_bytes=skipped,
        headers={k: header_text(msg.get(k)) for k in keep if msg.get(k)},
        forwarded=forwarded,
    )


def local_naive(moment: datetime | None, tz: timezone | None = None) -> datetime | None:
    """`moment` in the zone `tz` (default: this machine's), without tzinfo, as Excel cells hold date-times.

    A naive `moment` (no zone in the source) is taken as already local.
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(microsecond=0)
    return moment.astimezone(tz).replace(tzinfo=None, microsecond=0)


def base_subject(subject: str) -> str:
    """The subject without Re:/Fwd:/回复: prefixes (for reply drafts and content hashes)."""
    return _REPLY_PREFIX.sub("", subject or "").strip()
