"""The `tradexl` command line: one command per service function, errors as one-line `Error: ...` exits."""

from tradexl.cli.app import main

__all__ = ["main"]
