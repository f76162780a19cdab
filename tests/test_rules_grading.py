from datetime import date, datetime

import pandas as pd
import pytest

from tradexl.model import InputTables
from tradexl.rules.enrich import enrich
from tradexl.rules.grading import RULES, THRESHOLDS, keyword_hits
from tradexl.settings import Settings

TODAY = date(2026, 3, 10)
PRODUCTS = pd.DataFrame({"Model": ["X100", "LED-20W"], "MOQ": [1000, 500], "Base Price": [2.5, 1.0]}, index=[2, 3])


def grade(settings: Settings | None = None, customers: pd.DataFrame | None = None, quotes=None, **row):
    base = {"Received": datetime(2026, 3, 9, 9), "Channel": "Email"}
    frame = pd.DataFrame([base | row], index=[2])
    frames = {"inquiries": frame, "products": PRODUCTS}
    if customers is not None:
        frames["customers"] = customers
    if quotes is not None:
        frames["quotes"] = quotes
    tables = InputTables(frames=frames, settings=settings or Settings())
    return enrich(tables, TODAY, datetime(2026, 3, 10, 12)).inquiries.loc[2]


def test_clear_buyer_is_a_with_a_readable_reason():
    row = grade(Company="Al Noor Trading LLC", Email="ali@alnoor.ae", Phone="+971 50 1234567", Product="X100",
                Quantity="5000 pcs", **{"Target Price": "$2.35"}, Message="Please send PI, we need it urgently")
    assert row["Suggested Grade"] == "A"
    assert row["Grade Reason"].startswith("model X100; qty 5000 ≥ MOQ 1000; target price given; asks for PI")
    assert "urgent (urgently)" in row["Grade Reason"]


@pytest.mark.parametrize("message", ["We have a tender next year", "Budget planning for a future project",
                                     "明年招标项目"])
def test_long_term_wording_sets_c(message):
    row = grade(Company="Gulf Projects Co", Email="pm@gulfprojects.sa", Product="X100", Quantity=5000,
                Message=message + ", please send PI")
    assert row["Suggested Grade"] == "C"
    assert "long-term/tender wording" in row["Grade Reason"]


def test_vague_request_from_free_mail_without_company_is_d():
    row = grade(Email="buyer123@gmail.com", Message="Please send catalog and price list")
    assert row["Suggested Grade"] == "D"
    assert row["Grade Reason"] == "vague request (catalog); no company name, free-mail address"


def test_quantity_below_moq_is_said():
    row = grade(Company="Acme", Email="a@acme.com", Product="led-20w", Quantity=100)
    assert "qty 100 < MOQ 500" in row["Grade Reason"]
    assert "model LED-20W" in row["Grade Reason"]


def test_model_found_in_the_message_with_word_boundaries():
    assert "model X100" in grade(Message="price for x100 please?")["Grade Reason"]
    assert "model" not in grade(Message="price for AX1000 please?")["Grade Reason"]


def test_manual_grade_wins_but_suggestion_is_still_shown():
    row = grade(Email="buyer123@gmail.com", Message="catalog please", Grade="b")
    assert (row["Suggested Grade"], row["Effective Grade"], row["Grade"]) == ("D", "B", "B")


def test_returning_customer_with_accepted_quote_counts():
    customers = pd.DataFrame({"Customer ID": ["C1"], "Company": ["Acme"], "Phone": ["123"],
                              "Email": ["a@acme.com"]}, index=[2])
    quotes = pd.DataFrame({"Quote No": ["Q1"], "Date": ["2026-01-05"], "Customer ID": ["C1"], "Model": ["X100"],
                           "Status": ["Accepted"]}, index=[2])
    row = grade(customers=customers, quotes=quotes, **{"Customer ID": "C1"}, Message="hello")
    assert "returning customer with orders" in row["Grade Reason"]
    assert "company, phone and company email" in row["Grade Reason"]  # identity taken from Customers


def test_keywords_come_from_settings():
    settings = Settings(keywords={**Settings().keywords, "order": ("bestellung",)})
    row = grade(settings=settings, Company="Acme GmbH", Email="a@acme.de", Message="Bestellung folgt; send PI")
    assert "asks for bestellung" in row["Grade Reason"]
    assert "PI" not in row["Grade Reason"]


def test_no_signals_reason():
    assert grade(Company="Acme", Email="a@acme.com", Message="hello")["Grade Reason"] == "no clear buying signals"


@pytest.mark.parametrize(("text", "hit"), [("send PI", "PI"), ("api key", ""), ("PI.", "PI"), ("请尽快下单", "下单"),
                                          ("place  an order", "place an order")])
def test_keyword_matching_whole_word_latin_substring_cjk(text, hit):
    found = keyword_hits(pd.Series([text]), {"order": ("PI", "place an order", "order", "下单")})
    assert found["order"].tolist() == [hit]


def test_rule_table_is_data():
    assert {r.signal for r in RULES} >= {"model", "qty_ok", "target_price", "order", "long_term", "vague"}
    assert [g for g, _ in THRESHOLDS] == ["A", "B", "C"]
