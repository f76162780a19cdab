"""`fetch` against a real Dovecot IMAP server on loopback, over TLS with a throw-away certificate.

Every test gets its own server and mailbox: the fixture writes a minimal Dovecot configuration in a fresh temp
folder (passwd-file user, Maildir there, IMAPS on a free 127.0.0.1 port), starts `dovecot -F -c CONF` and stops
that process, by its pid, afterwards; no test sees another's flags or folders, so any order passes. Skipped
with a reason when Dovecot or openssl is not installed, and FAILS instead with CI=true (CI installs the Debian
package dovecot-imapd with scripts/system-deps.sh).
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require

from tradexl.builder import build_workbook
from tradexl.cli.app import cli
from tradexl.errors import MailError
from tradexl.fileengine.reader import read_workbook
from tradexl.mail.imap import PASSWORD_ENV, ImapAccount, fetch_messages, imap_password
from tradexl.mail.importer import import_raw

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
CORPUS = Path(__file__).parent / "fixtures" / "mail"
USER, PASSWORD = "sales", "s3cret-Passw0rd"
MESSAGES = ("01_multipart_attachment.eml", "04_rfc2047_gbk.eml", "08_alibaba.eml", "10_no_message_id.eml")
FOLDER_MESSAGES = ("07_cyrillic.eml",)

INQUIRY_FOLDER = "询盘"
INQUIRY_FOLDER_ON_DISK = ".&i+J22A-"  # Maildir++ name: modified UTF-7 of 询盘 (UTF-16BE 8BE2 76D8, base64)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mail_user() -> pwd.struct_passwd:
    """Dovecot never serves mail as root: as root, use the packaged 'dovecot' account for the mailbox."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    return pwd.getpwnam("dovecot")


CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
imap_id_log = *
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain
disable_plaintext_auth = yes
first_valid_uid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """A throw-away key and self-signed certificate for 127.0.0.1, made once (RSA key generation is slow)."""
    require(DOVECOT is not None and shutil.which("openssl") is not None,
            "needs Dovecot (apt package dovecot-imapd) and openssl")
    folder = tmp_path_factory.mktemp("cert")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True)
    return (folder / "key.pem").read_bytes(), (folder / "cert.pem").read_bytes()


def _maildir(folder: Path, names: tuple[str, ...]) -> None:
    for sub in ("new", "cur", "tmp"):
        (folder / sub).mkdir(parents=True)
    for n, name in enumerate(names, start=1):
        (folder / "new" / f"17000000{n:02d}.M{n}P1.test").write_bytes((CORPUS / name).read_bytes())


@dataclass(frozen=True)
class Server:
    account: ImapAccount
    log: Path


@pytest.fixture
def server(certificate: tuple[bytes, bytes]) -> Iterator[Server]:
    """A Dovecot of this test's own, on its own port and mail folder; stopped by pid afterwards."""
    # Not under pytest's 0700 temp tree: Dovecot's auth and mail processes run as other users and must reach it.
    root = Path(tempfile.mkdtemp(prefix="tradexl-dovecot-"))
    os.chmod(root, 0o755)
    port = _free_port()
    user = _mail_user()
    (root / "key.pem").write_bytes(certificate[0])
    (root / "cert.pem").write_bytes(certificate[1])
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    _maildir(root / "mail" / USER, MESSAGES)
    _maildir(root / "mail" / USER / INQUIRY_FOLDER_ON_DISK, FOLDER_MESSAGES)
    (root / "home" / USER).mkdir(parents=True)
    for path in [root / "mail", *root.joinpath("mail").rglob("*"), root / "home", *root.joinpath("home").rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)
    login, internal = ("dovenull", "dovecot") if os.geteuid() == 0 else (user.pw_name, user.pw_name)
    conf = root / "dovecot.conf"
    conf.write_text(CONFIG.format(root=root, port=port, uid=user.pw_uid, gid=user.pw_gid, login_user=login,
                                  internal_user=internal))
    assert DOVECOT is not None
    proc = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_listening(proc, port, root)
        yield Server(ImapAccount("127.0.0.1", USER, port, "INBOX", str(root / "cert.pem")), root / "dovecot.log")
    finally:
        proc.terminate()  # this test's server only, by its pid
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(root, ignore_errors=True)


def _wait_listening(proc: subprocess.Popen[bytes], port: int, root: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            output = proc.stdout.read().decode() if proc.stdout else ""
            pytest.fail(f"dovecot exited: {output} {log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("dovecot did not start listening")


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
