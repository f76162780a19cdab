"""Statistics: customer counts, activity by month, the funnel and the charts beside their tables; figures worked
out by hand from the Weekly Summary's small workbook (today 2024-05-08)."""

from dataclasses import replace

from test_reports_weekly import CUSTOMERS, DATA, NOW, SETTINGS, WEDNESDAY, rows_of

from tradexl.reports.statistics import statistics_sheet

PROFILED = replace(DATA, customers=CUSTOMERS.assign(
    Region=["Middle East", "Europe", "North America", "Latin America"],
    Type=["Importer", "Importer", "Retailer", ""], Size=["Large", "Small", "Small", "Small"],
    Source=["Alibaba", "Trade show", "Alibaba", "Referral"]))


def test_customers_by_region_and_type():
    sheet = statistics_sheet(PROFILED, WEDNESDAY, SETTINGS, NOW)
    assert rows_of(sheet, "Customers by region")[:5] == [
        ("header", "", ("Region", "Customers", "Share")),
        ("data", "", ("Europe", 1, 0.25)), ("data", "", ("Latin America", 1, 0.25)),
        ("data", "", ("Middle East", 1, 0.25)), ("data", "", ("North America", 1, 0.25)),
    ]
    assert rows_of(sheet, "Customers by type")[1:4] == [
        ("data", "", ("Importer", 2, 0.5)), ("data", "", ("(unknown)", 1, 0.25)), ("data", "", ("Retailer", 1, 0.25))]


def test_activity_by_month_and_funnel():
    sheet = statistics_sheet(PROFILED, WEDNESDAY, SETTINGS, NOW)
    months = rows_of(sheet, "Inquiries, quotes and orders by month")
    assert months[0][2] == ("Month", "Inquiries", "Quotes", "Orders", "Order value")
    # April: 3 inquiries, Q2, O4 (3000); May: 2 inquiries, Q1 and Q3, O1 and O2 (5000 + EUR 2000 × 1.1), O3 cancelled
    assert months[5:7] == [("data", "", ("2024-04", 3, 1, 1, 3000)), ("data", "", ("2024-05", 2, 2, 2, 7200))]
    assert rows_of(sheet, "Inquiry → quote")[1:5] == [
        ("data", "", ("Inquiries", 5, 1.0)), ("data", "", ("Quoted", 3, 0.6)),
        ("data", "", ("Sample sent", 2, 0.4)), ("data", "", ("Ordered", 2, 0.4))]


def test_charts_sit_beside_the_tables_they_draw():
    sheet = statistics_sheet(PROFILED, WEDNESDAY, SETTINGS, NOW)
    assert [c.kind for c in sheet.charts] == ["bar", "pie", "bar", "column", "bar", "line"]
    month = sheet.charts[3]
    (first, col, last, _), values = month.series[0].categories, month.series[0].values
    assert (col, values[1]) == (1, 2) and [sheet.rows[r - 1].values[0] for r in (first, last)] == \
        ["2023-12", "2024-05"]
    assert sheet.rows[first - 2].kind == "header" and sheet.rows[month.anchor[0] - 1].kind == "section"
    assert len(sheet.widths) >= month.anchor[1] + 7, "the charts are inside the printed columns"
    setup = sheet.print_setup
    assert setup is not None and setup.landscape and setup.fit_width and setup.page_breaks
