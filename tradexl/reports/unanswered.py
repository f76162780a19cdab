"""The **Unanswered** generated sheet: every inquiry nobody has replied to yet, grouped by owner, most urgent first.

Seed step 5: reply to every inquiry within a day, aiming for two hours; a fax within 12 hours. Each owner's
section starts with their most urgent inquiry, and owners with the most urgent work come first; the time left
before each limit is said the way a salesperson says it ("3 days overdue", "5 h left"), not as -72.0 hours. It
prints like Due Follow-ups: A4 landscape, one page wide, the header row on every page, page x of y.
Pure: the enriched inquiries, the Settings and `now` are passed in; the shells render the SheetSpec.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from tradexl.settings import Settings
from tradexl.sheetspec import Format, Highlight, PrintSetup, Row, SheetSpec

SHEET_NAME = "Unanswered"
COLUMNS: tuple[tuple[str, str, str], ...] = (  # (inquiry column, English header, Chinese header)
    ("Inquiry ID", "Inquiry", "询盘编号"), ("Received", "Received", "收到时间"), ("Channel", "Channel", "渠道"),
    ("Company", "Company", "公司"), ("Contact", "Contact", "联系人"), ("Email", "Email", "邮箱"),
    ("Country", "Country", "国家"), ("Product", "Product", "产品"), ("Owner", "Owner", "业务员"),
    ("Due", "Reply by", "回复截止"), ("Time Left", "Time left", "剩余时间"),
)
TITLES = {"en": ("Unanswered inquiries", "As of {now}: {n} unanswered, {late} past the limit"),
          "zh": ("未回复询盘", "截至 {now}：未回复 {n} 条，已超时 {late} 条")}
SECTION = {"en": "{owner}: {n} unanswered", "zh": "{owner}：未回复 {n} 条"}
NO_OWNER = {"en": "(no owner)", "zh": "(未分配)"}
PRINT_HEADER = {"en": "Unanswered inquiries, {now}", "zh": "未回复询盘 {now}"}
FOOTER = {"en": "Page &P of &N", "zh": "第 &P 页，共 &N 页"}
UNITS = {"en": ("{n} days", "{n} day", "{n} h", "{n} min"), "zh": ("{n} 天", "{n} 天", "{n} 小时", "{n} 分钟")}
LEFT = {"en": ("{amount} overdue", "{amount} left"), "zh": ("已超时 {amount}", "还剩 {amount}")}
WIDTHS = (11, 19, 12, 28, 18, 28, 14, 16, 12, 19, 16)
FORMATS: tuple[Format, ...] = ("text", "datetime", "", "text", "text", "text", "", "text", "", "datetime", "")
HEADER_ROW = 3


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


def time_left(hours: float, lang: str) -> str:
    """Hours before the reply limit as said aloud: "3 days overdue", "1 day left", "5 h left", "40 min overdue"."""
    many, one, hour, minute = UNITS[lang]
    size = abs(hours)
    days = int(size // 24)
    if days >= 1:
        amount = (one if days == 1 else many).format(n=days)
    elif size >= 1:
        amount = hour.format(n=round(size))
    else:
        amount = minute.format(n=round(size * 60))
    late, left = LEFT[lang]
    return (late if hours < 0 else left).format(amount=amount)


def unanswered_sheet(inquiries: pd.DataFrame, settings: Settings, now: datetime) -> SheetSpec:
    """The Unanswered sheet: title, status line, header, then a section per owner (most urgent owner first)."""
    lang = "zh" if settings.language == "zh" else "en"
    frame = unanswered(inquiries, now)
    owners = frame["Owner"] if "Owner" in frame else pd.Series("", index=frame.index)
    frame["Owner"] = owners.map(lambda value: str(_cell(value) or NO_OWNER[lang]))
    late = int((frame["Hours Left"] < 0).sum())
    title, subtitle = TITLES[lang]
    stamp = now.strftime("%Y-%m-%d %H:%M")
    rows = [Row((title,), kind="title"),
            Row((subtitle.format(now=stamp, n=len(frame), late=late),), kind="subtitle"),
            Row(tuple(en if lang == "en" else zh for _, en, zh in COLUMNS), kind="header")]
    target = settings.reply_limit_hours - settings.reply_target_hours
    for owner, group in frame.groupby("Owner", sort=False):  # `frame` is most urgent first, so owners are too
        rows.append(Row((SECTION[lang].format(owner=owner, n=len(group)),), kind="section"))
        for rec in group.to_dict("records"):
            left = rec["Hours Left"]
            values = tuple(time_left(left, lang) if col == "Time Left" else _cell(rec.get(col))
                           for col, _, _ in COLUMNS)
            highlight: Highlight = "overdue" if left < 0 else ("warn" if left < target else "")
            rows.append(Row(values, highlight=highlight, formats=FORMATS))
    return SheetSpec(SHEET_NAME, tuple(rows), widths=WIDTHS, freeze_rows=HEADER_ROW,
                     autofilter_header_row=HEADER_ROW,
                     print_setup=PrintSetup(landscape=True, fit_width=True,
                                            header_center=PRINT_HEADER[lang].format(now=stamp),
                                            footer_center=FOOTER[lang], repeat_rows=(HEADER_ROW, HEADER_ROW)))


def _cell(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    return None if str(value).strip() == "" else value
