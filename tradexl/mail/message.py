"""One email, decoded: addresses, subject, received time, Message-ID and the plain-text body.

Headers go through Python's own header parser (`email.policy.default`), so an encoded display name with a
comma keeps its address and encoded words split inside a character come out whole. The one thing that parser
cannot do is guess the charset of raw 8-bit header bytes (`Jöhn`, Cyrillic, GBK sent unencoded): those bytes
are read from the raw header first (`text.decode_bytes`: UTF-8, else the Chinese and Western supersets) and
only then handed to the parser. The body is the part Python's `get_body` chooses (plain before HTML), decoded
with the widened charsets of `text.decode_bytes`; text the sender put elsewhere (an attached message, an inline
text part without a file name, `application/plain`) is kept apart in `extra_text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from typing import Any, cast

from tradexl.mail.stream import SKIPPED_HEADER, RawMessage
from tradexl.mail.text import CHARSET_SUPERSETS, decode_bytes, forwarded_block, html_to_text
from tradexl.rules.parse import Bad, parse_date_text

_FORWARD_SUBJECT = re.compile(r"^\s*(fwd?|fw|转发)\s*[:：]\s*", re.IGNORECASE)
_REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|fw|aw|sv|回复|答复|转发)\s*[:：]\s*)+", re.IGNORECASE)


@lru_cache(maxsize=4096)
def parsed_header(name: str, value: str) -> Any:
    """`policy.default`'s header object for a raw header, remembered: header objects are immutable, and an
    import sees the same Content-Type values thousands of times (parsing one costs about half a millisecond)."""
    return policy.default.header_fetch_parse(name, value)


class _Part(EmailMessage):
    """An EmailMessage (policy.default) that remembers its parsed Content-Type and Content-Disposition.

    policy.default builds a header object on every `get`, so each `get_content_type()` call parses the header
    again; walking a message asks that many times per part (6x slower imports). Parsed headers never change
    after parsing, and any change through `set_raw`/`__setitem__`/`__delitem__` forgets what was remembered.
    """

    _memo: dict[str, Any]

    def _remembered(self, key: str, compute: Callable[[], Any]) -> Any:
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def get_content_type(self) -> str:
        return str(self._remembered("type", super().get_content_type))

    def get_content_maintype(self) -> str:
        return self.get_content_type().split("/")[0]

    def get_content_subtype(self) -> str:
        return self.get_content_type().split("/")[1]

    def get_content_disposition(self) -> str | None:
        found = self._remembered("disposition", super().get_content_disposition)
        return None if found is None else str(found)

    def is_attachment(self) -> bool:
        return self.get_content_disposition() == "attachment"

    def get(self, name: str, failobj: Any = None) -> Any:
        """The first `name` header, parsed through `parsed_header`: `get_content_charset`, `get_filename` and
        `get_body` each ask for Content-Type again, and most messages carry the same few Content-Types."""
        wanted = name.lower()
        for key, value in self.raw_items():
            if key.lower() == wanted:
                return parsed_header(key, value)
        return failobj

    def first_raw(self) -> Mapping[str, str]:
        """Lower-case header name -> its first raw value, made once per message (see `raw_header`)."""
        def index() -> dict[str, str]:
            first: dict[str, str] = {}
            for key, value in self.raw_items():
                first.setdefault(key.lower(), str(value))
            return first
        return cast("Mapping[str, str]", self._remembered("raw", index))

    def set_raw(self, name: str, value: Any) -> None:
        self.__dict__.pop("_memo", None)
        super().set_raw(name, value)

    def __setitem__(self, name: str, val: Any) -> None:
        self.__dict__.pop("_memo", None)
        super().__setitem__(name, val)

    def __delitem__(self, name: str) -> None:
        self.__dict__.pop("_memo", None)
        super().__delitem__(name)


_PARSER = BytesParser(_class=_Part, policy=policy.default)
_SKIPPED = SKIPPED_HEADER.decode()
TEXT_PART_TYPES = frozenset({"text/plain", "text/html", "application/plain"})
"""Leaf parts whose bytes are text a person wrote (`application/plain` is what some webmailers label it)."""
REPORT_PART_TYPES = frozenset({"message/delivery-status", "message/feedback-report",
                               "message/disposition-notification", "text/rfc822-headers"})
"""Machine-readable parts of a report (bounce, spam complaint, read receipt): read by `robots`, never shown."""
KEPT_HEADERS = ("X-Mailer", "User-Agent", "X-Form", "Reply-To", "Auto-Submitted", "X-Autoreply", "X-Autorespond",
                "X-Auto-Response-Suppress", "List-Id", "List-Unsubscribe", "Precedence", "Return-Path",
                "X-Failed-Recipients", "Content-Type", "Feedback-Type")


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
    extra_text: str = ""
    reports: tuple[str, ...] = ()  # text of delivery-status / feedback-report parts
    header_count: int = 0
    date_note: str = ""  # why the Date header was not used ("impossible date 3609-06-30"), else ""


_RAW_BYTE = re.compile("[\udc80-\udcff]")
_Q_WORD = re.compile(r"=\?[^?\s]+\?[Qq]\?[^?\s]*\?=")
_WORD_CHARSET = re.compile(r"(=\?)([^?*\s]+)(?=(\*[^?\s]*)?\?[QqBb]\?)")
"""The charset of an encoded word, widened like a body's (gb2312 -> gb18030: 喆 in a gb2312-labelled name)."""


def _unbyte(raw: str) -> str:
    """A raw header value with its 8-bit bytes (kept by the parser as surrogates) decoded to text.

    Bytes inside a Q-encoded word belong to that word's charset: they are escaped (=F6) for the word decoder.
    Elsewhere they are read by `decode_bytes` (UTF-8, else GB18030/Big5, else Windows-1252).
    """
    raw = _WORD_CHARSET.sub(lambda m: m.group(1) + CHARSET_SUPERSETS.get(m.group(2).lower(), m.group(2)), raw)
    if not _RAW_BYTE.search(raw):
        return raw
    raw = _Q_WORD.sub(lambda m: _RAW_BYTE.sub(lambda b: f"={ord(b.group()) - 0xDC00:02X}", m.group()), raw)
    return decode_bytes(raw.encode("utf-8", "surrogateescape"), None)


def raw_header(msg: Message, name: str) -> str:
    """The first `name` header as sent, 8-bit bytes decoded, folding removed; "" when absent."""
    wanted = name.lower()
    if isinstance(msg, _Part):
        value = msg.first_raw().get(wanted)
        return "" if value is None else "".join(_unbyte(value).splitlines())
    for key, raw in msg.raw_items():
        if key.lower() == wanted:
            return "".join(_unbyte(str(raw)).splitlines())
    return ""


def header_text(value: object) -> str:
    """An unstructured header value as text: RFC 2047 words decoded, whitespace collapsed."""
    raw = _unbyte(str(value or ""))
    if "=?" not in raw:  # no encoded word: the stdlib parser would hand the text back as it is
        return " ".join("".join(raw.splitlines()).split())
    try:
        text = str(parsed_header("Subject", "".join(raw.splitlines())))
    except Exception:  # the stdlib header parser has raised on hostile input; keep the raw text then
        text = raw
    return re.sub(r"\s+", " ", _unbyte(text)).strip()


_ATOMS = r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+"
_SIMPLE_MAILBOX = re.compile(
    rf'\s*(?:(?:"(?P<quoted>[^"\\\r\n]*)"|(?P<words>[A-Za-z0-9!#$%&\'*+\-/=?^_`{{|}}~. \t]*?))\s*'
    rf"<(?P<angle>{_ATOMS}(?:\.{_ATOMS})*@{_ATOMS}(?:\.{_ATOMS})*)>"
    rf"|(?P<bare>{_ATOMS}(?:\.{_ATOMS})*@{_ATOMS}(?:\.{_ATOMS})*))\s*")
"""One mailbox in the forms nearly all mail uses (`Name <a@b>`, `"Last, First" <a@b>`, `a@b`), ASCII, no
encoded word, comment or route: read here. Anything else goes to the stdlib's full RFC 5322 parser."""


def _simple_mailbox(raw: str) -> tuple[str, str] | None:
    """(display name, address) of a header holding one plain mailbox, else None."""
    found = _SIMPLE_MAILBOX.fullmatch(raw) if raw.isascii() and "=?" not in raw else None
    if found is None:
        return None
    name = found["quoted"] if found["quoted"] is not None else found["words"] or ""
    return " ".join(name.split()), found["angle"] or found["bare"]


def addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of an address header, the address found before words are decoded."""
    raw = raw_header(msg, name)
    if not raw:
        return []
    simple = _simple_mailbox(raw)
    return [simple] if simple is not None else _parsed_addresses(raw, name)


def _parsed_addresses(raw: str, name: str) -> list[tuple[str, str]]:
    """`addresses` by the stdlib's header parser (encoded words, groups, comments, several mailboxes)."""
    try:
        parsed = parsed_header(name, raw)
        found = [(a.display_name, a.addr_spec) for a in getattr(parsed, "addresses", ())]
    except Exception:  # e.g. "address parts cannot contain CR or LF"; fall back to the permissive parser
        found = [(header_text(n), a) for n, a in getaddresses([raw])]
    pairs = [(re.sub(r"\s+", " ", _unbyte(n)).strip(), _unbyte(a).strip().removeprefix("<").removesuffix(">"))
             for n, a in found]
    return [(n, a) for n, a in pairs if n or a]


_COMMENT = re.compile(r"\([^)]*\)")
_AMPM = re.compile(r"\d\s*([ap]\.?m\.?)(?![a-z])|上午|下午|晚上|中午|凌晨", re.IGNORECASE)
_ZONE = re.compile(r"\s*(?:(?:gmt|utc)\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?|"
                   r"(?P<sign2>[+-])(?P<h2>\d{2}):?(?P<m2>\d{2})|(?P<utc>gmt|utc|ut|z))$", re.IGNORECASE)


def _split_zone(text: str) -> tuple[str, timezone | None]:
    """(the text without a trailing zone, the zone): "+0800", "GMT+8" (east of UTC, as mail clients mean it)."""
    found = _ZONE.search(text)
    if not found:
        return text, None
    if found["utc"]:
        return text[:found.start()], UTC
    sign = -1 if (found["sign"] or found["sign2"]) == "-" else 1
    hours, minutes = int(found["h"] or found["h2"]), int(found["m"] or found["m2"] or 0)
    if hours > 14 or minutes > 59:
        return text, None
    return text[:found.start()], timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(text: str) -> datetime | None:
    """A Date value: strict RFC 5322 first (unless it has AM/PM, which the stdlib ignores), then the date
    rule every typed date uses (`rules.parse.parse_date_text`: "Mon, Dec 1, 2026 at 2:30 PM", "2026/03/11
    14:03", "2026年3月11日 下午2:03"); naive means "no zone given"."""
    cleaned = _COMMENT.sub("", text or "").strip()
    if not cleaned:
        return None
    if not _AMPM.search(cleaned):
        try:
            return parsedate_to_datetime(cleaned)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    rest, zone = _split_zone(cleaned)
    found = parse_date_text(rest, None)
    if isinstance(found, Bad):
        return None
    return found.replace(tzinfo=zone) if zone else found


YEARS = (1980, 2100)
"""Mail dated outside these years carries a broken clock or a typo (a year 3609 exists in the wild)."""


def _plausible(moment: datetime | None) -> bool:
    return moment is not None and YEARS[0] <= moment.year <= YEARS[1]


def _received_dates(msg: Message) -> Iterator[datetime]:
    """Dates of the Received headers, the receiving server's own stamp first."""
    for received in msg.get_all("Received", []) or []:
        found = parse_date(str(received).rsplit(";", 1)[-1])
        if found is not None and _plausible(found):
            yield found


def _envelope_date(envelope: str) -> datetime | None:
    parts = envelope.split(None, 2)
    return parse_date(parts[2]) if len(parts) == 3 else None


def message_date(msg: Message, envelope: str = "") -> tuple[datetime | None, str]:
    """(when the message was sent, a note when its Date header could not be used).

    A Date without a zone is read in the zone of the receiving server's Received stamp (the only zone the
    message itself gives); an implausible one (year 3609, 1969) gives way to the Received stamp or the mbox envelope.
    """
    stated = raw_header(msg, "Date")
    date = parse_date(stated)
    stamps = list(_received_dates(msg))
    note = ""
    if date is not None and not _plausible(date):
        note, date = f"implausible date {date:%Y-%m-%d} in the Date header", None
    elif stated and date is None:
        note = f"unreadable Date header {stated[:40]!r}"
    if date is not None and date.tzinfo is None and stamps and stamps[0].tzinfo is not None:
        date = date.replace(tzinfo=stamps[0].tzinfo)
    if date is None:
        envelope_date = _envelope_date(envelope)
        date = stamps[0] if stamps else envelope_date if _plausible(envelope_date) else None
    return date, note


def _leaves(part: Message) -> Iterator[Message]:
    """Leaf parts in order, not descending into attached messages (they are read as a whole)."""
    if part.get_content_type() in ("message/rfc822", *REPORT_PART_TYPES) or not part.is_multipart():
        yield part
        return
    payload = part.get_payload()
    for sub in payload if isinstance(payload, list) else []:
        if isinstance(sub, Message):
            yield from _leaves(sub)


def _part_text(part: Message) -> str:
    if part.get_content_type() == "message/delivery-status" and isinstance(part.get_payload(), list):
        return "\n\n".join(b.as_string().strip() for b in part.get_payload() if isinstance(b, Message))
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = decode_bytes(payload, part.get_content_charset())
    return html_to_text(text) if part.get_content_type() == "text/html" else text.strip()


def _main_part(msg: EmailMessage) -> Message | None:
    try:
        return msg.get_body(preferencelist=("plain", "html"))
    except (KeyError, IndexError, AttributeError, TypeError):  # broken structure: fall back to the walk
        return None


def _alternatives(msg: Message, main: Message | None) -> set[int]:
    """ids of `main` and its siblings in a multipart/alternative (the same text in other formats)."""
    if main is None:
        return set()
    for part in msg.walk():
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list) and any(p is main for p in payload):
            if part.get_content_subtype() in ("alternative", "related"):
                return {id(p) for p in payload} | {id(main)}
            break
    return {id(main)}


def _attached_message(part: Message) -> str:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, EmailMessage):
        return ""
    body, extra, _, _ = _body(inner)
    sender = ", ".join(f"{n} <{a}>" if n else a for n, a in addresses(inner, "From"))
    about = " – ".join(v for v in (sender, header_text(raw_header(inner, "Subject")), raw_header(inner, "Date")) if v)
    return "\n".join([f"[Attached message] {about}", "", body, extra]).strip()


def _body(msg: EmailMessage) -> tuple[str, str, list[str], list[str]]:
    """(the body Python's get_body picks, other text the sender included, attachment names, report texts).

    The first is exactly what Python's own decoding shows as the body (with the widened charsets); the second
    holds what it leaves out but a salesperson needs: a forwarded-as-attachment message, an inline text part
    with no name, `application/plain`, or the preamble of a multipart that has no parts.
    """
    main = _main_part(msg)
    same = _alternatives(msg, main)
    extra: list[str] = []
    attachments: list[str] = []
    reports: list[str] = []
    for part in _leaves(msg):
        ctype = part.get_content_type()
        if id(part) in same:
            continue
        if ctype in REPORT_PART_TYPES:
            reports.append(_part_text(part))
            continue
        if ctype == "message/rfc822":
            extra.append(_attached_message(part))
            continue
        name = part.get_filename()
        if name or part.get_content_disposition() == "attachment" or _SKIPPED in part \
                or ctype not in TEXT_PART_TYPES:
            attachments.append(header_text(name) if name else ctype)
            continue
        extra.append(_part_text(part))
    if main is None and msg.is_multipart():  # a multipart without usable parts: its preamble is the text
        extra.insert(0, (msg.preamble or "").strip())
    text = _part_text(main) if main is not None else ""
    return text, "\n\n".join(e for e in extra if e), attachments, reports


def parse_message(raw: RawMessage) -> MailMessage:
    """Decode one raw message; never raises on malformed content (a bad part just yields less text)."""
    msg = _PARSER.parsebytes(raw.data)
    assert isinstance(msg, EmailMessage)
    subject = header_text(raw_header(msg, "Subject"))
    senders = addresses(msg, "From") or addresses(msg, "Sender")
    from_name, from_addr = senders[0] if senders else ("", "")
    recipients = tuple(a for k in ("To", "Cc", "Delivered-To") for _, a in addresses(msg, k))
    date, date_note = message_date(msg, raw.envelope)
    text, extra, attachments, reports = _body(msg)
    skipped = sum(int(str(p.get(_SKIPPED, "0")).strip() or 0) for p in msg.walk())
    forwarded = False
    inner = forwarded_block(text) if _FORWARD_SUBJECT.match(subject) else None
    if inner is not None:
        fields, text = inner
        inner_pairs = getaddresses([fields.get("from") or fields.get("发件人", "")])
        inner_name, inner_addr = inner_pairs[0] if inner_pairs else ("", "")
        if inner_addr and "@" in inner_addr:
            from_name, from_addr, forwarded = inner_name, inner_addr, True
            subject = fields.get("subject") or fields.get("主题") or _FORWARD_SUBJECT.sub("", subject)
    reply_to = addresses(msg, "Reply-To")
    return MailMessage(
        origin=raw.origin,
        from_name=from_name.strip().strip('"').strip(),
        from_addr=from_addr.strip().lower(),
        subject=subject,
        date=date,
        message_id=raw_header(msg, "Message-ID").strip().strip("<>").strip(),
        text=text,
        reply_to=reply_to[0][1].lower() if reply_to else "",
        recipients=tuple(a.lower() for a in recipients),
        attachments=tuple(attachments),
        skipped_bytes=skipped,
        headers={k: header_text(v) for k in KEPT_HEADERS if (v := raw_header(msg, k))},
        forwarded=forwarded,
        extra_text=extra,
        reports=tuple(reports),
        header_count=len(msg.keys()),
        date_note=date_note,
    )


def local_naive(moment: datetime | None, tz: tzinfo | None = None) -> datetime | None:
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
