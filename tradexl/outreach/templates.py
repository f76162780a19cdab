"""Draft wording: templates with `{placeholders}`, filled per buyer into a plain-text and an HTML body.

A template is plain text: an optional first line `Subject: ...`, a blank line, then paragraphs separated by
blank lines. A paragraph that is only a block placeholder (`{products_table}`) becomes a fixed-width table in
the text part and a real table in the HTML part; a paragraph whose placeholders are all empty (no `{news}`
given) is left out. Every buyer value is HTML-escaped, so a company called `<b>ACME</b>` stays text.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tradexl.errors import MailError
from tradexl.messages import msg

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_SUBJECT = re.compile(r"^\s*subject\s*:\s*(.*)$", re.IGNORECASE)

SIGNATURE = """Best regards,
{sender}
{our_company}
Tel: {our_phone}   Fax: {our_fax}
{our_email}   {our_website}"""

UNSUBSCRIBE = ("If you would rather not receive these updates, reply \"unsubscribe\" and we will not write "
               "again.")


@dataclass(frozen=True)
class Template:
    """A subject line and a body with placeholders; `products` says which catalog rows fill {products_table}
    (new, hot, new+hot or all active products)."""

    name: str
    subject: str
    body: str
    products: str = "new+hot"


@dataclass(frozen=True)
class Block:
    """A placeholder that fills a whole paragraph: its plain-text and its HTML form."""

    text: str
    html: str


def parse_template(text: str, name: str) -> Template:
    """A template file's text: `Subject: ...` on the first line (optional, default the mailing name)."""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    found = _SUBJECT.match(lines[0]) if lines else None
    subject = found.group(1).strip() if found else name
    body = "\n".join(lines[1:] if found else lines).strip("\n")
    if not body.strip():
        raise MailError(msg("outreach.template_empty", name=name))
    return Template(name, subject, body)


def placeholders(template: Template) -> set[str]:
    names = set()
    for part in (template.subject, template.body):
        try:
            names |= {field for _, field, _, _ in string.Formatter().parse(part) if field is not None}
        except ValueError as exc:
            raise MailError(msg("outreach.template_brace", name=template.name, reason=str(exc))) from None
    return names


def check_placeholders(template: Template, known: Iterable[str]) -> None:
    """Refuse a template naming a placeholder nobody fills, before any draft is written."""
    unknown = sorted(placeholders(template) - set(known))
    if unknown:
        raise MailError(msg("outreach.template_unknown", name=template.name,
                            unknown=", ".join("{" + u + "}" for u in unknown),
                            known=", ".join("{" + k + "}" for k in sorted(known))))


def _fill(text: str, values: Mapping[str, str]) -> str:
    return text.format_map(values)


def _html_paragraph(paragraph: str, values: Mapping[str, str]) -> str:
    escaped = {k: html.escape(v) for k, v in values.items()}
    return "<p>" + "<br>\n".join(_fill(html.escape(line, quote=False), escaped) for line in paragraph.split("\n")) \
        + "</p>"


def _empty(paragraph: str, values: Mapping[str, str]) -> bool:
    """A paragraph made only of placeholders that are all empty (e.g. {news} when no news was given)."""
    fields = [f for _, f, _, _ in string.Formatter().parse(paragraph) if f]
    literal = "".join(lit for lit, _, _, _ in string.Formatter().parse(paragraph))
    return bool(fields) and not literal.strip() and not any(values.get(f, "").strip() for f in fields)


def render(template: Template, values: Mapping[str, str], blocks: Mapping[str, Block]) -> tuple[str, str, str]:
    """(subject, text, html) for one buyer."""
    subject = " ".join(_fill(template.subject, values).split())
    texts: list[str] = []
    htmls: list[str] = []
    for paragraph in _PARAGRAPHS.split(template.body.strip("\n")):
        name = paragraph.strip()[1:-1] if re.fullmatch(r"\{\w+\}", paragraph.strip()) else ""
        if name in blocks:
            if blocks[name].text:
                texts.append(blocks[name].text.rstrip("\n"))
                htmls.append(blocks[name].html)
            continue
        if _empty(paragraph, values):
            continue
        texts.append(_fill(paragraph, values))
        htmls.append(_html_paragraph(paragraph, values))
    text = "\n\n".join(texts) + "\n"
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.escape(subject) +
            "</title></head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 14px; "
            "color: #222;\">\n" + "\n".join(htmls) + "\n</body></html>\n")
    return subject, text, page


def html_table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A plain bordered HTML table (inline styles only: mail clients drop <style> blocks)."""
    cell = "border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top;"
    head = "".join(f'<th style="{cell} background: #f2f2f2;">{html.escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="{cell}">{html.escape(v)}</td>' for v in row) + "</tr>\n"
                   for row in rows)
    return (f'<table style="border-collapse: collapse; margin: 8px 0;">\n<tr>{head}</tr>\n{body}</table>')
