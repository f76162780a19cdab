"""Odd but valid spreadsheets nobody here wrote (../shared/corpus/excel-odd, see its SOURCES.tsv): a binary
.xlsb is read for read-only commands and refused for writing with the way out; a Mac-Excel workbook with a
UTF-16 customXml part is refreshed with that part copied untouched; zip entries with Windows backslash paths are
read as the parts they mean; Strict Open XML is read for lookups and refused for writing, in one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from conftest import ROOT, child_env, refresh, require
from corpus import libreoffice
from corpus.inject import add_sheets
from python_calamine import CalamineWorkbook

from tradexl.fileengine.reader import read_workbook

ODD = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "excel-odd"
XLSB = ["poi__Simple.xlsb", "poi__comments.xlsb", "cal__date_1904.xlsb"]
STRICT = ["poi__SimpleStrict.xlsx", "cal__strict_iso_paths.xlsx"]
INPUT = {
    "Inquiries": [["Inquiry ID", "Received", "Channel", "Customer ID", "Company", "Email", "Country", "Status"],
                  ["Q1", 46346.375, "Email", "C1", "Acme GmbH", "anna@acme.de", "Germany", "New"]],
    "Customers": [["Customer ID", "Company", "Email", "Country"], ["C1", "Acme GmbH", "anna@acme.de", "Germany"]],
}
WRITES = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
          "docProps/app.xml")
"""The parts a refresh that adds sheets and styles may rewrite; every other original part stays byte for byte."""


@pytest.fixture(autouse=True)
def _corpus_present() -> None:
    require((ODD / "SOURCES.tsv").is_file(), f"the odd-spreadsheet corpus is missing at {ODD}")


def cli(*args: object, cwd: Path) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "tradexl", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=child_env(), timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def one_error_line(code: int, err: str) -> str:
    assert code != 0 and "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    return lines[0]


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def copy(name: str, folder: Path) -> Path:
    return Path(shutil.copyfile(ODD / name, folder / name))


@pytest.mark.parametrize("name", XLSB)
def test_xlsb_refused_for_writing_with_the_way_out(name: str, tmp_path: Path) -> None:
    path = copy(name, tmp_path)
    code, _, err = cli("refresh", path, cwd=tmp_path)
    assert one_error_line(code, err) == (f"Error: {name} is a binary workbook (.xlsb): save it as .xlsm in Excel "
                                         "to let TradeXL write to it")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name] and path.read_bytes() == (ODD / name).read_bytes()


@pytest.mark.parametrize("name", ["poi__comments.xlsb", "cal__date_1904.xlsb"])
def test_xlsb_is_read_for_lookup(name: str, tmp_path: Path) -> None:
    """Not "damaged": calamine reads it, and the one thing missing is the register (these are not TradeXL books)."""
    code, _, err = cli("lookup", copy(name, tmp_path), "acme", cwd=tmp_path)
    assert one_error_line(code, err) == \
        "Error: the workbook has no sheet 'Inquiries' (or '询盘'); add it or rename the sheet"


def test_xlsb_calamine_cannot_parse_is_one_line(tmp_path: Path) -> None:
    """poi's Simple.xlsb makes calamine panic (a Rust panic, not an exception): still one line, no backtrace."""
    code, _, err = cli("lookup", copy("poi__Simple.xlsb", tmp_path), "acme", cwd=tmp_path)
    assert one_error_line(code, err) == "Error: poi__Simple.xlsb cannot be read (no entry found for key)"


@pytest.mark.parametrize("name", STRICT)
def test_strict_refused_for_writing_in_one_line(name: str, tmp_path: Path) -> None:
    path = copy(name, tmp_path)
    code, _, err = cli("refresh", path, cwd=tmp_path)
    assert one_error_line(code, err) == (f"Error: {name} is saved as Strict Open XML: save it in Excel as an Excel "
                                         "Workbook (.xlsx or .xlsm) to let TradeXL write to it")
    assert path.read_bytes() == (ODD / name).read_bytes()


def strict_copy(source: Path, target: Path) -> Path:
    """A transitional workbook rewritten into the Strict Open XML namespaces (what Excel's 'Strict' save changes
    for a workbook of text and numbers)."""
    names = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
             "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
                 "http://purl.oclc.org/ooxml/officeDocument/relationships"}
    with zipfile.ZipFile(target, "w") as out:
        for name, data in entries(source).items():
            for old, new in names.items():
                data = data.replace(old.encode(), new.encode())
            out.writestr(name, data)
    return target


def test_strict_is_read_for_lookup(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    book = xlsxwriter.Workbook(str(plain))
    for sheet, rows in INPUT.items():
        ws = book.add_worksheet(sheet)
        for r, row in enumerate(rows):
            ws.write_row(r, 0, row)
    book.close()
    path = strict_copy(plain, tmp_path / "Strict.xlsx")
    assert b"purl.oclc.org/ooxml/spreadsheetml/main" in entries(path)["xl/workbook.xml"]
    tables = read_workbook(path)
    inquiry = tables.frames["inquiries"].iloc[0]
    assert (inquiry["Company"], inquiry["Received"]) == ("Acme GmbH", 46346.375)
    code, out, err = cli("lookup", path, "anna@acme.de", cwd=tmp_path)
    assert code == 0, err
    assert "Acme GmbH" in out and "Q1" in out


def test_mac_workbook_with_utf16_custom_xml_is_refreshed(tmp_path: Path) -> None:
    source = ODD / "cal__pivots.xlsx"
    assert entries(source)["customXml/item1.xml"][:2] == b"\xff\xfe"  # UTF-16 with its byte-order mark
    path = add_sheets(source, tmp_path / "Pivots.xlsx", INPUT)
    before = entries(path)
    refresh(path)
    after = entries(path)
    assert after["customXml/item1.xml"] == before["customXml/item1.xml"]
    changed = [n for n in before if n not in WRITES and after.get(n) != before[n]]
    changed = [n for n in changed if not n.startswith("xl/worksheets/tradexl_")]  # the input sheets we added
    assert changed == []
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Inquiries").to_python()
    assert grid[1][grid[0].index("Region")] == "Europe"


def test_backslash_zip_entries_are_read_as_their_parts(tmp_path: Path) -> None:
    source = ODD / "poi__49609.xlsx"
    assert any("\\" in n for n in entries(source))
    path = add_sheets(source, tmp_path / "Backslash.xlsx", INPUT)
    before = entries(path)
    refresh(path)
    after = entries(path)
    assert not any("\\" in n for n in after), "entries are written back with forward slashes"
    assert "[Content_Types].xml" in after and "[content_types].xml" not in after
    for name, data in before.items():
        normal = name.replace("\\", "/")
        if normal.casefold() not in {w.casefold() for w in WRITES} and "tradexl_" not in normal:
            assert after[normal] == data, normal  # moved to its canonical name, bytes unchanged
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names[:2] == ["FAM", "VIC"]
    grid = book.get_sheet_by_name("Inquiries").to_python()
    assert grid[1][grid[0].index("Region")] == "Europe"


def test_libreoffice_opens_the_refreshed_odd_workbooks(tmp_path: Path) -> None:
    """Refreshed, the backslash workbook (entries under their canonical part names) and the Mac workbook with its
    UTF-16 part open in LibreOffice, an independent reader."""
    require(libreoffice.available(), "LibreOffice not installed")
    made = []
    for name in ("poi__49609.xlsx", "cal__pivots.xlsx"):
        path = add_sheets(ODD / name, tmp_path / name, INPUT)
        refresh(path)
        made.append(path)
    produced = libreoffice.convert(made, "csv", tmp_path / "csv")
    assert all(produced[p] for p in made), produced


def test_the_originals_are_what_sources_says() -> None:
    """Guard against a corpus update silently removing what these tests are about."""
    listed = (ODD / "SOURCES.tsv").read_text(encoding="utf-8")
    for name in [*XLSB, *STRICT, "cal__pivots.xlsx", "poi__49609.xlsx"]:
        assert name in listed and (ODD / name).is_file(), name
    assert ROOT.is_dir()
