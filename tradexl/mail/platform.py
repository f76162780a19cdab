"""Inquiry lists exported from B2B platforms (Alibaba's inquiry list and the like) as CSV or XLSX.

Columns are found by their header, English or Chinese, in any order; a file whose headers name neither a
buyer nor a message is refused as "not an inquiry export". XLSX is read with python-calamine (no openpyxl
round trip, fast on big exports); CSV may be UTF-8 (with or without BOM) or GB18030 as Excel in China saves it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from tradexl.errors import MailError
from tradexl.mail.fields import find_models, find_quantity, find_target_price
from tradexl.mail.inquiry import DEDUP_COLUMN, content_key, country_name, owner_for
from tradexl.mail.text import decode_bytes
from tradexl.schema import CHANNELS, normalize_header
from tradexl.settings import Settings

PLATFORM_HEADERS: dict[str, tuple[str, ...]] = {
    "Received": ("inquiry time", "date", "time", "received", "created", "send time", "询盘时间", "时间", "日期",
                 "发送时间", "创建时间"),
    "Contact": ("buyer name", "buyer", "name", "contact", "contact name", "买家", "买家姓名", "联系人", "姓名"),
    "Company": ("company", "company name", "buyer company", "公司", "公司名称", "买家公司"),
    "Country": ("country", "country/region", "region", "国家", "国家/地区", "地区"),
    "Email": ("email", "e-mail", "buyer email", "邮箱", "电子邮件"),
    "Phone": ("phone", "tel", "mobile", "telephone", "电话", "手机"),
    "Product": ("product", "product name", "subject", "产品", "产品名称", "询盘产品", "主题"),
    "Quantity": ("quantity", "purchase quantity", "qty", "数量", "采购量"),
    "Message": ("message", "content", "inquiry content", "inquiry", "询盘内容", "内容", "留言"),
    "Channel": ("source", "channel", "platform", "来源", "渠道"),
    DEDUP_COLUMN: ("inquiry id", "inquiry no", "message id", "询盘编号", "询盘号"),
}
_HEADER_TO_FIELD = {normalize_header(h): f for f, hs in PLATFORM_HEADERS.items() for h in hs}
PLATFORM_EXTENSIONS = (".csv", ".xlsx", ".xls", ".xlsm")


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _grid(path: Path) -> list[list[Any]]:
    if path.suffix.lower() == ".csv":
        text = decode_bytes(path.read_bytes().removeprefix(b"\xef\xbb\xbf"), None)
        return [list(r) for r in csv.reader(io.StringIO(text))]
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        return book.get_sheet_by_index(0).to_python()
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise MailError(f"{path.name}: cannot be read as a spreadsheet ({exc})") from None


def _received(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    try:
        stamp = pd.Timestamp(_cell(value))
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp.to_pydatetime().replace(tzinfo=None, microsecond=0)


def _header(grid: list[list[Any]], path: Path) -> tuple[int, dict[str, int]]:
    """The header row (0-based) and field -> column position; a buyer and a message/product column needed."""
    for number, header in enumerate(grid[:20]):
        columns: dict[str, int] = {}
        for pos, text in enumerate(header):
            field = _HEADER_TO_FIELD.get(normalize_header(text))
            if field and field not in columns:
                columns[field] = pos
        if {"Contact", "Email", "Company"} & columns.keys() and {"Message", "Product"} & columns.keys():
            return number, columns
    raise MailError(f"{path.name}: not an inquiry export (no buyer and message/product headers found)")


def platform_rows(path: Path, models: Iterable[str], settings: Settings, *, channel: str = "Alibaba",
                  fallback_received: datetime | None = None) -> Iterator[dict[str, Any]]:
    """Inquiries rows from a platform export; times are taken as local (platform exports carry no zone)."""
    grid = _grid(path)
    models = list(models)
    header_row, columns = _header(grid, path)
    for line in grid[header_row + 1:]:
        values = {f: _cell(line[pos]) if pos < len(line) else "" for f, pos in columns.items()}
        if not any(values.values()):
            continue
        raw_received = line[columns["Received"]] if "Received" in columns and columns["Received"] < len(line) \
            else None
        received = _received(raw_received) or fallback_received
        text = f"{values.get('Product', '')}\n{values.get('Message', '')}"
        price = find_target_price(values.get("Message", ""))
        quantity = find_quantity(values.get("Quantity", "")) or values.get("Quantity") or \
            find_quantity(values.get("Message", ""))
        yield {
            "Received": received,
            "Channel": values.get("Channel") if values.get("Channel") in CHANNELS else channel,
            "Company": values.get("Company", ""),
            "Contact": values.get("Contact", ""),
            "Email": values.get("Email", "").lower(),
            "Phone": values.get("Phone", ""),
            "Country": country_name(values.get("Country", "")),
            "Product": ", ".join(find_models(text, models)) or values.get("Product", ""),
            "Quantity": quantity or None,
            "Target Price": price.amount if price else None,
            "Target Currency": price.currency if price else "",
            "Message": values.get("Message", ""),
            "Owner": owner_for(settings.mail_routing, (), text),
            "Status": "New",
            DEDUP_COLUMN: values.get(DEDUP_COLUMN) or content_key(values.get("Email") or values.get("Contact"),
                                                                 received, values.get("Product"),
                                                                 values.get("Message")),
            "Subject": values.get("Product", ""),
            "Attachments": "",
        }
