"""End-to-end: every `tradexl` command on a real workbook file, as a user runs it, and every command documented."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from tradexl.builder import build_workbook
from tradexl.cli.app import cli, register_commands
from tradexl.sampledata import demo_dataset

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 28)


def commands() -> dict[str, object]:
    """Every command of `tradexl`, all modules registered (as the console script does)."""
    return dict(register_commands().commands)


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "Sales.xlsm"
    settings, data = demo_dataset(TODAY)
    build_workbook(path, settings=settings, data=data)
    return path


@pytest.fixture
def book(demo_book: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "Sales.xlsm"
    shutil.copyfile(demo_book, copy)
    return copy


def invoke(*args: str) -> tuple[int, str, str]:
    commands()
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def sheet_names(path: Path) -> list[str]:
    return CalamineWorkbook.from_path(str(path)).sheet_names


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in commands():
        code, out, _ = invoke(name, "--help")
        assert code == 0
        assert re.search(rf"Example: .*tradexl {name}\b", out), f"`tradexl {name} --help` has no example"
        assert f"tradexl {name}" in readme, f"README does not document `tradexl {name}`"


@pytest.mark.parametrize(("step", "made", "not_made"), [
    ("grade", [], ["Due Follow-ups", "Weekly Summary"]),
    ("followups", ["Due Follow-ups", "Unanswered"], ["Weekly Summary", "Check"]),
    ("quotes", ["Quote - Middle East", "Quote - North America"], ["Due Follow-ups"]),
    ("weekly", ["Weekly Summary"], ["Due Follow-ups"]),
    ("check", ["Check"], ["Weekly Summary"]),
])
def test_single_steps_write_only_their_sheets(book: Path, step: str, made: list[str], not_made: list[str]):
    code, out, _ = invoke(step, str(book), "--today", "2026-11-28")
    assert code == 0, out
    names = sheet_names(book)
    assert all(n in names for n in made)
    assert not any(n in names for n in not_made)


def test_grade_fills_the_inquiry_columns(book: Path):
    invoke("grade", str(book), "--today", "2026-11-28")
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Inquiries").to_python()
    header = rows[0]
    grades = {row[header.index("Suggested Grade")] for row in rows[1:]}
    assert grades <= {"A", "B", "C", "D", ""} and {"A", "C", "D"} <= grades
    assert all(row[header.index("Grade Reason")] for row in rows[1:] if row[header.index("Inquiry ID")])


def test_refresh_then_quotes_text_dir(book: Path, tmp_path: Path):
    code, out, _ = invoke("refresh", str(book), "--today", "2026-11-28")
    assert code == 0 and "customers due today" in out
    assert (book.parent / ".tradexl" / "Sales.backup.xlsm").exists()
    code, out, _ = invoke("quotes", str(book), "--today", "2026-11-28", "--text-dir", str(tmp_path / "q"))
    assert code == 0 and "Wrote 10 text quotes" in out
    text = (tmp_path / "q" / "quote-north-america.txt").read_bytes()
    text.decode("ascii")  # plain ASCII, whatever the catalog holds
    assert b"Valid until" in text or b"VALID UNTIL" in text.upper()


def test_new_makes_the_template_and_refuses_to_overwrite(tmp_path: Path):
    target = tmp_path / "Fresh.xlsm"
    assert invoke("new", str(target))[0] == 0
    assert sheet_names(target)[:8] == ["Inquiries", "Customers", "Follow-ups", "Quotes", "Products", "Samples",
                                       "Orders", "Settings"]
    code, _, err = invoke("new", str(target))
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1


def test_demo_prints_what_it_made(tmp_path: Path):
    code, out, _ = invoke("demo", "--out", str(tmp_path / "demo"), "--today", "2026-11-28")
    assert code == 0
    assert re.search(r"\d+ inquiries", out) and "Weekly Summary" in out
    assert (tmp_path / "demo" / "TradeDemo.xlsm").exists()
    assert len(list((tmp_path / "demo" / "quotes").glob("*.txt"))) == 10


@pytest.mark.parametrize("args", [
    ["refresh", "{missing}"],
    ["refresh", "{notzip}"],
    ["refresh", "{book}", "--today", "28/11/2026"],
])
def test_bad_input_is_one_line_and_nonzero(book: Path, tmp_path: Path, args: list[str]):
    notzip = tmp_path / "Notes.xlsm"
    notzip.write_text("Company,Country\nACME,UAE\n")
    before = book.read_bytes()
    filled = [a.format(missing=tmp_path / "nope.xlsm", notzip=notzip, book=book) for a in args]
    proc = subprocess.run([sys.executable, "-m", "tradexl", *filled], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 or "Usage:" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert book.read_bytes() == before


def test_open_in_excel_is_refused_unless_forced(book: Path):
    owner = book.with_name("~$" + book.name)
    owner.write_bytes(b"owner")
    code, _, err = invoke("refresh", str(book))
    assert code == 1 and "open in Excel" in err
    assert invoke("refresh", str(book), "--force", "--today", "2026-11-28")[0] == 0
