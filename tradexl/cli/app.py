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
from pathlib import Path
from typing import Any, NoReturn

import click

from tradexl import __version__
from tradexl.errors import TradeXLError
from tradexl.messages import error_text, localize, msg

DEBUG_ENV = "TRADEXL_DEBUG"

OS_REASONS = {
    errno.ENOTDIR: "os.not_dir",
    errno.EISDIR: "os.is_dir",
    errno.EEXIST: "os.exists",
    errno.ENOENT: "os.no_such",
    errno.EACCES: "os.no_permission",
    errno.EPERM: "os.no_permission",
    errno.ENOSPC: "os.disk_full",
    errno.EROFS: "os.read_only",
    errno.ENAMETOOLONG: "os.too_long",
}
"""errno -> the message key of what a salesperson can act on (the system's own wording otherwise)."""

BOOK = "tradexl.book"
LANGUAGE = "tradexl.language"
"""Keys in click's `ctx.meta` (shared by the group's and the command's contexts): the workbook a command works
on, and the language its messages are shown in once known."""


def one_line(text: str) -> str:
    """Collapse a message onto one line (click and the OS sometimes wrap theirs)."""
    return " ".join(text.split())


def os_message(exc: OSError) -> str:
    """`cannot use <path>: <reason>` for a file-system error."""
    key = OS_REASONS.get(exc.errno or 0)
    reason = msg(key) if key else (exc.strerror or str(exc)).lower()
    where = exc.filename if exc.filename is not None else ""
    return msg("os.cannot_use", path=where, reason=reason) if where else reason


def usage_message(exc: click.ClickException) -> str:
    """click's error text, with where to get help on the same line."""
    text = one_line(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        text += f" (see '{ctx.command_path} --help')"
    return text


def remember_book(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """Click callback of a workbook argument: messages follow that workbook's Settings › Language."""
    if value is not None:
        ctx.meta[BOOK] = value
    return value


def remember_language(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """Click callback of `--lang`: the workbook being made has this language, so its messages do too."""
    ctx.meta[LANGUAGE] = value
    return value


def language(meta: dict[str, Any] | None = None) -> str:
    """The language of this command's messages: `--lang`, else the workbook's Settings › Language (read once),
    else English (no workbook yet, or one that cannot be read)."""
    if meta is None:
        ctx = click.get_current_context(silent=True)
        meta = ctx.meta if ctx is not None else {}
    if LANGUAGE not in meta:
        from tradexl.fileengine.reader import workbook_language

        book = meta.get(BOOK)
        meta[LANGUAGE] = workbook_language(book) if book is not None and Path(book).is_file() else "en"
    return str(meta[LANGUAGE])


def shown(text: object) -> str:
    """Text for the user in this command's language (a keyed message is translated; other text as it is)."""
    return str(localize(text, language()))


def say(key: str, count: int | None = None, *, err: bool = False, **fields: object) -> None:
    """Print the message `key` in this command's language."""
    click.echo(shown(msg(key, count, **fields)), err=err)


def fail(message: str, status: int = 1, lang: str = "en") -> NoReturn:
    click.echo(localize(msg("cli.error", text=one_line(str(localize(message, lang)))), lang), err=True)
    sys.exit(status)


class TradeXLGroup(click.Group):
    """Turns every failure of a command into `Error: <one line>` and a non-zero exit status, in the language of
    the workbook the command works on."""

    meta: dict[str, Any]

    def invoke(self, ctx: click.Context) -> Any:
        self.meta = ctx.meta  # kept for `main`: the exception ends the context before its message is shown
        return super().invoke(ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        self.meta = {}
        try:
            status = super().main(*args, **kwargs)
        except TradeXLError as exc:
            fail(error_text(exc), lang=language(self.meta))
        except click.ClickException as exc:
            fail(usage_message(exc), exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            fail(msg("cli.interrupted"), 130, language(self.meta))
        except OSError as exc:
            fail(os_message(exc), lang=language(self.meta))
        except Exception as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            first = one_line(str(exc)) or "no details"
            fail(msg("cli.unexpected", kind=type(exc).__name__, first=first, env=DEBUG_ENV), lang=language(self.meta))
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
