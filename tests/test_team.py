"""`tradexl team`: what a shared folder holds, conflicts across workbooks, and salesperson files left byte-identical."""

import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from python_calamine import CalamineWorkbook

from tradexl.builder import build_workbook
from tradexl.fileengine import package
from tradexl.fileengine.reader import read_workbook
from tradexl.settings import Settings, TeamMember
from tradexl.teamfolder import Candidate, choose

ROOT = Path(__file__).resolve().parents[1]
TEAM = Settings(team=(TeamMember("Kevin", True, monthly_target=50000), TeamMember("Anna", True),
                      TeamMember("Li", False)))


def test_choose_reads_the_newest_of_conflicted_copies_and_skips_backups_lock_and_other_files(tmp_path: Path):
    folder = tmp_path / "Sales"

    def at(name: str, mtime: float) -> Candidate:
        return Candidate(folder / name, mtime)

    files = [at("Kevin.xlsm", 10), at("~$Kevin.xlsm", 11), at("Anna.xlsm", 10),
             at("Anna (Kevin's conflicted copy 2026-11-30).xlsm", 20), at("Li.xlsm", 30), at("Li-DESKTOP-1234.xlsm", 5),
             at("Li.backup.xlsm", 29), at(".tradexl/Li.xlsm", 28), at("notes.txt", 1), at("Team.xlsm", 40),
             at(".~lock.Wang.xlsx#", 3), at("Wang.xlsx", 2)]
    chosen, lines = choose(files, folder, exclude=folder / "Team.xlsm")
    assert [c.path.name for c in chosen] == ["Anna (Kevin's conflicted copy 2026-11-30).xlsm", "Kevin.xlsm",
                                             "Li.xlsm", "Wang.xlsx"]
    assert [(p.sheet, p.message) for p in lines] == [
        ("Li.xlsm", "in the folder '.tradexl' (backups), skipped"),
        ("Kevin.xlsm", "open in Excel right now (~$ owner file): read as last saved, not changed"),
        ("Li.backup.xlsm", "a TradeXL backup (the previous version of a workbook), skipped"),
        ("Anna.xlsm", "a conflicted copy of the same workbook; the newer 'Anna (Kevin's conflicted copy "
                      "2026-11-30).xlsm' was read – merge the two by hand and delete this one"),
        ("Li-DESKTOP-1234.xlsm", "a conflicted copy of the same workbook; the newer 'Li.xlsm' was read – merge the "
                                 "two by hand and delete this one"),
    ]


def _book(path: Path, owner: str, customers: list[dict], mtime: float) -> Path:
    for row in customers:
        row.setdefault("Owner", owner)
    followups = [{"Date": datetime(2026, 10, 20), "Customer ID": c["Customer ID"], "Channel": "Email",
                  "Summary": f"{owner} sent catalog", "By": owner} for c in customers]
    build_workbook(path, settings=TEAM, data={"customers": customers, "followups": followups})
    os.utime(path, (mtime, mtime))
    return path


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_team_from_a_messy_shared_folder_reads_only_and_finds_conflicts_across_workbooks(tmp_path: Path):
    folder = tmp_path / "OneDrive - Acme" / "Sales"
    folder.mkdir(parents=True)
    _book(folder / "Kevin.xlsm", "Kevin", [
        {"Customer ID": "C0001", "Company": "Al Noor Trading LLC", "Email": "ali@alnoor.ae", "Country": "UAE"},
        {"Customer ID": "C0002", "Company": "Kevin Only GmbH", "Email": "k@kevinonly.de", "Country": "Germany"},
    ], 2_000_000_000)
    _book(folder / "Anna.xlsm", "Anna", [
        {"Customer ID": "C0001", "Company": "Alnoor Trading", "Email": "sami@alnoor.ae", "Country": "UAE"},
        {"Customer ID": "C0002", "Company": "Anna Only SA", "Email": "a@annaonly.cl", "Country": "Chile"},
    ], 2_000_000_000)
    _book(folder / "Kevin 2025.xlsm", "Kevin", [
        {"Customer ID": "C0001", "Company": "Old Buyer", "Email": "o@old.com", "Country": "USA"}], 1_900_000_000)
    (folder / "~$Anna.xlsm").write_bytes(b"\x05Anna  " + b"\0" * 100)  # Anna has her book open in Excel
    broken = folder / "Li.xlsm"
    broken.write_bytes((folder / "Kevin.xlsm").read_bytes()[:3000])
    (folder / "Wang.xlsm").write_bytes(package.OLE2_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
                                       + b"\0" * 1000)
    (folder / ".tradexl").mkdir()
    (folder / ".tradexl" / "Kevin.xlsm").write_bytes((folder / "Kevin.xlsm").read_bytes())
    before = _digests(folder)
    into = tmp_path / "Team.xlsm"

    out = subprocess.run([sys.executable, "-m", "tradexl", "team", str(folder), "--into", str(into), "--today",
                          "2026-12-01"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "Team.xlsm: team of 2: Anna (Anna.xlsm), Kevin (Kevin.xlsm)"
    assert _digests(folder) == before  # every salesperson's file byte-identical

    book = CalamineWorkbook.from_path(str(into))
    assert {"Team Weekly Summary", "Team Monthly Review", "Team Statistics", "Team Due", "Team Pool",
            "Team Check"} <= set(book.sheet_names)
    check = [row[:5] for row in book.get_sheet_by_name("Team Check").to_python()[2:]]
    assert check == [
        ["Anna", "", "", "2 customers, 0 inquiries", "read"],
        ["Anna.xlsm", "", "", "", "open in Excel right now (~$ owner file): read as last saved, not changed"],
        ["Kevin", "", "", "2 customers, 0 inquiries", "read"],
        ["Kevin 2025.xlsm", "", "", "Kevin", "also Kevin's workbook; the newer 'Kevin.xlsm' was read, this one "
                                             "skipped"],
        ["Kevin.xlsm", "", "", "", "in the folder '.tradexl' (backups), skipped"],
        ["Li.xlsm", "", "", "", "skipped: Li.xlsm is damaged or truncated (not a readable zip file: File is not a "
                                "zip file)"],
        ["Wang.xlsm", "", "", "", "skipped: Wang.xlsm is password-protected; remove the password in Excel first"],
    ]
    pool = book.get_sheet_by_name("Team Pool").to_python()
    conflicts = [r for r in pool[pool.index(next(r for r in pool if str(r[0]).startswith("Buyers owned"))) + 1:]]
    assert [(r[0], r[1], r[7], r[8]) for r in conflicts] == [
        ("Anna", "Anna/C0001", "buyer Anna/C0001: =", "last 2026-10-20: Anna sent catalog · 0 inq · 0 quotes · "
                                                      "0 orders"),
        ("Kevin", "Kevin/C0001", "buyer Anna/C0001: domain", "last 2026-10-20: Kevin sent catalog · 0 inq · "
                                                             "0 quotes · 0 orders"),
    ]
    due = [r[0] for r in book.get_sheet_by_name("Team Due").to_python() if str(r[0]).endswith(" due")]
    assert due == ["Anna – 2 due", "Kevin – 2 due"]
    assert read_workbook(into).settings.team_folder == str(folder)
