"""The click group every command registers on, and the one place library errors become exit messages."""

from __future__ import annotations

import sys

import click

from tradexl import __version__
from tradexl.errors import TradeXLError


class TradeXLGroup(click.Group):
    """Turns any TradeXLError raised by a command into `Error: <one line>` and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TradeXLError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=TradeXLGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tradexl")
def cli() -> None:
    """TradeXL: grade leads, schedule follow-ups, quote per region and report weekly, in your Excel workbook.

    Example: tradexl demo --out demo
    """


def main() -> None:
    """Console-script entry point: registers every command module, then runs the group."""
    from tradexl.cli import commands, day, doctor, mail, team  # noqa: F401  (importing registers the commands)

    cli()
