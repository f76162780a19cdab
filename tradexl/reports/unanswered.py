"""The **Unanswered** generated sheet: every inquiry nobody has replied to yet, most urgent first.

Seed step 5: reply to every inquiry within a day, aiming for two hours; a fax within 12 hours. The sheet shows
the hours left before each inquiry's limit (negative = already late), so the first row is always the next one
to answer. Pure: the enriched inquiries, the Settings and `now` are passed in; the shells render the SheetSpec.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from tradexl.settings import Settings
from tradexl.sheetspec import Row, SheetSpec

SHEET_NAME = "Unanswered"
COLUMNS: tuple[tuple[str, str, str], ...] = (  # (inquiry column, English header, Chinese header)
    ("Inquiry ID", "Inquiry", "询盘编号"), ("Received", "Received", "收到时间"), ("Channel", "Channel", "渠道"),
    ("Company", "Company", "公司"), ("Contact", "Contact", "联系人"), ("Email", "Email", "邮箱"),
    ("Country", "Country", "国家"), ("Product", "Product", "产品"), ("Owner", "Owner", "业务员"),
    ("Due", "Reply by", "回复截止"), ("Hours Left", "Hours left", "剩余小时"),
)
TITLES = {"en": ("Unanswered inquiries", "As of {now}: {n} unanswered, {late} past the limit"),
          "zh": ("未回复询盘", "截至 {now}：未回复 {n} 条，已超时 {late} 条")}
WIDTHS = (11, 17, 10, 28, 18, 28, 14, 16, 12, 17, 10)


def unanswered(inquiries: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """The unreplied inquiries with `Due` and `Hours Left` before their reply limit, most urgent first.

    Reads the enriched inquiries: `Reply Status` (the rules decide what counts as unreplied) and `Reply Due`
    (received + the channel's limit). Rows without a readable received time have no deadline; Check lists them.
    """
    waiting = inquiries["Reply Status"].astype(str).str.startswith("Unreplied") & inquiries["Reply Due"].notna()
    frame = inquiries[waiting].copy()
    frame["Due"] = frame["Reply Due"]
    frame["Hours Left"] = ((frame["Due"] - pd.Timestamp(now)).dt.total_seconds() / 3600).round(1)
    return frame.sort_values(["Hours Left", "Received"], kind="stable")


def unanswered_sheet(inquiries: pd.DataFrame, settings: Settings, now: datetime) -> SheetSpec:
    """The Unanswered sheet: title, status line, header, one row per unreplied inquiry (late rows marked)."""
    lang = "zh" if settings.language == "zh" else "en"
    frame = unanswered(inquiries, now)
    late = int((frame["Hours Left"] < 0).sum())
    title, subtitle = TITLES[lang]
    rows = [Row((title,), kind="title"),
            Row((subtitle.format(now=now.strftime("%Y-%m-%d %H:%M"), n=len(frame), late=late),), kind="subtitle"),
            Row(tuple(en if lang == "en" else zh for _, en, zh in COLUMNS), kind="header")]
    target = settings.reply_limit_hours - settings.reply_target_hours
    for rec in frame.to_dict("records"):
        values = tuple(_cell(rec.get(col)) for col, _, _ in COLUMNS)
        left = rec["Hours Left"]
        highlight = "overdue" if left < 0 else ("warn" if left < target else "")
        rows.append(Row(values, highlight=highlight,
                        formats=("text", "datetime", "", "text", "text", "text", "", "text", "", "datetime",
                                 "decimal1")))
    return SheetSpec(SHEET_NAME, tuple(rows), widths=WIDTHS, freeze_rows=3, autofilter_header_row=3)


def _cell(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    return None if str(value).strip() == "" else value
