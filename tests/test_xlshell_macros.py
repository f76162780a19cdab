"""The xlwings shell against xlwings' real classes (autospec) over an in-memory workbook: reads, writes, call
counts, value round-trips, error handling and the ribbon entry points."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
import xlwings as xw
from xlshell_book import HOSTILE, NOW, TODAY, clock, fake_run, workbook
from xlshell_fake import FakeExcel, Formula

import tradexl.xlshell.macros as macros
from tradexl import operations
from tradexl.errors import SettingsError
from tradexl.grid import column_letter
from tradexl.schema import CUSTOMERS, INQUIRIES
from tradexl.xlshell.workbook import execute

N_INQ = len(INQUIRIES.user_columns)
N_CUS = len(CUSTOMERS.user_columns)


def refresh(excel: FakeExcel, run: Any = fake_run) -> Any:
    return execute(excel.book, operations.STEPS, run=run, clock=clock)


def test_calls_do_not_grow_with_rows() -> None:
    small, large = workbook(10), workbook(1000)
    refresh(small)
    refresh(large)
    assert not small.alerts and not large.alerts
    assert len(small.log) == len(large.log)
    assert sorted(small.log) == sorted(large.log)
    assert len(small.log) < 200
    reads = [c for c in large.log if c == ("Range", "value")]
    # one bulk read per sheet read (Inquiries, Customers, Settings) and one write per block
    assert len(reads) == 3 + len(large.writes)


def alternating(tables: Any, today: date, now: datetime, steps: Any) -> Any:
    """The stand-in run with every other customer overdue and every other Due row highlighted."""
    result = fake_run(tables, today, now, steps)
    customers = result.computed["customers"].copy()
    customers["Days Overdue"] = [i % 2 * 5 for i in range(len(customers))]
    due = result.sheets[0]
    rows = tuple(replace(row, highlight="overdue" if i % 2 and row.kind == "data" else "")
                 for i, row in enumerate(due.rows))
    return replace(result, computed={**result.computed, "customers": customers}, sheets=[replace(due, rows=rows)])


def fills(sheet: Any, box: tuple[int, int, int, int]) -> dict[tuple[int, int], Any]:
    """(row, col) -> the fill each cell of `box` ends up with (the last colour set on it, None for none)."""
    looks = sheet.cell_formats(box)
    return {(r, c): next((v for a, v in reversed(looks.get((r, c), [])) if a == "color"), None)
            for r in range(box[0], box[2] + 1) for c in range(box[1], box[3] + 1)}


def test_alternating_highlights_cost_the_same_calls_at_10_and_1000_rows() -> None:
    small, large = workbook(10), workbook(1000)
    refresh(small, alternating)
    refresh(large, alternating)
    assert not small.alerts and not large.alerts
    assert small.log == large.log  # the very same calls, in the same order
    print(f"calls with alternating highlights: 10 rows {len(small.log)}, 1,000 rows {len(large.log)}")
    # Next Contact and Days Overdue of every other customer (Days Overdue 5) are filled, the rest are not
    customers = large.sheet("Customers")
    got = fills(customers, (2, N_CUS + 1, 1001, N_CUS + 8))
    assert got == {(r, c): "#FFC7CE" if r % 2 and c in (N_CUS + 4, N_CUS + 5) else None for r, c in got}
    assert "TradeXL scratch" not in [s.name for s in large.sheets]
    # on Due Follow-ups every other data row is filled, rows are in the report's order and the key column is gone
    due = large.sheet("Due Follow-ups")
    assert due.value(1, 1) == "Due follow-ups" and due.value(1004, 1) == "Total"
    assert not [k for k in due.cells if k[1] == 4]
    got = fills(due, (4, 1, 1003, 3))
    assert got == {(r, c): "#FFC7CE" if (r - 1) % 2 else None for r, c in got}
    assert [due.value(r, 3) for r in (4, 5)] == [39.0 - 3, 39.0 - 3]  # most overdue first, as fake_run sorts


def test_each_block_is_one_write() -> None:
    excel = workbook(25)
    refresh(excel)
    last_inq = f"{column_letter(N_INQ + 5)}26"
    assert excel.writes == [
        ("Inquiries", f"{column_letter(N_INQ + 1)}1:{last_inq}"),
        ("TradeXL scratch", "A1:A25"),  # the overdue fills' places (see FillStamp)
        ("Customers", f"{column_letter(N_CUS + 1)}1:{column_letter(N_CUS + 8)}26"),
        ("Due Follow-ups", "A1:C29"),
    ]


def test_computed_columns_land_next_to_the_table_which_grows() -> None:
    excel = workbook(5)
    refresh(excel)
    inq = excel.sheet("Inquiries")
    headers = [inq.value(1, N_INQ + i) for i in range(1, 6)]
    assert headers == ["Suggested Grade", "Grade Reason", "Region", "Response Hours", "Reply Status"]
    assert inq.tables["tblInquiries"] == (1, 1, 6, N_INQ + 5)
    assert excel.sheet("Customers").tables["tblCustomers"] == (1, 1, 6, N_CUS + 8)
    header_fmt = [f for f in inq.formats if f[0] == f"{column_letter(N_INQ + 1)}1:{column_letter(N_INQ + 5)}1"]
    assert ("font.italic" in {f[1] for f in header_fmt}) and any(f[1] == "color" for f in header_fmt)


def test_dates_blanks_and_numbers_as_text_round_trip() -> None:
    excel = workbook(3)
    seen: dict[str, Any] = {}

    def run(tables: Any, today: date, now: datetime, steps: Any) -> Any:
        seen["tables"] = tables
        return fake_run(tables, today, now, steps)

    refresh(excel, run)
    frame = seen["tables"].frames["inquiries"]
    assert list(frame.index) == [2, 3, 4]  # index = Excel row
    assert frame.at[2, "Received"] == datetime(2026, 11, 1, 9, 30)
    assert frame.at[2, "Product"] == "00123"  # text stays text
    assert frame.at[2, "Phone"] == "+1 555 0100"
    assert frame.at[3, "Quantity"] == 101.0
    assert frame.at[2, "Replied At"] is None and frame.at[2, "Grade"] is None
    cus = excel.sheet("Customers")
    last_contact = cus.value(2, N_CUS + 3)
    assert last_contact == datetime(2026, 11, 28)  # a date written as datetime
    assert cus.value(2, N_CUS + 8) == "00123"  # "00123" written as text, not the number 123
    # the number formats of the date columns are set once for the whole column block
    assert (f"{column_letter(N_CUS + 3)}2:{column_letter(N_CUS + 4)}4", "number_format", "yyyy-mm-dd") in cus.formats


def test_a_date_only_cell_reads_as_a_date_like_the_file_engine() -> None:
    excel = workbook(2)
    excel.sheet("Inquiries").cells[(2, 2)] = datetime(2026, 11, 5)
    seen: dict[str, Any] = {}
    refresh(excel, lambda t, *a: seen.setdefault("t", t) and fake_run(t, *a))
    assert seen["t"].frames["inquiries"].at[2, "Received"] == date(2026, 11, 5)


def test_blank_rows_keep_their_excel_row_and_get_blank_computed_cells() -> None:
    excel = workbook(4)
    inq = excel.sheet("Inquiries")
    for col in range(1, N_INQ + 1):
        inq.cells.pop((3, col), None)
    inq.cells[(3, N_INQ + 3)] = "stale region"
    refresh(excel)
    assert inq.value(2, N_INQ + 3) == "Middle East"
    assert inq.value(3, N_INQ + 3) is None
    assert inq.value(4, N_INQ + 3) == "Middle East"


def test_formula_looking_buyer_text_is_written_as_text() -> None:
    excel = workbook(3)
    refresh(excel)
    inq = excel.sheet("Inquiries")
    assert inq.value(2, N_INQ + 2) == HOSTILE  # Grade Reason echoes the company in the stand-in run
    assert inq.value(2, N_INQ + 5) == "-please quote"
    every_cell = [v for s in excel.sheets for v in s.cells.values()]
    assert not any(isinstance(v, Formula) for v in every_cell)


def test_generated_sheets_are_reused_stale_ones_removed() -> None:
    excel = workbook(10)
    refresh(excel)
    due = excel.sheet("Due Follow-ups")
    assert due.cleared == 1 and due.value(1, 1) == "Due follow-ups"
    assert "typed by a user" not in due.cells.values()
    assert excel.deleted == ["TradeXL scratch", "Quote - Atlantis"]  # the scratch sheet of the overdue fills
    assert due.print_area == "$A$1:$C$14"
    overdue_fills = [f for f in due.formats if f[1:] == ("color", "#FFC7CE")]
    assert overdue_fills == [("A4:C9", "color", "#FFC7CE")]  # one union for the overdue rows
    assert ("C:C", "column_width", 10) in due.formats


def test_screen_updating_and_calculation_off_while_writing_then_restored() -> None:
    excel = workbook(3)
    excel.calculation = "semiautomatic"
    refresh(excel)
    assert excel.history[:2] == [("screen_updating", False), ("calculation", "manual")]
    assert excel.history[-2:] == [("calculation", "semiautomatic"), ("screen_updating", True)]
    assert ("status_bar", "0 customers overdue") in excel.history


@pytest.mark.parametrize("error, shown", [
    (SettingsError("Week Ends On: 'Funday' is not a weekday"), "Week Ends On: 'Funday' is not a weekday"),
    (KeyError("boom"), "Unexpected error (KeyError): 'boom'"),
    (ValueError("first line\nsecond line"), "Unexpected error (ValueError): first line"),
])
def test_an_error_shows_one_message_box_and_writes_nothing(error: Exception, shown: str) -> None:
    excel = workbook(3)
    before = {s.name: dict(s.cells) for s in excel.sheets}

    def run(*args: Any) -> Any:
        raise error

    assert refresh(excel, run) is None
    assert excel.alerts == [(shown, "TradeXL", "critical")]
    assert excel.writes == [] and excel.deleted == []
    assert {s.name: dict(s.cells) for s in excel.sheets} == before
    assert (excel.screen_updating, excel.calculation) == (True, "automatic")


def test_a_missing_required_column_is_named_in_the_message() -> None:
    excel = workbook(3)
    excel.sheet("Customers").cells[(1, 2)] = "Firm"
    refresh(excel)
    assert excel.alerts == [("sheet 'Customers' has no column 'Company' (add it to the header row)",
                             "TradeXL", "critical")]
    assert excel.writes == []


def test_a_missing_customers_sheet_is_a_clear_error() -> None:
    excel = workbook(3)
    excel.sheets.remove(excel.sheet("Customers"))
    refresh(excel)
    assert excel.alerts[0][0].startswith("the workbook has no sheet 'Customers'")


def test_header_below_a_title_and_table_with_totals_row() -> None:
    excel = workbook(3)
    inq = excel.sheet("Inquiries")
    inq.cells = {(r + 2, c): v for (r, c), v in inq.cells.items()}
    inq.cells[(1, 1)] = "My inquiry register"
    inq.tables["tblInquiries"] = (3, 1, 7, N_INQ)  # 3 data rows + a totals row
    inq.totals.add("tblInquiries")
    inq.cells[(7, 1)] = "Total"
    refresh(excel)
    assert inq.value(3, N_INQ + 3) == "Region"
    assert [inq.value(r, N_INQ + 3) for r in (4, 5, 6, 7)] == ["Middle East"] * 3 + [None]


@pytest.mark.parametrize("name, steps", [
    ("refresh_followups", ("followups",)), ("grade_leads", ("grade",)), ("region_quotes", ("quotes",)),
    ("weekly_summary", ("weekly",)), ("monthly_review", ("monthly",)), ("statistics", ("stats",)),
    ("check_data", ("check",)), ("refresh_all", operations.STEPS),
])
def test_ribbon_macros_run_their_steps_on_the_calling_book(monkeypatch: pytest.MonkeyPatch, name: str,
                                                           steps: tuple[str, ...]) -> None:
    excel = workbook(2)
    asked: list[tuple[str, ...]] = []

    def run(tables: Any, today: date, now: datetime, s: Any) -> Any:
        asked.append(tuple(s))
        assert isinstance(today, date) and isinstance(now, datetime)
        return fake_run(tables, today, now, s)

    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: excel.book))
    monkeypatch.setattr(operations, "run", run)
    getattr(macros, name)()
    assert asked == [steps]
    assert not excel.alerts


def test_customer_history_writes_the_history_of_the_selected_row(monkeypatch: pytest.MonkeyPatch) -> None:
    excel = workbook(3)
    excel.selected = ("Inquiries", 3)
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: excel.book))
    macros.customer_history()
    assert not excel.alerts
    history = excel.sheet("History")
    wanted = excel.sheet("Inquiries").value(3, INQUIRIES.user_columns.index(INQUIRIES.column("Customer ID")) + 1)
    texts = [v for v in history.cells.values() if isinstance(v, str)]
    assert any(t.startswith("Customer history – ") and wanted in t for t in texts)
    assert any(t.startswith("Inquiries (") for t in texts)
    assert ("Inquiries", "C1:C1") not in excel.writes, "input sheets are not written"
    assert excel.status_bar.startswith("History of ")


@pytest.mark.parametrize("selected", [None, ("Settings", 2), ("Inquiries", 999)])
def test_customer_history_without_a_buyer_row_says_so_once(monkeypatch: pytest.MonkeyPatch, selected) -> None:
    excel = workbook(2)
    excel.selected = selected
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: excel.book))
    macros.customer_history()
    assert len(excel.alerts) == 1 and excel.alerts[0][0].startswith("select a data row")
    assert excel.writes == []


def test_a_misspelt_xlwings_api_fails() -> None:
    excel = workbook(1)
    with pytest.raises(AttributeError):
        excel.book.app.screen_updateing = False
    with pytest.raises(AttributeError):
        excel.book.sheets["Inquiries"].usedrange  # noqa: B018


def test_clock_is_read_by_the_shell() -> None:
    excel = workbook(2)
    got: list[tuple[date, datetime]] = []
    execute(excel.book, ("grade",), run=lambda t, d, n, s: got.append((d, n)) or fake_run(t, d, n, s))
    assert got and got[0][0] == got[0][1].date() and got[0] != (TODAY, NOW)


def test_team_report_reads_the_folder_remembered_in_settings(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Any) -> None:
    from tradexl.builder import build_workbook
    from tradexl.settings import Settings, TeamMember

    folder = tmp_path / "Sales"
    folder.mkdir()
    build_workbook(folder / "Kevin.xlsm", settings=Settings(team=(TeamMember("Kevin"),)),
                   data={"customers": [{"Customer ID": "C1", "Company": "Alpha", "Email": "a@alpha.ae",
                                        "Country": "UAE", "Owner": "Kevin"}]})
    excel = workbook(2)
    excel.fullname = str(tmp_path / "Team.xlsm")
    excel.sheet("Settings").put(3, 1, [["Team Folder", str(folder)]])
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: excel.book))
    macros.team_report()
    assert not excel.alerts
    assert excel.status_bar == "Team report: 1 workbook(s) read (Kevin); 0 note(s) on Team Check"
    due = [v for v in excel.sheet("Team Due").cells.values() if isinstance(v, str)]
    assert "Kevin – 1 due" in due
    assert ("Inquiries", "C1:C1") not in excel.writes


def test_team_report_without_a_folder_says_where_to_type_it(monkeypatch: pytest.MonkeyPatch) -> None:
    excel = workbook(2)
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: excel.book))
    macros.team_report()
    assert [a[0] for a in excel.alerts] == ["type the team's shared folder into Settings › Team Folder first"]
    assert excel.writes == []
