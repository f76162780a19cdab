"""Native charts written by the file engine: real drawing and chart parts (XlsxWriter's DrawingML), linked from
the generated sheet, registered in [Content_Types].xml, replaced (not piled up) on every refresh, valid Open XML,
and drawn by LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from audit import errors
from corpus import libreoffice

from tradexl.builder import build_workbook
from tradexl.fileengine.engine import refresh_file
from tradexl.fileengine.package import open_package
from tradexl.sampledata import demo_dataset

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 17)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("charts") / "Charts.xlsm"
    settings, data = demo_dataset(TODAY, inquiries=80)
    build_workbook(path, settings=settings, data=data)
    for _ in range(2):  # the second refresh replaces the charts of the first
        refresh_file(path, today=TODAY, now=NOW, steps=("followups", "weekly", "monthly"))
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_weekly_summary_links_one_drawing_with_its_chart(book: Path) -> None:
    files = parts(book)
    drawings = sorted(n for n in files if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n))
    charts = sorted(n for n in files if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
    assert len(drawings) == 2 and len(charts) == 2  # Weekly Summary and Monthly Review, not four after two runs
    types = files["[Content_Types].xml"].decode()
    for name in drawings + charts:
        assert f'PartName="/{name}"' in types
    entry = open_package(book).sheet("Weekly Summary")
    assert entry is not None and entry.part is not None
    sheet = entry.part
    sheet_rels = files[sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"].decode()
    assert "relationships/drawing" in sheet_rels
    assert '<drawing r:id="rIdTradeXLDrawing"/>' in files[sheet].decode()
    chart = next(files[c].decode() for c in charts if "Orders this month against target" in files[c].decode())
    assert "<c:barChart>" in chart and "'Weekly Summary'!$B$" in chart and "'Weekly Summary'!$C$" in chart


def test_the_result_is_valid_open_xml(book: Path) -> None:
    assert errors(book) == []


@pytest.mark.libreoffice
@pytest.mark.skipif(not libreoffice.available() or not shutil.which("pdftotext"), reason="needs LibreOffice")
def test_libreoffice_draws_the_charts(book: Path, tmp_path: Path) -> None:
    pdf = libreoffice.convert([book], "pdf", tmp_path / "pdf")[book]
    assert pdf, "LibreOffice produced no PDF"
    text = subprocess.run(["pdftotext", "-layout", str(pdf[0]), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    weekly_first = next(p for p in pages if "Headline figures" in p)
    assert "Orders this month against target (USD)" in weekly_first  # the chart title, drawn by LibreOffice
    assert "MTD orders" in weekly_first and "Target" in weekly_first  # its legend
