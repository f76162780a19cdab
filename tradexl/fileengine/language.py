"""Switch a workbook on disk between English and Chinese, surgically (`tradexl language BOOK zh|en`).

What `tradexl.language` decides is written as text edits: tab names in workbook.xml's `<sheet>` list; every
formula naming a renamed tab (defined names, including the engine's markers and print titles, cell formulas,
validations, conditional formats, charts, pivot sources); input-Table headers in the header cells and the
Table part together, with the structured references to them; list validations of the contract's choice
columns; the Settings `Language` cell. Every other part, and every other byte of an edited part, is copied as
it was. The generated sheets are then rebuilt in the new language by an ordinary run of every step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, unescape

from python_calamine import CalamineWorkbook

from tradexl.errors import TradeXLError
from tradexl.fileengine.cells import cell_xml, escape_attr, escape_text
from tradexl.fileengine.engine import FileWorkbook
from tradexl.fileengine.package import Package, open_package
from tradexl.fileengine.reader import ReadResult, read_package
from tradexl.fileengine.save import atomic_save, check_not_open
from tradexl.fileengine.sheetxml import STYLE, CellEdits, apply_cells, prefix_of, row_cells
from tradexl.fileengine.workbookparts import Changes
from tradexl.grid import column_letter
from tradexl.language import (
    LANGUAGE_KEYS,
    LANGUAGES,
    dropdown_lists,
    header_switch,
    rename_columns,
    rename_sheet_refs,
)
from tradexl.markers import markers_of, tab_renames
from tradexl.model import RunResult
from tradexl.schema import SHEETS_BY_KEY, normalize_header

_FORMULA = re.compile(r"(<(?:[\w.-]+:)?(f|formula|formula1|formula2|calculatedColumnFormula)(?:\s[^>]*)?(?<!/)>)"
                      r"(.*?)(</(?:[\w.-]+:)?\2>)", re.S)
_DEFINED = re.compile(r"(<(?:[\w.-]+:)?definedName(?:\s[^>]*)?(?<!/)>)(.*?)(</(?:[\w.-]+:)?definedName>)", re.S)
_SHEET_TAG = re.compile(r"<(?:[\w.-]+:)?sheet\s[^>]*>")
_NAME_ATTR = re.compile(r'(\sname=")([^"]*)(")')
_PIVOT_SHEET = re.compile(r'(\ssheet=")([^"]*)(")')
_TABLE_COLUMN = re.compile(r'(<(?:[\w.-]+:)?tableColumn\s[^>]*?\sname=")([^"]*)(")')
_INLINE_TEXT = re.compile(r"(<(?:[\w.-]+:)?t(?:\s[^>]*)?>)[^<]*(</(?:[\w.-]+:)?t>)")


@dataclass(frozen=True)
class SwitchResult:
    """What `switch_language` did: tabs renamed (old -> new), header cells changed, and the refresh it ran."""

    language: str
    renamed: dict[str, str]
    headers: int
    result: RunResult


@dataclass
class _TableRename:
    part: str
    name: str
    sheet_part: str
    columns: dict[str, str]


def switch_language(path: Path, language: str, *, today: date, now: datetime, steps: tuple[str, ...],
                    force: bool = False) -> SwitchResult:
    """Switch the workbook at `path` to `language` ("en" or "zh") and rebuild its generated sheets (one backup:
    the workbook as it was before the switch)."""
    if language not in LANGUAGES:
        raise TradeXLError(f"language must be en or zh, not '{language}'")
    path = Path(path)
    check_not_open(path, force)
    pkg = open_package(path)
    read = read_package(pkg)
    changes, renamed, headers = _switch(pkg, read, language)
    if changes:
        atomic_save(path, lambda tmp: pkg.write(tmp, changes.replaced, changes.added, changes.removed))
    from tradexl.operations import run  # the core, once the switch is written

    book = FileWorkbook(path, force=True)
    result = run(book.read(), today, now, steps)
    book.apply(result)
    book.save(backup=not changes)
    return SwitchResult(language, renamed, headers, result)


def _switch(pkg: Package, read: ReadResult, language: str) -> tuple[Changes, dict[str, str], int]:
    """Every part-level change of the switch (the generated sheets' rebuild aside)."""
    tabs = [s.name for s in pkg.sheets]
    renamed = tab_renames(tabs, markers_of(pkg.defined_names), language)
    edits: dict[str, CellEdits] = {}
    tables: list[_TableRename] = []
    lists: dict[str, dict[str, str]] = {}
    count = 0
    for key, sheet in read.sheets.items():
        definition = SHEETS_BY_KEY[key]
        lists[sheet.part] = dropdown_lists(definition, language)
        new = header_switch(definition, sheet.layout.headers, sheet.layout.positions, 1, language)
        if not new:
            continue
        xml = pkg.read(sheet.part)
        row = sheet.layout.header_row
        cells = row_cells(xml, row)
        sheet_edits = edits.setdefault(sheet.part, CellEdits())
        for col, text in new.items():
            sheet_edits.set(row, col, _retext(cells.get(col), f"{column_letter(col)}{row}", text, prefix_of(xml)))
        count += len(new)
        if sheet.table is not None and sheet.table.header_row == row:
            old = {sheet.table.columns[c - sheet.table.first_col]: text for c, text in new.items()
                   if 0 <= c - sheet.table.first_col < len(sheet.table.columns)}
            tables.append(_TableRename(sheet.table.part, sheet.table.name, sheet.part, old))
    if read.settings is not None:
        _language_cell(pkg, read.settings, language, edits)
    changes = Changes()
    for part, data in _formula_parts(pkg):
        text = data.decode("utf-8")
        if part in edits:
            text = apply_cells(data, edits.pop(part))[0].decode("utf-8")
        text = _rewrite_formulas(text, renamed, [(t, t.sheet_part == part) for t in tables], lists.get(part, {}))
        if part.startswith("xl/pivotCache/"):
            text = _PIVOT_SHEET.sub(lambda m: _attr(m, renamed), text)
        changes.replace(pkg, part, text.encode("utf-8"))
    for table in tables:
        columns = table.columns
        text = pkg.read(table.part).decode("utf-8")
        text = _TABLE_COLUMN.sub(lambda m: _attr(m, columns, fold=False), text)  # noqa: B023 - used at once
        text = _rewrite_formulas(text, renamed, [(t, False) for t in tables], {})
        changes.replace(pkg, table.part, text.encode("utf-8"))
    workbook = pkg.read(pkg.workbook_part).decode("utf-8")
    workbook = _SHEET_TAG.sub(lambda m: _NAME_ATTR.sub(lambda n: _attr(n, renamed), m.group(0), count=1), workbook)
    workbook = _DEFINED.sub(lambda m: m.group(1) + escape(rename_sheet_refs(unescape(m.group(2)), renamed))
                            + m.group(3), workbook)
    changes.replace(pkg, pkg.workbook_part, workbook.encode("utf-8"))
    return changes, renamed, count


def _attr(match: re.Match[str], renamed: Mapping[str, str], *, fold: bool = True) -> str:
    """A `name="Old"` or `sheet="Old"` attribute with the renamed value (tab names in any case)."""
    old = unescape(match.group(2), {"&quot;": '"', "&apos;": "'"})
    new = next((n for o, n in renamed.items() if (o.casefold() == old.casefold() if fold else o == old)), None)
    return match.group(0) if new is None else match.group(1) + escape_attr(new) + match.group(3)


def _formula_parts(pkg: Package) -> list[tuple[str, bytes]]:
    """The parts whose formulas may name a tab or a Table column: worksheets, charts, pivot caches."""
    sheets = [s.part for s in pkg.sheets if s.part]
    others = [p for p in pkg.order if p.startswith(("xl/charts/chart", "xl/pivotCache/pivotCacheDefinition"))]
    return [(p, pkg.read(p)) for p in [*sheets, *others] if p in pkg.parts]


def _rewrite_formulas(text: str, renamed: Mapping[str, str], tables: list[tuple[_TableRename, bool]],
                      lists: Mapping[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        formula = unescape(match.group(3), {"&quot;": '"', "&apos;": "'"})
        new = lists.get(formula, formula) if match.group(2) == "formula1" else formula
        new = rename_sheet_refs(new, renamed)
        for table, own in tables:
            new = rename_columns(new, table.name, table.columns, own)
        return match.group(0) if new == formula else match.group(1) + escape_text(new) + match.group(4)

    return _FORMULA.sub(one, text)


def _retext(cell: str | None, ref: str, text: str, prefix: str) -> str | None:
    """A header cell with new text: an inline string keeps its markup with only the text changed; any other
    cell becomes an inline string with its style kept."""
    if cell is not None and 't="inlineStr"' in cell and len(_INLINE_TEXT.findall(cell)) == 1:
        return _INLINE_TEXT.sub(lambda m: m.group(1) + escape_text(text) + m.group(2), cell)
    style = STYLE.search(cell[:cell.index(">")]) if cell else None
    return cell_xml(ref, text, int(style.group(1)) if style else 0, prefix)


def _language_cell(pkg: Package, tab: str, language: str, edits: dict[str, CellEdits]) -> None:
    """Stage the Settings value next to the `Language` key (the first such key with an en/zh/blank value)."""
    entry = pkg.sheet(tab)
    if entry is None or entry.part is None:
        return
    grid = CalamineWorkbook.from_path(str(pkg.path)).get_sheet_by_name(tab).to_python(skip_empty_area=False)
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row[:-1], start=1):
            if normalize_header(value) in LANGUAGE_KEYS and str(row[c]).strip().lower() in ("", *LANGUAGES):
                if str(row[c]).strip().lower() == language:
                    return
                xml = pkg.read(entry.part)
                cell = row_cells(xml, r).get(c + 1)
                edits.setdefault(entry.part, CellEdits()).set(
                    r, c + 1, _retext(cell, f"{column_letter(c + 1)}{r}", language, prefix_of(xml)))
                return

