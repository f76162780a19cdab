from datetime import date, datetime

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradexl import schema
from tradexl.model import InputTables
from tradexl.rules.enrich import computed_columns, enrich
from tradexl.settings import Settings

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 23, 59, 59)

cells = st.one_of(
    st.none(), st.just(""), st.text(max_size=12), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 1, 1)), st.dates(),
    st.sampled_from(["#N/A", "#REF!", "#VALUE!", "1x40HQ", "5,000 pcs", "$2.35", "Nov 28", "03/04/2026", "UAE",
                     "Fax", "a", "C1", "ali@alnoor.ae", "PI urgent", "tender", "46354.5", "Sample sent"]),
)


@st.composite
def garbage_tables(draw):
    frames = {}
    for sheet in schema.INPUT_SHEETS:
        rows = draw(st.integers(0, 4))
        frames[sheet.key] = pd.DataFrame(
            {c.name: [draw(cells) for _ in range(rows)] for c in sheet.columns}, index=range(2, 2 + rows),
            dtype=object)
    return InputTables(frames=frames, settings=Settings(), sheet_names={"inquiries": "询盘"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbage_tables())
def test_garbage_never_raises_and_problems_say_where(tables):
    enriched = enrich(tables, TODAY, NOW)
    names = {s.name for s in schema.INPUT_SHEETS} | {"询盘"}
    for problem in enriched.problems:
        assert problem.sheet in names
        assert problem.row is not None and problem.row >= 2
        assert problem.column and problem.message
    computed = computed_columns(enriched, tables)
    for key in ("inquiries", "customers"):
        expected = [c.name for c in schema.SHEETS_BY_KEY[key].computed_columns]
        if not len(enriched.orders):  # Orders (12 mo) only where there are order lines
            expected = [c for c in expected if c != "Orders (12 mo)"]
        assert list(computed[key].columns) == expected
        assert computed[key].index.equals(tables.frames[key].index)


def test_enriched_contract_columns_and_types():
    tables = InputTables(frames={
        "inquiries": pd.DataFrame({"Inquiry ID": ["Q1", None], "Received": ["2026-03-09 09:00", None],
                                   "Customer ID": ["C1", None], "Country": ["Narnia", None],
                                   "Quantity": ["1x40HQ", None]}, index=[2, 3]),
        "customers": pd.DataFrame({"Customer ID": ["C1"], "Company": ["Acme"], "Country": ["USA"]}, index=[2]),
        "followups": pd.DataFrame({"Date": ["2026-03-01"], "Company": ["ACME Inc."]}, index=[2]),
    }, settings=Settings())
    enriched = enrich(tables, TODAY, NOW)
    inq, cust = enriched.inquiries, enriched.customers
    assert inq.index.tolist() == [2]
    assert {"Customer Key", "Effective Grade", "Is Open", "Reply Due", "Quantity Text"} <= set(inq.columns)
    assert {"Customer Key", "Effective Grade", "Is Open"} <= set(cust.columns)
    assert inq.at[2, "Quantity Text"] == "1x40HQ" and pd.isna(inq.at[2, "Quantity"])
    assert isinstance(inq.at[2, "Received"], pd.Timestamp)
    assert inq.at[2, "Company"] == ""
    assert enriched.followups.at[2, "Customer Key"] == "C1"  # linked by normalised company name
    assert cust.at[2, "Region"] == "North America" and cust.at[2, "Inquiries"] == 1
    assert [(p.sheet, p.row, p.column) for p in enriched.problems] == [("Inquiries", 2, "Country")]
    computed = computed_columns(enriched, tables)
    assert computed["inquiries"].index.tolist() == [2, 3]
    assert computed["inquiries"].at[3, "Reply Status"] == ""
    assert type(computed["customers"].at[2, "Days Overdue"]) is int


def test_settings_problems_come_first():
    from tradexl.model import Problem
    first = Problem("Settings", None, "Language", "fr", "not en or zh")
    tables = InputTables(frames={}, settings=Settings(), settings_problems=[first])
    assert enrich(tables, TODAY, NOW).problems == [first]


def test_country_override_from_settings():
    tables = InputTables(frames={"customers": pd.DataFrame({"Company": ["A"], "Country": ["Narnia"]}, index=[2])},
                         settings=Settings(country_regions={"Narnia": "Europe"}))
    enriched = enrich(tables, TODAY, NOW)
    assert enriched.customers.at[2, "Region"] == "Europe" and enriched.problems == []
