"""`tradexl adopt` as one service: propose a mapping for the user's workbook, then write the adopted copy.

Why the adopted sheets are *copied* into new input sheets rather than turned into Tables in place: a Table in
place would have to edit the user's sheet part (a tableParts element) and rename their tab to a contract name
(which breaks every formula, defined name and chart that refers to it), and every later refresh would write
computed columns into their original list. Copying leaves each original part byte for byte and the original
sheets as the record of what the team had; the new input sheets are the ones TradeXL reads and writes from
then on. A sheet already named like an input sheet (Customers / 客户 ...) is used in place, as the engine reads
it anyway.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from tradexl.adopt.fragment import NewSheet, build_fragment
from tradexl.adopt.mapping import ColumnMap, SheetMap, one_per_kind, recognise
from tradexl.adopt.transplant import Transplant
from tradexl.builder.package import VBA_PART
from tradexl.builder.settings_sheet import XLWINGS_CONF_SHEET
from tradexl.builder.workbook import with_vba
from tradexl.errors import BadFileError, WorkbookError
from tradexl.fileengine.package import Package, open_package
from tradexl.messages import msg
from tradexl.schema import (
    INPUT_SHEETS,
    SETTINGS_SHEET,
    SETTINGS_SHEET_ZH,
    SHEETS_BY_KEY,
    find_sheet,
    match_headers,
)
from tradexl.settings import Settings


@dataclass
class Proposal:
    """What adoption would do with one workbook: its package, sheet grids and the proposed mapping."""

    pkg: Package
    grids: dict[str, list[list[Any]]]
    maps: list[SheetMap]
    in_place: dict[str, str] = field(default_factory=dict)  # kind -> sheet already named like an input sheet


@dataclass
class AdoptResult:
    out: Path
    maps: list[SheetMap]
    added: list[str]
    copied: dict[str, int]
    notes: list[str]


def _grids(pkg: Package) -> dict[str, list[list[Any]]]:
    names = [s.name for s in pkg.sheets if s.kind == "worksheet" and s.part]
    try:
        book = CalamineWorkbook.from_path(str(pkg.path))
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in names}
    except Exception as exc:  # calamine raises its own types for damaged content
        raise BadFileError(f"{pkg.path.name} cannot be read ({str(exc).splitlines()[0][:200]})") from None


def _engine_view(name: str, key: str, grid: list[list[Any]]) -> SheetMap:
    """A sheet already named like an input sheet, as the engine will read it: its first row, the contract's own
    header names only (adoption's extra synonyms do not apply, as the sheet is not copied)."""
    headers = list(grid[0]) if grid else []
    known = {pos + 1: column for column, pos in match_headers(SHEETS_BY_KEY[key], headers).items()}
    return SheetMap(name, key, 1, tuple(ColumnMap(str(h).strip(), known.get(pos), pos)
                                       for pos, h in enumerate(headers, start=1) if str(h).strip()))


def propose(path: Path) -> Proposal:
    """Open the user's workbook read-only and recognise its sheets by their headers."""
    pkg = open_package(path)
    grids = _grids(pkg)
    in_place = {d.key: name for d in INPUT_SHEETS if (name := find_sheet(d, list(grids))) is not None}
    by_sheet = {name: key for key, name in in_place.items()}
    maps = []
    for name, grid in grids.items():
        maps.append(_engine_view(name, by_sheet[name], grid) if name in by_sheet else recognise(name, grid))
    maps = one_per_kind(maps)
    maps = [replace(m, kind=None) if m.kind in in_place and m.sheet != in_place[m.kind] else m for m in maps]
    return Proposal(pkg, grids, maps, in_place)


def default_out(source: Path) -> Path:
    return source.with_name(source.stem + ".xlsm") if source.suffix.lower() != ".xlsm" \
        else source.with_name(source.stem + " (TradeXL).xlsm")


def _vba_project(fragment: bytes) -> bytes:
    """The TradeXL VBA project, made exactly as the builder makes it (pyOpenVBA), on the fragment workbook."""
    with zipfile.ZipFile(io.BytesIO(with_vba(fragment, False))) as zf:
        return zf.read(VBA_PART)


def language_of(proposal: Proposal, maps: list[SheetMap]) -> str:
    """The adopted workbook's language: Chinese when a sheet it copies has Chinese headers."""
    return "zh" if any(m.chinese for m in maps if m.kind and m.sheet not in proposal.in_place.values()) else "en"


def adopt(proposal: Proposal, out: Path, maps: list[SheetMap] | None = None) -> AdoptResult:
    """Write `out`: the user's workbook part for part, plus the contract's sheets, Settings, VBA and ribbon."""
    pkg = proposal.pkg
    maps = proposal.maps if maps is None else maps
    if out.resolve() == pkg.path.resolve():
        raise WorkbookError(msg("adopt.same_out"))
    if out.exists():
        raise WorkbookError(msg("adopt.exists", path=out))
    for m in maps:
        if m.kind in proposal.in_place and m.sheet != proposal.in_place[m.kind]:
            definition = SHEETS_BY_KEY[m.kind]
            raise WorkbookError(msg("adopt.in_place", name=proposal.in_place[m.kind], en=definition.name,
                                    zh=definition.zh, sheet=m.sheet))
    zh = language_of(proposal, maps) == "zh"
    adopted = {m.kind: m for m in maps if m.kind and m.sheet not in proposal.in_place.values()}
    names = {n.casefold() for n in proposal.grids} | {s.name.casefold() for s in pkg.sheets}
    sheets = []
    for definition in INPUT_SHEETS:
        if definition.key in proposal.in_place:
            continue
        name = definition.zh if zh else definition.name
        if name.casefold() in names:
            raise WorkbookError(msg("adopt.name_taken", name=name))
        source = adopted.get(definition.key)
        sheets.append(NewSheet(definition, name, zh, source, proposal.grids.get(source.sheet, []) if source else ()))
    has_settings = bool({SETTINGS_SHEET.casefold(), SETTINGS_SHEET_ZH.casefold()} & names)
    has_conf = XLWINGS_CONF_SHEET.casefold() in names
    fragment = build_fragment(sheets, None if has_settings else Settings(language="zh" if zh else "en"),
                              not has_conf)
    work = Transplant(pkg)
    added = work.add_sheets(fragment, {XLWINGS_CONF_SHEET})
    notes: list[str] = []
    for key, name in proposal.in_place.items():
        definition = SHEETS_BY_KEY[key]
        read = next(m for m in maps if m.sheet == name).mapped()
        for col in (c for c in definition.columns if c.required and c.name not in read):
            notes.append(msg("adopt.in_place_column", name=name, en=col.name, zh=col.zh))
    if work.has_vba():
        notes.append(msg("adopt.own_vba"))
    else:
        work.add_vba(_vba_project(fragment))
        if work.has_ribbon():
            notes.append(msg("adopt.own_ribbon"))
        else:
            work.add_ribbon()
    changes = work.finish()
    fd, tmp = tempfile.mkstemp(prefix=".tradexl-adopt-", suffix=".xlsm", dir=out.parent)
    os.close(fd)
    try:
        pkg.write(tmp, changes.replaced, changes.added, changes.removed)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    copied = {key: _count(s) for s in sheets if s.source for key in [s.definition.key]}
    return AdoptResult(out, maps, added, copied, notes)


def _count(sheet: NewSheet) -> int:
    assert sheet.source is not None
    return sum(1 for row in sheet.grid[sheet.source.header_row:] if any(v not in ("", None) for v in row))
