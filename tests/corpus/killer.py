"""Kill a refresh at chosen points of its save and report what is left on disk (run as a subprocess).

Why a driver process: importing pandas and the engine takes longer than a refresh, so this script imports once
and forks one child per kill position. Each child traces the file operations of the save inside the
workbook's folder and SIGKILLs itself at its position: after N bytes of writes (the temporary workbook, the
backup), or just before / just after the k-th file-system call (open, fsync, chmod, link, replace, unlink).
No cleanup code runs after SIGKILL, exactly as when the power fails or the task manager ends the process.
The core's result is computed once in the driver (`compute_once`). A first, never-killed child records the
full trace and produces the reference "new" version.

Usage: python -m corpus.killer WORKBOOK WORKDIR YYYY-MM-DD  -> JSON on stdout.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import traceback
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

OPS = ("open", "fsync", "chmod", "link", "replace", "rename", "unlink", "remove", "close")


class Tracer:
    """Counts bytes written and file-system calls made inside `folder`; dies at the chosen position."""

    def __init__(self, folder: Path, kill_byte: int | None = None, kill_op: tuple[int, str] | None = None) -> None:
        self.folder = str(folder.resolve())
        self.kill_byte, self.kill_op = kill_byte, kill_op
        self.bytes = 0
        self.ops: list[str] = []
        self.open_fds: set[int] = set()

    def mine(self, path: Any) -> bool:
        if isinstance(path, int):
            try:
                path = os.readlink(f"/proc/self/fd/{path}")
            except OSError:
                return False
        try:
            return os.path.abspath(os.fsdecode(path)).startswith(self.folder + os.sep)
        except TypeError:
            return False

    @staticmethod
    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def op(self, name: str, call: Any) -> Any:
        index = len(self.ops)
        self.ops.append(name)
        if self.kill_op == (index, "before"):
            self.die()
        try:
            return call()
        finally:  # "after" also when the call failed (e.g. unlinking a file that is not there)
            if self.kill_op == (index, "after"):
                self.die()

    def write(self, sink: Any, data: Any) -> Any:
        view = memoryview(data).cast("B")
        if self.kill_byte is not None and self.bytes + len(view) >= self.kill_byte:
            cut = self.kill_byte - self.bytes
            sink(bytes(view[:cut]))
            if hasattr(sink, "__self__") and hasattr(sink.__self__, "flush"):
                sink.__self__.flush()  # the bytes before the kill point reach the OS, as a real write would
            self.die()
        self.bytes += len(view)
        return sink(data)


class Counting:
    """A file object whose writes go through the tracer; everything else is the real file's."""

    def __init__(self, raw: Any, tracer: Tracer) -> None:
        object.__setattr__(self, "_raw", raw)
        object.__setattr__(self, "_tracer", tracer)

    def write(self, data: Any) -> Any:
        return self._tracer.write(self._raw.write, data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __enter__(self) -> Counting:
        self._raw.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._raw.__exit__(*exc)

    def __iter__(self) -> Any:
        return iter(self._raw)


def install(tracer: Tracer) -> None:
    real_open = io.open

    def traced_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if not tracer.mine(file):
            return real_open(file, mode, *args, **kwargs)
        fh = tracer.op("open", lambda: real_open(file, mode, *args, **kwargs))
        return Counting(fh, tracer) if any(m in mode for m in "wax+") else fh

    builtins.open = io.open = traced_open
    for name in OPS:
        real = getattr(os, name)

        def traced(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            target = args[-1] if _name in {"link", "replace", "rename"} and len(args) > 1 else (args[0] if args
                                                                                            else None)
            if _name in {"fsync", "close"} and isinstance(target, int) and not tracer.mine(target):
                return _real(*args, **kwargs)
            if _name not in {"fsync", "close"} and not tracer.mine(target):
                return _real(*args, **kwargs)
            return tracer.op(_name, lambda: _real(*args, **kwargs))
        setattr(os, name, traced)
    real_write = os.write

    def traced_write(fd: int, data: Any) -> Any:
        if tracer.mine(fd):
            return tracer.write(lambda chunk: real_write(fd, chunk), data)
        return real_write(fd, data)
    os.write = traced_write


def run_child(source: Path, folder: Path, day: date, tracer: Tracer, stats: Path | None) -> None:
    """In the forked child: copy the workbook in (unless there), trace, refresh; exit 0 when it finished."""
    from tradexl.fileengine.engine import refresh_file
    from tradexl.operations import STEPS

    target = folder / source.name
    if not target.exists():  # a recovery run refreshes the file left in place, next to any leftovers
        folder.mkdir(parents=True)
        shutil.copy2(source, target)
    install(tracer)
    code = 0
    try:
        refresh_file(target, today=day, now=datetime.combine(day, time(23, 59, 59)), steps=STEPS)
    except BaseException as exc:  # reported to the parent through the exit status
        sys.stderr.write(f"refresh failed: {exc!r}\n")
        code = 3
    if stats is not None:
        with io.FileIO(str(stats), "w") as fh:
            fh.write(json.dumps({"bytes": tracer.bytes, "ops": tracer.ops}).encode())
    os._exit(code)


def fork_run(source: Path, folder: Path, day: date, tracer: Tracer, stats: Path | None = None) -> int:
    """Run one child; return its wait status as 'signal number' (negative) or exit code."""
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            run_child(source, folder, day, tracer, stats)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def state_of(path: Path, old: bytes, new_parts: dict[str, bytes]) -> str:
    """'old', 'new', 'missing', 'unreadable' or 'mixed' for the file left at `path`."""
    from partdiff import diff_parts
    from python_calamine import CalamineWorkbook

    if not path.exists():
        return "missing"
    body = path.read_bytes()
    if body == old:
        return "old"
    try:
        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                return "unreadable"
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    except Exception:
        return "unreadable"
    return "new" if diff_parts(parts_of(path), new_parts).same else "mixed"


def compute_once(source: Path, day: date) -> None:
    """Run the core once in the driver and let every child reuse its result.

    The rules are deterministic for the same inputs and day (the preservation suite checks that a second refresh
    changes nothing), and computed columns are not inputs, so the old and the new version yield the same result.
    The children still go through `refresh_file` end to end: open, read, apply, save.
    """
    import tradexl.operations as operations
    from tradexl.fileengine.reader import read_workbook

    now = datetime.combine(day, time(23, 59, 59))
    result = operations.run(read_workbook(source), day, now, operations.STEPS)

    def cached(tables: Any, today: date, when: datetime, steps: Any = operations.STEPS) -> Any:
        assert (today, when, tuple(steps)) == (day, now, operations.STEPS)
        return result
    operations.run = cached
    warm = Path(tempfile.mkdtemp(prefix="killer-warm-"))  # imports everything the save path imports lazily
    try:
        from tradexl.fileengine.engine import refresh_file

        refresh_file(Path(shutil.copy2(source, warm / source.name)), today=day, now=now, steps=operations.STEPS)
    finally:
        shutil.rmtree(warm)


def main(source: Path, workdir: Path, day: date) -> list[dict[str, Any]]:
    compute_once(source, day)

    workdir.mkdir(parents=True, exist_ok=True)
    stats_file = workdir / "reference.json"
    status = fork_run(source, workdir / "reference", day, Tracer(workdir / "reference"), stats_file)
    if status != 0:
        raise SystemExit(f"reference refresh failed with status {status}")
    stats = json.loads(stats_file.read_text())
    new_parts = parts_of(workdir / "reference" / source.name)
    old = source.read_bytes()
    total = stats["bytes"]
    positions: list[tuple[str, int | None, tuple[int, str] | None]] = []
    for k in range(20):
        n = max(1, round(total * k / 20))
        positions.append((f"byte {n}/{total}", n, None))
    positions.append((f"byte {total - 1}/{total}", total - 1, None))
    for index, name in enumerate(stats["ops"]):
        for when in ("before", "after"):
            positions.append((f"{when} {name} #{index}", None, (index, when)))
    results = []
    for i, (label, byte, op) in enumerate(positions):
        folder = workdir / f"kill{i:03d}"
        status = fork_run(source, folder, day, Tracer(folder, byte, op))
        path = folder / source.name
        state = state_of(path, old, new_parts)
        leftovers = sorted(p.name for p in folder.iterdir() if p.name != source.name)
        recovered = None
        if state in {"old", "new"}:
            recovered = fork_run(path, folder, day, Tracer(folder)) == 0 and \
                state_of(path, old, new_parts) == "new"
        results.append({"label": label, "status": status, "state": state, "leftovers": leftovers,
                        "recovered": recovered})
    return results


if __name__ == "__main__":
    out = main(Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))
    print(json.dumps({"results": out, "ops": json.loads((Path(sys.argv[2]) / "reference.json").read_text())}))
