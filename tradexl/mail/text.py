"""Turning message bodies into the plain text a salesperson reads: charsets, HTML, quotes and signatures.

Chinese mail clients label GBK text as gb2312 and Taiwanese ones send Big5 with HKSCS characters, so declared
charsets are widened to their supersets before decoding. The body is split into the buyer's own words and
their signature: the words go into `Message`, the signature is where company, phone and country are found.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Declared charset -> the codec that decodes everything senders actually put under that label.
CHARSET_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "big5": "big5hkscs", "x-big5": "big5hkscs", "cp950": "big5hkscs",
    "ks_c_5601-1987": "cp949", "euc-kr": "cp949", "iso-8859-1": "cp1252", "latin1": "cp1252",
    "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "shift_jis": "cp932", "windows-874": "cp874",
    "iso-8859-8-i": "iso-8859-8", "utf8": "utf-8",
}
SINGLE_BYTE_LABELS = frozenset({"cp1252", "windows-1252", "iso-8859-15"})
"""Labels that valid UTF-8 overrules: senders' software often labels UTF-8 text us-ascii or Latin-1."""
FALLBACK_CHARSETS = ("gb18030", "big5hkscs", "cp1252", "latin-1")
MULTI_BYTE_GUESSES = frozenset({"gb18030", "big5hkscs"})
LATIN_MOJIBAKE = re.compile(r"[A-Za-z][\u3400-\u9fff\uf900-\ufaff]{1,2}[A-Za-z]")
"""A Han character wedged inside a Latin word ("Fr鰏che", "Forma玢o"): Latin-1 bytes guessed as GB18030."""
UTF8_MAX_BAD_SHARE = 0.1
"""UTF-8 "clearly fails" when more than this share of its non-ASCII characters are invalid bytes."""


def _utf8(data: bytes) -> str | None:
    """`data` as UTF-8 with invalid bytes replaced, or None when it clearly is not UTF-8.

    One broken byte in a long UTF-8 text is a damaged UTF-8 text, not a GB18030 one: only when invalid
    sequences outnumber a tenth of the non-ASCII characters (or no valid one exists) is UTF-8 given up.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad == 0 or (good > 0 and bad <= UTF8_MAX_BAD_SHARE * good):
        return text
    return None


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Text from bytes in a declared (maybe wrong or absent) charset; never raises, never drops a line."""
    name = (charset or "").strip().strip('"').lower()
    codec = CHARSET_SUPERSETS.get(name, name)
    if data.isascii() and (codec in ("", "utf-8") or codec in SINGLE_BYTE_LABELS):
        return data.decode("ascii")
    if codec not in ("", "utf-8") and codec not in SINGLE_BYTE_LABELS:
        try:
            return data.decode(codec)
        except LookupError:  # a label Python does not know: guess like an unlabelled text
            codec = ""
        except UnicodeDecodeError:
            pass
    as_utf8 = _utf8(data)
    if as_utf8 is not None:
        return as_utf8
    for fallback in (codec, "latin-1") if codec in SINGLE_BYTE_LABELS else FALLBACK_CHARSETS:
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        if fallback in MULTI_BYTE_GUESSES and LATIN_MOJIBAKE.search(text):
            continue
        return text
    return data.decode("latin-1")  # unreachable: latin-1 decodes every byte


class _TextExtractor(HTMLParser):
    BLOCK = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
                       "hr", "pre", "section", "article", "header", "footer", "ul", "ol", "dt", "dd"})
    SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "blockquote":
            self.quote_depth += 1
        elif tag in ("td", "th"):
            self.parts.append(" ")
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = re.sub(r"\s+", " ", data)
        if self.quote_depth:
            text = "> " + text  # quoted history: trimmed later like a plain-text quote
        self.parts.append(text)


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body: block elements become lines, scripts and styles vanish."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).replace("\xa0", " ").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# Where the quoted history of a reply starts: everything from there on is the old thread.
QUOTE_SEPARATORS = (
    re.compile(r"^-{2,}\s*(Original Message|Mensaje original|Message d'origine|Ursprüngliche Nachricht|"
               r"Mensagem original|Исходное сообщение|Orijinal İleti|الرسالة الأصلية|原始邮件|原始郵件)\s*-{2,}",
               re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),
)
# The "On <date>, <name> wrote:" line each mail client writes, per language (Gmail wraps it over 2-3 lines).
ATTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "en": (r"^On\b.{4,250}\bwrote\s*:$",),
    "es": (r"^El\b.{4,250}\bescribió\s*:$",),
    "pt": (r"^Em\b.{4,250}\bescreveu\s*:$",),
    "fr": (r"^Le\b.{4,250}\ba écrit\s*:$",),
    "de": (r"^Am\b.{4,250}\bschrieb\b.{0,250}:$",),
    "ru": (r"^.{4,250}\b(написал|написала|пишет)\b.{0,40}:$",
           r"^(пн|вт|ср|чт|пт|сб|вс),?\s.{4,120}\bг\.,?\s+в\s+\d{1,2}:\d{2},?\s.{1,250}:$"),
    "tr": (r"^.{4,250}\btarihinde\b.{1,250}\b(şunu yazdı|yazdı)\s*:$",),
    "ar": (r"^في\s.{4,250}\s?كتب\s?.{1,250}[:：]$",),
    "it": (r"^Il giorno\b.{4,250}\bha scritto\s*:$",),
    "nl": (r"^Op\b.{4,250}\bschreef\b.{0,250}:$",),
    "zh": (r"^(在|于)\s*.{4,160}(写道|寫道)\s*[:：]$",),
}
ATTRIBUTION_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for patterns in ATTRIBUTIONS.values() for p in patterns)
ATTRIBUTION_MAX_LINES = 3
# Outlook's quoted header block: a From line followed, within a few lines, by Sent/Date/To/Subject lines.
HEADER_BLOCK_FROM = re.compile(r"^\*?(From|De|Von|От|Kimden|من|Da|Van|发件人|寄件者)\*?\s*[:：]\s*\S", re.IGNORECASE)
HEADER_BLOCK_NEXT = re.compile(
    r"^\*?(Sent|Date|To|Cc|Subject|Enviado|Fecha|Para|Asunto|Envoyé|Date|À|Objet|Gesendet|Datum|An|Betreff|"
    r"Enviada|Assunto|Отправлено|Дата|Кому|Тема|Gönderildi|Tarih|Kime|Konu|تاريخ الإرسال|التاريخ|إلى|الموضوع|"
    r"Inviato|Oggetto|Verzonden|Onderwerp|发送时间|日期|收件人|主题|寄件日期|收件者|主旨)\*?\s*[:：]", re.IGNORECASE)
HEADER_BLOCK_WINDOW = 4


def quote_start(lines: list[str], start: int = 1) -> int | None:
    """The first line (from `start`) where the quoted history begins: a separator, an attribution (possibly
    wrapped over up to three lines), or an Outlook header block. A lone line starting "From: our side..."
    in the buyer's own words is not one: a header block needs its Sent/To/Subject lines."""
    stripped = [line.strip() for line in lines]
    for i in range(start, len(stripped)):
        line = stripped[i]
        if not line:
            continue
        if any(p.match(line) for p in QUOTE_SEPARATORS):
            return i
        joined = line
        for extra in range(ATTRIBUTION_MAX_LINES):
            if extra:
                if i + extra >= len(stripped) or not stripped[i + extra]:
                    break
                joined = f"{joined} {stripped[i + extra]}"
            if joined.endswith((":", "：")) and any(p.match(joined) for p in ATTRIBUTION_PATTERNS):
                return i
        if HEADER_BLOCK_FROM.match(line) and any(HEADER_BLOCK_NEXT.match(n)
                                                 for n in stripped[i + 1:i + 1 + HEADER_BLOCK_WINDOW]):
            return i
    return None


# Valedictions and signature separators: the signature starts here.
SIGNATURE_STARTS = (
    re.compile(r"^--\s*$"),
    re.compile(r"^(best|kind|warm|warmest)?\s*(regards|wishes)[,.!]?\s*$", re.IGNORECASE),
    re.compile(r"^(thanks|thank you|many thanks)( and| &)? (best |kind )?regards[,.!]?\s*$", re.IGNORECASE),
    re.compile(r"^(sincerely|yours sincerely|yours faithfully|yours truly|cheers|br|thanks|thank you)[,.!]?\s*$",
               re.IGNORECASE),
    re.compile(r"^(с уважением|مع تحياتي|مع خالص التحيات|تحياتي|此致|祝好|谢谢|謝謝|敬上)[,，.!]?\s*$", re.IGNORECASE),
    re.compile(r"^(reply to this inquiry|to reply,? (please )?(log ?in|visit)|this (e-?mail|message) was sent "
               r"(by|from)|sent from https?://)", re.IGNORECASE),
    re.compile(r"^sent from my (iphone|ipad|android|mobile|huawei|samsung).*$", re.IGNORECASE),
)
# Forwarded-message markers; the forwarded block's From/Date/Subject lines follow them.
FORWARD_MARKERS = (
    re.compile(r"^-{2,}\s*Forwarded message\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^Begin forwarded message:\s*$", re.IGNORECASE),
    re.compile(r"^-{2,}\s*(Original Message|原始邮件|转发邮件信息)\s*-{2,}\s*$", re.IGNORECASE),
)
SIGNATURE_MAX_LINES = 14


def _first(patterns: tuple[re.Pattern[str], ...], lines: list[str], start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if any(p.match(stripped) for p in patterns):
            return i
    return None


def split_body(text: str) -> tuple[str, str]:
    """(the sender's own words, their signature) with quoted replies removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = quote_start(lines, 1)
    lines = [line for line in lines[:cut] if not line.lstrip().startswith(">")]
    sig = _first(SIGNATURE_STARTS, lines)
    if sig is None:
        sig = len(lines)
    own = "\n".join(lines[:sig]).strip()
    signature = "\n".join(line for line in lines[sig + 1:sig + 1 + SIGNATURE_MAX_LINES]).strip()
    return re.sub(r"\n{3,}", "\n\n", own), signature


def forwarded_block(text: str) -> tuple[dict[str, str], str] | None:
    """For a forwarded message: the inner header fields (lower-case names) and the inner body, else None."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = _first(FORWARD_MARKERS, lines)
    if start is None:
        return None
    fields: dict[str, str] = {}
    i = start + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    while i < len(lines):
        found = re.match(r"^\s*\**(From|Date|Sent|Subject|To|Cc|发件人|发送时间|日期|主题|收件人)\**\s*[:：]\s*(.*)$",
                         lines[i])
        if not found:
            break
        fields[found.group(1).lower()] = found.group(2).strip()
        i += 1
    if "from" not in fields and "发件人" not in fields:
        return None
    return fields, "\n".join(lines[i:]).strip()
