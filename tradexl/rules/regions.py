"""Country -> sales region: the built-in ISO map (see `countries.py`) with the user's Settings overrides on top.

Region pricing and the "inquiries by region" statistics both hang on this, and countries arrive typed by hand,
so matching ignores case, spaces, punctuation, accents and a leading "the".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from tradexl.rules.clean import text_cells
from tradexl.rules.countries import TABLE

_NON_WORD = re.compile(r"[\W_]+")
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    name: str
    region: str


def country_key(text: object) -> str:
    """`text` folded for matching: "U.S.A." -> "usa", "Türkiye" -> "turkiye", " The Netherlands" -> "netherlands"."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKD", _LEADING_THE.sub("", str(text)))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return _NON_WORD.sub("", folded)


def _parse(table: str) -> dict[str, Country]:
    """Spelling key -> Country, from the region blocks of `countries.TABLE`."""
    by_key: dict[str, Country] = {}
    region = ""
    for line in table.strip().splitlines():
        parts = line.split(" ", 2)
        if len(parts) < 3 or len(parts[0]) != 2 or len(parts[1]) != 3 or not parts[0].isupper():
            region = line.strip() or region
            continue
        alpha2, alpha3, names = parts
        spellings = names.split("|")
        country = Country(alpha2, alpha3, spellings[0], region)
        for spelling in (alpha2, alpha3, *spellings):
            key = country_key(spelling)
            other = by_key.setdefault(key, country)
            if other.alpha2 != alpha2:
                raise ValueError(f"'{spelling}' names both {other.name} and {country.name}")
    return by_key


COUNTRIES: dict[str, Country] = _parse(TABLE)
"""Every accepted spelling (folded by `country_key`) -> its country."""

ALL_COUNTRIES: tuple[Country, ...] = tuple({c.alpha2: c for c in COUNTRIES.values()}.values())


def find_country(text: object) -> Country | None:
    """The ISO country `text` names, if the built-in map knows it."""
    return COUNTRIES.get(country_key(text))


@lru_cache(maxsize=64)
def _override_map(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Settings overrides keyed like the built-in map; an override spelled as a known country covers all its
    spellings ("Turkey" -> Europe also moves "Türkiye" and "TR")."""
    result: dict[str, str] = {}
    for country, region in items:
        known = find_country(country)
        result[known.alpha2 if known else "=" + country_key(country)] = region.strip()
    return result


def region_of(country: object, overrides: Mapping[str, str] | None = None) -> str:
    """The sales region of `country` ("" when unknown or blank). Settings overrides win over the built-in map."""
    key = country_key(country)
    if not key:
        return ""
    table = _override_map(tuple(sorted((overrides or {}).items())))
    known = COUNTRIES.get(key)
    if known is not None:
        return table.get(known.alpha2, known.region)
    return table.get("=" + key, "")


def regions_for(countries: pd.Series, overrides: Mapping[str, str] | None = None) -> pd.Series:
    """`region_of` for a whole column (each distinct spelling is resolved once)."""
    text = text_cells(countries, strip=False)
    lookup = {value: region_of(value, overrides) for value in text.unique()}
    return text.map(lookup).astype(object)
