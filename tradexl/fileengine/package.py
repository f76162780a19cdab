"""Safe opening of a workbook package, its part map, and writing it back with untouched parts copied as-is.

Why a module of its own: the user's file is untrusted input (it may be a renamed .xls, an encrypted workbook, a
truncated download, or a zip/XML bomb) and is also sacred (parts the engine does not own must come out with
identical bytes, in the original entry order). Both concerns live here and nowhere else.

XML safety ("defusedxml or equivalent"): every XML part is refused if it carries a DOCTYPE or ENTITY declaration
(the only way to build an entity bomb or an external-entity read), and parts are parsed with an lxml parser that
never resolves entities, never touches the network and keeps libxml2's size limits (huge_tree off).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from tradexl.errors import BadFileError, ReadOnlyFormatError
from tradexl.messages import msg

MAX_TOTAL_BYTES = 2 * 1024**3
"""Refuse packages whose parts add up to more than this uncompressed (a real 100k-row register is ~200 MB)."""
MAX_PART_BYTES = 512 * 1024**2
"""Refuse any single part larger than this uncompressed: parts are held in memory, and no real sheet is this big
(the 100k-inquiry benchmark sheet is about 100 MB); a bomb just under the ratio guard is caught here."""
MAX_ENTRIES = 20_000
MAX_RATIO = 200
"""Refuse a part over RATIO_MIN_BYTES that compresses better than this (sheet XML reaches about 20:1)."""
RATIO_MIN_BYTES = 16 * 1024**2

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REL_NS_SUFFIX = "relationships"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CONTENT_TYPES = "[Content_Types].xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WORKSHEET_REL = REL_TYPE + "worksheet"
TABLE_REL = REL_TYPE + "table"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=False)
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
SUSPICIOUS = (b"<!DOCTYPE", b"<!ENTITY")
ERROR_CELL_MARK = b't="e"'
"""Recorded while a sheet is checked, so the reader only rescans sheets that hold Excel error cells."""
CACHE_BYTES = 1024 * 1024
"""Parts up to this size are kept in memory from the start; bigger ones (sheet XML) are read when asked for."""
CHUNK = 4 * 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def parse_xml(data: bytes, name: str = "part") -> etree._Element:
    """Parse one XML part safely; refuse DTDs and entity declarations outright."""
    check_xml(data, name)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise BadFileError(f"the workbook is damaged: {name} is not valid XML ({exc.msg})") from None


def serialize(root: etree._Element) -> bytes:
    """An edited bookkeeping part as bytes, with the declaration Excel itself writes."""
    return XML_DECLARATION + etree.tostring(root, encoding="unicode").encode("utf-8")


def is_utf16(data: bytes) -> bool:
    """An XML part stored as UTF-16 (with its byte-order mark), as Mac Excel writes some customXml parts."""
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def as_utf8(data: bytes) -> bytes:
    """A UTF-16 XML part as UTF-8 bytes with a matching declaration, for the parts the engine must read.
    Unread UTF-16 parts are copied untouched; a part the engine rewrites is written back as UTF-8."""
    text = data.decode("utf-16")
    text = re.sub(r"""^(\s*<\?xml[^>]*?encoding=["'])[^"']*(["'])""", r"\1UTF-8\2", text, count=1)
    return text.encode("utf-8")


def check_xml(data: bytes, name: str) -> None:
    """Refuse a part with a DOCTYPE/ENTITY declaration (XML bomb, external entity), whatever its encoding."""
    if is_utf16(data):
        try:
            data = as_utf8(data)
        except UnicodeDecodeError:
            raise BadFileError(f"the workbook is damaged: {name} is not valid UTF-16 XML") from None
    _refuse_declarations(data, name)


def _refuse_declarations(data: bytes, name: str) -> None:
    """A declaration starts with "<!": a part without any "!" (most sheet XML) is cleared by one memchr pass,
    several times faster than looking for each declaration."""
    if b"!" in data and any(needle in data for needle in SUSPICIOUS):
        raise BadFileError(f"the workbook contains a suspicious XML part ({name} declares a DTD or entities)")


def _check_streamed(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """`check_xml` for a part too big to keep, chunk by chunk; True when the part holds Excel error cells.
    Each chunk is searched where it lies, and the few bytes around each seam on their own (no chunk is copied)."""
    overlap = max(map(len, (*SUSPICIOUS, ERROR_CELL_MARK))) - 1
    tail, errors = b"", False
    with zf.open(info) as fh:
        first = True
        while chunk := fh.read(CHUNK):
            if first:
                check_xml(chunk[:4], info.filename)
                first = False
            seam = tail + chunk[:overlap]
            for part in (seam, chunk):
                _refuse_declarations(part, info.filename)
                errors = errors or ERROR_CELL_MARK in part
            tail = chunk[-overlap:]
    return errors


def local(tag: object) -> str:
    """Local name of an lxml tag ('{ns}sheet' -> 'sheet')."""
    return str(tag).rpartition("}")[2]


def rel_id(element: etree._Element) -> str | None:
    """The r:id attribute of an element, whatever the relationships namespace prefix."""
    for key, value in element.attrib.items():
        name, text = str(key), str(value)
        if name.startswith("{") and name.endswith("}id") and REL_NS_SUFFIX in name:
            return text
    return None


def resolve_target(source_part: str, target: str) -> str:
    """Part name a relationship target points to ('worksheets/sheet1.xml' from 'xl/workbook.xml')."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    base = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(base, target))


def rels_part(part: str) -> str:
    """The relationships part of a part ('xl/workbook.xml' -> 'xl/_rels/workbook.xml.rels')."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # resolved part name ('' for external targets)
    raw_target: str
    external: bool


@dataclass(frozen=True)
class SheetEntry:
    """One <sheet> of workbook.xml, with its resolved part (None for chartsheets and odd targets)."""

    name: str
    sheet_id: int
    rid: str
    part: str | None
    kind: str  # "worksheet", "chartsheet", "dialogsheet", ...
    position: int


class Parts(Mapping[str, bytes]):
    """Part name -> uncompressed bytes. Small parts are held from the start; a big one is read from the file
    when first asked for and then kept (only the sheets the engine edits or scans are ever read)."""

    def __init__(self, path: Path, infos: dict[str, zipfile.ZipInfo], held: dict[str, bytes]) -> None:
        self._path, self._infos, self._held = path, infos, held

    def __getitem__(self, name: str) -> bytes:
        if name not in self._held:
            info = self._infos[name]  # KeyError for an unknown part, as a dict would
            with zipfile.ZipFile(self._path) as zf:
                self._held[name] = zf.read(info)
        return self._held[name]

    def chunks(self, name: str) -> Iterator[bytes]:
        """The part's bytes a few MB at a time, without keeping them (a held part comes whole)."""
        if name in self._held:
            yield self._held[name]
            return
        with zipfile.ZipFile(self._path) as zf, zf.open(self._infos[name]) as stream:
            while chunk := stream.read(CHUNK):
                yield chunk

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


@dataclass
class Package:
    """An opened workbook package: its parts in original entry order plus the sheet map.

    `error_parts` are the XML parts that hold Excel error cells (`t="e"`), noted while checking them.
    A part stored as UTF-16 (Mac Excel's customXml) is handed over by `read` as UTF-8; the copy keeps its bytes.
    `date1904` is the workbook's date system (`<workbookPr date1904="1"/>`, Mac Excel's old default): its date
    serials count from 1904-01-01 instead of 1899-12-30.
    """

    path: Path
    order: list[str]
    parts: Mapping[str, bytes]
    infos: dict[str, zipfile.ZipInfo]
    workbook_part: str = ""
    sheets: list[SheetEntry] = field(default_factory=list)
    error_parts: set[str] = field(default_factory=set)
    date1904: bool = False
    defined_names: dict[str, str] = field(default_factory=dict)  # workbook-scoped name -> reference

    def has(self, name: str) -> bool:
        return name in self.parts

    def read(self, name: str) -> bytes:
        data = self.parts[name]
        return as_utf8(data) if is_utf16(data) else data

    def chunks(self, name: str) -> Iterator[bytes]:
        """`read` a few MB at a time, for a big part edited once (not kept in memory afterwards)."""
        parts = self.parts
        if not isinstance(parts, Parts):
            yield self.read(name)
            return
        chunks = parts.chunks(name)
        first = next(chunks, b"")
        if is_utf16(first):
            yield self.read(name)
            return
        yield first
        yield from chunks

    def same(self, name: str, data: bytes) -> bool:
        """Whether `data` are the part's bytes (as `read` gives them), without keeping a big part in memory."""
        pos = 0
        for chunk in self.chunks(name):
            if data[pos:pos + len(chunk)] != chunk:
                return False
            pos += len(chunk)
        return pos == len(data)

    def find(self, name: str) -> str | None:
        """The stored spelling of a part name (OPC part names are case-insensitive)."""
        if name in self.parts:
            return name
        lowered = name.casefold()
        return next((n for n in self.order if n.casefold() == lowered), None)

    def rels(self, part: str) -> list[Relationship]:
        name = self.find(rels_part(part))
        if name is None:
            return []
        root = parse_xml(self.parts[name], name)
        out = []
        for rel in root:
            if local(rel.tag) != "Relationship":
                continue
            raw = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            target = "" if external else (self.find(resolve_target(part, raw)) or resolve_target(part, raw))
            out.append(Relationship(rel.get("Id", ""), rel.get("Type", ""), target, raw, external))
        return out

    def sheet(self, name: str) -> SheetEntry | None:
        folded = name.casefold()
        return next((s for s in self.sheets if s.name.casefold() == folded), None)

    def table_parts(self, sheet_part: str) -> list[str]:
        return [r.target for r in self.rels(sheet_part) if r.type.endswith("/table") and r.target in self.parts]

    def write(self, dest: Path | str, replaced: Mapping[str, bytes | Deflated], added: dict[str, bytes],
              removed: set[str]) -> None:
        """Write a new package: original entries in order (replaced ones with new bytes), then added ones.

        Untouched entries are copied compressed, byte for byte, so a big sheet nobody edited costs a file copy.
        """
        clash = set(added) & set(self.parts)
        if clash:
            raise ValueError(f"parts already exist: {sorted(clash)}")
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as out, self.path.open("rb") as src:
            for name in self.order:
                if name in removed:
                    continue
                old = self.infos[name]
                info = zipfile.ZipInfo(name, date_time=old.date_time)
                info.external_attr = old.external_attr
                if name not in replaced:
                    _copy_raw(src, old, out, info)
                    continue
                data = replaced[name]
                if isinstance(data, Deflated):
                    _append_raw(out, info, zipfile.ZIP_DEFLATED, data.crc, data.size, data.chunks)
                    continue
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, data, compresslevel=_level(len(data)))
            for name, data in added.items():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, data, compresslevel=_level(len(data)))


def _copy_raw(src: BinaryIO, old: zipfile.ZipInfo, out: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Append entry `old` of the open source file to `out` as `info`, without decompressing it."""
    src.seek(old.header_offset)
    header = _LOCAL_HEADER.unpack(src.read(_LOCAL_HEADER.size))
    if header[0] != zipfile.stringFileHeader:  # type: ignore[attr-defined]
        raise BadFileError(f"{old.filename} cannot be copied (the workbook changed on disk while open)")
    src.seek(header[10] + header[11], 1)  # file name and extra field of the local header

    def stored() -> Iterator[bytes]:
        left = old.compress_size
        while left:
            chunk = src.read(min(left, CHUNK))
            if not chunk:
                raise BadFileError(f"{old.filename} cannot be copied (the workbook is truncated)")
            yield chunk
            left -= len(chunk)

    _append_raw(out, info, old.compress_type, old.CRC, old.file_size, stored(), old.compress_size)


def _append_raw(out: zipfile.ZipFile, info: zipfile.ZipInfo, compress_type: int, crc: int, size: int,
                data: Iterable[bytes], compress_size: int | None = None) -> None:
    """Append an entry whose stored (compressed) bytes are `data` to `out`.

    zipfile has no public call for this; it is what `ZipFile.writestr` does, minus the compression: a local
    header with the known sizes and CRC (so no data descriptor), the stored bytes, and the central-directory
    record (zip64 extras are added by zipfile itself when sizes or offsets need them).
    """
    chunks = list(data) if compress_size is None else data
    info.compress_type, info.CRC, info.file_size = compress_type, crc, size
    info.compress_size = sum(map(len, chunks)) if compress_size is None else compress_size
    fp = out.fp
    assert fp is not None
    fp.seek(out.start_dir)
    info.header_offset = fp.tell()
    fp.write(info.FileHeader())
    for chunk in chunks:
        fp.write(chunk)
    out.start_dir = fp.tell()
    out.filelist.append(info)
    out.NameToInfo[info.filename] = info
    out._didModify = True  # type: ignore[attr-defined]  # the flag that makes close() write the central directory


@dataclass(frozen=True)
class Deflated:
    """A part's new bytes, already deflated (a raw stream, as in a zip entry) with their CRC-32 and size."""

    chunks: tuple[bytes, ...]
    crc: int
    size: int


class Deflater:
    """Deflates a part as it is produced, so only its compressed form is held until the package is written
    (an edited 100 MB sheet is about 10 MB deflated). Level 1, as `_level` gives a big part."""

    BATCH = 1024 * 1024

    def __init__(self) -> None:
        self._z = zlib.compressobj(1, zlib.DEFLATED, -15)
        self._crc = self._size = self._pending_size = 0
        self._pending: list[bytes] = []
        self._out: list[bytes] = []

    def write(self, data: bytes) -> None:
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self._pending)
        self._pending, self._pending_size = [], 0
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        self._out.append(self._z.compress(data))

    def finish(self) -> Deflated:
        self._flush()
        self._out.append(self._z.flush())
        return Deflated(tuple(self._out), self._crc, self._size)


def _level(size: int) -> int:
    """Fast deflate for big parts (sheet XML); the default level elsewhere."""
    return 1 if size > 1024 * 1024 else 6


def _sniff(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(8)
        if head == OLE2_MAGIC:
            body = fh.read(1024 * 1024)
            if "EncryptedPackage".encode("utf-16-le") in body or b"EncryptionInfo" in body.replace(b"\0", b""):
                raise BadFileError(msg("error.password", book=path.name))
            raise BadFileError(msg("error.old_xls", book=path.name))
    if not head.startswith(b"PK"):
        raise BadFileError(msg("error.not_workbook", book=path.name))


def _guard(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise BadFileError(f"{path.name} has {len(infos)} parts; refusing to open (zip bomb?)")
    seen: set[str] = set()
    total = 0
    for info in infos:
        if info.filename in seen:
            raise BadFileError(f"{path.name} is damaged (part {info.filename} appears twice)")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise BadFileError(f"{path.name} is password-protected (encrypted zip entries)")
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise BadFileError(f"{path.name} is too large to open safely ({info.filename} expands to "
                               f"{info.file_size / 1024**2:,.0f} MB)")
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BadFileError(f"{path.name} looks like a zip bomb ({info.filename} expands "
                               f"{info.file_size // max(info.compress_size, 1)}x)")
    if total > MAX_TOTAL_BYTES:
        raise BadFileError(f"{path.name} is too large to open safely ({total / 1024**3:.1f} GB uncompressed)")


def part_name(entry: str) -> str:
    """The part a zip entry holds. Some generators write Windows paths (`xl\\workbook.xml`) or a lower-case
    `[content_types].xml`; Excel opens those files, so the entry is read as the part it means and written back
    under its canonical name (forward slashes; the content-types name LibreOffice insists on)."""
    name = entry.replace("\\", "/")
    return CONTENT_TYPES if name.casefold() == CONTENT_TYPES.casefold() else name


def open_package(path: Path | str) -> Package:
    """Open and validate a workbook; raise BadFileError with a one-line reason for anything unusable."""
    path = Path(path)
    if not path.is_file():
        raise BadFileError(msg("error.missing_file", path=path))
    _sniff(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _guard(path, infos)
            named = {part_name(i.filename): i for i in infos}
            if len(named) < len(infos):
                raise BadFileError(f"{path.name} is damaged (two zip entries name the same part)")
            files = {name: i for name, i in named.items() if not i.is_dir()}
            held: dict[str, bytes] = {}
            errors: set[str] = set()
            for name, info in files.items():
                xml = name.endswith((".xml", ".rels", ".vml"))
                if info.file_size <= CACHE_BYTES:
                    held[name] = zf.read(info)
                    if xml:
                        check_xml(held[name], name)
                        if ERROR_CELL_MARK in held[name]:
                            errors.add(name)
                elif xml and _check_streamed(zf, info):
                    errors.add(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise BadFileError(f"{path.name} is damaged or truncated (not a readable zip file: {exc})") from None
    pkg = Package(path, list(files), Parts(path, files, held), named, error_parts=errors)
    _load_workbook(pkg)
    return pkg


def _check_macro_extension(pkg: Package) -> None:
    """A macro workbook saved under a macro-free name: Excel refuses to open it ("file format or extension is
    not valid"), so writing it would only hand the user a file they cannot open."""
    path = pkg.path
    if path.suffix.lower() != ".xlsx":
        return
    types = pkg.read(pkg.find(CONTENT_TYPES) or CONTENT_TYPES)
    if b"macroEnabled" in types or any(n.rpartition("/")[2].lower() == "vbaproject.bin" for n in pkg.order):
        raise BadFileError(f"{path.name} contains macros but is named .xlsx, which Excel refuses to open; "
                           f"rename it to {path.stem}.xlsm")


def _load_workbook(pkg: Package) -> None:
    name = pkg.path.name
    if pkg.find("[Content_Types].xml") is None:
        raise BadFileError(f"{name} is not an Excel workbook (no [Content_Types].xml)")
    office = next((r for r in pkg.rels("") if r.type.endswith("/officeDocument")), None)
    if office is None or office.target not in pkg.parts:
        raise BadFileError(f"{name} is not an Excel workbook (no workbook part)")
    if office.target.lower().endswith(".bin"):
        raise ReadOnlyFormatError(f"{name} is a binary workbook (.xlsb): save it as .xlsm in Excel to let TradeXL "
                                  "write to it")
    if office.type.startswith("http://purl.oclc.org/ooxml/"):
        raise ReadOnlyFormatError(f"{name} is saved as Strict Open XML: save it in Excel as an Excel Workbook "
                                  "(.xlsx or .xlsm) to let TradeXL write to it")
    pkg.workbook_part = office.target
    _check_macro_extension(pkg)
    root = parse_xml(pkg.read(office.target), office.target)
    if root.nsmap.get(root.prefix) == STRICT_NS or etree.QName(root).namespace == STRICT_NS:
        raise ReadOnlyFormatError(f"{name} is saved as Strict Open XML: save it in Excel as an Excel Workbook "
                                  "(.xlsx or .xlsm) to let TradeXL write to it")
    if local(root.tag) != "workbook":
        raise BadFileError(f"{name} is not an Excel workbook (its main part is not a workbook)")
    props = next((el for el in root if local(el.tag) == "workbookPr"), None)
    pkg.date1904 = props is not None and props.get("date1904", "").strip().lower() in ("1", "true")
    names_el = next((el for el in root if local(el.tag) == "definedNames"), None)
    pkg.defined_names = {el.get("name", ""): el.text or "" for el in (names_el if names_el is not None else [])
                         if local(el.tag) == "definedName" and el.get("localSheetId") is None}
    rels = {r.id: r for r in pkg.rels(office.target)}
    sheets_el = next((el for el in root if local(el.tag) == "sheets"), None)
    entries = []
    for pos, el in enumerate(sheets_el if sheets_el is not None else []):
        rid = rel_id(el) or ""
        rel = rels.get(rid)
        kind = rel.type.rpartition("/")[2] if rel else ""
        part = rel.target if rel and not rel.external and rel.target in pkg.parts else None
        entries.append(SheetEntry(el.get("name", ""), int(el.get("sheetId", "0")), rid, part, kind, pos))
    pkg.sheets = entries
