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

Each lives in its own submodule (`imap`, `importer`, `lookup`, `reply`, `draft`, `answer`, `message`, `inquiry`,
`platform`, `match`) and is imported from there: importing the package itself loads nothing, so a refresh (whose
Due sheet words greetings with `mail.draft`) does not pay for the IMAP client, the HTML parser and the importer.
"""
