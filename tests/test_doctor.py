"""`tradexl doctor`: the verdicts on literal facts, and the facts read from real files laid out where Excel
keeps them (an add-in built with pyOpenVBA, ~/.xlwings/xlwings.conf, a real interpreter started as Excel would)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT, child_env
from pyopenvba import ExcelFile
from pyopenvba.vba import VBAModuleKind

from tradexl.doctor import Facts, diagnose, gather, set_interpreter
from tradexl.doctor.facts import MAC_STARTUP, USER_CONFIG, Book, Interpreter, Package, read_user_config

TEMPLATE = ROOT / "TradeWorkbook.xlsm"


def facts(**changes: object) -> Facts:
    """A healthy Windows machine; each test changes one thing."""
    base: dict[str, object] = dict(
        python=(3, 11, 7), executable=r"C:\TradeXL\venv\Scripts\python.exe", system="windows",
        packages=(Package("pandas", ">=2.2", "2.2.3"), Package("xlwings", ">=0.33", "0.37.8")),
        xlwings_version="0.37.8", addin_path=Path("XLSTART/xlwings.xlam"), addin_found=True,
        addin_version="0.37.8",
        interpreter=Interpreter("pythonw.exe", "~/.xlwings/xlwings.conf", runs=True,
                                versions={"tradexl": "0.1.0", "xlwings": "0.37.8"}),
        book=None)
    base.update(changes)
    return Facts(**base)  # type: ignore[arg-type]


def levels(found: Facts) -> list[tuple[str, str]]:
    return [(f.level, f.what) for f in diagnose(found)]


def test_a_healthy_machine_has_no_problem() -> None:
    assert [f.level for f in diagnose(facts())] == ["ok", "ok", "ok", "ok"]


def test_old_python_and_bad_packages_fail_with_the_fix() -> None:
    found = diagnose(facts(python=(3, 9, 1), packages=(Package("pandas", ">=2.2", "1.5.3"),
                                                      Package("click", ">=8.1", None))))
    assert found[0].level == "fail" and "3.9.1 is too old" in found[0].what
    assert [(f.level, f.what, f.fix) for f in found[1:3]] == [
        ("fail", "package pandas 1.5.3 does not satisfy >=2.2", "run: pip install -U tradexl"),
        ("fail", "package click is not installed", "run: pip install -U tradexl")]


def test_missing_or_mismatched_addin() -> None:
    missing = diagnose(facts(addin_found=False, addin_version=None))
    assert missing[2].level == "fail" and missing[2].fix == "run: xlwings addin install, then restart Excel"
    older = diagnose(facts(addin_version="0.30.1"))
    assert older[2].what == "xlwings add-in 0.30.1 differs from the installed xlwings 0.37.8"
    assert older[2].fix == "run: xlwings addin update, then restart Excel"


def test_interpreter_problems_are_the_two_famous_xlwings_errors() -> None:
    gone = diagnose(facts(interpreter=Interpreter("C:/Python39/pythonw.exe", "the workbook's xlwings.conf sheet",
                                                  runs=False, error="No such file")))
    assert gone[-1].what.startswith("Could not find interpreter: interpreter C:/Python39/pythonw.exe")
    bare = diagnose(facts(interpreter=Interpreter("python3", "xlwings' default", runs=True,
                                                  versions={"tradexl": "missing: No module named 'tradexl'",
                                                            "xlwings": "0.37.8"})))
    assert bare[-1].level == "fail" and bare[-1].what.startswith("No module named tradexl in interpreter python3")


def test_off_windows_and_macos_the_addin_is_not_checked() -> None:
    found = levels(facts(system="other", interpreter=None, addin_path=None, addin_found=False))
    assert found[2] == ("info", "Excel buttons need Windows or macOS; on this computer use the tradexl command line")
    assert len(found) == 3


def test_workbook_without_macros_or_conf_sheet() -> None:
    book = Book(Path("Sales.xlsx"), readable=True, vba_modules=(), conf_sheet=None, has_settings=False,
                open_by=("~$Sales.xlsx",))
    found = levels(facts(book=book))[4:]
    assert found == [
        ("warn", "Sales.xlsx is open in Excel, WPS or LibreOffice (~$Sales.xlsx exists)"),
        ("fail", "Sales.xlsx is not a macro workbook, so the Trade buttons cannot run"),
        ("fail", "Sales.xlsx has no TradeXL VBA module behind the Trade buttons"),
        ("warn", "Sales.xlsx has no hidden xlwings.conf sheet, so TRADEXL_ worksheet functions are not offered"),
        ("warn", "Sales.xlsx has no Settings sheet: built-in defaults apply"),
    ]


def test_the_template_passes_every_workbook_check(tmp_path: Path) -> None:
    book = tmp_path / "Sales.xlsm"
    shutil.copy(TEMPLATE, book)
    found = gather(book, system="other", home=tmp_path)
    assert found.book is not None and found.book.readable
    assert "TradeXL" in found.book.vba_modules and found.book.missing_callbacks == ()
    assert found.book.conf_sheet == {"UDF Modules": "udfs"} and found.book.has_settings
    assert [f.level for f in diagnose(found)] == ["ok", "ok", "info", "ok", "ok"]
    (tmp_path / "~$Sales.xlsm").write_bytes(b"owner")
    (tmp_path / ".~lock.Sales.xlsm#").write_text("user,host")
    assert gather(book, system="other", home=tmp_path).book.open_by == (  # type: ignore[union-attr]
        "~$Sales.xlsm", ".~lock.Sales.xlsm#")


def _addin(path: Path, version: str) -> None:
    """An add-in file as `xlwings addin install` leaves it: a macro workbook whose VBA names its version."""
    path.parent.mkdir(parents=True)
    stage = path.with_suffix(".xlsm")
    shutil.copy(TEMPLATE, stage)
    with ExcelFile(stage) as book:
        book.vba_project().add_module("Main", f'Attribute VB_Name = "Main"\r\nPublic Const XLWINGS_VERSION As '
                                      f'String = "{version}"\r\n', kind=VBAModuleKind.standard)
        book.save(path)
    stage.unlink()


def test_windows_addin_and_interpreter_read_from_real_files(tmp_path: Path) -> None:
    appdata = tmp_path / "AppData" / "Roaming"
    _addin(appdata / "Microsoft" / "Excel" / "XLSTART" / "xlwings.xlam", "0.30.1")
    set_interpreter(tmp_path, "windows", sys.executable)
    found = gather(None, system="windows", home=tmp_path, appdata=appdata)
    assert found.addin_found and found.addin_version == "0.30.1"
    assert found.interpreter is not None and found.interpreter.runs
    assert found.interpreter.source == "~/.xlwings/xlwings.conf"
    assert found.interpreter.versions["tradexl"] and not found.interpreter.versions["tradexl"].startswith("missing")
    verdicts = diagnose(found)
    assert verdicts[2].what == f"xlwings add-in 0.30.1 differs from the installed xlwings {found.xlwings_version}"


def test_an_interpreter_without_tradexl_is_named(tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    venv.create(bare, with_pip=False)
    (tmp_path / USER_CONFIG).parent.mkdir()
    (tmp_path / USER_CONFIG).write_text(f'"INTERPRETER_MAC","{bare / "bin" / "python"}"\n"LICENSE_KEY","x"\n')
    found = gather(None, system="macos", home=tmp_path)
    assert found.addin_path == tmp_path / MAC_STARTUP / "xlwings.xlam" and not found.addin_found
    assert found.interpreter is not None and found.interpreter.runs
    assert found.interpreter.versions["tradexl"].startswith("missing: No module named 'tradexl'")
    assert any(f.what.startswith("No module named tradexl, xlwings in interpreter") for f in diagnose(found))


def test_set_interpreter_keeps_other_settings_and_prefers_pythonw(tmp_path: Path) -> None:
    scripts = tmp_path / "venv" / "Scripts"
    scripts.mkdir(parents=True)
    (scripts / "python.exe").write_bytes(b"")
    (scripts / "pythonw.exe").write_bytes(b"")
    (tmp_path / USER_CONFIG).parent.mkdir()
    (tmp_path / USER_CONFIG).write_text('"LICENSE_KEY","abc"\n"INTERPRETER_WIN","C:\\old\\python.exe"\n')
    set_interpreter(tmp_path, "windows", str(scripts / "python.exe"))
    assert read_user_config(tmp_path) == {"LICENSE_KEY": "abc", "INTERPRETER_WIN": str(scripts / "pythonw.exe")}
    with pytest.raises(ValueError):
        set_interpreter(tmp_path, "other", sys.executable)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tradexl", *args], capture_output=True, text=True,
                          env=child_env(), timeout=120)


def test_cli_prints_one_line_per_check_and_fails_on_a_problem(tmp_path: Path) -> None:
    good = run_cli("doctor", str(TEMPLATE))
    assert good.returncode == 0, good.stderr
    assert good.stdout.splitlines()[-1] == "OK    TradeWorkbook.xlsm: xlwings.conf sheet names the udfs module"
    bad = run_cli("doctor", str(tmp_path / "Nope.xlsm"))
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[-1] == ("FAIL  Nope.xlsm: cannot be read (no such file) -> check the path; "
                                           "open and save it in Excel")


INSTALLERS = ROOT / "install"


def test_macos_installer_is_valid_bash() -> None:
    script = INSTALLERS / "Install TradeXL (macOS).command"
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    assert script.stat().st_mode & 0o111, "Finder only runs an executable .command"


def _invocations(text: str, tool: str) -> set[tuple[str, ...]]:
    """The subcommands an installer runs with `tool` (e.g. ('addin', 'install'), ('doctor',))."""
    found = set()
    for line in text.splitlines():
        for marker in (f'{tool}.exe" ', f'/bin/{tool}" '):
            if marker in line:
                words = line.split(marker, 1)[1].split()
                found.add(tuple(w for w in words[:2] if w.isalpha()))
    return found


@pytest.mark.parametrize("name", ["Install TradeXL (Windows).cmd", "Install TradeXL (macOS).command"])
def test_installers_run_commands_that_exist(name: str) -> None:
    text = (INSTALLERS / name).read_text()
    assert _invocations(text, "xlwings") == {("addin", "install")}
    assert _invocations(text, "tradexl") == {("doctor",), ("new",)}
    assert "doctor --set-interpreter" in text
    xlwings = Path(sys.executable).with_name("xlwings")
    for words in _invocations(text, "xlwings"):
        assert subprocess.run([str(xlwings), *words[:1], "--help"], capture_output=True).returncode == 0
    for words in _invocations(text, "tradexl"):
        assert run_cli(*words, "--help").returncode == 0
    assert run_cli("doctor", "--help").stdout.count("--set-interpreter") == 1
