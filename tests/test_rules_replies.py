from datetime import datetime, timedelta

import pandas as pd
import pytest

from tradexl.rules.replies import reply_columns
from tradexl.settings import Settings

RECEIVED = datetime(2026, 3, 2, 9, 0)


def status(hours: float | None, channel: str = "Email", now: datetime = datetime(2026, 3, 2, 10),
           inquiry_status: str = ""):
    replied = RECEIVED + timedelta(hours=hours) if hours is not None else None
    frame = pd.DataFrame({"Received": [pd.Timestamp(RECEIVED)], "Replied At": [pd.Timestamp(replied)],
                          "Channel": [channel], "Status": [inquiry_status]}, index=[7])
    result, problems = reply_columns(frame, Settings(), now)
    return result.loc[7], problems


@pytest.mark.parametrize(("hours", "channel", "expected"), [
    (0.5, "Email", "Within target"), (2.0, "Email", "Within target"), (2.1, "Email", "Within limit"),
    (24.0, "Email", "Within limit"), (24.1, "Email", "Late"), (12.0, "Fax", "Within limit"), (12.1, "Fax", "Late"),
    (1.0, "Fax", "Within target"),
])
def test_replied_status_boundaries(hours, channel, expected):
    row, _ = status(hours, channel)
    assert row["Reply Status"] == expected
    assert row["Response Hours"] == round(hours, 1)


@pytest.mark.parametrize(("channel", "now", "expected"), [
    ("Email", datetime(2026, 3, 3, 9, 0), "Unreplied – in time"),
    ("Email", datetime(2026, 3, 3, 9, 1), "Unreplied – overdue"),
    ("Fax", datetime(2026, 3, 2, 21, 0), "Unreplied – in time"),
    ("Fax", datetime(2026, 3, 2, 21, 1), "Unreplied – overdue"),
])
def test_unreplied_judged_against_now_with_fax_limit(channel, now, expected):
    row, _ = status(None, channel, now)
    assert row["Reply Status"] == expected
    assert pd.isna(row["Response Hours"])


@pytest.mark.parametrize(("inquiry_status", "expected"), [
    ("New", "Unreplied – overdue"), ("", "Unreplied – overdue"),
    ("Quoted", "Replied – time not recorded"), ("Lost", "Replied – time not recorded"),
])
def test_an_answered_status_without_reply_time_is_not_waiting(inquiry_status, expected):
    row, _ = status(None, now=datetime(2026, 3, 5), inquiry_status=inquiry_status)
    assert row["Reply Status"] == expected


def test_reply_due_uses_the_channel_limit():
    assert status(None, "Fax")[0]["Reply Due"] == pd.Timestamp(2026, 3, 2, 21)
    assert status(None, "Email")[0]["Reply Due"] == pd.Timestamp(2026, 3, 3, 9)


def test_reply_before_receipt_is_blank_and_a_problem():
    row, problems = status(-3)
    assert pd.isna(row["Response Hours"]) and row["Reply Status"] == ""
    assert [(p.row, p.column) for p in problems] == [(7, "Replied At")]


def test_response_hours_one_decimal():
    assert status(1.26)[0]["Response Hours"] == 1.3
