"""Holiday greetings and closure notices: dates checked by hand against published calendars, and the drafts."""

from __future__ import annotations

import email
import shutil
from datetime import date, datetime
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from cli_support import text_part as body
from click.testing import CliRunner
from outreach_book import TODAY, build

import tradexl.cli.outreach  # noqa: F401  (registers the commands)
from tradexl.cli.app import cli
from tradexl.fileengine.reader import read_workbook
from tradexl.outreach.greetings import Closure, closures, country_occasions, next_occasion
from tradexl.reports.due import due_sheet
from tradexl.rules.enrich import enrich

YEARS = (2026, 2027)

# Hand-checked: Umm al-Qura 1 Shawwal 1447 = 20 Mar 2026, 1448 = 9 Mar 2027; 10 Dhu al-Hijja 1447 = 27 May 2026,
# 1448 = 16 May 2027 (UAE). Saudi Arabia's calendar has only the public holiday, which starts a day before Eid
# al-Fitr in 2026. India sights the moon a day later (21 Mar 2026, 10 Mar 2027; Eid al-Adha 27 May / 17 May).
# Diwali: 8 Nov 2026, 29 Oct 2027. Lunar New Year: 17 Feb 2026, 6 Feb 2027.
EXPECTED = {
    ("AE", "Middle East"): [("New Year", "2026-01-01"), ("Eid al-Fitr", "2026-03-20"), ("Eid al-Adha", "2026-05-27"),
                            ("National Day", "2026-12-02"), ("New Year", "2027-01-01"),
                            ("Eid al-Fitr", "2027-03-09"), ("Eid al-Adha", "2027-05-16"),
                            ("National Day", "2027-12-02")],
    ("SA", "Middle East"): [("Eid al-Fitr", "2026-03-19"), ("Eid al-Adha", "2026-05-27"),
                            ("National Day", "2026-09-23"), ("Eid al-Fitr", "2027-03-09"),
                            ("Eid al-Adha", "2027-05-16"), ("National Day", "2027-09-23")],
    ("IN", "South Asia"): [("Republic Day", "2026-01-26"), ("Eid al-Fitr", "2026-03-21"),
                           ("Eid al-Adha", "2026-05-27"), ("Independence Day", "2026-08-15"),
                           ("Diwali", "2026-11-08"), ("Republic Day", "2027-01-26"), ("Eid al-Fitr", "2027-03-10"),
                           ("Eid al-Adha", "2027-05-17"), ("Independence Day", "2027-08-15"),
                           ("Diwali", "2027-10-29")],
    ("DE", "Europe"): [("German Unity Day", "2026-10-03"), ("Christmas", "2026-12-25"),
                       ("German Unity Day", "2027-10-03"), ("Christmas", "2027-12-25")],
    ("FR", "Europe"): [("National Day", "2026-07-14"), ("Christmas", "2026-12-25"), ("National Day", "2027-07-14"),
                       ("Christmas", "2027-12-25")],
    ("US", "North America"): [("Independence Day", "2026-07-04"), ("Christmas", "2026-12-25"),
                              ("Independence Day", "2027-07-04"), ("Christmas", "2027-12-25")],
    ("CN", "East Asia"): [("New Year", "2026-01-01"), ("Lunar New Year", "2026-02-17"),
                          ("National Day", "2026-10-01"), ("New Year", "2027-01-01"),
                          ("Lunar New Year", "2027-02-06"), ("National Day", "2027-10-01")],
}


@pytest.mark.parametrize("where", list(EXPECTED))
def test_greeting_dates_by_country(where: tuple[str, str]) -> None:
    found = [(o.holiday, o.day.isoformat()) for o in country_occasions(*where, YEARS)]
    assert found == EXPECTED[where]


def test_christmas_is_not_greeted_in_the_gulf_and_any_spelling_of_a_country_works() -> None:
    assert next_occasion("United Arab Emirates", date(2026, 12, 20), 10) is None
    occasion = next_occasion("阿联酋", date(2026, 11, 25), 14)
    assert occasion is not None and (occasion.holiday, occasion.day) == ("National Day", date(2026, 12, 2))
    assert next_occasion("Atlantis", date(2026, 12, 20), 10) is None


def test_closures_from_chinas_official_calendar() -> None:
    # 2026 (State Council notice): Spring Festival 15-23 Feb with Sat 14 Feb worked; National Day 1-7 Oct.
    # 2027 has no published adjustments yet: the statutory days plus the weekend around them.
    assert closures(date(2026, 1, 1), 365) == [
        Closure("Chinese New Year", date(2026, 2, 15), date(2026, 2, 23), date(2026, 2, 14), date(2026, 2, 24)),
        Closure("National Day", date(2026, 10, 1), date(2026, 10, 7), date(2026, 9, 30), date(2026, 10, 8)),
    ]
    assert closures(date(2027, 1, 10), 30) == [
        Closure("Chinese New Year", date(2027, 2, 5), date(2027, 2, 10), date(2027, 2, 4), date(2027, 2, 11))]
    assert closures(date(2026, 12, 1), 30) == []


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("greetings") / "Sales.xlsm")


@pytest.fixture
def book(master: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(master, tmp_path / "Sales.xlsm"))


def drafts(folder: Path) -> dict[str, EmailMessage]:
    found = {}
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        assert isinstance(message, EmailMessage)
        found[path.stem] = message
    return found




def test_greetings_command_writes_one_tasteful_draft_per_buyer(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "greet"
    result = CliRunner().invoke(cli, ["greetings", str(book), "--out", str(out), "--today", TODAY.isoformat(),
                                      "--days", "30", "--sent"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "4 drafts" in result.stdout and "1 Do Not Mail" in result.stdout  # C004 (USA) opted out
    found = drafts(out)
    assert sorted(found) == [
        "2026-12-02-national-day-0001-C001-Al_Noor_Trading_LLC",
        "2026-12-02-national-day-0002-C007-Gulf_Star_Electric",
        "2026-12-25-christmas-0001-C002-Müller_Licht_GmbH",
        "2026-12-25-christmas-0002-C006-Lumière_Distribution_SARL",
    ]
    noor = found["2026-12-02-national-day-0001-C001-Al_Noor_Trading_LLC"]
    assert noor["X-Unsent"] == "1" and str(noor["From"]) == "Lily <lily@lumax.test>"
    assert noor["Subject"].strip() == "Best wishes on National Day - Ningbo Lumax Lighting Co., Ltd."
    text = body(noor)
    assert text.startswith("Dear Ahmed Al-Mansouri,\n\nOur warm congratulations to you and your team on National "
                           "Day. We wish you and your country continued peace and prosperity.\n")
    assert "price" not in text.casefold() and "unsubscribe" not in text  # a greeting, not a sales pitch
    assert noor.get_body(("html",)) is not None
    lyon = body(found["2026-12-25-christmas-0002-C006-Lumière_Distribution_SARL"])
    assert "Merry Christmas" in lyon and lyon.startswith("Dear Claire Dubois,")
    followups = read_workbook(book).frames["followups"]
    assert sorted(followups["Summary"].tail(4)) == ["Greeting: Christmas 2026", "Greeting: Christmas 2026",
                                                    "Greeting: National Day 2026", "Greeting: National Day 2026"]


def test_closure_notice_goes_to_active_buyers_only(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "closure"
    result = CliRunner().invoke(cli, ["greetings", str(book), "--out", str(out), "--today", "2027-01-10"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    found = drafts(out)
    # Active = contacted within a year or an open inquiry: C001, C002, C003, C006 (C004, C005, C007 never were).
    assert [name.split("-")[5] for name in sorted(found)] == ["C001", "C002", "C003", "C006"]
    notice = next(iter(found.values()))
    assert notice["Subject"] == "Our Chinese New Year holiday: closed 05 Feb - 10 Feb 2027"
    text = body(notice)
    assert "closed for the Chinese New Year holiday from Friday 5 February 2027 to Wednesday 10 February 2027" \
        in text.replace("\n", " ")
    assert "back at work on Thursday 11 February 2027" in text
    assert "The last shipments before the holiday leave on Thursday 4 February 2027" in text


def test_due_sheet_mentions_the_upcoming_greeting(master: Path) -> None:
    tables = read_workbook(master)
    enriched = enrich(tables, date(2026, 12, 20), datetime(2026, 12, 20, 23, 59))
    sheet = due_sheet(enriched, date(2026, 12, 20), tables.settings)
    summaries = {row.values[1]: row.values[8] for row in sheet.rows if row.kind == "data"}
    assert summaries["Müller Licht GmbH"] == "Sent the catalog · Greeting due: Christmas 2026-12-25"
    assert summaries["Riyadh Lamps Est."] == ""  # no greeting-worthy holiday in Saudi Arabia then
