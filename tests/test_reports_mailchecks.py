"""Days a salesperson read mail fewer than three times (seed step 4), from the Mail Log rows."""

from datetime import date, datetime

import pandas as pd

from tradexl.reports.mailchecks import MAIL_LOG_COLUMNS, mail_check_row, salesperson, thin_mail_days
from tradexl.settings import TeamMember

TEAM = (TeamMember("Lily 张莉", True, "lily@lumax.com"), TeamMember("Tony 刘洋", True, "tony@lumax.com"),
        TeamMember("Old Hand", False))


def log(*checks: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame([mail_check_row(datetime.fromisoformat(when), by, "IMAP", 3, 1) for when, by in checks],
                        columns=list(MAIL_LOG_COLUMNS))


def test_login_names_map_to_the_team():
    assert salesperson("lily", TEAM) == "Lily 张莉"
    assert salesperson("TONY@lumax.com", TEAM) == "Tony 刘洋"
    assert salesperson("guest", TEAM) == "guest"


def test_days_with_fewer_than_three_checks_per_active_salesperson():
    checks = log(*[(f"2026-03-16 {h:02d}:00", "lily") for h in (9, 13, 17)],  # Monday: 3 checks, fine
                 ("2026-03-17 09:00", "lily"), ("2026-03-17 16:00", "lily@lumax.com"),  # Tuesday: 2
                 ("2026-03-16 10:00", "tony"), ("2026-03-21 10:00", "tony"),  # Saturday is not a working day
                 ("2026-03-17 10:00", "guest"))
    thin = thin_mail_days(checks, TEAM, date(2026, 3, 16), date(2026, 3, 18))
    assert thin.values.tolist() == [
        ["Lily 张莉", date(2026, 3, 17), 2], ["Lily 张莉", date(2026, 3, 18), 0],
        ["Tony 刘洋", date(2026, 3, 16), 1], ["Tony 刘洋", date(2026, 3, 17), 0], ["Tony 刘洋", date(2026, 3, 18), 0],
        ["guest", date(2026, 3, 16), 0], ["guest", date(2026, 3, 17), 1], ["guest", date(2026, 3, 18), 0],
    ]


def test_an_empty_log_lists_every_working_day_of_the_active_team():
    thin = thin_mail_days(pd.DataFrame(columns=list(MAIL_LOG_COLUMNS)), TEAM, date(2026, 3, 20), date(2026, 3, 23))
    assert thin.values.tolist() == [["Lily 张莉", date(2026, 3, 20), 0], ["Lily 张莉", date(2026, 3, 23), 0],
                                    ["Tony 刘洋", date(2026, 3, 20), 0], ["Tony 刘洋", date(2026, 3, 23), 0]]
