"""Part-by-part comparison of two xlsx/xlsm packages, in the style of XlsxWriter's comparison tests.

Both files are unzipped; each part is compared by its decompressed bytes. Only what legitimately changes on
every save is stripped first: the created/modified dates in docProps/core.xml. Everything else, `.bin` parts
(VBA, printer settings) included, must match byte for byte. The result names the parts added, removed and
changed, and can show a short readable diff of a changed XML part for the failure message.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

CORE = "docProps/core.xml"
_CORE_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info.filename) for info in z.infolist() if not info.is_dir()}


def normalise(name: str, body: bytes) -> bytes:
    """The bytes that must match: core.xml without its save dates, every other part as stored."""
    if name == CORE:
        return _CORE_DATES.sub(b"", body)
    return body


@dataclass
class PartDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def touching(self, allowed: Iterable[str]) -> list[str]:
        """Differing parts outside `allowed` (removed, added or changed)."""
        ok = set(allowed)
        return sorted(p for p in self.added + self.removed + self.changed if p not in ok)

    def __str__(self) -> str:
        return f"added={self.added} removed={self.removed} changed={self.changed}"


def diff_parts(old: Path | dict[str, bytes], new: Path | dict[str, bytes]) -> PartDiff:
    a = old if isinstance(old, dict) else read_parts(old)
    b = new if isinstance(new, dict) else read_parts(new)
    result = PartDiff(added=sorted(b.keys() - a.keys()), removed=sorted(a.keys() - b.keys()))
    result.changed = sorted(n for n in a.keys() & b.keys() if normalise(n, a[n]) != normalise(n, b[n]))
    return result


def pretty(body: bytes) -> list[str]:
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return [repr(body[:200])]
    return etree.tostring(root, pretty_print=True, encoding="unicode").splitlines()


def explain(old: Path, new: Path, part: str, limit: int = 40) -> str:
    """A unified diff of one part, pretty-printed, cut to `limit` lines (for assertion messages)."""
    a, b = read_parts(old).get(part, b""), read_parts(new).get(part, b"")
    if part.endswith((".bin", ".png", ".jpeg", ".emf")):
        return f"{part}: binary part differs ({len(a)} -> {len(b)} bytes)"
    lines = list(difflib.unified_diff(pretty(a), pretty(b), "old/" + part, "new/" + part, lineterm="", n=1))
    return "\n".join(lines[:limit])
