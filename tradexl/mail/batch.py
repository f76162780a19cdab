"""Many drafts at once: the bytes of `compose_draft(...).as_bytes()` without the stdlib's per-message machinery.

A mailing writes thousands of drafts that differ only in To, Subject and the two bodies. Building each as an
`EmailMessage` under `policy.SMTP` costs about 5 ms (header registry parsing, `quoprimime` in pure Python, the
generator walking the tree), which made 5,000 buyers take half a minute. `DraftBatch` builds what every draft
of a batch shares once (the Date, each attachment's MIME part, encoded by the stdlib itself; senders' From
headers are remembered)
and writes the per-buyer parts directly:

- a header that is plain ASCII text is folded here at whitespace (RFC 5322 §2.2.3); anything else (a name in
  another script, a word too long to fold, text that looks like an encoded word) is folded by the stdlib's
  `policy.SMTP`, exactly as the slow path would, and remembered;
- bodies follow `compose_draft`'s rules (`draft.transfer_encoding`): 7bit for short-lined ASCII, else
  quoted-printable by the C encoder `binascii.b2a_qp`, UTF-8, CRLF line ends, one final line end.

tests/test_mail_batch.py parses both outputs back with the stdlib and compares every header and part.
"""

from __future__ import annotations

import binascii
import random
import re
from collections.abc import Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import MIMEPart
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from functools import lru_cache

from tradexl.mail.draft import FALLBACK_DOMAIN, Attachment, transfer_encoding

CRLF = b"\r\n"
BOUNDARY_PREFIX = b"=_tradexl_"
MAX_LINE = SMTP.max_line_length or 78  # the line length `policy.SMTP` folds headers to
# Characters a display name may hold unquoted (RFC 5322 atext, and the spaces between words).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*")
_TEXT_PART = {kind: f'Content-Type: text/{kind}; charset="utf-8"\r\n'.encode("ascii") for kind in ("plain", "html")}


def _fold_plain(name: str, value: str) -> bytes | None:
    """`Name: value` folded at spaces to MAX_LINE, or None when the stdlib must do it (non-ASCII, a word
    too long for a line, `=?` that a reader would take for an encoded word, control characters)."""
    if not value.isascii() or "=?" in value or not value.isprintable():
        return None
    words = value.split()
    lines: list[str] = []
    line = f"{name}:"
    for word in words:
        if len(line) + 1 + len(word) <= MAX_LINE:
            line = f"{line} {word}"
        elif len(word) + 1 > MAX_LINE or line == f"{name}:":
            return None
        else:
            lines.append(line)
            line = f" {word}"
    lines.append(line)
    return "\r\n".join(lines).encode("ascii") + CRLF


@lru_cache(maxsize=4096)
def _stdlib_header(name: str, value: str) -> bytes:
    """The header exactly as `policy.SMTP` writes it (RFC 2047 encoded words, folded)."""
    return SMTP.header_factory(name, value).fold(policy=SMTP).encode("ascii")


@lru_cache(maxsize=4096)
def _stdlib_address(name: str, display_name: str, addr_spec: str) -> bytes:
    user, _, domain = addr_spec.rpartition("@")
    address = Address(display_name=display_name, username=user, domain=domain)
    return SMTP.header_factory(name, [address]).fold(policy=SMTP).encode("ascii")


def address_header(name: str, address: Address) -> bytes:
    """`To: Name <user@host>`; a name outside plain atext (accents, dots, other scripts) goes to the stdlib."""
    display = address.display_name
    if _PLAIN_NAME.fullmatch(display) and "=?" not in display and address.addr_spec.isascii():
        plain = f"{display} <{address.addr_spec}>" if display else address.addr_spec
        if len(name) + 2 + len(plain) <= MAX_LINE and address.addr_spec.count("@") == 1:
            return f"{name}: {plain}".encode("ascii") + CRLF
    return _stdlib_address(name, display, address.addr_spec)


def subject_header(subject: str) -> bytes:
    value = " ".join(subject.split())
    return _fold_plain("Subject", value) or _stdlib_header("Subject", value)


def text_part(body: str, kind: str) -> bytes:
    """One text/<kind> MIME part: headers, blank line, body with CRLF ends (as `set_content` lays it out)."""
    lines = body.encode("utf-8").splitlines()
    data = CRLF.join(lines) + CRLF
    if transfer_encoding(body) == "7bit":
        return b"".join((_TEXT_PART[kind], b"Content-Transfer-Encoding: 7bit\r\n\r\n", data))
    encoded = binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)
    return b"".join((_TEXT_PART[kind], b"Content-Transfer-Encoding: quoted-printable\r\n\r\n", encoded))


def _attachment_part(item: Attachment) -> bytes:
    """An attachment's MIME part as the stdlib writes it (base64, RFC 2231 file name), made once per batch."""
    part = MIMEPart(policy=SMTP)
    maintype, _, subtype = item.content_type.partition("/")
    part.set_content(item.data, maintype=maintype, subtype=subtype or "octet-stream", filename=item.filename)
    return part.as_bytes(policy=SMTP)


def _boundary(parts: Sequence[bytes]) -> bytes:
    """A boundary that occurs in none of `parts` (RFC 2046 §5.1.1). Random, not secret: `random`, as the stdlib's
    generator does, since os.urandom costs a system call per draft."""
    while True:
        boundary = BOUNDARY_PREFIX + f"{random.getrandbits(96):024x}".encode("ascii")
        if not any(boundary in part for part in parts):
            return boundary


def multipart(subtype: str, parts: Sequence[bytes], check: Sequence[bytes] | None = None) -> bytes:
    """A multipart/<subtype> MIME part holding `parts` (each its headers, a blank line and its body).

    `check` are the parts that could hold the boundary (all by default): a batch leaves out attachment parts
    without BOUNDARY_PREFIX, so a 20 MB catalog is not searched again for every draft.
    """
    boundary = _boundary(parts if check is None else check)
    dash = b"--" + boundary
    return b"".join((b"Content-Type: multipart/", subtype.encode("ascii"), b';\r\n boundary="', boundary,
                     b'"\r\n\r\n', *(dash + CRLF + part + CRLF for part in parts), dash, b"--", CRLF))


class DraftBatch:
    """Drafts written at one time with the same attachments: `render` gives each draft's .eml bytes."""

    def __init__(self, *, when: datetime, attachments: Sequence[Attachment] = ()) -> None:
        if when.tzinfo is None:
            raise ValueError("DraftBatch needs a time-zone-aware `when`")
        self._date = f"Date: {format_datetime(when)}\r\n".encode("ascii")
        self._attachments = [_attachment_part(item) for item in attachments]
        self._suspect = [part for part in self._attachments if BOUNDARY_PREFIX in part]

    def render(self, *, to: Address, subject: str, text: str, sender: Address | None = None,
               html: str | None = None, message_id: str | None = None) -> bytes:
        """The bytes of `compose_draft(...).as_bytes()`: the same headers and MIME tree, written directly."""
        content = text_part(text, "plain")
        if html is not None:
            content = multipart("alternative", [content, text_part(html, "html")])
        if self._attachments:
            content = multipart("mixed", [content, *self._attachments], [content, *self._suspect])
        domain = sender.domain if sender is not None else FALLBACK_DOMAIN
        return b"".join((address_header("From", sender) if sender is not None else b"", address_header("To", to),
                         subject_header(subject), self._date,
                         f"Message-ID: {message_id or make_msgid(domain=domain)}\r\n".encode("ascii"),
                         b"X-Unsent: 1\r\nMIME-Version: 1.0\r\n", content))
