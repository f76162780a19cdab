"""One exception hierarchy, so every shell can turn any failure into a one-line message."""

from tradexl.messages import msg


class TradeXLError(Exception):
    """Base of every error the user should see as a one-line message."""


class WorkbookError(TradeXLError):
    """The workbook cannot be read or written as it is (bad file, missing column, locked)."""


class MissingColumnError(WorkbookError):
    """A required column is absent from an input sheet."""

    def __init__(self, sheet: str, column: str) -> None:
        super().__init__(msg("error.no_column", sheet=sheet, column=column))
        self.sheet = sheet
        self.column = column


class FileLockedError(WorkbookError):
    """Excel (or another program) has the workbook open."""


class BadFileError(WorkbookError):
    """The file is not a workbook the engine can safely open."""


class ReadOnlyFormatError(BadFileError):
    """A valid workbook in a format TradeXL can read (with calamine) but not edit: binary .xlsb, Strict Open XML.
    Read-only commands read it anyway; commands that write say how to save it instead."""


class SaveError(WorkbookError):
    """The new version could not be written; the original is untouched."""


class SettingsError(TradeXLError):
    """A value in the Settings sheet cannot be used."""


class MailError(TradeXLError):
    """A message or mailbox could not be read."""
