"""Finding the inquiry's facts in free text: models, quantity, target price, labelled form fields, signature lines.

Every rule is a table of patterns (English and Chinese), not an `if` chain, so a new unit word or a new
platform label is one line. Extraction is conservative: a value that is not clearly a number stays text
("1x40HQ"), and nothing is guessed from a single ambiguous word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Units a buyer counts in; a number before one of them is a quantity.
UNITS = (r"pcs|pieces?|pc|units?|sets?|pairs?|cartons?|ctns?|boxes|box|rolls?|meters?|metres?|mtrs?|m2|sqm|"
         r"tons?|tonnes?|mt|kgs?|kilograms?|dozens?|bags?|bottles?|sheets?|nos|шт|штук|قطعة|个|件|台|套|只|支|條|条|米|吨|噸|片")
CONTAINERS = r"(?:20|40)\s*(?:ft|')?\s*(?:hq|hc|gp|dc|fcl|container)s?"
QUANTITY_PATTERNS = (
    re.compile(rf"\b(\d+\s*[x×*]\s*{CONTAINERS})", re.IGNORECASE),
    re.compile(rf"(?<![A-Za-z0-9\-.,])(\d+(?:[,.\s]\d{{3}})*(?:\.\d+)?\s*[kK]?)\s*(?:{UNITS})(?!\w)", re.IGNORECASE),
    re.compile(r"(?:quantity|qty|order quantity|purchase quantity|数量|數量|采购量|количество)\s*[:：]?\s*"
               r"(\d+(?:[,.\s]\d{3})*(?:\.\d+)?\s*[kK]?)", re.IGNORECASE),
    re.compile(rf"\b((?:one|two|three|four|five|\d+)\s*{CONTAINERS})", re.IGNORECASE),
)
CURRENCY_WORDS: dict[str, str] = {
    "usd": "USD", "us$": "USD", "$": "USD", "dollars": "USD", "dollar": "USD", "美元": "USD", "美金": "USD",
    "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "欧元": "EUR",
    "gbp": "GBP", "£": "GBP", "rmb": "CNY", "cny": "CNY", "¥": "CNY", "￥": "CNY", "人民币": "CNY",
    "aed": "AED", "sar": "SAR", "rub": "RUB", "руб": "RUB", "inr": "INR", "aud": "AUD", "cad": "CAD",
    "jpy": "JPY", "myr": "MYR", "thb": "THB", "vnd": "VND", "idr": "IDR", "brl": "BRL", "mxn": "MXN",
}
_CURRENCY = "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True))
_AMOUNT = r"\d+(?:,\d{3})*(?:[.,]\d{1,4})?"
PRICE_LEAD = r"(?:target\s+price|our\s+target|price\s+target|best\s+price|target|目标价格?|期望价格|целевая\s+цена)"
PRICE_PATTERNS = (
    re.compile(rf"{PRICE_LEAD}[^\d\n$€£¥￥]{{0,25}}({_CURRENCY})\s*({_AMOUNT})", re.IGNORECASE),
    re.compile(rf"{PRICE_LEAD}[^\d\n$€£¥￥]{{0,25}}({_AMOUNT})\s*({_CURRENCY})", re.IGNORECASE),
    re.compile(rf"{PRICE_LEAD}[^\d\n$€£¥￥]{{0,25}}({_AMOUNT})", re.IGNORECASE),
)
# Labelled fields in platform notifications and website forms ("Country/Region: Kenya", "公司名称：...").
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "Contact": ("buyer name", "buyer", "name", "full name", "your name", "contact name", "contact person",
                "买家", "买家姓名", "联系人", "姓名"),
    "Company": ("company", "company name", "buyer company", "organization", "公司", "公司名称", "买家公司"),
    "Country": ("country", "country/region", "country / region", "region", "国家", "国家/地区", "地区"),
    "Email": ("email", "e-mail", "email address", "your email", "邮箱", "电子邮件"),
    "Phone": ("phone", "tel", "telephone", "mobile", "whatsapp", "phone number", "电话", "電話", "手机", "联系电话"),
    "Quantity": ("quantity", "purchase quantity", "order quantity", "qty", "数量", "采购量"),
    "Product": ("product", "product name", "products", "inquiry product", "产品", "产品名称", "询盘产品"),
    "Message": ("message", "inquiry content", "inquiry", "comments", "your message", "询盘内容", "留言", "内容"),
}
_LABEL_TO_FIELD = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
_FIELD_LINE = re.compile(r"^\s*[*•\-]?\s*([^\n:：]{1,30}?)\s*[:：]\s*(.*)$")

PHONE = re.compile(r"(?:tel|phone|mob|mobile|cell|whatsapp|wa|fax|电话|電話|手机|тел|هاتف)?\.?\s*[:：]?\s*"
                   r"(\+?\(?\d[\d\s().\-/]{6,20}\d)", re.IGNORECASE)
_PHONE_LABEL = re.compile(r"\b(tel|phone|mob|mobile|cell|whatsapp|тел)\b|电话|電話|手机|\+\d", re.IGNORECASE)
LEGAL_WORDS = re.compile(
    r"\b(LLC|L\.L\.C\.?|Ltd\.?|Limited|Inc\.?|Corp\.?|Corporation|GmbH|AG|S\.A\.?|S\.A\.S\.?|S\.R\.L\.?|SARL|"
    r"SpA|S\.p\.A\.?|B\.V\.?|N\.V\.?|Pty|PLC|LLP|FZE|FZCO|FZ-LLC|W\.L\.L\.?|Est\.?|Establishment|Trading|"
    r"Co\.|Company|Group|Enterprises?|Industries|Imports?|Exports?|ООО|ОАО|ЗАО|ТОО|Sdn\.? Bhd\.?|Tbk|"
    r"JSC|PJSC|Kft|AB|Oy|A/S|GmbH & Co\. KG|KG)(?=$|[\s,.)])|公司|有限公司|商行|شركة|مؤسسة",
    re.IGNORECASE)


@dataclass(frozen=True)
class Price:
    amount: float
    currency: str


def _number(text: str) -> float | None:
    """"5,000" / "5.000" / "5 000" / "2.5k" -> a number; None when it is not one."""
    raw = text.strip().lower().replace(" ", "")
    factor = 1000.0 if raw.endswith("k") else 1.0
    raw = raw.rstrip("k")
    # Thousands separators: a piece count is never 5.000 pcs.
    thousands = re.fullmatch(r"\d{1,3}([,.]\d{3})+", raw)
    raw = re.sub(r"[,.]", "", raw) if thousands else raw.replace(",", "")
    try:
        return float(raw) * factor
    except ValueError:
        return None


def find_quantity(text: str) -> float | str | None:
    """The quantity asked for: a number ("5,000 pcs" -> 5000) or text when it is not one ("1x40HQ")."""
    for number, pattern in enumerate(QUANTITY_PATTERNS):
        found = pattern.search(text)
        if not found:
            continue
        value = found.group(1).strip()
        if number in (0, 3):
            return re.sub(r"\s+", "", value).upper().replace("×", "X").replace("*", "X")
        parsed = _number(value)
        if parsed:
            return int(parsed) if parsed.is_integer() else parsed
    return None


def find_target_price(text: str) -> Price | None:
    """A target price with its currency (USD when none is named, the usual case in export inquiries)."""
    for pattern in PRICE_PATTERNS:
        found = pattern.search(text)
        if not found:
            continue
        groups = found.groups()
        if len(groups) == 1:
            amount, currency = groups[0], "USD"
        elif re.match(r"\d", groups[0]):
            amount, currency = groups
        else:
            currency, amount = groups
        value = _number(amount.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", amount) else amount)
        if value is not None and value > 0:
            return Price(value, CURRENCY_WORDS.get(currency.lower(), currency.upper()))
    return None


def model_pattern(model: str) -> re.Pattern[str] | None:
    """A pattern finding `model` in text whatever the separators ("AB-100" finds "ab 100", "AB100")."""
    chunks = re.findall(r"[A-Za-z0-9]+", model)
    if not chunks or len("".join(chunks)) < 3:
        return None
    body = r"[\s\-_./]?".join(re.escape(c) for c in chunks)
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE)


def find_models(text: str, models: Iterable[str]) -> list[str]:
    """Models of the Products sheet mentioned in `text`, in catalogue order, longest model first on overlap."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for model, pattern in _model_patterns(tuple(models)):
        for hit in pattern.finditer(text):
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                taken.append((hit.start(), hit.end()))
                found.append((hit.start(), model))
                break
    return [model for _, model in sorted(found)]


@lru_cache(maxsize=8)
def _model_patterns(models: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    """Each distinct model with its pattern, longest first: built once per catalogue, not once per message
    (an import asks for the same catalogue thousands of times)."""
    distinct = sorted({str(m).strip() for m in models if str(m).strip()}, key=lambda m: (-len(m), m))
    return [(model, pattern) for model in distinct if (pattern := model_pattern(model)) is not None]


def labelled_fields(text: str) -> dict[str, str]:
    """Canonical field -> value from "Label: value" lines (first occurrence wins; Message takes what follows)."""
    fields: dict[str, str] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        found = _FIELD_LINE.match(line)
        if not found:
            continue
        name = _LABEL_TO_FIELD.get(found.group(1).strip().lower())
        if name is None or name in fields:
            continue
        value = found.group(2).strip()
        if name == "Message":
            rest = [value, *lines[i + 1:]]
            end = next((j for j, text_line in enumerate(rest[1:], 1)
                        if (label := _FIELD_LINE.match(text_line))
                        and _LABEL_TO_FIELD.get(label.group(1).strip().lower())), len(rest))
            value = "\n".join(rest[:end]).strip()
        if value:
            fields[name] = value
    return fields


def find_phone(text: str) -> str:
    """The first phone number on a labelled or international (+...) line of a signature."""
    for line in text.splitlines():
        if not _PHONE_LABEL.search(line) or re.search(r"\bfax\b|传真", line, re.IGNORECASE):
            continue
        found = PHONE.search(line)
        if found and sum(ch.isdigit() for ch in found.group(1)) >= 7:
            return found.group(1).strip()
    return ""


def find_company(signature: str) -> str:
    """The signature line that names a company (it carries a legal form like LLC, GmbH, Trading, 公司)."""
    for line in signature.splitlines():
        line = line.strip().strip("|*_ ")
        if 2 < len(line) <= 80 and LEGAL_WORDS.search(line) and "@" not in line and not PHONE.fullmatch(line):
            return line
    return ""
