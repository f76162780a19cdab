"""`fetch` against a real Dovecot IMAP server on loopback, over TLS with a throw-away certificate.

Every test gets its own server and mailbox (tests/dovecot_server.py: a fresh temp folder, a free 127.0.0.1 port,
stopped by its pid afterwards); no test sees another's flags or folders, so any order passes. Skipped with a
reason when Dovecot or openssl is not installed, and FAILS instead with CI=true.
"""

from __future__ import annotations

import imaplib
import ssl
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from dovecot_server import PASSWORD, USER, Server, maildir, make_certificate, run_dovecot

from tradexl.builder import build_workbook
from tradexl.cli.app import cli
from tradexl.errors import MailError
from tradexl.fileengine.reader import read_workbook
from tradexl.mail.imap import PASSWORD_ENV, ImapAccount, fetch_messages, imap_password
from tradexl.mail.importer import import_raw

CORPUS = Path(__file__).parent / "fixtures" / "mail"
MESSAGES = ("01_multipart_attachment.eml", "04_rfc2047_gbk.eml", "08_alibaba.eml", "10_no_message_id.eml")
FOLDER_MESSAGES = ("07_cyrillic.eml",)

INQUIRY_FOLDER = "询盘"
INQUIRY_FOLDER_ON_DISK = ".&i+J22A-"  # Maildir++ name: modified UTF-7 of 询盘 (UTF-16BE 8BE2 76D8, base64)


def _maildir(folder: Path, names: tuple[str, ...]) -> None:
    maildir(folder)
    for n, name in enumerate(names, start=1):
        (folder / "new" / f"17000000{n:02d}.M{n}P1.test").write_bytes((CORPUS / name).read_bytes())


def _fill(mail: Path) -> None:
    _maildir(mail, MESSAGES)
    _maildir(mail / INQUIRY_FOLDER_ON_DISK, FOLDER_MESSAGES)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    return make_certificate(tmp_path_factory.mktemp("cert"))


@pytest.fixture
def server(certificate: tuple[bytes, bytes]) -> Iterator[Server]:
    """A Dovecot of this test's own, on its own port and mail folder; stopped by pid afterwards."""
    with run_dovecot(certificate, _fill) as running:
        yield running


def _seen_flags(account: ImapAccount) -> list[bool]:
    client = imaplib.IMAP4_SSL(account.host, account.port,
                               ssl_context=ssl.create_default_context(cafile=account.cafile))
    client.login(USER, PASSWORD)
    client.select("INBOX", readonly=True)
    _, data = client.fetch("1:*", "(FLAGS)")
    client.logout()
    return [b"\\Seen" in item for item in data]


def test_fetch_reads_everything_and_marks_nothing(server: Server, tmp_path: Path):
    book = tmp_path / "Sales.xlsm"
    build_workbook(book, data={"products": [{"Model": "AB-100", "Base Price": 3.4}]})
    raws = fetch_messages(server.account, PASSWORD)
    china = timezone(timedelta(hours=8))
    report = import_raw(book, raws, now=datetime(2026, 3, 21, 9), tz=china)
    assert len(report.added) == 4 and not report.bad
    inquiries = read_workbook(book).frames["inquiries"]
    assert "陈喆" in set(inquiries["Contact"]) and "Alibaba" in set(inquiries["Channel"])
    assert _seen_flags(server.account) == [False] * 4
    again = import_raw(book, fetch_messages(server.account, PASSWORD), now=datetime(2026, 3, 21, 10))
    assert (len(again.added), again.duplicates) == (0, 4)


def test_since_and_mark_seen(server: Server):
    assert _seen_flags(server.account) == [False] * 4, "a fresh mailbox: nothing read by an earlier test"
    assert list(fetch_messages(server.account, PASSWORD, since=date(2099, 1, 1))) == []
    fetched = list(fetch_messages(server.account, PASSWORD, mark_seen=True))
    assert len(fetched) == 4 and all(r.origin.startswith("imap://sales@127.0.0.1/INBOX;UID=") for r in fetched)
    assert _seen_flags(server.account) == [True] * 4


def test_folder_with_a_chinese_name_travels_in_modified_utf7(server: Server):
    folder = ImapAccount(server.account.host, USER, server.account.port, INQUIRY_FOLDER, server.account.cafile)
    fetched = list(fetch_messages(folder, PASSWORD))
    assert len(fetched) == 1 and fetched[0].origin.startswith("imap://sales@127.0.0.1/询盘;UID=")
    assert b"CD-200" in fetched[0].data


def test_client_identifies_itself_with_the_rfc2971_id_command(server: Server):
    """163.com, 126.com and yeah.net refuse SELECT until the client sends ID; Dovecot logs what it got."""
    assert len(list(fetch_messages(server.account, PASSWORD))) == 4
    log = server.log.read_text()
    assert "ID sent: name=TradeXL" in log, log[-2000:]


def test_wrong_password_untrusted_certificate_and_missing_folder(server: Server):
    with pytest.raises(MailError, match="login failed"):
        list(fetch_messages(server.account, "wrong"))
    untrusted = ImapAccount(server.account.host, USER, server.account.port)
    with pytest.raises(MailError, match="TLS"):
        list(fetch_messages(untrusted, PASSWORD))
    missing = ImapAccount(server.account.host, USER, server.account.port, "Nowhere", server.account.cafile)
    with pytest.raises(MailError, match="select Nowhere failed"):
        list(fetch_messages(missing, PASSWORD))


def test_fetch_command_imports_and_reports_errors_in_one_line(server: Server, tmp_path: Path):
    import tradexl.cli.mail  # noqa: F401  (importing registers the command)

    account = server.account
    book = tmp_path / "Sales.xlsm"
    build_workbook(book)
    args = ["fetch", str(book), "--imap", account.host, "--port", str(account.port), "--user", USER,
            "--cafile", str(account.cafile)]
    runner = CliRunner()
    result = runner.invoke(cli, args, env={PASSWORD_ENV: PASSWORD}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("Sales.xlsm: 4 inquiries added, 0 duplicates skipped")
    assert len(read_workbook(book).frames["inquiries"]) == 4
    before = book.read_bytes()
    wrong = runner.invoke(cli, args, env={PASSWORD_ENV: "wrong"}, catch_exceptions=False)
    assert wrong.exit_code == 1 and wrong.stdout == ""
    assert wrong.stderr.startswith("Error: ") and "login failed" in wrong.stderr and wrong.stderr.count("\n") == 1
    assert "wrong" not in wrong.stderr, "the password is never echoed"
    assert book.read_bytes() == before


def test_password_from_environment_only(monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert imap_password("u", "h") == "from-env"


def test_no_password_anywhere_is_one_clear_error(monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")  # a headless machine
    with pytest.raises(MailError, match=f"set {PASSWORD_ENV} or store it with `keyring set tradexl-imap u@h`"):
        imap_password("u", "h")
