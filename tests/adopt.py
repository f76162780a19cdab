"""Give a workbook TradeXL's input sheets the way a user would get them: as new sheets in their own file.

There is no `tradexl adopt` command yet, so this test helper adds Inquiries and Customers (headers and a few rows
of the corpus data) with the file engine's own sheet-adding code (`WorkbookEditor`, `render_sheet`, `StyleBook`):
the original parts stay byte for byte except the bookkeeping parts a new sheet needs (workbook.xml, its rels,
[Content_Types].xml, styles.xml).
"""

from __future__ import annotations

from pathlib import Path

from corpus import data

from tradexl.fileengine.package import open_package
from tradexl.fileengine.render import render_sheet
from tradexl.fileengine.styles import StyleBook
from tradexl.fileengine.workbookparts import Changes, WorkbookEditor
from tradexl.schema import CUSTOMERS, INQUIRIES, SheetDef
from tradexl.sheetspec import Row, SheetSpec

ADOPTED = (INQUIRIES, CUSTOMERS)
BOOKKEEPING = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml")


def input_spec(sheet: SheetDef) -> SheetSpec:
    """A sheet with the contract's user columns as the header row and the corpus rows below it."""
    columns = [c.name for c in sheet.user_columns]
    rows = [Row(tuple(columns), kind="header")]
    rows += [Row(tuple(record.get(c) for c in columns)) for record in data.ROWS[sheet.key]]
    return SheetSpec(sheet.name, tuple(rows))


def add_input_sheets(source: Path, target: Path) -> list[str]:
    """Write `source` with Inquiries and Customers added to `target`; returns the parts that were added."""
    pkg = open_package(source)
    changes = Changes()
    styles_part = next(r.target for r in pkg.rels(pkg.workbook_part) if r.type.endswith("/styles"))
    styles = StyleBook(pkg.read(styles_part))
    editor = WorkbookEditor(pkg, changes)
    editor.apply([(s.name, render_sheet(input_spec(s), styles)) for s in ADOPTED], ())
    new_styles = styles.result()
    if new_styles is not None:
        changes.replace(pkg, styles_part, new_styles)
    editor.finish()
    pkg.write(target, changes.replaced, changes.added, changes.removed)
    return sorted(changes.added)
