"""`tradexl fetch`: inquiries straight from an IMAP mailbox over TLS, with the same import as for files.

The protocol is left to `imapclient` (BSD): folder names such as `询盘` travel in IMAP's modified UTF-7, and
servers that advertise the RFC 2971 ID command are sent one before SELECT (163.com, 126.com and yeah.net refuse
SELECT from a client that has not identified itself). The password never appears on the command line: it
comes from the TRADEXL_IMAP_PASSWORD environment variable, else the OS keyring (service "tradexl-imap", if the
`keyring` package is installed). Messages are fetched with BODY.PEEK[], which does not set \\Seen, so the
mailbox looks untouched unless `mark_seen` is asked for.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from imapclient import SEEN, IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from tradexl import __version__
from tradexl.errors import MailError
from tradexl.mail.stream import RawMessage, slim_message

PASSWORD_ENV = "TRADEXL_IMAP_PASSWORD"
KEYRING_SERVICE = "tradexl-imap"
BATCH = 200
CLIENT_ID = {"name": "TradeXL", "version": __version__, "vendor": "TradeXL"}
"""What the RFC 2971 ID command tells the server about us."""


@dataclass(frozen=True)
class ImapAccount:
    host: str
    user: str
    port: int = 993
    folder: str = "INBOX"
    cafile: str | None = None  # a private CA or self-signed certificate to trust (tests, company servers)


def imap_password(user: str, host: str) -> str:
    """The password from the environment, else the OS keyring; a clear error when neither has one."""
    secret = os.environ.get(PASSWORD_ENV)
    if secret:
        return secret
    keyring: Any
    try:
        keyring = importlib.import_module("keyring")  # optional dependency (the `keyring` extra)
    except ImportError:
        keyring = None
    if keyring is not None:
        try:
            stored = keyring.get_password(KEYRING_SERVICE, f"{user}@{host}")
        except Exception:  # a headless machine has no keyring backend: say what to do instead
            stored = None
        if stored:
            return str(stored)
    raise MailError(f"no IMAP password: set {PASSWORD_ENV} or store it with "
                    f"`keyring set {KEYRING_SERVICE} {user}@{host}`")


def _connect(account: ImapAccount) -> IMAPClient:
    context = ssl.create_default_context(cafile=account.cafile)
    try:
        return IMAPClient(account.host, port=account.port, ssl=True, ssl_context=context, timeout=60)
    except (OSError, ssl.SSLError, IMAPClientError) as exc:
        raise MailError(f"cannot connect to {account.host}:{account.port} over TLS ({exc})") from None


def _error(exc: BaseException) -> str:
    text = exc.args[0] if exc.args else exc
    return (text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)).strip()


def fetch_messages(account: ImapAccount, password: str, *, since: date | None = None,
                   mark_seen: bool = False) -> Iterator[RawMessage]:
    """Every message of the folder (or those since a day), oldest first, attachment bodies dropped."""
    client = _connect(account)
    try:
        try:
            client.login(account.user, password)
        except LoginError as exc:
            raise MailError(f"IMAP login failed for {account.user} ({_error(exc)})") from None
        try:
            if client.has_capability("ID"):
                client.id_(CLIENT_ID)
            client.select_folder(account.folder, readonly=not mark_seen)
        except IMAPClientError as exc:
            raise MailError(f"IMAP select {account.folder} failed: {_error(exc)}") from None
        uids = sorted(client.search(["SINCE", since] if since else ["ALL"]))
        for start in range(0, len(uids), BATCH):
            chunk = uids[start:start + BATCH]
            for uid, data in sorted(client.fetch(chunk, ["BODY.PEEK[]"]).items()):
                body = data.get(b"BODY[]")
                if isinstance(body, bytes):
                    origin = f"imap://{account.user}@{account.host}/{account.folder};UID={uid}"
                    yield RawMessage(origin, slim_message(body.splitlines(keepends=True)))
            if mark_seen:
                client.add_flags(chunk, [SEEN], silent=True)
    except IMAPClientError as exc:
        raise MailError(f"IMAP error on {account.host}: {_error(exc)}") from None
    finally:
        with contextlib.suppress(OSError, IMAPClientError):
            client.logout()
