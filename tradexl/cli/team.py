"""Team commands: handover (and its undo) and the manager's team workbook. Thin wrappers over the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tradexl import services
from tradexl.cli.app import cli
from tradexl.cli.commands import FORCE, TODAY, VERBOSE, WORKBOOK, _parse_day, reporter


@cli.command()
@WORKBOOK
@click.argument("from_name", metavar="FROM", required=False)
@click.argument("to_name", metavar="TO", required=False)
@click.option("--until", callback=_parse_day, metavar="YYYY-MM-DD",
              help="Travel cover: TO covers FROM until this day (Settings › Team Cover/Away Until); owners stay.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("handover"),
              show_default=True, help="Folder for the introduction drafts (.eml).")
@click.option("--undo", "undo_id", metavar="HANDOVER_ID", help="Put back what handover HANDOVER_ID changed.")
@TODAY
@FORCE
def handover(path: Path, from_name: str | None, to_name: str | None, until: date | None, out_dir: Path,
             undo_id: str | None, today: date | None, force: bool) -> None:
    """Move FROM's customers and open inquiries to TO, write one introduction draft per buyer, log it.

    \b
    Example: tradexl handover Sales.xlsm Kevin Anna
    cover while Kevin travels: tradexl handover Sales.xlsm Kevin Anna --until 2026-12-20
    undo it: tradexl handover Sales.xlsm --undo H20261201-1
    """
    from tradexl.handover import handover_file, undo_handover

    if undo_id:
        undone = undo_handover(path, undo_id, force=force)
        click.echo(f"{path.name}: handover {undone.handover_id} undone, {len(undone.changes)} cell(s) put back")
        for line in undone.skipped:
            click.echo(f"  skipped {line}")
        return
    if not from_name or not to_name:
        raise click.UsageError("give FROM and TO (or --undo HANDOVER_ID)")
    day, _ = services.clock(today)
    done = handover_file(path, from_name, to_name, until=until, out_dir=out_dir, today=day,
                         now=services.event_time(), force=force)
    what = (f"{to_name} covers {from_name} until {until.isoformat()}" if until else
            f"{len(done.changes)} owner cell(s) moved from {from_name} to {to_name}")
    click.echo(f"{path.name}: handover {done.handover_id}: {what}; {len(done.drafts)} introduction draft(s) in "
               f"{out_dir}")
    for line in done.skipped:
        click.echo(f"  {line}")
    click.echo(f"Undo with: tradexl handover {path.name} --undo {done.handover_id}")


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--into", "into", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The manager's workbook (made like `tradexl new` when missing).")
@TODAY
@FORCE
@VERBOSE
def team(folder: Path, into: Path, today: date | None, force: bool, verbose: bool) -> None:
    """Build the team sheets in the manager's workbook from every salesperson's workbook in FOLDER.

    The salespeople's files are only read, never written (a book open in Excel is read as last saved).
    Conflicted copies, backups and broken files are listed on the Team Check sheet.

    Example: tradexl team "D:/OneDrive/Sales" --into Team.xlsm
    """
    from tradexl.teamfolder import team_file

    day, now = services.clock(today)
    done = team_file(folder, into, today=day, now=now, force=force, progress=reporter(verbose))
    names = ", ".join(f"{m.name} ({m.path.name})" for m in done.members) or "nobody"
    click.echo(f"{into.name}: team of {len(done.members)}: {names}")
    if done.notes:
        click.echo(f"{len(done.notes)} note(s) about the folder on the Team Check sheet.")
