from datetime import date, datetime

import pandas as pd
import pytest

from tradexl.model import InputTables
from tradexl.rules.enrich import enrich
from tradexl.settings import Settings

TODAY = date(2026, 3, 20)


def customer(grade="", inquiries=None, followups=None, quotes=None, samples=None, settings=None):
    frames = {"customers": pd.DataFrame({"Customer ID": ["C1"], "Company": ["Acme"], "Country": ["UAE"],
                                         "Grade": [grade]}, index=[2])}
    for key, rows in (("inquiries", inquiries), ("followups", followups), ("quotes", quotes), ("samples", samples)):
        if rows:
            frames[key] = pd.DataFrame([{"Customer ID": "C1"} | r for r in rows], index=range(2, 2 + len(rows)))
    tables = InputTables(frames=frames, settings=settings or Settings())
    return enrich(tables, TODAY, datetime(2026, 3, 20, 23, 59, 59)).customers.loc[2]


@pytest.mark.parametrize(("grade", "days", "channel"), [("A", 3, "Phone"), ("B", 7, "Email"), ("C", 15, "Email"),
                                                        ("D", 30, "Email"), ("", 30, "Email")])
def test_cadence_per_grade(grade, days, channel):
    row = customer(grade, followups=[{"Date": "2026-03-01"}])
    assert row["Last Contact"] == pd.Timestamp(2026, 3, 1)
    assert row["Next Contact"] == pd.Timestamp(2026, 3, 1) + pd.Timedelta(days=days)
    assert row["Channel"] == channel
    assert row["Current Grade"] == grade


def test_never_contacted_is_due_today():
    row = customer("B")
    assert pd.isna(row["Last Contact"]) and row["Next Contact"] == pd.Timestamp(TODAY)
    assert row["Days Overdue"] == 0


def test_days_overdue():
    assert customer("A", followups=[{"Date": "2026-03-10"}])["Days Overdue"] == 7
    assert customer("D", followups=[{"Date": "2026-03-10"}])["Days Overdue"] == 0


def test_last_contact_is_latest_of_the_four_sources():
    row = customer("D", inquiries=[{"Received": "2026-03-01 09:00", "Replied At": "2026-03-05 10:00",
                                    "Status": "Lost"}],
                   followups=[{"Date": "2026-03-02"}], quotes=[{"Date": "2026-03-04", "Model": "X"}],
                   samples=[{"Date": "2026-03-08"}])
    assert row["Last Contact"] == pd.Timestamp(2026, 3, 8)
    row = customer("D", inquiries=[{"Received": "2026-03-01 09:00", "Replied At": "2026-03-09 10:00",
                                    "Status": "Lost"}], samples=[{"Date": "2026-03-08"}])
    assert row["Last Contact"] == pd.Timestamp(2026, 3, 9)


def test_future_dated_follow_up_is_not_a_contact():
    assert customer("D", followups=[{"Date": "2026-03-01"}, {"Date": "2026-04-01"}])["Last Contact"] == pd.Timestamp(
        2026, 3, 1)


@pytest.mark.parametrize(("status", "next_contact"), [("Quoted", "2026-03-16"), ("", "2026-03-16"),
                                                      ("Lost", "2026-03-31")])
def test_open_inquiry_caps_interval_at_15_days(status, next_contact):
    row = customer("D", inquiries=[{"Received": "2026-02-20 09:00", "Replied At": "2026-03-01 10:00",
                                    "Status": status}])
    assert row["Next Contact"] == pd.Timestamp(next_contact)
    assert row["Is Open"] == (status != "Lost")


def test_current_grade_from_latest_inquiry_and_counts_and_top_product():
    row = customer(inquiries=[
        {"Received": "2026-03-01 09:00", "Grade": "C", "Product": "X1"},
        {"Received": "2026-03-05 09:00", "Grade": "B", "Product": "Y2"},
    ], quotes=[{"Date": "2026-03-02", "Model": "x1"}])
    assert row["Current Grade"] == "B" and row["Effective Grade"] == "B"
    assert row["Inquiries"] == 2
    assert row["Top Product"] == "x1"


def test_top_product_tie_goes_to_most_recent():
    row = customer(inquiries=[{"Received": "2026-03-01 09:00", "Product": "X1"},
                              {"Received": "2026-03-05 09:00", "Product": "Y2"}])
    assert row["Top Product"] == "Y2"


def test_unanswered_fax_inquiry_suggests_fax_until_answered():
    fax = {"Received": "2026-03-19 09:00", "Channel": "Fax"}
    assert customer("A", inquiries=[fax])["Channel"] == "Fax"
    assert customer("A", inquiries=[fax | {"Replied At": "2026-03-19 12:00"}])["Channel"] == "Phone"
