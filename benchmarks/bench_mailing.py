"""Benchmark: a new-products mailing to every buyer of a 5,000-customer workbook (25,000 inquiries).

Run: PYTHONPATH=. .venv/bin/python benchmarks/bench_mailing.py [--buyers 5000]
Prints the seconds of each phase: read + enrich the workbook, plan the letters, write the .eml drafts and lists,
as wall-clock time and as this process's CPU time (the fairer figure on a busy shared machine).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

from tradexl.outreach.mailing import BUILT_IN, plan_mailing
from tradexl.outreach.segments import Segment
from tradexl.outreach.service import read_enriched, write_mailing
from tradexl.sampledata import scaled_dataset, write_xlsx_fast

TODAY = date(2026, 12, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--buyers", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = folder / "Bench.xlsx"
        settings, tables = scaled_dataset(TODAY, inquiries=args.buyers * 5)
        write_xlsx_fast(book, settings, tables)
        marks = [(time.perf_counter(), time.process_time())]
        tables_read, enriched = read_enriched(book, TODAY)
        marks.append((time.perf_counter(), time.process_time()))
        mailing = plan_mailing(enriched, tables_read.settings, Segment(), BUILT_IN["new-products"], TODAY)
        marks.append((time.perf_counter(), time.process_time()))
        written = write_mailing(mailing, folder / "mail", datetime.now(UTC))
        marks.append((time.perf_counter(), time.process_time()))
    print(f"buyers {len(enriched.customers):,}; drafts {len(written.drafts):,}; left out {written.counts}")
    for clock, name in ((0, "wall"), (1, "cpu")):
        steps = [b[clock] - a[clock] for a, b in pairwise(marks)]
        print(f"{name}: read + enrich {steps[0]:.2f} s; plan letters {steps[1]:.2f} s; "
              f"write drafts and lists {steps[2]:.2f} s; total {sum(steps):.2f} s")


if __name__ == "__main__":
    main()
