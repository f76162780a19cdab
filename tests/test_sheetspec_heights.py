"""A header row whose labels wrap gets the height of its lines, so it never prints over the first data row (the
Statistics matrices have region names as column headers). Lines worked out by hand, wrapping at spaces."""

from tradexl.sheetspec import LINE_HEIGHT, Row, SheetSpec, header_lines


def test_header_lines_wrap_at_spaces_worked_by_hand() -> None:
    assert header_lines("Inquiries", 9) == 1  # 9 characters in a 9-wide cell
    assert header_lines("Southeast Asia", 11) == 2  # "Southeast" (9) + " Asia" = 14 > 11
    assert header_lines("Russia & Central Asia", 11) == 3  # "Russia &" | "Central" | "Asia" ("Central Asia" = 12)
    assert header_lines("Abcdefghijklmnopqrstuvw", 11) == 3  # one 23-character word breaks inside: 11 + 11 + 1
    assert header_lines("询盘：月份 × 区域", 11) == 2  # 询盘：月份 is 10 wide; "× 区域" goes to line two


def test_only_headers_that_wrap_get_a_height() -> None:
    spec = SheetSpec("S", (Row(("Title",), kind="title"),
                           Row(("Month", "Russia & Central Asia", "Total"), kind="header"),
                           Row(("2026-11", 3, 3)),
                           Row(("Month", "Europe", "Total"), kind="header")), widths=(26, 11, 11))
    assert spec.row_heights() == {2: 3 * LINE_HEIGHT}
