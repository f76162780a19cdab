"""Workbooks in the 1904 date system (`<workbookPr date1904="1"/>`, Mac Excel's old default) are read and
written in that system: a date typed on Mac comes back as the same date, and the dates TradeXL writes are not
four years off. Over the Excel-saved 1904 workbooks of the shared corpus (input sheets added to a copy) and a
workbook built here with real date-formatted cells."""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from conftest import refresh, require
from corpus.inject import add_sheets
from python_calamine import CalamineWorkbook

from tradexl.fileengine.cells import date_system, serial
from tradexl.fileengine.engine import FileWorkbook
from tradexl.fileengine.package import open_package

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "excel"
TODAY = date(2026, 11, 30)


def corpus_1904() -> list[str]:
    if not (CORPUS / "SOURCES.tsv").is_file():
        return []
    with (CORPUS / "SOURCES.tsv").open(encoding="utf-8") as fh:
        return [row["file"] for row in csv.DictReader(fh, delimiter="\t") if row["1904"] == "yes"]


# 1904 serials, by hand: the 1900-system serial minus 1462 (2026-11-20 is 46346 there, 2026-11-25 is 46351).
RECEIVED, REPLIED, FOLLOWED_UP = 44884 + 9 / 24, 44884 + 12 / 24, 44889.0
INPUT_SHEETS = {
    "Inquiries": [["Inquiry ID", "Received", "Channel", "Customer ID", "Company", "Email", "Country", "Status",
                   "Replied At"],
                  ["Q1", RECEIVED, "Email", "C1", "Acme GmbH", "buyer@acme.de", "Germany", "Replied", REPLIED]],
    "Customers": [["Customer ID", "Company", "Email", "Country", "Grade"],
                  ["C1", "Acme GmbH", "buyer@acme.de", "Germany", "B"]],
    "Follow-ups": [["Date", "Customer ID", "Company", "Channel", "Summary"],
                   [FOLLOWED_UP, "C1", "Acme GmbH", "Email", "sent the price list"]],
}
# Last contact 2026-11-25 (the follow-up; the reply was 11-20); grade B: every 7 days -> 2026-12-02,
# which is serial 46358 in the 1900 system and 44896 in the 1904 system.
LAST, NEXT, NEXT_1904 = date(2026, 11, 25), date(2026, 12, 2), "44896"


def grid(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def raw_value(path: Path, sheet: str, ref: str) -> str:
    pkg = open_package(path)
    entry = pkg.sheet(sheet)
    assert entry is not None and entry.part is not None
    found = re.search(rf'<c r="{ref}"[^>]*><v>([^<]+)</v>', pkg.read(entry.part).decode())
    assert found, f"{sheet}!{ref} has no value"
    return found.group(1)


def check_refreshed(path: Path) -> None:
    refresh(path, today=TODAY)
    customers = grid(path, "Customers")
    header = customers[0]
    last_col, next_col = header.index("Last Contact"), header.index("Next Contact")
    assert customers[1][last_col] == LAST and customers[1][next_col] == NEXT  # read back in the 1904 system
    assert customers[1][header.index("Days Overdue")] == 0  # the core saw 2026 dates (a 4-year slip shows here)
    letter = chr(ord("A") + next_col)
    assert raw_value(path, "Customers", f"{letter}2") == NEXT_1904
    inquiries = grid(path, "Inquiries")
    assert inquiries[1][inquiries[0].index("Response Hours")] == 3.0


def test_the_corpus_has_1904_workbooks() -> None:
    require(len(corpus_1904()) >= 8, f"the shared Excel corpus is missing at {CORPUS}")


@pytest.mark.parametrize("name", corpus_1904())
def test_excel_saved_1904_workbook(name: str, tmp_path: Path) -> None:
    source = CORPUS / name
    assert open_package(source).date1904, f"{name} is listed as 1904 but workbook.xml does not say so"
    path = add_sheets(source, tmp_path / name, INPUT_SHEETS)
    before = {i.filename: zipfile.ZipFile(source).read(i) for i in zipfile.ZipFile(source).infolist()}
    check_refreshed(path)
    after = zipfile.ZipFile(path)
    kept = [n for n in before if n not in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
                                          "xl/styles.xml", "docProps/app.xml")]
    assert [n for n in kept if after.read(n) != before[n]] == []


def test_built_1904_workbook_with_date_formatted_cells(tmp_path: Path) -> None:
    """Dates as Excel stores them from a Mac: date-formatted cells (calamine converts them itself)."""
    path = tmp_path / "Mac.xlsx"
    book = xlsxwriter.Workbook(str(path), {"date_1904": True})
    dates = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for name, rows in INPUT_SHEETS.items():
        ws = book.add_worksheet(name)
        ws.write_row(0, 0, rows[0])
        for c, value in enumerate(rows[1]):
            if isinstance(value, float):  # the 1904 serial back to the date-time it stands for
                ws.write_datetime(1, c, datetime(1904, 1, 1) + (datetime(2000, 1, 2) - datetime(2000, 1, 1)) * value,
                                  dates)
            else:
                ws.write(1, c, value)
    book.close()
    assert grid(path, "Follow-ups")[1][0] == date(2026, 11, 25)  # calamine: a midnight date-time is a date
    check_refreshed(path)
    assert serial(date(2026, 12, 2)) == 46358, "the workbook's date system leaked out of the refresh"


def test_rows_added_to_a_1904_workbook(tmp_path: Path) -> None:
    """What import and reply do: append a row with a date, update a date in place."""
    path = add_sheets(CORPUS / "xw__date_1904_02.xlsx", tmp_path / "Book.xlsx", INPUT_SHEETS)
    book = FileWorkbook(path)
    (row,) = book.append_rows("followups", [{"Date": date(2026, 11, 29), "Customer ID": "C1", "Company": "Acme GmbH",
                                             "Summary": "called"}])
    book.update_row("inquiries", 2, {"Replied At": datetime(2026, 11, 20, 15)})
    assert book.save()
    assert raw_value(path, "Follow-ups", f"A{row}") == "44893"  # 2026-11-29: 46355 - 1462
    assert raw_value(path, "Inquiries", "I2") == "44884.625"  # 2026-11-20 15:00
    assert serial(date(2026, 12, 2)) == 46358


def test_a_1900_workbook_is_unchanged_by_the_1904_one(tmp_path: Path) -> None:
    """The date system is per workbook: a 1900 workbook refreshed after a 1904 one still gets 1900 serials."""
    name = "plain.xlsx"
    book = xlsxwriter.Workbook(str(tmp_path / name))
    for sheet, rows in INPUT_SHEETS.items():
        ws = book.add_worksheet(sheet)
        for r, row in enumerate(rows):
            ws.write_row(r, 0, [v + 1462 if isinstance(v, float) else v for v in row])
    book.close()
    with date_system(True):
        assert serial(date(2026, 12, 2)) == 44896
    refresh(tmp_path / name, today=TODAY)
    header = grid(tmp_path / name, "Customers")[0]
    assert raw_value(tmp_path / name, "Customers", f"{chr(ord('A') + header.index('Next Contact'))}2") == "46358"


def test_serial_in_both_systems() -> None:
    assert serial(date(2026, 12, 2)) == 46358
    with date_system(True):
        assert serial(date(2026, 12, 2)) == 44896
        assert serial(datetime(1904, 1, 1, 12)) == 0.5
    assert serial(date(2026, 12, 2)) == 46358
