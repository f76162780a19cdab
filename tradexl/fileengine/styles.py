"""The engine's cell styles, added to the user's xl/styles.xml by appending only.

Why text splicing instead of re-serialising: styles.xml holds the user's own styles, and every cell in every
sheet refers to them by index. New fonts/fills/borders/numFmts/cellXfs are appended at the end of their
collection (counts updated), so no existing index moves and no existing entry changes. Before appending, each
entry is looked up structurally among the existing ones, so a second run reuses what the first one added and
styles.xml stays byte-identical (`StyleBook.result()` returns None when nothing was added).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from tradexl.fileengine.cells import escape_attr
from tradexl.fileengine.package import local, parse_xml
from tradexl.looks import COMPUTED_HEADER, COMPUTED_STYLE, HEADER_FONT, Look, computed_look, row_look
from tradexl.sheetspec import NUMBER_FORMATS

ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
         "tableStyles", "colors", "extLst")
FONT_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name",
              "family", "charset", "scheme")
"""Children of <font> in the order the schema (CT_Font, a sequence) requires; Excel repairs any other order."""
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49}
FIRST_CUSTOM_FORMAT = 164

class StyleBook:
    """Finds or appends the engine's styles in one styles.xml; hands out cellXfs indexes."""

    def __init__(self, xml: bytes) -> None:
        self.original = xml
        self.text = xml.decode("utf-8")
        self.root = parse_xml(xml, "xl/styles.xml")
        self.ns = etree.QName(self.root).namespace or ""
        self.prefix = f"{self.root.prefix}:" if self.root.prefix else ""
        self.existing: dict[str, list[tuple]] = {}
        self._roles: dict[tuple[str, str, str, bool], int] = {}
        for name in ORDER:
            element = self._collection(name)
            self.existing[name] = [_key(child) for child in element] if element is not None else []
        self.added: dict[str, list[str]] = {name: [] for name in ORDER}
        self._formats: dict[str, int] = {}
        numfmts = self._collection("numFmts")
        for child in numfmts if numfmts is not None else []:
            self._formats.setdefault(child.get("formatCode", ""), int(child.get("numFmtId", "0")))
        self._base_font = self._base_font_children()
        self._cache: dict[tuple, int] = {}
        self._header: int | None = None

    def _collection(self, name: str) -> etree._Element | None:
        return next((el for el in self.root if local(el.tag) == name), None)

    def _base_font_children(self) -> str:
        fonts = self._collection("fonts")
        first = fonts[0] if fonts is not None and len(fonts) else None
        parts: dict[str, str] = {}
        size = 11.0
        for child in first if first is not None else []:
            tag = local(child.tag)
            if tag == "sz":
                size = float(child.get("val", "11"))
            elif tag in {"name", "family", "charset", "scheme"}:
                attrs = "".join(f' {k!s}="{escape_attr(str(v))}"' for k, v in child.attrib.items() if "}" not in str(k))
                parts.setdefault(tag, f"<{self.prefix}{tag}{attrs}/>")
        self._base_size = size
        return "".join(parts[tag] for tag in FONT_ORDER if tag in parts)

    # --- public ---------------------------------------------------------------------------------------------

    def role(self, kind: str, fmt: str = "", highlight: str = "", wrap: bool = False) -> int:
        """cellXfs index for a generated-sheet cell: row role x number format x highlight fill (x wrapped)."""
        key = (kind, fmt, highlight, wrap)
        index = self._roles.get(key)
        if index is None:
            look = row_look(kind, highlight)
            index = self._roles[key] = self.xf(replace(look, wrap=True) if wrap else look, fmt)
        return index

    def computed_header(self) -> int:
        """cellXfs index of a computed column's header cell: the named cell style "TradeXL Computed" (the
        workbook's own if it has one by that name, else added), with an explicit font name instead of the
        theme's, so Excel and LibreOffice draw the same letters at the width the engine fitted."""
        if self._header is None:
            style_xf = self._named_style(COMPUTED_STYLE, COMPUTED_HEADER)
            self._header = self._xf(COMPUTED_HEADER, "", style_xf=style_xf, explicit_font=True)
        return self._header

    def computed(self, fmt: str = "", highlight: str = "", wrap: bool = False) -> int:
        """cellXfs index for a computed cell in an input sheet (`wrap`: a long text wraps at the column's width)."""
        look = computed_look(highlight)
        return self.xf(replace(look, wrap=True) if wrap else look, fmt)

    def xf(self, look: Look, fmt: str) -> int:
        cache_key = (look, fmt)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._xf(look, fmt)
        return self._cache[cache_key]

    def result(self) -> bytes | None:
        """The new styles.xml, or None when every style was already there."""
        if not any(self.added.values()):
            return None
        text = self.text
        for name in ORDER:
            if self.added[name]:
                text = _splice(text, self.prefix, name, self.added[name], len(self.existing[name]))
        return text.encode("utf-8")

    # --- entries --------------------------------------------------------------------------------------------

    def find_or_add(self, collection: str, xml: str) -> int:
        key = _key(etree.fromstring(_wrap(xml, self.prefix, self.ns)))
        entries = self.existing[collection]
        if key in entries:
            return entries.index(key)
        entries.append(key)
        self.added[collection].append(xml)
        return len(entries) - 1

    def _numfmt(self, fmt: str) -> int:
        return self.number_format_id(NUMBER_FORMATS.get(fmt, "General"))

    def number_format_id(self, code: str) -> int:
        """The numFmtId of a format code: built in, already in the workbook, or appended as a new one."""
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        if code not in self._formats:
            new_id = max([FIRST_CUSTOM_FORMAT - 1, *self._formats.values()]) + 1
            self._formats[code] = new_id
            self.find_or_add("numFmts", f'<{self.prefix}numFmt numFmtId="{new_id}" formatCode="{escape_attr(code)}"/>')
        return self._formats[code]

    def _named_style(self, name: str, look: Look) -> int:
        """cellStyleXfs index of the named cell style `name`: the workbook's own, else appended with `look`."""
        styles = self._collection("cellStyles")
        for child in styles if styles is not None else []:
            if isinstance(child.tag, str) and child.get("name") == name:
                return int(child.get("xfId", "0"))
        p = self.prefix
        if not self.existing["cellStyleXfs"]:  # index 0 is the Normal style's; never let ours take it
            self.find_or_add("cellStyleXfs", f'<{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>')
        if not self.existing["cellStyles"]:
            self.find_or_add("cellStyles", f'<{p}cellStyle name="Normal" xfId="0" builtinId="0"/>')
        font_id, fill_id, border_id = self._parts(look, explicit_font=True)
        index = self.find_or_add("cellStyleXfs", f'<{p}xf numFmtId="0" fontId="{font_id}" fillId="{fill_id}" '
                                 f'borderId="{border_id}" applyFont="1" applyFill="1" applyBorder="1"/>')
        self.find_or_add("cellStyles", f'<{p}cellStyle name="{escape_attr(name)}" xfId="{index}"/>')
        return index

    def _font_children(self, explicit: bool) -> str:
        """The default font's name/family/charset/scheme children; `explicit`: its name (or HEADER_FONT) and
        family only, without the theme scheme that would let the theme's font replace the name."""
        if not explicit:
            return self._base_font
        name = re.search(r'<(?:\w+:)?name val="([^"]*)"', self._base_font)
        family = re.search(r'<(?:\w+:)?family val="([^"]*)"', self._base_font)
        p = self.prefix
        return (f'<{p}name val="{name.group(1) if name else HEADER_FONT}"/>'
                + f'<{p}family val="{family.group(1) if family else 2}"/>')

    def _parts(self, look: Look, explicit_font: bool = False) -> tuple[int, int, int]:
        """(font, fill, border) indexes of a look, each found or appended."""
        p = self.prefix
        font = "".join((
            f"<{p}b/>" if look.bold else "",
            f"<{p}i/>" if look.italic else "",
            f'<{p}sz val="{_num(self._base_size + look.size_delta)}"/>',
            f'<{p}color rgb="{look.color}"/>' if look.color else "",
        ))
        font_xml = f"<{p}font>{font}{self._font_children(explicit_font)}</{p}font>"
        font_id = self.find_or_add("fonts", font_xml)
        if look.fill:
            fill_xml = (f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="{look.fill}"/>'
                        f'<{p}bgColor indexed="64"/></{p}patternFill></{p}fill>')
            fill_id = self.find_or_add("fills", fill_xml)
        else:
            fill_id = 0
        if look.border:
            sides = "".join(
                f'<{p}{side} style="thin"><{p}color auto="1"/></{p}{side}>' if side == look.border else f"<{p}{side}/>"
                for side in ("left", "right", "top", "bottom", "diagonal"))
            border_id = self.find_or_add("borders", f"<{p}border>{sides}</{p}border>")
        else:
            border_id = 0
        return font_id, fill_id, border_id

    def _xf(self, look: Look, fmt: str, style_xf: int = 0, explicit_font: bool = False) -> int:
        p = self.prefix
        font_id, fill_id, border_id = self._parts(look, explicit_font)
        num_id = self._numfmt(fmt)
        align = f'<{p}alignment vertical="top" wrapText="1"/>' if look.wrap else ""
        xf_xml = (f'<{p}xf numFmtId="{num_id}" fontId="{font_id}" fillId="{fill_id}" borderId="{border_id}" '
                  f'xfId="{style_xf}" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"'
                  + (f' applyAlignment="1">{align}</{p}xf>' if align else "/>"))
        return self.find_or_add("cellXfs", xf_xml)


def _key(element: etree._Element) -> tuple:
    """Structural identity of an entry: tag, attributes and children, ignoring prefixes and whitespace."""
    return (local(element.tag), tuple(sorted(element.attrib.items())),
            tuple(_key(child) for child in element if isinstance(child.tag, str)))


def _wrap(xml: str, prefix: str, ns: str) -> str:
    """Make a snippet parseable on its own by declaring the sheet's namespace on its root."""
    decl = f' xmlns:{prefix[:-1]}="{ns}"' if prefix else f' xmlns="{ns}"'
    head, sep, rest = xml.partition(">")
    if head.endswith("/"):
        return f"{head[:-1]}{decl}/>{rest}"
    return f"{head}{decl}{sep}{rest}"


def _splice(text: str, prefix: str, name: str, entries: list[str], total: int) -> str:
    """Append entries to a collection element (creating it in schema order if absent) and set its count."""
    tag = re.escape(prefix + name)
    opening = re.search(rf"<{tag}(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>", text)
    body = "".join(entries)
    if opening is None:
        later = ORDER[ORDER.index(name) + 1:]
        anchor = None
        for other in later:
            found = re.search(rf"<{re.escape(prefix + other)}(?=[\s/>])", text)
            if found:
                anchor = found.start()
                break
        if anchor is None:
            anchor = text.rindex(f"</{prefix}styleSheet>")
        element = f'<{prefix}{name} count="{total}">{body}</{prefix}{name}>'
        return text[:anchor] + element + text[anchor:]
    attrs = opening.group(1)
    attrs = re.sub(r'\scount="[^"]*"', "", attrs) + f' count="{total}"'
    if opening.group(2):
        replacement = f"<{prefix}{name}{attrs}>{body}</{prefix}{name}>"
        return text[:opening.start()] + replacement + text[opening.end():]
    close = text.index(f"</{prefix}{name}>", opening.end())
    return text[:opening.start()] + f"<{prefix}{name}{attrs}>" + text[opening.end():close] + body + text[close:]



def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
