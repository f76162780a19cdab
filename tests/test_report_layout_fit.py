"""Printed reports never cut a name or run half a word into the next cell: the first column grows to the longest
name (up to a cap) and a text longer than its room ends in "…". Room worked out by hand: the column and the empty
ones right of it, minus one character; letters count 0.92 of a digit."""

from tradexl.reports.layout import FIRST_COLUMN_CAP, fit_columns
from tradexl.sheetspec import Row


def test_first_column_grows_to_the_longest_name_and_no_further_than_the_cap() -> None:
    name = "Krungthep Electric Golden Supply Co., Ltd."  # 42 characters: 42 x 0.92 + 2 = 40.64
    widths, rows = fit_columns((32.0, 10.0), [Row(("Company", "Country"), kind="header"), Row((name, "Thailand"))])
    assert widths == (42 * 0.92 + 2, 10.0) and rows[1].values == (name, "Thailand")
    long_name = "X" * 60
    widths, rows = fit_columns((32.0, 10.0), [Row((long_name, "UAE"))])
    assert widths[0] == FIRST_COLUMN_CAP
    shown = rows[0].values[0]  # room 43: 1 ("…") + 45 letters x 0.92 = 42.32; one more would be 43.24
    assert shown == "X" * 45 + "…"


def test_a_text_is_shortened_to_its_room_up_to_the_next_value() -> None:
    summary = "Sent updated price list for LED Panel Light 600x600; buyer comparing with other Ningbo suppliers."
    row = Row(("Alpha", "2026-11-27", summary, None, None, "Ask for deposit"))
    _, (fitted,) = fit_columns((32.0, 12.0, 13.0, 13.0, 13.0, 12.0), [row])
    # room of the summary: 13 + 13 + 13 - 1 = 38 -> 40 characters (0.92 x 41 = 37.72 with the "…")
    assert fitted.values[2] == summary[:40].rstrip() + "…"
    # the last column's room ends at the sheet's edge: 12 - 1 = 11 -> 10 letters and the "…"
    assert fitted.values[5] == "Ask for de…"
    title = Row(("A title much longer than its column, on a row of its own",), kind="section")
    assert fit_columns((10.0,), [title])[1] == (title,)  # titles and notes run across empty cells as they are
