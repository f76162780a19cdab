"""A PDF of a generated file through LibreOffice, where it is installed (the buyer gets a PDF, not a workbook).

Each conversion uses its own throw-away LibreOffice profile, so it neither disturbs nor waits for a LibreOffice
the user has open. No LibreOffice: no PDF, and the caller says so; the .xlsx is still there to print.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(source: Path, out_dir: Path) -> Path | None:
    """`out_dir/<stem>.pdf` rendered from `source`, or None when LibreOffice is missing or fails."""
    program = soffice()
    if program is None:
        return None
    target = out_dir / f"{source.stem}.pdf"
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="tradexl-lo-") as profile:
        try:
            subprocess.run([program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                            "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
                           capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
    return target if target.is_file() else None
