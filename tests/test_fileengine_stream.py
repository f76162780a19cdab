"""The write step's fast paths give the same bytes as the per-cell path they stand in for.

`stream_cells` (a big sheet read and written a few MB at a time) against `apply_cells` (the whole part), with
chunk boundaries falling anywhere, and a `CellBlock` (computed columns rendered while written) against the same
cells set one by one: prefixes, rows and cells without r=, rows inserted, formulas replaced, user cells right
of the block, <dimension> widened.
"""

from __future__ import annotations

import zlib

import pytest

from tradexl.fileengine.package import Deflater
from tradexl.fileengine.sheetxml import CellBlock, CellEdits, apply_cells, stream_cells

HEAD = ('<?xml version="1.0"?><worksheet xmlns="m"><dimension ref="A1:D6"/><cols><col min="1" max="4" width="9"/>'
        "</cols><sheetData>")
ROWS = ('<row r="1" spans="1:3"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f>A1</f><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>询盘</t></is></c><c r="B2"><v>5</v></c></row>'
        "<row><c><v>7</v></c><c><v>8</v></c></row>"  # row 3, cells without r=
        '<row r="5"><c r="A5"><v>1</v></c><c r="D5"><v>4</v></c></row>'  # a user cell right of the block
        '<row r="6"/>')
TAIL = "</sheetData><pageMargins/></worksheet>"
SHEET = (HEAD + ROWS + TAIL).encode()
CELLS = {  # (row, col) -> new cell; columns 2..3 of rows 1..6 are the "computed" block
    (1, 2): '<c r="B1"><v>2</v></c>', (1, 3): '<c r="C1"><v>9</v></c>',
    (2, 2): None, (2, 3): '<c r="C2" t="inlineStr"><is><t>≥ 5</t></is></c>',
    (3, 2): '<c r="B3"><v>8</v></c>', (3, 3): '<c r="C3"><v>3</v></c>',
    (4, 2): '<c r="B4" s="1"/>', (4, 3): None,
    (5, 2): '<c r="B5"><v>6</v></c>', (5, 3): None,
    (6, 2): None, (6, 3): '<c r="C6"><v>1</v></c>',
}


def _single() -> CellEdits:
    edits = CellEdits(widths={3: 12.0})
    for (row, col), xml in CELLS.items():
        edits.set(row, col, xml)
    return edits


def _block(first: int = 1, last: int = 6) -> CellEdits:
    edits = CellEdits(widths={3: 12.0})
    edits.add_block(CellBlock(first, last, (2, 3), (2, 3), lambda a, b: [
        (CELLS[(row, 2)], CELLS[(row, 3)]) for row in range(a, b + 1)]))
    return edits


def _streamed(xml: bytes, edits: CellEdits, size: int) -> tuple[bytes, bool, set[str]] | None:
    deflater = Deflater()
    result = stream_cells(iter([xml[i:i + size] for i in range(0, len(xml), size)]), edits, deflater.write)
    if result is None:
        return None
    done = deflater.finish()
    data = zlib.decompress(b"".join(done.chunks), -15)
    assert zlib.crc32(data) == done.crc and len(data) == done.size
    return data, *result


def test_a_block_writes_what_the_same_cells_set_one_by_one_write():
    expected, formulas = apply_cells(SHEET, _single())
    assert formulas == {"C1"}
    assert b'<row r="1" spans="1:3"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>9</v></c></row>' \
        in expected
    assert b'<row r="3"><c r="A3"><v>7</v></c><c r="B3"><v>8</v></c><c r="C3"><v>3</v></c></row>' in expected
    assert b'<row r="4"><c r="B4" s="1"/></row><row r="5"><c r="A5"><v>1</v></c><c r="B5"><v>6</v></c>' \
           b'<c r="D5"><v>4</v></c></row>' in expected
    assert apply_cells(SHEET, _block()) == (expected, formulas)


@pytest.mark.parametrize("size", [1, 7, 64, 10_000])
@pytest.mark.parametrize("edits", [_single, _block])
def test_streamed_in_chunks_of_any_size_gives_the_same_bytes(size, edits):
    expected, formulas = apply_cells(SHEET, edits())
    assert _streamed(SHEET, edits(), size) == (expected, True, formulas)


def test_streamed_with_a_namespace_prefix():
    xml = SHEET.decode().replace("<", "<x:").replace("<x:/", "</x:").replace("<x:?", "<?").replace(
        'xmlns="m"', 'xmlns:x="m"').encode()
    edits = CellEdits()
    edits.set(2, 3, '<x:c r="C2"><x:v>4</x:v></x:c>')
    expected, _ = apply_cells(xml, edits)
    assert b'<x:c r="B2"><x:v>5</x:v></x:c><x:c r="C2"><x:v>4</x:v></x:c></x:row>' in expected
    assert _streamed(xml, edits, 5) == (expected, True, set())


def test_streaming_unchanged_sheet_reports_no_change():
    edits = CellEdits()
    edits.set(1, 2, '<c r="B1"><v>2</v></c>')
    assert apply_cells(SHEET, edits)[0] == SHEET
    assert _streamed(SHEET, edits, 9) == (SHEET, False, set())


def test_streaming_widens_the_dimension_or_gives_way():
    """The head is written first, widened over the rows the edits name; a new row below <dimension> is right
    there. When a named row is not written after all, the guess was wrong: None, and apply_cells does it."""
    edits = CellEdits()
    edits.set(9, 1, '<c r="A9"><v>1</v></c>')
    expected, _ = apply_cells(SHEET, edits)
    assert b'<dimension ref="A1:D9"/>' in expected
    assert _streamed(SHEET, edits, 9) == (expected, True, set())
    edits = CellEdits()
    edits.set(2, 3, '<c r="C2"><v>4</v></c>')
    edits.set(9, 1, None)
    assert b'<dimension ref="A1:D6"/>' in apply_cells(SHEET, edits)[0]
    assert _streamed(SHEET, edits, 9) is None
    assert _streamed(SHEET.replace(b"<sheetData>", b"<sheetData/>", 1)[:200], CellEdits(), 9) is None
