"""Which workbook sheet plays which role, by a marker the engine owns rather than by the tab's name.

Every sheet the engine reads or writes (input sheets, Settings, generated sheets) has an identity: its English
contract name ("Inquiries", "Settings", "Due Follow-ups", "Quote - Europe"). The engine marks the sheet with a
hidden workbook-scoped defined name, `_TradeXL.<identity>` -> `'<tab>'!$A$1`. Excel and LibreOffice rewrite a
defined name's reference when a tab is renamed, so the marker follows the sheet: a user may rename 待跟进 to
"My follow-ups" and the next refresh rebuilds that tab in place instead of adding a second one.

A workbook without markers (made before them, or by hand) is matched by tab name, English or Chinese, as
before; its next write adds the markers. Pure functions only: the shells read the names and write them.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from tradexl.schema import INPUT_SHEETS, SETTINGS_SHEET, SETTINGS_SHEET_ZH, normalize_header

PREFIX = "_TradeXL."

GENERATED_ZH: dict[str, str] = {
    "Due Follow-ups": "待跟进",
    "Unanswered": "未回复",
    "Weekly Summary": "周报",
    "Monthly Review": "月度回顾",
    "Statistics": "统计",
    "Pool": "公海",
    "Check": "数据检查",
    "History": "往来记录",
}
"""The Chinese tab of each generated sheet a Chinese workbook shows. Sheets absent here (quotes, which go to
buyers; Mail Log and Handover Log, which commands read back) keep their English tab in both languages."""

TAB_NAMES: dict[str, tuple[str, str]] = {
    **{s.name: (s.name, s.zh) for s in INPUT_SHEETS},
    SETTINGS_SHEET: (SETTINGS_SHEET, SETTINGS_SHEET_ZH),
    **{en: (en, zh) for en, zh in GENERATED_ZH.items()},
}
"""Identity -> (English tab, Chinese tab) for every sheet whose tab name depends on the workbook's language."""

_SAFE = re.compile(r"[A-Za-z0-9]")
_ENCODED = re.compile(r"\.([0-9a-f]{4})|_")
_REF = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!#]+))!\$?[A-Z]+\$?\d+$")


def marker_name(identity: str) -> str:
    """The defined name marking the sheet `identity`: letters and digits kept, a space as `_`, any other
    character as `.` + four hex digits (defined names allow only letters, digits, `_`, `.` and `\\`)."""
    def one(char: str) -> str:
        if _SAFE.fullmatch(char):
            return char
        return "_" if char == " " else f".{ord(char):04x}"

    return PREFIX + "".join(one(c) for c in identity)


def identity_of(defined_name: str) -> str | None:
    """The identity a marker's defined name stands for (None for any other defined name)."""
    if not defined_name.startswith(PREFIX):
        return None
    return _ENCODED.sub(lambda m: " " if m.group(0) == "_" else chr(int(m.group(1), 16)), defined_name[len(PREFIX):])


def marker_ref(tab: str) -> str:
    """The marker's reference to a tab's first cell, quoted as Excel writes it."""
    return "'" + tab.replace("'", "''") + "'!$A$1"


def tab_of_ref(ref: str) -> str | None:
    """The tab a marker's reference points at (None for `#REF!` after the sheet was deleted, or anything else)."""
    match = _REF.match(ref.strip())
    if match is None:
        return None
    quoted, bare = match.groups()
    return quoted.replace("''", "'") if quoted is not None else bare


def tab_name(identity: str, language: str) -> str:
    """The tab a sheet gets when the engine adds it to a workbook in `language`."""
    names = TAB_NAMES.get(identity)
    if names is None:
        return identity
    return names[1] if language == "zh" else names[0]


def markers_of(defined_names: Mapping[str, str]) -> dict[str, str]:
    """Identity -> tab, from a workbook's workbook-scoped defined names (name -> reference)."""
    found: dict[str, str] = {}
    for name, ref in defined_names.items():
        identity = identity_of(name)
        tab = tab_of_ref(ref) if identity is not None else None
        if identity is not None and tab is not None:
            found[identity] = tab
    return found


@dataclass(frozen=True)
class SheetIndex:
    """The roles of a workbook's sheets: identity <-> tab, by marker first and by tab name second."""

    by_identity: dict[str, str]
    by_tab: dict[str, str]  # casefolded tab -> identity

    @classmethod
    def build(cls, tabs: Sequence[str], markers: Mapping[str, str],
              known: Iterable[str] = ()) -> SheetIndex:
        """`tabs` in workbook order, `markers` identity -> tab (from `markers_of`), `known` further identities
        (generated sheets of this run) matched by name. A marker pointing at a missing tab is ignored; a tab
        claimed by a marker is not matched again by name."""
        present = {t.casefold(): t for t in tabs}
        by_identity: dict[str, str] = {}
        by_tab: dict[str, str] = {}
        for identity, tab in markers.items():
            real = present.get(tab.casefold())
            if real is not None and real.casefold() not in by_tab:
                by_identity[identity] = real
                by_tab[real.casefold()] = identity
        labels: dict[str, str] = {}
        for identity in [*TAB_NAMES, *known]:
            for label in TAB_NAMES.get(identity, (identity,)):
                labels.setdefault(normalize_header(label), identity)
        for tab in tabs:
            named = labels.get(normalize_header(tab))
            if named is not None and named not in by_identity and tab.casefold() not in by_tab:
                by_identity[named] = tab
                by_tab[tab.casefold()] = named
        return cls(by_identity, by_tab)

    def tab(self, identity: str) -> str | None:
        """The workbook's tab playing `identity`, if any."""
        return self.by_identity.get(identity)

    def identity(self, tab: str) -> str:
        """The identity of a tab: its marker's or name's, else the tab name itself (a user sheet)."""
        return self.by_tab.get(tab.casefold(), tab)

    def owned(self, tabs: Sequence[str], patterns: Iterable[str]) -> list[tuple[str, str]]:
        """(tab, identity) of the tabs whose identity matches one of the `patterns` ("*" a wildcard, any case)."""
        folded = [p.casefold() for p in patterns]
        return [(tab, identity) for tab in tabs if any(fnmatch.fnmatchcase((identity := self.identity(tab))
                                                                           .casefold(), p) for p in folded)]


def sheet_roles(tabs: Sequence[str], markers: Mapping[str, str],
                tables: Callable[[], Mapping[str, str]] | None = None) -> dict[str, str]:
    """Input-sheet key -> its tab, plus "settings" -> the Settings tab, for the sheets present: by marker, else
    by the English or Chinese tab name, else (input sheets) by the contract's Table name on a tab no other role
    took. `tables` gives casefolded Table name -> tab, asked only when an input sheet is still missing."""
    index = SheetIndex.build(tabs, markers)
    roles = {s.key: tab for s in INPUT_SHEETS if (tab := index.tab(s.name)) is not None}
    missing = [s for s in INPUT_SHEETS if s.key not in roles]
    if missing and tables is not None:
        by_table = tables()
        taken = {tab.casefold() for tab in index.by_identity.values()}
        for sheet in missing:
            tab = by_table.get(sheet.table.casefold())
            if tab is not None and tab.casefold() not in taken:
                roles[sheet.key] = tab
                taken.add(tab.casefold())
    settings = index.tab(SETTINGS_SHEET)
    if settings is not None:
        roles["settings"] = settings
    return roles


def tab_renames(tabs: Sequence[str], markers: Mapping[str, str], language: str) -> dict[str, str]:
    """Old tab -> new tab for switching a workbook to `language`: each engine sheet whose tab still carries its
    contract name in the other language (a tab the user named otherwise is left alone, and so is one whose new
    name another tab already has)."""
    index = SheetIndex.build(tabs, markers)
    taken = {t.casefold() for t in tabs}
    renames: dict[str, str] = {}
    for identity, names in TAB_NAMES.items():
        tab = index.tab(identity)
        old, new = (names[0], names[1]) if language == "zh" else (names[1], names[0])
        if tab is not None and tab.casefold() == old.casefold() and new.casefold() not in taken:
            renames[tab] = new
            taken.add(new.casefold())
    return renames
