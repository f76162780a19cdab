"""Every failure of the real `tradexl` command (a subprocess, as a user runs it) is one line `Error: ...` on
stderr with a non-zero exit status, and leaves the workbook as it was: click usage errors, folders that are
files, a workbook open in Excel or LibreOffice, a macro workbook named .xlsx, no keyring on a headless machine."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, child_env

from tradexl.builder import build_workbook

PRODUCTS = [{"Model": "AB-100", "Name": "LED panel light", "Base Price": 3.4, "MOQ": 500, "Unit": "pcs",
             "Active": "Yes"}]
INQUIRIES = [{"Inquiry ID": "I1", "Received": datetime(2026, 11, 27, 9), "Channel": "Email", "Company": "Acme GmbH",
              "Contact": "Anna Berg", "Email": "anna@acme.de", "Country": "Germany", "Product": "AB-100",
              "Quantity": 1000, "Status": "New"}]


def run(*args: object, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    base = child_env()
    base.pop("TRADEXL_IMAP_PASSWORD", None)
    proc = subprocess.run([sys.executable, "-m", "tradexl", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**base, **(env or {})}, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def assert_one_line(code: int, err: str, *needles: str) -> str:
    assert code != 0, err
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("errors") / "Sales.xlsm"
    build_workbook(path, data={"products": PRODUCTS, "inquiries": INQUIRIES})
    return path


@pytest.fixture
def book(pristine: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return Path(shutil.copyfile(pristine, folder / "Sales.xlsm"))


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "notadir"
    path.write_text("I am a file\n")
    return path


@pytest.mark.parametrize("args, needle", [
    (["refresh"], "Missing argument 'PATH'"),
    (["refresh", "{book}", "--bogus"], "No such option '--bogus'"),
    (["refresh", "{book}", "--today", "2026-13-01"], "'2026-13-01' is not a date like 2026-11-28"),
    (["no-such-command"], "No such command 'no-such-command'"),
    (["reply", "{book}"], "Missing argument 'INQUIRY_ID'"),
])
def test_usage_errors_are_one_line(book: Path, args: list[str], needle: str) -> None:
    before = snapshot(book.parent)
    code, out, err = run(*(a.format(book=book) for a in args), cwd=book.parent)
    line = assert_one_line(code, err, needle, "--help")
    assert code == 2 and out == "" and "Usage:" not in line
    assert snapshot(book.parent) == before


def test_quotes_text_dir_onto_a_file(book: Path, a_file: Path) -> None:
    before = snapshot(book.parent)
    code, _, err = run("quotes", book, "--today", "2026-11-28", "--text-dir", a_file, cwd=book.parent)
    assert_one_line(code, err, "'--text-dir'", "is a file")
    assert snapshot(book.parent) == before


def test_quotes_text_dir_under_a_file(book: Path, a_file: Path) -> None:
    before = snapshot(book.parent)
    code, _, err = run("quotes", book, "--today", "2026-11-28", "--text-dir", a_file / "sub", cwd=book.parent)
    line = assert_one_line(code, err)
    assert line == f"Error: cannot use {a_file / 'sub'}: part of that path is a file, not a folder"
    assert snapshot(book.parent) == before


def test_reply_out_under_a_file(book: Path, a_file: Path) -> None:
    before = snapshot(book.parent)
    code, _, err = run("reply", book, "I1", "--today", "2026-11-28", "--out", a_file / "sub", cwd=book.parent)
    assert_one_line(code, err, str(a_file / "sub"))
    assert snapshot(book.parent) == before


def test_fetch_without_any_keyring_backend(book: Path) -> None:
    """A headless Linux box: keyring is installed but has no backend (keyring's own `fail` backend)."""
    before = snapshot(book.parent)
    code, _, err = run("fetch", book, "--imap", "127.0.0.1", "--user", "sales", cwd=book.parent,
                       env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert_one_line(code, err)
    assert snapshot(book.parent) == before


@pytest.mark.parametrize("program, lock_name", [("Excel", "~$Sales.xlsm"), ("LibreOffice", ".~lock.Sales.xlsm#")])
def test_workbook_open_elsewhere(book: Path, program: str, lock_name: str) -> None:
    (book.parent / lock_name).write_bytes(b"Lily,lily,pc-7,01.12.2026 09:14,file:///home/lily;")
    before = snapshot(book.parent)
    code, _, err = run("refresh", book, "--today", "2026-11-28", cwd=book.parent)
    line = assert_one_line(code, err)
    assert line == f"Error: Sales.xlsm is open in {program} ({lock_name} exists); close it or use --force"
    assert snapshot(book.parent) == before
    code, _, err = run("refresh", book, "--today", "2026-11-28", "--force", cwd=book.parent)
    assert code == 0, err


def test_macro_workbook_named_xlsx(book: Path) -> None:
    renamed = book.rename(book.with_name("Sales.xlsx"))
    before = snapshot(book.parent)
    code, _, err = run("refresh", renamed, "--today", "2026-11-28", cwd=book.parent)
    line = assert_one_line(code, err)
    assert line == ("Error: Sales.xlsx contains macros but is named .xlsx, which Excel refuses to open; "
                    "rename it to Sales.xlsm")
    assert snapshot(book.parent) == before


def test_the_template_is_a_macro_workbook() -> None:
    """The fixture above relies on the builder's workbook carrying VBA (else the .xlsx test proves nothing)."""
    import zipfile

    assert "xl/vbaProject.bin" in zipfile.ZipFile(ROOT / "TradeWorkbook.xlsm").namelist()
