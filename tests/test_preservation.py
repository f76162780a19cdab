"""Issue 2, "The user's file is sacred": one test per guarantee, run on every workbook of the corpus.

The corpus (tests/corpus) holds workbooks made by XlsxWriter and re-saved by LibreOffice, with the extras users
add. Each is refreshed once per session (conftest.refreshed); the tests compare the result with the original
part by part (tests/partdiff.py) and cell by cell (tests/corpus/ooxml.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import ROOT, Refreshed, child_env, refresh, require
from corpus import GOOD, MISSING_COLUMN, WITH_EXTRAS, data, entry, libreoffice
from corpus import ooxml as ox
from partdiff import diff_parts, explain, read_parts

from tradexl.errors import BadFileError, FileLockedError, MissingColumnError
from tradexl.schema import CUSTOMERS, INQUIRIES, QUOTES, SHEETS_BY_KEY, find_sheet

WRITTEN = (INQUIRIES, CUSTOMERS, QUOTES)
"""A full refresh writes computed columns into these input sheets and no others."""


def written_sheets(parts: dict[str, bytes]) -> dict[str, str]:
    """Input sheet key -> the workbook's own sheet name, for the sheets a refresh writes into."""
    names = list(ox.sheet_parts(parts))
    return {s.key: found for s in WRITTEN if (found := find_sheet(s, names)) is not None}


def generated_names(item: Refreshed) -> list[str]:
    result = item.result
    return [s.name for s in result.sheets] + list(getattr(result, "owned", ()))


@pytest.fixture(params=GOOD)
def item(request: pytest.FixtureRequest, refreshed: dict[str, Refreshed]) -> Refreshed:
    require(request.param in refreshed, f"{request.param} could not be made here (LibreOffice missing?)")
    return refreshed[request.param].ok()


# --- the corpus really contains what the guarantees are about --------------------------------------------------

@pytest.mark.parametrize("name", WITH_EXTRAS)
def test_corpus_has_the_extras_users_add(corpus_dir: dict[str, Path], name: str) -> None:
    require(name in corpus_dir, f"{name} could not be made here (LibreOffice missing?)")
    parts = read_parts(corpus_dir[name])
    names = " ".join(parts)
    for piece in ("xl/drawings/", "xl/charts/", "xl/media/", "xl/comments", "docProps/custom.xml",
                  "customUI/customUI14.xml", "xl/tables/"):
        assert piece in names, f"{name} lacks {piece}"
    if name.endswith(".xlsm"):
        assert "xl/vbaProject.bin" in parts
    sheets = ox.sheet_parts(parts)
    assert "Dashboard" in sheets
    book = parts["xl/workbook.xml"]
    assert b"FxRate" in book and b"LocalTarget" in book
    inquiries = parts[sheets["Inquiries"]]
    for marker in (b"sparkline", b"<mergeCell ", b"dataValidation", b"conditionalFormatting", b"legacyDrawing"):
        assert marker in inquiries, f"{name}: Inquiries lacks {marker!r}"
    assert b"Line Total" in b"".join(parts[t] for t in ox.table_parts(parts, sheets["Quotes"]))
    vml = b"".join(body for part, body in parts.items() if part.endswith(".vml"))
    button = b"say_hello" in vml or any(p.startswith("xl/ctrlProps/") for p in parts)  # LibreOffice's form
    assert button, f"{name}: the form button is missing"


# --- guarantee 1: every part the engine does not own is byte-identical ----------------------------------------

def test_parts_the_engine_does_not_own_are_byte_identical(item: Refreshed) -> None:
    old, new = read_parts(item.original), read_parts(item.path)
    written = list(written_sheets(old).values())
    owned = ox.owned_parts(old, new, written, generated_names(item))
    diff = diff_parts(old, new)
    foreign = diff.touching(owned)
    details = "\n".join(explain(item.original, item.path, p) for p in foreign[:3])
    assert not foreign, f"{item.name}: parts the engine does not own changed: {foreign}\n{details}"
    assert diff.changed or diff.added, "the refresh wrote nothing at all"
    kept = [p for p in old if p not in owned]
    assert kept, "nothing to preserve: the ownership list is too wide"
    for part in kept:
        assert part in new, f"{part} was dropped"


# --- guarantee 2: user cells keep value, formula and style; tables, validation, formats, comments work --------

def test_user_cells_keep_value_formula_and_style(item: Refreshed) -> None:
    old, new = read_parts(item.original), read_parts(item.path)
    for key, name in written_sheets(old).items():
        part_old, part_new = ox.sheet_parts(old)[name], ox.sheet_parts(new)[name]
        before, after = ox.cells(old, part_old), ox.cells(new, part_new)
        last_col = max(ox.split_ref(r)[1] for r in before)
        for ref, cell in before.items():
            assert after.get(ref) == cell, f"{item.name} {name}!{ref}: {cell} became {after.get(ref)}"
        added = sorted(r for r in after.keys() - before.keys() if ox.split_ref(r)[1] <= last_col)
        assert not added, f"{item.name} {name}: cells written inside the user's columns: {added[:10]}"
        rows_new = ox.row_props(new, part_new)
        for row, props in ox.row_props(old, part_old).items():
            assert rows_new.get(row) == props, f"{name} row {row} attributes changed"
        assert ox.column_props(new, part_new, last_col) == ox.column_props(old, part_old, last_col), key


def test_sheet_features_survive_in_written_sheets(item: Refreshed) -> None:
    old, new = read_parts(item.original), read_parts(item.path)
    for name in written_sheets(old).values():
        before = ox.sheet_features(old, ox.sheet_parts(old)[name])
        after = ox.sheet_features(new, ox.sheet_parts(new)[name])
        for feature, elements in before.items():
            if feature == "autoFilter":
                continue  # a sheet-level filter may widen over the new columns; tables are checked below
            assert after[feature] == elements, f"{item.name} {name}: <{feature}> changed"


def test_tables_stay_valid_and_keep_their_columns(item: Refreshed) -> None:
    old, new = read_parts(item.original), read_parts(item.path)
    for name in written_sheets(old).values():
        part = ox.sheet_parts(new)[name]
        old_tables = {ox.xml(old[t]).get("name"): ox.xml(old[t]) for t in ox.table_parts(old, part)}
        new_tables = {ox.xml(new[t]).get("name"): ox.xml(new[t]) for t in ox.table_parts(new, part)}
        assert old_tables.keys() == new_tables.keys(), f"{name}: tables {old_tables.keys()} -> {new_tables.keys()}"
        new_cells = ox.cells(new, part)
        for tname, table in new_tables.items():
            before = old_tables[tname]
            for attr in ("id", "displayName", "headerRowCount", "totalsRowCount"):
                assert table.get(attr) == before.get(attr), f"{tname} {attr}"
            old_cols = [ox.c14n(c) for c in before.iter(f"{{{ox.MAIN}}}tableColumn")]
            new_cols = list(table.iter(f"{{{ox.MAIN}}}tableColumn"))
            assert [ox.c14n(c) for c in new_cols[:len(old_cols)]] == old_cols, f"{tname}: user columns changed"
            first, last = table.get("ref").split(":")
            (r1, c1), (_r2, c2) = ox.split_ref(first), ox.split_ref(last)
            assert (r1, c1) == ox.split_ref(before.get("ref").split(":")[0])
            assert c2 - c1 + 1 == len(new_cols), f"{tname}: ref {table.get('ref')} vs {len(new_cols)} columns"
            assert int(table.get("count", len(new_cols))) == len(new_cols)
            headers = []
            for col in range(c1, c2 + 1):
                ref = f"{_letters(col)}{r1}"
                headers.append(ox.text_of(new_cells[ref]) if ref in new_cells else "")
            assert headers == [c.get("name") for c in new_cols], f"{tname}: header cells differ from column names"
            filters = ox.children(table, "autoFilter")
            if filters:
                assert filters[0].get("ref") == table.get("ref"), f"{tname}: autoFilter does not match the table"
            assert [ox.c14n(e) for e in ox.children(table, "tableStyleInfo")] == \
                [ox.c14n(e) for e in ox.children(before, "tableStyleInfo")]


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _grid(path: Path, sheet: str) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _header_index(grid: list[list[object]], wanted: str) -> int:
    return next(i for i, row in enumerate(grid) if any(str(v).strip() == wanted for v in row))


def test_computed_columns_come_after_the_users_columns_and_are_filled(item: Refreshed) -> None:
    old = read_parts(item.original)
    chinese = entry(item.name).variant.chinese
    for key, name in written_sheets(old).items():
        sheet = SHEETS_BY_KEY[key]
        before, after = _grid(item.original, name), _grid(item.path, name)
        anchor = sheet.user_columns[0].zh if chinese else sheet.user_columns[0].name
        h = _header_index(before, anchor)
        last = max(i for i, v in enumerate(before[h]) if str(v).strip())
        header = [str(v).strip() for v in after[h]]
        got = header[last + 1:last + 1 + len(sheet.computed_columns)]
        assert all(v in (c.name, c.zh) for v, c in zip(got, sheet.computed_columns, strict=True)), \
            f"{item.name} {name}: computed headers after column {last + 1} are {got}"
        assert header[:last + 1] == [str(v).strip() for v in before[h][:last + 1]]
        if key == "quotes":
            continue
        region = last + 1 + [c.name for c in sheet.computed_columns].index("Region")
        id_col = 0
        regions = {str(row[id_col]): row[region] for row in after[h + 1:] if row[id_col]}
        first_id = "INQ-001" if key == "inquiries" else "C001"
        german = "INQ-003" if key == "inquiries" else "C003"
        malaysian = "INQ-004" if key == "inquiries" else "C004"
        assert regions[first_id] == "Middle East"
        assert regions[german] == "Europe"
        assert regions[malaysian] == "Southeast Asia", "Chinese country name 马来西亚 not mapped"


# --- guarantee 3: a second refresh with the same day changes nothing ------------------------------------------

def test_second_refresh_with_same_day_changes_nothing(item: Refreshed) -> None:
    if item.second_error is not None:
        raise AssertionError(f"second refresh of {item.name} failed: {item.second_error!r}")
    diff = diff_parts(item.path, item.twice)
    details = "\n".join(explain(item.path, item.twice, p) for p in diff.changed[:3])
    assert diff.same, f"{item.name}: {diff}\n{details}"


# --- guarantee 4: missing optional sheets work on defaults; a missing required column is one clear line --------

@pytest.mark.parametrize(("name", "regions"), [("xw_no_settings.xlsx", 10), ("xw_no_products.xlsx", 3),
                                                ("xw_no_samples.xlsx", 3)])
def test_missing_optional_sheet_still_works(refreshed: dict[str, Refreshed], name: str, regions: int) -> None:
    item = refreshed[name].ok()
    sheets = ox.sheet_parts(read_parts(item.path))
    for wanted in ("Due Follow-ups", "Weekly Summary", "Check"):
        assert wanted in sheets, f"{name}: no {wanted} sheet"
    quotes = [s for s in sheets if s.startswith("Quote - ")]
    assert len(quotes) == regions, f"{name}: quote sheets {quotes}"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", [e.name for e in MISSING_COLUMN])
def test_missing_required_column_is_one_line_and_file_untouched(corpus_copy, name: str) -> None:
    path = corpus_copy(name)
    before = _snapshot(path.parent)
    with pytest.raises(MissingColumnError) as info:
        refresh(path)
    message = str(info.value)
    column = entry(name).expect_error
    sheet = "Inquiries" if column == "Received" else "Customers"
    assert "\n" not in message and sheet in message and column in message, message
    assert _snapshot(path.parent) == before, "the folder changed although nothing may be written"


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = child_env()
    return subprocess.run([sys.executable, "-m", "tradexl", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout, check=False)


def test_cli_missing_column_exits_non_zero_with_one_line(corpus_copy) -> None:
    path = corpus_copy("xw_missing_received.xlsx")
    before = _snapshot(path.parent)
    proc = run_cli("refresh", str(path), "--today", data.TODAY.isoformat())
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Received" in lines[0] and "Inquiries" in lines[0], proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert _snapshot(path.parent) == before


# --- guarantee 5: atomic save, previous version kept as a backup ----------------------------------------------

def test_save_is_atomic_rename_and_keeps_backup(corpus_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    path = corpus_copy("xw_extras.xlsm")
    original = path.read_bytes()
    moves: list[tuple[Path, Path]] = []
    for fn in ("replace", "rename"):
        real = getattr(os, fn)

        def spy(src, dst, *a, _real=real, **k):
            moves.append((Path(src), Path(dst)))
            return _real(src, dst, *a, **k)
        monkeypatch.setattr(os, fn, spy)
    refresh(path)
    onto = [src for src, dst in moves if dst.resolve() == path.resolve()]
    assert onto, f"the workbook was not put in place by a rename: {moves}"
    assert all(src.parent.resolve() == path.parent.resolve() and src != path for src in onto), moves
    beside = sorted(p.name for p in path.parent.iterdir() if p != path)
    assert beside == [".tradexl"], f"expected the workbook and the backup folder, found {beside}"
    kept = list((path.parent / ".tradexl").iterdir())
    assert [p.name for p in kept] == [f"{path.stem}.backup{path.suffix}"], kept
    assert kept[0].read_bytes() == original, "the backup is not the previous version"
    first = path.read_bytes()
    monkeypatch.undo()
    refresh(path, today=data.TODAY + timedelta(days=3))  # a later day changes Days Overdue, so it saves again
    assert kept[0].read_bytes() == first, "second save did not keep the previous version"
    assert len(list(kept[0].parent.iterdir())) == 1


# --- guarantee 6: Excel's owner file refuses the write unless forced ------------------------------------------

@pytest.mark.parametrize("program, owner_name, content", [
    ("Excel", "~${name}", b"\x05Lily  " + b"\x00" * 40),
    ("LibreOffice", ".~lock.{name}#", b"Lily,lily,pc-7,01.12.2026 09:14,file:///home/lily/.config/libreoffice/4;"),
])
def test_open_elsewhere_is_refused_unless_forced(corpus_copy, program: str, owner_name: str, content: bytes) -> None:
    path = corpus_copy("xw_extras.xlsx")
    owner = path.parent / owner_name.format(name=path.name)
    owner.write_bytes(content)
    before = _snapshot(path.parent)
    with pytest.raises(FileLockedError) as info:
        refresh(path)
    assert str(info.value) == f"{path.name} is open in {program} ({owner.name} exists); close it or use --force"
    assert _snapshot(path.parent) == before
    proc = run_cli("refresh", str(path), "--today", data.TODAY.isoformat())
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert _snapshot(path.parent) == before
    refresh(path, force=True)
    assert path.read_bytes() != before[path.name]


# --- guarantee 7: buyer text that looks like a formula is text everywhere -------------------------------------

FRAGMENTS = ("HYPERLINK", "cmd|", "SUM(1+1)", "555 0100", "Lagos")


def test_buyer_text_is_never_written_as_a_formula(item: Refreshed) -> None:
    old, new = read_parts(item.original), read_parts(item.path)
    sheets = ox.sheet_parts(new)
    generated = [n for n in sheets if n in generated_names(item)]
    assert generated, "no generated sheets"
    seen: set[str] = set()
    for name in generated + list(written_sheets(old).values()):
        for text in ox.formulas(new, sheets[name]):
            assert not any(f in text for f in FRAGMENTS), f"{item.name} {name}: buyer text became formula {text!r}"
        for cell in ox.cells(new, sheets[name]).values():
            if cell.kind in {"text", "str"}:
                seen.add(ox.text_of(cell))
    due = sheets.get("Due Follow-ups")
    if due is not None:
        texts = {ox.text_of(c) for c in ox.cells(new, due).values() if c.formula is None}
        for hostile in (data.HYPERLINK, data.MINUS_NAME, data.PLUS_PHONE):
            assert hostile in texts, f"{item.name}: {hostile!r} missing from Due Follow-ups as text"
    assert data.DDE in seen, "the buyer's DDE product text is not in Customers' Top Product as text"


def test_computed_cells_in_input_sheets_hold_no_formulas(item: Refreshed) -> None:
    old, new = read_parts(item.original), read_parts(item.path)
    for name in written_sheets(old).values():
        part = ox.sheet_parts(new)[name]
        before = ox.cells(old, ox.sheet_parts(old)[name])
        last_col = max(ox.split_ref(r)[1] for r in before)
        with_formula = [r for r, c in ox.cells(new, part).items()
                        if ox.split_ref(r)[1] > last_col and c.formula is not None]
        assert not with_formula, f"{item.name} {name}: computed cells with formulas {with_formula[:5]}"


# --- guarantee 8: untrusted XML is refused -------------------------------------------------------------------

BOMB = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n')


def with_doctype(body: bytes) -> bytes:
    """The part with a DOCTYPE declaring an entity bomb and an external entity (the first text uses them)."""
    _head, sep, rest = body.partition(b"?>")
    rest = rest.lstrip(b"\r\n") if sep else body
    return BOMB + rest.replace(b"<t>", b"<t>&c;&xxe;", 1)


def rewrite_part(path: Path, name: str, change) -> None:
    parts = read_parts(path)
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, body in parts.items():
            z.writestr(part, change(body) if part == name else body)


@pytest.mark.parametrize("target", ["xl/workbook.xml", "xl/sharedStrings.xml", "Inquiries", "xl/styles.xml",
                                    "Settings"])
def test_xml_with_doctype_or_entities_is_refused(corpus_copy, target: str) -> None:
    path = corpus_copy("xw_extras.xlsx")
    part = ox.sheet_parts(read_parts(path)).get(target, target)
    rewrite_part(path, part, with_doctype)
    before = _snapshot(path.parent)
    with pytest.raises(BadFileError) as info:
        refresh(path)
    assert "\n" not in str(info.value)
    assert _snapshot(path.parent) == before


# --- LibreOffice opens every refreshed corpus file ------------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_opens_every_refreshed_file(refreshed: dict[str, Refreshed], tmp_path: Path) -> None:
    require(libreoffice.available(), "LibreOffice not installed")
    items = [r.ok() for r in refreshed.values()]
    copies = {}
    for r in items:
        target = tmp_path / "in" / (r.name.replace(".", "_") + Path(r.name).suffix)
        target.parent.mkdir(exist_ok=True)
        copies[shutil.copy2(r.path, target)] = r
    produced = libreoffice.convert(list(copies), libreoffice.CSV_ALL_SHEETS, tmp_path / "csv", timeout=300)
    for src, r in copies.items():
        sheets = ox.sheet_parts(read_parts(r.path))
        outputs = {p.stem.removeprefix(src.stem + "-"): p for p in produced[src]}
        missing = [s for s in sheets if s not in outputs]
        assert not missing, f"LibreOffice could not read {r.name}: no CSV for {missing}"
        inquiries = outputs[find_sheet(INQUIRIES, list(sheets))].read_text(encoding="utf-8")
        assert "Middle East" in inquiries, f"{r.name}: LibreOffice sees no computed Region"
        assert "Due Follow-ups" in outputs and outputs["Due Follow-ups"].stat().st_size > 0
