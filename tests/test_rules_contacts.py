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


LOST_A = {"Received": "2026-03-01 09:00", "Grade": "A", "Status": "Lost", "Replied At": "2026-03-01 11:00"}


def test_lost_latest_inquiry_follows_grade_after_loss_not_the_lost_grade():
    row = customer(inquiries=[LOST_A], followups=[{"Date": "2026-03-10"}])
    assert row["Current Grade"] == "C"
    assert row["Next Contact"] == pd.Timestamp(2026, 3, 25)  # C: 15 days after 10 March, not A's 3
    assert row["Channel"] == "Email"
    assert row["Days Overdue"] == 0


def test_grade_after_loss_comes_from_settings():
    row = customer(inquiries=[LOST_A], followups=[{"Date": "2026-03-10"}],
                   settings=Settings(grade_after_loss="D"))
    assert row["Current Grade"] == "D" and row["Next Contact"] == pd.Timestamp(2026, 4, 9)


def test_an_open_inquiry_or_a_new_one_ends_the_after_loss_grade():
    older_open = {"Received": "2026-02-01 09:00", "Grade": "B", "Status": "Quoted"}
    assert customer(inquiries=[older_open, LOST_A])["Current Grade"] == "A"
    newer = {"Received": "2026-03-15 09:00", "Grade": "B", "Status": "Ordered"}
    assert customer(inquiries=[LOST_A, newer])["Current Grade"] == "B"


def test_manual_grade_still_wins_after_a_loss():
    assert customer("A", inquiries=[LOST_A])["Current Grade"] == "A"


@pytest.mark.parametrize(("followups", "channel"), [
    ([{"Date": "2026-03-01", "Channel": "WhatsApp", "Summary": "Sent photos"}], "WhatsApp"),
    ([{"Date": "2026-03-01", "Channel": "WhatsApp", "Summary": "Sent photos"},
      {"Date": "2026-03-05", "Channel": "Phone", "Summary": "Called, no answer; left message."}], "WhatsApp"),
    ([{"Date": "2026-03-05", "Channel": "Email", "Summary": "Price list"},
      {"Date": "2026-03-01", "Channel": "WhatsApp", "Summary": "Chat"}], "Email"),
    ([{"Date": "2026-03-01", "Channel": "Visit", "Summary": "Visited"},
      {"Date": "2026-03-02", "Channel": "Quote", "Summary": "Quote Q1"}], "Phone"),
    ([{"Date": "2026-03-01", "Channel": "WhatsApp", "Summary": "ok"},
      {"Date": "2026-03-02", "Channel": "Phone", "Summary": "电话未接"}], "WhatsApp"),
])
def test_channel_follows_what_the_buyer_answers_on(followups, channel):
    assert customer("A", followups=followups)["Channel"] == channel


def test_channel_a_b_customer_answering_on_whatsapp_and_the_fax_rule_stays_first():
    whatsapp = [{"Date": "2026-03-01", "Channel": "WhatsApp", "Summary": "ok"}]
    assert customer("B", followups=whatsapp)["Channel"] == "WhatsApp"
    fax = {"Received": "2026-03-19 09:00", "Channel": "Fax"}
    assert customer("B", inquiries=[fax], followups=whatsapp)["Channel"] == "Fax"


def test_demo_customers_lost_on_an_a_inquiry_leave_the_phone_cadence():
    from tradexl.sampledata import demo_dataset

    day = date(2026, 11, 28)
    settings, data = demo_dataset(day)
    frames = {key: pd.DataFrame(rows, index=range(2, 2 + len(rows))) for key, rows in data.items()}
    enriched = enrich(InputTables(frames=frames, settings=settings), day, datetime(2026, 11, 28, 23, 59, 59))
    inquiries = enriched.inquiries.sort_values("Received", kind="stable")
    latest = inquiries.drop_duplicates("Customer Key", keep="last").set_index("Customer Key")
    customers = enriched.customers.set_index("Customer Key")
    lost = customers[~customers["Is Open"] & (customers["Grade"] == "")
                     & customers.index.map(latest["Status"]).isin(["Lost"])]
    was_a = lost.index.map(latest["Effective Grade"]) == "A"
    assert sorted(lost.index[was_a]) == ["C0008", "C0040", "C0071"]  # worked out from the demo's inquiries
    assert set(lost["Current Grade"]) == {"C"}
    assert (lost["Next Contact"] - lost["Last Contact"] == pd.Timedelta(days=15)).all()
    assert set(lost["Channel"]) <= {"Email", "WhatsApp", "Fax"}
