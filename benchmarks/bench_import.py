"""Benchmark: import a 10,000-message mbox into a fresh workbook, then import it again (all duplicates).

Run: .venv/bin/python benchmarks/bench_import.py [--messages 10000]
Prints the wall and CPU time of each phase and messages per second (CPU time is the fair figure on a shared
machine: other processes inflate wall time, not this process's CPU time).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import TypeVar

from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.mail.importer import import_messages

T = TypeVar("T")
MODELS = ["AB-100", "CD-200", "LP-40W", "SP-300", "FL-50", "HB-150"]
COUNTRIES = [("ae", "Dubai, UAE", "+971 4"), ("de", "Berlin, Germany", "+49 30"),
             ("ng", "Lagos, Nigeria", "+234 1"), ("com", "Houston, TX, USA", "+1 713"),
             ("vn", "Hanoi, Vietnam", "+84 24"), ("ru", "Moscow, Russia", "+7 495")]


def make_mbox(path: Path, count: int, buyers: int) -> None:
    rng = random.Random(42)
    start = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=4)))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for n in range(count):
            b = rng.randrange(buyers)
            tld, city, phone = COUNTRIES[b % len(COUNTRIES)]
            model, qty = rng.choice(MODELS), rng.choice([500, 1000, 2000, 5000])
            when = start + timedelta(minutes=17 * n)
            out.write(f"From buyer{b}@co{b}.example.{tld} {when:%a %b %d %H:%M:%S %Y}\n"
                      f"From: Buyer {b} <buyer{b}@co{b}.example.{tld}>\nTo: sales@ourfactory.cn\n"
                      f"Subject: Inquiry {model} #{n}\nDate: {format_datetime(when)}\n"
                      f"Message-ID: <bench-{n}@co{b}.example.{tld}>\nContent-Type: text/plain; charset=utf-8\n\n"
                      f"Dear Sir,\nPlease quote {model}, {qty:,} pcs, target price USD {rng.randint(2, 9)}.50.\n\n"
                      f"Best regards\nBuyer {b}\nCompany {b} Trading LLC\n{city}\nTel: {phone} {1000000 + b}\n\n")


def timed(work: Callable[[], T]) -> tuple[T, tuple[float, float]]:
    """`work()` and its (wall, CPU) seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--buyers", type=int, default=1_500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mbox, book = folder / "inbox.mbox", folder / "Bench.xlsm"
        t0 = time.perf_counter()
        make_mbox(mbox, args.messages, args.buyers)
        build_workbook(book, data={"products": [{"Model": m, "Base Price": 3.0} for m in MODELS]})
        built = time.perf_counter() - t0
        first, t_first = timed(lambda: import_messages(book, [mbox], now=datetime(2026, 6, 1)))
        second, t_second = timed(lambda: import_messages(book, [mbox], now=datetime(2026, 6, 1)))
        rows = len(read_workbook(book).frames["inquiries"])
        print(f"mbox: {args.messages:,} messages, {mbox.stat().st_size / 1e6:.1f} MB "
              f"(built in {built:.1f}s), {os.cpu_count()} cores")
        for name, (wall, cpu), note in (
                ("first import", t_first, f"{len(first.added):,} added, {len(first.new_customers):,} new customers"),
                ("second import", t_second, f"{len(second.added):,} added, {second.duplicates:,} duplicates")):
            print(f"{name + ':':15s}{wall:6.1f}s wall {cpu:6.1f}s CPU {args.messages / cpu:8,.0f} msg/CPU-s  {note}")
        print(f"workbook rows: {rows:,} inquiries, file {book.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
