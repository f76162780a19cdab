"""Broken and hostile workbooks, derived from a good corpus file at test time.

Each maker takes the good workbook and a target path and writes one kind of file a user really meets: a
renamed CSV or .xls, a truncated download, a password-protected workbook, an XML or zip bomb, a sheet that
reaches Excel's last row.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from corpus import ooxml as ox

MAX_ROW = 1_048_576


def parts(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(i, z.read(i.filename)) for i in z.infolist()]


def rewrite(good: Path, target: Path, changes: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, body in parts(good):
            out.writestr(info.filename, changes.get(info.filename, body))
    return target


def sheet_part(good: Path, sheet: str) -> str:
    return ox.sheet_parts(dict((i.filename, b) for i, b in parts(good)))[sheet]


def not_a_zip(good: Path, target: Path) -> Path:
    target.write_bytes(b"Quarterly plan\nThis is a text file someone named .xlsm\n" * 20)
    return target


def csv_renamed(good: Path, target: Path) -> Path:
    target.write_text("Inquiry ID,Received,Company\nINQ-1,2026-11-28,Acme\n", encoding="utf-8")
    return target


def truncated(good: Path, target: Path) -> Path:
    body = good.read_bytes()
    target.write_bytes(body[: len(body) // 2])
    return target


def encrypted(good: Path, target: Path) -> Path:
    """A real password-protected workbook (ECMA-376 agile encryption, what Excel writes), via msoffcrypto."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with good.open("rb") as fh:
        OOXMLFile(fh).encrypt("secret", out)
    target.write_bytes(out.getvalue())
    return target


def ole_junk(good: Path, target: Path) -> Path:
    """An OLE2 compound-file header followed by junk: what an old .xls looks like to a zip reader."""
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\x00" * 4096)
    return target


LAUGHS = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10)) + b"]>\n")


def xml_bomb(good: Path, target: Path) -> Path:
    """Billion laughs in the shared strings (every reader must parse them)."""
    sst = next(i.filename for i, _ in parts(good) if i.filename.lower() == "xl/sharedstrings.xml")
    body = dict((i.filename, b) for i, b in parts(good))[sst]
    body = LAUGHS + re.sub(rb"^<\?xml[^>]*\?>\s*", b"", body).replace(b"<t>", b"<t>&lol9;", 1)
    return rewrite(good, target, {sst: body})


def zip_bomb(good: Path, target: Path, gib: float = 1.0) -> Path:
    """A user sheet padded with 1 GiB of spaces: a few MB on disk, a gigabyte when read."""
    return _padded(good, target, b" " * (1 << 20), int(1024 * gib))


def zip_bomb_under_ratio(good: Path, target: Path) -> Path:
    """1.5 GB from 8 MB: spaces salted with random bytes so it expands 'only' ~197x, under a 200x ratio guard."""
    return _padded(good, target, (b" " * 3000 + os.urandom(8)) * 350, 1500)


def _padded(good: Path, target: Path, chunk: bytes, count: int) -> Path:
    dash = sheet_part(good, "Dashboard")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, body in parts(good):
            if info.filename != dash:
                out.writestr(info.filename, body)
                continue
            head, _, tail = body.rpartition(b"</worksheet>")
            info = zipfile.ZipInfo(dash)
            info.compress_type = zipfile.ZIP_DEFLATED
            info._compresslevel = 1  # fast deflate: a GiB in a second or two (3.11 attribute name)
            with out.open(info, "w", force_zip64=True) as fh:
                fh.write(head)
                for _ in range(count):
                    fh.write(chunk)
                fh.write(b"</worksheet>" + tail)
    return target


def row_limit(good: Path, target: Path, sheet: str = "Follow-ups") -> Path:
    """A stray value typed on the very last row Excel allows (1,048,576), with the dimension to match."""
    part = sheet_part(good, sheet)
    body = dict((i.filename, b) for i, b in parts(good))[part]
    last = (f'<row r="{MAX_ROW}"><c r="A{MAX_ROW}" t="inlineStr"><is><t>end</t></is></c></row>').encode()
    body = body.replace(b"</sheetData>", last + b"</sheetData>")
    body = re.sub(rb'<dimension ref="([A-Z]+)1:([A-Z]+)\d+"', rb'<dimension ref="\g<1>1:\g<2>1048576"', body)
    return rewrite(good, target, {part: body})
