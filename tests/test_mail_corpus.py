"""The whole real-world mail corpus (`../shared/corpus/mail`, 283 files from mail-library test suites) imported
into a fresh workbook, and every header and body compared with Python's own decoding (`email.policy.default`).

Where the sender labelled the charset correctly our From name and address, Subject and body are identical to
Python's. Not comparable (Python's answer is not the sender's text either): a header with raw 8-bit bytes that
are not UTF-8 (nothing says which charset; Python shows U+FFFD), and a body whose bytes do not fit its declared
charset, or a forward (we show the forwarded buyer). Each of those is listed in NOT_COMPARABLE with its reason;
the test fails when the list changes, and when any compared value differs.

The corpus lives beside the checkout (`../shared/corpus`, as in CI); without it the tests skip, and fail with
CI=true.
"""

from __future__ import annotations

import re
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import compat32, default
from pathlib import Path
from typing import Any

import pytest
from conftest import require

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.mail.importer import ImportReport, import_messages
from tradexl.mail.message import MailMessage, parse_message
from tradexl.mail.stream import read_eml
from tradexl.mail.text import html_to_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
MAIL = CORPUS / "mail"
NOW = datetime(2026, 12, 1, 9, 0)

NOT_MAIL = "not mail: an empty file or a text without mail headers (skipped by the import)"
FORWARDED = "forwarded: the buyer is the forwarded block's sender, not the colleague's header"
RAW_8BIT = "raw 8-bit header bytes that are not UTF-8, with no charset label (Python shows U+FFFD)"
NOT_PARSED = "Python's header parser raises on this header"
MISLABELLED = "body bytes that do not fit the declared charset"
UTF8_AS_SINGLE_BYTE = "UTF-8 body bytes under a single-byte label (us-ascii/iso-8859-1): we read UTF-8"
CP1252_AS_LATIN1 = "Windows-1252 bytes 0x80-0x9F under an iso-8859-1 label: we read Windows-1252"
UNKNOWN_CHARSET = "a charset name Python does not know"

ROBOT_WORDS = re.compile(r"mailer-daemon|postmaster|mail delivery|mail administrator|antispam|no-?reply|"
                         r"\bnotifications?\b", re.IGNORECASE)
SINGLE_BYTE = {"us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "iso-8859-15"}


NOT_COMPARABLE: dict[tuple[str, str], str] = {
    ('cpy__msg_19.txt.eml', '*'): NOT_MAIL,
    ('enmime__erroneous.raw.eml', '*'): NOT_MAIL,
    ('enmime__html-mime-bad-charset-inline.raw.eml', 'body'): UNKNOWN_CHARSET,
    ('enmime__html-mime-bad-unknown-charset-inline.raw.eml', 'body'): UNKNOWN_CHARSET,
    ('enmime__incorrect-charset.raw.eml', 'body'): MISLABELLED,
    ('enmime__non-mime-missing-charset.raw.eml', 'body'): MISLABELLED,
    ('enmime__qp-utf8-header-recursed.raw.eml', 'from'): NOT_PARSED,
    ('enmime__unk-charset-part.raw.eml', 'body'): UNKNOWN_CHARSET,
    ('mikel__.gitattributes.eml', '*'): NOT_MAIL,
    ('mikel__attachment_pdf_non_ascii.eml', 'body'): UTF8_AS_SINGLE_BYTE,
    ('mikel__attachment_pdf_non_ascii_lf.eml', 'body'): UTF8_AS_SINGLE_BYTE,
    ('mikel__attachment_with_base64_encoded_name.eml', '*'): FORWARDED,
    ('mikel__attachment_with_encoded_name.eml', '*'): FORWARDED,
    ('mikel__content_transfer_encoding_7-bit.eml', 'body'): UTF8_AS_SINGLE_BYTE,
    ('mikel__content_transfer_encoding_empty.eml', 'body'): MISLABELLED,
    ('mikel__content_transfer_encoding_plain.eml', 'body'): MISLABELLED,
    ('mikel__example13.eml', '*'): NOT_MAIL,
    ('mikel__invalid_subject_characters.eml', 'subject'): RAW_8BIT,
    ('mikel__raw_email10.eml', 'body'): UNKNOWN_CHARSET,
    ('mikel__raw_email2.eml', '*'): FORWARDED,
    ('mikel__raw_email5.eml', 'body'): MISLABELLED,
    ('mikel__raw_email6.eml', 'body'): MISLABELLED,
    ('mikel__raw_email8.eml', '*'): FORWARDED,
    ('mikel__sample_output_multipart.eml', '*'): NOT_MAIL,
    ('zbateson__README.md.eml', '*'): NOT_MAIL,
    ('zbateson__github-102-01.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__github-102-02.txt.eml', 'body'): MISLABELLED,
    ('zbateson__github-102-02.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__invalid-charset.txt.eml', 'body'): UNKNOWN_CHARSET,
    ('zbateson__m0001.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m0002.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m0003.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m0009.txt.eml', 'body'): MISLABELLED,
    ('zbateson__m0009.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m0023.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m1010.txt.eml', 'body'): MISLABELLED,
    ('zbateson__m2004.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2005.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2006.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2007.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2008.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2009.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2011.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2012.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2013.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2014.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m2015.txt.eml', 'subject'): RAW_8BIT,
    ('zbateson__m4001.txt.eml', 'subject'): RAW_8BIT,
}
"""Every (file, field) not compared with Python, and why; "*" is the whole file."""

def _mail_files() -> list[Path]:
    require(MAIL.is_dir(), f"the mail corpus is not at {MAIL}")
    return sorted(p for p in MAIL.iterdir() if p.suffix == ".eml")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _utf8(text: str) -> str | None:
    """Python's text with raw bytes (kept as surrogates) read as UTF-8; None when they are not UTF-8."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return None


def _raw_header_ok(data: bytes, name: str) -> bool:
    """False when the header carries raw 8-bit bytes that are not UTF-8 (unlabelled: not comparable)."""
    raw = BytesParser(policy=compat32).parsebytes(data, headersonly=True)
    for key, value in raw.raw_items():
        if key.lower() == name.lower():
            return _utf8(str(value)) is not None
    return True


def _body_label_problem(part: EmailMessage) -> str:
    """Why the part's declared charset is not the sender's (then Python's text is not theirs), else ""."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or payload.isascii():
        return ""
    charset = (part.get_content_charset() or "us-ascii").lower()
    try:
        payload.decode(charset)
    except LookupError:
        return UNKNOWN_CHARSET
    except UnicodeDecodeError:
        return MISLABELLED
    if charset in SINGLE_BYTE:
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError:
            latin = charset.startswith("iso-8859") and re.search(rb"[\x80-\x9f]", payload)
            return CP1252_AS_LATIN1 if latin else ""
        return UTF8_AS_SINGLE_BYTE
    return ""


def python_view(data: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """(From, Subject and body as Python decodes them, why a field is not comparable)."""
    msg = message_from_bytes(data, policy=default)
    assert isinstance(msg, EmailMessage)
    view: dict[str, str] = {}
    skip: dict[str, str] = {}
    try:
        found = msg["From"].addresses if msg["From"] is not None else ()
        name, addr = (found[0].display_name, found[0].addr_spec) if found else ("", "")
        if not _raw_header_ok(data, "From") or None in (_utf8(name), _utf8(addr)):
            skip["from"] = RAW_8BIT
        else:
            view["from"] = f"{_norm(_utf8(name))} <{(_utf8(addr) or '').lower().strip('<>')}>"
    except (IndexError, ValueError, TypeError, AttributeError):
        skip["from"] = NOT_PARSED
    if _raw_header_ok(data, "Subject"):
        view["subject"] = _norm(_utf8(str(msg["Subject"] or "")))
    else:
        skip["subject"] = RAW_8BIT
    part = msg.get_body(preferencelist=("plain", "html"))
    problem = _body_label_problem(part) if isinstance(part, EmailMessage) else ""
    if problem:
        skip["body"] = problem
    elif isinstance(part, EmailMessage):
        try:
            content = part.get_content()
        except LookupError:  # a charset parameter Python cannot name (`charset=charset=us-ascii`)
            skip["body"] = UNKNOWN_CHARSET
        else:
            view["body"] = _norm(html_to_text(content) if part.get_content_type() == "text/html" else content)
    else:
        view["body"] = ""
    return view, skip


def our_view(msg: MailMessage) -> dict[str, str]:
    return {"from": f"{_norm(msg.from_name)} <{msg.from_addr}>", "subject": _norm(msg.subject),
            "body": _norm(msg.text)}


@pytest.fixture(scope="module")
def comparison() -> dict[str, Any]:
    compared: dict[tuple[str, str], tuple[str, str]] = {}
    not_compared: dict[tuple[str, str], str] = {}
    for path in _mail_files():
        data = path.read_bytes()
        ours = parse_message(read_eml(path)) if data else None
        if ours is None or ours.header_count == 0:
            not_compared[(path.name, "*")] = NOT_MAIL
            continue
        if ours.forwarded:
            not_compared[(path.name, "*")] = FORWARDED
            continue
        theirs, skip = python_view(data)
        not_compared.update({(path.name, field): why for field, why in skip.items()})
        for field, value in our_view(ours).items():
            if field in theirs:
                compared[(path.name, field)] = (value, theirs[field])
    return {"compared": compared, "not_compared": not_compared}


def test_headers_and_bodies_match_pythons_decoding(comparison: dict[str, Any]):
    compared, not_compared = comparison["compared"], comparison["not_compared"]
    differ = {key: pair for key, pair in compared.items() if pair[0] != pair[1]}
    print(f"\ncorpus: {len(compared)} header/body values compared, {len(differ)} differ; "
          f"{len(not_compared)} not comparable (listed in NOT_COMPARABLE)")
    assert differ == {}
    assert not_compared == NOT_COMPARABLE
    assert len(compared) >= 780


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportReport, Path]:
    _mail_files()
    book = tmp_path_factory.mktemp("corpus-import") / "Sales.xlsm"
    build_workbook(book)
    return import_messages(book, [MAIL], now=NOW), book


def test_whole_corpus_imports_without_robots_becoming_customers(imported: tuple[ImportReport, Path]):
    report, book = imported
    print(f"\ncorpus import: {report.summary()}")
    assert not report.bad
    customers = read_workbook(book).frames["customers"]
    names = [f"{r.get('Company')} | {r.get('Contact')} | {r.get('Email')}" for r in customers.to_dict("records")]
    assert [n for n in names if ROBOT_WORDS.search(n)] == []
    assert all(str(r.get("Email") or "").count("@") == 1 for r in customers.to_dict("records"))
    inquiries = read_workbook(book).frames["inquiries"]
    replaced = set(inquiries.loc[inquiries["Contact"].astype(str).str.contains("\ufffd"), "Contact"])
    assert replaced == {"Biz Phone Systems from EclipseMediaOnline\ufffd\ufffd"}, "the sender's own bytes are U+FFFD"
    assert {"Jöhn Doe", "Атиковa", "Jørn Støylen", "Formação Frenetikpolis"} <= set(inquiries["Contact"])


def test_whole_corpus_skips_with_reasons(imported: tuple[ImportReport, Path]):
    report, _ = imported
    by_file = {Path(s.origin).name: s.reason for s in report.skipped}
    assert {name for name, reason in by_file.items() if reason == "not an email"} >= {
        "mikel__sample_output_multipart.eml", "zbateson__README.md.eml", "mikel__.gitattributes.eml"}
    assert by_file["cpy__msg_25.txt.eml"] == "bounce" and by_file["mikel__report_530.eml"] == "bounce"
    assert by_file["cpy__msg_16.txt.eml"] == "bounce", "a bounce sent through a mailing list is still a bounce"
    assert report.skipped_by_reason() == {"bounce": 12, "no sender address": 9, "notification": 7,
                                          "not an email": 6, "mailing list": 5}
    bounced = {a for s in report.skipped for a in s.bounced}
    assert "edwin@zzzzzzz.com" in bounced and "u@ci.com" in bounced
