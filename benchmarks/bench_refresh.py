"""Refresh speed and memory against two anchors, as whole processes, on the same workbook.

Anchors: the floor (python-calamine reading every input sheet into pandas: the file cannot be read faster by
the obvious means) and the naive tool (openpyxl load + save of the workbook). For each size the script makes a
contract-shaped workbook and refreshes it as of the day before (so every run sees what a user has each morning:
computed columns and generated sheets from yesterday, all of which change today), then times each command
`--runs` times on fresh copies and prints medians. The timed refresh therefore always rewrites the file.

Two shapes (`--shape`): wide (every contract column, the generator's long texts) and narrow (NARROW_COLUMNS,
short text, 3 follow-ups per inquiry: a small exporter's register).

Example: python benchmarks/bench_refresh.py --sizes 1000,10000,100000 --runs 3 --shape both
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 28)
YESTERDAY = TODAY - timedelta(days=1)
CALAMINE_READ = """
import sys
import pandas as pd
from python_calamine import CalamineWorkbook
for path in sys.argv[1:]:
    book = CalamineWorkbook.from_path(path)
    for name in ("Inquiries", "Customers", "Follow-ups", "Quotes", "Products", "Samples", "Orders", "Settings"):
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        pd.DataFrame(rows[1:], columns=rows[0])
"""
"""The floor: every input sheet of each workbook named on the command line read into pandas, one after another."""
OPENPYXL_ROUND_TRIP = """
import sys
import openpyxl
openpyxl.load_workbook(sys.argv[1], keep_vba=True).save(sys.argv[2])
"""


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    peak_mb: float


def measure(argv: list[str]) -> Sample:
    """Run one command as a child process; wall time, its CPU time and its own peak resident memory."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        error = child.stderr.read().decode(errors="replace") if child.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed: {error}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(samples: list[Sample]) -> Sample:
    return Sample(*(statistics.median(getattr(s, f) for s in samples) for f in ("wall", "cpu", "peak_mb")))


# The narrow shape: the columns a small exporter keeps (few, with short text), and 3 follow-ups per inquiry.
NARROW_COLUMNS = {
    "inquiries": ("Inquiry ID", "Received", "Channel", "Customer ID", "Company", "Email", "Country", "Product",
                  "Quantity", "Message", "Owner", "Status"),
    "customers": ("Customer ID", "Company", "Email", "Country", "Owner"),
    "followups": ("Date", "Customer ID", "Channel", "Summary", "By"),
    "quotes": ("Quote No", "Date", "Customer ID", "Model", "Quantity", "Unit Price", "Status"),
    "samples": ("Date", "Customer ID", "Model", "Status"),
    "orders": ("Order No", "Date", "Customer ID", "Model", "Amount", "Status"),
    "products": ("Model", "Name", "Base Price"),
}
SHORT_TEXT = 24  # characters kept of a message or a follow-up summary in the narrow shape


def narrow(data: dict[str, Any], size: int) -> dict[str, Any]:
    """The wide benchmark data cut to NARROW_COLUMNS with short text; follow-ups topped up to 3 per inquiry
    (the extra ones repeat earlier contacts a week earlier, so grading and scheduling see more history)."""
    from tradexl.sampledata import Table

    def short(value: Any) -> Any:
        return value[:SHORT_TEXT] if isinstance(value, str) else value

    out = {}
    for key, table in data.items():
        keep = [table.columns.index(c) for c in NARROW_COLUMNS[key]]
        out[key] = Table(NARROW_COLUMNS[key], [tuple(short(row[i]) for i in keep) for row in table.rows])
    followups = out["followups"].rows
    extra = [(row[0] - timedelta(days=7), *row[1:]) for row in followups[:max(0, 3 * size - len(followups))]
             if isinstance(row[0], date)]
    out["followups"] = Table(NARROW_COLUMNS["followups"], sorted(extra + followups, key=lambda r: str(r[0])))
    return out


def make_workbook(size: int, folder: Path, shape: str) -> Path:
    from tradexl.sampledata import scaled_dataset
    from tradexl.sampledata.xlsx import write_xlsx_fast

    path = folder / f"bench-{shape}-{size}-refreshed.xlsx"
    if not path.exists():
        started = time.perf_counter()
        settings, data = scaled_dataset(TODAY, size)
        write_xlsx_fast(path, settings, narrow(data, size) if shape == "narrow" else data)
        print(f"  made {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
        subprocess.run(tradexl("refresh", path, YESTERDAY), check=True, stdout=subprocess.DEVNULL)
    return path


def tradexl(command: str, path: Path, day: date = TODAY) -> list[str]:
    return [sys.executable, "-m", "tradexl", command, str(path), "--today", day.isoformat(), "--force"]


def bench(size: int, folder: Path, runs: int, shape: str, naive: bool) -> dict[str, Sample]:
    """Medians of `runs` refreshes and floors; the openpyxl round trip once (minutes at 100k; it varies little)."""
    source = make_workbook(size, folder, shape)
    work = folder / f"work-{shape}-{size}.xlsx"
    results: dict[str, list[Sample]] = {"refresh": [], "openpyxl": [], "calamine": []}
    for run in range(runs):
        shutil.copyfile(source, work)
        results["refresh"].append(measure(tradexl("refresh", work)))
        if naive and run == 0:
            results["openpyxl"].append(measure([sys.executable, "-c", OPENPYXL_ROUND_TRIP, str(source),
                                                str(folder / "openpyxl-out.xlsx")]))
        results["calamine"].append(measure([sys.executable, "-c", CALAMINE_READ, str(source)]))
    return {name: median(samples) for name, samples in results.items() if samples}


def print_table(table: dict[tuple[str, int], dict[str, Sample]]) -> None:
    print(f"{'shape':<6} | {'inquiries':>9} | {'command':<9} | {'wall s':>7} | {'cpu s':>7} | {'peak MB':>8} | "
          "vs calamine (cpu) | openpyxl/refresh (cpu)")
    print("-" * 105)
    for (shape, size), rows in table.items():
        floor, ours, naive = rows["calamine"], rows["refresh"], rows.get("openpyxl")
        for name, s in rows.items():
            ratio = f"{s.wall / floor.wall:6.2f}x ({s.cpu / floor.cpu:.2f}x)"
            speedup = (f"{naive.wall / ours.wall:6.1f}x ({naive.cpu / ours.cpu:.1f}x)"
                       if name == "refresh" and naive else "")
            print(f"{shape:<6} | {size:>9} | {name:<9} | {s.wall:7.2f} | {s.cpu:7.2f} | {s.peak_mb:8.0f} | "
                  f"{ratio} | {speedup}")
    for shape in dict.fromkeys(shape for shape, _ in table):
        sizes = [size for s, size in table if s == shape]
        if len(sizes) > 1:
            small, large = sizes[-2], sizes[-1]
            growth = table[shape, large]["refresh"].wall / table[shape, small]["refresh"].wall
            print(f"{shape}: refresh time grows {growth:.1f}x from {small} to {large} inquiries "
                  f"({large / small:.0f}x the data; linear or better means <= {large / small:.0f}x)")


def compile_package() -> None:
    """Byte-compile tradexl, as `pip install` does: an editable checkout run with PYTHONDONTWRITEBYTECODE set
    would otherwise compile every module in every timed process (about 0.3 s that no installed copy pays)."""
    import compileall

    import tradexl

    compileall.compile_dir(str(Path(tradexl.__file__).parent), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="inquiry counts, comma-separated (default 1000,10000)")
    parser.add_argument("--shape", choices=("wide", "narrow", "both"), default="both",
                        help="wide: every contract column, long texts; narrow: few columns, short text (default both)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the median is shown (default 3)")
    parser.add_argument("--no-openpyxl", action="store_true", help="skip the openpyxl round trip")
    parser.add_argument("--dir", type=Path, default=Path("bench-out"), help="folder for the workbooks")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    compile_package()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = ("wide", "narrow") if args.shape == "both" else (args.shape,)
    print(f"TradeXL refresh benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"median of {args.runs} runs (openpyxl: one run), load average {os.getloadavg()[0]:.2f} at start")
    table = {(shape, size): bench(size, args.dir, args.runs, shape, not args.no_openpyxl)
             for shape in shapes for size in sizes}
    print(f"load average {os.getloadavg()[0]:.2f} at the end\n")
    print_table(table)


if __name__ == "__main__":
    main()
