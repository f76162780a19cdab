"""grid.frame_from_rows: the streamed frame both readers build (values as read, one object per repeated text)."""

from __future__ import annotations

from datetime import date

from tradexl.grid import frame_from_grid, frame_from_rows, locate
from tradexl.schema import CUSTOMERS

GRID = [
    ["Customer ID", "Company", "Country", "Size", "Notes"],
    ["C1", "ACME", "UAE", 1.0, ""],
    ["", "", "", "", ""],
    ["C2", "Beta", "UAE", True, "  "],
    ["C3", "Gamma", "Oman", 0.0, date(2026, 1, 5)],
    ["C4", "", "UAE", "", date(2026, 1, 5)],
    ["", "", "", "", ""],
    ["", "", "", "", "   "],
]


def test_repeated_text_and_dates_are_one_object_and_other_types_stay_apart():
    layout = locate(CUSTOMERS, "Customers", GRID)
    frame, _ = frame_from_rows(CUSTOMERS, layout, iter(GRID[1:]), to_last_value=True)
    assert list(frame.index) == [2, 4, 5, 6]  # row 3 holds nothing; rows 7-8 are past the last value
    assert frame["Country"].tolist() == ["UAE", "UAE", "Oman", "UAE"]
    assert frame.loc[2, "Country"] is frame.loc[6, "Country"]
    assert frame.loc[5, "Notes"] is frame.loc[6, "Notes"]
    assert [type(v) for v in frame["Size"]] == [float, bool, float, type(None)]  # True == 1.0, yet stays a bool
    assert frame.loc[2, "Notes"] is None and frame.loc[4, "Notes"] == "  "
    assert frame["Contact"].isna().all() and set(map(str, frame.dtypes)) == {"object"}


def test_streamed_rows_end_where_locate_ends_a_whole_grid():
    whole = locate(CUSTOMERS, "Customers", GRID)
    frame, layout = frame_from_rows(CUSTOMERS, whole, iter(GRID[1:]), to_last_value=True)
    assert layout == whole and layout.last_data_row == 6
    expected = frame_from_grid(CUSTOMERS, whole, GRID)
    assert frame.equals(expected) and frame.index.equals(expected.index)


def test_short_rows_read_as_empty_past_their_end():
    grid = [["Customer ID", "Company", "Country"], ["C1", "ACME"], ["C2"]]
    frame = frame_from_grid(CUSTOMERS, locate(CUSTOMERS, "Customers", grid), grid)
    assert frame[["Customer ID", "Company", "Country"]].values.tolist() == [["C1", "ACME", None], ["C2", None, None]]
