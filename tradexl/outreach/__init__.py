"""The buyer database at work (seed step 6): mailings, greetings and closure notices, trips and trade shows.

Pure selection and wording live in `segments`, `templates`, `mailing`, `greetings`, `trip` and `show`; `files`
writes the drafts and CSVs and logs sent drafts as Follow-ups. A draft is never a contact until it is sent.
"""
