"""Benchmark: a new-products mailing to every buyer of a 5,000-customer workbook (25,000 inquiries).

Run: PYTHONPATH=. .venv/bin/python benchmarks/bench_mailing.py [--buyers 5000]
Prints the seconds of each phase: read + enrich the workbook, plan the letters, write the .eml drafts and lists.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from tradexl.outreach.mailing import BUILT_IN, plan_mailing
from tradexl.outreach.segments import Segment
from tradexl.outreach.service import _read, write_mailing
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
        start = time.perf_counter()
        tables_read, enriched = _read(book, TODAY, force=False)
        read = time.perf_counter()
        mailing = plan_mailing(enriched, tables_read.settings, Segment(), BUILT_IN["new-products"], TODAY)
        planned = time.perf_counter()
        written = write_mailing(mailing, folder / "mail", datetime.now(UTC))
        done = time.perf_counter()
    print(f"buyers {len(enriched.customers):,}; drafts {len(written.drafts):,}; left out {written.counts}")
    print(f"read + enrich {read - start:.2f} s; plan letters {planned - read:.2f} s; "
          f"write drafts and lists {done - planned:.2f} s; total {done - start:.2f} s")


if __name__ == "__main__":
    main()
