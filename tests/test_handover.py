"""`tradexl handover`: owners moved cell by cell, drafts in the buyer's language, the log, and --undo."""

import email
import email.policy
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from python_calamine import CalamineWorkbook

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.handover import LOG_SHEET, buyer_language, handover_file, introduction, undo_handover
from tradexl.settings import Settings, TeamMember

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30).astimezone()
TEAM = Settings(team=(TeamMember("Kevin", False, "kevin@acme.cn"), TeamMember("Anna", True, "anna@acme.cn"),
                      TeamMember("Li", True, "li@acme.cn")))


def book(tmp_path: Path) -> Path:
    path = tmp_path / "Book.xlsm"
    data = {
        "customers": [
            {"Customer ID": "C1", "Company": "Mercado SA", "Contact": "José Muñoz", "Email": "jose@mercado.mx",
             "Country": "Mexico", "Owner": "Kevin"},
            {"Customer ID": "C2", "Company": "Gulf Tools", "Contact": "Omar", "Email": "omar@gulftools.ae",
             "Country": "UAE", "Owner": "Anna"},
            {"Customer ID": "C3", "Company": "Oak Ltd", "Contact": "", "Email": "buy@oak.co.uk",
             "Country": "United Kingdom", "Owner": "kevin"},
            {"Customer ID": "C4", "Company": "No Mail Co", "Country": "USA", "Owner": "Kevin"},
        ],
        "inquiries": [
            {"Inquiry ID": "I1", "Received": datetime(2026, 11, 20, 9), "Channel": "Email", "Customer ID": "C1",
             "Company": "Mercado SA", "Country": "Mexico", "Owner": "Kevin", "Status": "Quoted"},
            {"Inquiry ID": "I2", "Received": datetime(2026, 10, 2, 9), "Channel": "Email", "Customer ID": "C1",
             "Company": "Mercado SA", "Country": "Mexico", "Owner": "Kevin", "Status": "Lost"},
            {"Inquiry ID": "I3", "Received": datetime(2026, 11, 28, 9), "Channel": "Email", "Customer ID": "C2",
             "Company": "Gulf Tools", "Country": "UAE", "Owner": "Anna", "Status": "New"},
        ],
    }
    build_workbook(path, settings=TEAM, data=data)
    return path


def owners(path: Path) -> tuple[list[str], list[str]]:
    frames = read_workbook(path).frames
    return list(frames["customers"]["Owner"]), list(frames["inquiries"]["Owner"])


def test_permanent_handover_moves_customers_and_open_inquiries_writes_drafts_logs_and_undoes(tmp_path: Path):
    path = book(tmp_path)
    done = handover_file(path, "Kevin", "Anna", until=None, out_dir=tmp_path / "drafts", today=TODAY, now=NOW)
    assert done.handover_id == "H20261201-1" and done.saved
    assert owners(path) == (["Anna", "Anna", "Anna", "Anna"], ["Anna", "Kevin", "Anna"])  # the Lost one stays
    assert [d.name for d in done.drafts] == ["handover-H20261201-1-C1.eml", "handover-H20261201-1-C3.eml"]
    assert done.skipped == ["C4: no email, no draft"]
    mexican = email.message_from_bytes(done.drafts[0].read_bytes(), policy=email.policy.default)
    body = mexican.get_body().get_content().replace("\r\n", "\n")
    assert mexican["To"] == "José Muñoz <jose@mercado.mx>" and mexican["From"] == "Anna <anna@acme.cn>"
    assert mexican["X-Unsent"] == "1"
    assert body.startswith("Estimado/a José Muñoz:\nA partir de ahora Anna le atenderá en lugar de Kevin.\n\n"
                           "Dear José Muñoz,")
    british = email.message_from_bytes(done.drafts[1].read_bytes(), policy=email.policy.default)
    assert british.get_body().get_content().startswith("Dear Oak Ltd,")
    log = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(LOG_SHEET).to_python()
    assert log[1][:3] == ["Handover ID", "Date", "From"]
    assert [(r[0], r[2], r[3], r[5], r[8], r[10], r[11], r[12]) for r in log[2:]] == [
        ("H20261201-1", "Kevin", "Anna", "customers", "C1", "Kevin", "Anna", "Done"),
        ("H20261201-1", "Kevin", "Anna", "customers", "C3", "kevin", "Anna", "Done"),
        ("H20261201-1", "Kevin", "Anna", "customers", "C4", "Kevin", "Anna", "Done"),
        ("H20261201-1", "Kevin", "Anna", "inquiries", "I1", "Kevin", "Anna", "Done"),
    ]

    undone = undo_handover(path, "H20261201-1")
    assert len(undone.changes) == 4 and undone.skipped == []
    assert owners(path) == (["Kevin", "Anna", "kevin", "Kevin"], ["Kevin", "Kevin", "Anna"])
    log = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(LOG_SHEET).to_python()
    assert {r[12] for r in log[2:]} == {"Undone"}


def test_undo_leaves_an_owner_retyped_since_and_a_second_handover_gets_the_next_id(tmp_path: Path):
    path = book(tmp_path)
    handover_file(path, "Kevin", "Anna", until=None, out_dir=tmp_path / "d", today=TODAY, now=NOW)
    second = handover_file(path, "Anna", "Li", until=None, out_dir=tmp_path / "d", today=TODAY, now=NOW)
    assert second.handover_id == "H20261201-2"
    undone = undo_handover(path, "H20261201-1")
    assert len(undone.changes) == 0 and len(undone.skipped) == 4  # Li owns them now: the first undo leaves them
    assert owners(path)[0] == ["Li", "Li", "Li", "Li"]


def test_travel_cover_sets_settings_and_leaves_owner_cells_and_undo_clears_it(tmp_path: Path):
    path = book(tmp_path)
    before = owners(path)
    done = handover_file(path, "Anna", "Li", until=date(2026, 12, 20), out_dir=tmp_path / "d", today=TODAY, now=NOW)
    assert owners(path) == before
    anna = read_workbook(path).settings.team[1]
    assert (anna.cover, anna.away_until) == ("Li", date(2026, 12, 20))
    text = email.message_from_bytes(done.drafts[0].read_bytes(), policy=email.policy.default).get_body()
    assert "عزيزي Omar" in text.get_content()
    assert "while Anna is travelling, until 2026-12-20" in text.get_content()
    undo_handover(path, done.handover_id)
    anna = read_workbook(path).settings.team[1]
    assert (anna.cover, anna.away_until) == ("", None)


def test_languages_and_english_default():
    assert [buyer_language(c) for c in ("Brazil", "Côte d'Ivoire", "Russia", "KSA", "China", "Germany", "")] == [
        "pt", "fr", "ru", "ar", "zh", "en", "en"]
    subject, text = introduction("", "Acme", "Germany", "Kevin", "Anna", None, TEAM)
    assert subject == "Your new contact at Your Company Co., Ltd.: Anna"
    assert text.startswith("Dear Acme,\n\nKevin has asked me to introduce myself: from today I am your contact")


def test_cli_handover_errors_are_one_line_and_nothing_is_written(tmp_path: Path):
    path = book(tmp_path)
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "tradexl", "handover", str(path), "Kevin", "Zhang", "--out",
                          str(tmp_path / "d")], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 1 and out.stderr == "Error: 'Zhang' is not in Settings › Team; add them there first\n"
    out = subprocess.run([sys.executable, "-m", "tradexl", "handover", str(path), "--undo", "H1"],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 1 and out.stderr == "Error: no handover 'H1' in the Handover Log sheet\n"
    assert path.read_bytes() == before
    out = subprocess.run([sys.executable, "-m", "tradexl", "handover", str(path), "Kevin", "Anna", "--out",
                          str(tmp_path / "d"), "--today", "2026-12-01"], capture_output=True, text=True, env=env,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == ("Book.xlsm: handover H20261201-1: 4 owner cell(s) moved from Kevin to "
                                          f"Anna; 2 introduction draft(s) in {tmp_path / 'd'}")
