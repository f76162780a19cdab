"""`tradexl trip`: the Trip sheet written into the workbook and visit-request drafts, read back for real."""

from __future__ import annotations

import email
import shutil
from datetime import date
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from click.testing import CliRunner
from outreach_book import TODAY, build
from python_calamine import CalamineWorkbook

import tradexl.cli.outreach  # noqa: F401  (registers the commands)
from tradexl.cli.app import cli
from tradexl.fileengine.reader import read_workbook


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("trip") / "Sales.xlsm")


@pytest.fixture
def book(master: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(master, tmp_path / "Sales.xlsm"))


def trip_rows(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Trip").to_python()


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_trip_sheet_ranks_the_buyers_there_and_keeps_the_other_sheets(book: Path, tmp_path: Path) -> None:
    before = CalamineWorkbook.from_path(str(book)).sheet_names
    out = tmp_path / "trip"
    stdout = run("trip", str(book), "--country", "United Arab Emirates", "--out", str(out), "--today",
                 TODAY.isoformat(), "--from", "2027-03-08", "--to", "2027-03-12")
    assert "2 visit requests" in stdout
    assert CalamineWorkbook.from_path(str(book)).sheet_names == [*before, "Trip"]
    rows = trip_rows(book)
    assert rows[0][0] == "Trip – United Arab Emirates: 2 buyers, best first"
    assert rows[1][0].startswith("Travel 2027-03-08 – 2027-03-12")
    assert rows[2][:8] == ["#", "Customer", "Contact", "Grade", "City", "Orders", "Open inquiries", "Last contact"]
    # C001 is grade A with the open inquiry I001 and the phone call of 2026-11-25; C007 is D, never contacted.
    first, second = rows[3], rows[4]
    assert first[:7] == [1, "Al Noor Trading LLC", "Ahmed Al-Mansouri", "A", "Dubai", 0, 1]
    assert first[7] == date(2026, 11, 25)
    assert first[8:10] == ["Discussed a 40HQ order for Ramadan", "+971 4 123 4567"]
    assert first[-2:] == ["13:00–22:00", "Email"]  # call window: 09:00-18:00 Dubai (UTC+4) in Shanghai time
    assert second[:5] == [2, "Gulf Star Electric", "", "D", "Abu Dhabi"]
    assert len(read_workbook(book).frames["followups"]) == 3  # drafts are not contacts


def test_visit_request_drafts(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "trip"
    run("trip", str(book), "--country", "UAE", "--out", str(out), "--today", TODAY.isoformat(),
        "--from", "2027-03-08", "--to", "2027-03-12")
    paths = sorted(out.glob("*.eml"))
    assert [p.name for p in paths] == ["visit-0001-C001-Al_Noor_Trading_LLC.eml",
                                       "visit-0002-C007-Gulf_Star_Electric.eml"]
    message = email.message_from_bytes(paths[0].read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    assert message["X-Unsent"] == "1" and str(message["From"]) == "Lily <lily@lumax.test>"
    assert message["Subject"] == "Visit to Al Noor Trading LLC - from 8 March to 12 March 2027"
    text = message.get_body(("plain",))
    assert text is not None
    body = text.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Ahmed Al-Mansouri,\n\nI will be travelling to Dubai from 8 March to 12 March 2027")


def test_city_filter_and_a_buyer_without_email(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "trip"
    stdout = run("trip", str(book), "--country", "KSA", "--out", str(out), "--today", TODAY.isoformat())
    assert "0 visit requests" in stdout and "1 without a usable email address" in stdout
    rows = trip_rows(book)
    assert rows[1][0] == "Log each visit with: tradexl log BOOK CUSTOMER --channel Visit"
    assert rows[3][1] == "Riyadh Lamps Est." and rows[3][-1] == "No email"
    run("trip", str(book), "--country", "France", "--city", "lyon", "--out", str(out), "--today", TODAY.isoformat())
    rows = trip_rows(book)
    assert [r[1] for r in rows[3:]] == ["Lumière Distribution SARL"]
    assert rows[3][5] == 1  # one ordered inquiry (no Orders sheet in this workbook)
    run("trip", str(book), "--country", "France", "--city", "Paris", "--out", str(out), "--today", TODAY.isoformat())
    assert trip_rows(book)[3][0] == "No customer in Paris, France."
