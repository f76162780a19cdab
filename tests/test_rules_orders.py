"""Order money: amounts in the report currency, outstanding per order, payment status, missing rates."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from tradexl.rules.orders import balance_days, deposit_share, order_columns, order_value_by_customer
from tradexl.settings import Settings

T = pd.Timestamp
NAT = pd.NaT
TODAY = date(2024, 5, 10)
SETTINGS = Settings(rates={"EUR": 1.1, "JPY": 0.0067})
ORDERS = pd.DataFrame({
    "Order No": ["O1", "o1", "O2", "O3", "O4", "O5", "O6"],
    "Date": [T("2024-05-01")] * 2 + [T("2024-04-01"), T("2024-05-02"), T("2023-05-01"), T("2024-05-03"),
                                     T("2024-05-09")],
    "Customer Key": ["C1", "C1", "C2", "C3", "C1", "C1", "C2"],
    "Quantity": [1000.0, 100.0, np.nan, np.nan, 3.0, np.nan, 10.0],
    "Unit Price": [2.345, 1.005, np.nan, np.nan, 333.5, np.nan, 50.0],
    "Amount": [np.nan, np.nan, 1000.005, 500.0, np.nan, 999.0, np.nan],
    "Currency": ["", "USD", "eur", "GBP", "JPY", "USD", "USD"],
    "Payment Terms": ["30% T/T deposit, 70% before shipment", "", "30% deposit, 70% against B/L copy", "",
                      "T/T 30 days after B/L", "", "50% T/T deposit, 50% before shipment"],
    "Deposit Received": [733.65, np.nan, 300.0, np.nan, np.nan, np.nan, np.nan],
    "Balance Received": [np.nan, np.nan, np.nan, np.nan, 1001.0, np.nan, np.nan],
    "Ship Date": [T("2024-05-20"), NAT, T("2024-05-01"), NAT, T("2023-06-01"), NAT, T("2024-06-30")],
    "Status": ["Confirmed", "Confirmed", "Shipped", "Confirmed", "Completed", "Cancelled", "Confirmed"],
}, index=range(2, 9))


@pytest.fixture(scope="module")
def result() -> tuple[pd.DataFrame, list]:
    return order_columns(ORDERS, SETTINGS, TODAY, "Orders")


def test_amounts_in_report_currency_rounded_half_up_to_cents(result):
    money, _ = result
    # 1000 × 2.345 = 2345.00; 100 × 1.005 = 100.50; EUR 1000.005 -> 1000.01 × 1.1 = 1100.011 -> 1100.01;
    # JPY 3 × 333.5 = 1000.5 -> 1001 (no minor unit) × 0.0067 = 6.7067 -> 6.71; GBP has no rate -> blank.
    assert money["Amount (Report Currency)"].tolist()[:3] == [2345.00, 100.50, 1100.01]
    assert np.isnan(money.at[5, "Amount (Report Currency)"])
    assert money.at[6, "Amount (Report Currency)"] == 6.71
    assert money.at[7, "Amount (Report Currency)"] == 999.0


def test_a_currency_without_rate_is_a_problem_naming_row_and_column(result):
    _, problems = result
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [("Orders", 5, "Currency", "GBP")]
    assert "Settings 'Currency'" in problems[0].message


def test_outstanding_is_per_order_on_its_first_line(result):
    money, _ = result
    # O1: 2345.00 + 100.50 - 733.65 = 1711.85 (order number matched case-insensitively); O2: EUR 1000.01 - 300
    assert money.at[2, "Outstanding"] == 1711.85 and np.isnan(money.at[3, "Outstanding"])
    assert money.at[4, "Outstanding"] == 700.01
    assert money.at[4, "Outstanding (Report)"] == 770.01  # 700.01 × 1.1 = 770.011
    assert money.at[6, "Outstanding"] == 0.0
    assert np.isnan(money.at[7, "Outstanding"])  # cancelled


def test_payment_status_by_terms_and_ship_date(result):
    money, _ = result
    assert money["Payment Status"].tolist() == [
        "Deposit received", "Deposit received",  # 30% of 2445.50 = 733.65 received, ships 05-20
        "Balance overdue",  # shipped 05-01, B/L copy + 7 days = 05-08 < 05-10
        "Balance due",      # no deposit in the terms, payable now
        "Paid",
        "",                 # cancelled
        "Awaiting deposit",
    ]
    assert money.at[4, "Balance Due Date"] == T("2024-05-08")


def test_deposit_short_of_the_share_is_still_awaited():
    one = ORDERS.loc[[2]].assign(**{"Deposit Received": [700.0]})  # 30% of 2345.00 is 703.50
    money, _ = order_columns(one, SETTINGS, TODAY, "Orders")
    assert money.at[2, "Payment Status"] == "Awaiting deposit"


@pytest.mark.parametrize(("terms", "days", "share"), [
    ("30% T/T deposit, 70% before shipment", 0, 0.3),
    ("30% T/T deposit, 70% against B/L copy", 7, 0.3),
    ("T/T 30 days after B/L", 30, 0),
    ("L/C at sight or 30% T/T deposit", 10, 0.3),
    ("100% T/T before shipment", 0, 0),
    ("50%定金，出货前付清", 0, 0.5),
    ("", 0, 0),
])
def test_terms_are_read_by_the_rule_table(terms, days, share):
    assert balance_days(terms) == days and float(deposit_share(terms)) == share


def test_order_value_by_customer_counts_twelve_months_without_cancelled(result):
    money, _ = result
    frame = ORDERS.join(money)
    # C1: 2345.00 + 100.50 (O4 of 2023-05-01 is older than 365 days, O5 cancelled); C2: 1100.01 + 500.00
    assert order_value_by_customer(frame, TODAY).to_dict() == {"C1": 2445.50, "C2": 1600.01}


def test_a_workbook_without_orders_still_works():
    from datetime import datetime

    from tradexl.grid import empty_frame
    from tradexl.model import InputTables
    from tradexl.reports.monthly import monthly_sheet
    from tradexl.reports.weekly import weekly_sheet
    from tradexl.rules.enrich import computed_columns, enrich
    from tradexl.schema import CUSTOMERS, INQUIRIES

    def frame(sheet, **values):
        return pd.DataFrame({c: [values.get(c)] for c in empty_frame(sheet).columns}, index=[2], dtype=object)

    inquiries = frame(INQUIRIES, Received=datetime(2024, 5, 9, 9), Company="Alpha", Status="Ordered")
    customers = frame(CUSTOMERS, **{"Customer ID": "C1", "Company": "Alpha"})
    tables = InputTables({"inquiries": inquiries, "customers": customers}, SETTINGS)
    enriched = enrich(tables, TODAY, datetime(2024, 5, 10, 17))
    assert enriched.orders.empty and not [p for p in enriched.problems if p.sheet == "Orders"]
    assert "Orders (12 mo)" not in computed_columns(enriched, tables)["customers"]  # no empty column written
    assert weekly_sheet(enriched, TODAY, SETTINGS).rows and monthly_sheet(enriched, TODAY, SETTINGS).rows
