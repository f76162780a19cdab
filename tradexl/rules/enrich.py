"""The whole functional core in one call: clean, link, grade, time replies, schedule contacts.

`enrich` is what reports read; `computed_columns` is what the shells write back into the input sheets.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from tradexl import schema
from tradexl.messages import msg
from tradexl.model import Enriched, InputTables, Problem
from tradexl.rules.callwindow import call_windows
from tradexl.rules.clean import clean_tables, problem, sheet_name
from tradexl.rules.contacts import contact_columns, is_open
from tradexl.rules.grading import FREIGHT_COLLECT, MATCHED_MODEL, grade_inquiries
from tradexl.rules.linking import KEYED_SHEETS, buyer_index, customer_keys, link_keys, unknown_customer_problems
from tradexl.rules.orders import order_columns, order_value_by_customer
from tradexl.rules.quotestate import quote_states
from tradexl.rules.regions import regions_for
from tradexl.rules.replies import reply_columns
from tradexl.rules.samples import freight_collect_keys, sample_problems
from tradexl.rules.team import owner_view, unknown_owner_problems

COMPUTED_SHEETS = ("inquiries", "customers", "quotes", "orders")


def _region(frame: pd.DataFrame, tables: InputTables, key: str) -> tuple[pd.Series, list[Problem]]:
    regions = regions_for(frame["Country"], tables.settings.country_regions)
    unknown = (regions == "") & (frame["Country"] != "")
    sheet = sheet_name(tables, key)
    return regions, [problem(sheet, row, "Country", country, msg("fix.unknown_country"))
                     for row, country in frame.loc[unknown, "Country"].items()]


def enrich(tables: InputTables, today: date, now: datetime) -> Enriched:
    """The input tables cleaned, typed, linked and with every computed column (see `model.Enriched`)."""
    settings = tables.settings
    frames, problems = clean_tables(tables, today)
    customers = frames["customers"]
    customers["Customer Key"] = customer_keys(customers)
    buyers = buyer_index(customers, customers["Customer Key"], frames["inquiries"])
    for key in KEYED_SHEETS:
        found = buyers.identify(frames[key])
        frames[key]["Customer Key"] = link_keys(frames[key], found)
        problems += unknown_customer_problems(frames[key], found, frames[key]["Customer Key"],
                                              customers["Customer Key"], sheet_name(tables, key),
                                              strict=key != "inquiries")

    orders = frames["orders"]
    money, money_problems = order_columns(orders, settings, today, sheet_name(tables, "orders"))
    for column in money:
        orders[column] = money[column]
    order_value = order_value_by_customer(orders, today)
    problems += money_problems

    customers[FREIGHT_COLLECT] = customers["Customer Key"].isin(freight_collect_keys(frames["samples"]))
    problems += sample_problems(frames["samples"], frames["followups"], settings, today, sheet_name(tables, "samples"))
    inquiries = frames["inquiries"]
    graded = grade_inquiries(inquiries, frames["products"], customers, frames["quotes"], settings, order_value)
    replies, reply_problems = reply_columns(inquiries, settings, now, sheet_name(tables, "inquiries"))
    inquiries["Region"], region_problems = _region(inquiries, tables, "inquiries")
    problems += reply_problems + region_problems
    for column in ("Suggested Grade", "Grade Reason", "Effective Grade"):
        inquiries[column] = graded[column]
    inquiries["Response Hours"] = replies["Response Hours"]
    inquiries["Reply Status"] = replies["Reply Status"]
    inquiries["Is Open"] = is_open(inquiries["Status"])
    inquiries["Reply Due"] = replies["Reply Due"]

    customers["Region"], region_problems = _region(customers, tables, "customers")
    problems += region_problems
    contacts = contact_columns(customers, frames, graded[MATCHED_MODEL], settings, today)
    for column in contacts:
        customers[column] = contacts[column]
    customers["Effective Grade"] = customers["Current Grade"]
    customers["Owner View"] = owner_view(customers["Owner"], settings, today)
    problems += unknown_owner_problems(customers, settings, sheet_name(tables, "customers"))
    problems += unknown_owner_problems(inquiries, settings, sheet_name(tables, "inquiries"), rows=inquiries["Is Open"])
    if len(orders):  # no order lines (or no Orders sheet): no order value to show, Customers get no empty column
        customers["Orders (12 mo)"] = customers["Customer Key"].map(order_value).astype(float)
    customers["Call Window"] = call_windows(customers, settings.time_zone, today)
    frames["quotes"]["Quote State"] = quote_states(frames["quotes"], today, settings.quote_expiry_days)

    order = {s.key: i for i, s in enumerate(schema.INPUT_SHEETS)}
    names = {sheet_name(tables, s.key): order[s.key] for s in schema.INPUT_SHEETS}
    problems.sort(key=lambda p: (names.get(p.sheet, len(names)), p.row if p.row is not None else -1))
    return Enriched(problems=[*tables.settings_problems, *problems], **frames)


def computed_columns(enriched: Enriched, tables: InputTables | None = None) -> dict[str, pd.DataFrame]:
    """For "inquiries", "customers" and "quotes": exactly the schema's computed columns (canonical names), as cell-ready
    values: text as str, numbers as float (NaN), dates as Timestamp (NaT), counts as Python int.

    Indexed like the enriched frames; given the `tables` it came from, indexed like the input frames instead,
    with blanks ("" / NaN / NaT / None) on the blank rows that cleaning skipped.
    """
    result = {}
    for key in COMPUTED_SHEETS:
        sheet = schema.SHEETS_BY_KEY[key]
        enriched_frame = getattr(enriched, key)
        frame = enriched_frame[[c.name for c in sheet.computed_columns if c.name in enriched_frame]]
        source = tables.frames.get(key) if tables is not None else None
        if source is not None:
            frame = frame.reindex(source.index)
        frame = frame.copy()
        for column in sheet.computed_columns:
            if column.name not in frame:
                continue
            values = frame[column.name]
            if column.kind == "text":
                frame[column.name] = values.astype(object).fillna("")
            elif column.kind == "int":
                frame[column.name] = pd.Series([None if pd.isna(v) else int(v) for v in values], index=frame.index,
                                               dtype=object)
        result[key] = frame
    return result
