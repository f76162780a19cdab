"""Suggested inquiry grade A–D with a reason a salesperson can read (seed step 6).

The grade is a score over a rule table: each signal that fires adds its points and its phrase to the reason
("model X100; qty 5000 ≥ MOQ 1000; target price given; asks for PI"). Long-term or tender wording sets C
whatever the score (the seed's C: intent, but a long-cycle purchase). Keyword lists come from Settings.
Everything is computed on whole columns; the keyword search is one regex pass for all signals.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tradexl.rules.clean import per_distinct, text_cells
from tradexl.rules.identity import email_domain, is_free_mail
from tradexl.settings import Settings


@dataclass(frozen=True)
class Rule:
    """A signal's weight and reason phrase; `{field}` is filled from the detail columns of the same name."""

    signal: str
    points: int
    reason: str
    sets_grade: str = ""


RULES: tuple[Rule, ...] = (
    Rule("model", 2, "model {model}"),
    Rule("qty_ok", 2, "qty {qty} ≥ MOQ {moq}"),
    Rule("qty_low", -1, "qty {qty} < MOQ {moq}"),
    Rule("qty", 1, "qty {qty}"),
    Rule("target_price", 1, "target price given"),
    Rule("order", 2, "asks for {order}"),
    Rule("urgent", 1, "urgent ({urgent})"),
    Rule("sample", 1, "asks for samples"),
    Rule("identity", 1, "company, phone and company email"),
    Rule("returning", 2, "returning customer with orders{orders}"),
    Rule("freight_collect", 1, "accepted samples freight collect"),
    Rule("vague", -3, "vague request ({vague})"),
    Rule("anonymous", -2, "no company name, free-mail address"),
    Rule("long_term", 0, "long-term/tender wording ({long_term})", sets_grade="C"),
)

THRESHOLDS: tuple[tuple[str, int], ...] = (("A", 6), ("B", 3), ("C", 1))
"""Lowest score for each grade; below the last one the grade is D."""

NO_SIGNALS = "no clear buying signals"
KEYWORD_SIGNALS = ("order", "urgent", "sample", "long_term", "vague")
MATCHED_MODEL = "Matched Model"
FREIGHT_COLLECT = "Accepts Freight Collect"
"""Customers column (bool, set by `enrich` from Samples) for the freight-collect buying signal."""

_ASCII_ALNUM = re.compile(r"[a-z0-9]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def keyword_pattern(words: Iterable[str]) -> str | None:
    """One regex for lower-case keywords: Latin keywords must end a word (`keyword_hits` checks the start),
    CJK keywords match anywhere. Every alternative starts with a literal so the regex engine can skip ahead."""
    parts = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        body = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(body if _CJK.search(word) else body + "(?![a-z0-9])")
    return "|".join(parts) or None


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (_ASCII_ALNUM.match(text[start - 1]) and _ASCII_ALNUM.match(text[start]))


def keyword_hits(text: pd.Series, keywords: Mapping[str, Iterable[str]]) -> dict[str, pd.Series]:
    """For each signal, the first of its keywords found in each text, as spelled in Settings ("" when none).

    Whole-word and case-insensitive for Latin keywords, substring for CJK. All signals share one regex pass
    over the texts: at 100,000 inquiries a pass per signal is what costs.
    """
    owners: dict[str, list[str]] = {}
    spelled: dict[tuple[str, str], str] = {}
    for signal, words in keywords.items():
        for word in words:
            folded = " ".join(str(word).casefold().split())
            if folded and signal not in owners.setdefault(folded, []):
                owners[folded].append(signal)
                spelled[signal, folded] = str(word).strip()
    pattern = keyword_pattern(owners)
    if pattern is None:
        return {signal: pd.Series("", index=text.index, dtype=object) for signal in keywords}
    codes, uniques = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
    found = {signal: np.full(len(uniques), "", dtype=object) for signal in keywords}
    finder = re.compile(pattern).finditer
    for i, value in enumerate(pd.Series(uniques, dtype=object).str.casefold()):  # once per distinct text
        for match in finder(value):
            if not _starts_word(value, match.start()):
                continue
            word = " ".join(match.group(0).split())
            for signal in owners.get(word, ()):
                if not found[signal][i]:
                    found[signal][i] = spelled[signal, word]
    return {signal: pd.Series(hits[codes], index=text.index, dtype=object) for signal, hits in found.items()}


def match_models(product: pd.Series, message: pd.Series, products: pd.DataFrame) -> pd.Series:
    """The catalog model an inquiry names: its Product cell, else the first model mentioned in Product/Message."""
    models = products["Model"].astype(str).str.strip() if "Model" in products else pd.Series(dtype=object)
    canonical = {m.casefold(): m for m in reversed(models[models != ""].tolist())}
    exact = per_distinct(product, lambda cell: canonical.get(str(cell).strip().casefold()))
    if not canonical:
        return exact.astype(object).fillna("")
    todo = exact.isna()
    mentioned = keyword_hits((product + " \n " + message)[todo], {"model": canonical.values()})["model"]
    return exact.astype(object).fillna(mentioned).fillna("")


def _number_text(values: pd.Series) -> pd.Series:
    """Numbers as a salesperson writes them: 5000, 2.35 ("" when blank)."""
    shown = {v: f"{v:.2f}".rstrip("0").rstrip(".") for v in values.dropna().unique()}
    return values.map(shown).astype(object).fillna("")


def _phrases(rule: Rule, rows: np.ndarray, details: dict[str, pd.Series]) -> np.ndarray:
    """The rule's reason phrase on the rows (positions) where it fired: fields are filled only there."""
    text = np.full(len(rows), "", dtype=object)
    for literal, name, _spec, _conv in string.Formatter().parse(rule.reason):
        text = text + literal
        if name:
            text = text + details[name].to_numpy(dtype=object)[rows]
    return text


def _order_text(keys: pd.Series, order_value: pd.Series | None, currency: str) -> pd.Series:
    """" (USD 45,000 in 12 mo)" for a buyer with order value on the Orders sheet, "" otherwise."""
    if order_value is None or order_value.empty:
        return pd.Series("", index=keys.index, dtype=object)
    shown = {k: f" ({currency} {v:,.0f} in 12 mo)" for k, v in order_value.dropna().items() if v > 0}
    return keys.map(shown).astype(object).fillna("")


def signals(inquiries: pd.DataFrame, products: pd.DataFrame, customers: pd.DataFrame, quotes: pd.DataFrame,
            settings: Settings, order_value: pd.Series | None = None) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """Which signals fire for each inquiry (bool columns named as in RULES) and the details for the reasons.

    `order_value` (Customer Key -> order value in the report currency over 12 months, from the Orders sheet)
    makes a buyer returning and puts the value in the reason; without an Orders sheet an Ordered inquiry or an
    Accepted quote is the evidence."""
    text = {c: text_cells(inquiries[c], strip=False) for c in ("Product", "Message", "Company", "Phone", "Email")}
    known = customers[customers["Customer Key"] != ""].drop_duplicates("Customer Key").set_index("Customer Key")
    present = {}  # the (filled) cell is not blank
    for column in ("Company", "Phone", "Email"):  # a linked customer's details count for the inquiry
        present[column] = text_cells(text[column]) != ""
        if column in known:
            missing = ~present[column]
            fallback = inquiries.loc[missing, "Customer Key"].map(known[column]).astype(object).fillna("")
            text[column] = text[column].mask(missing, fallback)
            present[column] = present[column].mask(missing, text_cells(fallback) != "").astype(bool)
        else:
            text[column] = text[column].mask(~present[column], "")
    blob = text["Product"] + " \n " + text["Message"]
    model = match_models(text["Product"], text["Message"], products)
    moq_by_model = products.drop_duplicates("Model").set_index("Model")["MOQ"] if len(products) else pd.Series()
    moq = model.map(moq_by_model).astype(float)
    qty = inquiries["Quantity"].astype(float)
    free = per_distinct(text["Email"], lambda email: is_free_mail(d) if (d := email_domain(email)) else True)
    free = free.astype(bool)
    has_company = present["Company"]
    ordered = set(inquiries.loc[inquiries["Status"] == "Ordered", "Customer Key"])
    ordered |= set(quotes.loc[quotes["Status"] == "Accepted", "Customer Key"]) if len(quotes) else set()
    if order_value is not None:
        ordered |= set(order_value.index[order_value.fillna(0) > 0])
    ordered.discard("")
    details = keyword_hits(blob, {name: settings.keywords.get(name, ()) for name in KEYWORD_SIGNALS})
    details |= {"model": model, "qty": _number_text(qty), "moq": _number_text(moq),
                "orders": _order_text(inquiries["Customer Key"], order_value, settings.report_currency)}
    fired = pd.DataFrame({
        "model": model != "",
        "qty_ok": (qty >= moq) & (qty > 0),
        "qty_low": qty < moq,
        "qty": (qty > 0) & moq.isna(),
        "target_price": inquiries["Target Price"].astype(float) > 0,
        "identity": has_company & present["Phone"] & ~free,
        "returning": inquiries["Customer Key"].isin(ordered),
        "freight_collect": inquiries["Customer Key"].isin(known.index[known[FREIGHT_COLLECT].astype(bool)])
        if FREIGHT_COLLECT in known else False,
        "anonymous": ~has_company & free,
    } | {name: details[name] != "" for name in KEYWORD_SIGNALS}, index=inquiries.index)
    return fired, details


def grade(fired: pd.DataFrame, details: dict[str, pd.Series]) -> pd.DataFrame:
    """Suggested Grade and Grade Reason from the fired signals, by the rule table."""
    score = np.zeros(len(fired), dtype=int)
    forced = np.full(len(fired), "", dtype=object)
    reasons = np.full(len(fired), "", dtype=object)
    for rule in RULES:
        hit = fired[rule.signal].fillna(False).to_numpy(dtype=bool)
        score += hit * rule.points
        rows = np.flatnonzero(hit)
        phrase = _phrases(rule, rows, details)
        shown = phrase != ""
        said, phrase = rows[shown], phrase[shown]
        reasons[said] = np.where(reasons[said] != "", reasons[said] + "; ", "") + phrase
        if rule.sets_grade:
            forced[hit & (forced == "")] = rule.sets_grade
    reasons[reasons == ""] = NO_SIGNALS
    grades = np.select([score >= low for _, low in THRESHOLDS], [g for g, _ in THRESHOLDS], default="D")
    suggested = np.where(forced != "", forced, grades.astype(object))
    return pd.DataFrame({"Suggested Grade": pd.Series(suggested, index=fired.index, dtype=object),
                         "Grade Reason": pd.Series(reasons, index=fired.index, dtype=object)}, index=fired.index)


def grade_inquiries(inquiries: pd.DataFrame, products: pd.DataFrame, customers: pd.DataFrame, quotes: pd.DataFrame,
                    settings: Settings, order_value: pd.Series | None = None) -> pd.DataFrame:
    """Suggested Grade, Grade Reason, Effective Grade (manual Grade wins) and the matched catalog model."""
    fired, details = signals(inquiries, products, customers, quotes, settings, order_value)
    result = grade(fired, details)
    manual = text_cells(inquiries["Grade"], strip=False)
    result["Effective Grade"] = manual.mask(manual == "", result["Suggested Grade"]).astype(object)
    result[MATCHED_MODEL] = details["model"]
    return result
