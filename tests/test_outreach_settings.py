"""Settings › Trade shows and Settings › Samples, and Customers `Do Not Mail`: written by the builder, read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.sampledata import demo_dataset
from tradexl.settings import Settings, TradeShow, parse_settings

TODAY = date(2026, 12, 1)


def test_demo_workbook_round_trips_trade_shows_sample_rules_and_do_not_mail(tmp_path: Path) -> None:
    settings, data = demo_dataset(TODAY)
    path = tmp_path / "Demo.xlsm"
    build_workbook(path, settings=settings, data=data)
    tables = read_workbook(path)
    shows = tables.settings.trade_shows
    assert shows[0] == TradeShow("Light + Building Frankfurt", "Frankfurt", "Germany", date(2027, 1, 10),
                                 date(2027, 1, 15), "Hall 10.3 B41", "LX-60, LX-35, LX-50")
    assert [s.country for s in shows] == ["Germany", "UAE", ""]
    assert (tables.settings.e_sample_first, tables.settings.prepay_samples_above,
            tables.settings.sample_feedback_days) == (True, 100.0, 7)
    flags = tables.frames["customers"]["Do Not Mail"]
    assert sorted(flags.dropna().unique()) == ["Yes"]
    assert int(flags.notna().sum()) == 4  # every 25th of the 100 demo buyers


def test_settings_tables_parse_edited_values_and_report_bad_ones() -> None:
    grid = [
        ["Show", "City", "Country", "From", "To", "Booth", "Products"],
        ["Canton Fair", "Guangzhou", "", "2027-04-15", None, "11.2 F05", ""],
        ["Bad Fair", "Lagos", "Nigeria", "next spring", "2027-05-03", "", "LX-50"],
        [None] * 7,
        ["样品规则", "值"],
        ["E-sample first", "N"],
        ["Prepay samples above", "250"],
        ["Sample feedback after days", 10],
    ]
    settings, problems = parse_settings(grid)
    canton, bad = settings.trade_shows
    assert (canton.start, canton.end) == (date(2027, 4, 15), date(2027, 4, 15))  # one-day show: To = From
    assert (bad.start, bad.end) == (None, date(2027, 5, 3))
    assert problems == ["Trade show Bad Fair From: 'next spring' is not a date – write it as YYYY-MM-DD"]
    assert (settings.e_sample_first, settings.prepay_samples_above, settings.sample_feedback_days) == (
        False, 250.0, 10)


def test_defaults_without_the_tables() -> None:
    settings, problems = parse_settings([])
    assert settings == Settings() and problems == []
    assert (settings.trade_shows, settings.e_sample_first, settings.sample_feedback_days) == ((), True, 7)
