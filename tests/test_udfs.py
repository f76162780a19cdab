"""The worksheet functions: registered through xlwings' real UDF decorators (with COM stubbed, as on Linux
there is no pywin32), their arguments converted by xlwings' real conversion pipeline, then called."""

from __future__ import annotations

import importlib
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
import xlwings as xw
from xlwings import conversion

from tradexl.settings import REGIONS_TABLE, Settings


class _Impl:
    """The part of an Excel engine the conversion pipeline uses, behaving as pywin32 hands values over."""

    name = "excel"
    type = "desktop"

    @staticmethod
    def clean_value_data(data: Any, datetime_builder: Any, empty_as: Any, number_builder: Any,
                         err_to_str: Any) -> Any:
        def one(v: Any) -> Any:
            if v in ("", None):
                return empty_as
            if isinstance(v, datetime):
                return datetime_builder(year=v.year, month=v.month, day=v.day, hour=v.hour, minute=v.minute,
                                        second=v.second, microsecond=v.microsecond, tzinfo=None)
            if number_builder is not None and isinstance(v, float):
                return number_builder(v)
            return v
        return [[one(v) for v in row] for row in data]

    @staticmethod
    def prepare_xl_data_element(x: Any, options: Any) -> Any:
        return "" if x is None else x


@pytest.fixture(scope="module")
def udfs() -> Any:
    """`udfs` imported with xlwings' Windows decorators, so every function carries its `__xlfunc__`."""
    stubs = {name: mock.MagicMock() for name in ("pythoncom", "pywintypes", "win32com", "win32com.client")}
    with mock.patch.dict(sys.modules, stubs):
        xludfs = importlib.import_module("xlwings.udfs")
        with mock.patch.multiple(xw, func=xludfs.xlfunc, arg=xludfs.xlarg, ret=xludfs.xlret):
            sys.modules.pop("udfs", None)
            module = importlib.import_module("udfs")
    if "excel" not in xw.engines.engines_by_name:
        xw.engines.add(xw.main.Engine(impl=_Impl()))
    yield module
    sys.modules.pop("udfs", None)
    sys.modules.pop("xlwings.udfs", None)


def call(func: Any, *excel_args: Any) -> Any:
    """What xlwings does for a call from a cell: convert each argument, call, convert the result (a 1x1 array
    for a single cell; None arrives as an empty cell, "")."""
    info = func.__xlfunc__
    args = []
    for i, value in enumerate(excel_args):
        arg = info["args"][i]
        args.append(arg.get("optional") if value is mock.sentinel.missing
                    else conversion.read(None, value, arg["options"]))
    written = conversion.write(func(*args), None, info["ret"]["options"])
    assert len(written) == 1 and len(written[0]) == 1
    return written[0][0]


def settings_range(*regions: tuple[str, float]) -> list[list[Any]]:
    header = [en for en, _ in REGIONS_TABLE.headers]
    return [["Regions and pricing", None, None, None, None, None], header,
            *[[r, f, "note", "terms", "FOB", 30.0] for r, f in regions]]


def test_every_function_is_registered_without_annotation_converters(udfs: Any) -> None:
    names = ["TRADEXL_REGION", "TRADEXL_NEXT_CONTACT", "TRADEXL_SUGGESTED_GRADE", "TRADEXL_GRADE_REASON",
             "TRADEXL_REGION_PRICE"]
    for name in names:
        info = getattr(udfs, name).__xlfunc__
        assert info["name"] == name
        settings = info["argmap"]["settings"]
        assert settings["options"] == {"convert": udfs.SettingsRange, "ndim": 2}
        assert isinstance(settings["optional"], Settings)
        if "products" in info["argmap"]:
            assert info["argmap"]["products"]["options"] == {"convert": udfs.ProductsRange, "ndim": 2}
        others = [a for a in info["args"] if a["name"] not in ("settings", "products")]
        assert all(a["options"].get("convert") is None for a in others), name


@pytest.mark.parametrize("country, region", [("UAE", "Middle East"), ("德国", "Europe"), ("USA", "North America"),
                                             (None, "")])
def test_region(udfs: Any, country: Any, region: str) -> None:
    assert call(udfs.TRADEXL_REGION, country, mock.sentinel.missing) == region


def test_region_uses_the_settings_overrides(udfs: Any) -> None:
    grid = [["Country to region overrides", None], ["Country", "Region"], ["Turkey", "Middle East"]]
    assert call(udfs.TRADEXL_REGION, "Türkiye", grid) == "Middle East"


def test_region_price_defaults_and_settings(udfs: Any) -> None:
    assert call(udfs.TRADEXL_REGION_PRICE, 12.0, "Europe", "USD", mock.sentinel.missing) == 12.96
    assert call(udfs.TRADEXL_REGION_PRICE, 1000.0, "Middle East", "JPY", mock.sentinel.missing) == 950
    assert call(udfs.TRADEXL_REGION_PRICE, 10.0, "Mars", "", settings_range(("Mars", 2.5))) == 25.0
    assert call(udfs.TRADEXL_REGION_PRICE, 10.0, "Atlantis", "", mock.sentinel.missing) == ""
    assert call(udfs.TRADEXL_REGION_PRICE, None, "Europe", "", mock.sentinel.missing) == ""
    assert type(call(udfs.TRADEXL_REGION_PRICE, 12.0, "Europe", "USD", mock.sentinel.missing)) is float


MISSING = mock.sentinel.missing
CADENCE_A_10 = [["Follow-up cadence", None, None], ["Grade", "Every (days)", "Channel"], ["A", 10.0, "Phone"]]
CATALOG = [["Model", "Name", "MOQ", "Base Price"], ["LED-100", "LED panel", 1000.0, 2.0]]


@pytest.mark.parametrize("grade, last, is_open, today, expected", [
    ("A", datetime(2026, 11, 28), False, datetime(2026, 11, 30), date(2026, 12, 1)),  # A: every 3 days
    ("a", datetime(2026, 11, 28), 0.0, datetime(2026, 11, 30), date(2026, 12, 1)),  # typed in lower case
    ("B", datetime(2026, 11, 28), False, datetime(2026, 11, 30), date(2026, 12, 5)),  # B: 7 days
    ("D", datetime(2026, 11, 1), False, datetime(2026, 11, 30), date(2026, 12, 1)),  # D: 30 days
    ("D", datetime(2026, 11, 1), 1.0, datetime(2026, 11, 30), date(2026, 11, 16)),  # open inquiry: at most 15
    ("A", datetime(2026, 11, 28), True, datetime(2026, 11, 30), date(2026, 12, 1)),  # 3 < 15: the cap changes nothing
    (None, datetime(2026, 11, 1), False, datetime(2026, 11, 30), date(2026, 12, 1)),  # ungraded: D's interval
    ("B", None, False, datetime(2026, 11, 30), date(2026, 11, 30)),  # never contacted: due today
    ("C", datetime(2026, 11, 28), False, MISSING, date(2026, 12, 13)),  # no today: C's 15 days from the contact
    ("A", datetime(2026, 12, 5), False, datetime(2026, 11, 30), date(2026, 11, 30)),  # a future date is a plan
])
def test_next_contact(udfs: Any, grade: Any, last: Any, is_open: Any, today: Any, expected: date) -> None:
    assert call(udfs.TRADEXL_NEXT_CONTACT, grade, last, is_open, today, MISSING) == expected


def test_next_contact_blank_without_any_date(udfs: Any) -> None:
    assert call(udfs.TRADEXL_NEXT_CONTACT, "B", None, False, None, MISSING) == ""


def test_next_contact_uses_the_settings_cadence(udfs: Any) -> None:
    result = call(udfs.TRADEXL_NEXT_CONTACT, "A", datetime(2026, 11, 28), False, datetime(2026, 11, 30),
                  CADENCE_A_10)
    assert result == date(2026, 12, 8)


BUYER = ("buyer@acme.de", "Acme GmbH", "+49 30 1234")


@pytest.mark.parametrize("fields, products, grade, reason", [
    # model 2 + qty ≥ MOQ 2 + target price 1 + order word 2 + identity 1 = 8 ≥ 6
    (("LED-100", 5000.0, 1.2, "please send PI", *BUYER), CATALOG, "A",
     "model LED-100; qty 5000 ≥ MOQ 1000; target price given; asks for PI; company, phone and company email"),
    # no catalog: the model is unknown, a bare quantity counts 1: 1 + 1 + 2 + 1 = 5 ≥ 3
    (("LED-100", 5000.0, 1.2, "please send PI", *BUYER), MISSING, "B",
     "qty 5000; target price given; asks for PI; company, phone and company email"),
    # model 2 - qty below MOQ 1 + identity 1 = 2 ≥ 1
    (("LED-100", 500.0, None, "how much?", *BUYER), CATALOG, "C",
     "model LED-100; qty 500 < MOQ 1000; company, phone and company email"),
    # vague -3, anonymous -2
    ((None, None, None, "Please send your catalog", "joe@gmail.com", None, None), MISSING, "D",
     "vague request (catalog); no company name, free-mail address"),
    # tender wording sets C whatever the score (qty 1 + identity 1 = 2)
    ((None, 20000.0, None, "Tender for next year", "buy@metro.ke", "Metro Works", "+254 20 123 4567"), MISSING,
     "C", "qty 20000; company, phone and company email; long-term/tender wording (tender)"),
    ((None, None, None, "hello", None, "Acme GmbH", None), MISSING, "D", "no clear buying signals"),  # 0 < 1
    ((None, None, None, "hello", "joe@gmail.com", None, None), MISSING, "D", "no company name, free-mail address"),
])
def test_grade_and_reason(udfs: Any, fields: tuple, products: Any, grade: str, reason: str) -> None:
    assert call(udfs.TRADEXL_SUGGESTED_GRADE, *fields, MISSING, products) == grade
    assert call(udfs.TRADEXL_GRADE_REASON, *fields, MISSING, products) == reason


def test_blank_inquiry_grades_blank_like_the_column(udfs: Any) -> None:
    """A row with nothing in it is skipped by the refresh, which leaves its computed cells blank."""
    blank = (None,) * 7
    assert call(udfs.TRADEXL_SUGGESTED_GRADE, *blank, MISSING, MISSING) == ""
    assert call(udfs.TRADEXL_GRADE_REASON, *blank, MISSING, MISSING) == ""


def test_grading_keywords_come_from_settings(udfs: Any) -> None:
    grid = [["Grading keywords", None], ["Signal", "Keywords"], ["order", "quotation please"]]
    fields = (None, None, None, "Quotation please", *BUYER)
    assert call(udfs.TRADEXL_GRADE_REASON, *fields, grid, MISSING) == \
        "asks for quotation please; company, phone and company email"
    assert call(udfs.TRADEXL_SUGGESTED_GRADE, *fields, grid, MISSING) == "B"  # 2 + 1 = 3


def call_column(func: Any, *excel_args: Any) -> list[Any]:
    """A call from a cell whose arguments include one-column ranges (lists of cells, as Excel hands them over as
    rows of one cell): the answer is a column, one value per row."""
    info = func.__xlfunc__
    args = []
    for i, value in enumerate(excel_args):
        arg = info["args"][i]
        if value is mock.sentinel.missing:
            args.append(arg.get("optional"))
        else:
            args.append(conversion.read(None, [[v] for v in value] if isinstance(value, tuple) else value,
                                        arg["options"]))
    written = conversion.write(func(*args), None, info["ret"]["options"])
    assert all(len(row) == 1 for row in written)
    return [row[0] for row in written]


def test_region_over_a_column(udfs: Any) -> None:
    assert call_column(udfs.TRADEXL_REGION, ("UAE", "德国", None, "USA"), MISSING) == \
        ["Middle East", "Europe", "", "North America"]


def test_next_contact_over_a_column_with_one_today(udfs: Any) -> None:
    grades = ("A", "D", "B", None)
    last = (datetime(2026, 11, 28), datetime(2026, 11, 1), None, datetime(2026, 11, 1))
    is_open = (0.0, 1.0, 0.0, 0.0)
    result = call_column(udfs.TRADEXL_NEXT_CONTACT, grades, last, is_open, datetime(2026, 11, 30), MISSING)
    # A: 11-28 + 3; D with an open inquiry: 11-01 + 15; never contacted: today; ungraded: D's 30 days
    assert result == [date(2026, 12, 1), date(2026, 11, 16), date(2026, 11, 30), date(2026, 12, 1)]


def test_next_contact_column_without_today_uses_each_rows_contact(udfs: Any) -> None:
    result = call_column(udfs.TRADEXL_NEXT_CONTACT, ("A", "C", "B"), (datetime(2026, 11, 28), datetime(2026, 10, 1),
                                                                     None), False, MISSING, MISSING)
    assert result == [date(2026, 12, 1), date(2026, 10, 16), ""]


def test_grade_and_reason_over_a_column(udfs: Any) -> None:
    """The three inquiries of the single-cell cases above in one call: the same answers, row by row."""
    columns = tuple(zip(("LED-100", 5000.0, 1.2, "please send PI", *BUYER),
                        ("LED-100", 500.0, None, "how much?", *BUYER),
                        (None, None, None, None, None, None, None),
                        (None, None, None, "Please send your catalog", "joe@gmail.com", None, None), strict=True))
    assert call_column(udfs.TRADEXL_SUGGESTED_GRADE, *columns, MISSING, CATALOG) == ["A", "C", "", "D"]
    assert call_column(udfs.TRADEXL_GRADE_REASON, *columns, MISSING, CATALOG) == [
        "model LED-100; qty 5000 ≥ MOQ 1000; target price given; asks for PI; company, phone and company email",
        "model LED-100; qty 500 < MOQ 1000; company, phone and company email",
        "",
        "vague request (catalog); no company name, free-mail address"]


def test_region_price_result_is_a_plain_number(udfs: Any) -> None:
    assert udfs.Number.write_value(Decimal("12.96"), {}) == 12.96
