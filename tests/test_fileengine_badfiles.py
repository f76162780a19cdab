"""Bad files are refused with a one-line reason and nothing is written; locks and failed saves keep the original."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from fileengine_support import build_workbook, parts, sample_result

from tradexl.errors import BadFileError, FileLockedError, MissingColumnError, SaveError, WorkbookError
from tradexl.fileengine import package, save
from tradexl.fileengine.engine import FileWorkbook
from tradexl.fileengine.package import open_package


def _refuse(path: Path, exc_type: type[Exception], words: str) -> None:
    before = path.read_bytes()
    listing = sorted(os.listdir(path.parent))
    with pytest.raises(exc_type) as info:
        workbook = FileWorkbook(path)
        workbook.apply(sample_result(workbook.read()))
        workbook.save()
    message = str(info.value)
    assert words in message and "\n" not in message
    assert path.read_bytes() == before and sorted(os.listdir(path.parent)) == listing


def test_not_a_zip(tmp_path):
    path = tmp_path / "Book.xlsm"
    path.write_text("Company,Country\nACME,UAE\n")
    _refuse(path, BadFileError, "is not an Excel workbook (not a zip file)")


def test_truncated_zip(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _refuse(path, BadFileError, "damaged or truncated")


@pytest.mark.parametrize(("marker", "words"), [("EncryptedPackage".encode("utf-16-le"), "password-protected"),
                                                (b"Workbook", "old .xls file")])
def test_ole2_files(tmp_path, marker, words):
    path = tmp_path / "Book.xlsm"
    path.write_bytes(package.OLE2_MAGIC + b"\0" * 504 + marker + b"\0" * 1000)
    _refuse(path, BadFileError, words)


def _rewrite(path: Path, name: str, data: bytes) -> None:
    old = parts(path)
    old[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, content in old.items():
            zf.writestr(part, content)


def test_xml_bomb_is_refused(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b"<sst>&lol2;</sst>")
    _rewrite(path, "xl/sharedStrings.xml", bomb)
    _refuse(path, BadFileError, "suspicious XML part")


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    path = build_workbook(tmp_path / "Book.xlsm")
    monkeypatch.setattr(package, "RATIO_MIN_BYTES", 1024 * 1024)
    _rewrite(path, "xl/media/zeros.bin", b"\0" * (8 * 1024 * 1024))
    _refuse(path, BadFileError, "zip bomb")


def test_total_size_cap(tmp_path, monkeypatch):
    path = build_workbook(tmp_path / "Book.xlsm")
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 1000)
    _refuse(path, BadFileError, "too large to open safely")


def test_missing_required_sheet(tmp_path):
    path = tmp_path / "Book.xlsx"
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Inquiries").write_row(0, 0, ["Received", "Company"])
    wb.close()
    _refuse(path, WorkbookError, "has no sheet 'Customers' (or '客户')")


def test_missing_required_column(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm", tables=False, extras=False)
    data = parts(path)["xl/sharedStrings.xml"].replace(b">Received<", b">Arrived<")
    _rewrite(path, "xl/sharedStrings.xml", data)
    with pytest.raises(MissingColumnError, match="sheet 'Inquiries' has no column 'Received'"):
        FileWorkbook(path).read()


def test_owner_file_refuses_unless_forced(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm")
    (tmp_path / "~$Book.xlsm").write_bytes(b"owner")
    with pytest.raises(FileLockedError, match=r"Book.xlsm is open in Excel \(~\$Book.xlsm exists\)"):
        FileWorkbook(path)
    workbook = FileWorkbook(path, force=True)
    workbook.apply(sample_result(workbook.read()))
    assert workbook.save()


def test_failed_save_keeps_the_original_and_removes_the_temp(tmp_path, monkeypatch):
    path = build_workbook(tmp_path / "Book.xlsm")
    before = path.read_bytes()
    workbook = FileWorkbook(path)
    workbook.apply(sample_result(workbook.read()))

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save.os, "replace", disk_full)
    with pytest.raises(SaveError, match="the disk is full; the original file is unchanged"):
        workbook.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Book.xlsm"]


def test_failed_write_midway_keeps_the_original(tmp_path, monkeypatch):
    path = build_workbook(tmp_path / "Book.xlsm")
    before = path.read_bytes()
    workbook = FileWorkbook(path)
    workbook.apply(sample_result(workbook.read()))

    def no_permission(self, *_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", no_permission)
    with pytest.raises(SaveError, match="no permission"):
        workbook.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Book.xlsm"]


def test_save_keeps_file_mode(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm")
    path.chmod(0o640)
    workbook = FileWorkbook(path)
    workbook.apply(sample_result(workbook.read()))
    workbook.save()
    assert path.stat().st_mode & 0o777 == 0o640


def test_sheet_map_resolves_absolute_targets(tmp_path):
    path = build_workbook(tmp_path / "Book.xlsm", extras=False)
    rels = parts(path)["xl/_rels/workbook.xml.rels"].replace(b'Target="worksheets/', b'Target="/xl/worksheets/')
    _rewrite(path, "xl/_rels/workbook.xml.rels", rels)
    pkg = open_package(path)
    assert [(s.name, s.part) for s in pkg.sheets][:2] == [("Inquiries", "xl/worksheets/sheet1.xml"),
                                                          ("客户", "xl/worksheets/sheet2.xml")]
    assert pkg.table_parts("xl/worksheets/sheet1.xml") == ["xl/tables/table1.xml"]


def test_temp_files_left_by_a_killed_save_are_cleaned_up_later(tmp_path):
    import os
    import time

    from tradexl.fileengine.save import STALE_TEMP_SECONDS, atomic_save

    book = tmp_path / "Book.xlsm"
    book.write_bytes(b"old")
    stale = tmp_path / ".Book.xlsm.abc123.tmp"
    fresh = tmp_path / ".Book.xlsm.def456.tmp"
    for leftover in (stale, fresh):
        leftover.write_bytes(b"half-written")
    old = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(stale, (old, old))
    atomic_save(book, lambda target: target.write_bytes(b"new"))
    assert book.read_bytes() == b"new"
    assert not stale.exists(), "an hour-old temp from a killed save is removed"
    assert fresh.exists(), "a recent temp may belong to a save still running and is left alone"


@pytest.mark.parametrize("needle", [b"<!DOCTYPE", b"<!ENTITY"])
def test_a_declaration_in_a_big_part_is_refused_wherever_the_chunks_split_it(tmp_path, monkeypatch, needle):
    """Big parts are checked chunk by chunk: a declaration across a seam, or wholly inside a later chunk, counts."""
    monkeypatch.setattr(package, "CACHE_BYTES", 0)
    monkeypatch.setattr(package, "CHUNK", 64)
    path = build_workbook(tmp_path / "Book.xlsm")
    for start in range(64 - len(needle), 129):  # across the first seam, inside chunk two, across the second seam
        _rewrite(path, "xl/worksheets/sheet1.xml", b"<worksheet>" + b"x" * start + needle + b"x" * 200)
        with pytest.raises(BadFileError, match="suspicious XML part"):
            open_package(path)


def test_error_cells_of_a_big_part_are_noted_wherever_the_chunks_split_them(tmp_path, monkeypatch):
    monkeypatch.setattr(package, "CACHE_BYTES", 0)
    monkeypatch.setattr(package, "CHUNK", 64)
    path = build_workbook(tmp_path / "Book.xlsm")
    sheet = "xl/worksheets/sheet1.xml"
    for start in range(60, 129):
        _rewrite(path, sheet, b"<worksheet>" + b"x" * start + b'<c r="A1" t="e"><v>#N/A</v></c>' + b"x" * 200)
        assert sheet in open_package(path).error_parts, start
    _rewrite(path, sheet, b"<worksheet>" + b"x" * 100 + b'<c r="A1" t="n"><v>1</v></c>' + b"x" * 200)
    assert sheet not in open_package(path).error_parts
