"""Issue 5, disk full / no permission / read-only folder: the original stays intact and the message says why.

Real faults where the machine allows them (tests run as root in CI): a tmpfs just big enough for the workbook
(so the new version cannot be written), a tmpfs remounted read-only, and a folder the refresh cannot write
because the CLI runs without CAP_DAC_OVERRIDE (root otherwise ignores chmod). Where mounting is not allowed those tests
skip, and a simulated ENOSPC (raised at fsync, where delayed-allocation file systems report it) always runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, child_env, refresh, require
from corpus.data import TODAY

from tradexl.errors import SaveError


@contextlib.contextmanager
def tmpfs(size_kb: int) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="tradexl-fs-"))
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
                              capture_output=True, text=True, check=False)
        require(done.returncode == 0, f"cannot mount a tmpfs here ({done.stderr.strip()}); see the simulated test")
        try:
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_disk_full_keeps_original_and_says_so(corpus_dir: dict[str, Path]) -> None:
    source = corpus_dir["xw_extras.xlsm"]
    size_kb = source.stat().st_size // 1024 + 8  # the workbook fits; a second copy of it does not
    with tmpfs(size_kb) as folder:
        path = Path(shutil.copy2(source, folder / source.name))
        before = listing(folder)
        with pytest.raises(SaveError) as info:
            refresh(path)
        assert "disk is full" in str(info.value) and "\n" not in str(info.value), str(info.value)
        assert listing(folder) == before, "original changed or a temporary file was left filling the disk"


def test_read_only_folder_keeps_original_and_says_so(corpus_dir: dict[str, Path]) -> None:
    source = corpus_dir["xw_extras.xlsx"]
    with tmpfs(1024) as folder:
        path = Path(shutil.copy2(source, folder / source.name))
        before = listing(folder)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True,
                                 check=False)
        require(remount.returncode == 0, f"cannot remount read-only: {remount.stderr.strip()}")
        with pytest.raises(SaveError) as info:
            refresh(path)
        assert "read-only" in str(info.value), str(info.value)
        assert listing(folder) == before


DROP_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search", "--"]
"""Root ignores file modes through CAP_DAC_OVERRIDE; without it (and as the files' owner) a 0555 folder is
read-only for the refresh, exactly like a user's folder without write permission."""


def test_no_permission_via_cli_keeps_original_and_says_so(corpus_dir: dict[str, Path]) -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to take away the permission root would otherwise ignore")
    folder = Path(tempfile.mkdtemp(prefix="tradexl-perm-"))
    try:
        path = Path(shutil.copy2(corpus_dir["xw_extras.xlsx"], folder / "Book.xlsx"))
        folder.chmod(0o555)
        before = listing(folder)
        proc = subprocess.run([*DROP_DAC, sys.executable, "-m", "tradexl", "refresh", str(path), "--today",
                               TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT,
                              env=child_env(), timeout=120, check=False)
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
        assert len(lines) == 1 and "permission" in lines[0].lower(), proc.stderr
        assert listing(folder) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_simulated_disk_full_at_fsync(corpus_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    path = corpus_copy("xw_extras.xlsm")
    before = listing(path.parent)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError) as info:
        refresh(path)
    assert "disk is full" in str(info.value)
    assert listing(path.parent) == before
