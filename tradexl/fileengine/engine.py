"""The file engine's orchestration: open -> read -> run -> write computed columns + generated sheets -> save.

`FileWorkbook` is one workbook on disk being edited. Edits are staged (`apply`, `append_rows`) and written in
one pass by `save`, which touches only the parts that changed and does nothing at all when nothing did (so a
second refresh with the same day does not even rewrite the file). `refresh_file` is what `tradexl refresh` and
the single-step commands call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tradexl.errors import WorkbookError
from tradexl.fileengine.cells import cell_xml, kind_of
from tradexl.fileengine.package import Package, open_package
from tradexl.fileengine.reader import InputSheet, ReadResult, read_package
from tradexl.fileengine.render import Rendered, render_sheet
from tradexl.fileengine.save import atomic_save, check_not_open
from tradexl.fileengine.sheetxml import MAX_ROW, CellEdits, apply_cells, prefix_of, row_styles
from tradexl.fileengine.styles import StyleBook
from tradexl.fileengine.tables import extend_table
from tradexl.fileengine.workbookparts import Changes, WorkbookEditor
from tradexl.grid import column_letter, computed_targets
from tradexl.model import InputTables, RunResult
from tradexl.schema import SHEETS_BY_KEY, Column

Progress = Callable[[str], None]

KIND_FORMATS = {"date": "date", "datetime": "datetime", "int": "int", "number": "decimal1"}
"""Number format of a computed column by its schema kind (text columns stay General)."""
OVERDUE = {"customers": ("Days Overdue", ("Next Contact", "Days Overdue"))}
"""Sheet -> (column whose positive value marks a row overdue, columns that get the overdue fill)."""


class FileWorkbook:
    """A workbook on disk: `read()` its inputs, stage `apply(result)` / `append_rows(...)`, then `save()`."""

    def __init__(self, path: Path | str, *, force: bool = False) -> None:
        self.path = Path(path)
        self.force = force
        check_not_open(self.path, force)
        self.pkg: Package = open_package(self.path)
        self._read: ReadResult | None = None
        self._edits: dict[str, CellEdits] = {}
        self._tables: dict[str, tuple[dict[int, str], int | None]] = {}
        self._next_row: dict[str, int] = {}
        self._sheets: list[tuple[str, Any]] = []
        self._owned: tuple[str, ...] = ()
        styles_part = next((r.target for r in self.pkg.rels(self.pkg.workbook_part)
                            if r.type.endswith("/styles") and r.target in self.pkg.parts), None)
        if styles_part is None:
            raise WorkbookError(f"{self.path.name} has no styles part; open and save it in Excel first")
        self.styles_part = styles_part
        self.styles = StyleBook(self.pkg.read(styles_part))

    def read(self) -> InputTables:
        """The input tables (raises MissingColumnError / WorkbookError before anything is staged)."""
        if self._read is None:
            self._read = read_package(self.pkg)
        return self._read.tables

    # --- staging --------------------------------------------------------------------------------------------

    def apply(self, result: RunResult) -> None:
        """Stage a run's computed columns (sheets in `result.computed`) and generated sheets."""
        tables = self.read()
        assert self._read is not None
        for key, frame in result.computed.items():
            sheet = self._read.sheets.get(key)
            if sheet is not None:
                self._stage_computed(sheet, frame, tables.settings.language)
        self._sheets = [(spec.name, spec) for spec in result.sheets]
        self._owned = tuple(result.owned)

    def append_rows(self, sheet_key: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Stage new rows (canonical column -> value) after the last data row of an input table.

        Values of columns the sheet does not have are dropped; cells take the style of the same column in the
        last data row (dates without one get the engine's date format). Returns the new Excel row numbers.
        Computed columns of the new rows are filled by the next refresh.
        """
        self.read()
        assert self._read is not None
        sheet = self._read.sheets.get(sheet_key)
        if sheet is None:
            definition = SHEETS_BY_KEY[sheet_key]
            raise WorkbookError(f"{self.path.name} has no sheet '{definition.name}' (or '{definition.zh}')")
        if sheet.table is not None and sheet.table.totals_rows:
            raise WorkbookError(f"the table on sheet '{sheet.name}' has a totals row; turn it off to add rows")
        frame = self._read.tables.frames[sheet_key]
        last = int(frame.index.max()) if len(frame) else sheet.layout.header_row
        first = self._next_row.get(sheet_key, last + 1)
        if first + len(rows) - 1 > MAX_ROW:
            raise WorkbookError(f"sheet '{sheet.name}' is full (Excel's limit is {MAX_ROW:,} rows)")
        xml = self.pkg.read(sheet.part)
        prefix = prefix_of(xml)
        styles = row_styles(xml, last) if last > sheet.layout.header_row else {}
        edits = self._edits.setdefault(sheet.part, CellEdits())
        numbers = []
        for offset, values in enumerate(rows):
            number = first + offset
            for name, value in values.items():
                col = sheet.layout.positions.get(name)
                if col is None:
                    continue
                style = styles.get(col) or (self.styles.computed(kind_of(value))
                                            if kind_of(value) in {"date", "datetime"} else 0)
                xml_cell = cell_xml(f"{column_letter(col)}{number}", value, style, prefix)
                if xml_cell is not None:
                    edits.set(number, col, xml_cell)
            numbers.append(number)
        self._next_row[sheet_key] = first + len(rows)
        if sheet.table is not None and numbers and numbers[-1] > sheet.table.last_row:
            columns, _ = self._tables.get(sheet.table.part, ({}, None))
            self._tables[sheet.table.part] = (columns, numbers[-1])
        return numbers

    def add_column(self, sheet_key: str, name: str) -> None:
        """Give an input sheet a contract column it lacks (e.g. `Match` in an older workbook), so `append_rows`
        fills it: header right of the last one, in the workbook's language and styled like its left neighbour,
        and the sheet's table grown over it. Nothing is staged when the column is already there."""
        tables = self.read()
        assert self._read is not None
        sheet = self._read.sheets.get(sheet_key)
        if sheet is None or name in sheet.layout.positions:
            return
        layout = sheet.layout
        column = SHEETS_BY_KEY[sheet_key].column(name)
        header = column.zh if tables.settings.language == "zh" else column.name
        number = max([layout.last_header_col, *layout.positions.values()]) + 1
        xml = self.pkg.read(sheet.part)
        style = row_styles(xml, layout.header_row).get(number - 1, 0)
        self._edits.setdefault(sheet.part, CellEdits()).set(
            layout.header_row, number, cell_xml(f"{column_letter(number)}{layout.header_row}", header, style,
                                                prefix_of(xml)))
        layout.positions[name] = number
        self._grow_table(sheet, {number: header})
    def has_column(self, sheet_key: str, name: str) -> bool:
        """Whether the workbook's sheet has the (optional) column `name`, so a staged value would be written."""
        self.read()
        assert self._read is not None
        sheet = self._read.sheets.get(sheet_key)
        return sheet is not None and name in sheet.layout.positions

    def update_row(self, sheet_key: str, row: int, values: Mapping[str, Any]) -> None:
        """Stage new values for user columns of one existing data row (e.g. `Replied At` after a reply).

        Each cell keeps its current style; columns the sheet does not have are ignored.
        """
        self.read()
        assert self._read is not None
        sheet = self._read.sheets.get(sheet_key)
        layout = sheet.layout if sheet else None
        if sheet is None or layout is None or not layout.first_data_row <= row <= layout.last_data_row:
            raise WorkbookError(f"row {row} is not a data row of the {sheet_key} sheet")
        xml = self.pkg.read(sheet.part)
        prefix = prefix_of(xml)
        styles = row_styles(xml, row)
        edits = self._edits.setdefault(sheet.part, CellEdits())
        for name, value in values.items():
            col = layout.positions.get(name)
            if col is not None:
                edits.set(row, col, cell_xml(f"{column_letter(col)}{row}", value, styles.get(col, 0), prefix))

    def set_cells(self, sheet_name: str, cells: Mapping[tuple[int, int], Any]) -> None:
        """Stage values for single cells of any sheet, keyed (row, column) 1-based (e.g. a Settings value).

        Each cell keeps its style; a date in an unstyled cell gets the engine's date format.
        """
        entry = self.pkg.sheet(sheet_name)
        if entry is None or entry.part is None:
            raise WorkbookError(f"{self.path.name} has no sheet '{sheet_name}'")
        xml = self.pkg.read(entry.part)
        prefix = prefix_of(xml)
        edits = self._edits.setdefault(entry.part, CellEdits())
        for (row, col), value in cells.items():
            style = row_styles(xml, row).get(col, 0)
            if not style and kind_of(value) in {"date", "datetime"}:
                style = self.styles.computed(kind_of(value))
            edits.set(row, col, cell_xml(f"{column_letter(col)}{row}", value, style, prefix))

    def _stage_computed(self, sheet: InputSheet, frame: Any, language: str) -> None:
        definition = SHEETS_BY_KEY[sheet.key]
        layout = sheet.layout
        targets = computed_targets(definition, layout, language)
        columns: list[Column] = [c for c in definition.computed_columns if c.name in frame.columns]
        if not columns:
            return
        xml = self.pkg.read(sheet.part)
        prefix = prefix_of(xml)
        edits = self._edits.setdefault(sheet.part, CellEdits())
        header_style = self.styles.computed_header()
        for col in columns:
            number, header = targets[col.name]
            if header is not None:
                edits.set(layout.header_row, number, cell_xml(f"{column_letter(number)}{layout.header_row}",
                                                              header, header_style, prefix))
        overdue_rows = self._overdue_rows(sheet.key, frame)
        highlighted = OVERDUE.get(sheet.key, ("", ()))[1]
        for col in columns:
            number, _ = targets[col.name]
            letter = column_letter(number)
            fmt = KIND_FORMATS.get(col.kind, "")
            plain = self.styles.computed(fmt)
            marked = self.styles.computed(fmt, "overdue") if col.name in highlighted else plain
            values = frame[col.name].to_dict()
            edits.set_column(number, {row: cell_xml(f"{letter}{row}", values.get(row),
                                                    marked if row in overdue_rows else plain, prefix)
                                      for row in range(layout.first_data_row, layout.last_data_row + 1)})
        self._grow_table(sheet, {targets[c.name][0]: targets[c.name][1] for c in columns})

    @staticmethod
    def _overdue_rows(key: str, frame: Any) -> set[int]:
        rule = OVERDUE.get(key)
        if rule is None or rule[0] not in frame.columns:
            return set()
        out = set()
        for row, value in frame[rule[0]].items():
            if kind_of(value) == "number" and float(value) > 0:
                out.add(int(row))
        return out

    def _grow_table(self, sheet: InputSheet, written: dict[int, str | None]) -> None:
        """Extend the sheet's table over computed columns right of it, when every header name is known."""
        table = sheet.table
        if table is None or not written or max(written) <= table.last_col:
            return
        names: dict[int, str] = {}
        existing = {n.casefold() for n in table.columns}
        for col in range(table.last_col + 1, max(written) + 1):
            header = written.get(col)
            if header is None and col - 1 < len(sheet.layout.headers):
                cell = sheet.layout.headers[col - 1]
                header = cell if isinstance(cell, str) else None
            if not header or not header.strip() or header.casefold() in existing:
                return  # a blank or duplicate header cannot be a table column: leave the table as it is
            existing.add(header.casefold())
            names[col] = header
        _, last_row = self._tables.get(table.part, ({}, None))
        self._tables[table.part] = (names, last_row)

    # --- writing --------------------------------------------------------------------------------------------

    def changes(self) -> Changes:
        """Every part-level change the staged edits make (empty when the file would not change)."""
        changes = Changes()
        editor = WorkbookEditor(self.pkg, changes)
        for part, edits in self._edits.items():
            new, formulas = apply_cells(self.pkg.read(part), edits)
            changes.replace(self.pkg, part, new)
            editor.remove_formula_cells(part, formulas)
        for part, (columns, last_row) in self._tables.items():
            changes.replace(self.pkg, part, extend_table(self.pkg.read(part), part, new_columns=columns,
                                                         last_row=last_row))
        rendered: list[tuple[str, Rendered]] = [(name, render_sheet(spec, self.styles))
                                                for name, spec in self._sheets]
        if rendered or self._owned:
            editor.apply(rendered, self._owned)
        styles = self.styles.result()
        if styles is not None:
            changes.replace(self.pkg, self.styles_part, styles)
        editor.finish()
        return changes

    def save(self, *, backup: bool = True) -> bool:
        """Write the staged edits atomically (keeping a backup); False when nothing changed (file untouched)."""
        changes = self.changes()
        if not changes:
            return False
        check_not_open(self.path, self.force)
        atomic_save(self.path, lambda tmp: self.pkg.write(tmp, changes.replaced, changes.added, changes.removed),
                    backup=backup)
        return True


def refresh_file(path: Path, *, today: date, now: datetime, steps: Sequence[str], force: bool = False,
                 progress: Progress | None = None) -> RunResult:
    """Read the workbook, run the steps, write computed columns and generated sheets, save atomically."""
    say = progress or (lambda _message: None)
    say(f"Reading {Path(path).name}")
    workbook = FileWorkbook(path, force=force)
    tables = workbook.read()
    from tradexl.operations import run  # the core, imported once the file is known to be readable

    say("Computing " + ", ".join(f"{len(f):,} {k}" for k, f in tables.frames.items() if len(f)))
    result = run(tables, today, now, steps)
    say("Writing")
    workbook.apply(result)
    saved = workbook.save()
    say("Saved" if saved else "Nothing changed; file left as it was")
    return result
