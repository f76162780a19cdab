"""Weekly Summary: week to date, headline figures against the same days of last week, the salesperson table,
the written report's sections and the print setup. Every figure below was worked out by hand from the frames."""

from dataclasses import replace
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from tradexl.model import Enriched
from tradexl.reports.weekly import report_period, team_stats, week_range, weekly_sheet
from tradexl.rules.orders import order_columns
from tradexl.settings import CompanyProfile, Settings, TeamMember

T = pd.Timestamp
NAT = pd.NaT
WEDNESDAY = date(2024, 5, 8)  # week Sunday 05-05 .. Saturday 05-11; to date 05-05 .. 05-08; last 04-28 .. 05-01
NOW = datetime(2024, 5, 8, 23, 59, 59)
SETTINGS = Settings(company=CompanyProfile(name="Bright & Co."), rates={"EUR": 1.1},
                    team=(TeamMember("Li", monthly_target=100000), TeamMember("Wang", monthly_target=50000),
                          TeamMember("Sun"), TeamMember("Old", active=False)))

INQUIRIES = pd.DataFrame({
    "Received": [T("2024-05-05 10:00"), T("2024-05-06 09:00"), T("2024-04-29 10:00"), T("2024-04-30 10:00"),
                 T("2024-04-25 10:00")],
    "Owner": ["Li", "li ", "Li", "Wang", "Wang"],
    "Effective Grade": ["A", "B", "A", "C", "B"],
    "Reply Status": ["Within target", "Unreplied – overdue", "Within target", "Within limit", "Late"],
    "Replied At": [T("2024-05-05 11:00"), NAT, T("2024-04-29 11:00"), T("2024-05-01 08:00"), T("2024-05-03 10:00")],
    "Reply Due": [T("2024-05-06 10:00"), T("2024-05-07 09:00"), T("2024-04-30 10:00"), T("2024-05-01 10:00"),
                  T("2024-04-26 10:00")],
    "Status": ["Ordered", "New", "Ordered", "Lost", "Quoted"],
    "Region": ["Middle East", "Europe", "Europe", "", "Europe"],
    "Channel": ["Alibaba", "Email", "Alibaba", "Website", "Email"],
    "Product": ["LED-100", "led-100", "PV-1", "X", "PV-1"],
    "Customer Key": ["C1", "C2", "C1", "C3", "C4"],
}, index=range(2, 7))
CUSTOMERS = pd.DataFrame({
    "Customer Key": ["C1", "C2", "C3", "C4"],
    "Company": ["Alpha", "Beta", "Gamma", "Delta"],
    "Owner": ["Li", "Wang", "Wang", "Li"],
    "Country": ["UAE", "Germany", "USA", "Chile"],
    "Phone": ["+971 4 1", "", "+1 2", ""],
    "Effective Grade": ["A", "B", "A", "A"],
    "Last Contact": [T("2024-05-01"), T("2024-05-03"), T("2024-04-28"), T("2024-05-05")],
    "Next Contact": [T("2024-05-04"), T("2024-05-10"), T("2024-05-01"), T("2024-05-08")],
    "Channel": ["Phone", "Email", "Phone", "Phone"],
}, index=range(2, 6))
FOLLOWUPS = pd.DataFrame({
    "Date": [T("2024-05-06"), T("2024-05-07"), T("2024-05-07"), T("2024-04-20"), T("2024-05-04")],
    "By": ["Li", "li", "Wang", "Wang", "Li"],
    "Customer Key": ["C1", "C1", "C2", "C2", "C4"],
    "Company": ["Alpha", "Alpha", "Beta", "Beta", "Delta"],
    "Channel": ["Phone", "Email", "Email", "Phone", "Email"],
    "Summary": ["called, wants PI", "sent PI", "asks 5% discount", "asks free sample", "first mail"],
    "Next Step": ["send PI", "wait for deposit", "", "", ""],
    "Needs Help": ["", "", "Yes", "Yes", ""],
    "Decision": ["", "", "", "OK, collect", ""],
}, index=range(2, 7))
QUOTES = pd.DataFrame({
    "Date": [T("2024-05-06"), T("2024-05-06"), T("2024-04-30"), T("2024-05-07")],
    "Quote No": ["Q1", "Q1", "Q2", "Q3"],
    "By": ["Li", "Li", "Wang", "Wang"],
    "Quantity": [100.0, 10.0, 1000.0, 5.0],
    "Unit Price": [2.5, 10.0, 1.0, 100.0],
    "Currency": ["USD", "EUR", "", "GBP"],
}, index=range(2, 6))
SAMPLES = pd.DataFrame({"Date": [T("2024-05-07"), T("2024-05-01")], "By": ["Wang", "Wang"]})
PRODUCTS = pd.DataFrame({"Model": ["LED-100", "PV-1"], "Name": ["LED Bulb 10W", "Solar Panel"]})
RAW_ORDERS = pd.DataFrame({
    "Order No": ["O1", "O2", "O3", "O4"],
    "Date": [T("2024-05-01"), T("2024-05-06"), T("2024-05-07"), T("2024-04-20")],
    "Customer Key": ["C1", "C3", "C2", "C1"],
    "Owner": ["Li", "Wang", "Li", "Li"],
    "Quantity": [np.nan] * 4, "Unit Price": [np.nan] * 4,
    "Amount": [5000.0, 2000.0, 999.0, 3000.0],
    "Currency": ["USD", "EUR", "USD", "USD"],
    "Payment Terms": ["30% deposit, 70% before shipment"] * 4,
    "Deposit Received": [1500.0, np.nan, np.nan, np.nan],
    "Deposit Date": [T("2024-05-06"), NAT, NAT, NAT],
    "Balance Received": [np.nan, np.nan, np.nan, 3000.0],
    "Balance Date": [NAT, NAT, NAT, T("2024-04-30")],
    "Ship Date": [NAT] * 4,
    "Status": ["Confirmed", "Confirmed", "Cancelled", "Completed"],
}, index=range(2, 6))
ORDERS = RAW_ORDERS.join(order_columns(RAW_ORDERS, SETTINGS, WEDNESDAY, "Orders")[0])


def enriched(**frames: pd.DataFrame) -> Enriched:
    keys = ("inquiries", "customers", "followups", "quotes", "products", "samples", "orders")
    return Enriched(**{k: frames.get(k, pd.DataFrame()) for k in keys})


DATA = enriched(inquiries=INQUIRIES, customers=CUSTOMERS, followups=FOLLOWUPS, quotes=QUOTES, samples=SAMPLES,
                products=PRODUCTS, orders=ORDERS)


@pytest.mark.parametrize(("today", "ends_on", "expected", "full"), [
    (date(2024, 5, 11), 5, (date(2024, 5, 5), date(2024, 5, 11)), True),    # Saturday report on Saturday
    (date(2024, 5, 8), 5, (date(2024, 5, 5), date(2024, 5, 8)), False),     # Wednesday: week to date
    (date(2024, 5, 5), 5, (date(2024, 5, 5), date(2024, 5, 5)), False),     # first day of the week
    (date(2024, 5, 12), 6, (date(2024, 5, 6), date(2024, 5, 12)), True),    # weeks ending Sunday
    (date(2024, 1, 1), 2, (date(2023, 12, 28), date(2024, 1, 1)), False),   # across the year end
])
def test_report_period_is_the_week_to_date(today, ends_on, expected, full):
    period, is_full = report_period(today, ends_on)
    assert ((period.start, period.end), is_full) == (expected, full)
    assert week_range(today, ends_on)[0] == expected[0]


def rows_of(sheet, title):
    """The rows after the section titled `title` up to the next blank row, without empty cells."""
    start = next(i for i, r in enumerate(sheet.rows) if r.kind == "section" and r.values[0].startswith(title))
    end = next((i for i in range(start + 1, len(sheet.rows)) if sheet.rows[i].kind == "blank"), len(sheet.rows))
    return [(r.kind, r.highlight, tuple(v for v in r.values if v is not None)) for r in sheet.rows[start + 1:end]]


def test_title_says_week_to_date():
    sheet = weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW)
    assert sheet.rows[0].values == ("Weekly Summary – Bright & Co.",)
    assert sheet.rows[1].values == ("Week to date: Sunday 2024-05-05 – Wednesday 2024-05-08 "
                                    "(week ends Saturday 2024-05-11)",)
    full = weekly_sheet(DATA, date(2024, 5, 11), SETTINGS)
    assert full.rows[1].values == ("Week Sunday 2024-05-05 – Saturday 2024-05-11",)


def test_headline_figures_against_the_same_days_last_week():
    rows = rows_of(weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW), "Headline figures")
    assert rows == [
        ("header", "", ("Figure", "This week", "Last week", "Change")),
        ("data", "", ("New inquiries", 2, 2, 0)),
        ("data", "", ("New customers (first inquiry)", 1, 2, -1)),   # C2 / C1 and C3
        ("data", "", ("Replied within 2 h", 1, 1, 0)),
        # now: row 3; at the same moment last week: row 6 (due 04-26, answered only on 05-03)
        ("data", "overdue", ("Unreplied past limit (now)", 1, 1, 0)),
        ("data", "overdue", ("Overdue customers (now)", 2)),            # Alpha 4 days, Gamma 7 days
        ("data", "", ("Quote value (USD)", 360, 1000, -640)),           # 100 × 2.50 + 10 × EUR 10 × 1.1; GBP no rate
        ("data", "", ("Order value (USD)", 2200, 5000, -2800)),         # O2 EUR 2000 × 1.1; O3 cancelled
        ("data", "", ("Payments received (USD)", 1500, 3000, -1500)),   # by Deposit Date / Balance Date
        ("total", "", ("Month to date / target / %", 7200, 150000, 7200 / 150000)),
    ]


def test_salesperson_table():
    sheet = weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW)
    rows = rows_of(sheet, "Salespeople")
    assert rows[0][2] == ("Salesperson", "MTD orders", "Target", "% target", "Orders", "Payments", "Inquiries",
                          "A/B", "≤2 h", "Unreplied", "Follow-ups", "Overdue", "Quotes", "Samples")
    #               MTD   target   %               week pay  inq A/B 2h unr fu ovd quo smp
    assert rows[1:5] == [
        ("data", "warn", ("Li", 5000, 100000, 0.05, 0, 1500, 2, 2, 1, 1, 2, 1, 1, 0)),
        ("data", "", ("Wang", 2200, 50000, 0.044, 2200, 0, 0, 0, 0, 0, 1, 1, 1, 1)),
        ("data", "", ("Sun", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),   # no target: target and % blank
        ("total", "", ("Total", 7200, 150000, 0.048, 2200, 1500, 2, 2, 1, 1, 3, 2, 2, 1)),
    ]
    assert sheet.rows[[r.values[:1] for r in sheet.rows].index(("Li",))].formats[1:4] == ("int", "int", "percent")


def test_inactive_member_without_activity_is_left_out():
    stats = team_stats(replace(DATA, customers=CUSTOMERS.iloc[:2]), WEDNESDAY, SETTINGS)
    assert list(stats.index) == ["Li", "Wang", "Sun"]


def test_followed_up_per_salesperson_with_what_happened():
    rows = rows_of(weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW), "Customers followed up")
    assert rows == [
        ("subtitle", "", ("Li: 1 customer",)),
        ("header", "", ("Customer", "Last contact", "Channel", "Summary", "Next step")),
        ("data", "", ("Alpha", date(2024, 5, 7), "Email", "2× sent PI", "wait for deposit")),
        ("subtitle", "", ("Wang: 1 customer",)),
        ("header", "", ("Customer", "Last contact", "Channel", "Summary", "Next step")),
        ("data", "", ("Beta", date(2024, 5, 7), "Email", "asks 5% discount", "")),
    ]


def test_key_customers_still_in_play_leave_out_lost():
    rows = rows_of(weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW), "Key (A) customers")
    assert rows == [  # Gamma's latest inquiry is Lost
        ("header", "", ("Company", "Country", "Owner", "Last contact", "Next contact", "Inquiry", "Summary")),
        ("data", "overdue", ("Alpha", "UAE", "Li", date(2024, 5, 1), date(2024, 5, 4), "Ordered", "sent PI")),
        ("data", "", ("Delta", "Chile", "Li", date(2024, 5, 5), date(2024, 5, 8), "Quoted", "first mail")),
    ]


def test_key_customer_whose_orders_are_all_completed_is_out_of_play():
    done = ORDERS.assign(Status=["Completed", "Confirmed", "Cancelled", "Completed"])
    rows = rows_of(weekly_sheet(replace(DATA, orders=done), WEDNESDAY, SETTINGS, NOW), "Key (A) customers")
    assert [r[2][0] for r in rows[1:]] == ["Delta"]


def test_overdue_ab_most_overdue_first():
    assert rows_of(weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW), "Overdue A/B") == [
        ("header", "", ("Company", "Country", "Owner", "Next contact", "Days overdue", "Channel", "Grade", "Phone")),
        ("data", "", ("Gamma", "USA", "Wang", date(2024, 5, 1), 7, "Phone", "A", "+1 2")),
        ("data", "", ("Alpha", "UAE", "Li", date(2024, 5, 4), 4, "Phone", "A", "+971 4 1")),
    ]


def test_needs_help_lists_open_requests_with_a_decision_column():
    assert rows_of(weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW), "Needs a decision") == [
        ("header", "", ("Customer", "Date", "By", "Request", "Decision")),
        ("data", "warn", ("Beta", date(2024, 5, 7), "Wang", "asks 5% discount", "")),  # 04-20 decided: left out
    ]


def test_top_products_regions_and_sources():
    sheet = weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW)
    assert rows_of(sheet, "Top products") == [
        ("header", "", ("Model", "Name", "Inquiries", "Share", "A/B")),
        ("data", "", ("LED-100", "LED Bulb 10W", 2, 1.0, 2)),
    ]
    assert rows_of(sheet, "Inquiries by region") == [
        ("header", "", ("Region", "Inquiries", "Share", "A/B", "Ordered")),
        ("data", "", ("Europe", 1, 0.5, 1, 0)),
        ("data", "", ("Middle East", 1, 0.5, 1, 1)),
        ("total", "", ("Total", 2, 1.0, 2, 1)),
    ]
    assert rows_of(sheet, "Inquiries by source")[1:3] == [
        ("data", "", ("Alibaba", 1, 0.5, 1, 1)), ("data", "", ("Email", 1, 0.5, 1, 0))]


def test_empty_workbook_says_none():
    sheet = weekly_sheet(enriched(), WEDNESDAY, Settings())
    assert rows_of(sheet, "Inquiries by region")[1:] == [("note", "", ("None",))]
    assert rows_of(sheet, "Headline figures")[1] == ("data", "", ("New inquiries", 0, 0, 0))


def test_print_setup_page_one_is_the_dashboard():
    sheet = weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW)
    setup = sheet.print_setup
    assert setup is not None
    assert (setup.landscape, setup.paper, setup.fit_width) == (True, "A4", True)
    assert setup.header_center == "Weekly Summary, week to date 2024-05-05 – 2024-05-08"
    assert setup.footer_center == "Page &P of &N"
    assert setup.repeat_rows is None  # every table carries its own header row
    (last,) = setup.page_breaks
    assert sheet.rows[last - 1].kind == "note" and sheet.rows[last + 1].values[0].startswith("Customers followed")
    assert sheet.width == len(sheet.widths)


def test_every_header_fits_its_column():
    """No wrapped one-word headers: each header text fits its column (CJK characters count double)."""
    for language in ("en", "zh"):
        sheet = weekly_sheet(DATA, WEDNESDAY, replace(SETTINGS, language=language), NOW)
        for row in sheet.rows:
            if row.kind != "header":
                continue
            for col, text in enumerate(row.values):
                if text:
                    wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))
                    assert wide <= sheet.widths[col], (language, text, sheet.widths[col])


def test_weekly_in_chinese():
    sheet = weekly_sheet(DATA, WEDNESDAY, replace(SETTINGS, language="zh"), NOW)
    assert sheet.rows[0].values == ("周报 – Bright & Co.",)
    assert sheet.rows[1].values[0].startswith("本周截至目前：2024-05-05（星期日）")
    assert rows_of(sheet, "业务员业绩")[0][2][:2] == ("业务员", "本月订单")
    assert rows_of(sheet, "逾期未跟进的 A/B 客户")[1][2][5] == "电话"
    assert sheet.print_setup is not None and sheet.print_setup.footer_center == "第 &P 页，共 &N 页"


def test_cells_are_plain_python_values_for_the_renderers():
    plain = (str, int, float, date, type(None))
    sheet = weekly_sheet(DATA, WEDNESDAY, SETTINGS, NOW)
    assert {type(v) for r in sheet.rows for v in r.values} <= set(plain)


def test_samples_sent_cost_and_the_orders_that_followed():
    samples = pd.DataFrame({
        "Date": [T("2024-05-07"), T("2024-05-01"), T("2024-01-01"), T("2024-05-06")],
        "By": ["Wang", "Li", "Li", "li"],
        "Customer Key": ["C3", "C1", "C1", "C2"],
        "Cost": [40.0, 25.5, 99.0, 10.0],
    })
    sheet = weekly_sheet(replace(DATA, samples=samples), WEDNESDAY, SETTINGS, NOW)
    # week to date 05-05..05-08: Wang's sample of 05-07 (cost 40), Li's of 05-06 ("li", cost 10).
    # Last 90 days (from 02-10): all but the January one. Then ordered: C1 ordered O1 on 05-01, the day of Li's
    # sample; C3's only order (05-06) came before Wang's sample; C2's order O3 is cancelled.
    assert rows_of(sheet, "Samples: sent this week") == [
        ("header", "", ("Salesperson", "Sent", "Cost", "Sent, 90 days", "Then ordered", "Conversion")),
        ("data", "", ("Li", 1, 10, 2, 1, 0.5)),
        ("data", "", ("Wang", 1, 40, 1, 0, 0.0)),
        ("total", "", ("Total", 2, 50, 3, 1, 1 / 3)),
    ]
