"""What switching a workbook between English and Chinese changes, decided as plain data (no file access).

`tradexl language BOOK zh|en` renames the tabs of engine sheets (`markers.tab_renames`), the headers of the
input Tables, the dropdown lists of the contract's choice columns and the Settings `Language` value, rewrites
every formula that names a renamed tab or Table column, then regenerates the generated sheets. Cell values are
left as they are: the engine reads a choice in either language as the same value (`rules.vocab`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from tradexl.schema import Column, SheetDef, choice_label, normalize_header

LANGUAGES = ("en", "zh")
LANGUAGE_KEYS = frozenset({normalize_header("Language"), normalize_header("语言")})
"""The Settings key whose value cell holds the workbook's language."""


def other(language: str) -> str:
    return "en" if language == "zh" else "zh"


def header_label(column: Column, language: str) -> str:
    return column.zh if language == "zh" else column.name


def header_switch(sheet: SheetDef, headers: Sequence[object], positions: Mapping[str, int], first_col: int,
                  language: str) -> dict[int, str]:
    """Column number -> new header for the contract columns whose header is exactly the contract's label in the
    other language (an alias or a user's own wording stays as it is)."""
    out: dict[int, str] = {}
    for column in sheet.columns:
        col = positions.get(column.name)
        offset = col - first_col if col is not None else -1
        if col is None or not 0 <= offset < len(headers):
            continue
        text = headers[offset]
        if isinstance(text, str) and text.strip() == header_label(column, other(language)):
            out[col] = header_label(column, language)
    return out


def dropdown_lists(sheet: SheetDef, language: str) -> dict[str, str]:
    """A list validation's formula in the other language -> the same list in `language`, per choice column."""
    def formula(column: Column, lang: str) -> str:
        return '"' + ",".join(choice_label(c, lang) for c in column.choices) + '"'

    return {formula(c, other(language)): formula(c, language) for c in sheet.columns
            if c.choices and formula(c, other(language)) != formula(c, language)}


# --- formulas --------------------------------------------------------------------------------------------------

_QUOTED = re.compile(r"'((?:[^']|'')+)'!")
_BARE = re.compile(r"(?<![\w.'\]\"])([^\W\d][\w.]*)!")
_PLAIN_NAME = re.compile(r"[^\W\d][\w.]*")
_CELLISH = re.compile(r"(?i)[a-z]{1,3}\d+|r\d*c\d*|true|false")


def sheet_prefix(tab: str, quoted: bool = False) -> str:
    """`tab!` as a formula names it: quoted when asked (a reference that was quoted stays quoted, so switching
    there and back gives the same text) or when it is not a plain name (letters in any script, digits, `_`, `.`)
    that Excel leaves bare."""
    if not quoted and _PLAIN_NAME.fullmatch(tab) and not _CELLISH.fullmatch(tab):
        return tab + "!"
    return "'" + tab.replace("'", "''") + "'!"


def rename_sheet_refs(formula: str, renames: Mapping[str, str]) -> str:
    """The formula with references to renamed tabs (`Old!A1`, `'Old Tab'!A1`, any case) pointing at the new
    tabs. Text inside string literals is not a reference and is kept."""
    folded = {old.casefold(): new for old, new in renames.items()}
    if not folded:
        return formula
    pieces = re.split(r'("(?:[^"]|"")*")', formula)
    for i in range(0, len(pieces), 2):  # even pieces are outside string literals
        piece = _QUOTED.sub(lambda m: _renamed(m, m.group(1).replace("''", "'"), folded, True), pieces[i])
        pieces[i] = _BARE.sub(lambda m: _renamed(m, m.group(1), folded, False), piece)
    return "".join(pieces)


def _renamed(match: re.Match[str], name: str, folded: Mapping[str, str], quoted: bool) -> str:
    new = folded.get(name.casefold())
    return sheet_prefix(new, quoted) if new is not None else match.group(0)


def rename_columns(formula: str, table: str, columns: Mapping[str, str], own_sheet: bool) -> str:
    """The formula with structured references to renamed columns of `table` renamed: `tbl[Old]`,
    `tbl[[#This Row],[Old]]`, and on the Table's own sheet `[@Old]` / `[@[Old]]`."""
    if not columns:
        return formula

    def inner(text: str) -> str:
        if text in columns:
            return columns[text]
        return re.sub(r"(\[@?)([^\[\]]+)(\])", lambda m: m.group(1) + columns.get(m.group(2), m.group(2)) + m.group(3),
                      text)

    qualified = re.compile(re.escape(table) + r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]", re.I)
    formula = qualified.sub(lambda m: m.group(0)[:len(table)] + "[" + inner(m.group(1)) + "]", formula)
    if own_sheet:
        formula = re.sub(r"(\[@\[?)([^\[\]]+)(\]?\])",
                         lambda m: m.group(1) + columns.get(m.group(2), m.group(2)) + m.group(3), formula)
    return formula
