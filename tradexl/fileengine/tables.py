"""Excel Tables (ListObjects) of an input sheet: where they are, and growing them to cover new cells.

Excel repairs a file whose table ref, autoFilter ref and tableColumns disagree, or whose column names differ
from the header cells; so the engine grows a table only to the right by columns whose header text it knows
(and gives each new tableColumn exactly that text), and downwards only for appended rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from tradexl.fileengine.package import local, parse_xml, serialize
from tradexl.grid import column_letter, column_number

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")


def parse_ref(ref: str) -> tuple[int, int, int, int]:
    """(first col, first row, last col, last row) of an A1 range."""
    found = _REF.fullmatch(ref.strip())
    if not found:
        raise ValueError(f"not a cell range: {ref!r}")
    c1, r1 = column_number(found.group(1)), int(found.group(2))
    c2 = column_number(found.group(3)) if found.group(3) else c1
    r2 = int(found.group(4)) if found.group(4) else r1
    return c1, r1, c2, r2


def format_ref(c1: int, r1: int, c2: int, r2: int) -> str:
    return f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"


@dataclass(frozen=True)
class TableInfo:
    part: str
    name: str
    first_col: int
    header_row: int
    last_col: int
    last_row: int
    header_rows: int
    totals_rows: int
    columns: tuple[str, ...]

    @property
    def last_data_row(self) -> int:
        return self.last_row - self.totals_rows


def table_info(part: str, xml: bytes) -> TableInfo:
    root = parse_xml(xml, part)
    c1, r1, c2, r2 = parse_ref(root.get("ref", "A1"))
    columns = next((el for el in root if local(el.tag) == "tableColumns"), None)
    names = tuple(col.get("name", "") for col in (columns if columns is not None else []))
    return TableInfo(part, root.get("displayName") or root.get("name") or "", c1, r1, c2, r2,
                     int(root.get("headerRowCount", "1")), int(root.get("totalsRowCount", "0")), names)


def extend_table(xml: bytes, part: str, *, new_columns: dict[int, str], last_row: int | None = None) -> bytes:
    """The table grown right by `new_columns` (Excel column -> header text, contiguous from the table's
    right edge) and down to `last_row`; the same bytes when there is nothing to grow."""
    root = parse_xml(xml, part)
    c1, r1, c2, r2 = parse_ref(root.get("ref", "A1"))
    new_c2 = max([c2, *new_columns])
    new_r2 = max(r2, last_row or 0)
    if (new_c2, new_r2) == (c2, r2):
        return xml
    ns = etree.QName(root).namespace
    root.set("ref", format_ref(c1, r1, new_c2, new_r2))
    totals = int(root.get("totalsRowCount", "0"))
    for child in root:
        if local(child.tag) == "autoFilter":
            child.set("ref", format_ref(c1, r1, new_c2, new_r2 - totals))
        if local(child.tag) == "tableColumns" and new_c2 > c2:
            ids = [int(col.get("id", "0")) for col in child]
            next_id = max(ids, default=0) + 1
            for col in range(c2 + 1, new_c2 + 1):
                element = etree.SubElement(child, f"{{{ns}}}tableColumn" if ns else "tableColumn")
                element.set("id", str(next_id))
                element.set("name", new_columns[col])
                next_id += 1
            child.set("count", str(len(child)))
    return serialize(root)
