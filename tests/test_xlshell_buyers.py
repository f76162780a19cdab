"""The Handover, Mailing and Trip ribbon macros against xlwings' real classes (autospec, tests/xlshell_fake.py)
over real workbooks loaded cell by cell, with the real services: the same cells and drafts as the command line
(`tradexl handover`, `mailing`, `trip`), one message box and nothing written on a refusal."""

from __future__ import annotations

import email
import shutil
from datetime import date, datetime
from email.policy import default
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw
from outreach_book import build as build_outreach
from test_handover import book as handover_book
from test_xlshell_crossshell import excel_value, load
from xlshell_fake import FakeExcel

import tradexl.xlshell.macros as macros
from tradexl.grid import column_letter
from tradexl.handover import LOG_SHEET, handover_file
from tradexl.schema import CUSTOMERS, INQUIRIES

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30)


def in_excel(path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeExcel:
    """The workbook at `path` open in the fake Excel, as the calling book of the macros, on TODAY."""
    excel = load(path)
    excel.fullname = str(path)
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: excel.book))
    monkeypatch.setattr(macros, "now", lambda: (TODAY, NOW))
    opened: list[Path] = []
    monkeypatch.setattr(macros, "open_with_default_program", opened.append)
    excel.opened = opened  # type: ignore[attr-defined]
    return excel


def column_of(excel: FakeExcel, sheet: str, header: str) -> int:
    return next(c for (r, c), v in excel.sheet(sheet).cells.items() if r == 1 and v == header)


def owners(excel: FakeExcel, sheet: str, rows: int) -> list[Any]:
    return [excel.sheet(sheet).value(r, column_of(excel, sheet, "Owner")) for r in range(2, rows + 2)]


def sheet_values(excel: FakeExcel, name: str) -> dict[tuple[int, int], Any]:
    return {k: excel_value(v) for k, v in excel.sheet(name).cells.items()}


def test_handover_button_moves_the_owners_like_the_command_line(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = handover_book(tmp_path)
    cli_copy = Path(shutil.copyfile(path, tmp_path / "cli.xlsm"))
    excel = in_excel(path, monkeypatch)
    macros.handover("Kevin", "Anna")
    assert not excel.alerts
    # C1, C3 (owner typed "kevin") and C4 move; Kevin's open inquiry I1 moves, the Lost one (I2) stays
    assert owners(excel, CUSTOMERS.name, 4) == ["Anna"] * 4
    assert owners(excel, INQUIRIES.name, 3) == ["Anna", "Kevin", "Anna"]
    # one write per sheet's Owner column, whatever rows change
    owner_cols = {name: column_letter(column_of(excel, name, "Owner")) for name in (CUSTOMERS.name, INQUIRIES.name)}
    owner_writes = [(sheet, address) for sheet, address in excel.writes if sheet in owner_cols
                    and address.startswith(owner_cols[sheet])]
    assert owner_writes == [(CUSTOMERS.name, f"{owner_cols[CUSTOMERS.name]}2:{owner_cols[CUSTOMERS.name]}5"),
                            (INQUIRIES.name, f"{owner_cols[INQUIRIES.name]}2")]
    drafts = sorted(p.name for p in (tmp_path / "Handover").glob("*.eml"))
    assert drafts == ["handover-H20261201-1-C1.eml", "handover-H20261201-1-C3.eml"]  # C4 has no email
    assert excel.opened == [tmp_path / "Handover"]  # type: ignore[attr-defined]
    assert excel.status_bar == ("Handover H20261201-1: 4 owner cell(s) moved from Kevin to Anna; 2 introduction "
                                f"draft(s) in {tmp_path / 'Handover'}")
    # the command line on a copy of the same file: the same Handover Log, cell for cell
    handover_file(cli_copy, "Kevin", "Anna", until=None, out_dir=tmp_path / "cli", today=TODAY,
                  now=NOW.astimezone())
    ws = openpyxl.load_workbook(cli_copy)[LOG_SHEET]
    theirs = {(c.row, c.column): excel_value(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert sheet_values(excel, LOG_SHEET) == theirs
    assert len([k for k in theirs if k[1] == 1]) == 2 + 4  # title, header, one row per moved cell


def test_handover_button_covers_a_traveller_until_a_typed_day(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    excel = in_excel(handover_book(tmp_path), monkeypatch)
    settings = excel.sheet("Settings")
    kevin = next(k for k, v in settings.cells.items() if v == "Kevin")
    header = {v: c for (r, c), v in settings.cells.items() if v in ("Cover", "Away Until") and r < kevin[0]}
    macros.handover("Kevin", "Li", "20.12.2026")
    assert not excel.alerts
    assert owners(excel, CUSTOMERS.name, 4) == ["Kevin", "Anna", "kevin", "Kevin"]  # nobody's owner moves
    assert settings.value(kevin[0], header["Cover"]) == "Li"
    assert settings.value(kevin[0], header["Away Until"]) == datetime(2026, 12, 20)
    assert excel.status_bar.startswith("Handover H20261201-1: Li covers Kevin until 2026-12-20; 2 introduction")


@pytest.mark.parametrize("args, shown", [
    (("Kevin", "kevin"), "FROM and TO must be two different salespeople"),
    (("Kevin", "Zoe"), "'Zoe' is not in Settings › Team; add them there first"),
    (("Kevin", "Anna", "someday"), "Until 'someday': "),
    (("Kevin", "Anna", "2026-11-30"), "--until 2026-11-30 is in the past"),
])
def test_a_refused_handover_shows_one_message_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 args: tuple[str, ...], shown: str) -> None:
    excel = in_excel(handover_book(tmp_path), monkeypatch)
    macros.handover(*args)
    assert len(excel.alerts) == 1 and excel.alerts[0][0].startswith(shown)
    assert excel.writes == [] and not (tmp_path / "Handover").exists()


@pytest.fixture
def outreach(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeExcel:
    return in_excel(build_outreach(tmp_path / "Sales.xlsm"), monkeypatch)


def drafts_in(folder: Path) -> dict[str, email.message.EmailMessage]:
    found = {}
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        assert isinstance(message, email.message.EmailMessage)
        found[path.name.split("-")[1]] = message
    return found


def test_mailing_button_writes_the_segment_s_drafts_next_to_the_workbook(outreach: FakeExcel, tmp_path: Path) -> None:
    macros.mailing("new-products", "A")
    assert not outreach.alerts
    (folder,) = (tmp_path / "Mailing").iterdir()
    assert folder.name == "2026-12-01-new-products-a"
    found = drafts_in(folder)
    assert sorted(found) == ["C001", "C006"]  # the grade-A buyers, as `tradexl mailing --grade A`
    assert found["C001"]["X-Unsent"] == "1" and str(found["C001"]["From"]) == "Lily <lily@lumax.test>"
    assert (folder / "mailing.csv").is_file() and (folder / "mailchimp.csv").is_file()
    assert outreach.opened == [folder]  # type: ignore[attr-defined]
    assert outreach.status_bar == (f"Mailing 'New products 2026-12': 2 draft(s) in {folder}; left out: 0 Do Not "
                                   "Mail, 1 without a usable email address")  # C005, grade A, has no email
    assert outreach.writes == []  # drafts are not contacts: the workbook is not touched


def test_mailing_button_counts_who_is_left_out_and_refuses_an_unknown_template(outreach: FakeExcel) -> None:
    macros.mailing("price-update")
    assert outreach.status_bar.endswith("left out: 1 Do Not Mail, 1 without a usable email address")
    macros.mailing("spring-sale")
    assert outreach.alerts[-1][0].startswith("no built-in template 'spring-sale'")


def test_trip_button_builds_the_trip_sheet_and_visit_requests(outreach: FakeExcel, tmp_path: Path) -> None:
    macros.trip("United Arab Emirates")
    assert not outreach.alerts
    trip = outreach.sheet("Trip")
    assert trip.value(1, 1) == "Trip – United Arab Emirates: 2 buyers, best first"
    assert [trip.value(r, 2) for r in (3, 4, 5)] == ["Customer", "Al Noor Trading LLC", "Gulf Star Electric"]
    folder = tmp_path / "Trip" / "united-arab-emirates"
    assert sorted(drafts_in(folder)) == ["0001", "0002"]
    assert outreach.status_bar == f"Trip sheet: 2 buyer(s) in United Arab Emirates; 2 visit request(s) in {folder}"
    macros.trip("UAE", "Dubai")
    assert [trip.value(r, 2) for r in (4, 5)] == ["Al Noor Trading LLC", None]  # rebuilt: only Dubai's buyer
