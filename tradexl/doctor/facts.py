"""What `tradexl doctor` observes: versions, the xlwings add-in, the interpreter Excel will start, the workbook.

Everything that touches the computer is here (files, the user's xlwings configuration, a child Python); the
verdicts are in `checks`. The operating system, home and AppData folders are parameters, so the Windows and
macOS paths are exercised on any machine with real files laid out where Excel keeps them.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from packaging.requirements import Requirement

System = Literal["windows", "macos", "other"]

ADDIN_NAME = "xlwings.xlam"
CONF_SHEET = "xlwings.conf"
USER_CONFIG = Path(".xlwings") / "xlwings.conf"
MAC_STARTUP = Path("Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel")
"""Excel 2016+ for Mac loads add-ins from this folder; `xlwings addin install` copies xlwings.xlam there."""
INTERPRETER_KEY: dict[System, str] = {"windows": "INTERPRETER_WIN", "macos": "INTERPRETER_MAC", "other": ""}
DEFAULT_INTERPRETER: dict[System, str] = {"windows": "pythonw", "macos": "python", "other": ""}
"""What the add-in starts when no Interpreter is configured (xlwings' own default)."""
VERSION_CONSTANT = re.compile(r'XLWINGS_VERSION\s+As\s+String\s*=\s*"([^"]*)"', re.IGNORECASE)
PROBE = (
    "import importlib.metadata as m, json\n"
    "found = {}\n"
    "for name in ('tradexl', 'xlwings'):\n"
    "    try:\n"
    "        __import__(name)\n"
    "        found[name] = m.version(name)\n"
    "    except Exception as exc:\n"
    "        found[name] = 'missing: ' + str(exc)\n"
    "print(json.dumps(found))\n"
)
"""Run by the configured interpreter: which tradexl and xlwings it would import when a button is clicked."""


@dataclass(frozen=True)
class Package:
    """One requirement of tradexl and what this Python has installed for it."""

    name: str
    wanted: str
    installed: str | None


@dataclass(frozen=True)
class Interpreter:
    """The Python the add-in starts: where the setting comes from and what that Python can import."""

    command: str
    source: str
    runs: bool
    versions: dict[str, str] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class Book:
    """The workbook's parts that the buttons depend on."""

    path: Path
    readable: bool
    error: str = ""
    vba_modules: tuple[str, ...] = ()
    missing_callbacks: tuple[str, ...] = ()
    conf_sheet: dict[str, str] | None = None
    has_settings: bool = False
    open_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facts:
    python: tuple[int, int, int]
    executable: str
    system: System
    packages: tuple[Package, ...]
    xlwings_version: str | None
    addin_path: Path | None
    addin_found: bool
    addin_version: str | None
    interpreter: Interpreter | None
    book: Book | None


def current_system() -> System:
    if sys.platform.startswith("win"):
        return "windows"
    return "macos" if sys.platform == "darwin" else "other"


def installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def requirements() -> tuple[Package, ...]:
    """tradexl's own run-time requirements (not the test extras) and the installed version of each."""
    found = []
    for line in importlib.metadata.requires("tradexl") or []:
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        found.append(Package(req.name, str(req.specifier), installed_version(req.name)))
    return tuple(found)


def addin_location(system: System, home: Path, appdata: Path | None) -> Path | None:
    """Where `xlwings addin install` puts the add-in for this user (Excel's XLSTART / Startup folder)."""
    if system == "windows":
        return (appdata or home / "AppData" / "Roaming") / "Microsoft" / "Excel" / "XLSTART" / ADDIN_NAME
    if system == "macos":
        return home / MAC_STARTUP / ADDIN_NAME
    return None


def vba_sources(path: Path) -> dict[str, str]:
    """Module name -> VBA source of a macro workbook or add-in (raises on a file without a VBA project)."""
    from pyopenvba import ExcelFile

    with ExcelFile(path) as book:
        return dict(book.vba_modules())


def addin_version(path: Path) -> str | None:
    """The XLWINGS_VERSION constant in the installed add-in's VBA ("" when unreadable)."""
    try:
        sources = vba_sources(path)
    except Exception:
        return None
    for source in sources.values():
        match = VERSION_CONSTANT.search(source)
        if match:
            return match.group(1)
    return None


def read_user_config(home: Path) -> dict[str, str]:
    """~/.xlwings/xlwings.conf: the add-in's settings as `"KEY","VALUE"` lines (keys upper-cased)."""
    path = home / USER_CONFIG
    if not path.is_file():
        return {}
    rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8", errors="replace")))
    return {row[0].strip().upper(): row[1] for row in rows if len(row) >= 2}


def set_interpreter(home: Path, system: System, executable: str) -> Path:
    """Point the add-in at `executable` in ~/.xlwings/xlwings.conf, keeping every other setting there.

    On Windows the windowless `pythonw.exe` beside `python.exe` is used when present, so no console flashes.
    """
    key = INTERPRETER_KEY[system]
    if not key:
        raise ValueError("the xlwings add-in runs on Windows and macOS only")
    command = Path(executable)
    windowless = command.with_name("pythonw.exe")
    if system == "windows" and windowless.exists():
        command = windowless
    path = home / USER_CONFIG
    settings = read_user_config(home)
    settings[key] = str(command)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerows(settings.items())
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def probe_interpreter(command: str, source: str, cwd: Path) -> Interpreter:
    """Start the configured Python the way the add-in would and ask what it can import.

    It runs in `cwd` (not this process's folder, which may hold a tradexl source tree) and without this
    process's PYTHONPATH, so it sees only what that interpreter itself has installed.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    try:
        done = subprocess.run([command, "-c", PROBE], capture_output=True, text=True, timeout=60, cwd=cwd, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Interpreter(command, source, runs=False, error=str(exc))
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        return Interpreter(command, source, runs=False, error=lines[-1] if lines else f"exit {done.returncode}")
    return Interpreter(command, source, runs=True, versions=json.loads(done.stdout.strip().splitlines()[-1]))


def configured_interpreter(system: System, home: Path, book: Book | None) -> tuple[str, str]:
    """The interpreter setting the add-in uses: the workbook's xlwings.conf sheet, else the user's file."""
    key = INTERPRETER_KEY[system]
    sheet = {k.replace(" ", "_").upper(): v for k, v in ((book.conf_sheet or {}) if book else {}).items()}
    if sheet.get(key):
        return sheet[key], f"the workbook's {CONF_SHEET} sheet"
    user = read_user_config(home)
    if user.get(key):
        return user[key], f"~/{USER_CONFIG.as_posix()}"
    return DEFAULT_INTERPRETER[system], "xlwings' default (nothing configured)"


def open_markers(path: Path) -> tuple[str, ...]:
    """Owner files that say Excel/WPS (`~$Book.xlsm`) or LibreOffice (`.~lock.Book.xlsm#`) has the book open:
    the ones the file engine refuses to write under (`tradexl.fileengine.save.OWNER_FILES`)."""
    from tradexl.fileengine.save import OWNER_FILES

    return tuple(lock.name for _program, lock_of in OWNER_FILES if (lock := lock_of(path)).exists())


def inspect_book(path: Path) -> Book:
    """The workbook's VBA module, ribbon callbacks, xlwings.conf sheet and Settings sheet."""
    from python_calamine import CalamineWorkbook

    from tradexl.builder.ribbon import BUTTONS
    from tradexl.builder.vba import MODULE_NAME
    from tradexl.schema import SETTINGS_SHEET, SETTINGS_SHEET_ZH

    if not path.is_file():
        return Book(path, readable=False, error="no such file")
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        conf = None
        if CONF_SHEET in names:
            rows = book.get_sheet_by_name(CONF_SHEET).to_python(skip_empty_area=False)
            conf = {str(r[0]).strip(): str(r[1]).strip() for r in rows if len(r) >= 2 and str(r[0]).strip()}
    except Exception as exc:
        return Book(path, readable=False, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                    open_by=open_markers(path))
    try:
        sources = vba_sources(path)
    except Exception:
        sources = {}
    module = sources.get(MODULE_NAME, "")
    missing = tuple(b.callback for b in BUTTONS
                    if not re.search(rf"Sub\s+{b.callback}\s*\(", module, re.IGNORECASE))
    return Book(path, readable=True, vba_modules=tuple(sources), missing_callbacks=missing if module else (),
                conf_sheet=conf, has_settings=bool({SETTINGS_SHEET, SETTINGS_SHEET_ZH} & set(names)),
                open_by=open_markers(path))


def gather(book_path: Path | None = None, *, system: System | None = None, home: Path | None = None,
           appdata: Path | None = None) -> Facts:
    """Observe this computer (or the given system's folders under `home`) and, if named, the workbook."""
    system = system or current_system()
    home = home or Path.home()
    if appdata is None and os.environ.get("APPDATA") and system == current_system():
        appdata = Path(os.environ["APPDATA"])
    book = inspect_book(Path(book_path)) if book_path is not None else None
    addin = addin_location(system, home, appdata)
    found = addin is not None and addin.is_file()
    interpreter = None
    if system != "other":
        command, source = configured_interpreter(system, home, book)
        interpreter = probe_interpreter(command, source, home)
    major, minor, micro = sys.version_info[:3]
    return Facts(
        python=(major, minor, micro),
        executable=sys.executable,
        system=system,
        packages=requirements(),
        xlwings_version=installed_version("xlwings"),
        addin_path=addin,
        addin_found=found,
        addin_version=addin_version(addin) if found and addin is not None else None,
        interpreter=interpreter,
        book=book,
    )
