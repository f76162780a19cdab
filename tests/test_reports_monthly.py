"""Monthly Review: targets, six-month trend, A-list situations, outstanding payments; figures worked out by hand
from the Weekly Summary's small workbook (today Wednesday 2024-05-08: May to date)."""

from dataclasses import replace
from datetime import date

from test_reports_weekly import DATA, NOW, QUOTES, SETTINGS, WEDNESDAY, rows_of

from tradexl.reports.monthly import month_period, monthly_sheet

QUOTED = replace(DATA, quotes=QUOTES.assign(Status=["Sent", "Sent", "Accepted", "Sent"],
                                            **{"Customer Key": ["C1", "C1", "C3", "C2"]}))


def test_month_period():
    assert (month_period(date(2024, 5, 8)).start, month_period(date(2024, 5, 8)).end) == \
        (date(2024, 5, 1), date(2024, 5, 8))
    march = month_period(date(2024, 5, 8), 2)
    assert (march.start, march.end) == (date(2024, 3, 1), date(2024, 3, 31))
    january = month_period(date(2024, 3, 31), 2)
    assert (january.start, january.end) == (date(2024, 1, 1), date(2024, 1, 31))


def test_title_and_targets():
    sheet = monthly_sheet(QUOTED, WEDNESDAY, SETTINGS, NOW)
    assert sheet.rows[1].values == ("Month 2024-05 to date: Wednesday 2024-05-01 – Wednesday 2024-05-08",)
    assert rows_of(sheet, "Orders and payments against target") == [
        ("header", "", ("Salesperson", "Orders", "Target", "% target", "Payments", "Outstanding", "Overdue",
                        "New cust.", "Lost")),
        # O1 5000 (deposit 1500 on 05-06, owes 3500); O2 EUR 2000 × 1.1 unpaid; O3 cancelled; Beta new (Wang)
        ("data", "", ("Li", 5000, 100000, 0.05, 1500, 3500, 0, 0, 0)),
        ("data", "", ("Wang", 2200, 50000, 0.044, 0, 2200, 0, 1, 0)),
        ("data", "", ("Sun", 0, 0, 0, 0, 0, 0)),
        ("total", "", ("Total", 7200, 150000, 0.048, 1500, 5700, 0, 1, 0)),
        ("note", "", ("Amounts in USD. Outstanding and overdue balances are as of today.",)),
    ]


def test_trend_of_six_months():
    rows = rows_of(monthly_sheet(QUOTED, WEDNESDAY, SETTINGS, NOW), "Trend of the last six months")[:-1]
    assert [r[2][0] for r in rows[1:]] == ["2023-12", "2024-01", "2024-02", "2024-03", "2024-04",
                                            "2024-05 (to date)"]
    #                            inq A/B quotes value orders value payments
    assert rows[5][2] == ("2024-04", 3, 2, 1, 1000, 1, 3000, 3000)
    assert rows[6][2] == ("2024-05 (to date)", 2, 2, 2, 360, 2, 7200, 1500)
    assert rows[1][2] == ("2023-12", 0, 0, 0, 0, 0, 0, 0)


def test_a_list_has_each_customers_situation_in_a_line():
    assert rows_of(monthly_sheet(QUOTED, WEDNESDAY, SETTINGS, NOW), "A-list") == [
        ("header", "", ("Company", "Country", "Owner", "Last contact", "Situation")),
        ("data", "overdue", ("Alpha", "UAE", "Li", date(2024, 5, 1),
                             "1 open quote(s) USD 360 · owes USD 3,500 · sent PI")),
        ("data", "", ("Delta", "Chile", "Li", date(2024, 5, 5), "first mail")),
    ]


def test_new_and_outstanding():
    sheet = monthly_sheet(QUOTED, WEDNESDAY, SETTINGS, NOW)
    assert rows_of(sheet, "New customers")[1:] == [
        ("data", "", ("Beta", "Germany", "Wang", date(2024, 5, 6), "", ""))]
    assert rows_of(sheet, "Customers lost")[1:] == [("note", "", ("None",))]
    assert rows_of(sheet, "Outstanding payments")[1:] == [
        ("data", "", ("", "O1", "Li", 3500, "USD", 3500.0, "Deposit received")),
        ("data", "", ("", "O2", "Wang", 2200, "EUR", 2000.0, "Awaiting deposit")),
    ]


def test_print_setup_and_chinese():
    sheet = monthly_sheet(QUOTED, WEDNESDAY, replace(SETTINGS, language="zh"), NOW)
    setup = sheet.print_setup
    assert setup is not None and (setup.landscape, setup.fit_width) == (True, True)
    assert setup.header_center == "月度复盘 2024-05（截至 2024-05-08）"
    (page_one,) = setup.page_breaks
    (chart,) = sheet.charts  # order value and payments by month, in the blank rows kept on page 1
    assert chart.anchor[0] < page_one and sheet.rows[chart.anchor[0] - 3].kind == "note"
    assert [(s.categories, s.values) for s in chart.series] == [
        ((14, 1, 19, 1), (14, 7, 19, 7)), ((14, 1, 19, 1), (14, 8, 19, 8))]
    assert [sheet.rows[r - 1].values[0] for r in (13, 14, 19)] == ["月份", "2023-12", "2024-05 (至今)"]
    assert sheet.rows[0].values == ("月度复盘 – Bright & Co.",)
    assert rows_of(sheet, "未收款项")[1][2][-1] == "已收定金"
