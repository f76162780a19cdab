"""Who a buyer is: e-mail domains, free-mail providers, company names and phone numbers in comparable form.

Grading asks "does this buyer write from a company domain?", linking asks "is this the same company?", and the
mail importer asks both; all three use these small functions so the answers agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

FREE_MAIL_BRANDS = frozenset({
    "gmail", "googlemail", "outlook", "hotmail", "live", "windowslive", "yahoo", "ymail", "rocketmail", "aol",
    "icloud", "qq", "foxmail", "sina", "sohu", "aliyun", "yandex", "gmx", "protonmail", "zoho", "zohomail",
    "rediffmail", "naver", "daum", "hanmail", "tutanota", "rambler", "libero", "orange", "wanadoo", "seznam",
    "mailinator", "hushmail", "lycos", "bigpond",
})
"""Providers free under any top-level domain (gmail.com, yahoo.co.uk, hotmail.fr, sina.cn ...)."""

FREE_MAIL_DOMAINS = frozenset({
    "163.com", "126.com", "yeah.net", "188.com", "139.com", "189.cn", "21cn.com", "tom.com", "sina.com.cn",
    "me.com", "mac.com", "msn.com", "mail.com", "email.com", "usa.com", "proton.me", "pm.me", "mail.ru", "bk.ru",
    "inbox.ru", "list.ru", "internet.ru", "ya.ru", "web.de", "t-online.de", "freenet.de", "hey.com", "fastmail.com",
    "rediff.com", "nate.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "btinternet.com",
})
"""Free-mail domains whose name alone is too generic to match under every TLD (a subdomain counts too)."""

_SECOND_LEVEL = frozenset({"com", "co", "net", "org", "ac", "gov", "edu", "ne", "or", "gen", "ltd", "plc"})

LEGAL_SUFFIXES = frozenset({
    "llc", "ltd", "limited", "co", "company", "corp", "corporation", "inc", "incorporated", "gmbh", "sa", "sl",
    "srl", "bv", "nv", "pty", "plc", "est", "establishment", "trading", "fze", "fzco", "fzc", "fz", "llp", "jsc",
    "pjsc", "ojsc", "cjsc", "ooo", "ооо", "оао", "зао", "ао", "ag", "kg", "sas", "sarl", "spa", "sro", "as", "ab",
    "oy", "kft", "doo", "sdn", "bhd", "pte", "pvt", "private", "group", "holding", "holdings", "intl",
    "international", "imp", "exp", "import", "export", "and", "cv", "tbk", "ltda", "cia", "sac",
})
"""Words that say what kind of company it is, not which one: ignored at either end of a company name."""

LEGAL_PREFIXES = frozenset({"the", "pt", "cv", "ooo", "ооо", "оао", "зао", "ao", "ао", "oao", "zao", "pjsc", "jsc"})

CJK_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "贸易", "商行", "株式会社")

_EMAIL = re.compile(r"[\w.+'-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
_DOTTED_ABBREVIATION = re.compile(r"\b(?:\w\.){2,}")
_PUNCTUATION = re.compile(r"[^\w\s]|_")


def first_email(text: object) -> str:
    """The first e-mail address in `text`, lower-cased ("" when there is none)."""
    match = _EMAIL.search(str(text or ""))
    return match.group(0).casefold().strip(".") if match else ""


def email_domain(email: object) -> str:
    """The domain of the first address in `email`, lower-cased: "Ali <ali@Noor-Trading.ae>" -> "noor-trading.ae"."""
    address = first_email(email)
    return address.rpartition("@")[2].strip(".") if address else ""


def is_free_mail(email_or_domain: object) -> bool:
    """True for addresses (or bare domains) of public mail providers such as gmail, yahoo.*, 163.com, qq.com."""
    text = str(email_or_domain or "").strip().casefold()
    domain = email_domain(text) if "@" in text else text.strip(".")
    if not domain:
        return False
    labels = domain.split(".")
    if any(".".join(labels[i:]) in FREE_MAIL_DOMAINS for i in range(len(labels))):
        return True
    name = labels[:-1]
    if len(name) > 1 and name[-1] in _SECOND_LEVEL:
        name = name[:-1]
    return bool(name) and name[-1] in FREE_MAIL_BRANDS


def normalize_company(name: object) -> str:
    """A company name in comparable form: case and punctuation folded, legal/trade words at either end dropped.

    "Al Noor Trading L.L.C." and "AL-NOOR TRADING LLC" -> "al noor"; "宁波明华电器有限公司" -> "宁波明华电器".
    A name made only of such words keeps them ("Trading Co." -> "trading co").
    """
    return _normalized_company(str(name or ""))


@functools.lru_cache(maxsize=65536)
def _normalized_company(name: str) -> str:
    """Cached: every sheet names the same few thousand buyers, and linking folds each sheet's names."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _DOTTED_ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)
    tokens = _PUNCTUATION.sub(" ", text).split()
    if not tokens:
        return ""
    kept = list(tokens)
    while kept and kept[-1] in LEGAL_SUFFIXES:
        kept.pop()
    while kept and kept[0] in LEGAL_PREFIXES:
        kept.pop(0)
    if kept:
        last = kept[-1]
        for suffix in CJK_SUFFIXES:
            if last.endswith(suffix) and len(last) > len(suffix):
                last = last[: -len(suffix)]
        kept[-1] = last
    return " ".join(kept or tokens)


def normalize_phone(phone: object) -> str:
    """Digits only, with a leading "+" for international numbers ("00" counts as "+"): "(+971) 50-123 4567" ->
    "+971501234567", "0086 574 8888" -> "+865748888". "" when there are no digits."""
    text = unicodedata.normalize("NFKC", str(phone or "")).strip()
    if isinstance(phone, float) and phone.is_integer():
        text = str(int(phone))
    digits = re.sub(r"\D", "", text)
    plus = bool(re.match(r"^[\s(]*\+", text))
    if not plus and digits.startswith("00"):
        plus, digits = True, digits[2:]
    return ("+" + digits if plus else digits) if digits else ""
