"""Read-only views of a workbook package for assertions: sheet map, owned parts, cells with resolved styles.

Written independently of `tradexl.fileengine` (plain zipfile + lxml) so the tests do not check the engine
with the engine's own reading code.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import ClassVar

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
ENGINE_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
                "xl/calcChain.xml")
"""Package-level parts the engine owns (besides the sheets it writes and their tables)."""


def xml(body: bytes) -> etree._Element:
    return etree.fromstring(body, _PARSER)


def c14n(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n")


def local(tag: object) -> str:
    return str(tag).rpartition("}")[2]


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in element if local(e.tag) == name]


def rels_of(parts: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """rId -> (type suffix, resolved target part) for the relationships of `part`."""
    folder, _, name = part.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    if rels not in parts:
        return {}
    out = {}
    for rel in xml(parts[rels]):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            resolved = ""
        elif target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type", "").rpartition("/")[2], resolved)
    return out


def sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> worksheet part, in workbook order."""
    rels = rels_of(parts, "xl/workbook.xml")
    book = xml(parts["xl/workbook.xml"])
    out = {}
    for sheets in children(book, "sheets"):
        for sheet in sheets:
            rid = next(v for k, v in sheet.attrib.items() if k.endswith("}id"))
            out[sheet.get("name")] = rels[rid][1]
    return out


def rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def table_parts(parts: dict[str, bytes], sheet_part: str) -> list[str]:
    return [target for kind, target in rels_of(parts, sheet_part).values() if kind == "table"]


def owned_parts(old: dict[str, bytes], new: dict[str, bytes], written: Iterable[str],
                generated: Iterable[str]) -> set[str]:
    """Every part the engine may change: ENGINE_PARTS, the written input sheets and their tables, and every
    part of a generated sheet (old or new): the sheet, its rels and what those rels point to."""
    owned = set(ENGINE_PARTS)
    patterns = list(generated)
    for parts in (old, new):
        sheets = sheet_parts(parts)
        for name in written:
            if name in sheets:
                owned.add(sheets[name])
                owned.update(table_parts(parts, sheets[name]))
        for name, part in sheets.items():
            if any(fnmatch(name, p) for p in patterns):
                todo = [part]
                while todo:  # the sheet, its drawing, the drawing's charts, ... (a generated sheet's charts)
                    current = todo.pop()
                    if current in owned and current != part:
                        continue
                    owned.update({current, rels_name(current)})
                    todo += [t for _, t in rels_of(parts, current).values() if t and t not in owned]
    return owned


# --- cells --------------------------------------------------------------------------------------------------

_REF = re.compile(r"([A-Z]+)(\d+)")


def split_ref(ref: str) -> tuple[int, int]:
    """'AB12' -> (row 12, column 28)."""
    m = _REF.fullmatch(ref)
    assert m, ref
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


class Styles:
    """cellXfs entries with their font/fill/border/number format inlined, so equal looks compare equal."""

    BUILTIN_FORMATS: ClassVar[dict[int, str]] = {0: "General", 14: "m/d/yyyy", 22: "m/d/yyyy h:mm", 49: "@"}

    def __init__(self, body: bytes) -> None:
        root = xml(body)

        def coll(name: str) -> list[etree._Element]:
            found = children(root, name)
            return list(found[0]) if found else []

        self.fonts, self.fills, self.borders = coll("fonts"), coll("fills"), coll("borders")
        self.xfs = coll("cellXfs")
        self.numfmts = {int(e.get("numFmtId")): e.get("formatCode") for e in coll("numFmts")}

    def resolve(self, index: int) -> str:
        if index >= len(self.xfs):
            return f"<missing xf {index}>"
        xf = self.xfs[index]
        parts = [f"{k}={v}" for k, v in sorted(xf.attrib.items())
                 if k not in {"fontId", "fillId", "borderId", "numFmtId", "xfId"}]
        num = int(xf.get("numFmtId", "0"))
        parts.append("fmt=" + self.numfmts.get(num, self.BUILTIN_FORMATS.get(num, str(num))))
        for attr, coll in (("fontId", self.fonts), ("fillId", self.fills), ("borderId", self.borders)):
            i = int(xf.get(attr, "0"))
            parts.append(c14n(coll[i]).decode() if i < len(coll) else f"<missing {attr} {i}>")
        parts.extend(c14n(child).decode() for child in xf)
        return "|".join(parts)


def shared_strings(parts: dict[str, bytes]) -> list[bytes]:
    sst = next((n for n in parts if n.lower() == "xl/sharedstrings.xml"), None)
    if sst is None:
        return []
    return [b"".join(c14n(child) for child in si) for si in xml(parts[sst])]


@dataclass(frozen=True)
class Cell:
    """A cell as the user sees it: type, text/number, formula, and the full resolved style."""

    kind: str
    value: bytes | str | None
    formula: bytes | None
    style: str
    attrs: tuple[tuple[str, str], ...]


def cells(parts: dict[str, bytes], sheet_part: str) -> dict[str, Cell]:
    styles = Styles(parts["xl/styles.xml"])
    sst = shared_strings(parts)
    out = {}
    for c in xml(parts[sheet_part]).iter(f"{{{MAIN}}}c"):
        t = c.get("t", "n")
        f = c.find(f"{{{MAIN}}}f")
        v = c.find(f"{{{MAIN}}}v")
        inline = c.find(f"{{{MAIN}}}is")
        value: bytes | str | None
        if t == "s" and v is not None:
            kind, value = "text", sst[int(v.text)]
        elif t == "inlineStr" and inline is not None:
            kind, value = "text", b"".join(c14n(child) for child in inline)
        else:
            kind, value = t, v.text if v is not None else None
        attrs = tuple(sorted((k, val) for k, val in c.attrib.items() if k not in {"r", "s", "t"}))
        out[c.get("r")] = Cell(kind, value, c14n(f) if f is not None else None,
                               styles.resolve(int(c.get("s", "0"))), attrs)
    return out


def text_of(cell: Cell) -> str:
    """The plain text of a text cell (runs joined)."""
    if cell.kind != "text" or not isinstance(cell.value, bytes):
        return str(cell.value or "")
    root = xml(b"<x xmlns='%s'>" % MAIN.encode() + cell.value + b"</x>")
    return "".join(t.text or "" for t in root.iter(f"{{{MAIN}}}t"))


def formulas(parts: dict[str, bytes], sheet_part: str) -> list[str]:
    return [f.text or "" for f in xml(parts[sheet_part]).iter(f"{{{MAIN}}}f")]


def column_props(parts: dict[str, bytes], sheet_part: str, upto: int) -> dict[int, tuple]:
    """Column number -> its <col> attributes (min/max dropped), for columns 1..upto."""
    props: dict[int, tuple] = {}
    for col in xml(parts[sheet_part]).iter(f"{{{MAIN}}}col"):
        attrs = tuple(sorted((k, v) for k, v in col.attrib.items() if k not in {"min", "max"}))
        for n in range(int(col.get("min")), min(int(col.get("max")), upto) + 1):
            props[n] = attrs
    return props


def row_props(parts: dict[str, bytes], sheet_part: str) -> dict[int, tuple]:
    """Row number -> its <row> attributes except the spans hint."""
    return {int(row.get("r")): tuple(sorted((k, v) for k, v in row.attrib.items() if k not in {"r", "spans"}))
            for row in xml(parts[sheet_part]).iter(f"{{{MAIN}}}row")}


def sheet_features(parts: dict[str, bytes], sheet_part: str) -> dict[str, list[bytes]]:
    """The sheet-level elements users add, canonicalised: merges, validation, formats, links, drawings..."""
    root = xml(parts[sheet_part])
    wanted = ("sheetPr", "sheetViews", "sheetFormatPr", "mergeCells", "conditionalFormatting", "dataValidations",
              "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "drawing",
              "legacyDrawing", "tableParts", "extLst", "sheetProtection", "autoFilter")
    return {name: [c14n(e) for e in children(root, name)] for name in wanted}
