"""An in-memory Excel behind xlwings' real classes, for testing the xlwings shell without Excel.

Every object handed to the shell is `create_autospec(<xlwings class>, instance=True, spec_set=True)`, so a
misspelt attribute, a wrong argument or a property the fake does not model fails the test. Properties and
methods the fake models are wired to a small workbook state (cells, tables, formats); every property get/set
and method call is appended to `FakeExcel.log`, the measure of round trips to Excel.

Cell semantics follow Excel's when a value is assigned through COM: a string starting with an apostrophe is
stored as text without it, other strings are parsed as if typed ("=..." becomes a formula, "00123" a number);
reads return floats for numbers, datetimes for dates and None for empty cells, as xlwings does.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from unittest.mock import PropertyMock, create_autospec

import xlwings as xw

from tradexl.grid import column_letter, column_number

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_COLS = re.compile(r"^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$")


@dataclass(frozen=True)
class Formula:
    """What Excel would have made of a string that was not forced to text."""

    text: str


def area(address: str) -> tuple[int, int, int, int]:
    """(r1, c1, r2, c2) of one area; whole columns ("A:C") span all rows."""
    cols = _COLS.match(address)
    if cols:
        return 1, column_number(cols[1]), 1_048_576, column_number(cols[2])
    ends = [_CELL.match(p) for p in address.split(":")]
    if not all(ends):
        raise ValueError(f"bad address {address!r}")
    (c1, r1), (c2, r2) = [(column_number(m[1]), int(m[2])) for m in (ends[0], ends[-1])]  # type: ignore[index]
    return r1, c1, r2, c2


def excel_parse(value: Any) -> Any:
    """A value as Excel stores it after `Range.Value = value`."""
    if isinstance(value, str):
        if value.startswith("'"):
            return value[1:]
        if value[:1] in "=+-@" and len(value) > 1:
            return Formula(value)
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time())
    if value == "":
        return None
    return value


@dataclass
class FakeSheet:
    name: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    tables: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    totals: set[str] = field(default_factory=set)  # tables showing a totals row
    formats: list[tuple[str, str, Any]] = field(default_factory=list)
    print_area: str | None = None
    cleared: int = 0
    visible: bool = True
    charts: list[dict[str, Any]] = field(default_factory=list)  # left, top, width, height, type, source

    def put(self, row: int, col: int, grid: list[list[Any]]) -> None:
        """Seed cells with values already in Excel's stored form."""
        for i, line in enumerate(grid):
            for j, value in enumerate(line):
                if value is not None:
                    self.cells[(row + i, col + j)] = value

    def used(self) -> tuple[int, int, int, int]:
        keys = list(self.cells) + [(r, c) for t in self.tables.values() for r, c in (t[:2], t[2:])]
        if not keys:
            return 1, 1, 1, 1
        rows, cols = [k[0] for k in keys], [k[1] for k in keys]
        return min(rows), min(cols), max(rows), max(cols)

    def grid(self, r1: int, c1: int, r2: int, c2: int) -> list[list[Any]]:
        return [[self.cells.get((r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def value(self, row: int, col: int) -> Any:
        return self.cells.get((row, col))

    def cell_formats(self, box: Box) -> dict[tuple[int, int], list[tuple[str, Any]]]:
        """(row, col) -> the (attribute, value) formats set on each cell of `box`, in the order they were set.
        Column widths and row heights belong to columns and rows, not cells, and are left out."""
        out: dict[tuple[int, int], list[tuple[str, Any]]] = {}
        for address, attr, value in self.formats:
            if attr in SHEET_LEVEL:
                continue
            for one in address.split(","):
                r1, c1, r2, c2 = area(one)
                for r in range(max(r1, box[0]), min(r2, box[2]) + 1):
                    for c in range(max(c1, box[1]), min(c2, box[3]) + 1):
                        out.setdefault((r, c), []).append((attr, value))
        return out

    def replace_formats(self, box: Box, cells: dict[tuple[int, int], list[tuple[str, Any]]]) -> None:
        """Drop every cell format inside `box` and give its cells `cells` (what Excel does when cells are pasted
        or sorted over them)."""
        kept: list[tuple[str, str, Any]] = []
        for address, attr, value in self.formats:
            if attr in SHEET_LEVEL:
                kept.append((address, attr, value))
                continue
            rest = [part for one in address.split(",") for part in outside(area(one), box)]
            if rest:
                kept.append((",".join(address_of(*p).replace("$", "") for p in rest), attr, value))
        for (r, c), looks in sorted(cells.items()):
            kept += [(f"{column_letter(c)}{r}", attr, value) for attr, value in looks]
        self.formats = kept


Box = tuple[int, int, int, int]
SHEET_LEVEL = frozenset({"column_width", "row_height"})


def outside(part: Box, box: Box) -> list[Box]:
    """The rectangles of `part` not covered by `box` (none when `box` covers it, `part` when they do not meet)."""
    r1, c1, r2, c2 = part
    if r2 < box[0] or r1 > box[2] or c2 < box[1] or c1 > box[3]:
        return [part]
    pieces = []
    if r1 < box[0]:
        pieces.append((r1, c1, box[0] - 1, c2))
    if r2 > box[2]:
        pieces.append((box[2] + 1, c1, r2, c2))
    top, bottom = max(r1, box[0]), min(r2, box[2])
    if c1 < box[1]:
        pieces.append((top, c1, bottom, box[1] - 1))
    if c2 > box[3]:
        pieces.append((top, box[3] + 1, bottom, c2))
    return pieces


def address_of(r1: int, c1: int, r2: int, c2: int) -> str:
    return f"${column_letter(c1)}${r1}:${column_letter(c2)}${r2}"


class FakeExcel:
    """One Excel app with one open book; `book` is the xlwings Book the shell receives."""

    def __init__(self, sheets: list[FakeSheet]) -> None:
        self.sheets = sheets
        self.log: list[tuple[str, str]] = []
        self.screen_updating = True
        self.calculation = "automatic"
        self.status_bar: str | bool = False
        self.alerts: list[tuple[str, str | None, str | None]] = []
        self.history: list[tuple[str, Any]] = []  # (what, value) of app-state changes, in order
        self.writes: list[tuple[str, str]] = []  # (sheet, address) of every value write
        self.deleted: list[str] = []
        self.selected: tuple[str, int] | None = None  # (sheet, row) of the user's selection
        self.ranges: dict[int, tuple[FakeSheet, str]] = {}  # id of each Range handed out -> its sheet and address
        self.fullname = "/tmp/TradeWorkbook.xlsm"  # where the book is saved (its folder holds drafts and PIs)
        self.names: dict[str, str] = {}  # workbook-scoped defined name -> refers_to ("='Sheet'!$A$1")
        self.hidden_names: set[str] = set()
        self.book = self._book()

    # --- plumbing ---------------------------------------------------------------------------------------------

    def sheet(self, name: str) -> FakeSheet:
        for s in self.sheets:
            if s.name.casefold() == name.casefold():
                return s
        raise KeyError(name)

    def _spec(self, cls: type, label: str) -> Any:
        """An autospec instance whose every property and method fails until the fake models it."""
        mock = create_autospec(cls, instance=True, spec_set=True)
        for name, member in inspect.getmembers(cls):
            if name.startswith("_"):
                continue
            if isinstance(member, property):
                setattr(type(mock), name, PropertyMock(side_effect=self._unmodelled(label, name)))
            elif callable(member):
                getattr(mock, name).side_effect = self._unmodelled(label, name)
        return mock

    @staticmethod
    def _unmodelled(label: str, name: str) -> Callable[..., Any]:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError(f"the fake does not model {label}.{name}")
        return fail

    def _prop(self, mock: Any, label: str, name: str, get: Callable[[], Any] | None,
              set_: Callable[[Any], None] | None = None) -> None:
        def effect(*args: Any) -> Any:
            self.log.append((label, name))
            if args:
                if set_ is None:
                    raise AttributeError(f"{label}.{name} is read-only")
                set_(args[0])
                return None
            if get is None:
                raise AttributeError(f"{label}.{name} is write-only in this fake")
            return get()
        setattr(type(mock), name, PropertyMock(side_effect=effect))

    def _method(self, mock: Any, label: str, name: str, fn: Callable[..., Any]) -> None:
        def effect(*args: Any, **kwargs: Any) -> Any:
            self.log.append((label, name))
            return fn(*args, **kwargs)
        getattr(mock, name).side_effect = effect

    # --- objects ---------------------------------------------------------------------------------------------

    def _book(self) -> Any:
        book = self._spec(xw.Book, "Book")
        self._prop(book, "Book", "sheet_names", lambda: [s.name for s in self.sheets])
        self._prop(book, "Book", "sheets", self._sheets)
        self._prop(book, "Book", "app", self._app)
        self._prop(book, "Book", "selection", self._selection)
        self._prop(book, "Book", "fullname", lambda: self.fullname)
        self._prop(book, "Book", "names", self._names)
        return book

    def _names(self) -> Any:
        names = self._spec(xw.main.Names, "Names")
        names.__iter__.side_effect = lambda: iter([self._name(n) for n in list(self.names)])

        def add(name: str, refers_to: str) -> Any:
            self.names[name] = refers_to
            return self._name(name)

        self._method(names, "Names", "add", add)
        return names

    def _name(self, key: str) -> Any:
        name = self._spec(xw.main.Name, "Name")
        self._prop(name, "Name", "name", lambda: key)
        self._prop(name, "Name", "refers_to", lambda: self.names[key])
        fake = self

        class Api:  # the COM Name object: setting Visible hides the name from Name Manager
            @property
            def Visible(self) -> bool:
                return key not in fake.hidden_names

            @Visible.setter
            def Visible(self, value: bool) -> None:
                (fake.hidden_names.discard if value else fake.hidden_names.add)(key)

        self._prop(name, "Name", "api", lambda: Api())
        return name

    def _selection(self) -> Any:
        """The selected cell as a Range that knows its sheet and row (None when nothing is selected)."""
        if self.selected is None:
            return None
        name, row = self.selected
        rng = self._spec(xw.Range, "Range")
        self._prop(rng, "Range", "sheet", lambda: self._sheet(self.sheet(name)))
        self._prop(rng, "Range", "row", lambda: row)
        return rng

    def _app(self) -> Any:
        app = self._spec(xw.App, "App")

        def setter(what: str) -> Callable[[Any], None]:
            def set_(value: Any) -> None:
                setattr(self, what, value)
                self.history.append((what, value))
            return set_

        for what in ("screen_updating", "calculation", "status_bar"):
            self._prop(app, "App", what, lambda what=what: getattr(self, what), setter(what))

        def alert(prompt: str, title: str | None = None, buttons: str = "ok", mode: str | None = None,
                  callback: str | None = None) -> str:
            self.alerts.append((prompt, title, mode))
            self.history.append(("alert", prompt))
            return "ok"
        self._method(app, "App", "alert", alert)
        return app

    def _sheets(self) -> Any:
        sheets = self._spec(xw.main.Sheets, "Sheets")

        def get(key: str | int) -> Any:
            self.log.append(("Sheets", "__getitem__"))
            fake = self.sheets[key] if isinstance(key, int) else self.sheet(key)
            return self._sheet(fake)

        def add(name: str | None = None, before: Any = None, after: Any = None) -> Any:
            assert name is not None and before is None
            fake = FakeSheet(name)
            position = self.sheets.index(self.sheet(after.name)) + 1 if after is not None else 0
            self.sheets.insert(position, fake)
            return self._sheet(fake)

        sheets.__getitem__.side_effect = get
        self._method(sheets, "Sheets", "add", add)
        return sheets

    def _sheet(self, fake: FakeSheet) -> Any:
        sheet = self._spec(xw.Sheet, "Sheet")
        self._prop(sheet, "Sheet", "name", lambda: fake.name)
        self._prop(sheet, "Sheet", "used_range", lambda: self._range(fake, address_of(*fake.used())))
        self._prop(sheet, "Sheet", "tables", lambda: self._tables(fake))
        self._prop(sheet, "Sheet", "page_setup", lambda: self._page_setup(fake))
        self._prop(sheet, "Sheet", "visible", lambda: fake.visible, lambda v: setattr(fake, "visible", bool(v)))
        self._prop(sheet, "Sheet", "charts", lambda: self._charts(fake))
        self._method(sheet, "Sheet", "range", lambda cell1, cell2=None: self._range(fake, cell1))

        def clear() -> None:
            fake.cells.clear()
            fake.formats.clear()
            fake.cleared += 1

        def delete() -> None:
            self.sheets.remove(fake)
            self.deleted.append(fake.name)

        self._method(sheet, "Sheet", "clear", clear)
        self._method(sheet, "Sheet", "delete", delete)
        return sheet

    def _charts(self, fake: FakeSheet) -> Any:
        charts = self._spec(xw.main.Charts, "Charts")
        self._prop(charts, "Charts", "count", lambda: len(fake.charts))
        charts.__iter__.side_effect = lambda: iter([self._chart(fake, c) for c in list(fake.charts)])

        def add(left: float = 0, top: float = 0, width: float = 355, height: float = 211, **rest: Any) -> Any:
            assert not rest, "the shell sets type and source on the chart"
            state: dict[str, Any] = {"left": left, "top": top, "width": width, "height": height}
            fake.charts.append(state)
            return self._chart(fake, state)

        self._method(charts, "Charts", "add", add)
        return charts

    def _chart(self, fake: FakeSheet, state: dict[str, Any]) -> Any:
        chart = self._spec(xw.main.Chart, "Chart")
        self._prop(chart, "Chart", "chart_type", lambda: state.get("type"), lambda v: state.__setitem__("type", v))
        self._method(chart, "Chart", "set_source_data",
                     lambda rng: state.__setitem__("source", rng.address.replace("$", "")))
        self._method(chart, "Chart", "delete", lambda: fake.charts.remove(state))
        return chart

    def _page_setup(self, fake: FakeSheet) -> Any:
        page = self._spec(xw.main.PageSetup, "PageSetup")
        self._prop(page, "PageSetup", "print_area", lambda: fake.print_area,
                   lambda v: setattr(fake, "print_area", v))
        return page

    def _tables(self, fake: FakeSheet) -> Any:
        tables = self._spec(xw.main.Tables, "Tables")

        def items() -> list[Any]:
            self.log.append(("Tables", "__iter__"))
            return [self._table(fake, name) for name in fake.tables]

        tables.__iter__.side_effect = lambda: iter(items())

        def get(key: str) -> Any:
            self.log.append(("Tables", "__getitem__"))
            return self._table(fake, key)

        tables.__getitem__.side_effect = get
        return tables

    def _table(self, fake: FakeSheet, name: str) -> Any:
        table = self._spec(xw.main.Table, "Table")
        self._prop(table, "Table", "name", lambda: name)
        self._prop(table, "Table", "range", lambda: self._range(fake, address_of(*fake.tables[name])))

        def resize(rng: Any) -> None:
            fake.tables[name] = area(rng.address.replace("$", ""))

        self._method(table, "Table", "resize", resize)
        self._prop(table, "Table", "show_headers", lambda: True)
        self._prop(table, "Table", "show_totals", lambda: name in fake.totals)
        return table

    def _range(self, fake: FakeSheet, address: str, ndim: int | None = None) -> Any:
        rng = self._spec(xw.Range, "Range")
        plain = address.replace("$", "")
        areas = [area(a) for a in plain.split(",")]

        def get_value() -> Any:
            assert ndim == 2 and len(areas) == 1, "the shell reads 2-D blocks only"
            return fake.grid(*areas[0])

        def set_value(data: Any) -> None:
            assert len(areas) == 1
            r1, c1, r2, c2 = areas[0]
            assert isinstance(data, list) and all(isinstance(row, list) for row in data)
            assert (len(data), max(len(row) for row in data)) == (r2 - r1 + 1, c2 - c1 + 1), (address, data)
            self.writes.append((fake.name, plain))
            for i, row in enumerate(data):
                for j, value in enumerate(row):
                    stored = excel_parse(value)
                    if stored is None:
                        fake.cells.pop((r1 + i, c1 + j), None)
                    else:
                        fake.cells[(r1 + i, c1 + j)] = stored

        def fmt(attr: str) -> Callable[[Any], None]:
            return lambda value: fake.formats.append((plain, attr, value))

        def sort(keys: int, ascending: bool = True, has_headers: bool = False) -> None:
            """Excel's sort of a block's rows by one column: values and cell formats move with their rows."""
            assert len(areas) == 1 and isinstance(keys, int) and ascending is True and not has_headers
            box = areas[0]
            rows = range(box[0], box[2] + 1)
            order = sorted(rows, key=lambda r: fake.cells.get((r, box[1] + keys - 1), float("inf")))
            moved = {old: new for new, old in zip(rows, order, strict=True)}
            looks = fake.cell_formats(box)
            block = {(moved[r], c): fake.cells.pop((r, c)) for r in rows for c in range(box[1], box[3] + 1)
                     if (r, c) in fake.cells}
            fake.cells.update(block)
            fake.replace_formats(box, {(moved[r], c): v for (r, c), v in looks.items()})

        def copy(destination: Any = None) -> None:
            """Range.Copy(Destination): values and cell formats of the block land on the destination's cells."""
            assert len(areas) == 1 and destination is not None
            target, where = self.ranges[id(destination)]
            box, (t1, u1, t2, u2) = areas[0], area(where)
            assert (t2 - t1, u2 - u1) == (box[2] - box[0], box[3] - box[1]), "copy onto a block of the same shape"
            dr, dc = t1 - box[0], u1 - box[1]
            looks = fake.cell_formats(box)
            for r in range(box[0], box[2] + 1):
                for c in range(box[1], box[3] + 1):
                    value = fake.cells.get((r, c))
                    if value is None:
                        target.cells.pop((r + dr, c + dc), None)
                    else:
                        target.cells[(r + dr, c + dc)] = value
            target.replace_formats((t1, u1, t2, u2), {(r + dr, c + dc): v for (r, c), v in looks.items()})

        def clear_contents() -> None:
            for r1, c1, r2, c2 in areas:
                for key in [k for k in fake.cells if r1 <= k[0] <= r2 and c1 <= k[1] <= c2]:
                    del fake.cells[key]

        self.ranges[id(rng)] = (fake, plain)
        self._method(rng, "Range", "sort", sort)
        self._method(rng, "Range", "copy", copy)
        self._method(rng, "Range", "clear_contents", clear_contents)
        self._prop(rng, "Range", "address", lambda: address_of(*areas[0]) if len(areas) == 1 else address)
        self._prop(rng, "Range", "value", get_value, set_value)
        self._prop(rng, "Range", "color", None, fmt("color"))
        self._prop(rng, "Range", "number_format", None, fmt("number_format"))
        self._prop(rng, "Range", "column_width", None, fmt("column_width"))
        self._prop(rng, "Range", "row_height", None, fmt("row_height"))
        self._prop(rng, "Range", "wrap_text", None, fmt("wrap_text"))
        self._prop(rng, "Range", "font", lambda: self._font(fake, plain))
        self._prop(rng, "Range", "left", lambda: (areas[0][1] - 1) * 48.0)  # default 8.43-character columns
        self._prop(rng, "Range", "top", lambda: (areas[0][0] - 1) * 15.0)
        self._prop(rng, "Range", "borders", lambda: self._borders(fake, plain))
        self._method(rng, "Range", "options",
                     lambda convert=None, **options: self._range(fake, address, options.get("ndim")))
        return rng

    def _borders(self, fake: FakeSheet, address: str) -> Any:
        borders = self._spec(xw.main.Borders, "Borders")
        self._method(borders, "Borders", "set",
                     lambda which="all", **attrs: fake.formats.append((address, "borders", (which, attrs))))
        return borders

    def _font(self, fake: FakeSheet, address: str) -> Any:
        font = self._spec(xw.main.Font, "Font")
        for attr in ("bold", "italic", "size", "color"):
            self._prop(font, "Font", attr, None,
                       lambda value, attr=attr: fake.formats.append((address, f"font.{attr}", value)))
        return font
