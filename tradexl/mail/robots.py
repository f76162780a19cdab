"""Mail that is not an inquiry: bounces, auto-replies, mailing lists, spam reports, notifications, our own mail.

A real inbox is full of mail no buyer wrote. Each rule below names a reason (shown in the import summary), the
place it looks (a header, the sender, the subject) and a pattern; the first rule that matches decides, so the
specific reports (a spam complaint is also a `multipart/report`) come before the general ones. Platform
notifications that carry an inquiry (Alibaba, website forms) are not robots: `inquiry.channel_of` recognises
them first and the importer asks this module only about plain email.

Pure: the message and our own addresses (Settings › Team emails) are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from tradexl.mail.message import MailMessage

BOUNCE = "bounce"
NOT_INQUIRY_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # (reason, where to look, pattern). Where: "header:<Name>", "from" (address), "from-name", "subject".
    ("spam report", "header:Content-Type", re.compile(r"report-type=\"?feedback-report", re.IGNORECASE)),
    ("spam report", "header:Feedback-Type", re.compile(r".")),
    ("read receipt", "header:Content-Type", re.compile(r"report-type=\"?disposition-notification", re.IGNORECASE)),
    (BOUNCE, "header:Content-Type", re.compile(r"^multipart/report", re.IGNORECASE)),
    (BOUNCE, "from", re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.IGNORECASE)),
    (BOUNCE, "from-name", re.compile(r"\b(mail(er)?[ -]?daemon|mail delivery (subsystem|system|service)|"
                                     r"postmaster|mail administrator|internet mail delivery)\b", re.IGNORECASE)),
    (BOUNCE, "header:X-Failed-Recipients", re.compile(r".")),
    (BOUNCE, "subject", re.compile(r"^(undeliver(able|ed)|delivery (status notification|failure|has failed|"
                                   r"notification)|returned mail|mail delivery failed|failure notice|"
                                   r"退信|系统退信|邮件投递失败)", re.IGNORECASE)),
    ("auto-reply", "header:Auto-Submitted", re.compile(r"^(?!\s*no\s*$).+", re.IGNORECASE)),
    ("auto-reply", "header:X-Autoreply", re.compile(r".")),
    ("auto-reply", "header:X-Autorespond", re.compile(r".")),
    ("auto-reply", "header:X-Auto-Response-Suppress", re.compile(r"\b(all|oof|autoreply)\b", re.IGNORECASE)),
    ("auto-reply", "subject", re.compile(r"^(out of (the )?office|automatic reply|auto(matic)?[ -]?reply|"
                                         r"auto[ -]?response|abwesenheitsnotiz|réponse automatique|"
                                         r"respuesta automática|自动回复|自動回覆|休假)", re.IGNORECASE)),
    ("mailing list", "header:List-Id", re.compile(r".")),
    ("mailing list", "header:List-Unsubscribe", re.compile(r".")),
    ("mailing list", "header:Precedence", re.compile(r"^\s*(bulk|list|junk)\s*$", re.IGNORECASE)),
    ("mailing list", "from", re.compile(r"-(request|bounces?|owner)@|^owner-", re.IGNORECASE)),
    ("notification", "from", re.compile(r"(^|[-_.+])(no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|notify|"
                                        r"alerts?|newsletters?|e?news|newsflash|announcements?|mailer|bounces?|"
                                        r"automated|marketing|promotions?)([-_.+][^@]*)?@", re.IGNORECASE)),
)
"""The rule table: edit a line, not an `if` chain."""

_RECIPIENT = re.compile(r"^(?:final|original)-recipient\s*:\s*(?:rfc822\s*;)?\s*<?([^\s<>;]+@[^\s<>;]+)>?",
                        re.IGNORECASE | re.MULTILINE)
_ACTION_FAILED = re.compile(r"^action\s*:\s*failed", re.IGNORECASE | re.MULTILINE)
_STATUS = re.compile(r"^(?:diagnostic-code\s*:\s*(?:smtp\s*;)?\s*(.+)|status\s*:\s*(\d\.\d+\.\d+))",
                     re.IGNORECASE | re.MULTILINE)
_TEXT_RECIPIENT = re.compile(r"^\s*<([^\s<>@]+@[^\s<>]+\.[a-z]{2,})>\s*:|^\s+([^\s<>@:]+@[^\s<>:]+\.[a-z]{2,})\s*$",
                             re.IGNORECASE | re.MULTILINE)
"""Old-style bounces without a report part: Postfix/qmail `<addr>: reason` lines, Exim's indented address."""


@dataclass(frozen=True)
class NotInquiry:
    """Why a message is skipped, and for a bounce the addresses that could not be reached and the reason."""

    reason: str
    bounced: tuple[str, ...] = ()
    detail: str = ""


def _place(msg: MailMessage, where: str) -> str | None:
    if where.startswith("header:"):
        name = where.split(":", 1)[1].lower()
        return next((v for k, v in msg.headers.items() if k.lower() == name), None)
    return {"from": msg.from_addr, "from-name": msg.from_name, "subject": msg.subject}[where]


def bounced_addresses(msg: MailMessage) -> tuple[tuple[str, ...], str]:
    """(addresses a bounce says could not be reached, the server's reason) from its delivery-status part.

    Each recipient block of the report counts only when its Action is "failed" (a "delayed" one may still
    arrive). Old-style bounces without a report part name the address in X-Failed-Recipients or in the text.
    """
    found: list[str] = []
    reasons: list[str] = []
    report = re.sub(r"\n[ \t]+", " ", "\n".join(msg.reports).replace("\r\n", "\n"))  # unfold header lines
    for block in re.split(r"\n\s*\n", report):
        recipient = _RECIPIENT.search(block)
        if recipient and (_ACTION_FAILED.search(block) or "action" not in block.lower()):
            found.append(recipient.group(1).lower())
            reasons += [" ".join((code or number).split())[:160] for code, number in _STATUS.findall(block)]
    found += [a.strip().lower() for a in msg.headers.get("X-Failed-Recipients", "").split(",") if "@" in a]
    if not found and not msg.reports:
        found = [(a or b).lower() for a, b in _TEXT_RECIPIENT.findall(msg.text)]
    own = {msg.from_addr, *msg.recipients}
    addresses = tuple(dict.fromkeys(a for a in found if a not in own))
    reason = max(reasons, key=len) if reasons else ""  # the Diagnostic-Code says more than the Status number
    return addresses, reason


def not_inquiry(msg: MailMessage, own_addresses: Collection[str] = ()) -> NotInquiry | None:
    """Why `msg` is not a buyer's inquiry, or None when it may be one.

    `own_addresses` are the team's mailboxes: a message from one of them is our own (sent) mail.
    """
    if msg.header_count == 0:
        return NotInquiry("not an email", detail="no mail headers")
    if msg.from_addr and msg.from_addr in {a.strip().lower() for a in own_addresses if a}:
        return NotInquiry("our own mail")
    for reason, where, pattern in NOT_INQUIRY_RULES:
        value = _place(msg, where)
        if value is None or not pattern.search(value):
            continue
        if reason == BOUNCE:
            addresses, status = bounced_addresses(msg)
            return NotInquiry(reason, addresses, status)
        return NotInquiry(reason)
    if not msg.from_addr or "@" not in msg.from_addr:
        return NotInquiry("no sender address")
    return None
