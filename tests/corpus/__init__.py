"""The corpus of user workbooks the preservation and torture tests run on, built at test time into a folder.

Nothing binary is committed: XlsxWriter writes each workbook from `corpus.data`, LibreOffice re-saves some of
them so their part layout is its own, and `corpus.bad_files` derives the broken ones. `CORPUS` names every
good file and what it is meant to exercise; `build_corpus` makes them all (one LibreOffice run for the lot).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus import libreoffice
from corpus.xlsxwriter_books import Variant, build


@dataclass(frozen=True)
class Entry:
    variant: Variant
    tool: str  # "xlsxwriter" or "libreoffice"
    expect_error: str | None = None  # the column a missing-column error must name

    @property
    def name(self) -> str:
        if self.tool == "libreoffice":
            return self.variant.name.replace(".lo-src.xlsx", ".xlsx")
        return self.variant.name


XW = "xlsxwriter"
LO = "libreoffice"
CORPUS: tuple[Entry, ...] = (
    Entry(Variant("xw_extras.xlsm", extras=True, vba=True), XW),
    Entry(Variant("xw_extras.xlsx", extras=True), XW),
    Entry(Variant("xw_chinese_ranges.xlsx", chinese=True, tables=False, trailing_spaces=True), XW),
    Entry(Variant("xw_english_spaces.xlsm", vba=True, trailing_spaces=True), XW),
    Entry(Variant("xw_no_settings.xlsx", omit=("settings",)), XW),
    Entry(Variant("xw_no_products.xlsx", omit=("products",)), XW),
    Entry(Variant("xw_no_samples.xlsx", omit=("samples",)), XW),
    Entry(Variant("lo_extras.lo-src.xlsx", extras=True), LO),
    Entry(Variant("lo_chinese.lo-src.xlsx", chinese=True, tables=False), LO),
)
MISSING_COLUMN: tuple[Entry, ...] = (
    Entry(Variant("xw_missing_received.xlsx", drop_column=("inquiries", "Received")), XW, "Received"),
    Entry(Variant("xw_missing_company.xlsm", vba=True, extras=True, drop_column=("customers", "Company")), XW,
          "Company"),
)
GOOD = tuple(e.name for e in CORPUS)
WITH_EXTRAS = tuple(e.name for e in CORPUS if e.variant.extras)


def entry(name: str) -> Entry:
    return next(e for e in CORPUS + MISSING_COLUMN if e.name == name)


def build_corpus(directory: Path) -> dict[str, Path]:
    """Every corpus workbook by name. LibreOffice-made files are absent when soffice is not installed."""
    directory.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    sources: list[tuple[Entry, Path]] = []
    for e in CORPUS + MISSING_COLUMN:
        path = build(directory, e.variant)
        if e.tool == LO:
            sources.append((e, path))
        else:
            made[e.name] = path
    if sources and libreoffice.available():
        out = directory / "lo-out"
        produced = libreoffice.convert([p for _, p in sources], "xlsx:Calc MS Excel 2007 XML", out)
        for e, src in sources:
            outputs = produced[src]
            if outputs:
                target = directory / e.name
                outputs[0].replace(target)
                made[e.name] = target
    return made
