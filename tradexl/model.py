"""The data passed between the shells and the core: raw input tables, problems, and what a run produces."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tradexl.settings import Settings
from tradexl.sheetspec import SheetSpec


@dataclass(frozen=True)
class Problem:
    """One data problem for the Check sheet: where it is and what the user should do about it."""

    sheet: str
    row: int | None
    column: str
    value: str
    message: str


@dataclass
class InputTables:
    """The input sheets as read by a shell, before any cleaning.

    Each frame has the canonical column names of `tradexl.schema` (missing optional columns are added as
    empty) and is indexed by the Excel row number of the data row, so problems can name the row.
    Cell values are what the reader saw: str, float/int, datetime/date, bool or None.
    `sheet_names` maps sheet key -> the workbook's own sheet name (for messages); absent sheets are not in it.
    """

    frames: dict[str, pd.DataFrame]
    settings: Settings
    sheet_names: dict[str, str] = field(default_factory=dict)
    settings_problems: list[Problem] = field(default_factory=list)


@dataclass
class RunResult:
    """What one run produces: computed column values per input sheet and the generated sheets.

    `computed[key]` is indexed like the input frame and has the computed columns of that sheet (canonical
    names). `sheets` are the generated sheets in workbook order. `message` is the one-line status text.
    """

    computed: dict[str, pd.DataFrame]
    sheets: list[SheetSpec]
    message: str
    problems: list[Problem] = field(default_factory=list)
    owned: tuple[str, ...] = ()
    """Generated-sheet names this run is responsible for ("Quote - *" is a prefix pattern): a workbook sheet
    matching one of them that is not in `sheets` is stale and gets removed (e.g. a region dropped from Settings)."""


@dataclass
class Enriched:
    """The input tables cleaned, typed, linked and with every computed column: what reports read.

    Typing: text and ID columns are `str` ("" when blank); numbers are float (NaN when blank or not a number;
    the original text is kept in `Quantity Text` for Inquiries/Quotes quantities like "1x40HQ");
    dates and date-times are `pd.Timestamp` (NaT when blank or unreadable). Index = Excel row number.

    Extra columns beyond the contract (never written to the workbook):
    - every frame except products: `Customer Key` – the customer a row belongs to (Customer ID, else
      "email:<address>", else "name:<normalised company>"; "" when nothing identifies it);
    - inquiries: `Effective Grade` (manual Grade, else Suggested Grade), `Is Open` (bool),
      `Reply Due` (Timestamp: Received + the reply limit for its channel);
    - customers: `Effective Grade` (same as Current Grade, "" when none), `Is Open` (has an open inquiry).
      `Owner View` (the Owner, or "Anna (for Kevin)" while Kevin is away: `rules.team`).
    Customers gets a row for every customer key seen in the other sheets only if it is in Customers;
    unknown customers are reported as problems instead.
    """

    inquiries: pd.DataFrame
    customers: pd.DataFrame
    followups: pd.DataFrame
    quotes: pd.DataFrame
    products: pd.DataFrame
    samples: pd.DataFrame
    orders: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Orders lines with the computed columns and the extra money columns of `rules.orders` (empty without an
    Orders sheet)."""
    problems: list[Problem] = field(default_factory=list)
