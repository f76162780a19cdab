"""LibreOffice headless, batched: one soffice process converts many files (start-up dominates its cost).

Used both to make corpus files whose part layout is LibreOffice's own and to prove that refreshed workbooks
open in a second spreadsheet program. Each call gets a fresh user profile so runs never share state or locks.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
"""CSV filter options: UTF-8, and the trailing -1 writes one file per sheet (`<name>-<Sheet>.csv`)."""


def available() -> bool:
    return SOFFICE is not None


def convert(files: Sequence[Path], target: str, out_dir: Path, *, timeout: float = 180) -> dict[Path, list[Path]]:
    """Convert `files` with one soffice run; map each input to the output files it produced (maybe none)."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck",
             "--convert-to", target, "--outdir", str(out_dir), *map(str, files)],
            capture_output=True, timeout=timeout, check=False,
        )
    produced: dict[Path, list[Path]] = {}
    for f in files:
        stem = Path(f).stem
        produced[Path(f)] = sorted(p for p in out_dir.iterdir()
                                   if p.stem == stem or p.stem.startswith(f"{stem}-"))
    return produced
