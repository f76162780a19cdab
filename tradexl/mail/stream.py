"""Reading messages from disk without ever holding an attachment in memory.

Buyers send 30 MB drawings and catalogs; an inquiry register needs none of it. `slim_message` streams a raw
RFC 5322 message line by line and drops the body of every part that is not text (keeping its headers, so the
file name is still known), so the email parser only ever sees headers and text parts. `iter_mbox` splits an
mbox file (what Outlook, Foxmail and Thunderbird export) the same way, one message at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tradexl.errors import MailError

SKIPPED_HEADER = b"X-TradeXL-Skipped-Bytes"
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))', re.IGNORECASE)
_MBOX_FROM = re.compile(rb"^From \S")
_HEADER_NAME = re.compile(rb"([\041-\071\073-\176]*):")  # the stdlib feedparser's header line
_MBOXRD_ESCAPED = re.compile(rb"^>+From ")
TEXT_TYPES = ("text/plain", "text/html", "application/plain", "message/delivery-status", "message/feedback-report",
              "message/disposition-notification", "text/rfc822-headers")
"""Parts whose bodies are kept: what a person wrote, and the small machine-readable parts of a report."""


@dataclass(frozen=True)
class RawMessage:
    """A message's bytes (attachment bodies already dropped) and where it came from, for error reports."""

    origin: str
    data: bytes
    envelope: str = ""  # the mbox "From " line, whose date is a last resort for the received time


def _first_headers(header_lines: list[bytes], wanted: tuple[bytes, ...]) -> dict[bytes, str]:
    """The first value of each `wanted` header (lower-case names) of a part, folding kept, read the way the
    stdlib's `compat32` header parser reads them (a line that is not a header ends the block) but without
    building a message: every part of every imported message passes here."""
    found: dict[bytes, str] = {}
    current: bytes | None = None
    for line in header_lines:
        if line[:1] in (b" ", b"\t"):
            if current is not None:
                found[current] += line.decode("latin-1")
            continue
        current = None
        if line.startswith(b"From "):  # an envelope line: skipped (first line) or a defect, never a header
            continue
        named = _HEADER_NAME.match(line)
        if named is None:
            break
        name = named.group(1).lower()
        if name in wanted and name not in found:
            current = name
            found[name] = line[named.end():].lstrip(b" \t").decode("latin-1")
    return {name: value.rstrip("\r\n") for name, value in found.items()}


def _content_type(value: str | None) -> str:
    """`Message.get_content_type` of a part read on its own: text/plain when missing or malformed."""
    ctype = (value or "").split(";")[0].strip().lower()
    return ctype if ctype.count("/") == 1 else "text/plain"


def _part_kind(header_lines: list[bytes]) -> tuple[bytes | None, bool, bool]:
    """(boundary if multipart, whether the body is kept, whether the body is itself a message) of a part."""
    headers = _first_headers(header_lines, (b"content-type", b"content-disposition"))
    ctype = _content_type(headers.get(b"content-type"))
    if ctype.startswith("multipart/"):
        found = _BOUNDARY.search(b"".join(header_lines))
        return ((found.group(1) or found.group(2)).strip() if found else None), True, False
    if ctype == "message/rfc822":
        return None, True, True
    disposition = headers.get(b"content-disposition", "").split(";")[0].strip().lower()
    return None, ctype in TEXT_TYPES and disposition != "attachment", False


class Slimmer:
    """Fed a message line by line; keeps headers and text parts, counts the bytes of what it drops."""

    def __init__(self) -> None:
        self.out: list[bytes] = []
        self.boundaries: list[bytes] = []
        self.in_headers = True
        self.header_lines: list[bytes] = []
        self.keep_body = True
        self.skipped = 0

    def feed(self, line: bytes) -> None:
        if self.in_headers:
            self._header_line(line)
        elif (line.startswith(b"--") and self.boundaries and self._boundary_line(line)) or self.keep_body:
            self.out.append(line)
        else:
            self.skipped += len(line)

    def _header_line(self, line: bytes) -> None:
        if line.strip(b"\r\n") != b"":
            self.header_lines.append(line)
            return
        boundary, self.keep_body, nested = _part_kind(self.header_lines)
        if boundary:
            self.boundaries.append(boundary)
        if not self.keep_body:
            self.header_lines.append(SKIPPED_HEADER + b": 0\r\n")
        self.out.extend(self.header_lines)
        self.out.append(line)
        self.header_lines = []
        self.in_headers = nested

    def _boundary_line(self, line: bytes) -> bool:
        marker = line.rstrip(b"\r\n \t")
        for b in reversed(self.boundaries):
            if marker == b"--" + b:
                self.in_headers = True
                return True
            if marker == b"--" + b + b"--":
                while self.boundaries and self.boundaries[-1] != b:
                    self.boundaries.pop()
                self.boundaries.pop()
                self.keep_body = True
                return True
        return False

    def result(self) -> bytes:
        data = b"".join([*self.out, *self.header_lines])
        if self.skipped:
            data = data.replace(SKIPPED_HEADER + b": 0", SKIPPED_HEADER + b": " + str(self.skipped).encode(), 1)
        return data


def slim_message(lines: Iterable[bytes]) -> bytes:
    """The message with the bodies of non-text parts dropped; memory stays at the size of the text."""
    slimmer = Slimmer()
    for line in lines:
        slimmer.feed(line)
    return slimmer.result()


def read_eml(path: Path) -> RawMessage:
    with open(path, "rb") as handle:
        return RawMessage(str(path), slim_message(handle))


def iter_mbox(path: Path) -> Iterator[RawMessage]:
    """Each message of an mbox file, streamed and slimmed one at a time (mboxrd ">From " unescaped)."""
    with open(path, "rb") as handle:
        yield from _split_mbox(handle, str(path))


def _split_mbox(handle: BinaryIO, origin: str) -> Iterator[RawMessage]:
    envelope = ""
    slimmer: Slimmer | None = None
    number = 0
    previous_blank = True
    for line in handle:
        if previous_blank and _MBOX_FROM.match(line):
            if slimmer is not None:
                yield RawMessage(f"{origin}#{number}", slimmer.result(), envelope)
            number += 1
            envelope, slimmer = line.decode("latin-1").strip(), Slimmer()
        elif slimmer is not None:
            slimmer.feed(line[1:] if _MBOXRD_ESCAPED.match(line) else line)
        elif line.strip():
            raise MailError(f"{origin}: not an mbox file (it does not start with a 'From ' line)")
        previous_blank = line.strip(b"\r\n") == b""
    if slimmer is not None:
        yield RawMessage(f"{origin}#{number}", slimmer.result(), envelope)
