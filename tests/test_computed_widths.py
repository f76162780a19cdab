"""Computed columns on input sheets get a width fitted to their header and values (no `###` in a user's narrow
columns), set only on the computed columns, and their headers the named cell style "TradeXL Computed" with an
explicit font name. Widths below are worked out by hand from tradexl.colwidth: header characters x 1.05 (bold
italic), values as shown, + 2 characters of margin, rounded up."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fileengine_support import build_workbook, parts, sample_result
from lxml import etree

from tradexl.colwidth import fitted_width, text_width
from tradexl.fileengine.engine import FileWorkbook
from tradexl.fileengine.sheetxml import CellEdits, apply_cells, set_widths
from tradexl.plan import ComputedCells, ComputedColumn
from tradexl.xlshell.plan import computed_ranges

EXCEL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "excel"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
COL = re.compile(r"<col\b[^>]*/>")


def S(values: list) -> pd.Series:
    """A column as the plan hands it over."""
    return pd.Series(values, dtype=object)


def expanded(xml: str) -> dict[int, dict[str, str]]:
    """Column number -> attributes (without min/max) of the <col> that covers it."""
    out = {}
    for element in COL.findall(xml):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', element))
        lo, hi = int(attrs.pop("min")), int(attrs.pop("max"))
        for col in range(lo, hi + 1):
            out[col] = attrs
    return out


# --- the fitted width ------------------------------------------------------------------------------------------

def test_widths_fit_header_and_values_worked_by_hand() -> None:
    # a date column: the header "Last Contact" (12 x 1.05 = 12.6) is wider than a date (10): 14.6 -> 15
    assert fitted_width("Last Contact", S([date(2026, 11, 28)]), "date") == (15, False)
    # an empty date column keeps room for a date: "Due" is 3.15, a date 10 -> 12
    assert fitted_width("Due", S([None, None]), "date") == (12, False)
    # hours in 0.0: "1234.5" is 6 characters, the header "Hrs" 3.15 -> 8
    assert fitted_width("Hrs", S([1.5, 1234.5, None, float("nan")]), "decimal1") == (8, False)
    # a float column (the numeric path): "123.5" is 5 characters -> 7
    assert fitted_width("Hrs", pd.Series([1.5, 123.46, float("nan")]), "decimal1") == (7, False)
    # int with thousands separators: "1,234,567" is 9 -> 11
    assert fitted_width("N", S([1234567]), "int") == (11, False)
    # a Chinese header counts two per character: 回复用时(小时) = 4 x 2 + 2 x 2 + 2 = 14, x 1.05 = 14.7 -> 17
    assert text_width("回复用时(小时)") == 14
    assert fitted_width("回复用时(小时)", S([2.0]), "decimal1") == (17, False)
    # a reason longer than the cap: 40 + 2, and it wraps
    assert fitted_width("Grade Reason", S(["x" * 55]), "") == (42, True)
    # a narrow text column still gets the minimum
    assert fitted_width("G", S(["A"]), "") == (6, False)


# --- <cols> in the sheet XML -----------------------------------------------------------------------------------

HEAD = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:J3"/>'
        '<cols><col min="1" max="2" width="20" customWidth="1"/>'
        '<col min="3" max="10" width="4" style="7" hidden="0" customWidth="1"/></cols><sheetData>')


def test_a_users_range_is_split_around_the_computed_column_only() -> None:
    new = set_widths(HEAD, {5: 15.0, 6: 15.0, 9: 12.0}, "")
    cols = expanded(new)
    assert new.startswith(HEAD[:HEAD.index("<cols>")]) and new.endswith("</cols><sheetData>")
    assert COL.findall(new)[0] == '<col min="1" max="2" width="20" customWidth="1"/>'  # untouched, as written
    for col in (3, 4, 7, 8, 10):
        assert cols[col] == {"width": "4", "style": "7", "hidden": "0", "customWidth": "1"}, col
    assert cols[5] == cols[6] == {"width": "15", "style": "7", "hidden": "0", "customWidth": "1"}
    assert cols[9] == {"width": "12", "style": "7", "hidden": "0", "customWidth": "1"}
    assert len(COL.findall(new)) == 6  # 1-2, 3-4, 5-6, 7-8, 9, 10
    assert set_widths(new, {5: 15.0, 6: 15.0, 9: 12.0}, "") == new  # a second run changes nothing


def test_columns_no_range_covers_get_their_own_and_a_sheet_without_cols_gets_one() -> None:
    new = set_widths(HEAD, {12: 9.0, 13: 9.0, 15: 30.0}, "")
    assert new.endswith('<col min="12" max="13" width="9" customWidth="1"/>'
                        '<col min="15" max="15" width="30" customWidth="1"/></cols><sheetData>')
    bare = '<x:worksheet xmlns:x="urn:x"><x:sheetFormatPr defaultRowHeight="15"/><x:sheetData>'
    assert set_widths(bare, {3: 12.0}, "x:") == ('<x:worksheet xmlns:x="urn:x"><x:sheetFormatPr defaultRowHeight="15"/>'
                                                 '<x:cols><x:col min="3" max="3" width="12" customWidth="1"/></x:cols>'
                                                 '<x:sheetData>')


def test_excel_saved_sheet_keeps_every_other_column_and_byte_outside_cols() -> None:
    if not EXCEL.is_dir():
        pytest.skip("the Excel corpus is not here")
    with zipfile.ZipFile(EXCEL / "poi__55406_Conditional_formatting_sample.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    edits = CellEdits(widths={4: 15.0, 40: 12.0})  # inside <col min="2" max="7"> and <col min="39" max="16384">
    new, _ = apply_cells(xml, edits)
    old_text, new_text = xml.decode(), new.decode()
    cols = re.compile(r"<cols>.*?</cols>", re.S)
    assert cols.sub("", old_text) == cols.sub("", new_text)
    before, after = expanded(cols.search(old_text).group()), expanded(cols.search(new_text).group())
    assert after[4] == {**before[4], "width": "15", "customWidth": "1"}
    assert after[40] == {**before[40], "width": "12", "customWidth": "1"}
    assert {c: a for c, a in after.items() if c not in (4, 40)} == {c: a for c, a in before.items()
                                                                    if c not in (4, 40)}


# --- through the file engine -----------------------------------------------------------------------------------

def narrow(path: Path) -> Path:
    """The workbook with every column of Inquiries 1 to 30 at width 4 (a user's narrow columns)."""
    data = parts(path)
    sheet = data["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<sheetData>", '<cols><col min="1" max="30" width="4" customWidth="1"/></cols><sheetData>', 1)
    data["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in data.items():
            z.writestr(name, body)
    return path


def test_engine_widens_the_computed_columns_of_a_narrow_sheet_and_styles_their_headers(tmp_path: Path) -> None:
    path = narrow(build_workbook(tmp_path / "Book.xlsm"))
    workbook = FileWorkbook(path)
    workbook.apply(sample_result(workbook.read()))
    assert workbook.save()
    after = parts(path)
    sheet = after["xl/worksheets/sheet1.xml"].decode()
    cols = expanded(re.search(r"<cols>.*?</cols>", sheet).group())
    # user columns A..N and T.. keep width 4; the computed O..S (headers written in row 2) are fitted:
    # Suggested Grade 15 x 1.05 + 2 -> 18; Grade Reason: "qty 4 ≥ MOQ & target <price>" 28 + 2 -> 30;
    # Region: "Middle East" 11 + 2 -> 13; Response Hours 14 x 1.05 + 2 -> 17; Reply Status "within target" -> 15
    assert {c: cols[c]["width"] for c in range(15, 20)} == {15: "18", 16: "30", 17: "13", 18: "17", 19: "15"}
    assert all(cols[c] == {"width": "4", "customWidth": "1"} for c in [*range(1, 15), *range(20, 31)])

    styles = etree.fromstring(after["xl/styles.xml"])
    header = re.search(r'<c r="O2" s="(\d+)"', sheet)
    assert header is not None
    xf = styles.findall("m:cellXfs/m:xf", NS)[int(header.group(1))]
    named = {s.get("name"): int(s.get("xfId")) for s in styles.findall("m:cellStyles/m:cellStyle", NS)}
    assert int(xf.get("xfId")) == named["TradeXL Computed"]
    font = styles.findall("m:fonts/m:font", NS)[int(xf.get("fontId"))]
    assert font.find("m:name", NS).get("val") == "Calibri"  # by name, no theme scheme to override it
    assert font.find("m:scheme", NS) is None and font.find("m:b", NS) is not None

    again = FileWorkbook(path)
    again.apply(sample_result(again.read()))
    assert not again.save()  # second refresh: widths and the named style are found, nothing changes


def test_xlwings_shell_sets_the_same_widths_one_call_per_width() -> None:
    columns = (ComputedColumn("Region", 5, "Region", "", False, ("Middle East",), 13),
               ComputedColumn("Days", 6, "Days", "int", False, (3,), 13),
               ComputedColumn("Reason", 8, "Reason", "", False, ("x" * 50,), 42, True))
    ranges = computed_ranges(ComputedCells("Inquiries", 1, 2, 2, columns))
    assert ranges.widths == ((13, ("E1:F1",)), (42, ("H1",)))
    assert ranges.wraps == ("H2",)
