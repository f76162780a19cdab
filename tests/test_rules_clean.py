from datetime import date, datetime

import pandas as pd
import pytest

from tradexl.model import InputTables
from tradexl.rules.clean import clean_frame, clean_tables
from tradexl.rules.parse import Bad, parse_datetime, parse_id, parse_number
from tradexl.settings import Settings

TODAY = date(2026, 12, 10)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-28", datetime(2026, 11, 28)), ("2026/11/28", datetime(2026, 11, 28)),
    ("28.11.2026", datetime(2026, 11, 28)), ("11/28/2026", datetime(2026, 11, 28)),
    ("28/11/2026", datetime(2026, 11, 28)), ("Nov 28", datetime(2026, 11, 28)), ("Dec 25", datetime(2025, 12, 25)),
    ("28 Nov 2026", datetime(2026, 11, 28)), ("November 28, 2026", datetime(2026, 11, 28)),
    ("2026年11月28日", datetime(2026, 11, 28)), ("11月28日", datetime(2026, 11, 28)),
    ("2026-11-28 14:30", datetime(2026, 11, 28, 14, 30)), ("2026年11月28日 14时30分", datetime(2026, 11, 28, 14, 30)),
    ("28/11/2026 2:30 pm", datetime(2026, 11, 28, 14, 30)), (46354.5, datetime(2026, 11, 28, 12)),
    ("46354.5", datetime(2026, 11, 28, 12)), (datetime(2026, 1, 2, 3, 4), datetime(2026, 1, 2, 3, 4)),
    (date(2026, 1, 2), datetime(2026, 1, 2)), ("", None), (None, None),
])
def test_dates_in_common_formats(value, expected):
    parsed = parse_datetime(value, TODAY)
    assert parsed == (pd.Timestamp(expected) if expected else None)


@pytest.mark.parametrize("value", ["03/04/2026", "hello", "#N/A", "#REF!", True, "2026-02-30", 5.0, "1/1/3026"])
def test_unreadable_dates_say_what_to_fix(value):
    parsed = parse_datetime(value, TODAY)
    assert isinstance(parsed, Bad) and parsed.message


@pytest.mark.parametrize(("value", "expected"), [
    ("5,000 pcs", 5000), ("$2.35", 2.35), ("USD 2.35/pc", 2.35), ("2,35", 2.35), ("5k", 5000), ("5000件", 5000),
    ("¥12", 12), (3, 3), (2.5, 2.5), ("1,000.50", 1000.5), ("", None), (None, None),
])
def test_numbers(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", ["1x40HQ", "N/A", "#VALUE!", True, float("inf"), "1.2.3"])
def test_not_numbers(value):
    assert isinstance(parse_number(value), Bad)


@pytest.mark.parametrize(("value", "expected"), [(1001.0, "1001"), ("1001.0", "1001"), (" A-7 ", "A-7"), (None, "")])
def test_ids_lose_float_artifacts(value, expected):
    assert parse_id(value) == expected


def inquiries(**columns):
    return pd.DataFrame(columns, index=range(2, 2 + len(next(iter(columns.values())))))


def test_typed_frame_and_problems_name_sheet_row_column():
    raw = inquiries(**{"Inquiry ID": [1001.0, "1001", "X"], "Received": ["2026-11-28", "#N/A", 46354.5],
                       "Quantity": ["5,000 pcs", "1x40HQ", 3], "Status": ["new", "已报价", "weird"],
                       "Grade": ["a", None, "Z"], "Channel": ["fax", "E-mail", "阿里巴巴"]})
    frame, problems = clean_frame("inquiries", raw, TODAY, "询盘")
    assert frame["Inquiry ID"].tolist() == ["1001", "1001", "X"]
    assert frame["Received"].tolist()[0] == pd.Timestamp("2026-11-28") and pd.isna(frame["Received"][3])
    assert frame["Quantity"].tolist()[0] == 5000 and pd.isna(frame["Quantity"][3])
    assert frame["Quantity Text"].tolist() == ["5,000 pcs", "1x40HQ", "3"]
    assert frame["Status"].tolist() == ["New", "Quoted", ""]
    assert frame["Grade"].tolist() == ["A", "", ""]
    assert frame["Channel"].tolist() == ["Fax", "Email", "Alibaba"]
    assert frame["Company"].tolist() == ["", "", ""]
    found = {(p.sheet, p.row, p.column, p.value) for p in problems}
    assert found == {("询盘", 3, "Received", "#N/A"), ("询盘", 4, "Status", "weird"), ("询盘", 4, "Grade", "Z"),
                     ("询盘", 3, "Inquiry ID", "1001")}
    duplicate = next(p for p in problems if p.column == "Inquiry ID")
    assert "duplicate" in duplicate.message and "row 2" in duplicate.message


def test_blank_rows_are_skipped_silently_and_required_values_reported():
    raw = pd.DataFrame({"Company": ["Acme", None, "  ", ""], "Customer ID": ["C1", None, None, "C2"],
                        "Country": ["UAE", "", None, ""]}, index=[2, 3, 4, 5])
    frame, problems = clean_frame("customers", raw, TODAY, "Customers")
    assert frame.index.tolist() == [2, 5]
    assert [(p.row, p.column) for p in problems] == [(5, "Company")]


def test_duplicate_customer_ids_are_reported_case_insensitively():
    raw = pd.DataFrame({"Customer ID": ["c1", "C1"], "Company": ["A", "B"]}, index=[2, 3])
    _, problems = clean_frame("customers", raw, TODAY, "Customers")
    assert [(p.row, p.column) for p in problems] == [(3, "Customer ID")]


def test_quote_numbers_may_repeat_across_lines():
    raw = pd.DataFrame({"Quote No": ["Q-1", "Q-1"], "Date": ["2026-01-01"] * 2, "Model": ["X", "Y"]}, index=[2, 3])
    _, problems = clean_frame("quotes", raw, TODAY, "Quotes")
    assert problems == []


def test_missing_sheets_become_empty_typed_frames_and_workbook_sheet_names_are_used():
    tables = InputTables(frames={"products": pd.DataFrame({"Model": ["X"], "Base Price": ["abc"]}, index=[2])},
                         settings=Settings(), sheet_names={"products": "产品"})
    frames, problems = clean_tables(tables, TODAY)
    assert frames["inquiries"].empty and "Received" in frames["inquiries"]
    assert [(p.sheet, p.row, p.column) for p in problems] == [("产品", 2, "Base Price")]
