"""Realistic sample data: a Ningbo LED-lighting exporter's workbook, for the demo, tests and benchmarks."""

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
from tradexl.sampledata.xlsx import write_xlsx_fast

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
    "write_xlsx_fast",
]
