"""An amount in English words, as a proforma invoice states its total ("SAY US DOLLARS ... ONLY").

Banks and customs read the words, not the figures, when the two disagree, so the words are built from the same
Decimal as the figures, never from a float.
"""

from __future__ import annotations

from decimal import Decimal

ONES = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE",
        "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN")
TENS = ("", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY")
SCALES = ((10**12, "TRILLION"), (10**9, "BILLION"), (10**6, "MILLION"), (1000, "THOUSAND"))
CURRENCY_WORDS: dict[str, tuple[str, str]] = {
    "USD": ("US DOLLARS", "CENTS"), "EUR": ("EUROS", "CENTS"), "GBP": ("POUNDS STERLING", "PENCE"),
    "CNY": ("CHINESE YUAN", "FEN"), "RMB": ("CHINESE YUAN", "FEN"), "JPY": ("JAPANESE YEN", ""),
    "AUD": ("AUSTRALIAN DOLLARS", "CENTS"), "CAD": ("CANADIAN DOLLARS", "CENTS"), "HKD": ("HONG KONG DOLLARS", "CENTS"),
    "AED": ("UAE DIRHAMS", "FILS"), "SAR": ("SAUDI RIYALS", "HALALAS"), "INR": ("INDIAN RUPEES", "PAISE"),
}
"""Currency code -> (major unit, minor unit) in words; other codes are spelled with the code itself."""


def integer_words(number: int) -> str:
    """0 <= number < 10**15 in words: 1234 -> "ONE THOUSAND TWO HUNDRED AND THIRTY-FOUR" (British "AND")."""
    if number < 0:
        raise ValueError("negative amount")
    if number < 20:
        return ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{ONES[hundreds]} HUNDRED" + (f" AND {integer_words(rest)}" if rest else "")
    for scale, name in SCALES:
        if number >= scale:
            high, rest = divmod(number, scale)
            tail = "" if not rest else (f" AND {integer_words(rest)}" if rest < 100 else f" {integer_words(rest)}")
            return f"{integer_words(high)} {name}{tail}"
    raise AssertionError("unreachable")


def amount_in_words(amount: Decimal, currency: str) -> str:
    """"SAY US DOLLARS TWELVE THOUSAND THREE HUNDRED AND FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY"."""
    code = currency.strip().upper()
    major, minor = CURRENCY_WORDS.get(code, (code, "CENTS"))
    whole = int(amount)
    cents = int((amount - whole) * 100)
    text = f"SAY {major} {integer_words(whole)}"
    if cents and minor:
        text += f" AND {minor} {integer_words(cents)}"
    return text + " ONLY"
