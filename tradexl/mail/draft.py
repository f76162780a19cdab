"""Unsent email drafts: a pure composer, and one small function that writes a draft file.

Every buyer-facing message TradeXL prepares (reply, mailing, greetings, handover, invitations) is a draft the
salesperson opens, reads and sends from their own mail client: `X-Unsent: 1` makes Outlook open the `.eml` as a
new message to send, and Thunderbird and Foxmail open it for editing. TradeXL never sends mail itself, so a
draft is never a contact (WORKBOOK.md: only `--sent` logs it).

`compose_draft` only builds an `EmailMessage` from values (no clock, no files): the caller passes the time and,
when it wants a stable one, the Message-ID. `write_draft` is the only I/O: an atomic write under a safe name.
Names stay as the buyer writes them (`José Muñoz`, `王伟`): headers are RFC 2047-encoded, file names of
attachments RFC 2231-encoded, bodies UTF-8 where they are not plain ASCII.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from tradexl.errors import MailError
from tradexl.settings import Settings

FALLBACK_DOMAIN = "tradexl.invalid"  # RFC 2606: never a real host, so a Message-ID never claims someone's domain
MAX_7BIT_LINE = 900  # RFC 5322 allows 998; stay well below for clients that rewrap
MAX_STEM = 80
# Names Windows refuses as file names, whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})
_UNSAFE = re.compile(r"[^\w\-.]+")


@dataclass(frozen=True)
class Attachment:
    """A file to attach: its name as the buyer will see it, its bytes, and its MIME type."""

    filename: str
    data: bytes
    content_type: str = "application/octet-stream"


def mailbox(name: str, email: str) -> Address:
    """`Name <email>` as a header address; the name may be any script, the address must have one @."""
    email = email.strip()
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain or any(ch.isspace() for ch in email):
        raise MailError(f"'{email}' is not an email address")
    return Address(display_name=" ".join(name.split()), username=local, domain=domain)


def sender_for(settings: Settings, owner: str) -> Address | None:
    """Who a draft comes from: the owner's row in Settings › Team (Name, Email), else the company contact.

    The signature must name the same person as the From header, so callers sign with `sender.display_name`.
    None when neither has an email (the mail client then fills in its own account).
    """
    wanted = owner.strip().casefold()
    for member in settings.team:
        if member.name.strip().casefold() == wanted and "@" in member.email:
            return mailbox(member.name, member.email)
    company = settings.company
    if "@" in company.email:
        return mailbox(owner.strip() or company.contact, company.email)
    return None


def compose_draft(*, to: Address | Sequence[Address], subject: str, text: str, when: datetime,
                  sender: Address | None = None, html: str | None = None,
                  attachments: Sequence[Attachment] = (), message_id: str | None = None,
                  in_reply_to: str | None = None) -> EmailMessage:
    """An unsent draft: plain text (and an HTML alternative when given), then the attachments.

    `when` must carry a time zone (it becomes the Date header). `in_reply_to` threads a reply under the buyer's
    message. Without `message_id` a fresh one is made on the sender's domain.
    """
    if when.tzinfo is None:
        raise ValueError("compose_draft needs a time-zone-aware `when`")
    msg = EmailMessage(policy=SMTP)
    if sender is not None:
        msg["From"] = sender
    msg["To"] = [to] if isinstance(to, Address) else list(to)
    msg["Subject"] = " ".join(subject.split())
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id or make_msgid(domain=sender.domain if sender else FALLBACK_DOMAIN)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg["X-Unsent"] = "1"
    msg.set_content(text, cte=transfer_encoding(text))
    if html is not None:
        msg.add_alternative(html, subtype="html", cte=transfer_encoding(html))
    for item in attachments:
        maintype, _, subtype = item.content_type.partition("/")
        msg.add_attachment(item.data, maintype=maintype, subtype=subtype or "octet-stream",
                           filename=item.filename)
    return msg


def transfer_encoding(text: str) -> str:
    """7bit for short-lined ASCII (readable in any viewer), quoted-printable otherwise (still mostly readable)."""
    if text.isascii() and all(len(line) <= MAX_7BIT_LINE for line in text.splitlines()):
        return "7bit"
    return "quoted-printable"


def safe_file_name(stem: str, suffix: str = ".eml") -> str:
    """A file name every OS accepts: letters (any script), digits, - _ . kept; the rest one `_`; Windows'
    reserved names avoided; at most MAX_STEM characters before the suffix."""
    folded = _UNSAFE.sub("_", unicodedata.normalize("NFC", stem)).strip("._ ")[:MAX_STEM].rstrip("._ ")
    if not folded or folded.split(".")[0].casefold() in _RESERVED:
        folded = f"draft_{folded}".rstrip("_")
    return folded + suffix


def write_draft(message: EmailMessage, folder: Path, stem: str) -> Path:
    """Write `message` as `<folder>/<safe stem>.eml` atomically (a reader never sees half a file) and return it.

    The folder is created when missing; a draft of the same name is replaced (writing again is idempotent).
    """
    return write_eml(message.as_bytes(), folder, stem)


def write_eml(data: bytes, folder: Path, stem: str) -> Path:
    """Write a draft's bytes (e.g. from `mail.batch.DraftBatch`) as `<folder>/<safe stem>.eml`, atomically."""
    return _write_atomic(data, folder, safe_file_name(stem))


def write_paste_text(text: str, folder: Path, stem: str) -> Path:
    """Write a message to paste into a platform chat (Alibaba, WhatsApp) as `<folder>/<safe stem>.txt`.

    UTF-8 with a byte-order mark and CRLF line ends, so Notepad on any Windows shows the buyer's name right."""
    data = ("\ufeff" + text.replace("\r\n", "\n").replace("\n", "\r\n")).encode("utf-8")
    return _write_atomic(data, folder, safe_file_name(stem, ".txt"))


def _write_atomic(data: bytes, folder: Path, name: str) -> Path:
    folder = Path(folder)
    if folder.is_file():
        raise MailError(f"'{folder}' is a file, not a folder for drafts")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise MailError(f"cannot create the drafts folder '{folder}': a file is in the way") from None
    except OSError as exc:
        raise MailError(f"cannot create the drafts folder '{folder}': {exc.strerror or exc}") from None
    target = folder / name
    temp = folder / f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        with open(temp, "xb") as out:
            out.write(data)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise MailError(f"cannot write the draft '{target}': {exc.strerror or exc}") from None
    return target
