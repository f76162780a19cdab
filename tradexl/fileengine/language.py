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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape
from pathlib import Path

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
    settings = pkg.sheet(read.settings) if read.settings else None
    edit = _Edit(pkg, renamed, [*(s.part for s in read.sheets.values()), *([settings.part] if settings and
                                                                           settings.part else [])])
    count = 0
    for key, sheet in read.sheets.items():
        definition = SHEETS_BY_KEY[key]
        edit.lists[sheet.part] = dropdown_lists(definition, language)
        new = header_switch(definition, sheet.layout.headers, sheet.layout.positions, 1, language)
        for col, text in new.items():
            edit.set_text(sheet.part, sheet.layout.header_row, col, text)
        count += len(new)
        table = sheet.table
        if new and table is not None and table.header_row == sheet.layout.header_row:
            old = {table.columns[c - table.first_col]: text for c, text in new.items()
                   if 0 <= c - table.first_col < len(table.columns)}
            edit.tables.append(_TableRename(table.part, table.name, sheet.part, old))
    if read.settings is not None:
        _language_cell(pkg, read.settings, language, edit)
    return edit.changes(), renamed, count


def rename_tabs(path: Path, renames: Mapping[str, str], *, force: bool = False) -> None:
    """Rename tabs of the workbook at `path` (old -> new) as Excel does: the `<sheet>` names and every formula
    and defined name that refers to them, nothing else (what a user renaming a tab by hand does)."""
    path = Path(path)
    check_not_open(path, force)
    pkg = open_package(path)
    changes = _Edit(pkg, dict(renames)).changes()
    atomic_save(path, lambda tmp: pkg.write(tmp, changes.replaced, changes.added, changes.removed))


_CHAR_REF = re.compile(rb"&#\d+;")
_RAW_NON_ASCII = re.compile(rb"[\x80-\xff]")


class _Edit:
    """The text edits of one switch or rename, written as the package writes its text: a workbook whose parts
    spell every non-ASCII character as a character reference (openpyxl's output, `&#35810;`) gets its new
    text spelled that way too, so switching there and back gives the same bytes."""

    def __init__(self, pkg: Package, renamed: dict[str, str], parts: Sequence[str] = ()) -> None:
        """`parts`: the input and Settings parts, whose spelling a part without non-ASCII text follows."""
        self.pkg = pkg
        self.renamed = renamed
        self.cells: dict[str, CellEdits] = {}
        self.tables: list[_TableRename] = []
        self.lists: dict[str, dict[str, str]] = {}
        sample = [pkg.read(p) for p in parts]
        refs = any(_CHAR_REF.search(d) for d in sample) and not any(_RAW_NON_ASCII.search(d) for d in sample)
        self.sheets_with_refs = frozenset(parts if refs else ())
        self.part = ""

    def spells_refs(self, part: str) -> bool:
        """Whether new text in `part` is spelled with character references: as the part already does, else
        (an all-ASCII part) as the other input and Settings sheets do."""
        data = self.pkg.read(part)
        if _RAW_NON_ASCII.search(data):
            return False
        return bool(_CHAR_REF.search(data)) or part in self.sheets_with_refs

    def text(self, value: str, attr: bool = False, part: str = "") -> str:
        escaped = escape_attr(value) if attr else escape_text(value)
        part = part or self.part  # the part being rewritten
        refs = self.spells_refs(part) if part else False
        return escaped.encode("ascii", "xmlcharrefreplace").decode("ascii") if refs else escaped

    def set_text(self, part: str, row: int, col: int, text: str) -> None:
        """Stage new text for one cell: an inline string keeps its markup with only the text changed; any
        other cell becomes an inline string with its style kept."""
        xml = self.pkg.read(part)
        cell = row_cells(xml, row).get(col)
        ref = f"{column_letter(col)}{row}"
        if cell is not None and 't="inlineStr"' in cell and len(_INLINE_TEXT.findall(cell)) == 1:
            new = _INLINE_TEXT.sub(lambda m: m.group(1) + self.text(text, part=part) + m.group(2), cell)
        else:
            style = STYLE.search(cell[:cell.index(">")]) if cell else None
            new = cell_xml(ref, text, int(style.group(1)) if style else 0, prefix_of(xml)) or ""
        self.cells.setdefault(part, CellEdits()).set(row, col, new)

    def changes(self) -> Changes:
        """The part changes: cells, tab renames in every formula and defined name, Table columns, dropdowns."""
        pkg, changes = self.pkg, Changes()
        for part, data in _formula_parts(pkg):
            self.part = part
            text = (apply_cells(data, self.cells[part])[0] if part in self.cells else data).decode("utf-8")
            text = self.formulas(text, part)
            if part.startswith("xl/pivotCache/"):
                text = _PIVOT_SHEET.sub(lambda m: self.attr(m, self.renamed), text)
            changes.replace(pkg, part, text.encode("utf-8"))
        for table in self.tables:
            columns, self.part = table.columns, table.part
            text = pkg.read(table.part).decode("utf-8")
            text = _TABLE_COLUMN.sub(lambda m: self.attr(m, columns, fold=False), text)  # noqa: B023 - used at once
            changes.replace(pkg, table.part, self.formulas(text, table.part).encode("utf-8"))
        self.part = pkg.workbook_part
        workbook = pkg.read(pkg.workbook_part).decode("utf-8")
        workbook = _SHEET_TAG.sub(lambda m: _NAME_ATTR.sub(lambda n: self.attr(n, self.renamed), m.group(0),
                                                           count=1), workbook)
        workbook = _DEFINED.sub(lambda m: self.rewritten(m, 2, rename_sheet_refs(unescape(m.group(2)),
                                                                                   self.renamed)), workbook)
        changes.replace(pkg, pkg.workbook_part, workbook.encode("utf-8"))
        return changes

    def rewritten(self, match: re.Match[str], group: int, new: str) -> str:
        """The element with its text replaced, or exactly as it was when the text did not change."""
        if new == unescape(match.group(group)):
            return match.group(0)
        return match.group(0)[:match.start(group) - match.start()] + self.text(new) + \
            match.group(0)[match.end(group) - match.start():]

    def attr(self, match: re.Match[str], renamed: Mapping[str, str], *, fold: bool = True) -> str:
        """A `name="Old"` or `sheet="Old"` attribute with the renamed value (tab names in any case)."""
        old = unescape(match.group(2))
        new = next((n for o, n in renamed.items() if (o.casefold() == old.casefold() if fold else o == old)), None)
        return match.group(0) if new is None else match.group(1) + self.text(new, attr=True) + match.group(3)

    def formulas(self, text: str, part: str) -> str:
        """Every formula in the part with renamed tabs and Table columns, and swapped dropdown lists."""
        lists = self.lists.get(part, {})
        tables = [(t, t.sheet_part == part) for t in self.tables]

        def one(match: re.Match[str]) -> str:
            formula = unescape(match.group(3))
            new = lists.get(formula, formula) if match.group(2) == "formula1" else formula
            new = rename_sheet_refs(new, self.renamed)
            for table, own in tables:
                new = rename_columns(new, table.name, table.columns, own)
            return self.rewritten(match, 3, new)

        return _FORMULA.sub(one, text)


def _formula_parts(pkg: Package) -> list[tuple[str, bytes]]:
    """The parts whose formulas may name a tab or a Table column: worksheets, charts, pivot caches."""
    sheets = [s.part for s in pkg.sheets if s.part]
    others = [p for p in pkg.order if p.startswith(("xl/charts/chart", "xl/pivotCache/pivotCacheDefinition"))]
    return [(p, pkg.read(p)) for p in [*sheets, *others] if p in pkg.parts]


def _language_cell(pkg: Package, tab: str, language: str, edit: _Edit) -> None:
    """Stage the Settings value next to the `Language` key (the first such key with an en/zh/blank value)."""
    entry = pkg.sheet(tab)
    if entry is None or entry.part is None:
        return
    grid = CalamineWorkbook.from_path(str(pkg.path)).get_sheet_by_name(tab).to_python(skip_empty_area=False)
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row[:-1], start=1):
            current = str(row[c]).strip().lower()
            if normalize_header(value) in LANGUAGE_KEYS and current in ("", *LANGUAGES):
                if current != language:
                    edit.set_text(entry.part, r, c + 1, language)
                return
