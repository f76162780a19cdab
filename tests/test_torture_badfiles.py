"""Issue 5, bad files: each is refused through the CLI with a one-line reason, exit status non-zero, nothing written.

The files come from `corpus.bad_files` (and LibreOffice for a real .xls). All CLI runs start at once, so the
process start-up cost is paid in parallel. The sheet at Excel's row limit may be handled or refused, but within
a time bound and never with a traceback.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, child_env, require
from corpus import bad_files, libreoffice
from corpus.data import TODAY

CASES = {
    # name: (maker, file suffix, a word the reason must contain or None)
    "not_a_zip": (bad_files.not_a_zip, ".xlsm", None),
    "csv_renamed": (bad_files.csv_renamed, ".xlsm", None),
    "truncated": (bad_files.truncated, ".xlsx", None),
    "encrypted": (bad_files.encrypted, ".xlsx", "password"),
    "ole_junk": (bad_files.ole_junk, ".xlsm", None),
    "xls_renamed": (None, ".xlsm", "xls"),
    "xml_bomb": (bad_files.xml_bomb, ".xlsx", None),
    "zip_bomb": (bad_files.zip_bomb, ".xlsx", None),
    "zip_bomb_under_ratio": (bad_files.zip_bomb_under_ratio, ".xlsx", None),
}
MEMORY_LIMIT = 1536 * 1024**2
"""Address-space cap for each CLI run: a bomb that gets expanded shows up as a failure, not a swapping box."""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def start_cli(path: Path) -> subprocess.Popen[str]:
    env = child_env()
    return subprocess.Popen([sys.executable, "-m", "tradexl", "refresh", str(path), "--today", TODAY.isoformat()],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
                            preexec_fn=_limit)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def runs(corpus_dir: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    good = corpus_dir["xw_extras.xlsx"]
    base = tmp_path_factory.mktemp("bad")
    files: dict[str, Path] = {}
    for name, (maker, suffix, _) in CASES.items():
        folder = base / name
        folder.mkdir()
        target = folder / f"Book{suffix}"
        if maker is not None:
            files[name] = maker(good, target)
    if libreoffice.available():
        produced = libreoffice.convert([good], "xls:MS Excel 97", base / "xls")
        if produced[good]:
            produced[good][0].replace(base / "xls_renamed" / "Book.xlsm")
            files["xls_renamed"] = base / "xls_renamed" / "Book.xlsm"
    row_folder = base / "row_limit"
    row_folder.mkdir()
    files["row_limit"] = bad_files.row_limit(good, row_folder / "Book.xlsx")
    before = {name: snapshot(p.parent) for name, p in files.items()}
    started = time.monotonic()
    procs = {name: start_cli(p) for name, p in files.items()}
    out = {}
    for name, proc in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=max(5.0, 150 - (time.monotonic() - started)))
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
            stderr += "\n<timed out>"
        out[name] = (proc.returncode, stdout, stderr, before[name], snapshot(files[name].parent), files[name])
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_is_refused_with_one_line_and_nothing_written(runs: dict[str, tuple], name: str) -> None:
    require(name in runs, f"{name} could not be made here (LibreOffice missing?)")
    code, stdout, stderr, before, after, _ = runs[name]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code not in (0, None), f"{name}: exit status {code}; stdout={stdout!r}"
    assert "Traceback" not in stderr + stdout, f"{name}: traceback\n{stderr[-2000:]}"
    assert len(lines) == 1 and lines[0].startswith("Error:"), f"{name}: stderr {stderr[-1500:]!r}"
    word = CASES[name][2]
    if word:
        assert word in lines[0].lower(), f"{name}: reason does not say '{word}': {lines[0]}"
    assert after == before, f"{name}: the folder changed: {sorted(set(after) ^ set(before))}"


def test_sheet_at_row_limit_is_handled_or_refused_cleanly(runs: dict[str, tuple]) -> None:
    code, stdout, stderr, before, after, path = runs["row_limit"]
    assert "Traceback" not in stderr + stdout and "<timed out>" not in stderr, stderr[-2000:]
    if code == 0:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        assert "Check" in book.sheet_names
        grid = book.get_sheet_by_name("Follow-ups").to_python()
        assert len(grid) == bad_files.MAX_ROW and grid[-1][0] == "end", "the user's last-row value was lost"
    else:
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Error:"), stderr
        assert after == before
