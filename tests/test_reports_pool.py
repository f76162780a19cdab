"""Pool (公海): the overdue edge (N days is not yet "more than N"), inactive owners, and 撞单 in one workbook."""

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.operations import STEPS, run
from tradexl.reports.pool import conflict_groups, pool_customers
from tradexl.settings import Settings, TeamMember

TODAY = date(2026, 12, 1)
T = pd.Timestamp
TEAM = Settings(team=(TeamMember("Kevin"), TeamMember("Anna"), TeamMember("Li", False)), pool_after_days=30)


def test_exactly_n_days_overdue_stays_n_plus_one_goes_to_the_pool_and_inactive_owners_always():
    customers = pd.DataFrame({
        "Company": ["Thirty", "ThirtyOne", "Fresh", "LiFresh"],
        "Owner": ["Kevin", "Kevin", "Anna", " li "],
        "Current Grade": ["B", "C", "A", "A"],
        "Next Contact": [T("2026-11-01"), T("2026-10-31"), T("2026-12-05"), T("2026-12-05")],
    }, index=[2, 3, 4, 5])
    pool = pool_customers(customers, TEAM, TODAY)
    assert list(zip(pool["Company"], pool["Days"], pool["Inactive"], strict=True)) == [
        ("ThirtyOne", 31, False), ("LiFresh", 0, True)]
    shorter = Settings(team=TEAM.team, pool_after_days=29)
    assert list(pool_customers(customers, shorter, TODAY)["Company"]) == ["ThirtyOne", "Thirty", "LiFresh"]


def test_pool_edges_never_contacted_blank_and_unknown_owners_and_a_zero_day_limit():
    customers = pd.DataFrame({
        "Company": ["Never", "NoOwner", "Stranger", "DueToday", "OneDay", "LiNever"],
        "Owner": ["Kevin", "", "Zhang", "Anna", "Anna", "Li"],
        "Current Grade": ["A", "B", "B", "C", "C", ""],
        "Next Contact": [pd.NaT, T("2026-10-01"), T("2026-10-01"), T("2026-12-01"), T("2026-11-30"), pd.NaT],
    }, index=range(2, 8))
    pool = pool_customers(customers, TEAM, TODAY)
    # never contacted counts as due today (0 days), not overdue; a blank or unknown owner is pooled by days alone
    assert list(zip(pool["Company"], pool["Days"], pool["Inactive"], strict=True)) == [
        ("NoOwner", 61, False), ("Stranger", 61, False), ("LiNever", 0, True)]
    zero = Settings(team=TEAM.team, pool_after_days=0)
    assert list(pool_customers(customers, zero, TODAY)["Company"]) == ["NoOwner", "Stranger", "OneDay", "LiNever"]


def test_same_buyer_with_two_owners_is_a_conflict_same_owner_or_blank_owner_is_not():
    customers = pd.DataFrame({
        "Customer ID": ["C1", "C2", "C3", "C4", "C5", "C6"],
        "Company": ["Al Noor Trading LLC", "Alnoor Trading", "Beta GmbH", "Beta", "Gamma SA", "Gamma S.A."],
        "Email": ["ali@alnoor.ae", "sami@alnoor.ae", "x@beta.de", "y@beta.de", "g@gamma.cl", "h@gamma.cl"],
        "Phone": ["", "", "", "", "", ""],
        "Country": ["UAE", "UAE", "Germany", "Germany", "Chile", "Chile"],
        "Owner": ["Kevin", "Anna", "Kevin", "kevin", "Anna", ""],
    }, index=range(2, 8))
    torn = conflict_groups(customers)
    assert list(zip(torn["Group"], torn["Owner"], torn["Customer ID"], torn["Match"], strict=True)) == [
        ("C1", "Anna", "C2", "domain"), ("C1", "Kevin", "C1", "")]


def test_pool_sheet_in_a_refresh_lists_both_owners_with_their_histories(tmp_path: Path):
    path = tmp_path / "Book.xlsm"
    data = {
        "customers": [
            {"Customer ID": "C1", "Company": "Al Noor Trading", "Email": "ali@alnoor.ae", "Country": "UAE",
             "Owner": "Kevin"},
            {"Customer ID": "C2", "Company": "Noor Group", "Email": "sami@alnoor.ae", "Country": "UAE",
             "Owner": "Anna"},
            {"Customer ID": "C3", "Company": "Left Behind", "Email": "a@left.com", "Country": "USA", "Owner": "Li"},
        ],
        "followups": [
            {"Date": datetime(2026, 11, 20), "Customer ID": "C1", "Company": "Al Noor Trading", "Channel": "Email",
             "Summary": "sent PI", "By": "Kevin"},
            {"Date": datetime(2026, 11, 25), "Customer ID": "C3", "Company": "Left Behind", "Channel": "Phone",
             "Summary": "asked for samples", "By": "Li"},
        ],
        "quotes": [{"Quote No": "Q1", "Date": datetime(2026, 11, 20), "Customer ID": "C1", "Model": "X1",
                    "Quantity": 10, "Unit Price": 5, "Currency": "USD", "Status": "Sent", "By": "Kevin"}],
    }
    build_workbook(path, settings=TEAM, data=data)
    result = run(read_workbook(path), TODAY, datetime(2026, 12, 1, 23, 59), STEPS)
    assert "Pool" in result.owned
    pool = next(s for s in result.sheets if s.name == "Pool")
    rows = [(r.kind, r.values) for r in pool.rows]
    assert rows[0][1][0].startswith("Pool – Tuesday 2026-12-01: 1 customer")
    data_rows = [v for k, v in rows if k == "data"]
    assert [(v[0], v[1], v[7], v[8]) for v in data_rows] == [
        ("Li", "C3", "owner inactive", "last 2026-11-25: asked for samples · 0 inq · 0 quotes · 0 orders"),
        ("Anna", "C2", "buyer C1: domain", "never contacted · 0 inq · 0 quotes · 0 orders"),
        ("Kevin", "C1", "buyer C1: =", "last 2026-11-20: sent PI · 0 inq · 1 quotes · 0 orders"),
    ]
