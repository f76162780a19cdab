"""Running the real `tradexl` commands in-process, and reading back the .eml drafts they write."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from click.testing import CliRunner

from tradexl.cli.app import register_commands


def invoke(*args: object, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `tradexl ARGS...` with every command registered."""
    result = CliRunner().invoke(register_commands(), [str(a) for a in args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def parsed(path: Path) -> EmailMessage:
    """A written draft parsed back the way a mail client's standard library would."""
    message = message_from_bytes(Path(path).read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    return message


def text_part(message: EmailMessage, kind: str = "plain") -> str:
    """The text/<kind> body of a draft, with Unix line ends."""
    body = message.get_body((kind,))
    assert body is not None, f"no text/{kind} part"
    return str(body.get_content()).replace("\r\n", "\n")
