"""The manager prints the Weekly Summary: LibreOffice (an independent reader) renders it to PDF from a refreshed
workbook: every page of it is A4 landscape, carries the title/week header and is numbered; page 1 is the
dashboard alone, and its widest table's last column is on it (one page wide)."""

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
    for width, height, _text in weekly:
        assert width > height, "Weekly Summary must print landscape"
        assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2, "Weekly Summary must print on A4"
    first = weekly[0][2]
    words = {"en": ("Headline figures", "Salesperson", "Samples", "Customers followed up"),
             "zh": ("核心数据", "业务员", "寄样", "本周跟进的客户")}[language]
    assert words[0] in first and words[1] in first, "page 1 is the dashboard"
    assert words[2] in first, "the last column of the salesperson table is on page 1: one page wide"
    assert words[3] not in first, "the written report starts on page 2"
    assert any(words[3] in text for _, _, text in weekly[1:])
    footer = r"Page \d+ of \d+" if language == "en" else r"第 \d+ 页"
    assert all(re.search(footer, text) for _, _, text in weekly), "every page carries its page number"
