"""The sample rules of the procedure (seed step 8), as items for the Check sheet, and the samples figures.

- Send the e-sample first (fast, free, always current): a physical sample with no e-sample of that model (or
  of any model, when the e-sample row names none) on or before its date is listed, when Settings › Samples says
  `E-sample first`.
- Physical samples are free and the courier is paid by the buyer; large samples are prepaid by T/T: a sample we
  prepaid (`Freight` Prepaid) that cost more than `Prepay samples above` is listed.
- A delivered sample is worth a call: a Delivered sample with no follow-up for that buyer since it was sent,
  `Sample feedback after days` later, is listed with its courier and tracking number.
- A buyer who accepts freight collect is serious: `freight_collect_keys` feeds the grading signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from tradexl.messages import msg
from tradexl.model import Problem
from tradexl.reports.common import column
from tradexl.rules.clean import problem, text_cells
from tradexl.settings import Settings


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    return text_cells(column(frame, name))


def freight_collect_keys(samples: pd.DataFrame) -> set[str]:
    """Customer Keys of buyers who took a sample with freight collect (they pay the courier)."""
    if not len(samples):
        return set()
    keys = set(samples.loc[_text(samples, "Freight") == "Collect", "Customer Key"])
    keys.discard("")
    return keys


def _no_esample_before(samples: pd.DataFrame) -> pd.Series:
    """Physical samples without an e-sample for the same buyer (same model, or a model-less e-sample) before.

    One merge of physical samples with their buyer's e-samples (a buyer has a handful), not a scan per row."""
    kind, model = _text(samples, "Type"), _text(samples, "Model").str.casefold()
    dates = pd.to_datetime(column(samples, "Date", pd.NaT))
    rows = pd.DataFrame({"key": samples["Customer Key"], "model": model, "date": dates})
    physical = rows[(kind == "Physical") & (samples["Customer Key"] != "")].reset_index(names="row")
    pairs = physical.merge(rows[kind == "E-sample"], on="key", suffixes=("", "_e"))
    covered = pairs.loc[((pairs["model_e"] == pairs["model"]) | (pairs["model_e"] == ""))
                        & (pairs["date_e"] <= pairs["date"]), "row"]
    return pd.Series(samples.index.isin(physical["row"]) & ~samples.index.isin(covered), index=samples.index)


def sample_problems(samples: pd.DataFrame, followups: pd.DataFrame, settings: Settings, today: date,
                    sheet: str) -> list[Problem]:
    """The Samples rows that break a sample rule, with what to do about each."""
    if not len(samples):
        return []
    found: list[Problem] = []
    model = _text(samples, "Model")
    if settings.e_sample_first:
        for row in samples.index[_no_esample_before(samples)]:
            found.append(problem(sheet, row, "Type", "Physical",
                                 msg("fix.esample_first",
                                     of=msg("fix.esample_of", model=model[row]) if model[row] else "")))
    cost = pd.to_numeric(column(samples, "Cost", float("nan")), errors="coerce")
    prepaid = (_text(samples, "Freight") == "Prepaid") & (cost > settings.prepay_samples_above)
    for row in samples.index[prepaid]:
        found.append(problem(sheet, row, "Freight", "Prepaid",
                             msg("fix.prepay", cost=f"{cost[row]:,.2f}",
                                 limit=f"{settings.prepay_samples_above:,.2f}")))
    found += _feedback_due(samples, followups, settings, today, sheet)
    return sorted(found, key=lambda p: (p.row or 0, p.column))


def _feedback_due(samples: pd.DataFrame, followups: pd.DataFrame, settings: Settings, today: date,
                  sheet: str) -> list[Problem]:
    sent = pd.to_datetime(column(samples, "Date", pd.NaT)).dt.normalize()
    latest = (pd.to_datetime(column(followups, "Date", pd.NaT)).dt.normalize()
              .groupby(column(followups, "Customer Key")).max() if len(followups) else pd.Series(dtype=object))
    last_followup = pd.to_datetime(samples["Customer Key"].map(latest))
    due = ((_text(samples, "Status") == "Delivered") & (samples["Customer Key"] != "")
           & (sent + timedelta(days=settings.sample_feedback_days) <= pd.Timestamp(today))
           & ~(last_followup > sent))
    found = []
    couriers, tracking, models = _text(samples, "Courier"), _text(samples, "Tracking No"), _text(samples, "Model")
    for row in samples.index[due]:
        courier = " ".join(p for p in (couriers[row], tracking[row]) if p)
        what = models[row] or msg("fix.sample")
        found.append(problem(sheet, row, "Status", "Delivered",
                             msg("fix.sample_feedback", what=what, courier=msg("fix.courier", courier=courier)
                                 if courier else "", sent=f"{sent[row]:%Y-%m-%d}",
                                 days=settings.sample_feedback_days)))
    return found


@dataclass(frozen=True)
class SampleFigures:
    """Samples for the weekly report: how many went out in the period, what they cost, how many led to orders."""

    sent: int
    physical: int
    e_samples: int
    cost: float
    converted: int


def sample_figures(samples: pd.DataFrame, inquiries: pd.DataFrame, start: date, end: date,
                   orders: pd.DataFrame | None = None) -> SampleFigures:
    """Samples dated `start`..`end` (inclusive): counts by type, total Cost, and how many of them converted.

    A sample converted when its buyer ordered on or after the sample date: an Orders line (not Cancelled) when
    the workbook has an Orders sheet, else an inquiry of that buyer with Status Ordered for the same model (any
    model when the sample names none).
    """
    dates = pd.to_datetime(column(samples, "Date", pd.NaT)).dt.normalize()
    period = samples[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]
    if not len(period):
        return SampleFigures(0, 0, 0, 0.0, 0)
    kind = _text(period, "Type")
    cost = float(pd.to_numeric(column(period, "Cost", float("nan")), errors="coerce").fillna(0).sum())
    sent_on = dates[period.index]
    if orders is not None and len(orders) and "Customer Key" in orders:
        live = orders[_text(orders, "Status") != "Cancelled"]
        last_order = pd.to_datetime(column(live, "Date", pd.NaT)).dt.normalize().groupby(live["Customer Key"]).max()
        converted = pd.to_datetime(period["Customer Key"].map(last_order)) >= sent_on
    else:
        ordered = inquiries[_text(inquiries, "Status") == "Ordered"]
        asked: dict[str, list[str]] = {}
        for key, product in zip(ordered["Customer Key"], _text(ordered, "Product").str.casefold(), strict=True):
            asked.setdefault(key, []).append(product)
        converted = pd.Series([key in asked and (not model or any(model in p for p in asked[key]))
                               for key, model in zip(period["Customer Key"], _text(period, "Model").str.casefold(),
                                                     strict=True)], index=period.index)
    converted &= period["Customer Key"] != ""
    return SampleFigures(len(period), int((kind == "Physical").sum()), int((kind == "E-sample").sum()), cost,
                         int(converted.sum()))
