"""Regenerate the pictures of the user guides (docs/img/*.png) from the real demo workbook.

    PYTHONPATH=. python scripts/guide_pictures.py [--out docs/img] [--today 2026-11-28]

What it does, so a picture never drifts from what the sheets look like:
1. `tradexl demo` builds and refreshes the demo workbook (English);
2. `tradexl demo --lang zh` builds the Chinese demo (Chinese tabs, headers and dropdowns, Settings › Language = zh,
   so its generated sheets are Chinese too);
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

ROOT = Path(__file__).resolve().parents[1]
MAX_BYTES = 150_000
RESOLUTIONS = (60, 52, 45, 38)
PICTURES = (  # (file name, sheet name) per language; at most ~10 pictures in all
    ("en", "inquiries.png", "Inquiries"),
    ("en", "due.png", "Due Follow-ups"),
    ("en", "unanswered.png", "Unanswered"),
    ("en", "weekly.png", "Weekly Summary"),
    ("en", "check.png", "Check"),
    ("zh", "zh-inquiries.png", "Inquiries"),
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
        tradexl("demo", "--lang", "zh", "--out", work / "zh", "--today", args.today)
        books = {language: next(p for p in (work / language).glob("*.xlsm") if ".backup" not in p.name)
                 for language in ("en", "zh")}
        for language, name, sheet in PICTURES:
            picture(books[language], sheet, args.out / name, work)


if __name__ == "__main__":
    main()
