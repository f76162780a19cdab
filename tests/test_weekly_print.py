"""The manager prints the Weekly Summary: LibreOffice (an independent reader) renders it to PDF from a refreshed
workbook, and every page of it is A4 landscape, carries the title/week header and the repeated header row (so
no columns spilled onto extra pages: it is one page wide), and is numbered."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest
from conftest import require
from corpus import libreoffice

from tradexl.builder import build_workbook
from tradexl.fileengine.engine import refresh_file
from tradexl.sampledata import demo_dataset

TODAY = date(2026, 11, 28)
pytestmark = pytest.mark.libreoffice


@pytest.fixture(autouse=True)
def _needs_libreoffice_and_poppler() -> None:
    require(libreoffice.available() and shutil.which("pdftotext") is not None,
            "needs LibreOffice and poppler-utils (scripts/system-deps.sh)")


def pdf_pages(pdf: Path) -> list[tuple[float, float, str]]:
    """(width, height, text) of every page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True).stdout
    sizes = [line.split("size:")[1].split("pts")[0].split(" x ") for line in info.splitlines()
             if line.startswith("Page") and "size:" in line]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    return [(float(w), float(h), pages[i]) for i, (w, h) in enumerate(sizes)]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_weekly_summary_prints_landscape_one_page_wide(tmp_path: Path, language: str):
    settings, data = demo_dataset(TODAY, inquiries=120)
    if language == "zh":
        from dataclasses import replace

        settings = replace(settings, language="zh")
    book = tmp_path / "Weekly.xlsm"
    build_workbook(book, settings=settings, data=data)
    refresh_file(book, today=TODAY, now=datetime.combine(TODAY, time(23, 59, 59)), steps=("weekly",))
    pdf = libreoffice.convert([book], "pdf", tmp_path / "pdf")[book]
    assert pdf, "LibreOffice produced no PDF"
    week = "2026-11-22"
    weekly = [p for p in pdf_pages(pdf[0]) if week in p[2].split("\n", 3)[0] + p[2][:400]]
    assert weekly, "no page carries the Weekly Summary page header"
    header_word = "Salesperson" if language == "en" else "业务员"
    for width, height, text in weekly:
        assert width > height, "Weekly Summary must print landscape"
        assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2, "Weekly Summary must print on A4"
        assert header_word in text, "a page without the repeated header row means columns spilled over"
    footer = r"Page \d+ of \d+" if language == "en" else r"第 \d+ 页"
    assert all(re.search(footer, text) for _, _, text in weekly), "every page carries its page number"
