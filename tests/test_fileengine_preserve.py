"""The file engine edits the user's workbook surgically: untouched parts and user cells keep their exact bytes."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import require
from fileengine_support import build_workbook, cells, order, parts, sample_result
from lxml import etree
from python_calamine import CalamineWorkbook

from tradexl.fileengine.engine import FileWorkbook
from tradexl.fileengine.save import backup_path

OWNED = {"[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml",
         "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/tables/table1.xml", "xl/tables/table2.xml"}
"""Parts this run may change: bookkeeping, styles, the two input sheets and their tables."""


def refresh(path: Path, **kwargs) -> bool:
    workbook = FileWorkbook(path)
    workbook.apply(sample_result(workbook.read(), **kwargs))
    return workbook.save()


@pytest.fixture
def book(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    path = build_workbook(tmp_path / "Book.xlsm")
    return path, parts(path)


def test_untouched_parts_are_byte_identical_and_in_order(book):
    path, before = book
    original_order = order(path)
    assert refresh(path)
    after = parts(path)
    for name, data in before.items():
        if name not in OWNED:
            assert after[name] == data, name
    new_order = order(path)
    assert new_order[:len(original_order)] == original_order  # same entries, same order, new ones at the end
    assert set(new_order[len(original_order):]) == {f"xl/worksheets/sheet{i}.xml" for i in (5, 6, 7, 8)}
    assert "xl/sharedStrings.xml" in before and after["xl/sharedStrings.xml"] == before["xl/sharedStrings.xml"]


def test_user_cells_keep_their_exact_markup(book):
    path, before = book
    refresh(path)
    after = parts(path)
    for part, user_cols in (("xl/worksheets/sheet1.xml", "ABCDEFGHIJKLMN"), ("xl/worksheets/sheet2.xml", "ABCDEFG")):
        old, new = cells(before[part]), cells(after[part])
        user = {ref: xml for ref, xml in old.items() if re.match(r"[A-Z]+", ref).group() in user_cols}
        assert user and all(new[ref] == xml for ref, xml in user.items())
    # the other elements of the sheet (validation, conditional format, sparkline ext, table parts) are untouched
    tail = lambda xml: xml.decode().split("</sheetData>")[1]  # noqa: E731
    assert tail(after["xl/worksheets/sheet1.xml"]) == tail(before["xl/worksheets/sheet1.xml"])


def test_computed_values_read_back_with_calamine(book):
    path, _ = book
    refresh(path)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Inquiries").to_python(skip_empty_area=False)
    header = grid[1]
    assert header[14:19] == ["Suggested Grade", "Grade Reason", "Region", "Response Hours", "Reply Status"]
    assert grid[2][14:19] == ["B", "=cmd|' /C calc'!A0", "Middle East", "", "within target"]
    assert grid[3][15] == "qty 1 ≥ MOQ & target <price>"
    assert grid[3][17] == 1.5
    customers = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("客户").to_python()
    assert customers[0][7:] == ["Region", "Current Grade", "Last Contact", "Next Contact", "Days Overdue",
                                "Channel", "Inquiries", "Top Product"]
    assert customers[1][9:12] == [date(2026, 3, 1), date(2026, 3, 4), 3.0]
    assert customers[1][14] == "+M-1"


def test_formula_looking_text_is_an_inline_string(book):
    path, _ = book
    refresh(path)
    sheet1 = parts(path)["xl/worksheets/sheet1.xml"].decode()
    cell = cells(sheet1.encode())["P3"]
    assert 't="inlineStr"' in cell and "<f>" not in cell
    due = parts(path)["xl/worksheets/sheet5.xml"].decode()
    assert "<f>" not in due and "@Buyer 1</t>" in due and "-Buyer 2</t>" in due


def test_tables_cover_the_computed_columns_with_matching_names(book):
    path, _ = book
    refresh(path)
    after = parts(path)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Inquiries").to_python(skip_empty_area=False)
    table = etree.fromstring(after["xl/tables/table1.xml"])
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    assert table.get("ref") == "A2:S7"
    assert table.find("m:autoFilter", ns).get("ref") == "A2:S7"
    columns = table.findall("m:tableColumns/m:tableColumn", ns)
    assert int(table.find("m:tableColumns", ns).get("count")) == len(columns) == 19
    assert [c.get("name") for c in columns] == grid[1][:19]
    assert len({c.get("id") for c in columns}) == 19


def test_second_run_changes_nothing(book):
    path, _ = book
    refresh(path)
    first = parts(path)
    stamp = path.stat().st_mtime_ns
    assert refresh(path) is False
    assert parts(path) == first and path.stat().st_mtime_ns == stamp


def test_stale_generated_sheet_is_removed_with_its_names(book):
    path, _ = book
    refresh(path)
    assert refresh(path, quotes=("Europe",), weekly=True)
    after = parts(path)
    workbook = after["xl/workbook.xml"].decode()
    assert "Quote - Middle East" not in workbook and "xl/worksheets/sheet6.xml" not in after
    assert "sheet6.xml" not in after["[Content_Types].xml"].decode()
    assert "sheet6.xml" not in after["xl/_rels/workbook.xml.rels"].decode()
    # Weekly Summary moved from position 7 to 6: its print names follow it
    assert 'localSheetId="6">\'Weekly Summary\'!$3:$3' in workbook
    assert 'localSheetId="7"' not in workbook
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    assert names[-3:] == ["Due Follow-ups", "Quote - Europe", "Weekly Summary"]


def test_generated_sheet_prints_a4_landscape_one_page_wide(book):
    path, _ = book
    refresh(path)
    weekly = parts(path)["xl/worksheets/sheet8.xml"].decode()
    assert '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' in weekly
    assert '<pageSetUpPr fitToPage="1"/>' in weekly
    assert "<oddHeader>&amp;CR&amp;&amp;D Weekly</oddHeader>" in weekly  # '&' in user text doubled
    assert "_xlnm.Print_Area" in parts(path)["xl/workbook.xml"].decode()


def test_backup_keeps_the_previous_version(book):
    path, before = book
    refresh(path)
    assert parts(backup_path(path)) == before
    assert backup_path(path) == path.parent / ".tradexl" / "Book.backup.xlsm"


def test_workbook_without_tables_gets_columns_after_the_users(tmp_path):
    path = build_workbook(tmp_path / "Plain.xlsx", tables=False, extras=False, settings=False)
    before = parts(path)
    assert refresh(path)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Inquiries").to_python(skip_empty_area=False)
    assert grid[1][14] == "Suggested Grade" and grid[2][14] == "B"
    for name, data in before.items():
        if name not in OWNED:
            assert parts(path)[name] == data


def test_styles_are_appended_never_renumbered(book):
    path, before = book
    refresh(path)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    old = etree.fromstring(before["xl/styles.xml"])
    new = etree.fromstring(parts(path)["xl/styles.xml"])
    for collection in ("fonts", "fills", "borders", "cellXfs"):
        old_items = [etree.tostring(e) for e in old.find(f"m:{collection}", ns)]
        new_el = new.find(f"m:{collection}", ns)
        assert [etree.tostring(e) for e in new_el][:len(old_items)] == old_items
        assert int(new_el.get("count")) == len(new_el)


def test_libreoffice_opens_the_refreshed_workbook(book, tmp_path):
    import subprocess

    require(shutil.which("soffice") is not None, "LibreOffice not installed")
    path, _ = book
    refresh(path)
    copy = tmp_path / "lo" / "Book.xlsx"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(copy.parent), str(copy)],
                   check=True, capture_output=True, timeout=180)
    text = (copy.parent / "Book.csv").read_text(encoding="utf-8", errors="replace")
    assert "Suggested Grade" in text and "Q00001" in text


def test_zip_entries_are_valid(book):
    path, _ = book
    refresh(path)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
