"""Check sheet: every problem, sorted by sheet then row, with a count; a clear row when there are none."""

from tradexl.model import Problem
from tradexl.reports.check import check_sheet
from tradexl.settings import Settings

PROBLEMS = [
    Problem("Inquiries", 12, "Received", "31/02/2024", "not a date: use YYYY-MM-DD"),
    Problem("Customers", 7, "Country", "Narnia", "unknown country: fix it or add it to the Settings overrides"),
    Problem("Inquiries", 3, "Inquiry ID", "Q-1", "duplicate ID (also row 2)"),
    Problem("Settings", None, "Price Factor", "abc", "not a number"),
    Problem("customers", 2, "Company", "", "missing required value"),
]


def test_check_sheet_sorted_by_sheet_then_row():
    sheet = check_sheet(PROBLEMS, Settings())
    assert sheet.name == "Check"
    assert [(r.kind, r.values) for r in sheet.rows] == [
        ("title", ("Check – 5 problems found",)),
        ("header", ("Sheet", "Row", "Column", "Value", "What to fix")),
        ("data", ("customers", 2, "Company", "", "missing required value")),
        ("data", ("Customers", 7, "Country", "Narnia",
                  "unknown country: fix it or add it to the Settings overrides")),
        ("data", ("Inquiries", 3, "Inquiry ID", "Q-1", "duplicate ID (also row 2)")),
        ("data", ("Inquiries", 12, "Received", "31/02/2024", "not a date: use YYYY-MM-DD")),
        ("data", ("Settings", None, "Price Factor", "abc", "not a number")),
    ]
    assert (sheet.freeze_rows, sheet.autofilter_header_row) == (2, 2)
    assert sheet.rows[2].format_of(1) == "int"


def test_one_problem_is_singular():
    assert check_sheet(PROBLEMS[:1], Settings()).rows[0].values == ("Check – 1 problem found",)


def test_no_problems():
    sheet = check_sheet([], Settings())
    assert [(r.kind, r.highlight, r.values) for r in sheet.rows] == [
        ("title", "", ("Check – 0 problems found",)),
        ("header", "", ("Sheet", "Row", "Column", "Value", "What to fix")),
        ("note", "good", ("No problems found",)),
    ]
    assert sheet.autofilter_header_row is None


def test_check_in_chinese():
    sheet = check_sheet(PROBLEMS, Settings(language="zh"))
    assert sheet.name == "Check"
    assert sheet.rows[0].values == ("数据检查 – 发现 5 个问题",)
    assert sheet.rows[1].values == ("工作表", "行", "列", "值", "如何修改")
    assert check_sheet([], Settings(language="zh")).rows[-1].values == ("未发现问题",)
