"""The adoption mapping: which of the user's sheets plays which input sheet, and header -> contract column.

Recognition is pure (header rows in, `SheetMap`s out); the mapping is shown to the user as text and can be saved,
edited and read back as JSON or as a simple CSV (`sheet,kind,header,column`), so a person has the last word.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tradexl.adopt.synonyms import labels
from tradexl.errors import TradeXLError
from tradexl.messages import localize, msg
from tradexl.schema import INPUT_SHEETS, SHEETS_BY_KEY, normalize_header

HEADER_SCAN_ROWS = 10
"""A title or a blank line often sits above the headers; look this far down for them."""
MIN_COLUMNS = 3
"""A sheet is recognised only when at least this many of its headers name contract columns."""
_CJK = re.compile(r"[\u4e00-\u9fff]")


class MappingError(TradeXLError):
    """An edited mapping file that cannot be used (unknown sheet kind or column, unreadable file)."""


@dataclass(frozen=True)
class ColumnMap:
    """One header of the user's sheet: its 1-based column and the contract column it feeds (None = kept as is)."""

    header: str
    column: str | None
    position: int


@dataclass(frozen=True)
class SheetMap:
    """One of the user's sheets: the input sheet it becomes (None = left alone) and its headers."""

    sheet: str
    kind: str | None
    header_row: int = 1
    columns: tuple[ColumnMap, ...] = field(default_factory=tuple)

    @property
    def chinese(self) -> bool:
        return any(_CJK.search(c.header) for c in self.columns)

    def mapped(self) -> dict[str, int]:
        return {c.column: c.position for c in self.columns if c.column}


def match_row(key: str, headers: Sequence[Any]) -> list[ColumnMap]:
    """Each non-blank header with the contract column it names for sheet `key` (first header wins a column)."""
    known = labels(key)
    taken: set[str] = set()
    out = []
    for pos, cell in enumerate(headers, start=1):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        name = known.get(normalize_header(text))
        if name in taken:
            name = None
        if name:
            taken.add(name)
        out.append(ColumnMap(text, name, pos))
    return out


def _score(key: str, columns: list[ColumnMap]) -> int:
    """How well a header row fits a sheet kind: mapped columns, 0 when a required one is missing."""
    mapped = {c.column for c in columns if c.column}
    required = {c.name for c in SHEETS_BY_KEY[key].columns if c.required}
    if not required <= mapped or len(mapped) < MIN_COLUMNS:
        return 0
    return len(mapped)


def recognise(sheet: str, grid: Sequence[Sequence[Any]]) -> SheetMap:
    """The best (header row, kind) of one sheet; kind None when nothing fits well enough."""
    best: tuple[int, str, int, list[ColumnMap]] | None = None
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        for definition in INPUT_SHEETS:
            columns = match_row(definition.key, row)
            score = _score(definition.key, columns)
            if score and (best is None or score > best[0]):
                best = (score, definition.key, index + 1, columns)
    if best is None:
        return SheetMap(sheet, None)
    _, key, header_row, columns = best
    return SheetMap(sheet, key, header_row, tuple(columns))


def one_per_kind(maps: list[SheetMap]) -> list[SheetMap]:
    """Only the best-fitting sheet of each kind is adopted; the others are left alone (and said so)."""
    best: dict[str, SheetMap] = {}
    for m in maps:
        if m.kind and (m.kind not in best or len(m.mapped()) > len(best[m.kind].mapped())):
            best[m.kind] = m
    return [m if m.kind is None or best[m.kind] is m else replace(m, kind=None) for m in maps]


def describe(maps: list[SheetMap], lang: str = "en") -> str:
    """The mapping as a person reads it (in `lang`): sheet -> input sheet, then header -> column per line."""
    lines = []
    for m in maps:
        if m.kind is None:
            lines.append(msg("adopt.not_recognised", sheet=m.sheet))
            continue
        definition = SHEETS_BY_KEY[m.kind]
        lines.append(msg("adopt.sheet", sheet=m.sheet, en=definition.name, zh=definition.zh, row=m.header_row))
        for c in m.columns:
            header = f"{c.header:<20}"
            lines.append(msg("adopt.column", header=header, en=c.column, zh=definition.column(c.column).zh)
                         if c.column else msg("adopt.kept", header=header))
    return "\n".join(str(localize(line, lang)) for line in lines)


def to_json(maps: list[SheetMap]) -> str:
    data = [{"sheet": m.sheet, "kind": m.kind, "header_row": m.header_row,
             "columns": {c.header: c.column for c in m.columns}} for m in maps]
    return json.dumps({"sheets": data}, ensure_ascii=False, indent=2) + "\n"


def _kind(text: object, where: str) -> str | None:
    if text in (None, "", "none", "None"):
        return None
    folded = normalize_header(text)
    for definition in INPUT_SHEETS:
        if folded in {normalize_header(x) for x in (definition.key, definition.name, definition.zh)}:
            return definition.key
    raise MappingError(f"{where}: '{text}' is not an input sheet (use one of "
                       f"{', '.join(d.name for d in INPUT_SHEETS)}, or leave it blank)")


def _column(kind: str | None, text: object, where: str) -> str | None:
    if kind is None or text in (None, ""):
        return None
    name = labels(kind).get(normalize_header(text))
    if name is None:
        raise MappingError(f"{where}: '{text}' is not a column of {SHEETS_BY_KEY[kind].name}")
    return name


def apply_edits(proposed: list[SheetMap], path: Path) -> list[SheetMap]:
    """The proposed mapping with the edits of a JSON or CSV mapping file applied (headers stay where they are)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise MappingError(f"cannot read the mapping file {path} ({exc.strerror})") from None
    edits: dict[str, tuple[str | None, dict[str, str | None]]] = {}
    if text.lstrip().startswith("{"):
        try:
            entries = json.loads(text).get("sheets", [])
        except (json.JSONDecodeError, AttributeError) as exc:
            raise MappingError(f"{path.name} is not a mapping file ({exc})") from None
        for entry in entries:
            where = f"{path.name}, sheet '{entry.get('sheet')}'"
            kind = _kind(entry.get("kind"), where)
            edits[str(entry.get("sheet"))] = (kind, {h: _column(kind, c, f"{where}, header '{h}'")
                                                     for h, c in (entry.get("columns") or {}).items()})
    else:
        for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if not row or (n == 1 and normalize_header(row[0]) == "sheet"):
                continue
            sheet, kind_text, header, column = ([*row, "", "", ""])[:4]
            where = f"{path.name} line {n}"
            kind = _kind(kind_text, where)
            _, columns = edits.setdefault(sheet, (kind, {}))
            if header:
                columns[header] = _column(kind, column, where)
    known = {m.sheet for m in proposed}
    for sheet in edits:
        if sheet not in known:
            raise MappingError(f"{path.name}: the workbook has no sheet '{sheet}'")
    out = []
    for m in proposed:
        if m.sheet not in edits:
            out.append(m)
            continue
        kind, columns = edits[m.sheet]
        cols = tuple(replace(c, column=columns.get(c.header, c.column) if kind == m.kind else columns.get(c.header))
                     for c in m.columns)
        out.append(replace(m, kind=kind, columns=cols))
    return out
