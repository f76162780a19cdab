"""The user guides: every picture they show exists, is small, and is made by scripts/guide_pictures.py, whose
workbook step (one sheet shown for printing) is checked on a real workbook."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path
from types import ModuleType

from tradexl.builder import build_workbook

ROOT = Path(__file__).resolve().parents[1]
GUIDES = (ROOT / "docs" / "GUIDE.md", ROOT / "docs" / "使用指南.md")


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("guide_pictures", ROOT / "scripts" / "guide_pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_guides_show_committed_small_pictures() -> None:
    pictures = sorted((ROOT / "docs" / "img").glob("*.png"))
    assert 1 <= len(pictures) <= 10
    assert all(p.stat().st_size < 150_000 for p in pictures)
    made = {name for _, name, _ in script().PICTURES}
    for guide in GUIDES:
        linked = re.findall(r"!\[[^\]]*\]\(img/([^)]+)\)", guide.read_text(encoding="utf-8"))
        assert linked, guide.name
        assert set(linked) <= {p.name for p in pictures} and set(linked) <= made
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/GUIDE.md" in readme[:400] and "docs/使用指南.md" in readme[:400]


def test_only_the_chosen_sheet_is_printed(tmp_path: Path) -> None:
    book = tmp_path / "b.xlsm"
    build_workbook(book)
    scratch = tmp_path / "s.xlsx"
    assert script().only_sheet(book, "Customers", scratch)
    text = zipfile.ZipFile(scratch).read("xl/workbook.xml").decode("utf-8")
    sheets = re.findall(r"<sheet\b[^>]*/>", text)
    visible = [s for s in sheets if 'state="hidden"' not in s]
    assert len(visible) == 1 and 'name="Customers"' in visible[0]
    assert not script().only_sheet(book, "No Such Sheet", tmp_path / "t.xlsx")
