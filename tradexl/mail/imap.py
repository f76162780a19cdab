"""`tradexl fetch`: inquiries straight from an IMAP mailbox over TLS, with the same import as for files.

The password never appears on the command line: it comes from the TRADEXL_IMAP_PASSWORD environment variable,
else the OS keyring (service "tradexl-imap", if the `keyring` package is installed). Messages are fetched with
BODY.PEEK[], which does not set \\Seen, so the mailbox looks untouched unless `mark_seen` is asked for.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tradexl.errors import MailError
from tradexl.mail.stream import RawMessage, slim_message

PASSWORD_ENV = "TRADEXL_IMAP_PASSWORD"
KEYRING_SERVICE = "tradexl-imap"
BATCH = 200
_LITERAL = re.compile(rb"\{(\d+)\}$")


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
    try:
        import keyring  # optional dependency
    except ImportError:
        keyring = None
    if keyring is not None:
        stored = keyring.get_password(KEYRING_SERVICE, f"{user}@{host}")
        if stored:
            return stored
    raise MailError(f"no IMAP password: set {PASSWORD_ENV} or store it with "
                    f"`keyring set {KEYRING_SERVICE} {user}@{host}`")


def _check(result: tuple[str, list], what: str) -> list:
    status, data = result
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise MailError(f"IMAP {what} failed: {detail or status}")
    return data


def _quote_folder(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fetch_messages(account: ImapAccount, password: str, *, since: date | None = None,
                   mark_seen: bool = False) -> Iterator[RawMessage]:
    """Every message of the folder (or those since a day), oldest first, attachment bodies dropped."""
    context = ssl.create_default_context(cafile=account.cafile)
    try:
        client = imaplib.IMAP4_SSL(account.host, account.port, ssl_context=context, timeout=60)
    except (OSError, ssl.SSLError) as exc:
        raise MailError(f"cannot connect to {account.host}:{account.port} over TLS ({exc})") from None
    try:
        try:
            client.login(account.user, password)
        except imaplib.IMAP4.error as exc:
            raise MailError(f"IMAP login failed for {account.user} ({exc})") from None
        _check(client.select(_quote_folder(account.folder), readonly=not mark_seen), f"select {account.folder}")
        criteria = f"SINCE {since.strftime('%d-%b-%Y')}" if since else "ALL"
        uids = _check(client.uid("SEARCH", None, criteria), "search")[0].split()
        for start in range(0, len(uids), BATCH):
            chunk = b",".join(uids[start:start + BATCH]).decode()
            data = _check(client.uid("FETCH", chunk, "(UID BODY.PEEK[])"), "fetch")
            for item in data:
                if isinstance(item, tuple):
                    uid = re.search(rb"UID (\d+)", item[0])
                    origin = f"imap://{account.user}@{account.host}/{account.folder};UID={uid.group(1).decode()}" \
                        if uid else f"imap://{account.host}/{account.folder}"
                    yield RawMessage(origin, slim_message(item[1].splitlines(keepends=True)))
            if mark_seen:
                _check(client.uid("STORE", chunk, "+FLAGS.SILENT", r"(\Seen)"), "mark seen")
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()
