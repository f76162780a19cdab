"""`python -m tradexl.builder [PATH] [--standalone]` regenerates TradeWorkbook.xlsm (run from the project root)."""

import argparse
from pathlib import Path

from tradexl.builder.workbook import TEMPLATE_NAME, build_workbook

parser = argparse.ArgumentParser(prog="python -m tradexl.builder", description=__doc__)
parser.add_argument("path", nargs="?", type=Path, default=Path(TEMPLATE_NAME))
parser.add_argument("--standalone", action="store_true", help="embed the installed xlwings VBA module")
args = parser.parse_args()
build_workbook(args.path, standalone=args.standalone)
print(f"wrote {args.path}")
