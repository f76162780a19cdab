"""Where a buyer is, from the clues an email carries: international dialling codes and country-code domains.

Dialling codes map to ISO alpha-2 codes (matched longest first, so +971 is the UAE, not +97, and +7 7xx is
Kazakhstan, not Russia); a country-code domain is its ISO code except .uk. Names come from
`tradexl.rules.regions`, so the Country column uses the same spelling the region map does.
"""

from __future__ import annotations

import re

from tradexl.rules.regions import find_country

CALLING_CODES: dict[str, str] = {
    "1": "US", "7": "RU", "76": "KZ", "77": "KZ", "20": "EG",
    "27": "ZA", "30": "GR", "31": "NL", "32": "BE", "33": "FR", "34": "ES",
    "36": "HU", "39": "IT", "40": "RO", "41": "CH", "43": "AT",
    "44": "GB", "45": "DK", "46": "SE", "47": "NO", "48": "PL", "49": "DE",
    "51": "PE", "52": "MX", "53": "CU", "54": "AR", "55": "BR", "56": "CL",
    "57": "CO", "58": "VE", "60": "MY", "61": "AU", "62": "ID",
    "63": "PH", "64": "NZ", "65": "SG", "66": "TH", "81": "JP",
    "82": "KR", "84": "VN", "86": "CN", "90": "TR", "91": "IN", "92": "PK",
    "93": "AF", "94": "LK", "95": "MM", "98": "IR", "211": "SS",
    "212": "MA", "213": "DZ", "216": "TN", "218": "LY", "220": "GM", "221": "SN",
    "225": "CI", "233": "GH", "234": "NG", "237": "CM", "243": "CD",
    "244": "AO", "249": "SD", "251": "ET", "254": "KE", "255": "TZ", "256": "UG",
    "260": "ZM", "263": "ZW", "351": "PT", "352": "LU", "353": "IE",
    "354": "IS", "358": "FI", "359": "BG", "370": "LT", "371": "LV",
    "372": "EE", "373": "MD", "374": "AM", "375": "BY", "380": "UA", "381": "RS",
    "385": "HR", "386": "SI", "420": "CZ", "421": "SK", "502": "GT",
    "503": "SV", "504": "HN", "505": "NI", "506": "CR", "507": "PA",
    "591": "BO", "593": "EC", "595": "PY", "598": "UY", "852": "HK",
    "853": "MO", "855": "KH", "856": "LA", "880": "BD", "886": "TW", "960": "MV",
    "961": "LB", "962": "JO", "963": "SY", "964": "IQ", "965": "KW", "966": "SA",
    "967": "YE", "968": "OM", "970": "PS", "971": "AE", "972": "IL",
    "973": "BH", "974": "QA", "976": "MN", "977": "NP", "992": "TJ",
    "993": "TM", "994": "AZ", "995": "GE", "996": "KG", "998": "UZ",
}

# Second-level domains that look like a ccTLD but are used worldwide as brands.
CCTLD_ISO = {"uk": "GB", "su": "RU"}
GENERIC_CCTLDS = frozenset({"io", "co", "ai", "me", "tv", "cc", "ly", "fm", "ws", "gg"})
_DIGITS = re.compile(r"\D+")


def country_of_phone(phone: str) -> str:
    """The country of an international number (+971 4 ..., 00971 4 ...); "" for a number without a code."""
    text = phone.strip()
    if not (text.startswith("+") or text.startswith("00")):
        return ""
    digits = _DIGITS.sub("", text)
    digits = digits[2:] if text.startswith("00") else digits
    for length in (3, 2, 1):
        code = CALLING_CODES.get(digits[:length])
        if code:
            return _name(code)
    return ""


def country_of_domain(domain: str) -> str:
    """The country of a country-code domain (acme.com.sa, firma.de); "" for .com and brand-like ccTLDs."""
    tld = domain.lower().rstrip(".").rsplit(".", 1)[-1]
    if tld in GENERIC_CCTLDS and not re.search(r"\.(com|net|org|gov|edu)\.[a-z]{2}$", domain.lower()):
        return ""
    return _name(CCTLD_ISO.get(tld, tld)) if len(tld) == 2 else ""


def _name(alpha2: str) -> str:
    country = find_country(alpha2.upper())
    return country.name if country else ""
