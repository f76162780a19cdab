"""Benchmark: a new-products mailing to every buyer of a 5,000-customer workbook (25,000 inquiries).

Run: PYTHONPATH=. .venv/bin/python benchmarks/bench_mailing.py [--buyers 5000]
Prints the seconds of each phase: read + enrich the workbook, plan the letters, write the .eml drafts and lists,
as wall-clock time and as this process's CPU time (the fairer figure on a busy shared machine).
Then the composer alone, CPU seconds for every letter of the mailing in the same run: the stdlib's
`compose_draft(...).as_bytes()` (what the mailing used before) against `mail.batch.DraftBatch` (what it uses now).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

from tradexl.mail.batch import DraftBatch
from tradexl.mail.draft import compose_draft, mailbox
from tradexl.outreach.mailing import BUILT_IN, Mailing, plan_mailing
from tradexl.outreach.segments import Segment
from tradexl.outreach.service import read_enriched, write_mailing
from tradexl.sampledata import scaled_dataset
from tradexl.sampledata.xlsx import write_xlsx_fast

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

    stdlib, batch = compose_seconds(mailing, datetime.now(UTC))
    print(f"composer cpu, {len(mailing.letters):,} letters: stdlib EmailMessage {stdlib:.2f} s; "
          f"DraftBatch {batch:.2f} s; {stdlib / batch:.1f}x")


def compose_seconds(mailing: Mailing, when: datetime) -> tuple[float, float]:
    """CPU seconds to compose every letter's .eml bytes the stdlib way and the batch way."""
    start = time.process_time()
    for letter in mailing.letters:
        compose_draft(to=mailbox(letter.contact, letter.address), subject=letter.subject, text=letter.text,
                      html=letter.html, sender=letter.sender, when=when).as_bytes()
    middle = time.process_time()
    batch = DraftBatch(when=when)
    for letter in mailing.letters:
        batch.render(to=mailbox(letter.contact, letter.address), subject=letter.subject, text=letter.text,
                     html=letter.html, sender=letter.sender)
    return middle - start, time.process_time() - middle


if __name__ == "__main__":
    main()
