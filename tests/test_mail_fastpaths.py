"""The import's shortcuts past the stdlib's email parser give what the stdlib gives, on generated input.

`message._simple_mailbox` reads `Name <a@b>`-style headers, `message.header_text` skips the parser when there
is no encoded word, and `stream._first_headers` reads a part's Content-Type without building a message: each is
compared with the full stdlib path it stands in for, on thousands of generated headers."""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesHeaderParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tradexl.mail.message import _parsed_addresses, _simple_mailbox, _unbyte, header_text
from tradexl.mail.stream import _content_type, _first_headers

atom = st.text("ABCxyz019!#$%&'*+-/=?^_`{|}~", min_size=1, max_size=4)
dotted = st.lists(atom, min_size=1, max_size=3).map(".".join)
words = st.lists(st.sampled_from(["Buyer", "J.", ".", "O'Brien", "a=b", "x?y", " ", "\t", "Smith,", "é", "(c)",
                                  '"q"', "12", "=?utf-8?q?x?="]), max_size=5).map(" ".join)
quoted = st.lists(st.sampled_from([*'ab ,.;:<>@()[]é\t', '\\"']), max_size=8).map(lambda t: '"' + "".join(t) + '"')
mailboxes = st.one_of(
    st.tuples(dotted, dotted).map(lambda p: f"{p[0]}@{p[1]}"),
    st.tuples(st.one_of(words, quoted), dotted, dotted, st.sampled_from(["", " ", "  "])).map(
        lambda p: f"{p[3]}{p[0]} <{p[1]}@{p[2]}>{p[3]}"))


@settings(max_examples=800, deadline=None)
@given(mailboxes)
@example('"Smith, John" <j.s@x.com>')
@example("J. Smith <j@x.com>")
def test_a_plain_mailbox_reads_as_the_stdlib_reads_it(raw: str) -> None:
    fast = _simple_mailbox(raw)
    if fast is not None:
        assert [fast] == _parsed_addresses(raw, "From")


def test_the_shortcut_takes_the_usual_forms_and_leaves_the_rest() -> None:
    assert _simple_mailbox('  "Smith, John"  <j.smith@acme.com> ') == ("Smith, John", "j.smith@acme.com")
    assert _simple_mailbox("Buyer  12\t<buyer12@co12.example.ae>") == ("Buyer 12", "buyer12@co12.example.ae")
    assert _simple_mailbox("sales@ourfactory.cn") == ("", "sales@ourfactory.cn")
    for other in ("a@b.c, d@e.f", "=?utf-8?q?Jos=C3=A9?= <j@x.es>", "José <j@x.es>", "Al (sales) <a@b.c>",
                  "Team: a@b.c;", "<a@[10.0.0.1]>"):
        assert _simple_mailbox(other) is None, other


def _stdlib_text(value: str) -> str:
    raw = _unbyte(value)
    return re.sub(r"\s+", " ", str(policy.default.header_fetch_parse("Subject", "".join(raw.splitlines())))).strip()


@settings(max_examples=800, deadline=None)
@given(st.text())
def test_text_without_encoded_words_reads_as_the_stdlib_reads_it(value: str) -> None:
    if "=?" not in value:
        assert header_text(value) == _stdlib_text(value)


header_lines = st.lists(st.sampled_from([
    b"Content-Type: multipart/mixed;\r\n", b"\tboundary=\"b1\"\r\n", b"content-type: TEXT/HTML; charset=x\r\n",
    b"Content-Type: image\r\n", b"Content-Type:application/pdf\r\n", b" name=a.pdf\r\n",
    b"Content-Disposition: attachment; filename=a.pdf\r\n", b"CONTENT-DISPOSITION:inline\r\n",
    b"From someone Mon Dec  1 2026\r\n", b"Subject: hi\r\n", b"not a header line\r\n", b": empty name\r\n",
    b"X-Odd name: v\r\n", b"Content-Type: message/rfc822\r\n"]), max_size=8)


@settings(max_examples=800, deadline=None)
@given(header_lines)
def test_a_parts_content_type_reads_as_the_stdlib_reads_it(lines: list[bytes]) -> None:
    parsed = BytesHeaderParser(policy=policy.compat32).parsebytes(b"".join(lines) + b"\r\n")
    fast = _first_headers(lines, (b"content-type", b"content-disposition"))
    assert _content_type(fast.get(b"content-type")) == parsed.get_content_type()
    assert fast.get(b"content-disposition", "").split(";")[0].strip().lower() == \
        str(parsed.get("Content-Disposition", "")).split(";")[0].strip().lower()
