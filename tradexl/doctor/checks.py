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
from tradexl.messages import Msg, localize, msg

Level = Literal["ok", "warn", "fail", "info"]
MIN_PYTHON = (3, 11)


@dataclass(frozen=True)
class Finding:
    level: Level
    what: str
    fix: str = ""

    def line(self, lang: str = "en") -> str:
        """`FAIL  xlwings add-in: not installed -> run: xlwings addin install` (one line per finding, in `lang`)."""
        text = f"{localize(msg(f'doctor.{self.level}'), lang):<5} {localize(self.what, lang)}"
        return f"{text} -> {localize(self.fix, lang)}" if self.fix else text


def _python(facts: Facts) -> Iterator[Finding]:
    shown = ".".join(map(str, facts.python))
    if facts.python[:2] < MIN_PYTHON:
        yield Finding("fail", msg("doctor.python_old", version=shown), msg("doctor.python_fix"))
    else:
        yield Finding("ok", msg("doctor.python", version=shown, executable=facts.executable))


def _satisfies(installed: str, wanted: str) -> bool:
    try:
        return SpecifierSet(wanted).contains(Version(installed), prereleases=True)
    except InvalidVersion:
        return False


def _packages(facts: Facts) -> Iterator[Finding]:
    bad = []
    for package in facts.packages:
        if package.installed is None:
            bad.append(Finding("fail", msg("doctor.package_missing", name=package.name), msg("doctor.pip_fix")))
        elif not _satisfies(package.installed, package.wanted):
            bad.append(Finding("fail", msg("doctor.package_old", name=package.name, installed=package.installed,
                                           wanted=package.wanted), msg("doctor.pip_fix")))
    yield from bad or [Finding("ok", msg("doctor.packages", count=len(facts.packages)))]


def _addin(facts: Facts) -> Iterator[Finding]:
    if facts.system == "other":
        yield Finding("info", msg("doctor.other_system"))
        return
    if not facts.addin_found:
        yield Finding("fail", msg("doctor.addin_missing", path=facts.addin_path), msg("doctor.addin_install"))
        return
    if facts.addin_version is None:
        yield Finding("warn", msg("doctor.addin_version", path=facts.addin_path), msg("doctor.addin_replace"))
    elif facts.xlwings_version and facts.addin_version != facts.xlwings_version:
        yield Finding("fail", msg("doctor.addin_differs", addin=facts.addin_version, xlwings=facts.xlwings_version),
                      msg("doctor.addin_update"))
    else:
        yield Finding("ok", msg("doctor.addin", version=facts.addin_version, path=facts.addin_path))


def _interpreter(facts: Facts) -> Iterator[Finding]:
    found = facts.interpreter
    if found is None:
        return
    where = msg("doctor.where", command=found.command, source=found.source)
    if not found.runs:
        yield Finding("fail", msg("doctor.no_interpreter", where=where, error=found.error),
                      msg("doctor.set_interpreter"))
        return
    yield from _interpreter_packages(found, facts.addin_version, where)


def _interpreter_packages(found: Interpreter, addin: str | None, where: Msg) -> Iterator[Finding]:
    missing = [name for name, version in found.versions.items() if version.startswith("missing")]
    if missing:
        yield Finding("fail", msg("doctor.no_module", names=", ".join(missing), where=where),
                      msg("doctor.interpreter_pip", command=found.command))
        return
    used = found.versions.get("xlwings", "")
    if addin and used and used != addin:
        yield Finding("fail", msg("doctor.interpreter_differs", where=where, used=used, addin=addin),
                      msg("doctor.interpreter_update", command=found.command))
        return
    yield Finding("ok", msg("doctor.interpreter", where=where, tradexl=found.versions.get("tradexl", "?"), used=used))


def _book(facts: Facts) -> Iterator[Finding]:
    book = facts.book
    if book is None:
        return
    name = book.path.name
    for marker in book.open_by:
        yield Finding("warn", msg("doctor.book_open", name=name, marker=marker), msg("doctor.book_open_fix"))
    if not book.readable:
        yield Finding("fail", msg("doctor.book_unreadable", name=name, error=book.error),
                      msg("doctor.book_unreadable_fix"))
        return
    yield from _book_parts(book)


def _book_parts(book: Book) -> Iterator[Finding]:
    name = book.path.name
    if book.path.suffix.lower() != ".xlsm":
        yield Finding("fail", msg("doctor.not_xlsm", name=name), msg("doctor.not_xlsm_fix"))
    if "TradeXL" not in book.vba_modules:
        yield Finding("fail", msg("doctor.no_vba", name=name), msg("doctor.no_vba_fix"))
    elif book.missing_callbacks:
        yield Finding("fail", msg("doctor.no_macros", name=name, names=", ".join(book.missing_callbacks)),
                      msg("doctor.no_macros_fix"))
    else:
        yield Finding("ok", msg("doctor.vba", name=name))
    if book.conf_sheet is None:
        yield Finding("warn", msg("doctor.no_conf", name=name, sheet=CONF_SHEET),
                      msg("doctor.no_conf_fix", sheet=CONF_SHEET))
    elif "udfs" not in (v.strip() for k, v in book.conf_sheet.items() if k.upper() == "UDF MODULES"):
        yield Finding("warn", msg("doctor.conf_udfs", name=name, sheet=CONF_SHEET), msg("doctor.conf_udfs_fix"))
    else:
        yield Finding("ok", msg("doctor.conf", name=name, sheet=CONF_SHEET))
    if not book.has_settings:
        yield Finding("warn", msg("doctor.no_settings", name=name), msg("doctor.no_settings_fix"))


CHECKS: tuple[Callable[[Facts], Iterator[Finding]], ...] = (_python, _packages, _addin, _interpreter, _book)


def diagnose(facts: Facts) -> list[Finding]:
    """Every finding, in the order a button click would meet the problem."""
    return [finding for check in CHECKS for finding in check(facts)]
