"""Outlook `.msg` files (what classic Outlook saves when a message is dragged out) read with `olefile` (BSD).

A `.msg` is an OLE compound file of MAPI properties, not MIME. The properties an inquiry needs (subject,
sender, plain-text body, sent time, Message-ID, and the original Internet headers when Outlook kept them) are
turned into an ordinary RFC 5322 message, so the one mail decoder (`message.parse_message`) and the one robot
table read it exactly like an `.eml`. A `.msg` that is not a mail item (a contact, an appointment) or cannot
be read is refused with the way to export it as `.eml` instead.
"""

from __future__ import annotations

import re
import struct
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTPUTF8
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

from tradexl.errors import MailError
from tradexl.mail.message import MailMessage, parse_message
from tradexl.mail.stream import RawMessage
from tradexl.mail.text import decode_bytes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS_EML = ("in Outlook open the message and use File > Save As > Outlook Message Format - Unicode, or "
               "forward it to yourself as an attachment and save that as .eml (Outlook on the web and new "
               "Outlook: ... > Download saves .eml)")
# MAPI property ids (MS-OXPROPS) of what an inquiry row needs.
PROPERTIES = {
    "class": 0x001A, "subject": 0x0037, "sender_name": 0x0C1A, "sender_email": 0x0C1F,
    "sender_smtp": 0x5D01, "headers": 0x007D, "body": 0x1000, "message_id": 0x1035,
}
TIME_PROPERTIES = (0x0039, 0x0E06)  # client submit time, then delivery time (PT_SYSTIME)
_DROPPED_HEADERS = re.compile(r"^(content-[\w-]+|mime-version)$", re.IGNORECASE)
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


def _string(ole: Any, prop: int) -> str:
    """A string property: Unicode (001F) or 8-bit (001E) stream of the top-level message."""
    for suffix, unicode in (("001F", True), ("001E", False)):
        name = f"__substg1.0_{prop:04X}{suffix}"
        if ole.exists(name):
            data = ole.openstream(name).read()
            text = data.decode("utf-16-le", "replace") if unicode else decode_bytes(data, None)
            return text.rstrip("\x00").strip()
    return ""


def _sent_time(ole: Any) -> datetime | None:
    """The first of the time properties in the fixed-size property stream (16-byte entries after 32 bytes)."""
    if not ole.exists("__properties_version1.0"):
        return None
    data = ole.openstream("__properties_version1.0").read()
    found: dict[int, datetime] = {}
    for offset in range(32, len(data) - 15, 16):
        tag, _flags, value = struct.unpack_from("<IIQ", data, offset)
        if tag & 0xFFFF == 0x0040 and tag >> 16 in TIME_PROPERTIES and value:
            found[tag >> 16] = _FILETIME_EPOCH + timedelta(microseconds=value // 10)
    return next((found[p] for p in TIME_PROPERTIES if p in found), None)


def msg_to_mime(path: Path) -> bytes:
    """The `.msg` at `path` as RFC 5322 bytes (headers Outlook kept, then the MAPI properties, plain body)."""
    import olefile

    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError) as exc:  # olefile raises NotOleFileError (an OSError) and friends
        raise MailError(f"{path.name}: cannot read this Outlook file ({exc}); {SAVE_AS_EML}") from None
    try:
        props = {key: _string(ole, prop) for key, prop in PROPERTIES.items()}
        sent = _sent_time(ole)
    finally:
        ole.close()
    kind = props["class"]
    if kind and not kind.upper().startswith(("IPM.NOTE", "REPORT.IPM.NOTE")):
        raise MailError(f"{path.name}: an Outlook {kind} item, not a mail message")
    out = EmailMessage(policy=SMTPUTF8)
    for line in re.split(r"\r?\n(?![ \t])", props["headers"]):
        name, sep, value = line.partition(":")
        if sep and name.strip() and not _DROPPED_HEADERS.match(name.strip()):
            try:
                out[name.strip()] = " ".join(value.split())
            except (ValueError, TypeError, IndexError):  # a header the stdlib refuses to set: not needed
                continue
    address = props["sender_smtp"] or (props["sender_email"] if "@" in props["sender_email"] else "")
    defaults = {"From": formataddr((props["sender_name"], address)) if address else props["sender_name"],
                "Subject": props["subject"], "Message-ID": props["message_id"],
                "Date": format_datetime(sent) if sent else ""}
    for name, value in defaults.items():
        if value and name not in out:
            out[name] = value
    out.set_content(props["body"] or "\n")
    return out.as_bytes()


def read_msg(path: Path) -> MailMessage:
    """The decoded message of an Outlook `.msg` file; MailError (with how to save as .eml) when unreadable."""
    return parse_message(RawMessage(str(path), msg_to_mime(path)))
