"""Which workbooks in a shared folder are the team's, read strictly read-only.

A folder synced by OneDrive, SharePoint or Dropbox, or a shared drive, holds more than one workbook per
salesperson: Excel's `~$` owner files while someone has a book open, conflicted copies the sync client made,
TradeXL's own backups, broken or password-protected files. `choose` decides from names and times alone (pure,
rules as data); `read_members` reads and enriches the chosen books on two processes, with calamine (never opened
for writing, never locked, a book open in Excel is read as last saved), and every oddity becomes one line for the
team Check sheet.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tradexl.errors import WorkbookError
from tradexl.model import Enriched, InputTables, Problem, RunResult
from tradexl.reports.team import TEAM_SHEETS, team_settings, team_sheets
from tradexl.rules.team import fold
from tradexl.settings import GENERAL_TABLE, Settings, table_row

if TYPE_CHECKING:
    from tradexl.fileengine.engine import FileWorkbook

WORKBOOK_SUFFIXES = frozenset({".xlsm", ".xlsx"})
OWNER_FILE = "~$"
SKIPPED_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\.backup\.xls[xm]$", re.I), "a TradeXL backup (the previous version of a workbook)"),
    (re.compile(r"^\.~lock\.|^\.tradexl-|\.tmp$", re.I), "a lock or temporary file"),
)
"""File names that are never a salesperson's current workbook, and why."""
CONFLICT_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\s*\([^()]*conflicted copy[^()]*\)", re.I),       # Dropbox: Book (Kevin's conflicted copy).xlsm
    re.compile(r"-(?:DESKTOP|LAPTOP|PC|MACBOOK|WIN)[-A-Z0-9]*$", re.I),  # OneDrive: Book-DESKTOP-1234.xlsm
    re.compile(r"\s*\(conflict[^()]*\)", re.I),                     # Nextcloud / Synology: Book (conflict 2026).xlsm
)
"""What sync clients add to a file name when two computers saved the same workbook."""


@dataclass(frozen=True)
class Candidate:
    path: Path
    mtime: float


def base_name(path: Path) -> str:
    """The workbook a (possibly conflicted) copy belongs to: "Book (Kevin's conflicted copy).xlsm" -> "book"."""
    stem = path.stem
    for marker in CONFLICT_MARKERS:
        stem = marker.sub("", stem)
    return f"{path.parent}/{stem.strip().casefold()}{path.suffix.casefold()}"


def note(path: Path | str, message: str, value: str = "") -> Problem:
    """A team Check line about a file (sheet column = the file name)."""
    return Problem(Path(path).name, None, "", value, message)


def choose(files: Iterable[Candidate], folder: Path, exclude: Path | None = None
           ) -> tuple[list[Candidate], list[Problem]]:
    """The workbooks to read (newest of each set of conflicted copies) and a Check line for everything else."""
    lines: list[Problem] = []
    files = list(files)
    present = {c.path for c in files}
    kept: list[Candidate] = []
    for cand in sorted(files, key=lambda c: str(c.path).casefold()):
        path = cand.path
        if path.name.startswith(OWNER_FILE) or path.suffix.casefold() not in WORKBOOK_SUFFIXES:
            continue  # an owner file is a note that someone has a book open, not a workbook (see below)
        if exclude is not None and path.resolve() == exclude.resolve():
            continue
        hidden = next((p for p in path.relative_to(folder).parts[:-1] if p.startswith(".")), None)
        if hidden is not None:
            lines.append(note(path, f"in the folder '{hidden}' (backups), skipped"))
            continue
        reason = next((why for pattern, why in SKIPPED_NAMES if pattern.search(path.name)), None)
        if reason is not None:
            lines.append(note(path, f"{reason}, skipped"))
            continue
        if {path.with_name(OWNER_FILE + path.name[2:]), path.with_name(OWNER_FILE + path.name)} & present:
            lines.append(note(path, "open in Excel right now (~$ owner file): read as last saved, not changed"))
        kept.append(cand)
    groups: dict[str, list[Candidate]] = {}
    for cand in kept:
        groups.setdefault(base_name(cand.path), []).append(cand)
    chosen = []
    for copies in groups.values():
        copies.sort(key=lambda c: c.mtime, reverse=True)
        chosen.append(copies[0])
        for older in copies[1:]:
            lines.append(note(older.path, f"a conflicted copy of the same workbook; the newer '{copies[0].path.name}'"
                                          " was read – merge the two by hand and delete this one"))
    return sorted(chosen, key=lambda c: str(c.path).casefold()), lines


def scan(folder: Path) -> list[Candidate]:
    """Every file under `folder` with its modification time (nothing is opened)."""
    return [Candidate(p, p.stat().st_mtime) for p in sorted(Path(folder).rglob("*")) if p.is_file()]


@dataclass
class Member:
    """One salesperson's workbook as read and enriched (with its own Settings)."""

    name: str
    path: Path
    mtime: float
    settings: Settings
    enriched: Enriched


def salesperson(tables: InputTables, path: Path) -> str:
    """Whose workbook this is: the owner named most on Customers and Inquiries, else the file name."""
    names = Counter[str]()
    spelled: dict[str, str] = {}
    for key in ("customers", "inquiries"):
        frame = tables.frames[key]
        if "Owner" in frame:
            for name in frame["Owner"].dropna().astype(str).str.strip():
                if name:
                    names[fold(name)] += 1
                    spelled.setdefault(fold(name), name)
    return spelled[names.most_common(1)[0][0]] if names else path.stem


def load(cand: Candidate, today: date, now: datetime) -> Member | str:
    """Read (calamine, read-only) and enrich one workbook; a one-line reason instead when it cannot be read.

    Top-level so worker processes can run it."""
    from tradexl.fileengine.reader import read_workbook
    from tradexl.rules.enrich import enrich

    try:
        tables = read_workbook(cand.path)
    except Exception as exc:  # a broken file in a shared folder must never stop the team report
        return _one_line(exc)
    return Member(salesperson(tables, cand.path), cand.path, cand.mtime, tables.settings, enrich(tables, today, now))


def read_members(chosen: Sequence[Candidate], today: date, now: datetime, *, workers: int = 2,
                 progress: Callable[[str], None] | None = None) -> tuple[list[Member], list[Problem]]:
    """Every chosen workbook read and enriched, on `workers` processes (the cores a Saturday PC has); unreadable
    ones, and the older of two books of one salesperson, become Check lines."""
    say = progress or (lambda _message: None)
    if workers > 1 and len(chosen) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            loaded = list(pool.map(load, chosen, [today] * len(chosen), [now] * len(chosen)))
    else:
        loaded = [load(cand, today, now) for cand in chosen]
    members: dict[str, Member] = {}
    lines: list[Problem] = []
    for cand, member in zip(chosen, loaded, strict=True):
        if isinstance(member, str):
            lines.append(note(cand.path, f"skipped: {member}"))
            continue
        say(f"{cand.path.name}: {member.name}")
        other = members.get(fold(member.name))
        if other is not None:
            newer, older = (member, other) if member.mtime >= other.mtime else (other, member)
            members[fold(member.name)] = newer
            lines.append(note(older.path, f"also {member.name}'s workbook; the newer '{newer.path.name}' was "
                                          "read, this one skipped", member.name))
            continue
        members[fold(member.name)] = member
    return sorted(members.values(), key=lambda m: m.name.casefold()), lines


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


@dataclass
class TeamResult:
    result: RunResult
    members: list[Member]
    notes: list[Problem]
    saved: bool = False


def team_run(folder: Path, manager: Settings, *, exclude: Path | None, today: date, now: datetime,
             workers: int = 1, progress: Callable[[str], None] | None = None) -> TeamResult:
    """The team sheets from every salesperson's workbook under `folder`, which are only ever read; shared by
    `tradexl team` and the ribbon's "Team report" (the manager's workbook is `exclude`, never read as a member)."""
    say = progress or (lambda _message: None)
    folder = Path(folder)
    if not folder.is_dir():
        raise WorkbookError(f"'{folder}' is not a folder (Settings › Team Folder names the team's shared folder)")
    chosen, notes = choose(scan(folder), folder, exclude=exclude)
    say(f"{len(chosen)} workbook(s) in {folder}")
    members, skipped = read_members(chosen, today, now, workers=workers, progress=say)
    notes += skipped
    settings = team_settings(manager, [(m.name, m.settings) for m in members])
    sheets = team_sheets([(m.name, m.enriched) for m in members], notes, settings, today,
                         [m.settings.report_currency for m in members])
    names = ", ".join(m.name for m in members) or "nobody"
    message = f"Team report: {len(members)} workbook(s) read ({names}); {len(notes)} note(s) on Team Check"
    return TeamResult(RunResult(computed={}, sheets=sheets, message=message, owned=TEAM_SHEETS), members, notes)


def team_file(folder: Path, into: Path, *, today: date, now: datetime, force: bool = False,
              progress: Callable[[str], None] | None = None) -> TeamResult:
    """`tradexl team`: the team sheets written into the manager's workbook `into` (made with `tradexl new` if
    missing), the folder remembered in its Settings for the ribbon."""
    from tradexl.fileengine.engine import FileWorkbook
    from tradexl.services import new

    folder, into = Path(folder), Path(into)
    if not folder.is_dir():
        raise WorkbookError(f"'{folder}' is not a folder")
    if not into.exists():
        new(into)
    book = FileWorkbook(into, force=force)
    manager = book.read()
    done = team_run(folder, manager.settings, exclude=into, today=today, now=now,
                    workers=min(2, os.cpu_count() or 1), progress=progress)
    book.apply(done.result)
    _remember_folder(book, into, folder, manager.settings.team_folder)
    done.saved = book.save()
    return done


def _remember_folder(book: FileWorkbook, into: Path, folder: Path, remembered: str) -> None:
    """Settings › General `Team Folder` = the folder just read, for the ribbon's "Team report" button."""
    from python_calamine import CalamineWorkbook

    if remembered == str(folder):
        return
    name = next((s.name for s in book.pkg.sheets if s.name.strip().casefold() in {"settings", "设置"}), None)
    if name is None:
        return
    grid = CalamineWorkbook.from_path(str(into)).get_sheet_by_name(name).to_python(skip_empty_area=False)
    found = table_row(grid, GENERAL_TABLE, "Team Folder")
    if found is not None:
        book.set_cells(name, {(found[0], found[1] + 1): str(folder)})
