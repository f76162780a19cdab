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
from tradexl.fileengine.cells import cell_xml, kind_of, workbook_dates
from tradexl.fileengine.computedcells import ColumnCells
from tradexl.fileengine.package import CACHE_BYTES, Deflater, Package, open_package
from tradexl.fileengine.reader import InputSheet, ReadResult, read_package
from tradexl.fileengine.render import render_sheet
from tradexl.fileengine.save import atomic_save, check_not_open
from tradexl.fileengine.sheetxml import (
    MAX_ROW,
    CellBlock,
    CellEdits,
    apply_cells,
    prefix_of,
    row_styles,
    stream_cells,
)
from tradexl.fileengine.styles import StyleBook
from tradexl.fileengine.tables import TableInfo, extend_table
from tradexl.fileengine.workbookparts import Changes, WorkbookEditor
from tradexl.grid import column_letter
from tradexl.markers import markers_of
from tradexl.messages import msg
from tradexl.model import InputTables, RunResult
from tradexl.plan import ComputedCells, SheetRead, TableBox, WritePlan, build_plan, table_growth
from tradexl.schema import SHEETS_BY_KEY
from tradexl.sheetspec import SheetSpec

Progress = Callable[[str], None]



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
        self._sheets: list[SheetSpec] = []
        self._remove: tuple[str, ...] = ()
        self._markers: tuple[tuple[str, str], ...] = ()
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

    def release_inputs(self) -> None:
        """Forget the input frames once the run has its result. The write needs only the sheets' layouts (kept)
        and the plan, while the frames of a 100k register (a few hundred MB of cell objects) would otherwise stay
        alive through it and set the refresh's peak memory. Rows can no longer be staged afterwards."""
        tables = self.read()
        assert self._read is not None
        self._read.tables = InputTables({}, tables.settings, tables.sheet_names, tables.settings_problems)

    # --- staging --------------------------------------------------------------------------------------------

    def apply(self, result: RunResult) -> None:
        """Stage a run: its write plan (computed columns and generated sheets)."""
        self.apply_plan(self.plan(result))

    def plan(self, result: RunResult) -> WritePlan:
        """The run's write plan for this workbook (the same plan the xlwings shell applies in Excel)."""
        tables = self.read()
        assert self._read is not None
        read = {key: SheetRead(sheet.name, sheet.layout, _box(sheet.table)) for key, sheet in self._read.sheets.items()}
        return build_plan(result, read, [s.name for s in self.pkg.sheets], tables.settings.language,
                          markers_of(self.pkg.defined_names), self._read.settings)

    @workbook_dates
    def apply_plan(self, plan: WritePlan) -> None:
        """Stage a write plan: computed cells as cell edits, Table growth, generated sheets and removals."""
        assert self._read is not None
        parts = {sheet.name: sheet for sheet in self._read.sheets.values()}
        for cells in plan.computed:
            self._stage_computed(parts[cells.sheet], cells)
        self._sheets = list(plan.sheets)
        self._remove = plan.remove
        self._markers = plan.markers

    @workbook_dates
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
        frame = self._read.tables.frames.get(sheet_key)
        if frame is None:
            raise RuntimeError("rows are staged before release_inputs, not after")
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
        growth = table_growth(SheetRead(sheet.name, layout, _box(sheet.table)), {number: header})
        self._stage_table_columns(sheet, growth)

    def has_column(self, sheet_key: str, name: str) -> bool:
        """Whether the workbook's sheet has the (optional) column `name`, so a staged value would be written."""
        self.read()
        assert self._read is not None
        sheet = self._read.sheets.get(sheet_key)
        return sheet is not None and name in sheet.layout.positions

    @workbook_dates
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

    def _stage_computed(self, sheet: InputSheet, cells: ComputedCells) -> None:
        """Stage the headers, widths and (as one `CellBlock`, rendered when written) the data cells."""
        prefix = self._prefix(sheet.part)
        edits = self._edits.setdefault(sheet.part, CellEdits())
        header_style = self.styles.computed_header()
        top = cells.header_row
        renderers = []
        for col in cells.columns:
            if col.header is not None:
                edits.set(top, col.col, cell_xml(f"{column_letter(col.col)}{top}", col.header, header_style, prefix))
            renderers.append(ColumnCells(col, cells, self.styles, prefix))
            if col.width:
                edits.widths[col.col] = col.width
        renderers.sort(key=lambda r: r.column.col)
        edits.add_block(CellBlock(
            cells.first_row, cells.last_row, tuple(r.column.col for r in renderers),
            tuple(r.column.col for r in renderers if r.writes_any()),
            lambda first, last: list(zip(*(r.render(first, last) for r in renderers), strict=True))))
        self._stage_table_columns(sheet, cells.table_columns)

    def _prefix(self, part: str) -> str:
        """The sheet's namespace prefix, read from its first few MB (where <sheetData> starts), not the whole."""
        head = b""
        for chunk in self.pkg.chunks(part):
            head += chunk
            if 0 <= head.find(b"sheetData") < len(head) - len(b"sheetData"):
                break
        return prefix_of(head)

    def _stage_table_columns(self, sheet: InputSheet, columns: tuple[tuple[int, str], ...]) -> None:
        """Grow the sheet's Table over these new (column, header) pairs, on top of growth staged before."""
        if columns and sheet.table is not None:
            staged, last_row = self._tables.get(sheet.table.part, ({}, None))
            self._tables[sheet.table.part] = ({**staged, **dict(columns)}, last_row)

    # --- writing --------------------------------------------------------------------------------------------

    @workbook_dates
    def changes(self) -> Changes:
        """Every part-level change the staged edits make (empty when the file would not change)."""
        changes = Changes()
        editor = WorkbookEditor(self.pkg, changes)
        for part, edits in self._edits.items():
            formulas = self._edit_sheet(changes, part, edits)
            editor.remove_formula_cells(part, formulas)
        for part, (columns, last_row) in self._tables.items():
            changes.replace(self.pkg, part, extend_table(self.pkg.read(part), part, new_columns=columns,
                                                         last_row=last_row))
        if self._sheets or self._remove:
            editor.apply(((spec.name, render_sheet(spec, self.styles)) for spec in self._sheets), self._remove)
        editor.set_markers(self._markers)
        styles = self.styles.result()
        if styles is not None:
            changes.replace(self.pkg, self.styles_part, styles)
        editor.finish()
        return changes

    def _edit_sheet(self, changes: Changes, part: str, edits: CellEdits) -> set[str]:
        """Stage the sheet's new bytes (a big one read and deflated a few MB at a time, never held whole);
        the refs of the formula cells the edits replaced."""
        if self.pkg.infos[part].file_size > CACHE_BYTES and edits:
            deflater = Deflater()
            streamed = stream_cells(self.pkg.chunks(part), edits, deflater.write)
            if streamed is not None:
                changed, formulas = streamed
                if changed:
                    changes.replaced[part] = deflater.finish()
                return formulas
        new, formulas = apply_cells(self.pkg.read(part), edits)
        changes.replace(self.pkg, part, new)
        return formulas

    def save(self, *, backup: bool = True) -> bool:
        """Write the staged edits atomically (keeping a backup); False when nothing changed (file untouched)."""
        changes = self.changes()
        if not changes:
            return False
        check_not_open(self.path, self.force)
        atomic_save(self.path, lambda tmp: self.pkg.write(tmp, changes.replaced, changes.added, changes.removed),
                    backup=backup)
        return True


def _box(table: TableInfo | None) -> TableBox | None:
    if table is None:
        return None
    return TableBox(table.name, table.header_row, table.first_col, table.last_row, table.last_col, table.columns)


def refresh_file(path: Path, *, today: date, now: datetime, steps: Sequence[str], force: bool = False,
                 progress: Progress | None = None) -> RunResult:
    """Read the workbook, run the steps, write computed columns and generated sheets, save atomically."""
    say = progress or (lambda _message: None)
    say(msg("progress.reading", name=Path(path).name))
    workbook = FileWorkbook(path, force=force)
    tables = workbook.read()
    from tradexl.operations import run  # the core, imported once the file is known to be readable

    say(msg("progress.computing", counts=tuple(msg("cli.demo.count", count=len(f), what=k)
                                               for k, f in tables.frames.items() if len(f))))
    result = run(tables, today, now, steps)
    del tables
    workbook.release_inputs()
    say(msg("progress.writing"))
    workbook.apply(result)
    saved = workbook.save()
    say(msg("progress.saved" if saved else "progress.unchanged"))
    return result
