"""`tradexl team` speed and memory: a shared folder of salespeople's workbooks read into the manager's workbook.

Makes `--books` workbooks of `--inquiries` inquiries each (tradexl.sampledata, one salesperson per book, a
different seed each so buyers overlap only as the generator's company names do), then times
`tradexl team FOLDER --into Team.xlsm` as a whole process, `--runs` times, and prints the median wall time, CPU
time (the process and its two reader processes), peak memory (the largest of them) and the load average before
and after (the machine is shared: wall time on a loaded machine says little, CPU time says what the work costs).
It also checks that no salesperson's file changed (sha256 before and after).

The floor: python-calamine reading every input sheet of the same workbooks into pandas (`bench_refresh.CALAMINE_READ`).

Example: python benchmarks/bench_team.py --books 20 --inquiries 5000
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from bench_refresh import CALAMINE_READ, Sample, compile_package, measure

TODAY = date(2026, 11, 28)
NAMES = ("Kevin", "Anna", "Li", "Wang", "Zhang", "Chen", "Liu", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu",
         "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song")


def make_folder(folder: Path, books: int, inquiries: int) -> list[Path]:
    from tradexl.sampledata import scaled_dataset
    from tradexl.sampledata.xlsx import write_xlsx_fast

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(books):
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else str(i))
        path = folder / f"{name}.xlsx"
        paths.append(path)
        if path.exists():
            continue
        started = time.perf_counter()
        settings, data = scaled_dataset(TODAY, inquiries, seed=100 + i)
        for key in ("customers", "inquiries"):
            table = data[key]
            owner = table.columns.index("Owner")
            table.rows = [(*row[:owner], name, *row[owner + 1:]) for row in table.rows]
        write_xlsx_fast(path, settings, data)
        print(f"  made {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    return paths


def digest(paths: list[Path]) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=20)
    parser.add_argument("--inquiries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path("bench-out"))
    args = parser.parse_args()
    folder = args.dir / f"team-{args.books}x{args.inquiries}"
    paths = make_folder(folder, args.books, args.inquiries)
    before = digest(paths)
    into = args.dir / "Team.xlsm"
    samples: list[Sample] = []
    floors: list[Sample] = []
    compile_package()
    load_before = os.getloadavg()
    for _ in range(args.runs):
        into.unlink(missing_ok=True)
        samples.append(measure([sys.executable, "-m", "tradexl", "team", str(folder), "--into", str(into),
                                "--today", TODAY.isoformat()]))
        floors.append(measure([sys.executable, "-c", CALAMINE_READ, *map(str, paths)]))
    unchanged = digest(paths) == before
    wall, cpu, peak = (statistics.median(getattr(s, f) for s in samples) for f in ("wall", "cpu", "peak_mb"))
    floor_wall, floor_cpu = (statistics.median(getattr(s, f) for s in floors) for f in ("wall", "cpu"))
    print(f"TradeXL team benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {args.runs}")
    print(f"{args.books} workbooks x {args.inquiries} inquiries: wall {wall:.2f} s, cpu {cpu:.2f} s, "
          f"peak {peak:.0f} MB; salespeople's files byte-identical: {unchanged}")
    print(f"floor (python-calamine reading every input sheet of the {args.books} workbooks into pandas, one process): "
          f"wall {floor_wall:.2f} s, cpu {floor_cpu:.2f} s; team / floor: {wall / floor_wall:.2f}x wall, "
          f"{cpu / floor_cpu:.2f}x cpu")
    print("load average (1/5/15 min) before: {:.2f} {:.2f} {:.2f}, after: {:.2f} {:.2f} {:.2f}".format(
        *load_before, *os.getloadavg()))
    if not unchanged:
        raise SystemExit("a salesperson's workbook changed")


if __name__ == "__main__":
    main()
