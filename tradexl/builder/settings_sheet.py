"""The Settings sheet (the small tables a user edits) and the hidden xlwings.conf sheet.

The tables sit side by side under one title row, each an Excel Table with the headers of
`settings.SETTINGS_TABLES`, so `settings.parse_settings` finds them by their header rows and reads back exactly
the `Settings` they were written from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from tradexl.builder.cells import TITLE_FONT, WRAP, add_dropdown, add_table, put, set_width
from tradexl.markers import tab_name
from tradexl.schema import FOLLOWUP_CHANNELS, GRADES, SETTINGS_SHEET, YES_NO
from tradexl.settings import (
    BANK_TABLE,
    CADENCE_TABLE,
    COUNTRY_TABLE,
    CURRENCY_TABLE,
    GENERAL_TABLE,
    KEYWORDS_TABLE,
    MAIL_ROUTING_TABLE,
    REGIONS_TABLE,
    SAMPLES_TABLE,
    TEAM_TABLE,
    TRADE_SHOWS_TABLE,
    WEEKDAYS,
    Settings,
    TableLayout,
    settings_grid_rows,
)

XLWINGS_CONF_SHEET = "xlwings.conf"
# Read by xlwings (key in column A from A1, value in B; keys are matched upper-cased). Only non-empty values:
# an empty entry on this sheet would override the user's own xlwings configuration.
XLWINGS_CONF = (("UDF Modules", "udfs"),)

TITLE_ROW, HEADER_ROW = 1, 2
LIST_ROWS = 200  # dropdowns in list tables reach this far, room for a growing team or region list
GAP = 1  # empty columns between two tables


@dataclass(frozen=True)
class Placement:
    """How one settings table appears: Excel table name, column widths, wrapped and dropdown columns."""

    layout: TableLayout
    table: str
    widths: tuple[float, ...]
    wrap: tuple[int, ...] = ()
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)


PLACEMENTS = (
    Placement(GENERAL_TABLE, "tblSettings", (24, 38), wrap=(1,)),
    Placement(CADENCE_TABLE, "tblCadence", (8, 13, 11), choices={0: GRADES, 2: FOLLOWUP_CHANNELS}),
    Placement(REGIONS_TABLE, "tblRegions", (22, 12, 48, 32, 20, 11), wrap=(2, 3)),
    Placement(COUNTRY_TABLE, "tblCountryRegions", (22, 22)),
    Placement(TEAM_TABLE, "tblTeam", (16, 8, 26, 15, 16, 13), choices={1: YES_NO}),
    Placement(KEYWORDS_TABLE, "tblKeywords", (12, 60), wrap=(1,)),
    Placement(MAIL_ROUTING_TABLE, "tblMailRouting", (28, 16)),
    Placement(BANK_TABLE, "tblBank", (16, 40), wrap=(1,)),
    Placement(TRADE_SHOWS_TABLE, "tblTradeShows", (26, 14, 14, 12, 12, 10, 30), wrap=(6,)),
    Placement(SAMPLES_TABLE, "tblSampleRules", (28, 10)),
    Placement(CURRENCY_TABLE, "tblCurrency", (10, 10)),
)
# Dropdowns for single values of the General table, by setting key.
GENERAL_CHOICES = {"Language": ("en", "zh"), "Week Ends On": WEEKDAYS, "Grade After Loss": GRADES}


def add_settings_sheet(wb: Workbook, settings: Settings) -> None:
    ws = wb.create_sheet(tab_name(SETTINGS_SHEET, settings.language))
    grid = settings_grid_rows(settings)
    left = 1
    for place in PLACEMENTS:
        layout = place.layout
        rows = grid[layout.key]
        title = ws.cell(TITLE_ROW, left)
        put(title, f"{layout.title} · {layout.title_zh}")
        title.font = TITLE_FONT
        add_table(ws, place.table, [en for en, _ in layout.headers], rows, top=HEADER_ROW, left=left)
        for offset, width in enumerate(place.widths):
            set_width(ws, left + offset, width)
        for offset in place.wrap:
            for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(rows)):
                ws.cell(r, left + offset).alignment = WRAP
        for offset, choices in place.choices.items():
            letter = get_column_letter(left + offset)
            add_dropdown(ws, choices, f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + LIST_ROWS}")
        if layout is GENERAL_TABLE:
            value_letter = get_column_letter(left + 1)
            for r, (key, _) in enumerate(rows, start=HEADER_ROW + 1):
                if key in GENERAL_CHOICES:
                    add_dropdown(ws, GENERAL_CHOICES[key], f"{value_letter}{r}")
        left += len(layout.headers) + GAP
        set_width(ws, left - 1, 3)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate


def add_xlwings_conf_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(XLWINGS_CONF_SHEET)
    for r, (key, value) in enumerate(XLWINGS_CONF, start=1):
        put(ws.cell(r, 1), key)
        put(ws.cell(r, 2), value)
    set_width(ws, 1, 20)
    ws.sheet_state = "hidden"
