"""`tradexl handover`: a salesperson's customers and open inquiries move to a colleague (离职交接), or are covered
while they travel, with an introduction draft per buyer and an audit log that `--undo` reverses.

Choices:
- **For good** (no `--until`): the `Owner` cells of FROM's customers and open inquiries are rewritten to TO,
  cell by cell through the file engine (every other cell, style and part stays as it was).
- **Travel cover** (`--until DATE`): no Owner cell moves. FROM's row in Settings › Team gets `Cover` = TO and
  `Away Until` = DATE, and the computed view (`rules.team`) shows FROM's due customers under TO and routes FROM's
  new inquiries to TO until that day. Ownership "returns by itself" because it never left: nothing has to be
  written back on a later run (a refresh never writes a user's column), and owners typed during the trip stay.
- **The task for TO** is not a Follow-ups row (a row there is a contact made, and the introduction is only a
  draft): TO gets the drafts, and every customer shows on TO's Due list on its next-contact date.
- **The log** is the generated sheet `Handover Log`: rebuilt by this command from its previous rows plus the new
  ones (refresh never owns it), one row per changed cell with the value before and after, so the handover can be
  audited and undone exactly (`--undo ID` puts back every cell that still holds what the handover wrote).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from python_calamine import CalamineWorkbook

from tradexl.errors import WorkbookError
from tradexl.mail.draft import compose_draft, mailbox, sender_for, write_draft
from tradexl.messages import msg
from tradexl.model import InputTables, RunResult
from tradexl.rules.contacts import is_open
from tradexl.rules.regions import find_country
from tradexl.rules.team import fold
from tradexl.schema import normalize_header
from tradexl.settings import TEAM_TABLE, Settings, locate_table, table_row
from tradexl.sheetspec import PrintSetup, Row, SheetSpec

LOG_SHEET = "Handover Log"
LOG_COLUMNS = ("Handover ID", "Date", "From", "To", "Until", "Sheet", "Row", "Column", "Record", "Company",
               "Before", "After", "Status")
LOG_WIDTHS = (14.0, 11.0, 12.0, 12.0, 11.0, 11.0, 6.0, 12.0, 11.0, 28.0, 14.0, 14.0, 9.0)
DONE, UNDONE = "Done", "Undone"
ID_COLUMN = {"customers": "Customer ID", "inquiries": "Inquiry ID"}

GREETINGS: dict[str, tuple[str, ...]] = {
    "es": ("Estimado/a {contact}:", "A partir de ahora {to} le atenderá en lugar de {frm}."),
    "pt": ("Prezado(a) {contact},", "A partir de agora {to} cuidará do seu atendimento no lugar de {frm}."),
    "fr": ("Cher/Chère {contact},", "Désormais, {to} sera votre interlocuteur à la place de {frm}."),
    "ru": ("Уважаемый(ая) {contact}!", "С сегодняшнего дня вашим контактным лицом будет {to} вместо {frm}."),
    "ar": ("عزيزي {contact}،", "من الآن سيكون {to} مسؤول التواصل معكم بدلاً من {frm}."),
    "zh": ("尊敬的 {contact}：", "今后由 {to} 接替 {frm} 为您服务。"),
}
"""The buyer's own language for the opening lines (the English text always follows, so nothing is lost)."""

LANGUAGE_OF_COUNTRY: dict[str, str] = {
    **dict.fromkeys(("ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO", "DO", "HN", "PY", "SV",
                     "NI", "CR", "PA", "UY", "PR"), "es"),
    **dict.fromkeys(("BR", "PT", "AO", "MZ"), "pt"),
    **dict.fromkeys(("FR", "BE", "SN", "CI", "CM", "MA", "TN", "DZ", "CD", "ML", "BF", "NE", "GA", "MG"), "fr"),
    **dict.fromkeys(("RU", "BY", "KZ", "KG", "UZ", "TJ"), "ru"),
    **dict.fromkeys(("SA", "AE", "EG", "IQ", "JO", "KW", "LB", "LY", "OM", "QA", "BH", "SY", "YE", "SD", "PS"),
                    "ar"),
    **dict.fromkeys(("CN", "TW", "HK", "MO", "SG"), "zh"),
}
"""Country (ISO alpha-2) -> the language of the greeting; anything else is English only."""


@dataclass(frozen=True)
class Change:
    """One cell the handover writes (or an undo puts back)."""

    sheet: str
    row: int
    column: str
    record: str
    company: str
    before: Any
    after: Any


@dataclass
class HandoverResult:
    handover_id: str
    changes: list[Change] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    saved: bool = False


def buyer_language(country: object) -> str:
    known = find_country(country)
    return LANGUAGE_OF_COUNTRY.get(known.alpha2, "en") if known else "en"


def introduction(contact: str, company: str, country: object, frm: str, to: str, until: date | None,
                 settings: Settings) -> tuple[str, str]:
    """Subject and text of the introduction a buyer gets: their language's lines first, then English."""
    contact = contact.strip() or company.strip() or "Sir or Madam"
    lang = buyer_language(country)
    lines = [line.format(contact=contact, to=to, frm=frm) for line in GREETINGS.get(lang, ())]
    when = f"while {frm} is travelling, until {until.isoformat()}" if until else "from today"
    english = [f"Dear {contact},", "",
               f"{frm} has asked me to introduce myself: {when} I am your contact at {settings.company.name}.",
               "Everything you have discussed with us stays in place: prices, samples, orders and open questions.",
               "Please write to me directly, and let me know if there is anything I can do for you now.", "",
               "Best regards,", to, settings.company.name]
    text = "\n".join([*lines, "", *english] if lines else english)
    return f"Your new contact at {settings.company.name}: {to}", text


def plan_moves(tables: InputTables, frm: str, to: str) -> list[Change]:
    """The Owner cells a permanent handover rewrites: FROM's customers and FROM's open inquiries (pure)."""
    changes = []
    for key in ("customers", "inquiries"):
        frame = tables.frames[key]
        if "Owner" not in frame:
            continue
        mine = frame["Owner"].map(fold) == fold(frm)
        if key == "inquiries":
            mine &= is_open(frame["Status"].map(lambda v: "" if v is None else str(v).strip()))
        for row, record in frame.loc[mine].iterrows():
            changes.append(Change(key, int(str(row)), "Owner", _text(record.get(ID_COLUMN[key])),
                                  _text(record.get("Company")), _text(record["Owner"]), to))
    return changes


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _grid(path: Path, sheet: str) -> list[list[Any]] | None:
    book = CalamineWorkbook.from_path(str(path))
    if sheet not in book.sheet_names:
        return None
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _team_cells(grid: list[list[Any]], name: str) -> tuple[int, int, int]:
    """(Excel row of `name` in Settings › Team, column of Cover, column of Away Until), 1-based."""
    if locate_table(grid, TEAM_TABLE) is None:
        raise WorkbookError(msg("handover.no_cover_columns"))
    found = table_row(grid, TEAM_TABLE, name)
    if found is None:
        raise WorkbookError(msg("handover.not_in_team", name=name))
    row, first = found
    return row, first + 4, first + 5


def _log_rows(grid: list[list[Any]]) -> list[list[Any]]:
    header = next((i for i, row in enumerate(grid) if row and row[0] == LOG_COLUMNS[0]), None)
    if header is None:
        return []
    return [list(row[:len(LOG_COLUMNS)]) for row in grid[header + 1:] if row and _text(row[0])]


def log_sheet(rows: Sequence[Sequence[Any]]) -> SheetSpec:
    """The Handover Log: one row per changed cell, newest handover last."""
    body = [Row(tuple(r), kind="data", formats=("", "date", "", "", "date", "", "int", "", "", "", "", "", ""))
            for r in rows]
    return SheetSpec(name=LOG_SHEET, widths=LOG_WIDTHS, freeze_rows=2, autofilter_header_row=2,
                     rows=(Row(("Handover Log · 交接记录 – every cell tradexl handover changed; "
                                "tradexl handover BOOK --undo ID puts it back",), kind="title"),
                           Row(LOG_COLUMNS, kind="header"), *body),
                     print_setup=PrintSetup(landscape=True, fit_width=True, header_center=LOG_SHEET,
                                            repeat_rows=(2, 2)))


def _next_id(rows: Sequence[Sequence[Any]], today: date) -> str:
    stem = f"H{today:%Y%m%d}-"
    used = {_text(r[0]) for r in rows}
    n = 1
    while f"{stem}{n}" in used:
        n += 1
    return f"{stem}{n}"


def _cell_date(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


class HandoverBook(Protocol):
    """What a handover needs of a workbook: the file engine's (`tradexl handover`) or the workbook open in Excel
    (the Handover ribbon button, `tradexl.xlshell.handover`). Writes are staged and land on `save`."""

    @property
    def sheet_names(self) -> Sequence[str]: ...

    def read(self) -> InputTables: ...

    def grid(self, sheet: str) -> list[list[Any]] | None:
        """The sheet's values from A1 (None when there is no such sheet)."""

    def update_row(self, sheet_key: str, row: int, values: Mapping[str, Any]) -> None: ...

    def set_cells(self, sheet_name: str, cells: Mapping[tuple[int, int], Any]) -> None: ...

    def apply(self, result: RunResult) -> None: ...

    def save(self) -> bool: ...


class _FileBook:
    """A workbook file through the file engine, as a `HandoverBook`."""

    def __init__(self, path: Path, force: bool) -> None:
        from tradexl.fileengine.engine import FileWorkbook

        self.path = path
        self.book = FileWorkbook(path, force=force)

    @property
    def sheet_names(self) -> Sequence[str]:
        return [s.name for s in self.book.pkg.sheets]

    def read(self) -> InputTables:
        return self.book.read()

    def grid(self, sheet: str) -> list[list[Any]] | None:
        return _grid(self.path, sheet)

    def update_row(self, sheet_key: str, row: int, values: Mapping[str, Any]) -> None:
        self.book.update_row(sheet_key, row, values)

    def set_cells(self, sheet_name: str, cells: Mapping[tuple[int, int], Any]) -> None:
        self.book.set_cells(sheet_name, cells)

    def apply(self, result: RunResult) -> None:
        self.book.apply(result)

    def save(self) -> bool:
        return self.book.save()


def _two_people(frm: str, to: str) -> None:
    if fold(frm) == fold(to) or not frm.strip() or not to.strip():
        raise WorkbookError(msg("handover.same"))


def handover_file(path: Path, frm: str, to: str, *, until: date | None, out_dir: Path, today: date,
                  now: datetime, force: bool = False) -> HandoverResult:
    """Move (or cover) FROM's customers to TO in the workbook at `path`, write the drafts, log it, save."""
    _two_people(frm, to)
    return handover(_FileBook(Path(path), force), frm, to, until=until, out_dir=out_dir, today=today, now=now)


def handover(book: HandoverBook, frm: str, to: str, *, until: date | None, out_dir: Path, today: date,
             now: datetime) -> HandoverResult:
    """Move (or cover) FROM's customers to TO in `book`, write the drafts, log it, save."""
    _two_people(frm, to)
    tables = book.read()
    team = {fold(m.name): m for m in tables.settings.team}
    if tables.settings.team and fold(to) not in team:
        raise WorkbookError(msg("handover.not_in_team", name=to))
    if until is not None and until < today:
        raise WorkbookError(msg("handover.past", until=until.isoformat()))
    log = _log_rows(book.grid(LOG_SHEET) or [])
    result = HandoverResult(_next_id(log, today))
    if until is None:
        result.changes = plan_moves(tables, frm, to)
        for change in result.changes:
            book.update_row(change.sheet, change.row, {"Owner": change.after})
    else:
        settings_name = next(name for name in book.sheet_names if normalize_header(name) in
                             {normalize_header("Settings"), normalize_header("设置")})
        row, cover_col, away_col = _team_cells(book.grid(settings_name) or [], frm)
        member = team.get(fold(frm))
        result.changes = [
            Change("Settings", row, "Cover", frm, "", member.cover if member else "", to),
            Change("Settings", row, "Away Until", frm, "", member.away_until if member else None, until)]
        book.set_cells(settings_name, {(row, cover_col): to, (row, away_col): until})
    customers = tables.frames["customers"]
    owned = customers[customers["Owner"].map(fold) == fold(frm)] if "Owner" in customers else customers.iloc[0:0]
    sender = sender_for(tables.settings, to)
    for _, buyer in owned.iterrows():
        email = _text(buyer.get("Email")).split(";")[0].split(",")[0].strip()
        company = _text(buyer.get("Company"))
        if "@" not in email:
            result.skipped.append(msg("handover.no_email", buyer=_text(buyer.get("Customer ID")) or company))
            continue
        subject, text = introduction(_text(buyer.get("Contact")), company, buyer.get("Country"), frm, to, until,
                                     tables.settings)
        message = compose_draft(to=mailbox(_text(buyer.get("Contact")) or company, email), subject=subject,
                                text=text, when=now, sender=sender)
        stem = f"handover-{result.handover_id}-{_text(buyer.get('Customer ID')) or company}"
        result.drafts.append(write_draft(message, Path(out_dir), stem))
    new_rows = [[result.handover_id, today, frm, to, until, c.sheet, c.row, c.column, c.record, c.company,
                 _cell_date(c.before), c.after, DONE] for c in result.changes]
    book.apply(RunResult(computed={}, sheets=[log_sheet([*log, *new_rows])], message="", owned=(LOG_SHEET,)))
    result.saved = book.save()
    return result


def undo_handover(path: Path, handover_id: str, *, force: bool = False) -> HandoverResult:
    """Put back every cell the handover changed that still holds what it wrote; mark its log rows Undone."""
    from tradexl.fileengine.engine import FileWorkbook

    path = Path(path)
    log = _log_rows(_grid(path, LOG_SHEET) or [])
    mine = [r for r in log if _text(r[0]) == handover_id.strip()]
    if not mine:
        raise WorkbookError(msg("handover.unknown", handover_id=handover_id, sheet=LOG_SHEET))
    if all(_text(r[12]) == UNDONE for r in mine):
        raise WorkbookError(msg("handover.undone", handover_id=handover_id))
    book = FileWorkbook(path, force=force)
    tables = book.read()
    result = HandoverResult(handover_id.strip())
    settings_cells: dict[tuple[int, int], Any] = {}
    settings_name = ""
    for entry in mine:
        sheet, row, column, record, before, after = (_text(entry[5]), int(entry[6]), _text(entry[7]),
                                                     _text(entry[8]), entry[10], entry[11])
        change = Change(sheet, row, column, record, _text(entry[9]), after, before)
        if sheet == "Settings":
            settings_name = next(s.name for s in book.pkg.sheets if normalize_header(s.name) in
                                 {normalize_header("Settings"), normalize_header("设置")})
            grid = _grid(path, settings_name) or []
            team_row, cover_col, away_col = _team_cells(grid, record)
            col = cover_col if column == "Cover" else away_col
            current = grid[team_row - 1][col - 1]
            if _text(_cell_date(current)) != _text(_cell_date(after)):
                result.skipped.append(msg("handover.team_changed", record=record, column=column))
                continue
            settings_cells[(team_row, col)] = _cell_date(before) if _text(before) else None
            result.changes.append(replace(change, row=team_row))
            continue
        frame = tables.frames[sheet]
        ids = frame.get(ID_COLUMN[sheet], pd.Series(dtype=object)).map(_text)
        found = ids[ids == record].index if record else frame.index[frame.index == row]
        if len(found) != 1 or fold(frame.loc[found[0], "Owner"]) != fold(after):
            result.skipped.append(msg("handover.owner_changed", sheet=sheet, record=record or row))
            continue
        book.update_row(sheet, int(found[0]), {"Owner": before})
        result.changes.append(replace(change, row=int(found[0])))
    if settings_cells:
        book.set_cells(settings_name, settings_cells)
    rows = [[*r[:12], UNDONE] if _text(r[0]) == result.handover_id else r for r in log]
    book.apply(RunResult(computed={}, sheets=[log_sheet(rows)], message="", owned=(LOG_SHEET,)))
    result.saved = book.save()
    return result

