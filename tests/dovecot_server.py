"""A real Dovecot IMAP server of a test's own on loopback, over TLS with a throw-away certificate.

`make_certificate` makes the key and certificate (slow: once per module); `run_dovecot` writes a minimal
configuration in a fresh temp folder (passwd-file user, Maildir there, IMAPS on a free 127.0.0.1 port), lets the
caller fill the mailbox, starts `dovecot -F -c CONF`, and stops that process, by its pid, afterwards. Tests that
use it are skipped when Dovecot or openssl is missing, and FAIL instead with CI=true (CI installs the Debian
package dovecot-imapd with scripts/system-deps.sh).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require

from tradexl.mail.imap import ImapAccount

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
USER, PASSWORD = "sales", "s3cret-Passw0rd"


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


def make_certificate(folder: Path) -> tuple[bytes, bytes]:
    """A throw-away key and self-signed certificate for 127.0.0.1 (RSA key generation is slow: once a module)."""
    require(DOVECOT is not None and shutil.which("openssl") is not None,
            "needs Dovecot (apt package dovecot-imapd) and openssl")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True)
    return (folder / "key.pem").read_bytes(), (folder / "cert.pem").read_bytes()


@dataclass(frozen=True)
class Server:
    account: ImapAccount
    log: Path


def maildir(folder: Path) -> Path:
    """An empty Maildir folder (new, cur, tmp) at `folder`."""
    for sub in ("new", "cur", "tmp"):
        (folder / sub).mkdir(parents=True)
    return folder


@contextmanager
def run_dovecot(certificate: tuple[bytes, bytes], fill: Callable[[Path], None] = maildir) -> Iterator[Server]:
    """A Dovecot of the caller's own, on its own port and mail folder; `fill(user's Maildir)` puts mail there
    first; stopped by pid afterwards."""
    # Not under pytest's 0700 temp tree: Dovecot's auth and mail processes run as other users and must reach it.
    root = Path(tempfile.mkdtemp(prefix="tradexl-dovecot-"))
    os.chmod(root, 0o755)
    port = _free_port()
    user = _mail_user()
    (root / "key.pem").write_bytes(certificate[0])
    (root / "cert.pem").write_bytes(certificate[1])
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    fill(root / "mail" / USER)
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
