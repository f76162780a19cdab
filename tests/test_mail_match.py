"""Matching incoming inquiries to Customers (the one buyer rule): every exact match found, no two buyers merged."""

from __future__ import annotations

import pandas as pd
import pytest

from tradexl.mail.match import assign_customers, next_id
from tradexl.rules.identity import BuyerIndex, same_buyer_groups

CUSTOMERS = pd.DataFrame([
    {"Customer ID": "C0001", "Company": "Al Noor Trading L.L.C.", "Email": "info@alnoor-trading.ae",
     "Phone": "+971 4 123 4567", "Country": "UAE"},
    {"Customer ID": "C0002", "Company": "Al Nour Electric Est.", "Email": "sales@alnour-electric.com",
     "Phone": "", "Country": "Saudi Arabia"},
    {"Customer ID": "C0003", "Company": "Miller Supply, Inc.", "Email": "john@gmail.com", "Phone": "(713) 555-0142",
     "Country": "USA"},
    {"Customer ID": "C0004", "Company": "Green Home Pty Ltd", "Email": "", "Phone": "0061 2 9876 5432",
     "Country": "Australia"},
    {"Customer ID": "C0005", "Company": "Mensah Electrical Supplies Ltd", "Email": "", "Phone": "",
     "Country": "Ghana"},
    {"Customer ID": "C0006", "Company": "Star Lighting", "Email": "", "Phone": "", "Country": "Kenya"},
    {"Customer ID": "C0007", "Company": "Star Lighting", "Email": "", "Phone": "", "Country": "India"},
    {"Customer ID": "C0008", "Company": "Global Trading Co.", "Email": "buy@globaltrade.de", "Phone": "",
     "Country": "Germany"},
])
INQUIRIES = pd.DataFrame([{"Customer ID": "C0005", "Email": "kwame.mensah@yahoo.com", "Phone": ""}])


def match(email="", phone="", company="", country=""):
    row = pd.DataFrame([{"Email": email, "Phone": phone, "Company": company, "Country": country}])
    return BuyerIndex(CUSTOMERS, contacts=INQUIRIES).identify(row).iloc[0]


@pytest.mark.parametrize(("kwargs", "cid", "how"), [
    ({"email": "INFO@alnoor-trading.ae"}, "C0001", "email"),
    ({"email": "ahmed@alnoor-trading.ae"}, "C0001", "domain"),
    ({"email": "kwame.mensah@yahoo.com"}, "C0005", "email"),  # known from a past inquiry
    ({"phone": "+61 2 9876 5432"}, "C0004", "phone"),
    ({"company": "AL-NOOR TRADING LLC", "country": "UAE"}, "C0001", "name 100%"),
    ({"company": "Mensah Electrical Supplies Limited"}, "C0005", "name 100%"),
    ({"company": "Mensah Electricals Supplies", "country": "Ghana"}, "C0005", "name 98%"),
])
def test_exact_rules_find_the_customer(kwargs, cid, how):
    found = match(**kwargs)
    assert (found["Customer ID"], found["Match"]) == (cid, how)


@pytest.mark.parametrize("kwargs", [
    {"email": "someone@gmail.com"},                          # free mail: the domain says nothing
    {"email": "peter@millersupply.com"},                     # different domain from John's gmail
    {"phone": "555-0142"},                                   # too short to be sure
    {"company": "Al Nour Trading", "country": "UAE"},  # similar but not the same company
    {"company": "Star Lighting"},                            # two customers of that name: ambiguous
    {"company": "Global Trading Co.", "country": "Kenya"},   # same name, other country
    {"company": "Co."},
])
def test_no_merge_of_different_buyers(kwargs):
    found = match(**kwargs)
    assert found["Customer ID"] == ""


def test_weak_name_match_is_flagged_not_merged():
    found = match(company="Al Nour Electronics", country="Saudi Arabia")
    assert (found["Customer ID"], found["Match"], found["Candidates"]) == ("", "check: name 91% C0002", ("C0002",))


def test_a_name_two_customers_share_is_a_check_naming_both():
    assert match(company="Star Lighting")["Match"] == "check: name 100% C0006 or C0007"
    assert match(company="Star Lighting", country="Kenya")["Customer ID"] == "C0006"


def test_assign_customers_creates_one_customer_per_new_buyer():
    rows = [
        {"Email": "a@newco.com.br", "Company": "NewCo Ltda", "Country": "Brazil", "Channel": "Email"},
        {"Email": "b@newco.com.br", "Company": "", "Country": "Brazil", "Channel": "Email"},
        {"Email": "x@gmail.com", "Contact": "Xavier", "Country": "Chile", "Channel": "Alibaba"},
        {"Email": "y@gmail.com", "Contact": "Yolanda", "Country": "Chile", "Channel": "Alibaba"},
        {"Email": "ahmed@alnoor-trading.ae", "Country": "UAE"},
    ]
    matches, added = assign_customers(rows, CUSTOMERS, INQUIRIES)
    assert [(m.customer_id, m.how) for m in matches] == [
        ("C0009", "new"), ("C0009", "domain"), ("C0010", "new"), ("C0011", "new"), ("C0001", "domain")]
    assert [(c["Customer ID"], c["Company"], c["Region"], c["Source"]) for c in added] == [
        ("C0009", "NewCo Ltda", "Latin America", "Other"), ("C0010", "Xavier", "Latin America", "Alibaba"),
        ("C0011", "Yolanda", "Latin America", "Alibaba")]


def test_corpus_precision():
    """40 distinct buyers with look-alike names: exact probes find each one; name probes never pick another."""
    combos = [(w, k, sfx) for w in ("Sun", "Star", "Moon", "Delta", "Alpha") for k in ("Light", "Power")
              for sfx in ("Ltd", "Trading LLC", "GmbH", "Co.")]
    buyers = [{"Customer ID": f"C{i:04d}", "Company": f"{w} {k} {sfx}", "Email": f"sales@{w}{k}{i}.com".lower(),
               "Phone": f"+44 20 7946 {i:04d}", "Country": "United Kingdom"}
              for i, (w, k, sfx) in enumerate(combos, start=1)]
    index = BuyerIndex(pd.DataFrame(buyers))
    probes = pd.DataFrame([p for b in buyers for p in (
        {"Email": b["Email"]}, {"Email": "boss@" + b["Email"].split("@")[1]}, {"Phone": b["Phone"].replace(" ", "-")},
        {"Company": b["Company"].upper(), "Country": "UK"})] + [{"Company": "Sun Power", "Country": "UK"},
                                                                 {"Company": "Moon Lights", "Country": "UK"}])
    found = index.identify(probes)
    # "Sun Light Ltd" and "Sun Light GmbH" are the same name without legal words: a check, never merged.
    expected = [(b["Customer ID"], how) for b in buyers for how in ("email", "domain", "phone")] + [("", "check")] * 42
    got = list(zip(found["Customer ID"], found["Match"].str.split(":").str[0], strict=True))
    assert sorted(got, key=lambda pair: pair[1] == "check") == expected
    assert found["Customer ID"].iloc[-2:].tolist() == ["", ""]


def test_next_id():
    assert next_id(["C0041", "C0007", None, "x"]) == "C0042"
    assert next_id([]) == "C0001"
    assert next_id(["CU-099"]) == "CU-100"
    assert next_id([], "I") == "I0001"


def test_numbers_and_company_domains_keep_look_alikes_apart():
    customers = pd.DataFrame([
        {"Customer ID": "C0001", "Company": "Company 5 Trading LLC", "Email": "buyer@co5.example.ae"},
        {"Customer ID": "C0002", "Company": "Delta Lighting Ltd", "Email": "info@delta-lighting.com"},
    ])
    rows = pd.DataFrame([{"Email": "b@co50.example.ae", "Company": "Company 50 Trading LLC"},
                         {"Email": "x@deltalight.ng", "Company": "Delta Lighting Ltd"},  # another company's domain
                         {"Email": "x@gmail.com", "Company": "Delta Lighting Ltd"}])
    found = BuyerIndex(customers).identify(rows)
    assert found["Match"].tolist() == ["", "", "name 100%"]
    assert found["Customer ID"].tolist() == ["", "", "C0002"]


def test_same_buyer_groups_joins_by_key_and_keeps_look_alikes_apart():
    rows = pd.DataFrame([
        {"Email": "a@newco.com.br", "Company": "NewCo Ltda", "Country": "Brazil"},
        {"Email": "b@newco.com.br", "Country": "Brazil"},
        {"Email": "x@gmail.com", "Company": "Star Lighting", "Country": "Kenya"},
        {"Email": "y@gmail.com", "Company": "Star Lighting", "Country": "India"},
        {"Email": "z@gmail.com", "Company": "Star Lighting Ltd", "Country": ""},  # which of the two? neither
        {"Email": "k@gmail.com", "Company": "Kenya Power", "Country": "Kenya"},
        {"Email": "p@gmail.com", "Company": "Kenya Power & Lighting Co.", "Country": "Kenya"},
        {"Email": "q@yahoo.com", "Company": "NEWCO LTDA.", "Phone": "+55 11 3456 7890"},
        {"Email": "r@hotmail.com", "Phone": "0055 11 3456-7890"},
    ], index=range(100, 109))
    groups = same_buyer_groups(rows)
    assert groups["Group"].tolist() == [0, 0, 2, 3, 4, 5, 6, 0, 0]
    assert groups["Match"].tolist() == ["", "domain", "", "", "", "", "", "phone", "phone"]
