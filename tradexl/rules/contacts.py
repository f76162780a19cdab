"""When to contact each customer next, and how (seed step 7: follow up by grade; open inquiries at least every
half month; phone for A customers; a fax inquiry is answered by fax).

Two corrections keep the due list worth trusting: a customer whose latest inquiry was Lost (and who has nothing
else open) is no longer chased on that inquiry's A cadence but follows Settings `Grade After Loss` until a new
inquiry arrives; and the suggested channel is the one the buyer last answered on (a WhatsApp buyer gets
WhatsApp), before the grade's default.

Everything is a group-by on `Customer Key` over the four contact sources, so 300,000 follow-ups cost one pass.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from tradexl import schema
from tradexl.rules.clean import per_distinct, text_cells
from tradexl.settings import Settings

ANSWER_CHANNELS = ("Email", "Phone", "Fax", "WhatsApp")
"""Follow-up channels a buyer can answer on (a Visit, Sample or Quote row says what happened, not how to reach)."""
NO_ANSWER = ("no answer", "no reply", "not answered", "unanswered", "no response", "not reachable", "unreachable",
             "voicemail", "left message", "left a message", "bounced", "未接", "没接", "无人接听", "未回复", "没回复",
             "无回复", "联系不上")
"""Words in a follow-up Summary that say the buyer did not answer: that channel is not the one that works."""

CONTACT_SOURCES = (("followups", "Date"), ("inquiries", "Replied At"), ("quotes", "Date"), ("samples", "Date"))
"""Where a contact with a customer is recorded: (sheet, date column)."""


def is_open(status: pd.Series) -> pd.Series:
    """Inquiries still in play: New, Replied, Quoted, Sample sent (blank counts as New)."""
    status = text_cells(status, strip=False)
    return status.isin(schema.OPEN_STATUSES) | (status == "")


def last_contacts(frames: dict[str, pd.DataFrame], today: date) -> pd.Series:
    """Customer Key -> latest contact date (a date after `today` is a plan, not a contact, and is ignored)."""
    parts = [frames[key][["Customer Key", column]].set_axis(["key", "date"], axis=1)
             for key, column in CONTACT_SOURCES if len(frames.get(key, ()))]
    if not parts:
        return pd.Series(dtype="datetime64[ns]")
    contacts = pd.concat(parts, ignore_index=True)
    contacts["date"] = pd.to_datetime(contacts["date"]).dt.normalize()
    contacts = contacts[(contacts["key"] != "") & (contacts["date"] <= pd.Timestamp(today))]
    return contacts.groupby("key")["date"].max()


def top_products(inquiries: pd.DataFrame, quotes: pd.DataFrame, models: pd.Series) -> pd.Series:
    """Customer Key -> the product named most often across inquiries and quotes (ties: the most recent)."""
    asked = models.where(models != "", text_cells(inquiries["Product"]))
    parts = [pd.DataFrame({"key": inquiries["Customer Key"], "product": asked, "date": inquiries["Received"]})]
    if len(quotes):
        parts.append(pd.DataFrame({"key": quotes["Customer Key"], "product": quotes["Model"], "date": quotes["Date"]}))
    items = pd.concat(parts, ignore_index=True)
    items = items[(items["key"] != "") & (items["product"] != "")]
    items["folded"] = per_distinct(items["product"], lambda product: str(product).casefold())
    stats = items.groupby(["key", "folded"]).agg(count=("product", "size"), date=("date", "max"),
                                                 product=("product", "last")).reset_index()
    stats = stats.sort_values(["count", "date"], ascending=False, na_position="last", kind="stable")
    return stats.drop_duplicates("key").set_index("key")["product"]


def _latest_inquiries(inquiries: pd.DataFrame) -> pd.DataFrame:
    """Customer Key -> that customer's most recently received inquiry (Effective Grade, Status)."""
    ordered = inquiries[inquiries["Customer Key"] != ""].sort_values("Received", kind="stable", na_position="first")
    return ordered.drop_duplicates("Customer Key", keep="last").set_index("Customer Key")


def automatic_grades(inquiries: pd.DataFrame, open_keys: set[str], settings: Settings) -> pd.Series:
    """Customer Key -> grade from the latest inquiry; `Grade After Loss` when that one is Lost and none is open.

    A lost inquiry graded A says the buyer *was* serious, not that they still are: chasing them by phone every
    three days after they said no wastes the salesperson's day and annoys the buyer.
    """
    latest = _latest_inquiries(inquiries)
    status = text_cells(latest["Status"], strip=False) if "Status" in latest else pd.Series("", index=latest.index)
    lost = (status == "Lost") & ~latest.index.isin(list(open_keys))
    return latest["Effective Grade"].mask(lost, settings.grade_after_loss)


def answered_channels(followups: pd.DataFrame) -> pd.Series:
    """Customer Key -> channel of the latest follow-up the buyer answered (a contact channel, no "no answer")."""
    if not len(followups) or "Channel" not in followups:
        return pd.Series(dtype=object)
    channel = text_cells(followups["Channel"])
    summary = text_cells(followups["Summary"], strip=False) if "Summary" in followups \
        else pd.Series("", index=followups.index)
    no_answer = re.compile("|".join(map(re.escape, NO_ANSWER)))
    missed = per_distinct(summary, lambda text: no_answer.search(str(text).casefold()) is not None).astype(bool)
    frame = pd.DataFrame({"key": followups["Customer Key"], "channel": channel, "date": followups["Date"]})
    frame = frame[(frame["key"] != "") & channel.isin(ANSWER_CHANNELS) & ~missed & frame["date"].notna()]
    frame = frame.sort_values("date", kind="stable")
    return frame.drop_duplicates("key", keep="last").set_index("key")["channel"]


def contact_columns(customers: pd.DataFrame, frames: dict[str, pd.DataFrame], models: pd.Series,
                    settings: Settings, today: date) -> pd.DataFrame:
    """The computed Customers columns except Region: Current Grade, Last/Next Contact, Days Overdue, Channel,
    Inquiries, Top Product, plus `Is Open`. `frames` are the keyed inquiries (with Effective Grade), follow-ups,
    quotes and samples; `models` the catalog model matched per inquiry."""
    inquiries = frames["inquiries"]
    keys = customers["Customer Key"]
    manual = text_cells(customers["Grade"], strip=False)
    open_keys = set(inquiries.loc[is_open(inquiries["Status"]), "Customer Key"])
    automatic = automatic_grades(inquiries, open_keys, settings)
    grade = manual.mask(manual == "", keys.map(automatic)).fillna("").astype(object)
    cadence = {g: settings.cadence_for(g) for g in (*schema.GRADES, "")}
    interval = pd.to_timedelta(grade.map(lambda g: cadence[g].every_days), unit="D")
    has_open = keys.isin(open_keys) & (keys != "")
    latest = last_contacts(frames, today)
    last = pd.Series(latest.reindex(keys.to_numpy()).to_numpy(dtype="datetime64[ns]"), index=keys.index)
    cap = pd.Timedelta(days=settings.open_inquiry_max_days)
    step = interval.where(~has_open, interval.clip(upper=cap))
    today_ts = pd.Timestamp(today)
    next_contact = (last + step).fillna(today_ts)
    overdue = (today_ts - next_contact).dt.days.clip(lower=0).astype(int)
    unanswered_fax = inquiries["Replied At"].isna() & (inquiries["Channel"] == "Fax")
    fax_keys = set(inquiries.loc[unanswered_fax, "Customer Key"]) - {""}
    answered = keys.map(answered_channels(frames["followups"])).astype(object)
    channel = answered.fillna(grade.map(lambda g: cadence[g].channel)).mask(keys.isin(fax_keys), "Fax")
    counts = inquiries.loc[inquiries["Customer Key"] != "", "Customer Key"].value_counts()
    return pd.DataFrame({
        "Current Grade": grade,
        "Last Contact": last,
        "Next Contact": next_contact,
        "Days Overdue": overdue,
        "Channel": channel.astype(object),
        "Inquiries": keys.map(counts).fillna(0).astype(int),
        "Top Product": keys.map(top_products(inquiries, frames["quotes"], models)).astype(object).fillna(""),
        "Is Open": has_open.astype(bool),
    }, index=customers.index)
