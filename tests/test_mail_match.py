"""Matching incoming inquiries to Customers: every exact email/domain/phone match found, no two buyers merged."""

from __future__ import annotations

import pandas as pd
import pytest

from tradexl.mail.match import CustomerIndex, assign_customers, next_id

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


def match(email="", phone="", company="", region=""):
    return CustomerIndex.build(CUSTOMERS, INQUIRIES).match(email, phone, company, region)


@pytest.mark.parametrize(("kwargs", "cid", "how"), [
    ({"email": "INFO@alnoor-trading.ae"}, "C0001", "email"),
    ({"email": "ahmed@alnoor-trading.ae"}, "C0001", "domain"),
    ({"email": "kwame.mensah@yahoo.com"}, "C0005", "email"),  # known from a past inquiry
    ({"phone": "+61 2 9876 5432"}, "C0004", "phone"),
    ({"company": "AL-NOOR TRADING LLC", "region": "Middle East"}, "C0001", "name 100%"),
    ({"company": "Mensah Electrical Supplies Limited"}, "C0005", "name 100%"),
    ({"company": "Mensah Electricals Supplies", "region": "Africa"}, "C0005", "name 98%"),
])
def test_exact_rules_find_the_customer(kwargs, cid, how):
    found = match(**kwargs)
    assert (found.customer_id, found.how) == (cid, how)


@pytest.mark.parametrize("kwargs", [
    {"email": "someone@gmail.com"},                          # free mail: the domain says nothing
    {"email": "peter@millersupply.com"},                     # different domain from John's gmail
    {"phone": "555-0142"},                                   # too short to be sure
    {"company": "Al Nour Trading", "region": "Middle East"},  # similar but not the same company
    {"company": "Star Lighting"},                            # two customers of that name: ambiguous
    {"company": "Global Trading Co.", "region": "Africa"},   # same name, other region
    {"company": "Co."},
])
def test_no_merge_of_different_buyers(kwargs):
    found = match(**kwargs)
    assert found.customer_id == ""


def test_weak_name_match_is_flagged_not_merged():
    found = match(company="Al Nour Electronics", region="Middle East")
    assert found.customer_id == "" and found.is_weak and "C0002" in found.how
    assert found.how.startswith("check: name ")


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
    index = CustomerIndex.build(pd.DataFrame(buyers))
    for b in buyers:
        assert index.match(email=b["Email"]).customer_id == b["Customer ID"]
        assert index.match(email="boss@" + b["Email"].split("@")[1]).how == "domain"
        assert index.match(phone=b["Phone"].replace(" ", "-")).customer_id == b["Customer ID"]
        # "Sun Light Ltd" and "Sun Light GmbH" are the same name without legal words: ambiguous, never merged.
        assert index.match(company=b["Company"].upper(), region="Europe").customer_id == ""
    assert index.match(company="Sun Power", region="Europe").customer_id == ""
    assert index.match(company="Moon Lights", region="Europe").customer_id == ""


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
    index = CustomerIndex.build(customers)
    assert index.match(email="b@co50.example.ae", company="Company 50 Trading LLC").is_new
    assert index.match(email="x@deltalight.ng", company="Delta Lighting Ltd").is_new  # another company's domain
    assert index.match(email="x@gmail.com", company="Delta Lighting Ltd").customer_id == "C0002"
