"""The only code that talks to Excel: read an open workbook through xlwings, run the core, apply the plan.

Every xlwings property access or method call is a round trip to Excel (COM on Windows, AppleScript on macOS),
so the number of calls here never depends on the number of rows nor on which rows are highlighted: one bulk
read per sheet (its used range), one write per block of values, formatting through a few address unions per
look, and one sort that puts rows written grouped by look back in order (see `tradexl.xlshell.plan`).

Safety: the run is computed, planned and validated before the first write, so a TradeXLError or any other
failure up to that point leaves the workbook untouched and shows one message box. Screen updating and
calculation are switched off while writing and restored in `finally`. A failure *during* the writes (Excel
refusing a call) cannot be rolled back; it is reported the same way.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime

import xlwings as xw

from tradexl import operations
from tradexl.errors import TradeXLError
from tradexl.looks import COMPUTED_HEADER, Look
from tradexl.markers import identity_of, marker_ref, markers_of, sheet_roles
from tradexl.messages import error_text, localize
from tradexl.model import InputTables, RunResult
from tradexl.plan import ComputedCells, WritePlan
from tradexl.schema import SHEETS_BY_KEY
from tradexl.sheetspec import PrintSetup, header_text
from tradexl.xlshell.charts import write_charts
from tradexl.xlshell.plan import (
    BASE_FONT_SIZE,
    FillStamp,
    Render,
    SheetGrid,
    TableRef,
    area_address,
    computed_ranges,
    input_tables,
    parse_address,
    plan_run,
    render,
)
from tradexl.xlshell.values import rows_from_excel, rows_to_excel

Runner = Callable[[InputTables, date, datetime, Sequence[str]], RunResult]
Clock = Callable[[], tuple[date, datetime]]

TITLE = "TradeXL"


def now() -> tuple[date, datetime]:
    """Today and now from the computer's clock: the macros, like the CLI, are where time enters the program."""
    moment = datetime.now().replace(microsecond=0)
    return moment.date(), moment


# --- reading -----------------------------------------------------------------------------------------------------

def read_grid(sheet: xw.Sheet, name: str, *, tables: bool = True) -> SheetGrid:
    """The sheet's used range in one bulk read, and where its Excel Tables are (a few calls per Table)."""
    refs = tuple(TableRef(t.name, parse_address(t.range.address), int(t.show_headers), int(t.show_totals))
                 for t in sheet.tables) if tables else ()
    used = sheet.used_range
    origin = parse_address(used.address)
    values = rows_from_excel(used.options(ndim=2).value)
    return SheetGrid(name, values, origin.first_row, origin.first_col, refs)


def prepare(book: xw.Book, steps: Sequence[str], run: Runner, today: date, moment: datetime) -> WritePlan:
    """Read every input, run the core and plan the writes; touches nothing in the workbook."""
    names = list(book.sheet_names)
    markers = read_markers(book)
    roles = sheet_roles(names, markers)
    grids = {key: read_grid(book.sheets[name], name) for key, name in roles.items() if key in SHEETS_BY_KEY}
    settings = read_grid(book.sheets[roles["settings"]], roles["settings"], tables=False) \
        if "settings" in roles else None
    tables, read = input_tables(grids, settings)
    language = tables.settings.language
    try:
        result = run(tables, today, moment, steps)
    except TradeXLError as exc:  # shown in the workbook's language (English when it fails before Settings is read)
        raise TradeXLError(localize(error_text(exc), language)) from exc
    return plan_run(result, read, language, names, markers, roles.get("settings"))


def read_markers(book: xw.Book) -> dict[str, str]:
    """The engine's markers in the book (identity -> tab): one call per defined name, and its reference only
    for the engine's own names."""
    found = {}
    for item in book.names:
        name = item.name
        if identity_of(name) is not None:
            found[name] = item.refers_to or ""
    return markers_of(found)


def write_markers(book: xw.Book, wanted: Sequence[tuple[str, str]]) -> None:
    """Add (or repoint) the markers the plan lists, as hidden names; adding a name that exists replaces its
    reference, as in Excel's Name Manager."""
    names = book.names
    for name, tab in wanted:
        added = names.add(name, "=" + marker_ref(tab))
        with contextlib.suppress(Exception):  # hidden where Excel's object model allows it (Windows)
            added.api.Visible = False


# --- writing -----------------------------------------------------------------------------------------------------

def _hex(argb: str) -> str:
    """xlwings' colour string for an ARGB/RGB hex colour ("FFD9E1F2" -> "#D9E1F2")."""
    return "#" + argb.lstrip("#")[-6:]


def _style(sheet: xw.Sheet, addresses: Sequence[str], look: Look) -> None:
    """Apply a look to each address union: a handful of calls per union, whatever its number of cells."""
    for address in addresses:
        rng = sheet.range(address)
        if look.fill:
            rng.color = _hex(look.fill)
        if look.bold or look.italic or look.size_delta or look.color:
            font = rng.font
            if look.bold:
                font.bold = True
            if look.italic:
                font.italic = True
            if look.size_delta:
                font.size = BASE_FONT_SIZE + look.size_delta
            if look.color:
                font.color = _hex(look.color)
        if look.wrap:
            rng.wrap_text = True
        if look.border:
            # every cell of every row gets the line, as the file engine's per-cell border does
            rng.borders.set([f"edge_{look.border}", "inside_horizontal"], line_style="continuous", weight="thin")


def _number_formats(sheet: xw.Sheet, formats: Sequence[tuple[str, Sequence[str]]]) -> None:
    for number_format, addresses in formats:
        for address in addresses:
            sheet.range(address).number_format = number_format


def _write_render(book: xw.Book, sheet: xw.Sheet, render: Render) -> None:
    block = render.block
    sheet.range(block.extent.address).value = rows_to_excel([list(r) for r in block.values])
    for style, addresses in render.styles:
        _style(sheet, addresses, style)
    _number_formats(sheet, render.formats)
    for address in render.wraps:
        sheet.range(address).wrap_text = True
    if render.sort_key:
        # the rows were written grouped by look; one sort puts them (and their formats) back in order
        sheet.range(block.extent.address).sort(render.sort_key)
        rows = len(render.values)
        sheet.range(area_address(1, render.sort_key, rows, render.sort_key)).clear_contents()
    for height, addresses in render.heights:
        for address in addresses:
            sheet.range(address).row_height = height
    _widths(sheet, render.widths)
    if render.print_area:
        sheet.page_setup.print_area = render.print_area
    if render.charts or sheet.charts.count:
        write_charts(sheet, render.charts)
    if sys.platform.startswith("win"):
        excel_only(book, sheet, render)


def excel_only(book: xw.Book, sheet: xw.Sheet, render: Render) -> None:
    """What xlwings has no desktop API for: freeze panes, page setup, autofilter, tab colour (Windows COM).

    Only real Excel can exercise this; on macOS these cosmetics are skipped (the values and formats are not).
    """
    ws = sheet.api
    if render.tab_color:
        rgb = render.tab_color.lstrip("#")[-6:]
        ws.Tab.Color = int(rgb[4:6] + rgb[2:4] + rgb[0:2], 16)  # Excel wants BGR
    ws.AutoFilterMode = False
    if render.autofilter:
        ws.Range(render.autofilter).AutoFilter()
    if render.freeze_rows:
        sheet.activate()
        window = book.app.api.ActiveWindow
        window.FreezePanes = False
        window.SplitColumn = 0
        window.SplitRow = render.freeze_rows
        window.FreezePanes = True
    setup: PrintSetup | None = render.print_setup
    if setup is not None:
        app = book.app.api
        app.PrintCommunication = False
        try:
            page = ws.PageSetup
            page.Orientation = 2 if setup.landscape else 1  # xlLandscape / xlPortrait
            page.PaperSize = 9  # xlPaperA4
            if setup.fit_width:
                page.Zoom = False
                page.FitToPagesWide = 1
                page.FitToPagesTall = False
            page.CenterHeader = header_text(setup.header_center)
            page.CenterFooter = setup.footer_center
            if setup.repeat_rows:
                page.PrintTitleRows = f"${setup.repeat_rows[0]}:${setup.repeat_rows[1]}"
            ws.ResetAllPageBreaks()
            for row in setup.page_breaks:
                ws.HPageBreaks.Add(ws.Range(f"A{row + 1}"))
        finally:
            app.PrintCommunication = True


def _widths(sheet: xw.Sheet, widths: Sequence[tuple[float, Sequence[str]]]) -> None:
    """Column widths: one call per address union of the columns sharing a width."""
    for width, addresses in widths:
        for address in addresses:
            sheet.range(address).column_width = width


def _fill(sheet: xw.Sheet, addresses: Sequence[str], color: str | None) -> None:
    for address in addresses:
        sheet.range(address).color = _hex(color) if color else None


SCRATCH_SHEET = "TradeXL scratch"
"""The sheet a highlight stamp is made on (added and deleted within the run)."""


def _stamp_fills(book: xw.Book, sheet: xw.Sheet, stamp: FillStamp) -> None:
    """Copy the highlight fills onto the computed columns (see `FillStamp`); the cells' values are written after."""
    scratch = book.sheets.add(SCRATCH_SHEET, after=book.sheets[-1])
    try:
        rows = len(stamp.keys)
        scratch.range(area_address(1, 1, rows, 1)).value = [[key] for key in stamp.keys]
        if stamp.filled:
            scratch.range(area_address(1, 2, stamp.filled, 1 + stamp.width)).color = _hex(stamp.color)
        scratch.range(area_address(1, 1, rows, 1 + stamp.width)).sort(1)
        for first, last in stamp.targets:
            source = scratch.range(area_address(1, 2, rows, 2 + last - first))
            source.copy(sheet.range(area_address(stamp.first_row, first, stamp.first_row + rows - 1, last)))
    finally:
        scratch.delete()


def _write_computed(book: xw.Book, sheet: xw.Sheet, cells: ComputedCells) -> None:
    """One sheet's computed columns: the fills' stamp, a write per block, then formats by address unions."""
    ranges = computed_ranges(cells)
    if ranges.stamp is not None:
        _stamp_fills(book, sheet, ranges.stamp)
    _fill(sheet, ranges.clear_fill, None)
    for block in ranges.blocks:
        sheet.range(block.extent.address).value = rows_to_excel([list(r) for r in block.values])
    _style(sheet, ranges.header_areas, COMPUTED_HEADER)
    _number_formats(sheet, ranges.formats)
    if ranges.table_resize:
        sheet.tables[ranges.table_name].resize(sheet.range(ranges.table_resize))
    _widths(sheet, ranges.widths)
    for address in ranges.wraps:
        sheet.range(address).wrap_text = True


def apply_plan(book: xw.Book, plan: WritePlan) -> None:
    """Write the plan: computed columns, generated sheets (reused and cleared, or added at the end), removals."""
    for cells in plan.computed:
        _write_computed(book, book.sheets[cells.sheet], cells)
    existing = {name.casefold(): name for name in book.sheet_names} if plan.sheets else {}
    last: xw.Sheet | None = None
    for spec in plan.sheets:
        name = existing.get(spec.name.casefold())
        if name is not None:
            sheet = book.sheets[name]
            sheet.clear()
        else:
            sheet = book.sheets.add(spec.name, after=last if last is not None else book.sheets[-1])
            last = sheet
        _write_render(book, sheet, render(spec))
    for name in plan.remove:
        book.sheets[name].delete()
    if plan.markers:
        write_markers(book, plan.markers)


# --- one macro run -----------------------------------------------------------------------------------------------

def one_line(exc: BaseException) -> str:
    """The reason a user reads in the message box: the error's first line, or its type when it has none."""
    text = str(exc).strip().splitlines()
    if isinstance(exc, TradeXLError):
        return text[0] if text else type(exc).__name__
    return f"Unexpected error ({type(exc).__name__}): {text[0]}" if text else f"Unexpected error ({type(exc).__name__})"


def execute(book: xw.Book, steps: Sequence[str], *, run: Runner | None = None,
            clock: Clock = now) -> WritePlan | None:
    """Run `steps` on the open workbook: the plan applied, or None after showing the one-line reason."""
    app = book.app
    updating, calculation = app.screen_updating, app.calculation
    failure = ""
    plan = None
    try:
        app.screen_updating = False
        app.calculation = "manual"
        today, moment = clock()
        plan = prepare(book, steps, run or operations.run, today, moment)
        apply_plan(book, plan)
        app.status_bar = localize(plan.message, plan.language)
    except Exception as exc:  # every failure becomes one message box, never a traceback window
        failure = one_line(exc)
        plan = None
    finally:
        app.calculation = calculation
        app.screen_updating = updating
    if failure:
        app.alert(failure, title=TITLE, mode="critical")
    return plan
