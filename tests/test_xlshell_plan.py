"""The pure half of the xlwings shell: addresses, grids to InputTables, plans and their validation."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from tradexl.errors import MissingColumnError, WorkbookError
from tradexl.model import RunResult
from tradexl.plan import stale_sheets
from tradexl.schema import CUSTOMERS, INQUIRIES
from tradexl.sheetspec import Row, SheetSpec
from tradexl.xlshell.plan import (
    ADDRESS_LIMIT,
    Extent,
    FillStamp,
    SheetGrid,
    TableRef,
    chunk_addresses,
    computed_ranges,
    input_tables,
    parse_address,
    plan_run,
    render,
    runs,
)
from tradexl.xlshell.values import from_excel, to_excel


@pytest.mark.parametrize("address, extent", [
    ("$A$1", Extent(1, 1, 1, 1)), ("$B$3:$K$20", Extent(3, 2, 20, 11)), ("Sheet1!AA10:AB12", Extent(10, 27, 12, 28)),
])
def test_parse_address(address: str, extent: Extent) -> None:
    assert parse_address(address) == extent
    assert parse_address(extent.address) == extent


def test_address_unions_are_chunked_under_excels_limit() -> None:
    areas = [f"A{r}:K{r}" for r in range(1, 2000, 2)]
    chunks = chunk_addresses(areas)
    assert all(len(c) <= ADDRESS_LIMIT for c in chunks)
    assert ",".join(chunks).split(",") == areas
    assert len(chunks) == pytest.approx(len(",".join(areas)) / ADDRESS_LIMIT, abs=2)


def test_runs() -> None:
    assert runs(["a", "a", "b", "a"]) == [("a", 0, 1), ("b", 2, 2), ("a", 3, 3)]


@pytest.mark.parametrize("value, written", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+86 574", "'+86 574"), ("00123", "'00123"), ("", None), (None, None),
    (float("nan"), None), (pd.NaT, None), (date(2026, 1, 2), datetime(2026, 1, 2)),
    (pd.Timestamp("2026-01-02 03:04"), datetime(2026, 1, 2, 3, 4)), (True, True), (3, 3),
])
def test_values_written(value: object, written: object) -> None:
    assert to_excel(value) == written
    assert type(to_excel(value)) is type(written)


def test_values_read() -> None:
    assert from_excel(datetime(2026, 1, 2)) == date(2026, 1, 2)
    assert type(from_excel(datetime(2026, 1, 2))) is date
    assert from_excel(datetime(2026, 1, 2, 8)) == datetime(2026, 1, 2, 8)
    assert from_excel(5.0) == 5.0 and from_excel(None) is None


def _inputs(inq: SheetGrid) -> dict[str, SheetGrid]:
    return {"inquiries": inq, "customers": SheetGrid("Customers", [["Customer ID", "Company"], ["C1", "Acme"]])}


def test_grid_offset_and_table_bound_the_data() -> None:
    inq = SheetGrid("Inquiries", [["Received", "Company", "Country"],
                                  [datetime(2026, 1, 1, 9), "A", "UAE"],
                                  [datetime(2026, 1, 2, 9), "B", "KSA"],
                                  ["Total", None, None]],
                    first_row=3, first_col=2,
                    tables=(TableRef("tblInquiries", Extent(3, 2, 6, 4), totals_rows=1),))
    tables, read = input_tables(_inputs(inq), None)
    frame = tables.frames["inquiries"]
    assert list(frame.index) == [4, 5]
    assert list(frame["Country"]) == ["UAE", "KSA"]
    assert read["inquiries"].layout.positions["Country"] == 4
    assert tables.frames["samples"].empty and "samples" not in tables.sheet_names


def test_missing_required_column_and_sheet() -> None:
    with pytest.raises(MissingColumnError, match="Received"):
        input_tables(_inputs(SheetGrid("Inquiries", [["Company", "Country"], ["A", "UAE"]])), None)
    with pytest.raises(WorkbookError, match="no sheet 'Customers'"):
        input_tables({"inquiries": SheetGrid("Inquiries", [["Received", "Company"]])}, None)


def test_settings_problems_name_the_settings_sheet() -> None:
    settings = SheetGrid("设置", [["Setting", "Value"], ["Language", "Klingon"]])
    tables, _ = input_tables(_inputs(SheetGrid("Inquiries", [["Received", "Company"]])), settings)
    assert [p.sheet for p in tables.settings_problems] == ["设置"]


def test_existing_computed_headers_stay_where_the_user_put_them() -> None:
    inq = SheetGrid("Inquiries", [["Region", "Received", "Company"], [None, datetime(2026, 1, 1), "A"]])
    _, read = input_tables(_inputs(inq), None)
    computed = pd.DataFrame({c.name: "x" for c in INQUIRIES.computed_columns}, index=[2])
    plan = plan_run(RunResult({"inquiries": computed}, [], ""), read, "zh", ["Inquiries", "Customers"])
    ranges = computed_ranges(plan.computed[0])
    blocks = ranges.blocks
    assert [(b.row, b.col) for b in blocks] == [(2, 1), (1, 4)]  # the user's own "Region" header is not rewritten
    assert blocks[0].values == (("x",),)
    assert blocks[1].values[0] == ("建议等级", "评级理由", "回复用时(小时)", "回复状态")
    assert ranges.header_areas == ("D1:G1",)
    assert dict(ranges.formats) == {"0.0": ("F2",)}
    assert ranges.table_resize == ""


def test_render_groups_styles_and_formats_by_runs() -> None:
    rows = (Row(("Title",), "title"), Row(("A", "B"), "header"),
            *[Row((f"c{i}", date(2026, 1, 1 + i % 28)), highlight="overdue" if i < 50 else "") for i in range(100)])
    out = render(SheetSpec("Due Follow-ups", rows, widths=(20, 12)))
    assert len(out.values) == 102 and all(len(r) == 2 for r in out.values)
    fills = {look.fill: areas for look, areas in out.styles}
    assert fills["FFFFC7CE"] == ("A3:B52",)
    assert dict(out.formats) == {"yyyy-mm-dd": ("B3:B102",)}
    assert dict(out.widths) == {20: ("A:A",), 12: ("B:B",)}


def test_stale_sheets_follow_owned_patterns() -> None:
    result = RunResult({}, [SheetSpec("Quote - Europe", ())], "", owned=("Quote - *", "Check"))
    names = ["Inquiries", "Quote - Europe", "quote - mars", "Check", "Checklist"]
    assert stale_sheets(names, result) == ("quote - mars", "Check")


@pytest.mark.parametrize("name", ["Quote - A/B", "x" * 32, "'quoted", "Inquiries"])
def test_invalid_generated_sheets_are_refused_before_writing(name: str) -> None:
    inq = SheetGrid("Inquiries", [["Received", "Company"], [datetime(2026, 1, 1), "A"]])
    _, read = input_tables(_inputs(inq), None)
    computed = pd.DataFrame({"Region": ["x"]}, index=[2])
    with pytest.raises(WorkbookError):
        plan_run(RunResult({"inquiries": computed}, [SheetSpec(name, (Row(("x",)),))], ""), read, "en", [])


def test_overlong_text_is_refused() -> None:
    with pytest.raises(WorkbookError, match="longer than Excel allows"):
        plan_run(RunResult({}, [SheetSpec("Check", (Row(("x" * 40_000,)),))], ""), {}, "en", [])


def test_customers_block_spans_header_to_last_row() -> None:
    cus = SheetGrid("Customers", [["Customer ID", "Company"], ["C1", "A"], ["C2", "B"]],
                    tables=(TableRef("tblCustomers", Extent(1, 1, 3, 2)),))
    inq = SheetGrid("Inquiries", [["Received", "Company"]])
    _, read = input_tables({"inquiries": inq, "customers": cus}, None)
    computed = pd.DataFrame({c.name: [1, 2] for c in CUSTOMERS.computed_columns}, index=[2, 3])
    plan = plan_run(RunResult({"customers": computed}, [], ""), read, "en", [])
    (cells,) = plan.computed
    write = computed_ranges(cells)
    assert write.blocks[0].extent == Extent(1, 3, 3, 12)  # ten computed columns, Call Window last
    assert write.table_resize == "A1:L3"
    assert cells.highlighted_rows == {2, 3}  # Days Overdue 1 and 2
    assert write.clear_fill == ()  # the stamp covers every data row of the highlighted columns
    assert write.stamp == FillStamp("FFFFC7CE", first_row=2, keys=(1, 2), filled=2, targets=((6, 7),))


def test_the_fill_stamp_puts_highlighted_rows_first_and_remembers_their_places() -> None:
    computed = pd.DataFrame({c.name: None for c in CUSTOMERS.computed_columns}, index=range(2, 8))
    computed["Days Overdue"] = [0, 4, None, 1, 0, 9]  # rows 3, 5 and 7 are overdue
    cus = SheetGrid("Customers", [["Customer ID", "Company"], *[[f"C{i}", "x"] for i in range(6)]])
    _, read = input_tables({"inquiries": SheetGrid("Inquiries", [["Received", "Company"]]), "customers": cus}, None)
    (cells,) = plan_run(RunResult({"customers": computed}, [], ""), read, "en", []).computed
    stamp = computed_ranges(cells).stamp
    assert stamp is not None and stamp.filled == 3 and stamp.width == 2
    # written order: the 2nd, 4th and 6th data rows (filled), then the others; sorting by key restores the order
    assert stamp.keys == (2, 4, 6, 1, 3, 5)
    no_one = computed.assign(**{"Days Overdue": 0})
    (cells,) = plan_run(RunResult({"customers": no_one}, [], ""), read, "en", []).computed
    assert computed_ranges(cells).stamp is None and computed_ranges(cells).clear_fill == ("F2:G7",)


def test_render_groups_rows_by_look_and_sorts_them_back() -> None:
    rows = (Row(("Title",), "title"), Row(("A", "B"), "header"),
            *[Row((f"c{i}", i), highlight="overdue" if i % 2 else "") for i in range(6)])
    out = render(SheetSpec("Due Follow-ups", rows, widths=(20, 12)))
    assert out.sort_key == 3
    assert [r[0] for r in out.values] == ["Title", "A", "c0", "c2", "c4", "c1", "c3", "c5"]
    assert [r[2] for r in out.values] == [1, 2, 3, 5, 7, 4, 6, 8]  # each row's place in the sheet
    fills = {look.fill: areas for look, areas in out.styles}
    assert fills["FFFFC7CE"] == ("A6:B8",)  # three scattered rows, one rectangle
    in_order = render(SheetSpec("Due Follow-ups", rows[:3], widths=(20, 12)))
    assert in_order.sort_key == 0 and all(len(r) == 2 for r in in_order.values)
