"""`tradexl show`: who is invited to a show, the invitation drafts, and the Show sheet fed by Follow-ups."""

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
from tradexl.fileengine.engine import FileWorkbook


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("show") / "Sales.xlsm")


@pytest.fixture
def book(master: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(master, tmp_path / "Sales.xlsm"))


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def show_rows(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Show").to_python()


def test_invitations_for_the_buyers_who_fit(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "inv"
    stdout = run("show", str(book), "light + building", "--out", str(out), "--today", TODAY.isoformat())
    assert "2 invitations" in stdout
    # Germany -> Europe; products LX-60, LX-35: C006 (A) asked about LX-6040, C002 (B) was quoted it.
    paths = sorted(out.glob("*.eml"))
    assert [p.name for p in paths] == ["invitation-0001-C006-Lumière_Distribution_SARL.eml",
                                       "invitation-0002-C002-Müller_Licht_GmbH.eml"]
    message = email.message_from_bytes(paths[0].read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    assert message["X-Unsent"] == "1" and str(message["From"]) == "Kevin <kevin@lumax.test>"
    assert message["Subject"] == "Invitation: Light + Building, Frankfurt - booth Hall 10.3 B41"
    part = message.get_body(("plain",))
    assert part is not None
    text = part.get_content().replace("\r\n", "\n")
    assert "visit us at Light + Building in Frankfurt, from 8 March to 13 March 2027." in text
    assert "Our booth: Hall 10.3 B41" in text
    assert "including LX-60, which you asked us about" in text
    rows = show_rows(book)
    assert rows[0][0] == ("Light + Building – Frankfurt, 2027-03-08 – 2027-03-13, booth Hall 10.3 B41: "
                          "2 buyers to invite")
    assert [r[1] for r in rows[3:]] == ["Lumière Distribution SARL", "Müller Licht GmbH"]
    assert rows[3][6:10] == ["LX-60", "", "", ""]  # not invited until the drafts are sent


def test_show_without_products_invites_a_to_c_in_the_region(book: Path, tmp_path: Path) -> None:
    stdout = run("show", str(book), "Middle East Energy", "--out", str(tmp_path / "inv"), "--today",
                 TODAY.isoformat())
    # UAE -> Middle East: C001 (A), C005 (A, no email); C007 is D.
    assert "1 invitations" in stdout and "1 without a usable email address" in stdout
    assert [r[1] for r in show_rows(book)[3:]] == ["Al Noor Trading LLC", "Riyadh Lamps Est."]


def test_show_sheet_tracks_invited_replied_met_from_followups(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "inv"
    stdout = run("show", str(book), "Light + Building", "--out", str(out), "--today", TODAY.isoformat(), "--sent")
    assert "Logged 2 follow-up(s)" in stdout
    rows = show_rows(book)
    assert [r[7] for r in rows[3:]] == [date(2026, 12, 1), date(2026, 12, 1)]
    workbook = FileWorkbook(book)
    workbook.append_rows("followups", [
        {"Date": date(2026, 12, 5), "Customer ID": "C006", "Company": "Lumière Distribution SARL",
         "Channel": "Email", "Summary": "Will come on day 2", "By": "Kevin"},
        {"Date": date(2027, 3, 9), "Customer ID": "C006", "Company": "Lumière Distribution SARL",
         "Channel": "Trade show", "Summary": "Met at the booth, wants LX-6040 samples", "By": "Kevin"}])
    workbook.save()
    run("show", str(book), "Light + Building", "--out", str(out), "--today", "2027-03-14")
    rows = show_rows(book)
    assert rows[3][1] == "Lumière Distribution SARL"
    assert rows[3][7:11] == [date(2026, 12, 1), date(2026, 12, 5), date(2027, 3, 9),
                             "Met at the booth, wants LX-6040 samples"]
    assert rows[4][7:10] == [date(2026, 12, 1), "", ""]
    code = run("mailing", str(book), "--mark-sent", str(out), "--today", "2027-03-14")
    assert "logged 0 follow-up(s)" in code  # invitations are logged once


def test_unknown_show_is_a_clear_error(book: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", str(book), "Atlantis Expo", "--out", str(tmp_path / "inv")])
    assert result.exit_code == 1
    assert result.stderr == ("Error: no trade show 'Atlantis Expo' in Settings › Trade shows (Show column); known: "
                             "Light + Building, Middle East Energy\n")
