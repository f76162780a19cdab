"""The sample rules on the Check sheet, and freight collect as a buying signal (hand-made workbook)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from outreach_book import SETTINGS, TODAY, build

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.model import InputTables
from tradexl.rules.enrich import enrich
from tradexl.rules.samples import SampleFigures, _no_esample_before, sample_figures

NOW = datetime(2026, 12, 1, 23, 59)


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> InputTables:
    return read_workbook(build(tmp_path_factory.mktemp("samples") / "Sales.xlsm"))


def sample_items(tables: InputTables) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.message) for p in enrich(tables, TODAY, NOW).problems if p.sheet == "Samples"]


def test_the_three_sample_rules(tables: InputTables) -> None:
    # Samples rows: 2 C003 physical without e-sample; 3 C001 e-sample; 4 C001 physical prepaid 180;
    # 5 C002 e-sample; 6 C002 physical delivered 2026-11-15, last follow-up 2026-10-01.
    assert sample_items(tables) == [
        (2, "Type", "physical sample of LX-3530 sent with no e-sample before it – send the e-sample first "
                    "(Settings › Samples: E-sample first)"),
        (4, "Freight", "sample cost 180.00 is above the prepay limit 100.00 (Settings › Samples) – large samples "
                       "are prepaid by the buyer by T/T"),
        (6, "Status", "LX-6040 delivered (UPS 1Z999AA10123456784), sent 2026-11-15, and no follow-up since – ask "
                      "the buyer for feedback (Settings › Samples: 7 days)"),
    ]


def test_rules_follow_the_settings(tables: InputTables) -> None:
    relaxed = replace(SETTINGS, e_sample_first=False, prepay_samples_above=200.0, sample_feedback_days=30)
    assert sample_items(replace(tables, settings=relaxed)) == []  # 11-15 + 30 days is still ahead


def test_freight_collect_is_a_buying_signal(tables: InputTables) -> None:
    inquiries = enrich(tables, TODAY, NOW).inquiries.set_index("Inquiry ID")
    # C003 took a sample freight collect (Samples row 2); C001 only prepaid ones.
    assert "accepted samples freight collect" in inquiries.at["I002", "Grade Reason"]
    assert "freight collect" not in inquiries.at["I001", "Grade Reason"]


def test_no_samples_sheet_rows(tmp_path: Path) -> None:
    path = tmp_path / "Empty.xlsm"
    build_workbook(path, settings=SETTINGS)
    assert sample_items(read_workbook(path)) == []


def test_sample_figures_for_the_weekly_report(tables: InputTables) -> None:
    enriched = enrich(tables, TODAY, NOW)
    november = (date(2026, 11, 1), date(2026, 11, 30))
    # Five samples in November: physical 20 + 180 + 35 (e-samples cost nothing); the only Ordered inquiry is
    # C006's, who got no sample.
    assert sample_figures(enriched.samples, enriched.inquiries, *november) == SampleFigures(5, 3, 2, 235.0, 0)
    assert sample_figures(enriched.samples, enriched.inquiries, date(2026, 11, 9), date(2026, 11, 15)) == \
        SampleFigures(3, 2, 1, 55.0, 0)
    orders = pd.DataFrame({"Customer Key": ["C002", "C003"], "Date": pd.to_datetime(["2026-11-20", "2026-11-01"]),
                           "Status": ["Confirmed", "Confirmed"]})
    # C002 ordered after both its samples of 11-15; C003's order predates its sample of 11-10.
    assert sample_figures(enriched.samples, enriched.inquiries, *november, orders=orders).converted == 2
    # Without an Orders sheet: C001 ordered LX-6040 in an inquiry, so its two LX-6040 samples count.
    ordered = enriched.inquiries.assign(Status=enriched.inquiries["Status"].where(
        enriched.inquiries["Inquiry ID"] != "I001", "Ordered"))
    assert sample_figures(enriched.samples, ordered, *november).converted == 2


def test_which_physical_samples_had_an_e_sample_before() -> None:
    samples = pd.DataFrame({
        "Customer Key": ["k1", "k1", "k1", "k2", "k2", "k3", "k3", "", "k4", "k4"],
        "Type": ["E-sample", "Physical", "Physical", "E-sample", "Physical", "Physical", "E-sample", "Physical",
                 "E-sample", "Physical"],
        "Model": ["LX-1", "lx-1 ", "LX-2", "", "LX-9", "LX-1", "LX-1", "LX-1", "LX-1", "LX-1"],
        "Date": pd.to_datetime(["2026-01-01", "2026-01-05", "2026-01-05", "2026-02-01", "2026-02-01", "2026-03-01",
                                "2026-03-02", "2026-03-01", "2026-04-01", None]),
    })
    # row 1: same model (case and spaces aside) before it; row 2: a different model only; row 4: a model-less
    # e-sample the same day; row 5: the e-sample came a day later; row 7: no buyer; row 9: no date to compare.
    assert list(_no_esample_before(samples)) == [False, False, True, False, False, True, False, False, False, True]
