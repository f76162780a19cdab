"""Currency codes and their minor units: one definition for quotes (prices) and orders (amounts).

Kept outside `reports` and `rules` because both use it: prices and order amounts are rounded half-up to the
currency's minor unit (cents for USD, none for JPY, three decimals for KWD).
"""

from __future__ import annotations

DEFAULT_CURRENCY = "USD"
# ISO 4217 minor units that differ from 2.
CURRENCY_DECIMALS: dict[str, int] = {
    **dict.fromkeys(("JPY", "KRW", "VND", "CLP", "ISK", "UGX", "PYG", "XAF", "XOF", "XPF", "RWF", "GNF",
                     "KMF", "DJF", "VUV", "BIF", "IDR"), 0),
    **dict.fromkeys(("BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"), 3),
}


def currency_of(value: object) -> str:
    code = str(value or "").strip().upper()
    return code or DEFAULT_CURRENCY


def currency_decimals(currency: str) -> int:
    return CURRENCY_DECIMALS.get(currency_of(currency), 2)
