"""Lets `python -m tradexl` behave exactly like the `tradexl` console script."""

from tradexl.cli import main

main()
