"""Holiday greetings per buyer's country and the team's own holiday closure notices (seed step 6).

Which holidays deserve a greeting is a data table (`GREETINGS`): a name pattern matched against the official
holiday calendars of the `holidays` package, and where the greeting fits (every country whose calendar has the
holiday, or only some regions: Christmas goes to Europe and the Americas, not to the Gulf). Buyers get at most
one greeting per run, the first holiday in the window. Islamic feasts follow the package's calendars (official
where published, else estimated); the greeting date is the feast day itself when the calendar names it, else
the first day of the public holiday.

The closure notice comes from China's own calendar: the official days off of Chinese New Year and National
Day, joined with the weekends around them (adjusted working Saturdays excluded), give the closure, the last
working day before it (last shipments) and the day the office reopens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays
import pandas as pd

from tradexl.model import Enriched
from tradexl.outreach.letters import Letter, PerBuyer, fill_letters, summary_frame
from tradexl.outreach.segments import left_out_counts, mail_status
from tradexl.outreach.templates import Block, Template
from tradexl.reports.common import column
from tradexl.rules.regions import find_country
from tradexl.settings import Settings

HOME_COUNTRY = "CN"
ACTIVE_DAYS = 365
"""A buyer is active (gets closure notices) when contacted in the last year or with an inquiry still open."""
NOTICE_DAYS = 30
"""Closure notices are drafted when the closure starts within this many days (buyers plan orders around it)."""

_CLEAN = re.compile(r"\s*\((?:estimated|observed, estimated)\)", re.IGNORECASE)
_HOLIDAY_WORD = re.compile(r"\s+holiday$", re.IGNORECASE)
_SUBSTITUTED = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")

CHRISTIAN_REGIONS = ("Europe", "North America", "Latin America", "Oceania", "Russia & Central Asia")
CHRISTIAN_COUNTRIES = ("PH", "ZA", "KE", "GH", "UG", "TZ", "ZM", "ET", "LB")
NEW_YEAR_REGIONS = ("Middle East", "South Asia", "Southeast Asia", "Africa", "East Asia")


@dataclass(frozen=True)
class HolidayGreeting:
    """One greeting-worthy holiday: its calendar names (regex), where it is greeted, and the wording.

    `main` is the calendar name of the day itself, when a calendar marks a longer public holiday around it.
    An empty `regions` and `countries` means every country whose calendar has the holiday.
    """

    key: str
    title: str
    pattern: str
    subject: str
    message: str
    main: str = ""
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    def greets(self, alpha2: str, region: str) -> bool:
        return (not self.regions and not self.countries) or region in self.regions or alpha2 in self.countries


GREETINGS: tuple[HolidayGreeting, ...] = (
    HolidayGreeting(
        "eid-al-fitr", "Eid al-Fitr", r"^eid al-fitr( holiday)?$", "Eid Mubarak from {our_company}",
        "On the occasion of Eid al-Fitr, my colleagues and I send you, your family and your team our warmest "
        "wishes. May this blessed Eid bring you peace, happiness and prosperity.\n\nEid Mubarak!",
        main="Eid al-Fitr"),
    HolidayGreeting(
        "eid-al-adha", "Eid al-Adha", r"^eid al-adha( holiday)?$", "Eid al-Adha Mubarak from {our_company}",
        "On the occasion of Eid al-Adha, we send you and your loved ones our best wishes. May this Eid bring "
        "you joy, good health and blessings.\n\nEid al-Adha Mubarak!", main="Eid al-Adha"),
    HolidayGreeting(
        "diwali", "Diwali", r"^(diwali|deepavali)$", "Happy Diwali from {our_company}",
        "Warm wishes to you, your family and your team for Diwali. May the festival of lights bring you joy, "
        "good health and a prosperous new year.\n\nHappy Diwali!"),
    HolidayGreeting(
        "christmas", "Christmas", r"^christmas( day)?$", "Season's Greetings from {our_company}",
        "As the year comes to an end, thank you for your trust and cooperation. We wish you and your family "
        "a Merry Christmas and a happy, healthy and successful New Year.",
        regions=CHRISTIAN_REGIONS, countries=CHRISTIAN_COUNTRIES),
    HolidayGreeting(
        "lunar-new-year", "Lunar New Year", r"^(chinese new year \(spring festival\)|chinese new year|"
        r"lunar new year|korean new year)$", "Happy Lunar New Year from {our_company}",
        "Happy Lunar New Year! We wish you and your family good health, happiness and a prosperous year "
        "ahead, and look forward to working with you in the new year."),
    HolidayGreeting(
        "national-day", "National Day", r"^(national day|independence day|republic day|german unity day)"
        r"( holiday)?$", "Best wishes on {holiday} - {our_company}",
        "Our warm congratulations to you and your team on {holiday}. We wish you and your country continued "
        "peace and prosperity."),
    HolidayGreeting(
        "new-year", "New Year", r"^new year's day$", "Happy New Year from {our_company}",
        "Thank you for your cooperation this year. We wish you and your family a happy, healthy and successful "
        "New Year.", regions=NEW_YEAR_REGIONS),
)

CLOSURES: tuple[tuple[str, str], ...] = (
    ("Chinese New Year", r"^chinese new year"),
    ("National Day", r"^national day"),
)
"""The team's own long holidays, by their names in China's calendar."""

GREETING_BODY = "Dear {contact},\n\n{message}\n\n{signature}"
CLOSURE_BODY = """Dear {contact},

Please note that our office and factory will be closed for the {holiday} holiday from {closed_from} to \
{closed_until}. We will be back at work on {reopening}.

The last shipments before the holiday leave on {last_shipping}. To have your goods shipped before the \
holiday, please confirm orders and samples with me as early as possible; orders confirmed later are produced \
and shipped after we reopen.

During the holiday I will still read email when I can. Thank you for your understanding.

{signature}"""
GREETING_FIELDS = ("holiday", "holiday_date", "message", "year")
CLOSURE_FIELDS = ("holiday", "closed_from", "closed_until", "reopening", "last_shipping", "year")


@dataclass(frozen=True)
class Occasion:
    """A holiday greeting due in one country on one day."""

    greeting: HolidayGreeting
    holiday: str
    day: date


@dataclass(frozen=True)
class Closure:
    """The team's holiday closure: first and last day off, last working day before, reopening day."""

    holiday: str
    first: date
    last: date
    last_working: date
    reopening: date


def _calendar(alpha2: str, years: tuple[int, ...]) -> dict[date, str]:
    try:
        found = holidays.country_holidays(alpha2, years=years, language="en_US")
    except NotImplementedError:
        return {}
    except (KeyError, ValueError):
        found = holidays.country_holidays(alpha2, years=years)
    return dict(found.items())


def _names(label: str) -> list[str]:
    """The holidays of one calendar day ("Independence Day; Prophet's Birthday"), estimated marks removed."""
    return [_CLEAN.sub("", part).strip() for part in label.split(";") if "observed" not in part.casefold()]


@lru_cache(maxsize=512)
def country_occasions(alpha2: str, region: str, years: tuple[int, ...]) -> tuple[Occasion, ...]:
    """Every greeting due in a country in `years`, in date order."""
    calendar = _calendar(alpha2, years)
    found: list[Occasion] = []
    for greeting in GREETINGS:
        if not greeting.greets(alpha2, region):
            continue
        pattern = re.compile(greeting.pattern, re.IGNORECASE)
        days = sorted((day, name) for day, label in calendar.items() for name in _names(label)
                      if pattern.match(name))
        run: list[tuple[date, str]] = []
        for day, name in [*days, (date.max, "")]:
            if run and (day - run[-1][0]).days > 1:
                main = next((d for d, n in run if n == greeting.main), run[0][0])
                title = _HOLIDAY_WORD.sub("", run[0][1]) if greeting.key == "national-day" else greeting.title
                found.append(Occasion(greeting, title, main))
                run = []
            if day != date.max:
                run.append((day, name))
    return tuple(sorted(found, key=lambda o: o.day))


def next_occasion(country: object, today: date, days: int) -> Occasion | None:
    """The first greeting due in the buyer's country from `today` to `today + days` (None when none)."""
    known = find_country(country)
    if known is None:
        return None
    end = today + timedelta(days=days)
    years = tuple(sorted({today.year, end.year}))
    return next((o for o in country_occasions(known.alpha2, known.region, years) if today <= o.day <= end), None)


def upcoming_greetings(customers: pd.DataFrame, today: date, days: int) -> pd.Series:
    """Per customer row: the Occasion of their next greeting within `days`, or None."""
    countries = column(customers, "Country").fillna("").astype(str)
    by_country = {c: next_occasion(c, today, days) for c in countries.unique()}
    return countries.map(by_country)


def _working_days(calendar: Mapping[date, str]) -> set[date]:
    """China's adjusted working days (weekend days worked to make a longer holiday), from the calendar's notes."""
    found = set()
    for label in calendar.values():
        for month, day, year in _SUBSTITUTED.findall(label):
            found.add(date(int(year), int(month), int(day)))
    return found


def closures(today: date, days_ahead: int, country: str = HOME_COUNTRY) -> list[Closure]:
    """The team's holiday closures starting within `days_ahead` days of `today`."""
    years = (today.year, today.year + 1)
    calendar = _calendar(country, years)
    working = _working_days(calendar)

    def off(day: date) -> bool:
        return day in calendar or (day.weekday() >= 5 and day not in working)

    found: list[Closure] = []
    for holiday, pattern in CLOSURES:
        starts = sorted(d for d, label in calendar.items() if re.match(pattern, label, re.IGNORECASE))
        for day in starts:
            if found and found[-1].holiday == holiday and found[-1].first <= day <= found[-1].last:
                continue
            first, last = day, day
            while off(first - timedelta(days=1)):
                first -= timedelta(days=1)
            while off(last + timedelta(days=1)):
                last += timedelta(days=1)
            before = first - timedelta(days=1)
            found.append(Closure(holiday, first, last, before, last + timedelta(days=1)))
    return sorted((c for c in found if today <= c.first <= today + timedelta(days=days_ahead)),
                  key=lambda c: c.first)


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _fixed(values: dict[str, str]) -> PerBuyer:
    """Per-buyer values that are the same for every buyer (a closure notice)."""
    def per_buyer(_row: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, Block]]:
        return values, {}
    return per_buyer


def active_buyers(customers: pd.DataFrame, today: date) -> pd.Series:
    last = pd.to_datetime(column(customers, "Last Contact", pd.NaT)).dt.normalize()
    recent = last >= pd.Timestamp(today - timedelta(days=ACTIVE_DAYS))
    open_inquiry = column(customers, "Is Open", False).fillna(False).astype(bool)
    return recent | open_inquiry


@dataclass
class Greetings:
    letters: list[Letter]
    summary: pd.DataFrame
    counts: dict[str, int]


def plan_greetings(enriched: Enriched, settings: Settings, today: date, days: int = 14,
                   notice_days: int = NOTICE_DAYS) -> Greetings:
    """Greeting letters for buyers with a holiday within `days`, and closure notices to every active buyer."""
    name = f"Greetings {today.isoformat()}"
    customers = enriched.customers.join(mail_status(enriched.customers))
    letters: list[Letter] = []
    summaries = []
    occasions = upcoming_greetings(customers, today, days)
    due = customers[occasions.notna()]
    for occasion, group in due.groupby(occasions[occasions.notna()].map(lambda o: (o.day, o.holiday)), sort=True):
        first: Occasion = occasions[group.index[0]]
        values = {"holiday": first.holiday, "holiday_date": first.day.isoformat(), "year": str(first.day.year),
                  "message": first.greeting.message.format(holiday=first.holiday)}
        template = Template(first.greeting.title, first.greeting.subject, GREETING_BODY, products="")
        made = fill_letters(group, settings, template, _fixed(values), GREETING_FIELDS,
                            prefix=f"{occasion[0].isoformat()}-{first.greeting.key}")
        letters += made
        summaries.append(summary_frame(group, made, name, "Email", f"Greeting: {first.holiday} {first.day.year}"))
    active = customers[active_buyers(customers, today)]
    for closure in closures(today, max(days, notice_days)):
        values = {"holiday": closure.holiday, "closed_from": _long(closure.first),
                  "closed_until": _long(closure.last), "reopening": _long(closure.reopening),
                  "last_shipping": _long(closure.last_working), "year": str(closure.first.year)}
        template = Template(f"{closure.holiday} closure", f"Our {closure.holiday} holiday: closed "
                            f"{closure.first:%d %b} - {closure.last:%d %b %Y}", CLOSURE_BODY, products="")
        made = fill_letters(active, settings, template, _fixed(values), CLOSURE_FIELDS,
                            prefix=f"closure-{closure.first.isoformat()}")
        letters += made
        summaries.append(summary_frame(active, made, name, "Email",
                                       f"Closure notice: {closure.holiday} {closure.first.year}"))
    summary = pd.concat(summaries) if summaries else summary_frame(customers.iloc[0:0], [], name, "Email", "")
    reached = customers.loc[list(dict.fromkeys(summary.index))]
    return Greetings(letters, summary.reset_index(drop=True), left_out_counts(reached))

