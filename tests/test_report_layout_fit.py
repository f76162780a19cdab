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


def test_tables_that_fit_a_page_are_not_split_and_none_starts_at_a_page_foot() -> None:
    from tradexl.reports.layout import keep_tables_together, page_rows
    from tradexl.sheetspec import PrintSetup, SheetSpec

    widths = (20.0,) * 8  # 8 x (20 x 7 + 5) = 1,160 pixels -> int(1160 x 55 / 1330) - 1 = 46 rows a page
    assert page_rows(widths) == 46

    def table(title: str, n: int) -> list[Row]:
        return [Row((), kind="blank"), Row((title,), kind="section"), Row(("Name", "N"), kind="header"),
                *[Row((f"{title} {i}", i)) for i in range(n)]]

    rows = [Row(("Dashboard",), kind="title"), *[Row(("x", 1))] * 9,  # page 1: rows 1-10
            *table("A", 30),  # rows 11-43 on page 2 (33 rows)
            *table("B", 20),  # 23 rows: 33 + 23 > 46, fits a page -> page 3 starts at its title (row 45)
            *table("C", 60),  # too long for any page: starts on page 3 (22 used + 1 + 5 <= 46)
            *table("D", 5)]
    spec = keep_tables_together(SheetSpec("S", tuple(rows), widths, print_setup=PrintSetup(page_breaks=(10,))))
    assert spec.print_setup is not None
    # C: B's 22 rows + its blank + title, header and 60 rows = 85 from page 3's start, so 39 on page 4; D (its
    # blank and 7 rows) would need 47 > 46: it starts page 5 with its title, after row 130 (D's blank)
    assert spec.print_setup.page_breaks == (10, 44, 130)
