"""Issue 5, bad cells: property-based registers full of what users really type. Never a traceback; every problem
becomes a Check row naming sheet, row and column; everything else is still computed.

Each example writes a register with XlsxWriter (the corpus data with cells replaced: dates as text in several
formats, Excel serials, error values from formulas, quantities as text, very long and non-Latin text, duplicate
IDs, blank rows inside the Table, merged cells, headers with trailing spaces), refreshes it and checks the
result and the saved file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from conftest import engine, refresh
from corpus import data
from corpus.xlsxwriter_books import TRAILING
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from tradexl.schema import INPUT_SHEETS, SHEETS_BY_KEY

EXCEL_EPOCH = datetime(1899, 12, 30)
DATE_TEXTS = ("{d:%Y/%m/%d}", "{d:%d.%m.%Y}", "{d:%Y-%m-%d}", "{d:%d %b %Y}", "{d:%b %d, %Y}",
              "{d.year}年{d.month}月{d.day}日", "{d:%Y/%m/%d} 00:00")
GARBAGE_DATES = ("TBD", "yesterday", "32.13.2026", "2026-02-30", "asap", "#", "1/2/3/4")
QTY_TEXTS = ("5,000", "5000 pcs", "1x40HQ", "５０００", " 12.5 ", "1.000,50", "about 300", "-")
WEIRD_TEXT = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60),
    st.sampled_from(("مرحبا بالعالم", "東京貿易株式会社", "Ωμέγα ΑΕ", "😀 emoji buyer 🚀", "\u200b\u202eevil",
                     "x" * 32767, "长" * 5000)),
)


@dataclass(frozen=True)
class Err:
    """An Excel error value as a user's formula leaves it (a formula cell with a cached error)."""

    code: str


@dataclass
class Plan:
    plants: dict[int, tuple[str, Any]]
    blank_after: int | None
    merged_row: int | None
    spaces: bool
    duplicate_customer: bool
    bad_followup_date: bool
    expect_problem: list[tuple[str, int, str]] = field(default_factory=list)
    expect_hours: dict[int, float] = field(default_factory=dict)  # excel row -> hours, unless reported
    clean_rows: list[int] = field(default_factory=list)  # excel rows of Inquiries with nothing planted


PLANT = st.one_of(
    st.tuples(st.just("date_text"), st.sampled_from(DATE_TEXTS)),
    st.tuples(st.just("serial"), st.integers(0, 23)),
    st.tuples(st.just("garbage_date"), st.sampled_from(GARBAGE_DATES)),
    st.tuples(st.just("qty_text"), st.sampled_from(QTY_TEXTS)),
    st.tuples(st.just("text"), WEIRD_TEXT),
    st.tuples(st.just("duplicate"), st.just(None)),
)
N = len(data.INQUIRIES)
PLANS = st.builds(
    Plan,
    plants=st.dictionaries(st.integers(0, N - 1), PLANT, max_size=4),
    blank_after=st.one_of(st.none(), st.integers(0, N - 2)),
    merged_row=st.one_of(st.none(), st.integers(0, N - 1)),
    spaces=st.booleans(),
    duplicate_customer=st.booleans(),
    bad_followup_date=st.booleans(),
)


def excel_row(index: int, plan: Plan) -> int:
    return index + 2 + (1 if plan.blank_after is not None and index > plan.blank_after else 0)


def apply_plan(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    rows = copy.deepcopy(data.ROWS)
    inquiries = rows["inquiries"]
    for i, (kind, value) in plan.plants.items():
        row, r = inquiries[i], excel_row(i, plan)
        day = row["Received"].replace(hour=0, minute=0)
        if kind == "date_text":
            row["Received"] = value.format(d=day)
            row["Replied At"] = day + timedelta(hours=10)
            plan.expect_hours[r] = 10.0
        elif kind == "serial":
            stamp = day + timedelta(hours=value)
            row["Received"] = (stamp - EXCEL_EPOCH).total_seconds() / 86400
            row["Replied At"] = stamp + timedelta(hours=10)
            plan.expect_hours[r] = 10.0
        elif kind == "garbage_date":
            row["Received"] = value
            plan.expect_problem.append(("inquiries", r, "Received"))
        elif kind == "error":
            row[value[1]] = Err(value[0])
            plan.expect_problem.append(("inquiries", r, value[1]))
        elif kind == "qty_text":
            row["Quantity"] = value
        elif kind == "text":
            row["Message"] = value
            row["Company"] = value[:200]
        elif kind == "duplicate" and i != 0 and 0 not in plan.plants:
            row["Inquiry ID"] = inquiries[0]["Inquiry ID"]
            plan.expect_problem.append(("inquiries", r, "Inquiry ID"))
    plan.clean_rows = [excel_row(i, plan) for i in range(N) if i not in plan.plants
                       and inquiries[i]["Country"] != "Atlantis"]
    if plan.duplicate_customer:
        rows["customers"][5]["Customer ID"] = rows["customers"][0]["Customer ID"]
        plan.expect_problem.append(("customers", 7, "Customer ID"))
    if plan.bad_followup_date:
        rows["followups"][1]["Date"] = "next Tuesday"
        plan.expect_problem.append(("followups", 3, "Date"))
    return rows


def write_register(path: Path, rows: dict[str, list[dict[str, Any]]], plan: Plan) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for sheet in INPUT_SHEETS:
        ws = wb.add_worksheet(sheet.name)
        names = [c.name for c in sheet.user_columns]
        headers = [TRAILING.get(n, n) if plan.spaces else n for n in names]
        body = rows[sheet.key]
        blank = plan.blank_after if sheet.key == "inquiries" else None
        height = len(body) + (1 if blank is not None else 0)
        if sheet.key == "inquiries" and plan.merged_row is not None:  # Excel allows no merges inside a Table
            for c, h in enumerate(headers):
                ws.write_string(0, c, h)
        else:
            ws.add_table(0, 0, height, len(names) - 1,
                         {"name": sheet.table, "columns": [{"header": h} for h in headers]})
        for i, row in enumerate(body):
            r = i + 1 + (1 if blank is not None and i > blank else 0)
            for c, name in enumerate(names):
                value = row.get(name)
                if value is None:
                    continue
                if isinstance(value, Err):
                    ws.write_formula(r, c, "=NA()" if value.code == "#N/A" else "=#REF!", None, value.code)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                elif isinstance(value, datetime):
                    ws.write_datetime(r, c, value, fmt)
                elif hasattr(value, "year"):
                    ws.write_datetime(r, c, datetime(value.year, value.month, value.day), fmt)
                else:
                    ws.write_number(r, c, value)
            if sheet.key == "inquiries" and plan.merged_row == i:
                company = names.index("Company")
                ws.merge_range(r, company, r, company + 1, str(row.get("Company") or ""))
    wb.close()


def column_values(path: Path, sheet: str, header: str) -> dict[int, Any]:
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    heads = [str(v).strip() for v in grid[0]]
    col = heads.index(header)
    return {r + 1: row[col] for r, row in enumerate(grid) if r > 0 and col < len(row)}


def _matches(problem: Any, key: str, row: int, column: str) -> bool:
    sheet = SHEETS_BY_KEY[key]
    col = sheet.column(column)
    return (problem.sheet in (sheet.name, sheet.zh) and problem.row == row
            and problem.column.strip() in col.labels())


@settings(max_examples=20, report_multiple_bugs=False)
@given(plan=PLANS)
def test_bad_cells_become_check_rows_and_the_rest_is_computed(plan: Plan, tmp_path_factory) -> None:
    engine()
    rows = apply_plan(plan)
    path = tmp_path_factory.mktemp("cells") / "Register.xlsx"
    write_register(path, rows, plan)
    result = refresh(path)  # any exception fails the property: users must never see a traceback
    problems = result.problems
    for key, row, column in plan.expect_problem:
        assert any(_matches(p, key, row, column) for p in problems), \
            f"no Check row for {key} row {row} {column}; got {[(p.sheet, p.row, p.column) for p in problems]}"
    hours = column_values(path, "Inquiries", "Response Hours")
    for row, expected in plan.expect_hours.items():
        reported = any(_matches(p, "inquiries", row, "Received") for p in problems)
        assert reported or hours.get(row) == expected, f"row {row}: Received misread, Response Hours {hours.get(row)}"
    grades = column_values(path, "Inquiries", "Suggested Grade")
    regions = column_values(path, "Inquiries", "Region")
    status = column_values(path, "Inquiries", "Reply Status")
    for row in plan.clean_rows:
        assert grades.get(row) in {"A", "B", "C", "D"}, f"row {row}: no grade ({grades.get(row)!r})"
        assert regions.get(row), f"row {row}: no region"
        assert status.get(row), f"row {row}: no reply status"
    check = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Check").to_python()
    listed = {(str(r[0]), str(r[1]).removesuffix(".0"), str(r[2])) for r in check[2:] if r and r[0]}
    for p in problems:
        assert (p.sheet, str(p.row) if p.row is not None else "", p.column) in listed, f"{p} not on Check"


@pytest.mark.parametrize("column", ["Received", "Quantity", "Replied At"])
@pytest.mark.parametrize("code", ["#N/A", "#REF!"])
def test_error_values_left_by_formulas_become_check_rows(tmp_path: Path, code: str, column: str) -> None:
    """A user's formula that shows #N/A (a VLOOKUP that found nothing) is a problem to fix, not a blank."""
    engine()
    plan = Plan(plants={1: ("error", (code, column))}, blank_after=None, merged_row=None, spaces=False,
                duplicate_customer=False, bad_followup_date=False)
    path = tmp_path / "Register.xlsx"
    write_register(path, apply_plan(plan), plan)
    problems = refresh(path).problems
    assert any(_matches(p, "inquiries", 3, column) for p in problems), \
        f"{code} in Inquiries!{column} row 3 not on Check: {[(p.sheet, p.row, p.column, p.value) for p in problems]}"
