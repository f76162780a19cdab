"""Every file TradeXL writes is valid Open XML: the template, a refreshed demo workbook (generated sheets, computed
columns, grown Tables) and the refreshed preservation corpus, checked with openxml-audit.

Before this test, the template and every refreshed workbook were "expected to repair": the builder wrote font
children in openpyxl's order (name, color, sz), not the schema's (sz, color, name).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from audit import errors
from conftest import Refreshed
from corpus import GOOD

from tradexl.builder import build_workbook
from tradexl.fileengine.engine import refresh_file
from tradexl.operations import STEPS
from tradexl.sampledata import demo_dataset

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 28)


def test_the_template_is_valid() -> None:
    assert errors(ROOT / "TradeWorkbook.xlsm") == []


def test_a_fresh_build_and_a_refreshed_demo_are_valid(tmp_path: Path) -> None:
    path = tmp_path / "Demo.xlsm"
    settings, data = demo_dataset(TODAY, inquiries=60)
    build_workbook(path, settings=settings, data=data)
    assert errors(path) == []
    refresh_file(path, today=TODAY, now=datetime(2026, 11, 28, 17), steps=STEPS)
    assert errors(path) == []


@pytest.mark.parametrize("name", GOOD)
def test_refreshed_preservation_corpus_is_valid(refreshed: dict[str, Refreshed], name: str) -> None:
    if name not in refreshed:
        pytest.skip(f"{name} could not be made here")
    item = refreshed[name].ok()
    before = set(errors(item.original))
    assert [e for e in errors(item.path) if e not in before] == []
