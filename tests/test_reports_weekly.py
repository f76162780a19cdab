"""Weekly Summary: week boundaries, per-salesperson figures, customer and inquiry sections, print setup."""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from tradexl.model import Enriched
from tradexl.reports.weekly import team_stats, week_range, weekly_sheet
from tradexl.settings import CompanyProfile, Settings, TeamMember

T = pd.Timestamp
NAT = pd.NaT
MONDAY = date(2024, 5, 13)  # report day = Saturday 2024-05-11, week 05-05 .. 05-11


def enriched(**frames: pd.DataFrame) -> Enriched:
    keys = ("inquiries", "customers", "followups", "quotes", "products", "samples")
    return Enriched(**{k: frames.get(k, pd.DataFrame()) for k in keys})


INQUIRIES = pd.DataFrame({
    "Received": [T("2024-05-05 00:00"), T("2024-05-11 23:59"), T("2024-05-04 23:59"), T("2024-05-12 00:00"),
                 T("2024-05-08 10:00"), T("2024-05-09 10:00")],
    "Owner": ["Li", "li ", "Li", "Wang", "Zhao", ""],
    "Effective Grade": ["A", "B", "A", "C", "D", "C"],
    "Reply Status": ["Within target", "Within limit", "Late", "Unreplied – overdue", "Unreplied – in time",
                     "Late"],
    "Status": ["Ordered", "Quoted", "Ordered", "New", "New", "Replied"],
    "Replied At": [T("2024-05-05 01:00"), T("2024-05-12 08:00"), T("2024-05-06"), NAT, NAT, T("2024-05-11")],
    "Product": ["LED-100", "led-100", "PV-1", "X", " ", "PV-1"],
    "Region": ["Middle East", "Europe", "Europe", "", "", "Europe"],
    "Customer Key": ["C1", "C2", "C1", "C3", "C3", ""],
}, index=range(2, 8))
CUSTOMERS = pd.DataFrame({
    "Customer Key": ["C1", "C2", "C3", "C4"],
    "Company": ["Alpha", "Beta", "Gamma", "Delta"],
    "Owner": ["Li", "Wang", "", "Old"],
    "Country": ["UAE", "Germany", "USA", "Chile"],
    "Effective Grade": ["A", "B", "A", "C"],
    "Last Contact": [T("2024-05-01"), T("2024-05-01"), NAT, T("2024-04-01")],
    "Next Contact": [T("2024-05-04"), T("2024-05-08"), T("2024-05-13"), T("2024-05-01")],
    "Channel": ["Phone", "Email", "Email", "Email"],
}, index=range(2, 6))
FOLLOWUPS = pd.DataFrame({
    "Date": [T("2024-05-06"), T("2024-05-10"), T("2024-05-12"), T("2024-05-04")],
    "By": ["Li", "Wang", "Li", "Wang"],
    "Customer Key": ["C1", "C2", "C1", "C2"],
    "Summary": ["called, wants PI", "mailed catalog", "", "first mail"],
})
QUOTES = pd.DataFrame({"Date": [T("2024-05-06")] * 3 + [T("2024-05-12")], "Quote No": ["Q1", "Q1", "", "Q2"],
                       "By": ["Li", "Li", "Li", "Li"]}, index=range(2, 6))
SAMPLES = pd.DataFrame({"Date": [T("2024-05-07"), T("2024-05-04")], "By": ["Wang", "Wang"]})
DATA = enriched(inquiries=INQUIRIES, customers=CUSTOMERS, followups=FOLLOWUPS, quotes=QUOTES, samples=SAMPLES)
SETTINGS = Settings(company=CompanyProfile(name="Bright Co."),
                    team=(TeamMember("Li", monthly_target=100000), TeamMember("Wang", monthly_target=50000),
                          TeamMember("Sun"), TeamMember("Old", active=False)))


@pytest.mark.parametrize(("today", "ends_on", "expected"), [
    (date(2024, 5, 11), 5, (date(2024, 5, 5), date(2024, 5, 11))),   # Saturday report on Saturday
    (date(2024, 5, 13), 5, (date(2024, 5, 5), date(2024, 5, 11))),   # Monday: last Saturday's week
    (date(2024, 5, 10), 5, (date(2024, 4, 28), date(2024, 5, 4))),   # Friday: the week before
    (date(2024, 5, 13), 6, (date(2024, 5, 6), date(2024, 5, 12))),   # weeks ending Sunday
    (date(2024, 5, 8), 2, (date(2024, 5, 2), date(2024, 5, 8))),     # Wednesday report (boss meeting)
    (date(2024, 5, 7), 2, (date(2024, 4, 25), date(2024, 5, 1))),
    (date(2024, 1, 1), 0, (date(2023, 12, 26), date(2024, 1, 1))),   # across the year end
])
def test_week_range(today, ends_on, expected):
    assert week_range(today, ends_on) == expected


def test_team_rows_golden():
    sheet = weekly_sheet(DATA, MONDAY, SETTINGS)
    assert [r.values for r in sheet.rows[:5]] == [
        ("Weekly Summary – Bright Co.",),
        ("Week Sunday 2024-05-05 – Saturday 2024-05-11",),
        (),
        ("Salespeople",),
        ("Salesperson", "New", "A", "B", "C", "D", "≤2 h", "≤24 h", "Late", "Unreplied", "Follow-ups", "Overdue",
         "Quotes", "Samples", "Orders", "Target"),
    ]
    #            new A  B  C  D  2h 24h late unr fu ovd quo smp ord target
    assert [(r.kind, r.highlight, r.values) for r in sheet.rows[5:11]] == [
        ("data", "", ("Li", 2, 1, 1, 0, 0, 1, 2, 0, 0, 1, 1, 2, 0, 2, 100000)),
        ("data", "", ("Wang", 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 50000)),
        ("data", "", ("Sun", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None)),
        ("data", "", ("Old", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, None)),
        ("data", "warn", ("Zhao", 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, None)),
        ("data", "", ("(no owner)", 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, None)),
    ]
    assert sheet.rows[11].kind == "total"
    assert sheet.rows[11].values == ("Total", 4, 1, 1, 1, 1, 1, 2, 1, 1, 2, 3, 2, 1, 2, 150000)
    assert sheet.rows[5].formats[1:] == ("int",) * 15


def test_inactive_member_without_activity_is_left_out():
    stats = team_stats(replace(DATA, customers=CUSTOMERS.iloc[:3]), MONDAY, SETTINGS)
    assert list(stats.index) == ["Li", "Wang", "Sun", "Zhao", ""]


def section(sheet, title):
    start = next(i for i, r in enumerate(sheet.rows) if r.kind == "section" and r.values == (title,))
    end = next((i for i in range(start + 1, len(sheet.rows)) if sheet.rows[i].kind == "blank"), len(sheet.rows))
    return [(r.kind, r.highlight, tuple(v for v in r.values if v is not None)) for r in sheet.rows[start + 1:end]]


def test_key_customers_section():
    assert section(weekly_sheet(DATA, MONDAY, SETTINGS), "Key (A) customers") == [
        ("header", "", ("Company", "Country", "Owner", "Last contact", "Next contact", "Latest inquiry",
                        "Last summary")),
        ("data", "overdue", ("Alpha", "UAE", "Li", date(2024, 5, 1), date(2024, 5, 4), "Ordered",
                             "called, wants PI")),
        ("data", "", ("Gamma", "USA", "(no owner)", date(2024, 5, 13), "New · Unreplied – overdue", "")),
    ]


def test_overdue_ab_section_most_overdue_first():
    rows = section(weekly_sheet(DATA, MONDAY, SETTINGS), "Overdue A/B customers")
    assert rows == [
        ("header", "", ("Company", "Grade", "Country", "Owner", "Last contact", "Next contact", "Days overdue",
                        "Channel")),
        ("data", "overdue", ("Alpha", "A", "UAE", "Li", date(2024, 5, 1), date(2024, 5, 4), 9, "Phone")),
        ("data", "overdue", ("Beta", "B", "Germany", "Wang", date(2024, 5, 1), date(2024, 5, 8), 5, "Email")),
    ]


def test_top_products_and_regions():
    sheet = weekly_sheet(DATA, MONDAY, SETTINGS)
    assert section(sheet, "Top products (inquiries this week)") == [
        ("header", "", ("Product", "Inquiries", "Share")),
        ("data", "", ("LED-100", 2, 0.5)),
        ("data", "", ("PV-1", 1, 0.25)),
    ]
    assert section(sheet, "Inquiries by region") == [
        ("header", "", ("Region", "Inquiries", "Share")),
        ("data", "", ("Europe", 2, 0.5)),
        ("data", "", ("(unknown)", 1, 0.25)),
        ("data", "", ("Middle East", 1, 0.25)),
        ("total", "", ("Total", 4, 1.0)),
    ]
    share = next(r for r in sheet.rows if r.values[:1] == ("Europe",))
    assert (share.format_of(1), share.format_of(2)) == ("int", "percent")


def test_empty_week_says_none():
    sheet = weekly_sheet(enriched(), MONDAY, Settings())
    assert sheet.rows[5].values == ("Total", *([0] * 14), None)
    assert section(sheet, "Inquiries by region")[1:] == [("note", "", ("None",))]


def test_print_setup_fits_one_landscape_page():
    sheet = weekly_sheet(DATA, MONDAY, SETTINGS)
    setup = sheet.print_setup
    assert setup is not None
    assert (setup.landscape, setup.paper, setup.fit_width) == (True, "A4", True)
    assert setup.header_center == "Weekly Summary 2024-05-05 – 2024-05-11"
    assert setup.footer_center == "Page &P of &N"
    assert setup.repeat_rows == (5, 5) and sheet.rows[4].kind == "header"
    assert sheet.width == len(sheet.widths) and sum(sheet.widths) <= 150


def test_weekly_in_chinese():
    sheet = weekly_sheet(DATA, MONDAY, replace(SETTINGS, language="zh"))
    assert sheet.name == "Weekly Summary"
    assert sheet.rows[0].values == ("周报 – Bright Co.",)
    assert sheet.rows[1].values == ("统计周期：2024-05-05（星期日） 至 2024-05-11（星期六）",)
    assert sheet.rows[4].values[:2] == ("业务员", "新询盘")
    assert sheet.rows[10].values[0] == "(未分配)" and sheet.rows[11].values[0] == "合计"
    assert section(sheet, "重点客户（A 类）")[2][2][-2] == "新询盘 · 未回复（已超时）"
    assert section(sheet, "逾期未跟进的 A/B 客户")[1][2][-1] == "电话"
    assert sheet.print_setup is not None and sheet.print_setup.footer_center == "第 &P 页，共 &N 页"


def test_cells_are_plain_python_values_for_the_renderers():
    plain = (str, int, float, date, type(None))
    sheet = weekly_sheet(DATA, MONDAY, SETTINGS)
    assert {type(v) for r in sheet.rows for v in r.values} <= set(plain)
