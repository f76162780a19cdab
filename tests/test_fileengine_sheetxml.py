"""Cell-level edits of worksheet XML: exact text kept, odd-but-legal markup handled, styles appended idempotently."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from fileengine_support import build_workbook, parts
from python_calamine import CalamineWorkbook

from tradexl.fileengine.cells import cell_xml, escape_text, serial
from tradexl.fileengine.engine import FileWorkbook
from tradexl.fileengine.render import render_sheet
from tradexl.fileengine.sheetxml import CellEdits, apply_cells, prefix_of
from tradexl.fileengine.styles import StyleBook
from tradexl.sheetspec import Row, SheetSpec

HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="m"><dimension ref="A1:B3"/><sheetData>'


def _sheet(rows: str, head: str = HEAD, close: str = "</sheetData></worksheet>") -> bytes:
    return (head + rows + close).encode()


def _edit(xml: bytes, *cells: tuple[int, int, str | None]) -> str:
    edits = CellEdits()
    for row, col, value in cells:
        edits.set(row, col, value)
    return apply_cells(xml, edits)[0].decode()


def test_appends_cells_after_the_users_and_keeps_their_text():
    xml = _sheet('<row r="1" spans="1:2" ht="20"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1"><f>A1</f></c></row>')
    out = _edit(xml, (1, 3, cell_xml("C1", "=1+1", 5)))
    assert ('<row r="1" spans="1:3" ht="20"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1"><f>A1</f></c>'
            '<c r="C1" s="5" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c></row>') in out
    assert '<dimension ref="A1:C3"/>' in out


def test_replaces_and_clears_in_place_and_reports_formulas():
    xml = _sheet('<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f><v>2</v></c><c r="C2"><v>9</v></c></row>')
    edits = CellEdits()
    edits.set(2, 2, None)
    edits.set(2, 3, cell_xml("C3", 4, 0).replace("C3", "C2"))
    out, formulas = apply_cells(xml, edits)
    assert '<row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>4</v></c></row>' in out.decode()
    assert formulas == {"B2"}


def test_non_ascii_text_kept_and_written_as_utf8():
    """apply_cells edits the part as Latin-1 (one character per byte): UTF-8 text in kept rows, in kept cells
    of an edited row, in a new cell and in a new row must come out as the same UTF-8 bytes."""
    xml = _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>询盘 ≥ 5</t></is></c></row>'
                 '<row r="2"><c r="A2" t="inlineStr"><is><t>Ünïcödé</t></is></c><c r="B2"><v>1</v></c></row>')
    out = _edit(xml, (2, 2, cell_xml("B2", "高 ≥ 1,000 pcs", 0)), (3, 1, cell_xml("A3", "¥", 0)))
    assert out == (HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>询盘 ≥ 5</t></is></c></row>'
                   '<row r="2"><c r="A2" t="inlineStr"><is><t>Ünïcödé</t></is></c>'
                   '<c r="B2" t="inlineStr"><is><t xml:space="preserve">高 ≥ 1,000 pcs</t></is></c></row>'
                   '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">¥</t></is></c></row>'
                   '</sheetData></worksheet>')


def test_unchanged_when_values_equal():
    xml = _sheet('<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row>')
    assert _edit(xml, (2, 2, '<c r="B2"><v>2</v></c>'), (2, 3, None)).encode() == xml


def test_inserts_between_user_cells():
    xml = _sheet('<row r="1"><c r="A1"><v>1</v></c><c r="D1"><v>4</v></c></row>')
    out = _edit(xml, (1, 2, '<c r="B1"><v>2</v></c>'))
    assert '<c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="D1"><v>4</v></c>' in out


def test_namespace_prefix_and_missing_rows():
    head = ('<?xml version="1.0"?><x:worksheet xmlns:x="m"><x:dimension ref="A1"/><x:sheetData>')
    xml = _sheet('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="4"><x:c r="A4"><x:v>4</x:v></x:c>'
                 "</x:row>", head, "</x:sheetData></x:worksheet>")
    assert prefix_of(xml) == "x:"
    out = _edit(xml, (2, 2, cell_xml("B2", "hi", 0, "x:")), (6, 1, cell_xml("A6", 6, 0, "x:")))
    assert ('</x:row><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t xml:space="preserve">hi</x:t></x:is>'
            '</x:c></x:row><x:row r="4">') in out
    assert out.endswith('<x:row r="6"><x:c r="A6"><x:v>6</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    assert '<x:dimension ref="A1:B6"/>' in out


def test_rows_and_cells_without_r_keep_their_positions():
    xml = _sheet('<row><c><v>1</v></c><c><v>2</v></c></row><row/><row><c t="b"><v>1</v></c></row>')
    out = _edit(xml, (1, 4, '<c r="D1"><v>9</v></c>'), (2, 1, '<c r="A2"><v>5</v></c>'))
    assert '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="D1"><v>9</v></c></row>' in out
    assert '<row r="2"><c r="A2"><v>5</v></c></row>' in out
    assert '<row><c t="b"><v>1</v></c></row>' in out  # untouched row keeps its (implied) position


def test_self_closing_sheetdata_gets_rows():
    xml = _sheet("", close="<sheetData/></worksheet>").replace(b"<sheetData><sheetData/>", b"<sheetData/>")
    out = _edit(xml, (1, 1, '<c r="A1"><v>1</v></c>'))
    assert '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' in out


def test_rich_text_row_uses_the_full_parser():
    rich = ('<c r="A1" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/></rPr><t>red</t></r></is></c>'
            '<c r="C1"><v>3</v></c>')
    out = _edit(_sheet(f'<row r="1">{rich}</row>'), (1, 2, '<c r="B1"><v>2</v></c>'))
    assert '<color rgb="FFFF0000"/></rPr><t>red</t></r></is></c><c r="B1"><v>2</v></c><c r="C1">' in out


@pytest.mark.parametrize(("value", "expected"), [
    ("=SUM(A1)", '<c r="A1" s="2" t="inlineStr"><is><t xml:space="preserve">=SUM(A1)</t></is></c>'),
    ("a<b&c", '<c r="A1" s="2" t="inlineStr"><is><t xml:space="preserve">a&lt;b&amp;c</t></is></c>'),
    (3.0, '<c r="A1" s="2"><v>3</v></c>'),
    (2.5, '<c r="A1" s="2"><v>2.5</v></c>'),
    (True, '<c r="A1" s="2" t="b"><v>1</v></c>'),
    (date(2026, 3, 1), '<c r="A1" s="2"><v>46082</v></c>'),
    (None, None), ("", None), (float("nan"), None),
])
def test_cell_xml(value, expected):
    assert cell_xml("A1", value, 2) == expected


def test_cell_helpers():
    import pandas as pd

    assert cell_xml("A1", pd.NaT, 0) is None and cell_xml("A1", pd.NA, 0) is None
    assert serial(datetime(2026, 3, 1, 12)) == 46082.5
    assert escape_text("bell\x07 _x0041_") == "bell_x0007_ _x005F_x0041_"


def test_styles_append_and_reuse(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsx", extras=False)
    original = parts(path)["xl/styles.xml"]
    book = StyleBook(original)
    ids = [book.computed_header(), book.computed("date"), book.computed("date", "overdue"), book.role("header"),
           book.role("data", "money", "key")]
    assert len(set(ids)) == len(ids) and min(ids) > 0
    updated = book.result()
    assert updated is not None and updated != original
    again = StyleBook(updated)
    assert [again.computed_header(), again.computed("date"), again.computed("date", "overdue"),
            again.role("header"), again.role("data", "money", "key")] == ids
    assert again.result() is None


def test_render_keeps_formula_text_as_text():
    book = StyleBook(b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1">'
                     b'<font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill/><fill/></fills>'
                     b'<borders count="1"><border/></borders><cellXfs count="1"><xf/></cellXfs></styleSheet>')
    spec = SheetSpec("Check", (Row(("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"), "data"),))
    xml = render_sheet(spec, book).xml.decode()
    assert "<f>" not in xml and xml.count('t="inlineStr"') == 4


def test_append_rows_extends_the_table(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm")
    workbook = FileWorkbook(path)
    numbers = workbook.append_rows("inquiries", [
        {"Inquiry ID": "Q99", "Received": datetime(2026, 4, 1, 8, 0), "Company": "=EVIL()", "Quantity": 50,
         "Not A Column": "x"},
        {"Inquiry ID": "Q100", "Received": datetime(2026, 4, 2, 8, 0), "Company": "New Co"}])
    assert numbers == [8, 9]
    assert workbook.save()
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Inquiries").to_python(skip_empty_area=False)
    assert grid[7][:5] == ["Q99", datetime(2026, 4, 1, 8, 0), "", "", "=EVIL()"] and grid[7][8] == 50.0
    assert grid[8][0] == "Q100"
    assert b'ref="A2:N9"' in parts(path)["xl/tables/table1.xml"]
    # the appended rows read back as data
    assert list(FileWorkbook(path).read().frames["inquiries"].index)[-2:] == [8, 9]


def test_released_inputs_keep_the_write_but_refuse_new_rows(tmp_path):
    """A refresh drops the input frames before writing (memory); the staged write is the same as without, and
    staging rows afterwards (which needs the frames) is refused rather than numbered wrongly."""
    from tradexl.operations import run

    kept = build_workbook(tmp_path / "Kept.xlsm")
    released = tmp_path / "Released.xlsm"
    shutil.copyfile(kept, released)  # one build: the builder stamps docProps with the second it ran
    day, now = date(2026, 11, 28), datetime(2026, 11, 28, 23, 59, 59)
    for path, release in ((kept, False), (released, True)):
        workbook = FileWorkbook(path)
        result = run(workbook.read(), day, now)
        if release:
            workbook.release_inputs()
            assert workbook.read().frames == {} and workbook.read().settings.language == "en"
        workbook.apply(result)
        assert workbook.save()
        if release:
            with pytest.raises(RuntimeError, match="before release_inputs"):
                workbook.append_rows("inquiries", [{"Inquiry ID": "Q99"}])
    assert parts(kept) == parts(released)


def test_update_row_keeps_cell_style(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm")
    workbook = FileWorkbook(path)
    workbook.update_row("inquiries", 3, {"Status": "Replied", "Received": datetime(2026, 3, 1, 10, 0)})
    assert workbook.save()
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Inquiries").to_python(skip_empty_area=False)
    assert grid[2][1] == datetime(2026, 3, 1, 10, 0) and grid[2][11] == "Replied"
    with pytest.raises(Exception, match="not a data row"):
        FileWorkbook(path).update_row("inquiries", 2, {"Status": "x"})
