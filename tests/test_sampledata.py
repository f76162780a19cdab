"""The sample exporter's data: deterministic, contract-shaped, believable, and writable as a workbook."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from python_calamine import CalamineWorkbook

from tradexl.sampledata import (
    FORMULA_LIKE_COMPANY,
    UNKNOWN_COUNTRY,
    UNKNOWN_CUSTOMER_ID,
    Table,
    demo_dataset,
    scaled_dataset,
    vocab,
)
from tradexl.sampledata.xlsx import write_xlsx_fast
from tradexl.schema import INPUT_SHEETS, SETTINGS_SHEET, SHEETS_BY_KEY
from tradexl.settings import DEFAULT_REGIONS, parse_settings

TODAY = date(2025, 6, 14)
DATE_KINDS = ("date", "datetime")
REGION_OF = {c["country"]: c["region"] for c in vocab.COUNTRIES}
FACTOR = {r.region: r.price_factor for r in DEFAULT_REGIONS}


@pytest.fixture(scope="module")
def demo():
    return demo_dataset(TODAY)


@pytest.fixture(scope="module")
def data(demo):
    return demo[1]


def values(rows, column):
    return [row[column] for row in rows]


def test_same_seed_same_data_and_other_seed_differs(data):
    assert demo_dataset(TODAY)[1] == data
    assert demo_dataset(TODAY, seed=8)[1]["inquiries"] != data["inquiries"]


def test_dates_move_with_today(data):
    later = demo_dataset(TODAY + timedelta(days=30))[1]
    first = data["inquiries"][0]["Received"]
    assert later["inquiries"][0]["Received"] == first + timedelta(days=30)


def test_counts_are_in_range(demo):
    settings, data = demo
    assert len(data["inquiries"]) == 360
    assert 80 <= len(data["customers"]) <= 120
    assert 15 <= len(data["products"]) <= 25
    assert 360 <= len(data["followups"]) <= 2500
    assert 100 <= len(data["quotes"]) <= 600
    assert 15 <= len(data["samples"]) <= 150
    assert len(settings.team) == 4
    assert len(demo_dataset(TODAY, inquiries=100)[1]["inquiries"]) == 100


@pytest.mark.parametrize("sheet", INPUT_SHEETS, ids=lambda s: s.key)
def test_rows_have_exactly_the_user_columns(data, sheet):
    wanted = {c.name for c in sheet.user_columns}
    assert data[sheet.key]
    assert all(set(row) == wanted for row in data[sheet.key])


@pytest.mark.parametrize("sheet", INPUT_SHEETS, ids=lambda s: s.key)
def test_choice_columns_hold_valid_choices(data, sheet):
    for col in sheet.user_columns:
        if col.choices:
            assert set(values(data[sheet.key], col.name)) - {None} <= set(col.choices), col.name


def test_customers_span_every_default_region_and_a_dozen_countries(data):
    countries = set(values(data["customers"], "Country"))
    assert len(countries) >= 12
    assert {REGION_OF[c] for c in countries if c in REGION_OF} == set(FACTOR)


def test_inquiries_lie_in_the_last_months_and_replies_follow_them(data):
    now = datetime.combine(TODAY, datetime.max.time())
    for row in data["inquiries"]:
        assert now - timedelta(days=160) <= row["Received"] <= now
        if row["Replied At"] is not None:
            assert row["Received"] < row["Replied At"] <= now
    recent_unreplied = [r for r in data["inquiries"]
                        if r["Replied At"] is None and r["Received"] >= now - timedelta(days=3)]
    assert recent_unreplied
    assert Counter(values(data["inquiries"], "Channel"))["Fax"] >= 2


def test_customer_ids_refer_to_customers_except_the_deliberate_one(data):
    known = set(values(data["customers"], "Customer ID"))
    referenced = Counter(row["Customer ID"] for key in ("inquiries", "followups", "quotes", "samples")
                         for row in data[key] if row["Customer ID"] is not None)
    assert set(referenced) - known == {UNKNOWN_CUSTOMER_ID}
    assert referenced[UNKNOWN_CUSTOMER_ID] == 1
    assert UNKNOWN_CUSTOMER_ID not in known


def test_only_a_few_deliberately_bad_cells(data):
    text_dates = [(sheet.key, col.name, row[col.name]) for sheet in INPUT_SHEETS for col in sheet.user_columns
                  if col.kind in DATE_KINDS for row in data[sheet.key] if isinstance(row[col.name], str)]
    assert len(text_dates) == 1
    assert re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", text_dates[0][2])
    assert values(data["customers"], "Country").count(UNKNOWN_COUNTRY) == 1
    duplicated = [k for k, n in Counter(values(data["inquiries"], "Inquiry ID")).items() if n > 1]
    assert len(duplicated) == 1
    assert len(set(values(data["customers"], "Customer ID"))) == len(data["customers"])


def test_grading_signals_are_all_present(data):
    messages = [(r["Message"].casefold(), r) for r in data["inquiries"]]
    order = [r for m, r in messages if re.search(r"\bpi\b|proforma", m) and r["Product"] and r["Quantity"]]
    tender = [m for m, _ in messages if re.search(r"tender|next year|budget", m)]
    sample = [m for m, _ in messages if "sample" in m]
    vague = [r for m, r in messages if re.search(r"catalog|price list", m) and r["Company"] is None
             and r["Email"] and r["Email"].endswith(vocab.FREE_MAIL)]
    with_target = [r for _, r in messages if r["Target Price"]]
    for group in (order, tender, sample, vague, with_target):
        assert len(group) >= 10
    returning = Counter(r["Customer ID"] for _, r in messages if r["Customer ID"])
    assert sum(1 for n in returning.values() if n >= 3) >= 10
    manual = [r for _, r in messages if r["Grade"]]
    assert 1 <= len(manual) <= 30


def test_buyer_text_that_looks_like_a_formula_is_included(data):
    assert FORMULA_LIKE_COMPANY in values(data["inquiries"], "Company")
    assert any(m.startswith("-urgent-") for m in values(data["inquiries"], "Message"))
    assert all(p.startswith("+") for p in values(data["customers"], "Phone"))


def test_catalog_has_unique_models_and_one_or_two_discontinued(data):
    models = values(data["products"], "Model")
    assert len(set(models)) == len(models)
    assert all(re.fullmatch(r"LX-[0-9S]\d{3}", m) for m in models)
    assert 1 <= values(data["products"], "Active").count("No") <= 2
    assert all("CE" in c for c in values(data["products"], "Certifications"))


def test_quote_prices_are_base_times_region_factor(data):
    base = {r["Model"]: r["Base Price"] for r in data["products"]}
    for row in data["quotes"]:
        assert row["Unit Price"] == pytest.approx(base[row["Model"]] * FACTOR[row["Region"]], rel=0.05)
        assert row["Valid Until"] > row["Date"]
    assert len(set(values(data["quotes"], "Quote No"))) < len(data["quotes"])  # multi-line quotes


def test_samples_are_e_samples_first_and_couriers_for_physical(data):
    kinds = Counter(values(data["samples"], "Type"))
    assert kinds["E-sample"] and kinds["Physical"]
    for row in data["samples"]:
        if row["Type"] == "Physical":
            assert row["Freight"] and row["Courier"]
        else:
            assert row["Freight"] is None and row["Cost"] == 0


def test_followups_overdue_customers_and_owners_are_team_members(demo):
    settings, data = demo
    team = {t.name for t in settings.team}
    assert {r["Owner"] for r in data["customers"]} <= team
    assert {r["By"] for r in data["followups"]} <= team
    last: dict[str, date] = {}
    for row in data["followups"]:
        if isinstance(row["Date"], date):
            last[row["Customer ID"]] = max(row["Date"], last.get(row["Customer ID"], row["Date"]))
    assert sum(1 for d in last.values() if (TODAY - d).days > 30) >= 3


def test_settings_describe_a_real_company(demo):
    settings, _ = demo
    company = settings.company
    assert not any(str(v).startswith("(") for v in vars(company).values())
    assert all(t.email.endswith("@lumaxlighting.com") and t.monthly_target for t in settings.team)


def test_scaled_dataset_counts_follow_n():
    _, tables = scaled_dataset(TODAY, 5000)
    n = 5000
    assert all(isinstance(t, Table) for t in tables.values())
    assert len(tables["inquiries"]) == n
    assert len(tables["customers"]) == n // 5
    assert 2 * n <= len(tables["followups"]) <= 4 * n
    assert 0.3 * n <= len(tables["quotes"]) <= 0.8 * n
    assert 0.05 * n <= len(tables["samples"]) <= 0.2 * n
    assert 55 <= len(tables["products"]) <= 70
    assert tables["quotes"].columns == tuple(c.name for c in SHEETS_BY_KEY["quotes"].user_columns)
    assert scaled_dataset(TODAY, 300)[1]["followups"].rows == scaled_dataset(TODAY, 300)[1]["followups"].rows


@pytest.mark.parametrize("constant_memory", [True, False])
def test_xlsx_reopens_with_tables_headers_and_settings(tmp_path, demo, constant_memory):
    settings, data = demo
    path = tmp_path / "demo.xlsx"
    write_xlsx_fast(path, settings, data, constant_memory=constant_memory)
    book = CalamineWorkbook.from_path(str(path), load_tables=True)
    assert book.sheet_names == [s.name for s in INPUT_SHEETS] + [SETTINGS_SHEET]
    assert sorted(book.table_names) == sorted(s.table for s in INPUT_SHEETS)
    for sheet in INPUT_SHEETS:
        table = book.get_table_by_name(sheet.table)
        assert table.sheet == sheet.name
        assert table.columns == [c.name for c in sheet.user_columns]
        assert table.height == len(data[sheet.key])
        assert book.get_sheet_by_name(sheet.name).to_python()[0] == table.columns
    inquiries = book.get_sheet_by_name("Inquiries").to_python()
    assert FORMULA_LIKE_COMPANY in [row[4] for row in inquiries]
    assert isinstance(inquiries[1][1], datetime)
    parsed, problems = parse_settings(book.get_sheet_by_name(SETTINGS_SHEET).to_python())
    assert problems == []
    assert parsed == settings


def test_xlsx_writes_scaled_tables_and_empty_sheets(tmp_path):
    settings, tables = scaled_dataset(TODAY, 400)
    tables["samples"] = Table(tables["samples"].columns)
    path = tmp_path / "scaled.xlsx"
    write_xlsx_fast(path, settings, tables)
    book = CalamineWorkbook.from_path(str(path), load_tables=True)
    assert book.get_table_by_name("tblFollowups").height == len(tables["followups"])
    assert book.get_sheet_by_name("Samples").to_python()[0] == list(tables["samples"].columns)
