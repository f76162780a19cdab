"""Where a refresh spends its time and memory: each step of `tradexl refresh` in one process, CPU seconds and RSS.

`bench_refresh.py` times whole processes against the floor; this script says which step to work on. It runs the
same steps `refresh_file` runs, in order, on a copy of the workbook: read (calamine + frames), the core
(`enrich`, `computed_columns`), each generated sheet's builder, the write plan, staging the cell edits, building
the changed parts, and the zip write. Each line: CPU seconds of the step (`time.process_time`: all threads of the
process), resident memory after it and the process's peak so far (`/proc/self/statm`, `ru_maxrss`).

The builders run once here to be timed and once more inside `run` to make the result the plan is built from, as
in a refresh; the "run" line is the second, so the steps add up to more than a refresh costs by exactly that.

Example: python benchmarks/bench_steps.py bench-out/bench-narrow-100000-refreshed.xlsx --today 2026-11-28
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as clock_time
from functools import partial
from pathlib import Path
from typing import Any

PAGE = resource.getpagesize()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Steps:
    """Times each step as it runs and prints the table at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, float]] = []

    def __call__(self, name: str, step: Callable[[], Any]) -> Any:
        started = time.process_time()
        value = step()
        self.rows.append((name, time.process_time() - started, rss_mb(), peak_mb()))
        return value

    def print(self) -> None:
        print(f"{'step':<24} | {'cpu s':>6} | {'rss MB':>7} | {'peak MB':>7}")
        print("-" * 54)
        for name, cpu, rss, peak in self.rows:
            print(f"{name:<24} | {cpu:6.2f} | {rss:7.0f} | {peak:7.0f}")


def core_and_sheets(steps: Steps, tables: Any, today: date, now: datetime) -> None:
    """The core, then each generated sheet's builder on its result (which is freed on return, as in `run`)."""
    from tradexl.operations import SHEETS_BY_STEP
    from tradexl.rules.enrich import computed_columns, enrich

    enriched = steps("core: enrich", lambda: enrich(tables, today, now))
    steps("core: computed_columns", lambda: computed_columns(enriched, tables))
    for step, (_, build) in SHEETS_BY_STEP.items():
        steps(f"sheets: {step}", partial(build, enriched, tables.settings, today, now))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path, help="a workbook made by bench_refresh.py (it is copied, not changed)")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 28), help="as-of day")
    args = parser.parse_args()
    steps = Steps()
    today, now = args.today, datetime.combine(args.today, clock_time(23, 59, 59))

    def imports() -> Any:
        from tradexl import operations
        from tradexl.fileengine import engine, save
        from tradexl.rules import enrich  # noqa: F401  (the core's modules, loaded here to time the import)

        return operations, engine, save

    operations, engine, save = steps("import", imports)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / args.book.name
        shutil.copyfile(args.book, work)
        workbook = engine.FileWorkbook(work, force=True)
        tables = steps("read", workbook.read)
        core_and_sheets(steps, tables, today, now)
        result = steps("run (core + sheets)", partial(operations.run, tables, today, now))
        del tables  # as `refresh_file` does: the input frames are released before the write
        steps("release inputs", workbook.release_inputs)
        plan = steps("write: plan", lambda: workbook.plan(result))
        steps("write: stage", lambda: workbook.apply_plan(plan))
        changes = steps("write: changes", workbook.changes)
        steps("write: zip", lambda: save.atomic_save(work, lambda tmp: workbook.pkg.write(
            tmp, changes.replaced, changes.added, changes.removed), backup=False))
    steps.print()


if __name__ == "__main__":
    main()
