"""Realistic sample data: a Ningbo LED-lighting exporter's workbook, for the demo, tests and benchmarks.

`tradexl.sampledata.xlsx` (the fast .xlsx writer for tests and benchmarks) is not imported here: it needs
XlsxWriter, a test dependency, and the demo must run on a plain `pip install`.
"""

from tradexl.sampledata.dataset import (
    BAD_CELLS,
    FORMULA_LIKE_COMPANY,
    UNKNOWN_COUNTRY,
    UNKNOWN_CUSTOMER_ID,
    BadCell,
    demo_dataset,
    demo_settings,
    scaled_dataset,
)
from tradexl.sampledata.table import Table

__all__ = [
    "BAD_CELLS",
    "FORMULA_LIKE_COMPANY",
    "UNKNOWN_COUNTRY",
    "UNKNOWN_CUSTOMER_ID",
    "BadCell",
    "Table",
    "demo_dataset",
    "demo_settings",
    "scaled_dataset",
]
