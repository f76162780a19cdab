"""Add, replace and remove the engine's generated sheets in the package's bookkeeping parts.

Bookkeeping parts: xl/workbook.xml (<sheets>, print definedNames, bookViews), its .rels, [Content_Types].xml and
xl/calcChain.xml. Each is parsed with the hardened parser and re-serialised only if something in it changed, so
a run that changes nothing leaves them byte-identical.

Rules: an existing generated sheet keeps its part, sheetId, r:id and position (only its XML is replaced; its own
.rels – drawings or comments a user added to a generated sheet – is dropped, the orphaned targets stay in the
package, which Excel ignores); new generated sheets go at the end; stale ones (matching `RunResult.owned`, absent
from the run) are removed with their rels entry, content type, sheet-local definedNames (later localSheetIds are
renumbered) and calcChain entries. User sheets are never reordered or changed.
docProps/app.xml is left untouched: its TitlesOfParts list of sheet names is informational and Excel rewrites
it on the next save; editing it would make a user part differ for no benefit.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from tradexl.errors import WorkbookError
from tradexl.fileengine.charts import ChartParts, attach, drawing_parts
from tradexl.fileengine.package import (
    CACHE_BYTES,
    CT_NS,
    PKG_REL_NS,
    WORKSHEET_CT,
    WORKSHEET_REL,
    Deflated,
    Deflater,
    Package,
    SheetEntry,
    local,
    parse_xml,
    rels_part,
    serialize,
)
from tradexl.fileengine.render import Rendered
from tradexl.markers import identity_of, marker_ref, tab_of_ref
from tradexl.plan import check_sheet_name

PRINT_NAMES = ("_xlnm.Print_Titles", "_xlnm.Print_Area")
WORKBOOK_ORDER_AFTER_NAMES = ("sheets", "functionGroups", "externalReferences")


@dataclass
class Changes:
    """Part-level edits to write: new bytes for existing parts, new parts (in order), parts to drop."""

    replaced: dict[str, bytes | Deflated] = field(default_factory=dict)
    added: dict[str, bytes] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)

    def replace(self, pkg: Package, part: str, data: bytes) -> None:
        """Stage new bytes for a part unless they are its bytes already; a big part is compared as it is
        read and kept deflated (a generated sheet of 100,000 rows is ~10 MB of XML, ~1 MB deflated)."""
        if pkg.same(part, data):
            return
        if len(data) > CACHE_BYTES:
            deflater = Deflater()
            deflater.write(data)
            self.replaced[part] = deflater.finish()
        else:
            self.replaced[part] = data

    def __bool__(self) -> bool:
        return bool(self.replaced or self.added or self.removed)


def _child(root: etree._Element, name: str) -> etree._Element | None:
    return next((el for el in root if local(el.tag) == name), None)


def _rel_ns(root: etree._Element) -> str:
    for ns in root.nsmap.values():
        if ns and ns.endswith("/relationships") and "package" not in ns:
            return ns
    return "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class WorkbookEditor:
    """Applies generated sheets to one package, collecting the part changes."""

    def __init__(self, pkg: Package, changes: Changes) -> None:
        self.pkg = pkg
        self.changes = changes
        self.wb_part = pkg.workbook_part
        self.wb = parse_xml(pkg.read(self.wb_part), self.wb_part)
        self.rels_name = pkg.find(rels_part(self.wb_part)) or rels_part(self.wb_part)
        self.rels = parse_xml(pkg.read(self.rels_name), self.rels_name)
        self.ct_name = pkg.find("[Content_Types].xml") or "[Content_Types].xml"
        self.ct = parse_xml(pkg.read(self.ct_name), self.ct_name)
        self.dirty = {"wb": False, "rels": False, "ct": False}
        self.ns = etree.QName(self.wb).namespace or ""
        sheets_el = _child(self.wb, "sheets")
        if sheets_el is None:
            raise WorkbookError("the workbook has no <sheets> list (damaged workbook.xml)")
        self.sheets_el: etree._Element = sheets_el
        self.calc_removals: dict[int, set[str] | None] = {}  # sheetId -> refs (None = every entry)
        self.ct_drops: set[str] = set()  # casefolded parts whose content-type override goes at the end

    # --- public ---------------------------------------------------------------------------------------------

    def apply(self, rendered: Iterable[tuple[str, Rendered]], remove: tuple[str, ...]) -> None:
        """Remove the sheets named in `remove` (the plan's stale sheets), then replace or add `rendered`.

        `rendered` may be produced lazily, one sheet at a time: each sheet's XML is staged (big ones deflated)
        and let go before the next is made, so the generated sheets never all sit in memory as XML at once.
        A bad name raises before anything is written (the changes are only staged here)."""
        gone = {name.casefold() for name in remove}
        stale = [s for s in self.pkg.sheets if s.name.casefold() in gone]
        for old in sorted(stale, key=lambda s: s.position, reverse=True):
            self._remove(old)
        for name, sheet in rendered:
            check_sheet_name(name)
            found = self.pkg.sheet(name)
            if found is not None and found.kind == "worksheet" and found.part:
                self._replace(found, sheet.xml)
                part = found.part
            elif found is not None:
                raise WorkbookError(f"sheet '{found.name}' is not a worksheet; rename it so TradeXL can "
                                    f"write its '{name}' sheet")
            else:
                part = self._add(name, sheet.xml)
            self._set_print_names(name, sheet.defined_names)
            if sheet.charts is not None:
                self._attach_charts(part, sheet.charts)
            del sheet  # the staged copy is what stays; the next sheet renders without this one alive

    def remove_formula_cells(self, sheet_part: str, refs: set[str]) -> None:
        """Forget calcChain entries of cells whose formulas an input-sheet edit replaced."""
        entry = next((s for s in self.pkg.sheets if s.part == sheet_part), None)
        if entry is not None and refs:
            known = self.calc_removals.setdefault(entry.sheet_id, set())
            if known is not None:
                known.update(refs)

    def finish(self) -> None:
        for part in sorted(self.ct_drops):
            self._drop_override(part)
        self._calc_chain()
        for key, root, part in (("wb", self.wb, self.wb_part), ("rels", self.rels, self.rels_name),
                                ("ct", self.ct, self.ct_name)):
            if self.dirty[key]:
                self.changes.replace(self.pkg, part, serialize(root))

    # --- sheets ---------------------------------------------------------------------------------------------

    def _sheet_elements(self) -> list[etree._Element]:
        return [el for el in self.sheets_el if local(el.tag) == "sheet"]

    def _position(self, name: str) -> int:
        folded = name.casefold()
        return next(i for i, el in enumerate(self._sheet_elements()) if el.get("name", "").casefold() == folded)

    def _replace(self, entry: SheetEntry, xml: bytes) -> None:
        assert entry.part is not None
        self.changes.replace(self.pkg, entry.part, xml)
        own_rels = self.pkg.find(rels_part(entry.part))
        if own_rels:
            self.changes.removed.add(own_rels)
            self._drop_drawings(entry.part)
        if entry.part in self.changes.replaced:
            self.calc_removals[entry.sheet_id] = None

    def _attach_charts(self, sheet_part: str, parts: ChartParts) -> None:
        """A generated sheet's drawing and charts: new parts, the sheet's own .rels, content types."""
        removed = {n.casefold() for n in self.changes.removed}
        taken = {n.casefold() for n in (*self.pkg.order, *self.changes.added) if n.casefold() not in removed}
        new_parts, overrides = attach(taken, sheet_part, parts)
        for part, data in new_parts.items():
            existing = self.pkg.find(part)
            if existing is not None:  # the name an old chart had: rewrite it (unchanged bytes stay unchanged)
                self.changes.removed.discard(existing)
                self.changes.replace(self.pkg, existing, data)
            else:
                self.changes.added[part] = data
        for part, content_type in overrides:
            self.ct_drops.discard(part.casefold())
            if not any(local(el.tag) == "Override" and el.get("PartName", "").casefold() == "/" + part.casefold()
                       for el in self.ct):
                override = etree.SubElement(self.ct, f"{{{CT_NS}}}Override")
                override.set("PartName", "/" + part)
                override.set("ContentType", content_type)
                self.dirty["ct"] = True

    def _drop_drawings(self, sheet_part: str) -> None:
        """The old drawing and chart parts of a regenerated or removed sheet go with it."""
        for part in drawing_parts(self.pkg, sheet_part):
            self.changes.removed.add(part)
            self.ct_drops.add(part.casefold())  # dropped in finish() unless a new chart takes the name

    def _add(self, name: str, xml: bytes) -> str:
        taken = {n.casefold() for n in self.pkg.order} | {n.casefold() for n in self.changes.added}
        number = len(self.pkg.sheets) + 1
        while f"xl/worksheets/sheet{number}.xml" in taken:
            number += 1
        part = f"xl/worksheets/sheet{number}.xml"
        ids = {el.get("Id", "") for el in self.rels}
        numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(r"rId(\d+)", i))]
        rid = f"rId{max(numbers, default=0) + 1}"
        while rid in ids:
            rid += "x"
        sheet_ids = [int(el.get("sheetId", "0")) for el in self._sheet_elements()]
        sheet = etree.SubElement(self.sheets_el, f"{{{self.ns}}}sheet" if self.ns else "sheet")
        sheet.set("name", name)
        sheet.set("sheetId", str(max(sheet_ids, default=0) + 1))
        sheet.set(f"{{{_rel_ns(self.wb)}}}id", rid)
        rel = etree.SubElement(self.rels, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", WORKSHEET_REL)
        rel.set("Target", posixpath.relpath(part, posixpath.dirname(self.wb_part) or "."))
        override = etree.SubElement(self.ct, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + part)
        override.set("ContentType", WORKSHEET_CT)
        self.changes.added[part] = xml
        self.dirty.update(wb=True, rels=True, ct=True)
        return part

    def _remove(self, entry: SheetEntry) -> None:
        element = self._sheet_elements()[entry.position]
        self.sheets_el.remove(element)
        for rel in list(self.rels):
            if rel.get("Id") == entry.rid:
                self.rels.remove(rel)
        if entry.part:
            self.changes.removed.add(entry.part)
            own_rels = self.pkg.find(rels_part(entry.part))
            if own_rels:
                self.changes.removed.add(own_rels)
                self._drop_drawings(entry.part)
            self._drop_override(entry.part)
        self._shift_local_names(entry.position)
        self._drop_markers(entry.name)
        self._shift_views(entry.position)
        self.calc_removals[entry.sheet_id] = None
        self.dirty.update(wb=True, rels=True)

    def _drop_override(self, part: str) -> None:
        for el in list(self.ct):
            if local(el.tag) == "Override" and el.get("PartName", "").lstrip("/").casefold() == part.casefold():
                self.ct.remove(el)
                self.dirty["ct"] = True

    def _shift_views(self, position: int) -> None:
        views = _child(self.wb, "bookViews")
        count = len(self._sheet_elements())
        for view in views if views is not None else []:
            for attr in ("activeTab", "firstSheet"):
                value = view.get(attr)
                if value is not None and int(value) >= position and int(value) > 0:
                    view.set(attr, str(min(int(value) - (int(value) > position), max(count - 1, 0))))

    # --- defined names --------------------------------------------------------------------------------------

    def _names_el(self, create: bool) -> etree._Element | None:
        names = _child(self.wb, "definedNames")
        if names is None and create:
            names = etree.Element(f"{{{self.ns}}}definedNames" if self.ns else "definedNames")
            anchor = max(i for i, el in enumerate(self.wb) if local(el.tag) in WORKBOOK_ORDER_AFTER_NAMES)
            self.wb.insert(anchor + 1, names)
        return names

    def _shift_local_names(self, position: int) -> None:
        names = self._names_el(create=False)
        if names is None:
            return
        for el in list(names):
            local_id = el.get("localSheetId")
            if local_id is None:
                continue
            if int(local_id) == position:
                names.remove(el)
            elif int(local_id) > position:
                el.set("localSheetId", str(int(local_id) - 1))
        if len(names) == 0:
            self.wb.remove(names)

    def set_markers(self, markers: tuple[tuple[str, str], ...]) -> None:
        """Write each (defined name, tab) marker as a hidden workbook-scoped name to the tab's A1; a marker
        already pointing there is left as it is (so an unchanged workbook.xml stays unchanged)."""
        names = self._names_el(create=bool(markers))
        if names is None:
            return
        current = {el.get("name"): el for el in names if el.get("localSheetId") is None}
        for name, tab in markers:
            wanted = marker_ref(tab)
            el = current.get(name)
            if el is not None and el.text == wanted:
                continue
            if el is None:
                el = etree.Element(f"{{{self.ns}}}definedName" if self.ns else "definedName")
                el.set("name", name)
                el.set("hidden", "1")
                after = next((i for i, other in enumerate(names)
                              if other.get("name", "").casefold() > name.casefold()), len(names))
                names.insert(after, el)
                current[name] = el
            el.text = wanted
            self.dirty["wb"] = True

    def _drop_markers(self, tab: str) -> None:
        """A removed sheet's markers go with it (Excel would otherwise turn them into #REF! names)."""
        names = self._names_el(create=False)
        if names is None:
            return
        for el in list(names):
            if (identity_of(el.get("name", "")) is not None and el.get("localSheetId") is None
                    and (tab_of_ref(el.text or "") or "").casefold() == tab.casefold()):
                names.remove(el)
        if len(names) == 0:
            self.wb.remove(names)

    def _set_print_names(self, sheet: str, wanted: dict[str, str]) -> None:
        position = str(self._position(sheet))
        names = self._names_el(create=bool(wanted))
        if names is None:
            return
        current = {el.get("name"): el for el in names
                   if el.get("localSheetId") == position and el.get("name") in PRINT_NAMES}
        for name in PRINT_NAMES:
            el = current.get(name)
            if name not in wanted:
                if el is not None:
                    names.remove(el)
                    self.dirty["wb"] = True
            elif el is None or el.text != wanted[name]:
                if el is None:
                    el = etree.SubElement(names, f"{{{self.ns}}}definedName" if self.ns else "definedName")
                    el.set("name", name)
                    el.set("localSheetId", position)
                el.text = wanted[name]
                self.dirty["wb"] = True
        if len(names) == 0:
            self.wb.remove(names)

    # --- calcChain ------------------------------------------------------------------------------------------

    def _calc_chain(self) -> None:
        if not self.calc_removals:
            return
        rel = next((r for r in self.rels if r.get("Type", "").endswith("/calcChain")), None)
        part = self.pkg.find(posixpath.join(posixpath.dirname(self.wb_part), "calcChain.xml"))
        if rel is None or part is None:
            return
        root = parse_xml(self.pkg.read(part), part)
        sheet_id = 0
        kept = []
        changed = False
        for el in list(root):
            if local(el.tag) != "c":
                continue
            sheet_id = int(el.get("i", sheet_id))
            drop = self.calc_removals.get(sheet_id, set())
            if drop is None or el.get("r") in drop:
                root.remove(el)
                changed = True
            else:
                kept.append((el, sheet_id))
        if not changed:
            return
        previous = None
        for el, sid in kept:  # `i` may be omitted when equal to the previous entry's: make it explicit
            if sid != previous and el.get("i") is None:
                el.set("i", str(sid))
            previous = sid
        if kept:
            self.changes.replace(self.pkg, part, serialize(root))
            return
        self.changes.removed.add(part)
        self.rels.remove(rel)
        self._drop_override(part)
        self.dirty["rels"] = True
