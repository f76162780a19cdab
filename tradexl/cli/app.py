"""The click group every command registers on, and the one place errors become exit messages.

The README promises one line for every failure: `Error: <what and how to fix it>` on stderr and a non-zero
exit status, never a traceback or click's three-line usage block. `TradeXLGroup.main` runs click in
non-standalone mode so every exception comes back here: the library's own errors, click's usage errors
(missing argument, unknown option, bad value), file-system errors (a folder that is a file, no permission, disk
full) and, as a last resort, anything unexpected (`TRADEXL_DEBUG=1` shows its traceback).
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, NoReturn

import click

from tradexl import __version__
from tradexl.errors import TradeXLError

DEBUG_ENV = "TRADEXL_DEBUG"

OS_REASONS = {
    errno.ENOTDIR: "part of that path is a file, not a folder",
    errno.EISDIR: "that is a folder, not a file",
    errno.EEXIST: "a file of that name is in the way",
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "no permission",
    errno.EPERM: "no permission",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the folder is read-only",
    errno.ENAMETOOLONG: "the name is too long",
}
"""errno -> what a salesperson can act on (the system's own wording otherwise)."""


def one_line(text: str) -> str:
    """Collapse a message onto one line (click and the OS sometimes wrap theirs)."""
    return " ".join(text.split())


def os_message(exc: OSError) -> str:
    """`cannot use <path>: <reason>` for a file-system error."""
    reason = OS_REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
    where = exc.filename if exc.filename is not None else ""
    return f"cannot use {where}: {reason}" if where else reason


def usage_message(exc: click.ClickException) -> str:
    """click's error text, with where to get help on the same line."""
    text = one_line(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        text += f" (see '{ctx.command_path} --help')"
    return text


def fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"Error: {one_line(message)}", err=True)
    sys.exit(status)


class TradeXLGroup(click.Group):
    """Turns every failure of a command into `Error: <one line>` and a non-zero exit status."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            status = super().main(*args, **kwargs)
        except TradeXLError as exc:
            fail(str(exc))
        except click.ClickException as exc:
            fail(usage_message(exc), exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            fail("interrupted; nothing more was written", 130)
        except OSError as exc:
            fail(os_message(exc))
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            first = one_line(str(exc)) or "no details"
            fail(f"unexpected {type(exc).__name__}: {first} (run again with {DEBUG_ENV}=1 for the details)")
        sys.exit(status if isinstance(status, int) else 0)


@click.group(cls=TradeXLGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tradexl")
def cli() -> None:
    """TradeXL: grade leads, schedule follow-ups, quote per region and report weekly, in your Excel workbook.

    Example: tradexl demo --out demo
    """


def register_commands() -> click.Group:
    """Import every command module (importing one registers its commands on `cli`) and return the group."""
    from tradexl.cli import (  # noqa: F401
        adopt,
        commands,
        day,
        doctor,
        mail,
        outreach,
        team,
    )

    return cli


def main() -> None:
    """Console-script entry point: registers every command module, then runs the group."""
    register_commands()()
