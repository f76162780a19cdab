"""Every kind of draft TradeXL writes, opened by a real mail server's MIME parser (Dovecot IMAP, on loopback).

The drafts of `mailing` (with a catalog attached), `greetings`, `show`, `trip`, `reply` and the handover
introductions are APPENDed to a Dovecot mailbox as a mail client saves a draft; Dovecot's own ENVELOPE and
BODYSTRUCTURE, and the decoded bytes of each text part it serves, must match what the stdlib reads from the same
file (the other tests check those values by hand) and the MIME tree each command means to write.
"""

from __future__ import annotations

import base64
import quopri
import ssl
from collections.abc import Iterator
from datetime import datetime
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import decode_rfc2231
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from cli_support import invoke, parsed
from dovecot_server import PASSWORD, USER, Server, make_certificate, run_dovecot
from imapclient import DRAFT, IMAPClient
from outreach_book import TODAY, build

from tradexl.handover import handover_file

DAY = TODAY.isoformat()
ALTERNATIVE = ["multipart/alternative", "text/plain", "text/html"]
TREES = {  # what each command means to write
    "mailing": ["multipart/mixed", *ALTERNATIVE, "application/pdf"],
    "greetings": ALTERNATIVE,
    "show": ALTERNATIVE,
    "trip": ALTERNATIVE,
    "reply": ALTERNATIVE,
    "handover": ["text/plain"],
}


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    folder = tmp_path_factory.mktemp("drafts")
    book = build(folder / "Sales.xlsm")
    catalog = folder / "Lumax catalog 目录.pdf"
    catalog.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    commands = {
        "mailing": ("mailing", book, "--attach", catalog),
        "greetings": ("greetings", book, "--days", "30"),
        "show": ("show", book, "light + building"),
        "trip": ("trip", book, "--country", "UAE", "--from", "2027-03-08", "--to", "2027-03-12"),
        "reply": ("reply", book, "I001"),
    }
    for name, args in commands.items():
        code, _, err = invoke(*args, "--out", folder / name, "--today", DAY)
        assert code == 0, err
    handover_file(book, "Kevin", "Lily", until=None, out_dir=folder / "handover", today=TODAY,
                  now=datetime(2026, 12, 1, 9, 30).astimezone())
    found = {name: sorted((folder / name).glob("*.eml")) for name in TREES}
    assert {name: len(paths) for name, paths in found.items()} == {
        "mailing": 5, "greetings": 4, "show": 2, "trip": 2, "reply": 1, "handover": 3}
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with run_dovecot(make_certificate(tmp_path_factory.mktemp("cert"))) as running:
        yield running


def _words(raw: bytes | None) -> str:
    """An ENVELOPE string as a reader shows it: RFC 2047 words decoded, whitespace collapsed."""
    return " ".join(str(make_header(decode_header((raw or b"").decode("ascii")))).split())


def _params(pairs: Any) -> dict[str, str]:
    """BODYSTRUCTURE parameters, RFC 2231 values (`filename*=utf-8''...`) decoded."""
    items = list(pairs or ())
    found = {}
    for key, value in zip(items[::2], items[1::2], strict=True):
        name, text = key.decode().lower(), value.decode()
        if name.endswith("*"):
            charset, _, quoted = decode_rfc2231(text)
            name, text = name[:-1], unquote(quoted, encoding=charset or "ascii")
        found[name] = text
    return found


def server_tree(body: Any, section: str = "") -> list[tuple[str, str, dict[str, str], str, str | None]]:
    """(IMAP section, type, parameters without the boundary, transfer encoding, attachment file name) per part,
    depth first, from Dovecot's BODYSTRUCTURE."""
    if body.is_multipart:
        parts, subtype, params = body[0], body[1], _params(body[2])
        params.pop("boundary", None)
        rows = [(section, f"multipart/{subtype.decode().lower()}", params, "", None)]
        for number, part in enumerate(parts, start=1):
            rows += server_tree(part, f"{section}.{number}" if section else str(number))
        return rows
    kind = f"{body[0].decode()}/{body[1].decode()}".lower()
    disposition = body[9] if kind.startswith("text/") else body[8]
    filename = _params(disposition[1]).get("filename") if disposition else None
    return [(section or "1", kind, _params(body[2]), body[5].decode().lower(), filename)]


def stdlib_tree(message: Message, section: str = "") -> list[tuple[str, str, dict[str, str], str, str | None]]:
    """The same rows read by the stdlib from the file."""
    params = {k: v for k, v in (message.get_params() or [])[1:] if k != "boundary"}
    if message.is_multipart():
        rows = [(section, message.get_content_type(), params, "", None)]
        for number, part in enumerate(message.get_payload(), start=1):
            assert isinstance(part, Message)
            rows += stdlib_tree(part, f"{section}.{number}" if section else str(number))
        return rows
    encoding = str(message.get("Content-Transfer-Encoding", "7bit")).lower()
    return [(section or "1", message.get_content_type(), params, encoding, message.get_filename())]


def _decoded(data: bytes, encoding: str, charset: str) -> str:
    raw = {"quoted-printable": quopri.decodestring, "base64": base64.b64decode}.get(encoding, bytes)(data)
    return raw.decode(charset).replace("\r\n", "\n")


def _part(message: EmailMessage, section: str) -> Message:
    part: Message = message
    for number in section.split("."):
        if part.is_multipart():
            payload = part.get_payload()
            assert isinstance(payload, list)
            part = payload[int(number) - 1]
    return part


@pytest.mark.parametrize("command", list(TREES))
def test_dovecot_reads_each_draft_as_written(command: str, drafts: dict[str, list[Path]], server: Server) -> None:
    account = server.account
    client = IMAPClient(account.host, account.port, ssl=True,
                        ssl_context=ssl.create_default_context(cafile=account.cafile))
    client.login(USER, PASSWORD)
    try:
        folder = f"Drafts-{command}"
        client.create_folder(folder)
        for path in drafts[command]:
            client.append(folder, path.read_bytes(), flags=[DRAFT])
        client.select_folder(folder, readonly=True)
        uids = sorted(client.search("ALL"))
        fetched = client.fetch(uids, ["ENVELOPE", "BODYSTRUCTURE", "FLAGS", "RFC822.SIZE"])
        for uid, path in zip(uids, drafts[command], strict=True):
            meant, data = parsed(path), fetched[uid]
            envelope = data[b"ENVELOPE"]
            assert _words(envelope.subject) == " ".join(str(meant["Subject"]).split())
            assert envelope.message_id.decode() == meant["Message-ID"]
            for header, addresses in (("From", envelope.from_), ("To", envelope.to)):
                assert [(_words(a.name), f"{a.mailbox.decode()}@{a.host.decode()}") for a in addresses] == \
                    [(a.display_name, a.addr_spec) for a in meant[header].addresses], header
            tree = server_tree(data[b"BODYSTRUCTURE"])
            assert tree == stdlib_tree(meant)
            assert [row[1] for row in tree] == TREES[command]
            assert DRAFT in data[b"FLAGS"] and data[b"RFC822.SIZE"] == len(path.read_bytes())
            for section, kind, params, encoding, _ in tree:
                if kind.startswith("text/"):
                    served = client.fetch([uid], [f"BODY.PEEK[{section}]"])[uid][f"BODY[{section}]".encode()]
                    expected = str(_part(meant, section).get_content()).replace("\r\n", "\n")
                    assert _decoded(served, encoding, params["charset"]) == expected
    finally:
        client.logout()
