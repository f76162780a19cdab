"""`tradexl adopt`: start from the spreadsheet the team already keeps."""

from __future__ import annotations

from pathlib import Path

import click

from tradexl.cli.app import LANGUAGE, cli, say, shown
from tradexl.messages import msg


@cli.command()
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The TradeXL workbook to write (default: the same name with .xlsm).")
@click.option("--map", "map_file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="An edited mapping (JSON as written by --save-map, or CSV: sheet,kind,header,column).")
@click.option("--save-map", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the proposed mapping as JSON to edit, and stop.")
@click.option("--yes", is_flag=True, help="Accept the mapping without asking.")
def adopt(workbook: Path, out: Path | None, map_file: Path | None, save_map: Path | None, yes: bool) -> None:
    """Make a TradeXL workbook from the workbook you already have (客户资料.xlsx ...).

    Sheets are recognised by their headers (English or Chinese) and the mapping is shown to confirm. Your file
    is not changed: the new .xlsm holds every sheet of it exactly as it was, plus the TradeXL sheets (your
    recognised lists copied into them), Settings and the Trade ribbon.

    Example: tradexl adopt 客户资料.xlsx --out Sales.xlsm
    """
    from tradexl.adopt.mapping import apply_edits, describe, to_json
    from tradexl.adopt.service import adopt as run_adopt
    from tradexl.adopt.service import default_out, language_of, propose
    from tradexl.schema import SHEETS_BY_KEY

    proposal = propose(workbook)
    maps = apply_edits(proposal.maps, map_file) if map_file else proposal.maps
    lang = click.get_current_context().meta[LANGUAGE] = language_of(proposal, maps)
    click.echo(describe(maps, lang))
    if save_map:
        save_map.write_text(to_json(maps), encoding="utf-8")
        say("adopt.map_written", path=save_map, book=workbook)
        return
    if not any(m.kind for m in maps):
        say("adopt.none_recognised")
    target = out or default_out(workbook)
    if not yes and not click.confirm(shown(msg("adopt.confirm", path=target)), default=True):
        say("adopt.nothing")
        return
    result = run_adopt(proposal, target, maps)
    for key, count in result.copied.items():
        say("adopt.copied", count=count, sheet=SHEETS_BY_KEY[key].zh if lang == "zh" else key)
    for note in result.notes:
        say("cli.note", text=note)
    say("adopt.done", path=result.out, added=tuple(result.added))
