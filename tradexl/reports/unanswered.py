"""The **Unanswered** generated sheet: every inquiry nobody has replied to yet, grouped by owner, most urgent first.

Seed step 5: reply to every inquiry within a day, aiming for two hours; a fax within 12 hours. Each owner's
section starts with their most urgent inquiry, and owners with the most urgent work come first; the time left
before each limit is said the way a salesperson says it ("3 days overdue", "5 h left"), not as -72.0 hours. It
prints like Due Follow-ups: A4 landscape, one page wide, the header row on every page, page x of y.
Pure: the enriched inquiries, the Settings and `now` are passed in; the shells render the SheetSpec.
"""

from __future__ import annotations

from datetime import datetime
from itertools import repeat

import pandas as pd

from tradexl.reports.labels import Labels, labels_for
from tradexl.settings import Settings
from tradexl.sheetspec import Format, Highlight, PrintSetup, Row, SheetSpec

SHEET_NAME = "Unanswered"
COLUMNS: tuple[tuple[str, str, str], ...] = (  # (inquiry column, English header, Chinese header)
    ("Inquiry ID", "Inquiry", "询盘编号"), ("Received", "Received", "收到时间"), ("Channel", "Channel", "渠道"),
    ("Company", "Company", "公司"), ("Contact", "Contact", "联系人"), ("Email", "Email", "邮箱"),
    ("Country", "Country", "国家"), ("Product", "Product", "产品"), ("Owner", "Owner", "业务员"),
    ("Due", "Reply by", "回复截止"), ("Time Left", "Time left", "剩余时间"),
)
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


def time_left(hours: float, labels: Labels) -> str:
    """Hours before the reply limit as said aloud: "3 days overdue", "1 day left", "5 h left", "40 min overdue"."""
    size = abs(hours)
    days = int(size // 24)
    if days >= 1:
        amount = labels("unanswered.days", count=days)
    elif size >= 1:
        amount = labels("unanswered.hours", count=round(size))
    else:
        amount = labels("unanswered.minutes", count=round(size * 60))
    return labels("unanswered.overdue" if hours < 0 else "unanswered.left", amount=amount)


def unanswered_sheet(inquiries: pd.DataFrame, settings: Settings, now: datetime) -> SheetSpec:
    """The Unanswered sheet: title, status line, header, then a section per owner (most urgent owner first)."""
    labels = labels_for(settings)
    frame = unanswered(inquiries, now)
    owners = frame["Owner"] if "Owner" in frame else pd.Series("", index=frame.index)
    frame["Owner"] = owners.map(lambda value: str(_cell(value) or labels("no_owner")))
    late = int((frame["Hours Left"] < 0).sum())
    stamp = now.strftime("%Y-%m-%d %H:%M")
    rows = [Row((labels("unanswered.title"),), kind="title"),
            Row((labels("unanswered.subtitle", now=stamp, n=len(frame), late=late),), kind="subtitle"),
            Row(tuple(zh if labels.lang == "zh" else en for _, en, zh in COLUMNS), kind="header")]
    target = settings.reply_limit_hours - settings.reply_target_hours
    for owner, group in frame.groupby("Owner", sort=False):  # `frame` is most urgent first, so owners are too
        rows.append(Row((labels("unanswered.section", owner=owner, n=len(group)),), kind="section"))
        # column by column, not a dict per row: a register can hold thousands of unanswered inquiries
        cells = zip(*(group[col] if col in group.columns else repeat(None, len(group)) for col, _, _ in COLUMNS),
                    strict=True)
        for left, values in zip(group["Hours Left"], cells, strict=True):
            highlight: Highlight = "overdue" if left < 0 else ("warn" if left < target else "")
            rows.append(Row(tuple(time_left(left, labels) if col == "Time Left" else _cell(value)
                                  for (col, _, _), value in zip(COLUMNS, values, strict=True)),
                            highlight=highlight, formats=FORMATS))
    return SheetSpec(SHEET_NAME, tuple(rows), widths=WIDTHS, freeze_rows=HEADER_ROW,
                     autofilter_header_row=HEADER_ROW,
                     print_setup=PrintSetup(landscape=True, fit_width=True,
                                            header_center=labels("unanswered.print_header", now=stamp),
                                            footer_center=labels("page_footer"),
                                            repeat_rows=(HEADER_ROW, HEADER_ROW)))


def _cell(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    return None if str(value).strip() == "" else value
