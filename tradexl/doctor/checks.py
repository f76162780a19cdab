"""The doctor's verdicts: each observed fact against what a working button needs, with a one-line fix.

Pure functions on `Facts`; nothing here touches the computer. The order of the findings follows the order in
which a click fails: Python and packages, then the add-in, the interpreter it starts, then the workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from tradexl.doctor.facts import CONF_SHEET, Book, Facts, Interpreter

Level = Literal["ok", "warn", "fail", "info"]
MIN_PYTHON = (3, 11)


@dataclass(frozen=True)
class Finding:
    level: Level
    what: str
    fix: str = ""

    def line(self) -> str:
        """`FAIL  xlwings add-in: not installed -> run: xlwings addin install` (one line per finding)."""
        text = f"{self.level.upper():<5} {self.what}"
        return f"{text} -> {self.fix}" if self.fix else text


def _python(facts: Facts) -> Iterator[Finding]:
    shown = ".".join(map(str, facts.python))
    if facts.python[:2] < MIN_PYTHON:
        yield Finding("fail", f"Python {shown} is too old (TradeXL needs 3.11 or newer)",
                      "install Python 3.11+ from python.org, then run the TradeXL installer again")
    else:
        yield Finding("ok", f"Python {shown} ({facts.executable})")


def _satisfies(installed: str, wanted: str) -> bool:
    try:
        return SpecifierSet(wanted).contains(Version(installed), prereleases=True)
    except InvalidVersion:
        return False


def _packages(facts: Facts) -> Iterator[Finding]:
    bad = []
    for package in facts.packages:
        if package.installed is None:
            bad.append(Finding("fail", f"package {package.name} is not installed", "run: pip install -U tradexl"))
        elif not _satisfies(package.installed, package.wanted):
            bad.append(Finding("fail", f"package {package.name} {package.installed} does not satisfy "
                               f"{package.wanted}", "run: pip install -U tradexl"))
    yield from bad or [Finding("ok", f"{len(facts.packages)} required packages installed")]


def _addin(facts: Facts) -> Iterator[Finding]:
    if facts.system == "other":
        yield Finding("info", "Excel buttons need Windows or macOS; on this computer use the tradexl command line")
        return
    if not facts.addin_found:
        yield Finding("fail", f"xlwings add-in not installed (expected at {facts.addin_path})",
                      "run: xlwings addin install, then restart Excel")
        return
    if facts.addin_version is None:
        yield Finding("warn", f"xlwings add-in at {facts.addin_path}: its version cannot be read",
                      "run: xlwings addin install (replaces it with the matching version)")
    elif facts.xlwings_version and facts.addin_version != facts.xlwings_version:
        yield Finding("fail", f"xlwings add-in {facts.addin_version} differs from the installed xlwings "
                      f"{facts.xlwings_version}", "run: xlwings addin update, then restart Excel")
    else:
        yield Finding("ok", f"xlwings add-in {facts.addin_version} at {facts.addin_path}")


def _interpreter(facts: Facts) -> Iterator[Finding]:
    found = facts.interpreter
    if found is None:
        return
    where = f"interpreter {found.command} (from {found.source})"
    if not found.runs:
        yield Finding("fail", f"Could not find interpreter: {where}: {found.error}",
                      "run: tradexl doctor --set-interpreter (with the Python that has tradexl)")
        return
    yield from _interpreter_packages(found, facts.addin_version, where)


def _interpreter_packages(found: Interpreter, addin: str | None, where: str) -> Iterator[Finding]:
    missing = [name for name, version in found.versions.items() if version.startswith("missing")]
    if missing:
        yield Finding("fail", f"No module named {', '.join(missing)} in {where}",
                      f"run: \"{found.command}\" -m pip install tradexl   (or: tradexl doctor --set-interpreter)")
        return
    used = found.versions.get("xlwings", "")
    if addin and used and used != addin:
        yield Finding("fail", f"{where} has xlwings {used} but the add-in is {addin}",
                      f"run: \"{found.command}\" -m xlwings addin update")
        return
    yield Finding("ok", f"{where} imports tradexl {found.versions.get('tradexl', '?')}, xlwings {used}")


def _book(facts: Facts) -> Iterator[Finding]:
    book = facts.book
    if book is None:
        return
    name = book.path.name
    for marker in book.open_by:
        yield Finding("warn", f"{name} is open in Excel, WPS or LibreOffice ({marker} exists)",
                      "close it before running a tradexl command; if nothing has it open, delete that file")
    if not book.readable:
        yield Finding("fail", f"{name}: cannot be read ({book.error})", "check the path; open and save it in Excel")
        return
    yield from _book_parts(book)


def _book_parts(book: Book) -> Iterator[Finding]:
    name = book.path.name
    if book.path.suffix.lower() != ".xlsm":
        yield Finding("fail", f"{name} is not a macro workbook, so the Trade buttons cannot run",
                      "save it as Excel Macro-Enabled Workbook (.xlsm)")
    if "TradeXL" not in book.vba_modules:
        yield Finding("fail", f"{name} has no TradeXL VBA module behind the Trade buttons",
                      "make a fresh workbook with: tradexl new NEW.xlsm, and copy your sheets into it")
    elif book.missing_callbacks:
        yield Finding("fail", f"{name}: buttons without a macro: {', '.join(book.missing_callbacks)}",
                      "make a fresh workbook with: tradexl new NEW.xlsm (the module is generated)")
    else:
        yield Finding("ok", f"{name}: TradeXL VBA module with every button's macro")
    if book.conf_sheet is None:
        yield Finding("warn", f"{name} has no hidden {CONF_SHEET} sheet, so TRADEXL_ worksheet functions are "
                      "not offered", f"add a sheet {CONF_SHEET} with UDF Modules in A1 and udfs in B1")
    elif "udfs" not in (v.strip() for k, v in book.conf_sheet.items() if k.upper() == "UDF MODULES"):
        yield Finding("warn", f"{name}: the {CONF_SHEET} sheet does not name the udfs module",
                      "put UDF Modules in column A and udfs in column B")
    else:
        yield Finding("ok", f"{name}: {CONF_SHEET} sheet names the udfs module")
    if not book.has_settings:
        yield Finding("warn", f"{name} has no Settings sheet: built-in defaults apply",
                      "make a fresh workbook with tradexl new and copy its Settings sheet")


CHECKS: tuple[Callable[[Facts], Iterator[Finding]], ...] = (_python, _packages, _addin, _interpreter, _book)


def diagnose(facts: Facts) -> list[Finding]:
    """Every finding, in the order a button click would meet the problem."""
    return [finding for check in CHECKS for finding in check(facts)]
