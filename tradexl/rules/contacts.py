"""When to contact each customer next, and how (seed step 7: follow up by grade; open inquiries at least every
half month; phone for A customers; a fax inquiry is answered by fax).

Everything is a group-by on `Customer Key` over the four contact sources, so 300,000 follow-ups cost one pass.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from tradexl import schema
from tradexl.settings import Settings

CONTACT_SOURCES = (("followups", "Date"), ("inquiries", "Replied At"), ("quotes", "Date"), ("samples", "Date"))
"""Where a contact with a customer is recorded: (sheet, date column)."""


def is_open(status: pd.Series) -> pd.Series:
    """Inquiries still in play: New, Replied, Quoted, Sample sent (blank counts as New)."""
    status = status.fillna("").astype(str)
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
    asked = models.where(models != "", inquiries["Product"].fillna("").astype(str).str.strip())
    parts = [pd.DataFrame({"key": inquiries["Customer Key"], "product": asked, "date": inquiries["Received"]})]
    if len(quotes):
        parts.append(pd.DataFrame({"key": quotes["Customer Key"], "product": quotes["Model"], "date": quotes["Date"]}))
    items = pd.concat(parts, ignore_index=True)
    items = items[(items["key"] != "") & (items["product"] != "")]
    items["folded"] = items["product"].str.casefold()
    stats = items.groupby(["key", "folded"]).agg(count=("product", "size"), date=("date", "max"),
                                                 product=("product", "last")).reset_index()
    stats = stats.sort_values(["count", "date"], ascending=False, na_position="last", kind="stable")
    return stats.drop_duplicates("key").set_index("key")["product"]


def _latest_grade(inquiries: pd.DataFrame) -> pd.Series:
    ordered = inquiries[inquiries["Customer Key"] != ""].sort_values("Received", kind="stable", na_position="first")
    return ordered.drop_duplicates("Customer Key", keep="last").set_index("Customer Key")["Effective Grade"]


def contact_columns(customers: pd.DataFrame, frames: dict[str, pd.DataFrame], models: pd.Series,
                    settings: Settings, today: date) -> pd.DataFrame:
    """The computed Customers columns except Region: Current Grade, Last/Next Contact, Days Overdue, Channel,
    Inquiries, Top Product, plus `Is Open`. `frames` are the keyed inquiries (with Effective Grade), follow-ups,
    quotes and samples; `models` the catalog model matched per inquiry."""
    inquiries = frames["inquiries"]
    keys = customers["Customer Key"]
    manual = customers["Grade"].fillna("").astype(str)
    grade = manual.mask(manual == "", keys.map(_latest_grade(inquiries))).fillna("").astype(object)
    cadence = {g: settings.cadence_for(g) for g in (*schema.GRADES, "")}
    interval = pd.to_timedelta(grade.map(lambda g: cadence[g].every_days), unit="D")
    open_keys = set(inquiries.loc[is_open(inquiries["Status"]), "Customer Key"])
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
    channel = grade.map(lambda g: cadence[g].channel).mask(keys.isin(fax_keys), "Fax")
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
