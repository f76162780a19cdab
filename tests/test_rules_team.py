"""Cover while away (and after the date), the importer's routing hook, and Check's unknown/inactive owners."""

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.operations import run
from tradexl.rules.team import covers, owner_view, route_owner, unknown_owner_problems
from tradexl.settings import Settings, TeamMember, parse_settings

TEAM = (TeamMember("Kevin", True, cover="Anna", away_until=date(2026, 12, 10)),
        TeamMember("Anna"), TeamMember("Li", False), TeamMember("Wang", True, cover="Anna"))
SETTINGS = Settings(team=TEAM)


def test_cover_holds_through_the_last_day_away_and_ends_the_day_after():
    assert covers(SETTINGS, date(2026, 12, 1)) == {"kevin": "Anna"}
    assert covers(SETTINGS, date(2026, 12, 10)) == {"kevin": "Anna"}
    assert covers(SETTINGS, date(2026, 12, 11)) == {}


def test_a_cover_who_is_away_too_hands_on_and_a_cycle_stops():
    team = (TeamMember("Kevin", cover="Anna", away_until=date(2026, 12, 10)),
            TeamMember("Anna", cover="Li", away_until=date(2026, 12, 5)),
            TeamMember("Li", cover="Kevin", away_until=date(2026, 12, 3)))
    assert covers(Settings(team=team), date(2026, 12, 4)) == {"kevin": "Li", "anna": "Li"}
    # all three away, covering each other in a circle: nobody can take it, customers stay with their owner
    assert covers(Settings(team=team), date(2026, 12, 2)) == {}


def test_owner_view_names_the_cover_and_whose_customer_it_is():
    owners = pd.Series(["Kevin", " kevin ", "Anna", "", None])
    assert owner_view(owners, SETTINGS, date(2026, 12, 1)).tolist() == [
        "Anna (for Kevin)", "Anna (for kevin)", "Anna", "", ""]
    assert owner_view(owners, SETTINGS, date(2026, 12, 11)).tolist() == ["Kevin", "kevin", "Anna", "", ""]
    zh = Settings(team=TEAM, language="zh")
    assert owner_view(pd.Series(["Kevin"]), zh, date(2026, 12, 1)).tolist() == ["Anna（代Kevin）"]


def test_new_inquiries_for_an_away_salesperson_go_to_the_cover():
    assert route_owner("Kevin", SETTINGS, date(2026, 12, 10)) == "Anna"
    assert route_owner("Kevin", SETTINGS, date(2026, 12, 11)) == "Kevin"
    assert route_owner("Wang", SETTINGS, date(2026, 12, 1)) == "Wang"  # a cover but no Away Until: not away
    assert route_owner("", SETTINGS, date(2026, 12, 1)) == ""


def test_check_lists_inactive_and_unknown_owners_of_open_rows_only():
    frame = pd.DataFrame({"Owner": ["Li", "Zhang", "Anna", "", "Li"]}, index=[2, 3, 4, 5, 6])
    problems = unknown_owner_problems(frame, SETTINGS, "Inquiries", rows=[True, True, True, True, False])
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("Inquiries", 2, "Owner", "Li"), ("Inquiries", 3, "Owner", "Zhang")]
    assert "inactive" in problems[0].message and "not in Settings" in problems[1].message
    assert unknown_owner_problems(frame, Settings(), "Inquiries") == []  # no Team table: nothing to check


def test_old_four_column_team_table_still_reads():
    grid = [["Name", "Active", "Email", "Monthly Target"], ["Kevin", "Yes", "k@x.com", 1000], [None] * 4]
    settings, problems = parse_settings(grid)
    assert settings.team == (TeamMember("Kevin", True, "k@x.com", 1000.0),) and problems == []
    grid = [["Name", "Active", "Email", "Monthly Target", "Cover", "Away Until"],
            ["Kevin", "Yes", "", None, "Anna", "2026-12-10"], ["Anna", "Yes", "", None, "", "soon"]]
    settings, problems = parse_settings(grid)
    assert settings.team[0].away_until == date(2026, 12, 10) and settings.team[0].cover == "Anna"
    assert problems == ["Away Until of Anna: 'soon' is not a date – write it as YYYY-MM-DD"]


def test_due_sheet_shows_kevins_customers_under_anna_while_away_and_owner_cells_stay(tmp_path: Path):
    path = tmp_path / "Book.xlsm"
    customers = [{"Customer ID": "C1", "Company": "Alpha", "Country": "UAE", "Owner": "Kevin"},
                 {"Customer ID": "C2", "Company": "Beta", "Country": "USA", "Owner": "Anna"},
                 {"Customer ID": "C3", "Company": "Gamma", "Country": "USA", "Owner": "Li"}]
    build_workbook(path, settings=SETTINGS, data={"customers": customers})
    tables = read_workbook(path)
    assert tables.settings.team[0].away_until == date(2026, 12, 10)

    def sections(day: date) -> list[str]:
        due = next(s for s in run(tables, day, pd.Timestamp(day).to_pydatetime()).sheets
                   if s.name == "Due Follow-ups")
        return [r.values[0] for r in due.rows if r.kind == "section"]

    assert sections(date(2026, 12, 10)) == ["Anna – 1 due", "Anna (for Kevin) – 1 due", "Li – 1 due"]
    assert sections(date(2026, 12, 11)) == ["Anna – 1 due", "Kevin – 1 due", "Li – 1 due"]
    result = run(tables, date(2026, 12, 10), pd.Timestamp("2026-12-10").to_pydatetime())
    assert [(p.sheet, p.row, p.column, p.value) for p in result.problems if p.column == "Owner"] == [
        ("Customers", 4, "Owner", "Li")]


def test_importer_gives_an_away_salespersons_new_inquiry_to_the_cover(tmp_path: Path):
    from email.message import EmailMessage

    from tradexl.mail.importer import import_messages
    from tradexl.settings import MailRoute

    path = tmp_path / "Book.xlsm"
    settings = Settings(team=TEAM, mail_routing=(MailRoute("kevin@acme.cn", "Kevin"),))
    build_workbook(path, settings=settings)
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "Omar <omar@gulftools.ae>", "kevin@acme.cn", "LED panel price"
    mail["Date"] = "Mon, 07 Dec 2026 10:00:00 +0400"
    mail.set_content("Please quote 500 pcs LED panels.\nOmar\nGulf Tools LLC")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.eml").write_bytes(mail.as_bytes())
    import_messages(path, [tmp_path / "in"], now=datetime(2026, 12, 7, 9, 0))
    assert list(read_workbook(path).frames["inquiries"]["Owner"]) == ["Anna"]  # Kevin away until 2026-12-10
    mail.replace_header("Subject", "LED tube price")
    mail.replace_header("Date", "Fri, 11 Dec 2026 10:00:00 +0400")
    (tmp_path / "in" / "one.eml").write_bytes(mail.as_bytes())
    import_messages(path, [tmp_path / "in"], now=datetime(2026, 12, 11, 9, 0))
    assert list(read_workbook(path).frames["inquiries"]["Owner"]) == ["Anna", "Kevin"]  # back the day after
