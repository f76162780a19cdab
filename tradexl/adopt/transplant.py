"""Move the fragment's sheets into the user's package, and make the package a macro-enabled workbook.

Only bookkeeping parts change (workbook.xml and its rels, [Content_Types].xml, _rels/.rels) and styles.xml grows
by appending (`StyleBook`: no existing index moves); every other part of the user's file is copied byte for
byte by `Package.write`. Each fragment sheet is rewritten for its new home: shared strings become inline strings
(so the user's sharedStrings.xml stays untouched), style indexes point at the same looks appended to the user's
styles.xml, and its table parts get fresh part names, ids and display names.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from tradexl.builder.package import VBA_PART, VBA_REL_TYPE, VBA_TYPE, XLSM_MAIN, XLSX_MAIN
from tradexl.builder.ribbon import CUSTOMUI_PART, CUSTOMUI_REL_TYPE, customui_xml
from tradexl.errors import WorkbookError
from tradexl.fileengine.cells import escape_attr
from tradexl.fileengine.package import (
    CT_NS,
    PKG_REL_NS,
    Package,
    local,
    parse_xml,
    rel_id,
    rels_part,
    serialize,
)
from tradexl.fileengine.render import Rendered
from tradexl.fileengine.styles import StyleBook
from tradexl.fileengine.workbookparts import Changes, WorkbookEditor

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TABLE_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
XML_CT = "application/xml"
FONT_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name",
              "family", "charset", "scheme")
"""CT_Font's child order (openpyxl writes fonts in another order, which Excel's schema check reports)."""
STYLE_PARTS = {"numFmts": "numFmtId", "fonts": "fontId", "fills": "fillId", "borders": "borderId"}


@dataclass
class Fragment:
    """The fragment workbook's parts, read once: sheets by name, shared strings, styles."""

    parts: dict[str, bytes]
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (name, part)
    strings: list[str] = field(default_factory=list)
    styles: etree._Element | None = None

    @classmethod
    def read(cls, data: bytes) -> Fragment:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            frag = cls({n: zf.read(n) for n in zf.namelist()})
        wb = parse_xml(frag.parts["xl/workbook.xml"])
        rels = {str(r.get("Id")): str(r.get("Target", ""))
                for r in parse_xml(frag.parts["xl/_rels/workbook.xml.rels"])}
        for el in wb.iter(f"{{{MAIN_NS}}}sheet"):
            rid = rel_id(el) or ""
            frag.sheets.append((str(el.get("name", "")), _resolve("xl/workbook.xml", rels[rid])))
        if "xl/sharedStrings.xml" in frag.parts:
            root = parse_xml(frag.parts["xl/sharedStrings.xml"])
            frag.strings = ["".join(str(t) for t in si.itertext()) for si in root]
        frag.styles = parse_xml(frag.parts["xl/styles.xml"])
        return frag


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _snippet(el: etree._Element, prefix: str) -> str:
    """An element of the fragment's styles as text in the user's styles.xml prefix (attributes escaped)."""
    attrs = "".join(f' {k!s}="{escape_attr(str(v))}"' for k, v in el.attrib.items() if "}" not in str(k))
    children = [child for child in el if isinstance(child.tag, str)]
    if local(el.tag) == "font":
        children.sort(key=lambda c: FONT_ORDER.index(local(c.tag)) if local(c.tag) in FONT_ORDER else 99)
    inner = "".join(_snippet(child, prefix) for child in children)
    tag = prefix + local(el.tag)
    return f"<{tag}{attrs}>{inner}</{tag}>" if inner else f"<{tag}{attrs}/>"



class StyleMap:
    """Fragment cellXfs index -> the index of the same look in the user's styles.xml (appended when new).

    Uses StyleBook's find-or-append (`find_or_add`, `number_format_id`): the look is copied entry by entry, so a second
    adoption of the same file adds nothing new.
    """

    def __init__(self, book: StyleBook, fragment: etree._Element) -> None:
        self.book = book
        self.collections = {local(el.tag): list(el) for el in fragment}
        formats = {int(el.get("numFmtId", "0")): el.get("formatCode", "") for el in self.collections.get("numFmts", [])}
        self.formats = formats
        self.cache: dict[int, int] = {}

    def __call__(self, index: int) -> int:
        if index not in self.cache:
            self.cache[index] = self._copy(index)
        return self.cache[index]

    def _numfmt(self, fmt_id: int) -> int:
        code = self.formats.get(fmt_id)
        return fmt_id if code is None else self.book.number_format_id(code)  # None: a built-in format

    def _copy(self, index: int) -> int:
        xfs = self.collections.get("cellXfs", [])
        if index >= len(xfs):
            return 0
        xf = etree.fromstring(etree.tostring(xfs[index]))
        for collection, attr in STYLE_PARTS.items():
            value = xf.get(attr)
            if value is None:
                continue
            if collection == "numFmts":
                xf.set(attr, str(self._numfmt(int(value))))
            else:
                entry = self.collections[collection][int(value)]
                xf.set(attr, str(self.book.find_or_add(collection, _snippet(entry, self.book.prefix))))
        xf.set("xfId", "0")
        return self.book.find_or_add("cellXfs", _snippet(xf, self.book.prefix))


def _inline(cell: etree._Element, text: str) -> None:
    for child in list(cell):
        cell.remove(child)
    cell.set("t", "inlineStr")
    node = etree.SubElement(etree.SubElement(cell, f"{{{MAIN_NS}}}is"), f"{{{MAIN_NS}}}t")
    node.text = text
    if text != text.strip():
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def sheet_xml(data: bytes, strings: list[str], styles: StyleMap) -> bytes:
    """A fragment sheet rewritten for the user's package: inline strings, the user's style indexes."""
    root = parse_xml(data)
    for el in root.iter(f"{{{MAIN_NS}}}c", f"{{{MAIN_NS}}}row", f"{{{MAIN_NS}}}col"):
        attr = "style" if local(el.tag) == "col" else "s"
        if el.get(attr) is not None:
            el.set(attr, str(styles(int(el.get(attr, "0")))))
        if local(el.tag) == "c" and el.get("t") == "s":
            value = el.find(f"{{{MAIN_NS}}}v")
            _inline(el, strings[int(value.text or "0")] if value is not None else "")
    return serialize(root)


def _table_names(pkg: Package) -> tuple[set[str], int, set[str]]:
    """Display names (folded), the highest table id and every part name in use, across the user's package."""
    names, top = set(), 0
    for part in pkg.order:
        if part.startswith("xl/tables/") and part.endswith(".xml"):
            root = parse_xml(pkg.read(part), part)
            names.add(root.get("displayName", root.get("name", "")).casefold())
            top = max(top, int(root.get("id", "0") or 0))
    return names, top, {p.casefold() for p in pkg.order}


class Transplant:
    """Collects every change adoption makes to one package."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.changes = Changes()
        self.editor = WorkbookEditor(pkg, self.changes)
        styles_part = next((r.target for r in pkg.rels(pkg.workbook_part)
                            if r.type.endswith("/styles") and r.target in pkg.parts), None)
        if styles_part is None:
            raise WorkbookError(f"{pkg.path.name} has no styles part; open and save it in Excel first")
        self.styles_part = styles_part
        self.book = StyleBook(pkg.read(styles_part))
        self.table_names, self.table_id, self.taken = _table_names(pkg)

    def add_sheets(self, fragment: bytes, hidden: set[str]) -> list[str]:
        """Every sheet of the fragment at the end of the user's workbook; returns the new sheet names."""
        frag = Fragment.read(fragment)
        assert frag.styles is not None
        styles = StyleMap(self.book, frag.styles)
        added = []
        for name, part in frag.sheets:
            before = set(self.changes.added)
            xml = sheet_xml(frag.parts[part], frag.strings, styles)
            self.editor.apply([(name, Rendered(xml, {}))], ())
            new_part = next(p for p in self.changes.added if p not in before)
            self._tables(frag, part, new_part)
            if name in hidden and self.editor.sheets_el is not None:
                for el in self.editor.sheets_el:
                    if el.get("name") == name:
                        el.set("state", "hidden")
            added.append(name)
        return added

    def _tables(self, frag: Fragment, old_part: str, new_part: str) -> None:
        rels_name = rels_part(old_part)
        if rels_name not in frag.parts:
            return
        rels = parse_xml(frag.parts[rels_name])
        for rel in rels:
            if not rel.get("Type", "").endswith("/table"):
                continue
            source = _resolve(old_part, rel.get("Target", ""))
            number = 1
            while f"xl/tables/table{number}.xml" in self.taken:
                number += 1
            target = f"xl/tables/table{number}.xml"
            self.taken.add(target)
            table = parse_xml(frag.parts[source])
            self.table_id += 1
            table.set("id", str(self.table_id))
            name = table.get("displayName", "Table")
            unique, n = name, 1
            while unique.casefold() in self.table_names:
                n += 1
                unique = f"{name}{n}"
            self.table_names.add(unique.casefold())
            table.set("name", unique)
            table.set("displayName", unique)
            self.changes.added[target] = serialize(table)
            rel.set("Target", posixpath.relpath(target, posixpath.dirname(new_part)))
            self._override("/" + target, TABLE_CT)
        self.changes.added[rels_part(new_part)] = serialize(rels)

    def _override(self, part_name: str, content_type: str) -> None:
        ct = self.editor.ct
        for el in ct:
            if local(el.tag) == "Override" and el.get("PartName", "").casefold() == part_name.casefold():
                return
        override = etree.SubElement(ct, f"{{{CT_NS}}}Override")
        override.set("PartName", part_name)
        override.set("ContentType", content_type)
        self.editor.dirty["ct"] = True

    def has_vba(self) -> bool:
        return any(r.type == VBA_REL_TYPE for r in self.pkg.rels(self.pkg.workbook_part))

    def add_vba(self, vba: bytes) -> None:
        """The VBA project part, linked from the workbook; the workbook's content type becomes macro-enabled."""
        part = posixpath.join(posixpath.dirname(self.pkg.workbook_part), posixpath.basename(VBA_PART))
        if self.pkg.find(part):
            raise WorkbookError(f"{self.pkg.path.name} has a {part} part that is not its VBA project")
        self.changes.added[part] = vba
        ids = {el.get("Id", "") for el in self.editor.rels}
        rid = "rIdTradeXLVba"
        while rid in ids:
            rid += "x"
        rel = etree.SubElement(self.editor.rels, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", VBA_REL_TYPE)
        rel.set("Target", posixpath.basename(VBA_PART))
        self.editor.dirty["rels"] = True
        for el in self.editor.ct:
            if el.get("ContentType") == XLSX_MAIN:
                el.set("ContentType", XLSM_MAIN)
                self.editor.dirty["ct"] = True
        self._override("/" + part, VBA_TYPE)

    def has_ribbon(self) -> bool:
        return any(r.type.endswith("/ui/extensibility") for r in self.pkg.rels(""))

    def add_ribbon(self) -> None:
        """The Trade tab (customUI14 part), linked from the package's root relationships."""
        name = self.pkg.find("_rels/.rels") or "_rels/.rels"
        root = parse_xml(self.pkg.read(name), name)
        rel = etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", "rIdTradeXLRibbon")
        rel.set("Type", CUSTOMUI_REL_TYPE)
        rel.set("Target", CUSTOMUI_PART)
        self.changes.replace(self.pkg, name, serialize(root))
        self.changes.added[CUSTOMUI_PART] = customui_xml()
        xml_default = any(local(el.tag) == "Default" and el.get("Extension", "").casefold() == "xml"
                          for el in self.editor.ct)
        if not xml_default:
            self._override("/" + CUSTOMUI_PART, XML_CT)

    def finish(self) -> Changes:
        styles = self.book.result()
        if styles is not None:
            self.changes.replace(self.pkg, self.styles_part, styles)
        self.editor.finish()
        return self.changes


