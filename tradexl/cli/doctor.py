"""`tradexl doctor`: what would make a Trade button fail here, one line per check with its fix."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tradexl.cli.app import cli, language, remember_book, say
from tradexl.errors import TradeXLError
from tradexl.messages import msg


@cli.command()
@click.argument("book", required=False, type=click.Path(dir_okay=False, path_type=Path), callback=remember_book)
@click.option("--set-interpreter", "point", is_flag=True,
              help="Point the xlwings add-in at this Python (the one running tradexl) before checking.")
def doctor(book: Path | None, point: bool) -> None:
    """Check Python, packages, the xlwings add-in, the interpreter it starts and the workbook's macros.

    Each line says OK, WARN or FAIL and, for a problem, the one command that fixes it. Exit status 1 when
    something would make a button fail.

    Example: tradexl doctor TradeWorkbook.xlsm
    """
    from tradexl.doctor import diagnose, gather, set_interpreter  # its package checks load `packaging`: only here
    from tradexl.doctor.facts import current_system

    if point:
        system = current_system()
        if system == "other":
            raise TradeXLError(msg("doctor.no_system"))
        written = set_interpreter(Path.home(), system, sys.executable)
        say("doctor.interpreter_set", path=written)
    findings = diagnose(gather(book))
    for finding in findings:
        click.echo(finding.line(language()))
    if any(f.level == "fail" for f in findings):
        sys.exit(1)
