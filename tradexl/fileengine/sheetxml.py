"""Set or clear individual cells in an existing worksheet part, as text, row by row.

Why text and not a tree: an input sheet of 100,000 rows x 25 columns is 2.5 million cells; building an lxml
tree of it (and serialising it back) costs seconds and rewrites every user cell's markup. Here the part is
scanned with regular expressions over `<row>` elements; rows without edits are copied as they are (same
characters), and inside edited rows only the target cells change – every other `<c>` keeps its exact text.

Handled: namespace prefixes (`<x:row>`), self-closing rows and cells, rows and cells without an `r` attribute
(their position is implied; an `r` is added when an edit could shift it), missing rows (created in order),
`spans` hints widened, `<dimension>` widened, `<cols>` widths of the edited (computed) columns set (`set_widths`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from tradexl.errors import WorkbookError
from tradexl.grid import column_letter, column_number

MAX_ROW = 1_048_576
MAX_COL = 16_384

_ATTRS = r"(?P<a>(?:[^>\"'/]|\"[^\"]*\"|'[^']*')*)"
ROW_START = re.compile(rf"<(?P<p>(?:[\w.-]+:)?)row(?=[\s/>]){_ATTRS}(?P<close>/?)>")
CELL_RE = re.compile(rf"<(?P<p>(?:[\w.-]+:)?)c(?=[\s/>]){_ATTRS}(?:/>|>(?P<b>.*?)</(?P=p)c>)", re.S)
SHEETDATA_RE = re.compile(rf"<(?P<p>(?:[\w.-]+:)?)sheetData(?=[\s/>]){_ATTRS}(?P<close>/?)>", re.S)
DIMENSION_RE = re.compile(r'<(?:[\w.-]+:)?dimension\s+ref="(?P<ref>[^"]*)"\s*/>')
ROW_NUM = re.compile(r'(?:^|\s)r="(\d+)"')
CELL_REF = re.compile(r'(?:^|\s)r="([A-Za-z]{1,3})(\d+)"')
SPANS = re.compile(r'(\s)spans="(\d+):(\d+)"')
_PREFIX = re.compile(rb"<((?:[\w.-]+:)?)sheetData[\s/>]")
STYLE = re.compile(r'(?:^|\s)s="(\d+)"')


BlockRender = Callable[[int, int], list[tuple[str | None, ...]]]


@dataclass(frozen=True)
class CellBlock:
    """Cells of rows `first_row`..`last_row` in ascending `columns`, rendered when the sheet is written.

    Why not one string per cell: the computed columns of a 100,000-row register are a million cells; held as
    strings in dicts they cost a second and ~300 MB before the first byte is written. `render(first, last)` gives,
    for each row of that range, the `<c>` text of each column (None: no cell); `apply_cells` asks for a few
    thousand rows at a time. `written` are the columns that get a cell in some row (for `<dimension>`).
    """

    first_row: int
    last_row: int
    columns: tuple[int, ...]
    written: tuple[int, ...]
    render: BlockRender

    @property
    def contiguous(self) -> bool:
        return self.columns[-1] - self.columns[0] == len(self.columns) - 1


@dataclass
class CellEdits:
    """Cells to set (full `<c>` text, with its `r`) or clear (None), by row then column (1-based numbers), and
    blocks of cells rendered on demand (`CellBlock`; where a block and a single cell name the same cell, the
    single cell wins)."""

    cells: dict[int, dict[int, str | None]] = field(default_factory=dict)
    min_col: int | None = None  # range of the columns that get a value (for <dimension>)
    max_col: int | None = None
    widths: dict[int, float] = field(default_factory=dict)  # column -> width to set in <cols> (computed only)
    blocks: list[CellBlock] = field(default_factory=list)
    _columns: set[int] = field(default_factory=set)

    def set(self, row: int, col: int, xml: str | None) -> None:
        _check_limits(row, col)
        self.cells.setdefault(row, {})[col] = xml
        self._columns.add(col)
        if xml is not None:
            self._written(col)

    def add_block(self, block: CellBlock) -> None:
        """Stage a block of cells (the computed columns of a sheet's data rows)."""
        if not block.columns or block.last_row < block.first_row:
            return
        _check_limits(block.first_row, block.columns[0])
        _check_limits(block.last_row, block.columns[-1])
        self.blocks.append(block)
        self._columns.update(block.columns)
        for col in block.written:
            self._written(col)

    def _written(self, col: int) -> None:
        self.min_col = col if self.min_col is None else min(self.min_col, col)
        self.max_col = col if self.max_col is None else max(self.max_col, col)

    def columns(self) -> AbstractSet[int]:
        return self._columns

    def rows(self) -> list[int]:
        """Every row with an edit, ascending."""
        rows = set(self.cells)
        for block in self.blocks:
            rows.update(range(block.first_row, block.last_row + 1))
        return sorted(rows)

    def __bool__(self) -> bool:
        return bool(self.cells or self.widths or self.blocks)


def _check_limits(row: int, col: int) -> None:
    if not 1 <= row <= MAX_ROW or not 1 <= col <= MAX_COL:
        raise WorkbookError(f"cell {column_letter(col)}{row} is outside Excel's sheet limits")


BLOCK_CHUNK = 4096
"""Rows of a `CellBlock` rendered at once: big enough for per-column list building, small enough to hold."""


class _BlockRows:
    """The cells of one row from a sheet's blocks, rendered a chunk at a time (rows are asked for ascending)."""

    def __init__(self, blocks: list[CellBlock]) -> None:
        self.blocks = blocks
        self.chunks: list[tuple[int, list[tuple[str | None, ...]]]] = [(0, []) for _ in blocks]

    def get(self, row: int) -> list[tuple[CellBlock, tuple[str | None, ...]]]:
        out = []
        for k, block in enumerate(self.blocks):
            if not block.first_row <= row <= block.last_row:
                continue
            start, cells = self.chunks[k]
            if not start <= row < start + len(cells):
                start, last = row, min(row + BLOCK_CHUNK - 1, block.last_row)
                cells = block.render(start, last)
                self.chunks[k] = (start, cells)
            out.append((block, cells[row - start]))
        return out


def prefix_of(xml: bytes) -> str:
    """The namespace prefix the worksheet uses for its elements ('' or e.g. 'x:')."""
    found = _PREFIX.search(xml)
    return found.group(1).decode() if found else ""


def _sheetdata(text: str) -> tuple[str, int, int, str]:
    """(prefix, start of content, end of content, text) of <sheetData>; a self-closing one is opened up."""
    found = SHEETDATA_RE.search(text)
    if found is None:
        raise WorkbookError("a worksheet has no <sheetData> element (damaged sheet)")
    p = found.group("p")
    if found.group("close"):
        opened = f"<{p}sheetData{found.group('a')}></{p}sheetData>"
        text = text[:found.start()] + opened + text[found.end():]
        start = found.start() + len(opened) - len(f"</{p}sheetData>")
        return p, start, start, text
    end = text.index(f"</{p}sheetData>", found.end())
    return p, found.end(), end, text


def row_cells(xml: bytes, row: int) -> dict[int, str]:
    """Column -> exact `<c>` text of the cells in one row (empty when the row does not exist)."""
    p, start, end, text = _sheetdata(xml.decode("utf-8"))
    for match, current, _, body_end, _ in _rows(text, start, end, p):
        if current == row:
            return dict(_cells(text[match.end():body_end], row))
        if current > row:
            break
    return {}


def row_styles(xml: bytes, row: int) -> dict[int, int]:
    """Column -> cellXfs index of the styled cells in one row (to format appended rows like the last one)."""
    styles = {}
    for col, cell in row_cells(xml, row).items():
        style = STYLE.search(_start_tag(cell))
        if style:
            styles[col] = int(style.group(1))
    return styles


def _start_tag(cell: str) -> str:
    return cell[:cell.index(">")]


def _cells(body: str, row: int) -> list[tuple[int, str]]:
    """(column, exact text) of each cell in a row body; cells without `r` get their implied ref added."""
    out = []
    col = 0
    for match in CELL_RE.finditer(body):
        cell = match.group()
        ref = CELL_REF.search(match.group("a"))
        if ref:
            col = column_number(ref.group(1))
        else:
            col += 1
            tag = f"<{match.group('p')}c"
            cell = f'{tag} r="{column_letter(col)}{row}"{cell[len(tag):]}'
        out.append((col, cell))
    return out


def _rows(text: str, start: int, end: int, p: str,
          current: int = 0) -> Iterator[tuple[re.Match[str], int, bool, int, int]]:
    """(start-tag match, row number, has r=, body end, row end) for each <row> of sheetData, in order
    (`current`: the number of the row before `start`, for rows without r=)."""
    tag, close_tag = f"<{p}row", f"</{p}row>"
    pos = start
    while True:
        i = text.find(tag, pos, end)
        if i < 0:
            return
        match = ROW_START.match(text, i)
        if match is None or match.group("p") != p:
            pos = i + len(tag)
            continue
        num = ROW_NUM.search(match.group("a"))
        current = int(num.group(1)) if num else current + 1
        if match.group("close"):
            body_end = row_end = match.end()
        else:
            body_end = text.find(close_tag, match.end(), end)
            if body_end < 0:
                raise WorkbookError(f"row {current} of a worksheet is not closed (damaged sheet)")
            row_end = body_end + len(close_tag)
        yield match, current, num is not None, body_end, row_end
        pos = row_end


def _has_formula(cell: str, p: str) -> bool:
    return re.search(rf"<{re.escape(p)}f[\s/>]", cell) is not None


def _fast_body(body: str, p: str, row: int, edits: dict[int, str | None], letters: dict[int, str],
               formulas: set[str]) -> str | None:
    """Edited row body found by direct search for the target cells; None when the slow path is needed.

    Applies when every cell starts `<c r="..."` (what Excel and most tools write): then a target cell is found
    by its ref, and new cells right of every existing cell are appended after the last one.
    """
    canon = f'<{p}c r="'
    count = body.count(canon)
    if body.count(f"<{p}c") != count:
        return None  # cells without r=, or rich text (<color>) in inline strings: parse the row
    if count == 0:
        added = "".join(x for c in sorted(edits) if (x := edits[c]) is not None)
        return added + body if added else body
    last = body.rfind(canon)
    ref = CELL_REF.match(body, last + len(canon) - 4)
    if ref is None:
        return None
    if column_number(ref.group(1)) < min(edits):
        added = "".join(x for c in sorted(edits) if (x := edits[c]) is not None)
        if not added:
            return body
        cut = _cell_end(body, last, p)
        return body[:cut] + added + body[cut:]
    spans = []
    for col in sorted(edits):
        new = edits[col]
        i = body.find(f'{canon}{letters[col]}{row}"')
        if i < 0:
            if new is None:
                continue
            return None  # an insertion among existing cells: parse the row
        j = _cell_end(body, i, p)
        old = body[i:j]
        if old == new:
            continue
        if _has_formula(old, p):
            formulas.add(f"{letters[col]}{row}")
        spans.append((i, j, new or ""))
    if not spans:
        return body
    spans.sort()
    out, pos = [], 0
    for i, j, new in spans:
        out.append(body[pos:i])
        out.append(new)
        pos = j
    out.append(body[pos:])
    return "".join(out)


def _cell_end(body: str, start: int, p: str) -> int:
    """End offset of the canonical cell starting at `start` (its attributes are tokens, never holding '>')."""
    tag_end = body.index(">", start)
    if body[tag_end - 1] == "/":
        return tag_end + 1
    close = f"</{p}c>"
    return body.index(close, tag_end) + len(close)


def _slow_body(body: str, p: str, row: int, edits: dict[int, str | None], formulas: set[str]) -> str:
    """Edited row body by parsing every cell (any attribute order, cells without r=)."""
    cells = _cells(body, row)
    kept = []
    for col, cell in cells:
        if col in edits:
            if _has_formula(cell, p):
                formulas.add(f"{column_letter(col)}{row}")
            continue
        kept.append((col, cell))
    kept.extend((col, xml) for col, xml in edits.items() if xml is not None)
    kept.sort(key=lambda item: item[0])
    ends = [m.end() for m in CELL_RE.finditer(body)]
    tail = body[ends[-1]:] if ends else body
    return "".join(cell for _, cell in kept) + tail


def apply_cells(xml: bytes, edits: CellEdits) -> tuple[bytes, set[str]]:
    """The worksheet with `edits` applied, and the refs of formula cells that were replaced or cleared."""
    if not edits:
        return xml, set()
    # The part is read as Latin-1, one character per byte: a 130 MB sheet stays 130 MB as text (UTF-8 decoded,
    # one "≥" makes CPython hold all of it at 2 bytes a character), offsets are byte offsets, and the markup the
    # scan looks at is ASCII either way. New cells are put in the same form (their UTF-8 bytes as Latin-1
    # characters), so the text encodes back with Latin-1 to exactly the UTF-8 bytes, untouched rows unchanged.
    p, start, end, text = _sheetdata(xml.decode("latin-1"))
    editor = _SheetEditor(p, edits)
    out = [piece.encode("latin-1") for piece in (*editor.rows(text, start, end), *editor.rest(), text[end:])]
    return b"".join([editor.head(text[:start]).encode("latin-1"), *out]), editor.formulas


def stream_cells(chunks: Iterator[bytes], edits: CellEdits,
                 write: Callable[[bytes], None]) -> tuple[bool, set[str]] | None:
    """`apply_cells` for a big part read and written a few MB at a time: the part's bytes come as `chunks`,
    the edited part goes to `write` (its head first), and the result is (whether the part changed, the formula
    refs replaced). None when the part needs `apply_cells` instead (a self-closing or unclosed <sheetData>, or
    edits that widen the <dimension> beyond the rows it had); what was written then is to be discarded.

    Why: the register's sheet is 100+ MB; read whole, decoded and joined it is held three times over.
    """
    text = ""
    found = None
    for raw in chunks:
        text += raw.decode("latin-1")
        found = SHEETDATA_RE.search(text)
        if found:
            break
    if found is None or found.group("close"):
        return None
    p = found.group("p")
    editor = _SheetEditor(p, edits)
    pending = editor.pending
    head = text[:found.end()]
    guess = editor.head(head, (pending[0], pending[-1]) if pending else None)
    write(guess.encode("latin-1"))
    row_close, data_close = f"</{p}row>", f"</{p}sheetData>"
    rest = text[found.end():]
    del text
    while (end := rest.find(data_close)) < 0:
        cut = rest.rfind(row_close)
        if cut >= 0:
            cut += len(row_close)
            for piece in editor.rows(rest, 0, cut):
                write(piece.encode("latin-1"))
            rest = rest[cut:]
        more = next(chunks, None)
        if more is None:
            return None  # no </sheetData>: apply_cells reports the damaged sheet
        rest += more.decode("latin-1")
    for piece in (*editor.rows(rest, 0, end), *editor.rest(), rest[end:]):
        write(piece.encode("latin-1"))
    for raw in chunks:
        write(raw)
    if editor.head(head) != guess:
        return None
    return bool(editor.touched) or guess != head, editor.formulas


class _SheetEditor:
    """Applies `CellEdits` to the rows of <sheetData>, handed over as runs of whole rows in order."""

    def __init__(self, p: str, edits: CellEdits) -> None:
        self.p, self.edits = p, edits
        self.letters = {c: column_letter(c) for c in edits.columns()}
        self.pending = edits.rows()
        self.blocks = _BlockRows(edits.blocks)
        self.i = 0  # pending[i] is the next row to edit
        self.current = 0  # the last row seen
        self.shifted = False  # a row was inserted: later rows without `r` need one
        self.formulas: set[str] = set()
        self.touched: list[int] = []

    def head(self, head: str, rows: tuple[int, int] | None = None) -> str:
        """The text before the rows with <dimension> widened over the rows written (or `rows`) and the
        computed columns' widths set (both precede <sheetData>; their markup is ASCII, as in Latin-1)."""
        if rows is None and self.touched:
            rows = min(self.touched), max(self.touched)
        if rows:
            head = _widen_dimension(head, self.edits, *rows)
        if self.edits.widths:
            head = set_widths(head, self.edits.widths, self.p)
        return head

    def merged(self, row: int) -> dict[int, str | None]:
        cells: dict[int, str | None] = {}
        for block, values in self.blocks.get(row):
            cells.update(zip(block.columns, values, strict=True))
        cells.update(self.edits.cells.get(row, {}))
        return _as_bytes_text(cells)

    def rows(self, text: str, start: int, end: int) -> Iterator[str]:
        """The edited text of text[start:end], a run of whole rows (new rows put in before the first row
        after them)."""
        p, pending, edits = self.p, self.pending, self.edits
        last = start
        for match, current, has_r, body_end, row_end in _rows(text, start, end, p, self.current):
            self.current = current
            while self.i < len(pending) and pending[self.i] < current:
                new = _new_row(p, pending[self.i], self.merged(pending[self.i]))
                if new:
                    yield text[last:match.start()]
                    yield new
                    last = match.start()
                    self.shifted = True
                    self.touched.append(pending[self.i])
                self.i += 1
            if self.i < len(pending) and pending[self.i] == current:
                self.i += 1
                body = text[match.end():body_end]
                new_body = written = None
                in_blocks = self.blocks.get(current)
                if has_r and len(in_blocks) == 1 and current not in edits.cells and in_blocks[0][0].contiguous:
                    block, values = in_blocks[0]
                    new_body = _block_body(body, p, current, block, values, self.letters)
                    if new_body is not None and "spans=" in match.group("a"):
                        written = _written_range(zip(block.columns, values, strict=True))
                if new_body is None:
                    row_edits = self.merged(current)
                    written = _written_range(row_edits.items())
                    new_body = (_fast_body(body, p, current, row_edits, self.letters, self.formulas)
                                if has_r else None)
                    if new_body is None:
                        new_body = _slow_body(body, p, current, row_edits, self.formulas)
                if new_body != body or (not has_r and self.shifted):
                    yield text[last:match.start()]
                    yield _row_text(match, p, current, new_body, written, add_r=not has_r)
                    last = row_end
                    self.touched.append(current)
            elif not has_r and self.shifted:
                yield text[last:match.start()]
                yield _with_row_ref(text[match.start():row_end], p, current)
                last = row_end
        yield text[last:end]

    def rest(self) -> Iterator[str]:
        """New rows after the sheet's last row."""
        while self.i < len(self.pending):
            row = self.pending[self.i]
            new = _new_row(self.p, row, self.merged(row))
            if new:
                self.touched.append(row)
                yield new
            self.i += 1


def _as_bytes_text(cells: dict[int, str | None]) -> dict[int, str | None]:
    """Cell XML as its UTF-8 bytes read as Latin-1 (the form `apply_cells` edits in); ASCII is already that."""
    if all(xml is None or xml.isascii() for xml in cells.values()):
        return cells
    return {col: xml if xml is None or xml.isascii() else xml.encode("utf-8").decode("latin-1")
            for col, xml in cells.items()}


def _row_text(match: re.Match[str], p: str, row: int, body: str, written: tuple[int, int] | None, *,
              add_r: bool) -> str:
    attrs = match.group("a").rstrip()
    spans = SPANS.search(attrs)
    if spans and written:
        lo, hi = min(written[0], int(spans.group(2))), max(written[1], int(spans.group(3)))
        attrs = attrs[:spans.start()] + f'{spans.group(1)}spans="{lo}:{hi}"' + attrs[spans.end():]
    if add_r:
        attrs = f' r="{row}"{attrs}'
    return f"<{p}row{attrs}>{body}</{p}row>"


def _written_range(cells: Iterable[tuple[int, str | None]]) -> tuple[int, int] | None:
    """(first, last) column of the cells that get a value, None when all are cleared."""
    written = [col for col, xml in cells if xml is not None]
    return (min(written), max(written)) if written else None


def _block_body(body: str, p: str, row: int, block: CellBlock, values: tuple[str | None, ...],
                letters: dict[int, str]) -> str | None:
    """Edited row body when the block's (contiguous) columns are the row's last cells: the old cells from the
    block's first column on are cut out and the new ones put in, in one slice; None when the per-cell path is
    needed (cells without r=, a user cell right of the block, whitespace or a formula among the old cells).

    The common case of a refresh: computed columns right of the user's, rewritten on every data row.
    """
    canon = f'<{p}c r="'
    if body.count(f"<{p}c") != body.count(canon):
        return None
    new = "".join(filter(None, values))
    if not new.isascii():
        new = new.encode("utf-8").decode("latin-1")
    last = body.rfind(canon)
    if last < 0:
        return new + body
    ref = CELL_REF.match(body, last + len(canon) - 4)
    if ref is None:
        return None
    last_col = column_number(ref.group(1))
    if last_col > block.columns[-1]:
        return None
    end = _cell_end(body, last, p)
    begin = end  # no cell of the block yet: the new ones go after the last cell
    if last_col >= block.columns[0]:
        begin = -1
        for col in block.columns:
            begin = body.find(f'{canon}{letters[col]}{row}"')
            if begin >= 0 or col >= last_col:
                break
        if begin < 0:
            return None
    old = body[begin:end]
    if old == new:
        return body
    if old and (old.count(canon) > len(block.columns) or "\n" in old
                or (f"<{p}f" in old and _has_formula(old, p))):
        return None
    return body[:begin] + new + body[end:]


def _with_row_ref(row_text: str, p: str, row: int) -> str:
    tag = f"<{p}row"
    return f'{tag} r="{row}"{row_text[len(tag):]}'


def _new_row(p: str, row: int, cells: dict[int, str | None]) -> str:
    body = "".join(x for c in sorted(cells) if (x := cells[c]) is not None)
    return f'<{p}row r="{row}">{body}</{p}row>' if body else ""


def _widen_dimension(text: str, edits: CellEdits, first_row: int, last_row: int) -> str:
    found = DIMENSION_RE.search(text)
    if found is None or edits.min_col is None or edits.max_col is None:
        return text
    lo_r, hi_r, lo_c, hi_c = first_row, last_row, edits.min_col, edits.max_col
    ref = found.group("ref")
    corners = [re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", x) for x in ref.split(":")]
    if all(corners):
        points = [(column_number(m.group(1)), int(m.group(2))) for m in corners if m]
        lo_c, hi_c = min(lo_c, *(c for c, _ in points)), max(hi_c, *(c for c, _ in points))
        lo_r, hi_r = min(lo_r, *(r for _, r in points)), max(hi_r, *(r for _, r in points))
    new_ref = f"{column_letter(lo_c)}{lo_r}:{column_letter(hi_c)}{hi_r}"
    if new_ref == ref:
        return text
    return text[:found.start("ref")] + new_ref + text[found.end("ref"):]


# --- column widths ---------------------------------------------------------------------------------------------

COL_RE = re.compile(rf"<(?:[\w.-]+:)?col(?=[\s/>]){_ATTRS}(?:/>|>\s*</(?:[\w.-]+:)?col>)")
_ATTR = re.compile(r'(\s*)([\w:.-]+)\s*=\s*("[^"]*"|\'[^\']*\')')


def set_widths(head: str, widths: dict[int, float], p: str) -> str:
    """The sheet's text before <sheetData> with `widths` (column -> width) set in <cols>, and nothing else moved.

    A `<col min max>` range that holds a target column is split around it: the pieces keep the range's exact
    attributes (the user's widths, styles, hidden flags), only min/max differ; the target piece gets the width and
    `customWidth="1"`. Columns no range holds get their own `<col>`. A range already saying exactly this is left as
    written, so a second refresh changes nothing; a sheet without <cols> gets one right before <sheetData>.
    """
    found = re.search(rf"<{re.escape(p)}cols(?=[\s>]){_ATTRS}>(?P<body>.*?)</{re.escape(p)}cols>", head, re.S)
    body = found.group("body") if found else ""
    pieces: list[tuple[int, str]] = []
    covered: set[int] = set()
    changed = False
    for match in COL_RE.finditer(body):
        attrs = _attributes(match.group("a"))
        lo, hi = int(attrs.get("min", "0") or 0), int(attrs.get("max", "0") or 0)
        covered.update(range(lo, hi + 1))
        wanted = [widths.get(col) for col in range(lo, hi + 1)]
        runs = _runs(wanted, lo)
        if len(runs) == 1 and (runs[0][0] is None or _says(attrs, runs[0][0])):
            pieces.append((lo, match.group()))
            continue
        changed = True
        pieces.extend((start, _col_xml(p, attrs, start, end, width)) for width, start, end in runs)
    missing = sorted(set(widths) - covered)
    for width, start, end in _runs([widths[c] if c in widths and c not in covered else None
                                    for c in range(missing[0], missing[-1] + 1)] if missing else [],
                                   missing[0] if missing else 0):
        if width is not None:
            changed = True
            pieces.append((start, _col_xml(p, {}, start, end, width)))
    if not changed:
        return head
    new_body = "".join(text for _, text in sorted(pieces, key=lambda piece: piece[0]))
    if found:
        return head[:found.start("body")] + new_body + head[found.end("body"):]
    anchor = head.rindex(f"<{p}sheetData")
    return f"{head[:anchor]}<{p}cols>{new_body}</{p}cols>{head[anchor:]}"


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes in their order, values without quotes (XML-escaped as written)."""
    return {m.group(2): m.group(3)[1:-1] for m in _ATTR.finditer(text)}


def _runs(values: list[float | None], first: int) -> list[tuple[float | None, int, int]]:
    """(value, first column, last column) of each run of equal values, columns numbered from `first`."""
    out: list[tuple[float | None, int, int]] = []
    for offset, value in enumerate(values):
        col = first + offset
        if out and out[-1][0] == value and out[-1][2] == col - 1:
            out[-1] = (value, out[-1][1], col)
        else:
            out.append((value, col, col))
    return out


def _says(attrs: dict[str, str], width: float) -> bool:
    try:
        return float(attrs.get("width", "")) == width and attrs.get("customWidth") in {"1", "true"}
    except ValueError:
        return False


def _col_xml(p: str, attrs: dict[str, str], start: int, end: int, width: float | None) -> str:
    out = dict(attrs)
    out["min"], out["max"] = str(start), str(end)
    if width is not None:
        out["width"] = str(int(width)) if float(width).is_integer() else str(width)
        out["customWidth"] = "1"
        out.pop("bestFit", None)
    return f"<{p}col" + "".join(f' {k}="{v}"' for k, v in out.items()) + "/>"
