"""The last step of a build: turn the package into a macro-enabled workbook with a ribbon, reproducibly.

openpyxl (without a template) writes an .xlsx package and pyOpenVBA's `add_vba_project` adds `vbaProject.bin`
without changing the workbook's content type, so Excel would refuse the file as an .xlsm. This module rewrites
the three small XML parts that say what the package is ([Content_Types].xml, _rels/.rels, docProps/core.xml),
adds the customUI part, and copies every other part unchanged into a zip with fixed timestamps, so building
twice gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from tradexl.fileengine.styles import FONT_ORDER

CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
CORE = "docProps/core.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
VBA_PART = "xl/vbaProject.bin"
STYLES = "xl/styles.xml"

XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
VBA_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
FIXED_TIME = "2024-01-01T00:00:00Z"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class PackageError(RuntimeError):
    """The intermediate package is not shaped as this module expects (a builder bug, not a user error)."""


def _content_types(xml: str) -> str:
    xml = xml.replace(f'PartName="/xl/workbook.xml" ContentType="{XLSX_MAIN}"',
                      f'PartName="/xl/workbook.xml" ContentType="{XLSM_MAIN}"')
    if XLSM_MAIN not in xml:
        raise PackageError("the workbook part has no content type to make macro-enabled")
    if VBA_TYPE not in xml:
        xml = xml.replace("</Types>", f'<Override PartName="/{VBA_PART}" ContentType="{VBA_TYPE}"/></Types>')
    return xml


def _root_rels(xml: str, ui_part: str, ui_rel_type: str) -> str:
    if ui_rel_type in xml:
        return xml
    rel = f'<Relationship Id="rIdTradeXLRibbon" Type="{ui_rel_type}" Target="{ui_part}"/>'
    return xml.replace("</Relationships>", rel + "</Relationships>")


def _font(match: re.Match[str]) -> str:
    children = _FONT_CHILD.findall(match.group(2))
    if "".join(c for c, _ in children) != match.group(2):
        return match.group(0)  # not a font of empty elements only: leave it as openpyxl wrote it
    ordered = sorted(children, key=lambda c: FONT_ORDER.index(c[1]) if c[1] in FONT_ORDER else len(FONT_ORDER))
    return match.group(1) + "".join(c for c, _ in ordered) + match.group(3)


_FONT = re.compile(r"(<font>)(.*?)(</font>)", re.DOTALL)
_FONT_CHILD = re.compile(r"(<(\w+)\b[^>]*/>)")


def _styles(xml: str) -> str:
    """styles.xml with every font's children in schema order (openpyxl writes name/color/sz in its own order,
    which Excel and the Open XML SDK treat as invalid and repair)."""
    return _FONT.sub(_font, xml)


def _core(xml: str) -> str:
    for tag in ("dcterms:created", "dcterms:modified"):
        xml = re.sub(rf"(<{tag}\b[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{FIXED_TIME}\g<2>", xml)
    return xml


def finalize(package: bytes, ui_part: str, ui_xml: bytes, ui_rel_type: str) -> bytes:
    """The package as a macro-enabled workbook with the ribbon part; other parts byte for byte."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    if VBA_PART not in parts or VBA_REL_TYPE not in parts[WORKBOOK_RELS].decode("utf-8"):
        raise PackageError("the package has no VBA project linked from the workbook")
    edits: Mapping[str, bytes] = {
        CONTENT_TYPES: _content_types(parts[CONTENT_TYPES].decode("utf-8")).encode("utf-8"),
        ROOT_RELS: _root_rels(parts[ROOT_RELS].decode("utf-8"), ui_part, ui_rel_type).encode("utf-8"),
        CORE: _core(parts[CORE].decode("utf-8")).encode("utf-8"),
        STYLES: _styles(parts[STYLES].decode("utf-8")).encode("utf-8"),
        ui_part: ui_xml,
    }
    names = [CONTENT_TYPES, *(n for n in parts if n != CONTENT_TYPES), *(n for n in edits if n not in parts)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, edits.get(name, parts.get(name, b"")))
    return out.getvalue()
