"""The fast batch composer against the stdlib one: both outputs parsed back with the standard library and compared
header by header and part by part, on hand-picked hard cases, random ones, and a real mailing's letters."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from outreach_book import TODAY, build

from tradexl.mail.batch import DraftBatch, address_header, subject_header
from tradexl.mail.draft import Attachment, compose_draft, mailbox
from tradexl.outreach.mailing import BUILT_IN, plan_mailing
from tradexl.outreach.segments import Segment
from tradexl.outreach.service import read_enriched

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))
CATALOG = Attachment("Katalog 目录 2027.pdf", bytes(range(256)) * 40, "application/pdf")


def parse(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=default)
    assert isinstance(message, EmailMessage)
    return message


def shape(raw: bytes) -> list[Any]:
    """What a reader sees: every header decoded (whitespace unfolded), then each part's type, parameters, file
    name and decoded content; boundaries left out (they are random); no parser defect anywhere."""
    assert raw.isascii() and b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998, "RFC 5322 line limit"
    message = parse(raw)
    seen: list[Any] = [(name, " ".join(str(value).split())) for name, value in message.items()
                       if name not in ("Content-Type", "MIME-Version")]
    for part in message.walk():
        assert not part.defects, part.defects
        params = {k: v for k, v in part.get_params() or () if k != "boundary"}
        seen.append((part.get_content_type(), params, part.get_filename(), part.get_content_disposition()))
        if not part.is_multipart():
            seen.append(part.get_content())
    return seen


def both(*, to: Address, subject: str, text: str, html: str | None, sender: Address | None,
         attachments: tuple[Attachment, ...] = ()) -> tuple[bytes, bytes]:
    slow = compose_draft(to=to, subject=subject, text=text, html=html, sender=sender, when=WHEN,
                         attachments=attachments, message_id="<fixed@example.com>").as_bytes()
    fast = DraftBatch(when=WHEN, attachments=attachments).render(
        to=to, subject=subject, text=text, html=html, sender=sender, message_id="<fixed@example.com>")
    return slow, fast


HARD = [
    ("Ahmed Al-Mansouri", "New products for Al Noor Trading LLC", "Dear Ahmed,\n\nUSD 0.67\n", "<p>Dear Ahmed</p>"),
    ("José Muñoz", "Neue Produkte für Müller Licht GmbH", "Estimado José Muñoz,\r\nPrecio: 3,23 €\n", None),
    ("王伟", "新产品 – Ningbo Lumax", "王先生您好：\n\n新品目录见附件。", "<p>王先生您好</p>"),
    ("J. R. Smith", "x" * 120, "a line of exactly seventy-six characters is fine for quoted-printable......\n",
     "<p>" + "wide " * 300 + "</p>"),
    ("O'Brien & Sons", "Re: =?utf-8?q?not-encoded?= and  double  spaces ", "trailing spaces   \n\ttab\n.\nFrom here\n",
     "<p>=3D and = signs</p>"),
    ("", "Price list 2027 " * 8, "no final line end", ""),
]


@pytest.mark.parametrize(("name", "subject", "text", "html"), HARD)
@pytest.mark.parametrize("attachments", [(), (CATALOG,)])
def test_batch_draft_reads_back_like_the_stdlib_draft(name: str, subject: str, text: str, html: str | None,
                                                       attachments: tuple[Attachment, ...]) -> None:
    for sender in (mailbox("Tony 刘洋", "tony@lumax.test"), mailbox("Lily", "lily@lumax.test"), None):
        slow, fast = both(to=mailbox(name, "buyer@example.com"), subject=subject, text=text, html=html,
                          sender=sender, attachments=attachments)
        assert shape(fast) == shape(slow)


def test_hand_checked_bytes_of_a_plain_draft() -> None:
    raw = DraftBatch(when=WHEN).render(to=mailbox("Raj Patel", "raj@patelelec.in"), subject="Happy Diwali",
                                       text="Dear Raj,\nHappy Diwali!", sender=mailbox("Lily", "lily@lumax.test"),
                                       message_id="<1@lumax.test>")
    assert raw == (b"From: Lily <lily@lumax.test>\r\nTo: Raj Patel <raj@patelelec.in>\r\nSubject: Happy Diwali\r\n"
                   b"Date: Tue, 01 Dec 2026 09:30:00 +0800\r\nMessage-ID: <1@lumax.test>\r\nX-Unsent: 1\r\n"
                   b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
                   b"Content-Transfer-Encoding: 7bit\r\n\r\nDear Raj,\r\nHappy Diwali!\r\n")


def test_headers_fold_at_78_and_names_outside_atext_are_encoded_by_the_stdlib() -> None:
    assert subject_header("a " * 45) == b"Subject:" + b" a" * 35 + b"\r\n" + b" a" * 10 + b"\r\n"
    assert address_header("To", mailbox("J. Smith", "j@x.com")) == b'To: "J. Smith" <j@x.com>\r\n'
    assert address_header("To", mailbox("Jürgen", "j@x.de")) == b"To: =?utf-8?q?J=C3=BCrgen?= <j@x.de>\r\n"


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
bodies = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@settings(max_examples=120, deadline=None)
@given(name=names, subject=names, text=bodies, html=st.none() | bodies)
def test_random_drafts_read_back_like_the_stdlib(name: str, subject: str, text: str, html: str | None) -> None:
    slow, fast = both(to=mailbox(name, "buyer@example.com"), subject=subject, text=text, html=html,
                      sender=mailbox("Amy Wang 王", "amy@lux.cn"))
    assert shape(fast) == shape(slow)


def test_every_letter_of_a_real_mailing_matches_the_stdlib(tmp_path: Path) -> None:
    book = build(tmp_path / "Sales.xlsm")
    tables, enriched = read_enriched(Path(shutil.copyfile(book, tmp_path / "copy.xlsm")), TODAY)
    letters = plan_mailing(enriched, tables.settings, Segment(), BUILT_IN["new-products"], TODAY).letters
    assert len(letters) == 5
    for letter in letters:
        slow, fast = both(to=mailbox(letter.contact, letter.address), subject=letter.subject, text=letter.text,
                          html=letter.html, sender=letter.sender, attachments=(CATALOG,))
        assert shape(fast) == shape(slow)
