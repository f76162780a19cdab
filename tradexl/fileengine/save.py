"""Atomic save with a backup, and the check that no office program has the workbook open.

Sequence (each step leaves a complete workbook at the user's path):
1. write the new workbook to a temporary file in the same folder (`.Book.xlsm.<random>.tmp`), flush + fsync;
2. keep the previous version as `.tradexl/Book.backup.xlsm` (a folder beside the workbook, so the backup does
   not look like a second workbook; same extension, so it opens in Excel with a double click): a hard link to
   the current file when the file system allows it, else a copy, put in place by rename;
3. `os.replace` the temporary file onto `Book.xlsm` (atomic on POSIX and on NTFS), then fsync the folder.
A kill at any point leaves `Book.xlsm` either the old or the new version. On any failure the temporary file is
removed, the original is untouched, and `SaveError` says what happened.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tradexl.errors import FileLockedError, SaveError
from tradexl.messages import msg


def owner_file(path: Path) -> Path:
    """Excel's owner ('lock') file for a workbook: `~$` + its name, in the same folder."""
    return path.with_name("~$" + path.name)


OWNER_FILES: tuple[tuple[str, Callable[[Path], Path]], ...] = (
    ("Excel", owner_file),
    ("LibreOffice", lambda path: path.with_name(f".~lock.{path.name}#")),
)
"""Program -> the file it keeps beside a workbook while the workbook is open (WPS uses Excel's `~$`)."""


def check_not_open(path: Path, force: bool) -> None:
    """Refuse a workbook another program has open: saving under it would lose the user's unsaved edits, or
    theirs would overwrite ours."""
    if force:
        return
    for program, lock_of in OWNER_FILES:
        lock = lock_of(path)
        if lock.exists():
            raise FileLockedError(msg("error.locked", book=path.name, program=program, lock=lock.name))


BACKUP_FOLDER = ".tradexl"


def backup_path(path: Path) -> Path:
    """`Sales.xlsm` -> `.tradexl/Sales.backup.xlsm` beside it."""
    return path.parent / BACKUP_FOLDER / f"{path.stem}.backup{path.suffix}"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in {errno.EACCES, errno.EPERM}:
        return "no permission to write in that folder"
    if exc.errno == errno.EROFS:
        return "the folder is read-only"
    return exc.strerror or str(exc)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_backup(path: Path) -> None:
    backup = backup_path(path)
    created = not backup.parent.is_dir()
    backup.parent.mkdir(exist_ok=True)
    staging = backup.with_name(f".{backup.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        try:
            os.link(path, staging)
        except OSError:
            shutil.copy2(path, staging)
        os.replace(staging, backup)
    finally:
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
        if created and not backup.exists():  # a failed save leaves the folder as it found it
            with contextlib.suppress(OSError):
                backup.parent.rmdir()


STALE_TEMP_SECONDS = 3600


def remove_stale_temps(path: Path) -> None:
    """Delete temp files an earlier, killed save left beside `path` (older than an hour, so never a live one)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def atomic_save(path: Path, write: Callable[[Path], None], *, backup: bool = True) -> None:
    """Write a new version of `path` with `write(temp_path)`, keep the old one as a backup, swap atomically."""
    path = Path(path)
    folder = path.parent
    tmp: Path | None = None
    remove_stale_temps(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        with tmp.open("rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
            if backup:
                _keep_backup(path)
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(folder)
    except OSError as exc:
        raise SaveError(msg("error.save", book=path.name, reason=_reason(exc))) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
