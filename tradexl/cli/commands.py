"""Workbook commands: new, demo, refresh and the single steps. Each is a thin wrapper over `tradexl.services`."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import click

from tradexl import services
from tradexl.cli.app import cli, language, remember_book, remember_language, say, shown
from tradexl.markers import tab_name
from tradexl.messages import msg
from tradexl.model import RunResult
from tradexl.schema import SHEETS_BY_KEY

WORKBOOK = click.argument("path", type=click.Path(dir_okay=False, path_type=Path), callback=remember_book)


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(shown(msg("cli.bad_date", value=value))) from None


TODAY = click.option("--today", callback=_parse_day, metavar="YYYY-MM-DD",
                     help="Report day (default: the computer's date). Makes runs repeatable.")
FORCE = click.option("--force", is_flag=True,
                     help="Write even if the workbook looks open in Excel (~$name) or LibreOffice (.~lock.name#).")
VERBOSE = click.option("--verbose", "-v", is_flag=True, help="Print the time each step took.")


def reporter(verbose: bool) -> Callable[[str], None] | None:
    """Progress lines on a terminal (or always with --verbose, with elapsed seconds); silent in scheduled jobs."""
    if not (verbose or sys.stderr.isatty()):
        return None
    start = time.perf_counter()

    def report(message: str) -> None:
        stamp = f"[{time.perf_counter() - start:6.2f}s] " if verbose else ""
        click.echo(f"{stamp}{message}", err=True)

    return report


def _finish(path: Path, result: RunResult) -> None:
    click.echo(shown(msg("cli.lookup.result", book=path.name, result=result.message)))
    if result.problems:
        say("cli.problems", count=len(result.problems))


@cli.command()
@WORKBOOK
@click.option("--standalone", is_flag=True,
              help="Embed xlwings' own VBA so the buttons work without the xlwings add-in.")
@click.option("--overwrite", is_flag=True, help="Replace an existing file of that name.")
@click.option("--lang", "language", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              callback=remember_language,
              help="zh: Chinese sheet tabs, headers and dropdowns, Settings › Language = zh.")
def new(path: Path, standalone: bool, overwrite: bool, language: str) -> None:
    """Create an empty TradeXL workbook: input tables, Settings, and the Trade ribbon.

    Example: tradexl new Sales2027.xlsm
    """
    services.new(path, standalone=standalone, overwrite=overwrite, language=language)
    say("cli.created", path=path)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("demo"),
              show_default=True, help="Folder for the demo workbook and its text quotes.")
@TODAY
@VERBOSE
@click.option("--lang", "language", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              callback=remember_language, help="zh: Chinese sheet tabs, headers, dropdowns and reports.")
def demo(out_dir: Path, today: date | None, verbose: bool, language: str) -> None:
    """Make a workbook full of realistic sample data, refresh it, and write its text quotes.

    Example: tradexl demo --out demo
    """
    made = services.demo(out_dir, today=today, progress=reporter(verbose), language=language)
    counts = tuple(msg("cli.demo.count", count=n, what=sheet_word(key)) for key, n in made.counts.items())
    say("cli.demo.workbook", path=made.workbook, counts=counts)
    say("cli.demo.sheets", names=", ".join(tab_name(s.name, language) for s in made.result.sheets))
    say("cli.demo.quotes", count=len(made.quotes), folder=made.quotes[0].parent if made.quotes else out_dir)
    click.echo(shown(made.result.message))
    if made.result.problems:
        say("cli.demo.problems", count=len(made.result.problems))


def sheet_word(key: str) -> str:
    """An input sheet's key as a word in this command's language ("inquiries" / "询盘")."""
    return SHEETS_BY_KEY[key].zh if language() == "zh" and key in SHEETS_BY_KEY else key


@cli.command()
@WORKBOOK
@TODAY
@FORCE
@VERBOSE
def refresh(path: Path, today: date | None, force: bool, verbose: bool) -> None:
    """Fill every computed column and rebuild Due Follow-ups, the region quotes, Weekly Summary and Check.

    Example: tradexl refresh Sales.xlsm --today 2026-11-28
    """
    _finish(path, services.refresh(path, today=today, force=force, progress=reporter(verbose)))


def _step_command(step: str, summary: str, example: str) -> None:
    @cli.command(name=step, help=f"{summary}\n\nExample: {example}")
    @WORKBOOK
    @TODAY
    @FORCE
    @VERBOSE
    def command(path: Path, today: date | None, force: bool, verbose: bool) -> None:
        _finish(path, services.refresh(path, today=today, steps=(step,), force=force,
                                       progress=reporter(verbose)))


_step_command("grade", "Suggest a grade (A-D) with a reason for every inquiry; reply times and status.",
              "tradexl grade Sales.xlsm")
_step_command("followups", "Work out every customer's last and next contact, and list who is due today.",
              "tradexl followups Sales.xlsm --today 2026-11-28")
_step_command("weekly", "Build the printable Weekly Summary: the week to date (the full week on its last day).",
              "tradexl weekly Sales.xlsm --today 2026-11-28")
_step_command("monthly", "Build the Monthly Review: targets, six-month trend, A-list, new/lost customers, payments.",
              "tradexl monthly Sales.xlsm --today 2026-11-30")
_step_command("stats", "Build the Statistics sheet: customers, inquiries, quotes, orders, funnel, reply times, charts.",
              "tradexl stats Sales.xlsm")
_step_command("check", "List every data problem (bad date, unknown country, duplicate ID, ...) on Check.",
              "tradexl check Sales.xlsm")


@cli.command()
@WORKBOOK
@TODAY
@FORCE
@VERBOSE
@click.option("--text-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write one plain-text quote per region into this folder.")
def quotes(path: Path, today: date | None, force: bool, verbose: bool, text_dir: Path | None) -> None:
    """Rebuild one 'Quote - <Region>' sheet per pricing region; optionally write plain-text quotes.

    Example: tradexl quotes Sales.xlsm --text-dir quotes
    """
    if text_dir is not None:
        text_dir.mkdir(parents=True, exist_ok=True)  # an unusable folder fails before the workbook is written
    _finish(path, services.refresh(path, today=today, steps=("quotes",), force=force,
                                   progress=reporter(verbose)))
    if text_dir is not None:
        written = services.text_quote_files(path, text_dir, today=today)
        say("cli.quotes.written", count=len(written), folder=text_dir)




@cli.command(name="language")
@WORKBOOK
@click.argument("language", type=click.Choice(["zh", "en"]))
@TODAY
@FORCE
def switch_language(path: Path, language: str, today: date | None, force: bool) -> None:
    """Switch a workbook to Chinese (zh) or English (en): tab names, input headers, dropdown lists and
    Settings › Language, then rebuild the generated sheets in that language. Cell values stay as they are
    (either language means the same to TradeXL); a tab you renamed yourself keeps your name.

    Example: tradexl language Sales.xlsm zh
    """
    done = services.switch_language(path, language, today=today, force=force)
    renamed = ", ".join(f"{old} → {new}" for old, new in done.renamed.items()) or "none"
    click.echo(f"{path.name}: language {done.language}; tabs renamed: {renamed}; {done.headers} header(s) changed.")
    click.echo(f"{path.name}: {done.result.message}")
