"""Team commands: handover (and its undo) and the manager's team workbook. Thin wrappers over the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tradexl import services
from tradexl.cli.app import cli, remember_book, say, shown
from tradexl.cli.commands import FORCE, TODAY, VERBOSE, WORKBOOK, _parse_day, reporter
from tradexl.messages import msg


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
        say("cli.handover.undone", count=len(undone.changes), book=path.name, handover_id=undone.handover_id)
        for line in undone.skipped:
            say("cli.handover.skipped", line=line)
        return
    if not from_name or not to_name:
        raise click.UsageError(shown(msg("cli.handover.usage")))
    day, _ = services.clock(today)
    done = handover_file(path, from_name, to_name, until=until, out_dir=out_dir, today=day,
                         now=services.event_time(), force=force)
    what = (msg("cli.handover.cover", to=to_name, frm=from_name, until=until.isoformat()) if until else
            msg("cli.handover.moved", count=len(done.changes), frm=from_name, to=to_name))
    say("cli.handover.done", count=len(done.drafts), book=path.name, handover_id=done.handover_id, what=what,
        folder=out_dir)
    for line in done.skipped:
        click.echo(f"  {shown(line)}")
    say("cli.handover.undo", book=path.name, handover_id=done.handover_id)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--into", "into", type=click.Path(dir_okay=False, path_type=Path), required=True, callback=remember_book,
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
    names = tuple(f"{m.name} ({m.path.name})" for m in done.members) or msg("cli.team.nobody")
    say("cli.team.done", count=len(done.members), book=into.name, names=names)
    if done.notes:
        say("cli.team.notes", count=len(done.notes))
