"""The manager's team Weekly Summary, Monthly Review, Statistics and Pool from two salespeople's workbooks, with
figures worked out by hand (today Saturday 2026-12-05: the full week Sunday 11-29 to Saturday 12-05, December
to date). Both books use the same quote and order numbers (Q-001, PI-001): the team counts them as two each."""

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from test_reports_weekly import rows_of

from tradexl.builder import build_workbook
from tradexl.reports.team import team_sheets
from tradexl.settings import CompanyProfile, Settings, TeamMember
from tradexl.teamfolder import team_run

TODAY = date(2026, 12, 5)
NOW = datetime.combine(TODAY, time(23, 59, 59))
TEAM = Settings(team=(TeamMember("Kevin", True, monthly_target=50000), TeamMember("Anna", True, monthly_target=30000),
                      TeamMember("Li", False)))
MANAGER = Settings(company=CompanyProfile(name="Acme"))
"""The manager's own workbook: no Team table, so the salespeople's rows (and targets) are used."""
D = datetime


def _inquiry(at: datetime, cid: str, product: str, grade: str, replied: datetime | None, status: str) -> dict:
    return {"Received": at, "Channel": "Email", "Customer ID": cid, "Product": product, "Grade": grade,
            "Replied At": replied, "Status": status}


def _order(day: datetime, cid: str, company: str, amount: float, deposit: float) -> dict:
    return {"Order No": "PI-001", "Date": day, "Customer ID": cid, "Company": company, "Model": "X1",
            "Amount": amount, "Currency": "USD",
            "Payment Terms": "30% deposit, balance before shipment", "Deposit Received": deposit,
            "Deposit Date": D(2026, 12, 4), "Status": "Confirmed"}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Sales"
    folder.mkdir(parents=True)
    build_workbook(folder / "Kevin.xlsm", settings=TEAM, data={
        "customers": [
            {"Customer ID": "C0001", "Company": "Al Noor Trading LLC", "Email": "ali@alnoor.ae", "Country": "UAE",
             "Owner": "Kevin"},
            {"Customer ID": "C0002", "Company": "Kevin Only GmbH", "Email": "k@kevinonly.de", "Country": "Germany",
             "Owner": "Kevin"}],
        "inquiries": [
            _inquiry(D(2026, 12, 1, 9), "C0001", "X1", "A", D(2026, 12, 1, 10), "Quoted"),   # 1 h: within target
            _inquiry(D(2026, 12, 3, 9), "C0002", "X2", "C", None, "New")],                   # unreplied > 24 h
        "quotes": [{"Quote No": "Q-001", "Date": D(2026, 12, 2), "Customer ID": "C0001", "Model": "X1",
                    "Quantity": 100, "Unit Price": 10, "Currency": "USD", "Status": "Sent", "By": "Kevin"}],
        "orders": [_order(D(2026, 12, 3), "C0001", "Al Noor Trading LLC", 1000, 300)],
    })
    build_workbook(folder / "Anna.xlsm", settings=TEAM, data={
        "customers": [
            {"Customer ID": "C0001", "Company": "Alnoor Trading", "Email": "sami@alnoor.ae", "Country": "UAE",
             "Owner": "Anna"},
            {"Customer ID": "C0002", "Company": "Anna Only SA", "Email": "a@annaonly.cl", "Country": "Chile",
             "Owner": "Anna"}],
        "inquiries": [_inquiry(D(2026, 12, 2, 9), "C0002", "X1", "B", D(2026, 12, 2, 9, 30), "Ordered")],
        "quotes": [{"Quote No": "Q-001", "Date": D(2026, 12, 4), "Customer ID": "C0002", "Model": "X1",
                    "Quantity": 50, "Unit Price": 20, "Currency": "USD", "Status": "Accepted", "By": "Anna"}],
        "orders": [_order(D(2026, 12, 4), "C0002", "Anna Only SA", 2000, 600)],
    })
    return folder


def _sheets(tmp_path: Path, settings: Settings = MANAGER) -> dict:
    done = team_run(_folder(tmp_path), settings, exclude=None, today=TODAY, now=NOW)
    return {s.name: s for s in done.result.sheets}


def test_team_workbook_has_every_team_sheet_with_team_titles(tmp_path: Path):
    sheets = _sheets(tmp_path)
    assert list(sheets) == ["Team Weekly Summary", "Team Monthly Review", "Team Statistics", "Team Due", "Team Pool",
                            "Team Check"]
    assert [sheets[n].rows[0].values[0] for n in list(sheets)[:3]] == [
        "Team Weekly Summary – Acme", "Team Monthly Review – Acme", "Team Statistics – Acme"]
    assert sheets["Team Pool"].rows[0].values == (
        "Team Pool – Saturday 2026-12-05: 0 customers to reassign, 1 buyers with two owners across 2 workbooks",)
    headers = [s.print_setup.header_center for s in sheets.values() if s.print_setup is not None]
    assert headers[:3] == ["Team Weekly Summary 2026-11-29 – 2026-12-05", "Team Monthly Review 2026-12 (as of "
                           "2026-12-05)", "Team Statistics 2026-12-05"]
    assert headers[4] == "Team Pool 2026-12-05"


def test_a_workbook_in_another_report_currency_gets_a_team_check_line(tmp_path: Path):
    done = team_run(_folder(tmp_path), MANAGER, exclude=None, today=TODAY, now=NOW)
    sheets = team_sheets([(m.name, m.enriched) for m in done.members], [], MANAGER, TODAY, ["USD", "cny"])
    check = sheets[-1]
    assert check.rows[0].values == ("Team Check – 2 workbooks read, 0 notes about the folder",)
    assert [r.values[:5] for r in check.rows[2:]] == [
        ("Anna", None, "", "2 customers, 1 inquiries", "read"),
        ("Kevin", None, "", "2 customers, 2 inquiries", "read"),
        ("Kevin", None, "", "CNY", "its amounts are in this currency, not USD: the team's money figures add them "
                                   "as they are – set the same Report Currency in every workbook"),
    ]


def test_team_weekly_has_one_row_per_salesperson_against_the_team_target(tmp_path: Path):
    rows = rows_of(_sheets(tmp_path)["Team Weekly Summary"], "Salespeople")
    # orders MTD, target, %, orders this week, payments, inquiries, A/B, ≤2 h, unreplied, follow-ups, overdue,
    # quotes, samples
    assert rows[1:4] == [
        ("data", "warn", ("Kevin", 1000, 50000, 0.02, 1000, 300, 2, 1, 1, 1, 0, 0, 1, 0)),
        ("data", "", ("Anna", 2000, 30000, 2000 / 30000, 2000, 600, 1, 1, 1, 0, 0, 0, 1, 0)),
        ("total", "", ("Total", 3000, 80000, 3000 / 80000, 3000, 900, 3, 2, 2, 1, 0, 0, 2, 0)),
    ]


def test_team_monthly_targets_and_trend_count_both_books_same_numbers_twice(tmp_path: Path):
    sheet = _sheets(tmp_path)["Team Monthly Review"]
    assert rows_of(sheet, "Orders and payments against target")[1:4] == [
        # orders, target, %, payments, outstanding, overdue balances, new customers, lost
        ("data", "", ("Kevin", 1000, 50000, 0.02, 300, 700, 0, 2, 0)),
        ("data", "", ("Anna", 2000, 30000, 2000 / 30000, 600, 1400, 0, 1, 0)),
        ("total", "", ("Total", 3000, 80000, 3000 / 80000, 900, 2100, 0, 3, 0)),
    ]
    december = rows_of(sheet, "Trend of the last six months")[6]
    #                                     inq  A/B quotes value orders value  payments
    assert december[2] == ("2026-12 (to date)", 3, 2, 2, 2000, 2, 3000, 900)
    owed = rows_of(sheet, "Outstanding payments")[1:]
    assert [r[2][:3] for r in owed] == [("Anna Only SA", "Anna/PI-001", "Anna"),
                                        ("Al Noor Trading LLC", "Kevin/PI-001", "Kevin")]


def test_team_statistics_has_activity_by_salesperson(tmp_path: Path):
    assert rows_of(_sheets(tmp_path)["Team Statistics"], "By salesperson") == [
        ("header", "", ("Salesperson", "Inquiries", "Quotes", "Orders", "Order value")),
        ("data", "", ("Kevin", 2, 1, 1, 1000)),
        ("data", "", ("Anna", 1, 1, 1, 2000)),
    ]


def test_team_sheets_in_chinese(tmp_path: Path):
    sheets = _sheets(tmp_path, Settings(company=MANAGER.company, language="zh"))
    assert [sheets[n].rows[0].values[0] for n in ("Team Weekly Summary", "Team Monthly Review", "Team Statistics")] \
        == ["团队周报 – Acme", "团队月度复盘 – Acme", "团队统计 – Acme"]
    assert sheets["Team Pool"].rows[0].values[0] == \
        "团队公海 – 2026-12-05（星期六）：0 个客户待重新分配，2 个工作簿中 1 个客户有两个业务员"
    assert sheets["Team Weekly Summary"].print_setup.header_center == "团队周报 2026-11-29 至 2026-12-05"


def test_team_due_shows_an_away_salespersons_customers_under_the_cover_from_the_managers_team_table(
        tmp_path: Path):
    def due(away_until: date) -> list[str]:
        manager = Settings(company=MANAGER.company, team=(
            TeamMember("Kevin", True, monthly_target=50000, cover="Anna", away_until=away_until),
            TeamMember("Anna", True, monthly_target=30000)))
        rows = _sheets(tmp_path / away_until.isoformat(), manager)["Team Due"].rows
        return [r.values[0] for r in rows if r.kind == "section" and str(r.values[0]).endswith(" due")]

    assert due(date(2026, 12, 5)) == ["Anna – 1 due", "Anna (for Kevin) – 2 due"]  # last day away: covered
    assert due(date(2026, 12, 4)) == ["Anna – 1 due", "Kevin – 2 due"]  # back: his own again


def test_team_check_lists_customers_and_open_inquiries_of_inactive_or_unknown_owners(tmp_path: Path):
    folder = _folder(tmp_path)
    build_workbook(folder / "Li.xlsm", settings=Settings(), data={  # Li's book has no Team table of its own
        "customers": [{"Customer ID": "C0001", "Company": "Left Behind Ltd", "Country": "UK", "Owner": "Li"},
                      {"Customer ID": "C0002", "Company": "Stranger Co", "Country": "UK", "Owner": "Zhang"}],
        "inquiries": [_inquiry(D(2026, 12, 1, 9), "C0001", "X1", "B", None, "New") | {"Owner": "Li"},
                      _inquiry(D(2026, 11, 1, 9), "C0001", "X1", "B", D(2026, 11, 1, 10), "Lost") | {"Owner": "Li"}],
    })
    done = team_run(folder, replace(MANAGER, team=TEAM.team), exclude=None, today=TODAY, now=NOW)
    check = next(s for s in done.result.sheets if s.name == "Team Check")
    assert [r.values[:4] for r in check.rows if r.kind == "data" and r.values[1] is not None] == [
        ("Li › Customers", 2, "Owner", "Li"),      # Li is inactive in the manager's Team table
        ("Li › Customers", 3, "Owner", "Zhang"),   # nobody called Zhang on the team
        ("Li › Inquiries", 2, "Owner", "Li"),      # the open one; the Lost one is not listed
    ]


def test_a_folder_with_no_readable_workbook_still_gives_every_team_sheet_and_says_why(tmp_path: Path):
    (tmp_path / "Kevin.xlsm").write_bytes(b"PK\x03\x04 not really a workbook")
    done = team_run(tmp_path, MANAGER, exclude=None, today=TODAY, now=NOW)
    sheets = {s.name: s for s in done.result.sheets}
    assert len(sheets) == 6 and done.members == []
    assert rows_of(sheets["Team Weekly Summary"], "Salespeople")[1] == ("total", "", ("Total", *[0] * 11))  # no
    # target, so no target and no %
    assert [r.values[0] for r in sheets["Team Check"].rows[2:]] == ["Kevin.xlsm"]
    assert sheets["Team Check"].rows[2].values[4].startswith("skipped: ")
