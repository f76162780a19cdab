"""Regenerate the pictures of the user guides (docs/img/*.png) from the real demo workbook.

    PYTHONPATH=. python scripts/guide_pictures.py [--out docs/img] [--today 2026-11-28]

What it does, so a picture never drifts from what the sheets look like:
1. `tradexl demo` builds and refreshes the demo workbook (English);
2. a copy gets Settings › Language = zh through the file engine (one cell edited surgically) and is refreshed,
   so its generated sheets and messages are Chinese;
3. for each chosen sheet, a scratch copy shows only that sheet (the others hidden in workbook.xml of the copy),
   LibreOffice prints it to PDF and pdftoppm turns page 1 into a PNG, at a resolution lowered until the file is
   under MAX_BYTES.
Needs LibreOffice (soffice) and poppler (pdftoppm); uses a private LibreOffice profile.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

from tradexl.fileengine.cells import cell_xml
from tradexl.fileengine.package import open_package
from tradexl.fileengine.save import atomic_save
from tradexl.fileengine.sheetxml import CellEdits, apply_cells, prefix_of, row_styles
from tradexl.grid import column_letter

ROOT = Path(__file__).resolve().parents[1]
MAX_BYTES = 150_000
RESOLUTIONS = (60, 52, 45, 38)
PICTURES = (  # (file name, sheet name) per language; at most ~10 pictures in all
    ("en", "inquiries.png", "Inquiries"),
    ("en", "due.png", "Due Follow-ups"),
    ("en", "unanswered.png", "Unanswered"),
    ("en", "weekly.png", "Weekly Summary"),
    ("en", "check.png", "Check"),
    ("zh", "zh-due.png", "Due Follow-ups"),
    ("zh", "zh-unanswered.png", "Unanswered"),
    ("zh", "zh-weekly.png", "Weekly Summary"),
    ("zh", "zh-check.png", "Check"),
)
ALIASES = {"Inquiries": ("询盘",), "Due Follow-ups": ("待跟进",), "Unanswered": ("未回复",),
           "Weekly Summary": ("周报",),
           "Check": ("数据检查",)}


def tradexl(*args: str | Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "tradexl", *map(str, args)], check=True, env=env, cwd=ROOT)


def set_language(path: Path, language: str) -> None:
    """Settings › Language = `language`, written into that one cell by the file engine."""
    pkg = open_package(path)
    entry = pkg.sheet("Settings") or pkg.sheet("设置")
    assert entry is not None and entry.part is not None, "the demo has no Settings sheet"
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(entry.name).to_python(skip_empty_area=False)
    where = next(((r, c) for r, row in enumerate(grid) for c, v in enumerate(row)
                  if isinstance(v, str) and v.strip() in {"Language", "语言"}), None)
    assert where is not None, "Settings has no Language row"
    row, col = where[0] + 1, where[1] + 2
    part = entry.part
    xml = pkg.read(part)
    edits = CellEdits()
    ref = f"{column_letter(col)}{row}"
    edits.set(row, col, cell_xml(ref, language, row_styles(xml, row).get(col, 0), prefix_of(xml)))
    new, _ = apply_cells(xml, edits)
    atomic_save(path, lambda tmp: pkg.write(tmp, {part: new}, {}, set()), backup=False)


def only_sheet(source: Path, sheet: str, dest: Path) -> bool:
    """A scratch copy of `source` in which only `sheet` is visible and active; False when it has no such sheet."""
    with zipfile.ZipFile(source) as zin:
        text = zin.read("xl/workbook.xml").decode("utf-8")
        names = re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', text)
        wanted = next((n for n in names if n in (sheet, *ALIASES.get(sheet, ()))), None)
        if wanted is None:
            return False

        def visibility(match: re.Match[str]) -> str:
            tag = re.sub(r'\sstate="[^"]*"', "", match.group(0))
            if re.search(rf'\bname="{re.escape(wanted)}"', tag):
                return tag
            return tag.replace("<sheet ", '<sheet state="hidden" ', 1).replace(":sheet ", ':sheet state="hidden" ', 1)

        text = re.sub(r'<(?:\w+:)?sheet\b[^>]*/>', visibility, text)
        index = names.index(wanted)
        text = re.sub(r'activeTab="\d+"', f'activeTab="{index}"', text)
        # LibreOffice prints a hidden sheet that has a print area: keep only the shown sheet's print names
        text = re.sub(r'<(?:\w+:)?definedName\b[^>]*localSheetId="(\d+)"[^>]*>[^<]*</(?:\w+:)?definedName>',
                      lambda m: m.group(0) if int(m.group(1)) == index else "", text)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = text.encode("utf-8") if info.filename == "xl/workbook.xml" else zin.read(info)
                zout.writestr(info, data)
    return True


def picture(book: Path, sheet: str, png: Path, work: Path) -> None:
    scratch = work / f"{png.stem}.xlsx"
    if not only_sheet(book, sheet, scratch):
        print(f"skipped {png.name}: no sheet {sheet}")
        return
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed"
    subprocess.run([soffice, f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(scratch)], check=True, capture_output=True, timeout=600)
    pdf = scratch.with_suffix(".pdf")
    for dpi in RESOLUTIONS:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(png.with_suffix(""))], check=True)
        if png.stat().st_size <= MAX_BYTES:
            break
    print(f"{png.name}: {png.stat().st_size // 1024} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--today", default="2026-11-28")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tradexl-guide-") as tmp:
        work = Path(tmp)
        tradexl("demo", "--out", work / "en", "--today", args.today)
        english = next(p for p in (work / "en").glob("*.xlsm") if ".backup" not in p.name)
        chinese = work / "zh.xlsm"
        shutil.copyfile(english, chinese)
        set_language(chinese, "zh")
        tradexl("refresh", chinese, "--today", args.today)
        books = {"en": english, "zh": chinese}
        for language, name, sheet in PICTURES:
            picture(books[language], sheet, args.out / name, work)


if __name__ == "__main__":
    main()
