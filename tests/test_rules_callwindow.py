"""Customers `Call Window`: the buyer's 09:00–18:00 on a weekday, in the team's time zone, worked out by hand.

Offsets used (tz database): Shanghai UTC+8 all year; Berlin UTC+1 in winter, +2 from 29 March to 25 October 2026;
New York UTC-5 in winter, -4 in summer; Los Angeles UTC-8 in winter; Dubai UTC+4; India UTC+5:30; Novosibirsk
UTC+7; Sydney UTC+11 in the southern summer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from outreach_book import SETTINGS, TODAY, build

from tradexl.fileengine.reader import read_workbook
from tradexl.rules.callwindow import CAPITAL_ZONES, buyer_zone, call_window, call_windows, office_day
from tradexl.rules.enrich import enrich
from tradexl.rules.regions import ALL_COUNTRIES
from tradexl.settings import parse_settings, settings_grid_rows

WINTER, SUMMER = date(2026, 12, 1), date(2026, 7, 1)  # both Wednesdays


@pytest.mark.parametrize(("country", "city", "day", "window"), [
    ("Germany", "Hamburg", WINTER, "16:00–01:00"),  # 09:00 CET = 08:00 UTC = 16:00 Shanghai
    ("Deutschland", "", SUMMER, "15:00–00:00"),  # 09:00 CEST = 07:00 UTC = 15:00
    ("USA", "", WINTER, "22:00–07:00"),  # the capital's zone: 09:00 EST = 14:00 UTC = 22:00
    ("United States", "New York", SUMMER, "21:00–06:00"),  # 09:00 EDT = 13:00 UTC
    ("U.S.A.", "Los Angeles", WINTER, "01:00–10:00"),  # 09:00 PST = 17:00 UTC = 01:00 next day
    ("UAE", "Dubai", WINTER, "13:00–22:00"),  # the contract's example: 09:00 GST = 05:00 UTC
    ("India", "Mumbai", WINTER, "11:30–20:30"),  # 09:00 IST = 03:30 UTC
    ("Russia", "Novosibirsk", WINTER, "10:00–19:00"),  # 09:00 +07 = 02:00 UTC
    ("Russia", "Somewhere unknown", WINTER, "14:00–23:00"),  # not a known city: Moscow, UTC+3
    ("Australia", "Perth", WINTER, "09:00–18:00"),  # Perth is UTC+8 like Shanghai
    ("Australia", "", WINTER, "06:00–15:00"),  # Sydney/Canberra in summer time, UTC+11
    ("China", "Ningbo", WINTER, "09:00–18:00"),
])
def test_call_window_by_hand(country: str, city: str, day: date, window: str) -> None:
    assert call_window(buyer_zone(country, city), "Asia/Shanghai", day) == window


def test_other_team_zones_and_unknown_countries() -> None:
    assert call_window(buyer_zone("UAE"), "Europe/Berlin", WINTER) == "06:00–15:00"  # 05:00 UTC = 06:00 CET
    assert call_window(buyer_zone("India"), "America/New_York", SUMMER) == "23:30–08:30"  # 03:30 UTC = 23:30 EDT
    assert buyer_zone("Atlantis") == "" and call_window("", "Asia/Shanghai", WINTER) == ""


def test_a_weekend_day_shows_the_coming_monday() -> None:
    # Saturday 24 Oct 2026 is summer time in Berlin, Monday 26 Oct is winter time again.
    assert office_day(date(2026, 10, 24)) == date(2026, 10, 26) == office_day(date(2026, 10, 25))
    assert office_day(WINTER) == WINTER
    frame = pd.DataFrame({"Country": ["Germany"], "City": [None]})
    assert list(call_windows(frame, "Asia/Shanghai", date(2026, 10, 24))) == ["16:00–01:00"]


def test_every_country_has_a_zone() -> None:
    assert {c.alpha2 for c in ALL_COUNTRIES} - set(CAPITAL_ZONES) == {"BV", "HM"}  # uninhabited islands


def test_time_zone_setting_round_trips_and_bad_values_are_reported() -> None:
    def grid(value: str) -> list[list[object]]:
        return [["Setting", "Value"], ["Time Zone", value]]

    assert parse_settings(grid("europe/berlin")) == (replace(parse_settings([])[0], time_zone="Europe/Berlin"), [])
    settings, problems = parse_settings(grid("Beijing"))
    assert settings.time_zone == "Asia/Shanghai"
    assert problems == ["Time Zone: 'Beijing' is not a time zone name such as Asia/Shanghai"]
    rows = settings_grid_rows(replace(SETTINGS, time_zone="Asia/Dubai"))["general"]
    assert ["Time Zone", "Asia/Dubai"] in rows


def test_enriched_customers_carry_the_call_window(tmp_path: Path) -> None:
    tables = read_workbook(build(tmp_path / "Sales.xlsm"))
    customers = enrich(tables, TODAY, datetime(2026, 12, 1, 23, 59)).customers.set_index("Customer ID")
    assert customers.at["C001", "Call Window"] == "13:00–22:00"  # UAE
    assert customers.at["C002", "Call Window"] == "16:00–01:00"  # Germany in December
    assert customers.at["C003", "Call Window"] == "11:30–20:30"  # India
