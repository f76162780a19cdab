"""How each generated-sheet role looks (title, header, highlight fills ...), shared by both shells.

The file engine turns a `Look` into styles.xml entries and the xlwings shell into Range formatting calls, so a
sheet refreshed from the command line and one refreshed from the ribbon look the same.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

HIGHLIGHT_FILLS = {"": "", "overdue": "FFFFC7CE", "warn": "FFFFEB9C", "good": "FFC6EFCE", "key": "FFDDEBF7"}
GREY = "FF595959"


@dataclass(frozen=True)
class Look:
    """A cell look in renderer-neutral terms; turned into font/fill/border/xf entries on demand."""

    bold: bool = False
    italic: bool = False
    size_delta: float = 0.0
    color: str = ""
    fill: str = ""
    border: str = ""  # "", "top", "bottom"
    wrap: bool = False


ROLE_LOOKS: dict[str, Look] = {
    "title": Look(bold=True, size_delta=5),
    "subtitle": Look(italic=True, color=GREY),
    "section": Look(bold=True, size_delta=1, border="bottom"),
    "header": Look(bold=True, fill="FFD9E1F2", border="bottom", wrap=True),
    "data": Look(),
    "total": Look(bold=True, border="top"),
    "note": Look(italic=True, color=GREY),
    "blank": Look(),
}
COMPUTED_HEADER = Look(bold=True, italic=True, color="FF7F6000", fill="FFFFF2CC", border="bottom")
"""Header of a computed column on an input sheet, whoever writes it (template builder, file engine, xlwings)."""
COMPUTED_STYLE = "TradeXL Computed"
"""The named cell style of computed-column headers (Home > Cell Styles in Excel)."""
HEADER_FONT = "Calibri"
"""The computed header's font by name (not the theme's), unless the workbook's default font names another."""


def row_look(kind: str, highlight: str = "") -> Look:
    """The look of a generated-sheet row: its role's look, with the highlight's fill (a key row is also bold)."""
    look = ROLE_LOOKS.get(kind, ROLE_LOOKS["data"])
    if highlight:
        look = replace(look, fill=HIGHLIGHT_FILLS.get(highlight, ""), bold=look.bold or highlight == "key")
    return look


def computed_look(highlight: str = "") -> Look:
    """The look of a computed cell in an input sheet: plain, or the highlight's fill."""
    return Look(fill=HIGHLIGHT_FILLS.get(highlight, ""))
