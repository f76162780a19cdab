"""Add TradeXL input sheets to a copy of someone else's workbook, at the text level, touching nothing else but
the three parts that list sheets (workbook.xml, its rels, [Content_Types].xml).

Cells are inline strings and bare numbers (no styles needed), so any real Excel file can take them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tradexl.grid import column_letter

WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def sheet_xml(rows: list[list[Any]]) -> bytes:
    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            ref = f"{column_letter(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><sheetData>{"".join(out)}</sheetData></worksheet>').encode()


def add_sheets(source: Path, target: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Copy `source` to `target` with `sheets` (name -> rows of values) appended as new worksheets."""
    with zipfile.ZipFile(source) as zf:
        entries = [(info, zf.read(info)) for info in zf.infolist()]
    # entries as stored (some generators write `xl\\workbook.xml` or `[content_types].xml`): found by the part
    # they hold, written back under their own names
    stored = {info.filename.replace("\\", "/").casefold(): info.filename for info, _ in entries}
    parts = {info.filename: data for info, data in entries}
    names = {key: stored[key.casefold()] for key in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                     "[Content_Types].xml")}
    workbook = parts[names["xl/workbook.xml"]].decode("utf-8")
    rels = parts[names["xl/_rels/workbook.xml.rels"]].decode("utf-8")
    types = parts[names["[Content_Types].xml"]].decode("utf-8")
    next_id = max(map(int, re.findall(r'sheetId="(\d+)"', workbook)), default=0) + 1
    added = {}
    for i, (name, rows) in enumerate(sheets.items()):
        rid, part = f"rIdTradeXL{i}", f"worksheets/tradexl_{i}.xml"
        workbook = re.sub(r"(<(?:\w+:)?sheets[^>]*>.*?)(</(?:\w+:)?sheets>)",
                          lambda m, n=name, r=rid, s=next_id + i: (
                              f'{m.group(1)}<sheet xmlns:r="{REL_NS}" name="{escape(n)}" sheetId="{s}" r:id="{r}"/>'
                              f"{m.group(2)}"), workbook, count=1, flags=re.S)
        rels = rels.replace("</Relationships>",
                            f'<Relationship Id="{rid}" Type="{WORKSHEET_REL}" Target="{part}"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/xl/{part}" ContentType="{WORKSHEET_CT}"/></Types>')
        added[f"xl/{part}"] = sheet_xml(rows)
    changed = {names["xl/workbook.xml"]: workbook.encode(), names["xl/_rels/workbook.xml.rels"]: rels.encode(),
               names["[Content_Types].xml"]: types.encode()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            out.writestr(info, changed.get(info.filename, data))
        for name, data in added.items():
            out.writestr(name, data)
    return target
