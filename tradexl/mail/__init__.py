"""Inquiries in, replies out: mailbox and platform-export import, customer matching, lookup, reply drafts.

Public API:
- `import_messages(path, sources, *, now, tz=None, force=False, include_robots=False)` / `import_raw(...)`
  -> `ImportReport` (rows added, and what was skipped as not an inquiry with the reason: `robots.not_inquiry`)
- `fetch_messages(ImapAccount, password, *, since=None, mark_seen=False)` -> raw messages for `import_raw`
- `lookup(path, query)` -> the buyer's history as text
- `reply_file(path, inquiry_id, out_dir, *, today, now, sent=False)` / `compose_reply(...)` -> the `.eml` draft
- `compose_draft` / `write_draft` (`mail.draft`): any unsent draft; `answer_inquiry` (`mail.answer`): the figures
- pure pieces: `parse_message`, `inquiry_row`, `platform_rows`, `assign_customers` (the buyer
  rule itself: `tradexl.rules.identity.identify`)
"""

from tradexl.mail.imap import ImapAccount, fetch_messages, imap_password
from tradexl.mail.importer import ImportReport, import_messages, import_raw
from tradexl.mail.inquiry import inquiry_row
from tradexl.mail.lookup import history_text, lookup
from tradexl.mail.match import Match, assign_customers
from tradexl.mail.message import MailMessage, parse_message
from tradexl.mail.platform import platform_rows
from tradexl.mail.reply import ReplyDraft, compose_reply, reply_file

__all__ = [
    "ImapAccount", "ImportReport", "MailMessage", "Match", "ReplyDraft", "assign_customers",
    "compose_reply", "fetch_messages", "history_text", "imap_password", "import_messages", "import_raw",
    "inquiry_row", "lookup", "parse_message", "platform_rows", "reply_file",
]
