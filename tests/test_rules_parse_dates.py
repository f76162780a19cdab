"""Dates typed in cells or written in mail headers: one rule (`rules.parse.parse_date_text`), AM/PM included."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tradexl.rules.parse import Bad, parse_date_text, parse_datetime

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-01 2:30 PM", datetime(2026, 12, 1, 14, 30)),
    ("2026-12-01 2:30PM", datetime(2026, 12, 1, 14, 30)),
    ("2026-12-01 2:30 p.m.", datetime(2026, 12, 1, 14, 30)),
    ("2026-12-01 2 PM", datetime(2026, 12, 1, 14, 0)),
    ("2026-12-01 12:05 AM", datetime(2026, 12, 1, 0, 5)),
    ("2026-12-01 12:05 PM", datetime(2026, 12, 1, 12, 5)),
    ("2026-12-01 9:15:30 am", datetime(2026, 12, 1, 9, 15, 30)),
    ("Dec 1, 2026, 2:30 PM", datetime(2026, 12, 1, 14, 30)),
    ("Mon, Dec 1, 2026 at 2:30 PM", datetime(2026, 12, 1, 14, 30)),
    ("Monday, December 1, 2026 2:30 PM", datetime(2026, 12, 1, 14, 30)),
    ("Tuesday, 1 December 2026 14:30", datetime(2026, 12, 1, 14, 30)),
    ("2026年12月1日 下午2:30", datetime(2026, 12, 1, 14, 30)),
    ("2026年12月1日 上午9:05", datetime(2026, 12, 1, 9, 5)),
    ("2026/12/01 晚上8点", datetime(2026, 12, 1, 20, 0)),
    ("2026-12-01 中午12点", datetime(2026, 12, 1, 12, 0)),
    ("2026-12-01 14点30分", datetime(2026, 12, 1, 14, 30)),
    ("28.11.2026 9:05", datetime(2026, 11, 28, 9, 5)),
    ("2026-12-01", datetime(2026, 12, 1)),
    ("Nov 28", datetime(2026, 11, 28)),
])
def test_times_with_am_pm_and_chinese_half_days(text, expected):
    assert parse_date_text(text, TODAY) == expected
    assert parse_datetime(text, TODAY) == expected  # the same rule for a cell


@pytest.mark.parametrize("text", ["2026-12-01 13:30 PM", "2026-12-01 25:00", "2026-12-01 0:30 AM", "2026-12-01 2"])
def test_impossible_times_are_refused(text):
    assert isinstance(parse_date_text(text, TODAY), Bad)


def test_a_date_without_year_needs_a_today():
    assert parse_date_text("Nov 28", None) == Bad("not a date – write it as YYYY-MM-DD")
    assert parse_date_text("Nov 28, 2026 4:45 PM", None) == datetime(2026, 11, 28, 16, 45)
