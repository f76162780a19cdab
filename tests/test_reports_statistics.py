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


def test_month_by_region_matrices_and_funnel():
    sheet = statistics_sheet(PROFILED, WEDNESDAY, SETTINGS, NOW)
    inquiries = rows_of(sheet, "Inquiries by month × region")
    # regions as columns, most inquiries first, unknown last; months as rows (Dec .. May), totals both ways.
    # Inquiries carry their own Region: April 04-25 and 04-29 Europe, 04-30 none; May 05-05 Middle East, 05-06 Europe
    assert inquiries[0] == ("header", "", ("Month", "Europe", "Middle East", "North America", "(unknown)", "Total"))
    assert inquiries[1] == ("data", "", ("2023-12", 0, 0, 0, 0, 0))
    assert inquiries[5:] == [("data", "", ("2024-04", 2, 0, 0, 1, 3)), ("data", "", ("2024-05", 1, 1, 0, 0, 2)),
                             ("total", "", ("Total", 3, 1, 0, 1, 5))]
    # quotes have no customer here, so no region: Q2 in April, Q1 (two lines, one quote) and Q3 in May
    assert rows_of(sheet, "Quotes by month × region")[5:] == [
        ("data", "", ("2024-04", 0, 0, 0, 1, 1)), ("data", "", ("2024-05", 0, 0, 0, 2, 2)),
        ("total", "", ("Total", 0, 0, 0, 3, 3))]
    # orders take the customer's region: O4 (C1, Middle East) in April; O1 (C1) and O2 (C3, North America) in May;
    # O3 is cancelled. Values: 3000; 5000 and EUR 2000 x 1.1 = 2200
    assert rows_of(sheet, "Orders by month × region")[5:] == [
        ("data", "", ("2024-04", 0, 1, 0, 0, 1)), ("data", "", ("2024-05", 0, 1, 1, 0, 2)),
        ("total", "", ("Total", 0, 2, 1, 0, 3))]
    assert rows_of(sheet, "Order value by month × region (USD)")[5:] == [
        ("data", "", ("2024-04", 0, 3000, 0, 0, 3000)), ("data", "", ("2024-05", 0, 5000, 2200, 0, 7200)),
        ("total", "", ("Total", 0, 8000, 2200, 0, 10200))]
    assert rows_of(sheet, "Inquiry → quote")[1:5] == [
        ("data", "", ("Inquiries", 5, 1.0)), ("data", "", ("Quoted", 3, 0.6)),
        ("data", "", ("Sample sent", 2, 0.4)), ("data", "", ("Ordered", 2, 0.4))]


def test_charts_sit_beside_or_below_the_tables_they_draw():
    sheet = statistics_sheet(PROFILED, WEDNESDAY, SETTINGS, NOW)
    assert [c.kind for c in sheet.charts] == ["bar", "pie", "bar", "column", "bar", "line"]
    month = sheet.charts[3]
    assert [s.name for s in month.series] == ["Inquiries", "Quotes", "Orders"]
    for series, title in zip(month.series, ("Inquiries by", "Quotes by", "Orders by"), strict=True):
        (first, col, last, _), values = series.categories, series.values
        assert col == 1 and values[1] == values[3] == 6  # the matrix's Total column
        assert [sheet.rows[r - 1].values[0] for r in (first, last)] == ["2023-12", "2024-05"]
        assert sheet.rows[first - 3].values[0].startswith(title)
    assert month.anchor[1] == 1 and month.anchor[0] > month.series[-1].categories[2]  # below the matrices
    assert all(r.kind == "blank" for r in sheet.rows[month.anchor[0] - 1:month.anchor[0] + 12])
    assert len(sheet.widths) >= sheet.charts[0].anchor[1] + 6, "the charts are inside the printed columns"
    setup = sheet.print_setup
    assert setup is not None and setup.landscape and setup.fit_width and setup.page_breaks


def test_matrices_without_any_activity_are_months_of_zeros():
    quiet = replace(PROFILED, inquiries=PROFILED.inquiries.iloc[0:0], quotes=PROFILED.quotes.iloc[0:0],
                    orders=PROFILED.orders.iloc[0:0])
    sheet = statistics_sheet(quiet, WEDNESDAY, SETTINGS, NOW)
    assert rows_of(sheet, "Inquiries by month × region") == [
        ("header", "", ("Month", "Total")), *[("data", "", (m, 0)) for m in
                                              ("2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05")],
        ("total", "", ("Total", 0))]
