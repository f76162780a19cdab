"""Who a buyer is: the one rule that linking, `tradexl import`, `tradexl lookup` and refresh all use.

Contract ("Buyer identity", docs/MATCHING.md): Customer ID, then e-mail address (case-insensitive), then company
e-mail domain (never free-mail), then phone number in international form (E.164 via `phonenumbers`; numbers in a
signature count, fax lines included), then company name without legal words (`rapidfuzz` `fuzz.ratio`: a strong
match links, a weaker one is flagged for a person). The first rule that points at exactly one customer decides.

Everything here is pure and vectorised over DataFrames: each rule is a merge of the rows' keys against the
customers' keys, and fuzzy names are compared only within blocks of names that share their first or last
letters, so a 10,000-message import does not compare every name with every customer.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import phonenumbers
from rapidfuzz import fuzz, process

from tradexl.rules.clean import distinct_rows, per_distinct
from tradexl.rules.regions import find_country

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
    return _first_email(str(text or ""))


@functools.lru_cache(maxsize=1 << 17)
def _first_email(text: str) -> str:
    """Cached: linking and grading read the same few thousand addresses on every sheet."""
    match = _EMAIL.search(text)
    return match.group(0).casefold().strip(".") if match else ""


def email_domain(email: object) -> str:
    """The domain of the first address in `email`, lower-cased: "Ali <ali@Noor-Trading.ae>" -> "noor-trading.ae"."""
    address = first_email(email)
    return address.rpartition("@")[2].strip(".") if address else ""


def is_free_mail(email_or_domain: object) -> bool:
    """True for addresses (or bare domains) of public mail providers such as gmail, yahoo.*, 163.com, qq.com."""
    return _is_free_mail(str(email_or_domain or ""))


@functools.lru_cache(maxsize=1 << 16)
def _is_free_mail(text: str) -> bool:
    """Cached: called for every distinct address of every sheet."""
    text = text.strip().casefold()
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


THRESHOLDS: Mapping[str, float] = MappingProxyType({
    "name_link": 93.0,       # fuzz.ratio of two normalised names at or above which they are one buyer
    "name_check": 85.0,      # at or above (and below name_link): a person confirms; never merged
    "name_min_chars": 4.0,   # shorter Latin names ("ABC") say too little to compare
    "phone_min_digits": 8.0,  # digits of the E.164 number (country code included) that identify anyone
    "block_chars": 3.0,      # fuzzy names are compared only when they share their first or last 3 letters
})
"""The one threshold table (docs/MATCHING.md). "Kenya Power" / "Kenya Power & Lighting" scores 71: apart."""

IDENTITY_COLUMNS = ("Customer ID", "Email", "Domain", "Phone", "Fax", "Signature", "Country", "Company")
"""Every column the rule reads: rows that agree on these are the same question."""

RULES = ("id", "email", "domain", "phone", "name")
"""Strongest first; the first rule that points at exactly one customer decides (its name goes to `Match`)."""

GENERIC_CCTLDS = frozenset({"io", "co", "ai", "me", "tv", "cc", "ly", "fm", "ws", "gg"})
"""Country-code domains used worldwide as brands: no hint where a number is dialled."""
CCTLD_REGION = {"uk": "GB", "su": "RU"}
"""Country-code domains that are not their ISO code."""

_PHONE_RUN = re.compile(r"(?<![\w+])\+?\(?\+?\d[\d\s().\-/]{5,}\d")
_DIGIT_RUNS = re.compile(r"\d+")
_INTERNATIONAL = re.compile(r"\s*\(?(?:\+|00)[\d\s().\-/]+$")
E164_MAX_DIGITS = 15
_TOO_SHORT = (phonenumbers.ValidationResult.TOO_SHORT, phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY)


def all_emails(text: object) -> tuple[str, ...]:
    """Every e-mail address in a cell ("a@x.com; b@x.com"), lower-cased, in order."""
    return _all_emails(str(text or ""))


@functools.lru_cache(maxsize=1 << 17)
def _all_emails(text: str) -> tuple[str, ...]:
    """Cached: each sheet's Email column names the same buyers again."""
    return tuple(dict.fromkeys(m.group(0).casefold().strip(".") for m in _EMAIL.finditer(text)))


def region_hint(country: object, email: object = "") -> str:
    """Where a buyer's local numbers are dialled (ISO alpha-2): the row's country, else its e-mail's ccTLD."""
    known = find_country(country) if str(country or "").strip() else None
    return known.alpha2 if known is not None else _tld_hint(email)


def _tld_hint(email: object) -> str:
    tld = email_domain(email).rpartition(".")[2]
    if len(tld) != 2 or tld in GENERIC_CCTLDS:
        return ""
    code = CCTLD_REGION.get(tld, tld.upper())
    return code if phonenumbers.country_code_for_region(code) else ""


def normalize_phone(phone: object, region: str = "") -> str:
    """The first number of a phone cell in E.164 form ("" when there is none that identifies anyone).

    "+971 (0)4 123 4567", "00971 4 1234567" and "04 123 4567" with region "AE" are all "+97141234567";
    extensions are dropped; a number without a country code needs the region hint.
    """
    numbers = phone_numbers(phone, region)
    return numbers[0] if numbers else ""


def phone_numbers(text: object, region: str = "", *, strict: bool = False) -> tuple[str, ...]:
    """Every phone number in `text` (a Phone/Fax cell, or a whole signature when `strict`), E.164, in order.

    `strict` keeps only numbers `phonenumbers` says are possible, so postcodes and VAT numbers in a signature
    never count; a typed cell is trusted as a phone number as long as it has enough digits.
    """
    return _phone_numbers(_cell_text(text), region, strict)


def _cell_text(value: object) -> str:
    if type(value) is str:  # nearly every cell: skip the other tests
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else ""
    return "" if value is None else str(value)


@functools.lru_cache(maxsize=1 << 16)
def _phone_numbers(text: str, region: str, strict: bool) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text)
    found: list[str] = []
    for run in _PHONE_RUN.findall(text):
        number = _e164(run.strip(), region, strict)
        if number and number not in found:
            found.append(number)
    return tuple(found)


def _e164(run: str, region: str, strict: bool) -> str:
    digits = "".join(filter(str.isdigit, run))
    if run.lstrip("(").startswith("00"):
        run, digits = "+" + run.lstrip("(")[2:], digits[2:]
    if not strict and _INTERNATIONAL.match(run) and "(0)" not in run:  # already international: its digits
        return "+" + digits if THRESHOLDS["phone_min_digits"] <= len(digits) <= E164_MAX_DIGITS else ""
    try:
        number = phonenumbers.parse(run, region or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None and not region and "+" not in run:  # "8613800000000": a code without its "+"?
        try:
            guess = phonenumbers.parse("+" + digits)
            number = guess if phonenumbers.is_valid_number(guess) else None
        except phonenumbers.NumberParseException:
            number = None
    if number is None:
        return "" if strict or len(digits) < THRESHOLDS["phone_min_digits"] else digits
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in _TOO_SHORT or (strict and reason != phonenumbers.ValidationResult.IS_POSSIBLE):
        return ""  # "555-0142" is a local number without its area code: it identifies no one
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164 if len(e164) - 1 >= THRESHOLDS["phone_min_digits"] else ""


def name_key(name: object) -> str:
    """The normalised company name when it is long enough to identify anyone, else ""."""
    key = normalize_company(name)
    short = len(key.replace(" ", "")) < THRESHOLDS["name_min_chars"] and key.isascii()
    return "" if short else key


# --- the rule over whole frames ----------------------------------------------------------------------------

def _per_cell(frame: pd.DataFrame, name: str, function: Callable[[str], Any]) -> pd.Series:
    """`function` of each cell of a column as stripped text, by position 0..n-1, called once per distinct cell
    (a missing column reads as blank)."""
    if name not in frame:
        values = np.empty(len(frame), dtype=object)
        values[:] = [function("")] * len(frame)
        return pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(frame[name].to_numpy(dtype=object), use_na_sentinel=False)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [function(_cell_text(v).strip()) for v in uniques]
    return pd.Series(mapped[codes], dtype=object)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as stripped text by position 0..n-1 ("" when missing or blank)."""
    return _per_cell(frame, name, str)


def _long(found: pd.Series) -> pd.DataFrame:
    """(pos, value) for every value in each cell's tuple of `found` (positions are the frame's 0..n-1)."""
    exploded = found.explode().dropna()
    exploded = exploded[exploded != ""]
    return pd.DataFrame({"pos": exploded.index.to_numpy(dtype=np.int64), "value": exploded.to_numpy(dtype=object)})


def _emails(frame: pd.DataFrame) -> pd.DataFrame:
    return _long(_per_cell(frame, "Email", all_emails))


def _domains(frame: pd.DataFrame, emails: pd.DataFrame | None = None) -> pd.DataFrame:
    """Company domains: of every address, and of a `Domain` column (lookup's "alnoor-trading.ae"); no free-mail."""
    emails = _emails(frame) if emails is None else emails
    typed = _long(_per_cell(frame, "Domain", lambda d: (d.casefold().strip(". "),)))
    keys = pd.concat([emails.assign(value=per_distinct(emails["value"], email_domain)), typed], ignore_index=True)
    company = ~per_distinct(keys["value"], is_free_mail).astype(bool)
    return keys[company & (keys["value"] != "")].drop_duplicates().reset_index(drop=True)


def _phones_in(hinted: object, strict: bool) -> tuple[str, ...]:
    """Numbers of a cell written "<region hint>\\x1f<text>" (or just "<text>" when it needs no hint)."""
    region, _, text = str(hinted).rpartition("\x1f")
    return phone_numbers(text, region, strict=strict)


PHONE_COLUMNS = (("Phone", False), ("Fax", False), ("Signature", True))
"""Where a row's numbers are: typed cells (trusted), and the signature of an imported message (only numbers
`phonenumbers` finds possible, so postcodes and tax numbers do not count)."""


def _phones(frame: pd.DataFrame) -> pd.DataFrame:
    parts = [_long(pd.Series([], dtype=object))]
    for column, strict in PHONE_COLUMNS:
        cells = _column(frame, column)
        typed = cells != ""
        if not typed.any():
            continue
        international = per_distinct(cells, lambda cell: _INTERNATIONAL.match(str(cell)) is not None).astype(bool)
        local = typed & (strict | ~international)  # needs to know where it is dialled
        if local.any():
            near = frame.iloc[np.flatnonzero(local)]
            countries = _per_cell(near, "Country", region_hint)
            regions = countries.where(countries != "", _per_cell(near, "Email", _tld_hint))
            cells[local] = regions.to_numpy(dtype=object) + "\x1f" + cells[local]
        parts.append(_long(per_distinct(cells, functools.partial(_phones_in, strict=strict))))
    return pd.concat(parts, ignore_index=True).drop_duplicates().reset_index(drop=True)


def _names(frame: pd.DataFrame) -> pd.DataFrame:
    return _long(_per_cell(frame, "Company", lambda name: (name_key(name),)))


KEY_READERS: Mapping[str, Callable[[pd.DataFrame], pd.DataFrame]] = MappingProxyType({
    "email": _emails, "domain": _domains, "phone": _phones, "name": _names})
"""Rule -> the (pos, value) keys a frame's rows give for it."""


def _keys(frame: pd.DataFrame, rule: str) -> pd.DataFrame:
    return KEY_READERS[rule](frame)


def _keys_of_rows(frame: pd.DataFrame, rule: str, rows: np.ndarray, read: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """(pos, value) keys of the rows of `frame` at positions `rows` (sorted). E-mails and company domains are read
    once for the whole frame into `read` (each exact rule and the name rule ask again for fewer rows); phone
    numbers only for the rows asked, as parsing them is dear."""
    if rule not in ("email", "domain"):
        keys = _keys(frame.iloc[rows], rule)
        return keys.assign(pos=rows[keys["pos"].to_numpy()])
    if "email" not in read:
        read["email"] = _emails(frame)
    if rule not in read:
        read[rule] = _domains(frame, read["email"])
    keys = read[rule]
    return keys[np.isin(keys["pos"].to_numpy(), rows)]


def _country(frame: pd.DataFrame) -> pd.Series:
    """The row's country as ISO alpha-2 (typed text folded when the map does not know it)."""
    return _per_cell(frame, "Country", _country_code)


def _country_code(country: object) -> str:
    known = find_country(country) if country else None
    return known.alpha2 if known else str(country or "").casefold()


def _digits(name: object) -> str:
    return " ".join(_DIGIT_RUNS.findall(str(name)))


def _blocks(names: pd.Series) -> pd.DataFrame:
    """(name, block): each name is in the block of its first and of its last letters (spaces ignored), among
    the names with the same numbers ("Company 5" and "Company 50" are never compared: two buyers)."""
    width = int(THRESHOLDS["block_chars"])
    squashed = names.str.replace(" ", "", regex=False)
    digits = "#" + per_distinct(names, _digits)
    frame = pd.concat([pd.DataFrame({"name": names, "block": "^" + squashed.str[:width] + digits}),
                       pd.DataFrame({"name": names, "block": "$" + squashed.str[-width:] + digits})],
                      ignore_index=True)
    return frame.drop_duplicates()


def _block_index(names: pd.Series) -> dict[str, np.ndarray]:
    """block -> the distinct names in it (see `_blocks`)."""
    blocks = _blocks(pd.Series(names.unique(), dtype=object))
    values = blocks["name"].to_numpy(dtype=object)
    return {block: values[rows] for block, rows in blocks.groupby("block").indices.items()}


def name_pairs(queries: pd.Series, names: pd.Series, index: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """(query, name, score) for every pair of normalised names within a block scoring at least `name_check`.

    Blocking keeps this near-linear: a name is compared only with names sharing its first or last letters
    (two spellings of one company differing at both ends do not reach the thresholds anyway). `index` is
    `_block_index(names)` when the caller keeps it (the customers' names, asked about frame after frame).
    """
    queries = pd.Series(queries.unique(), dtype=object)
    wanted_all, known_all, scores_all = [np.empty(0, dtype=object)], [np.empty(0, dtype=object)], [np.empty(0)]
    if len(queries) and len(names):
        index = _block_index(names) if index is None else index
        left = _blocks(queries)
        left_names = left["name"].to_numpy(dtype=object)
        for block, rows in left.groupby("block").indices.items():
            known = index.get(block)
            if known is None:
                continue
            wanted = left_names[rows]
            scores = process.cdist(wanted, known, scorer=fuzz.ratio, score_cutoff=THRESHOLDS["name_check"])
            i, j = np.nonzero(scores)
            wanted_all.append(wanted[i])
            known_all.append(known[j])
            scores_all.append(scores[i, j])
    pairs = pd.DataFrame({"query": np.concatenate(wanted_all), "name": np.concatenate(known_all),
                          "score": np.concatenate(scores_all).astype(float)})
    return pairs.drop_duplicates(["query", "name"]).reset_index(drop=True)


def _candidates(found: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict[int, tuple[str, ...]]]:
    """From (pos, cid) pairs: the positions with exactly one customer and that customer, and for the others the
    sorted tuple of their customers (only those few are turned into Python tuples)."""
    found = found[["pos", "cid"]].drop_duplicates()
    count = found.groupby("pos")["cid"].transform("size").to_numpy()
    single = found[count == 1]
    several = found[count > 1].sort_values(["pos", "cid"])
    positions, starts = np.unique(several["pos"].to_numpy(dtype=np.int64), return_index=True)
    groups = np.split(several["cid"].to_numpy(dtype=object), starts[1:]) if len(starts) else []
    unsure = {int(pos): tuple(ids) for pos, ids in zip(positions, groups, strict=True)}
    return single["pos"].to_numpy(dtype=np.int64), single["cid"].to_numpy(dtype=object), unsure


class BuyerIndex:
    """The known buyers in comparable form, built once and asked about any number of frames.

    `keys` names each customer (default: its Customer ID; linking passes `Customer Key` so rows typed without an
    ID still link); `contacts` are other rows (past inquiries) whose e-mail and phones count as the customer's
    when their Customer ID is a known one. Each rule's table is built the first time a row needs it.
    """

    def __init__(self, customers: pd.DataFrame, keys: pd.Series | None = None,
                 contacts: pd.DataFrame | None = None) -> None:
        self.customers = customers.reset_index(drop=True)
        own = _column(self.customers, "Customer ID") if keys is None else pd.Series(
            [_cell_text(k).strip() for k in keys.to_numpy(dtype=object)], dtype=object)
        self.keys = own
        self.ids: dict[str, str] = {}
        for key in own[own != ""]:
            self.ids.setdefault(key.casefold(), key)
        self.contacts = pd.DataFrame() if contacts is None else contacts.reset_index(drop=True)
        self._tables: dict[str, pd.DataFrame] = {}
        self._keys: dict[tuple[int, str], pd.DataFrame] = {}

    def key_of(self, frame: pd.DataFrame) -> np.ndarray:
        """The customer key each row's typed Customer ID names (case-insensitive; "" for an unknown one)."""
        return _per_cell(frame, "Customer ID", lambda cid: self.ids.get(cid.casefold(), "")).to_numpy(dtype=object)

    @cached_property
    def _sources(self) -> tuple[tuple[pd.DataFrame, np.ndarray], ...]:
        """(frame, key of each row): the customers, then the contacts that name a known customer."""
        owner = self.key_of(self.contacts) if len(self.contacts) else np.empty(0, object)
        known = np.flatnonzero(owner != "")
        contacts = self.contacts.iloc[known]
        first, _ = distinct_rows(len(known), [owner[known], *(contacts[c] for c in IDENTITY_COLUMNS if c in contacts)])
        return ((self.customers, self.keys.to_numpy(dtype=object)),
                (contacts.iloc[first].reset_index(drop=True), owner[known[first]]))

    def _source_keys(self, source: int, rule: str) -> pd.DataFrame:
        if (source, rule) not in self._keys:
            frame = self._sources[source][0]
            self._keys[source, rule] = (_domains(frame, self._source_keys(source, "email")) if rule == "domain"
                                        else _keys(frame, rule))
        return self._keys[source, rule]

    def table(self, rule: str) -> pd.DataFrame:
        """(value, cid) of every customer key for `rule`, with the contacts' e-mails and phones (not names)."""
        if rule not in self._tables:
            parts = [pd.DataFrame({"value": [], "cid": []}, dtype=object)]
            for source, (frame, owners) in enumerate(self._sources[:1] if rule == "name" else self._sources):
                if len(frame):
                    found = self._source_keys(source, rule)
                    parts.append(pd.DataFrame({"value": found["value"], "cid": owners[found["pos"].to_numpy()]}))
            table = pd.concat(parts, ignore_index=True)
            self._tables[rule] = table[table["cid"] != ""].drop_duplicates().reset_index(drop=True)
        return self._tables[rule]

    @cached_property
    def _name_blocks(self) -> dict[str, np.ndarray]:
        """The customers' names by fuzzy block (`name_pairs`), built once for every frame asked about."""
        return _block_index(self.table("name")["value"])

    @cached_property
    def countries(self) -> dict[str, str]:
        """cid -> country (alpha-2) of its first Customers row that names one."""
        frame = pd.DataFrame({"cid": self.keys, "country": _country(self.customers)})
        frame = frame[(frame["cid"] != "") & (frame["country"] != "")]
        return dict(frame.drop_duplicates("cid").itertuples(index=False, name=None))

    def identify(self, rows: pd.DataFrame) -> pd.DataFrame:
        """`Customer ID` (the customer's key, "" when none or only a check), `Match` ("id", "email", "domain",
        "phone", "name 96%", "check: name 88% C0012", "check: domain C0001 or C0002" or "" for no match),
        `Score` (0-100) and `Candidates` (a tuple: the customers a check names), indexed like `rows`.

        A known Customer ID decides alone; the other rows that agree on every column the rule reads get one
        answer, asked once (`IDENTITY_COLUMNS`): 300,000 follow-ups name their customer by ID."""
        frame = rows.reset_index(drop=True)
        cid, how, score, candidates = _no_match(len(frame))
        known = self.key_of(frame)
        hit = known != ""
        cid[hit], how[hit], score[hit] = known[hit], "id", 100.0
        rest = np.flatnonzero(~hit)
        if len(rest):
            others = frame.iloc[rest]
            first, inverse = distinct_rows(len(rest), [others[c] for c in IDENTITY_COLUMNS if c in others])
            found = self._identify(others.iloc[first].reset_index(drop=True))
            for result, values in zip((cid, how, score, candidates), found, strict=True):
                result[rest] = values[inverse]
        return pd.DataFrame({"Customer ID": cid, "Match": how, "Score": score, "Candidates": candidates},
                            index=rows.index)

    def _identify(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(customer key, match, score, candidates) by the rules after the ID of each row of `frame` (rows whose
        Customer ID names no customer), by position."""
        cid, how, score, candidates = _no_match(len(frame))
        read: dict[str, pd.DataFrame] = {}
        for rule in RULES[1:-1]:
            open_rows = np.flatnonzero(cid == "")
            if not len(open_rows):
                break
            if self.table(rule).empty:  # nobody to find by this rule: skip reading the rows' keys
                continue
            keys = _keys_of_rows(frame, rule, open_rows, read)
            found = keys.merge(self.table(rule), on="value")[["pos", "cid"]].drop_duplicates()
            if found.empty:
                continue
            one, first, unsure = _candidates(found)
            cid[one], how[one], score[one] = first, rule, 100.0
            unsure = {pos: ids for pos, ids in unsure.items() if how[pos] == ""}
            how[list(unsure)] = ["check: " + rule + " " + " or ".join(ids) for ids in unsure.values()]
            candidates[list(unsure)] = list(unsure.values())
        open_rows = np.flatnonzero(cid == "")
        if len(open_rows):
            domains = _keys_of_rows(frame, "domain", open_rows, read)
            domains = domains.assign(pos=np.searchsorted(open_rows, domains["pos"].to_numpy()))
            self._names(frame.iloc[open_rows], domains, open_rows, cid, how, score, candidates)
        return cid, how, score, candidates

    def _names(self, frame: pd.DataFrame, domains: pd.DataFrame, positions: np.ndarray, cid: np.ndarray,
               how: np.ndarray, score: np.ndarray, candidates: np.ndarray) -> None:
        """The name rule for the rows no exact rule decided (fills the arrays in place): a strong match links,
        a weak one (or several strong ones) becomes a check unless an exact rule already asked for one.
        `domains` are the rows' (pos, company domain) keys.

        Asked once per distinct (name, country, company domains), all that the rule reads: a new buyer writes
        again and again, from several addresses of one company."""
        names = _per_cell(frame, "Company", name_key).to_numpy(dtype=object)
        if self.table("name").empty or not (names != "").any():
            return
        country = _country(frame).to_numpy(dtype=object)
        domain_sets = np.full(len(frame), "", dtype=object)
        listed = domains.groupby("pos")["value"].agg(" ".join)
        domain_sets[listed.index.to_numpy()] = listed.to_numpy(dtype=object)
        first, inverse = distinct_rows(len(frame), (names, country, domain_sets))
        mine = np.zeros(len(frame), dtype=bool)
        mine[first] = True
        at = domains["pos"].to_numpy()
        domains = pd.DataFrame({"pos": inverse[at[mine[at]]], "value": domains["value"].to_numpy()[mine[at]]})
        found = [a[inverse] for a in self._name_matches(names[first], country[first], domains)]
        strong = found[0] != ""
        at = positions[strong]
        cid[at], how[at], score[at] = found[0][strong], found[1][strong], found[2][strong]
        weak = (found[1] != "") & ~strong & (how[positions] == "")
        at = positions[weak]
        how[at], score[at], candidates[at] = found[1][weak], found[2][weak], found[3][weak]

    def _name_matches(self, names: np.ndarray, country: np.ndarray,
                      domains: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(customer key, match, score, candidates) by the name rule alone for rows with these name keys,
        countries and (pos, company domain)s."""
        cid, how, score, candidates = _no_match(len(names))
        named = np.flatnonzero(names != "")
        keys = pd.DataFrame({"pos": named, "value": names[named]})
        known = self.table("name")
        pairs = name_pairs(keys["value"], known["value"], self._name_blocks)
        found = (keys.merge(pairs, left_on="value", right_on="query")[["pos", "name", "score"]]
                 .merge(known, left_on="name", right_on="value")[["pos", "cid", "score"]])
        if found.empty:
            return cid, how, score, candidates
        found = found.groupby(["pos", "cid"], as_index=False)["score"].max()
        found = found[~self._conflicts(country, domains, found)]
        link = THRESHOLDS["name_link"]
        strong = found["score"] >= link
        any_strong = strong.groupby(found["pos"]).transform("any")
        best = found["score"] == found.groupby("pos")["score"].transform("max")
        chosen = found[(any_strong & strong) | (~any_strong & best)]
        pct = chosen.groupby("pos")["score"].max().astype(int)
        one, first, unsure = _candidates(chosen)
        decided = one[pct[one].to_numpy() >= link]
        cid[decided], score[decided] = first[pct[one].to_numpy() >= link], pct[decided]
        how[decided] = [f"name {p}%" for p in pct[decided]]
        weak = {pos: ids for pos, ids in [*unsure.items(), *((p, (c,)) for p, c in zip(one, first, strict=True))]
                if cid[pos] == ""}
        at = list(weak)
        percent = pct.to_dict()
        how[at] = [f"check: name {percent[pos]}% {' or '.join(ids)}" for pos, ids in weak.items()]
        score[at] = [percent[pos] for pos in weak]
        candidates[at] = list(weak.values())
        return cid, how, score, candidates

    def _conflicts(self, country: np.ndarray, domains: pd.DataFrame, found: pd.DataFrame) -> np.ndarray:
        """A name match is not believed when the countries differ or the row writes from a company domain the
        customer has never used (`country` by position, `domains` as (pos, value))."""
        country = country[found["pos"].to_numpy()]
        theirs = found["cid"].map(self.countries).fillna("").to_numpy(dtype=object)
        other_country = (country != "") & (theirs != "") & (country != theirs)
        known = self.table("domain")
        shared = domains.merge(known, on="value")[["pos", "cid"]].drop_duplicates().assign(shared=True)
        flags = found.merge(shared, on=["pos", "cid"], how="left")["shared"].eq(True).to_numpy()
        has_domain = found["pos"].isin(domains["pos"]).to_numpy() & found["cid"].isin(known["cid"]).to_numpy()
        return np.asarray(other_country | (has_domain & ~flags))


def _no_match(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(customer key, match, score, candidates) for `n` rows nobody is found for yet."""
    candidates = np.empty(n, dtype=object)
    candidates[:] = [()] * n
    return np.full(n, "", dtype=object), np.full(n, "", dtype=object), np.full(n, np.nan), candidates


def identify(rows: pd.DataFrame, customers: pd.DataFrame, *, contacts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which customer each row is (see `BuyerIndex.identify`): the public entry point for one-off questions."""
    return BuyerIndex(customers, contacts=contacts).identify(rows)


def same_buyer_groups(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of `frame` (customers, or new inquiries) that are one buyer by the same rule, indexed like `frame`.

    `Group` is the position of the group's first row; `Match` says how a row joins its group ("email",
    "domain", "phone", "name 96%"; "" for the first row and for a buyer alone). Exact keys join rows directly;
    a strong name match joins two rows only when no country or company domain contradicts it and the name is not
    shared by buyers in different countries or domains. Weak name matches never join (see `identify`).
    """
    n = len(frame)
    rows = frame.reset_index(drop=True)
    edges: list[pd.DataFrame] = []
    ids = pd.DataFrame({"pos": np.arange(n), "value": _column(rows, "Customer ID").str.casefold()})
    for rule, keys in (("id", ids[ids["value"] != ""]), *((r, _keys(rows, r)) for r in RULES[1:-1])):
        first = keys.groupby("value")["pos"].transform("min")
        joined = keys[first != keys["pos"]]
        edges.append(pd.DataFrame({"a": joined["pos"], "b": first[joined.index], "rule": rule, "score": 100.0}))
    edges.append(_name_edges(rows))
    links = pd.concat(edges, ignore_index=True)
    group = _components(n, links["a"].to_numpy(dtype=np.int64), links["b"].to_numpy(dtype=np.int64))
    order = {rule: i for i, rule in enumerate(RULES)}
    ends = pd.concat([links.rename(columns={"a": "pos"})[["pos", "rule", "score"]],
                      links.rename(columns={"b": "pos"})[["pos", "rule", "score"]]], ignore_index=True)
    ends = ends.assign(order=ends["rule"].map(order)).sort_values(["pos", "order", "score"],
                                                                  ascending=[True, True, False])
    first_link = ends.drop_duplicates("pos").set_index("pos")
    how = pd.Series("", index=np.arange(n), dtype=object)
    labels = [f"name {int(s)}%" if r == "name" else r
              for r, s in zip(first_link["rule"], first_link["score"], strict=True)]
    how[first_link.index] = labels
    how[group == np.arange(n)] = ""
    return pd.DataFrame({"Group": group, "Match": how.to_numpy(dtype=object)}, index=frame.index)


def _name_edges(rows: pd.DataFrame) -> pd.DataFrame:
    """(a, b, rule, score) joining rows by a strong, uncontradicted company-name match."""
    names = _keys(rows, "name")
    empty = pd.DataFrame({"a": [], "b": [], "rule": [], "score": []})
    if names.empty:
        return empty
    domains = dict(_keys(rows, "domain").drop_duplicates("pos").itertuples(index=False, name=None))
    who = names.assign(country=_country(rows).to_numpy(dtype=object)[names["pos"].to_numpy()],
                       domain=[domains.get(pos, "") for pos in names["pos"]])
    pairs = name_pairs(who["value"], who["value"])
    pairs = pairs[pairs["score"] >= THRESHOLDS["name_link"]]
    both = (who.merge(pairs, left_on="value", right_on="query")
               .merge(who, left_on="name", right_on="value", suffixes=("", "_b")))
    both = both[both["pos"] != both["pos_b"]]
    for column in ("country", "domain"):  # a name shared by buyers of two countries (or domains) joins nobody
        seen = both[both[column + "_b"] != ""].groupby("pos")[column + "_b"].nunique()
        torn = (both["pos"].map(seen).fillna(0) > 1) | (both["pos_b"].map(seen).fillna(0) > 1)
        mine, theirs = both[column].to_numpy(dtype=object), both[column + "_b"].to_numpy(dtype=object)
        clash = torn.to_numpy() | ((mine != "") & (theirs != "") & (mine != theirs))
        both = both[~clash]
    return pd.DataFrame({"a": both["pos"], "b": both["pos_b"], "rule": "name", "score": both["score"]})


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the graph on 0..n-1 with edges (a, b): each node's smallest member."""
    labels = np.arange(n)
    while True:
        low = np.minimum(labels[a], labels[b])
        new = labels.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        new = new[new]
        if np.array_equal(new, labels):
            return labels
        labels = new
