"""The worksheet functions: registered through xlwings' real UDF decorators (with COM stubbed, as on Linux
there is no pywin32), their arguments converted by xlwings' real conversion pipeline, then called."""

from __future__ import annotations

import importlib
import sys
import types
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
        others = [a for a in info["args"] if a["name"] != "settings"]
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


def _fake_core(monkeypatch: pytest.MonkeyPatch, module: str, name: str, fn: Any) -> list[tuple[Any, ...]]:
    """Install `fn` as tradexl.rules.<module>.<name> when the real rule is not there yet, recording calls."""
    calls: list[tuple[Any, ...]] = []
    try:
        real = importlib.import_module(f"tradexl.rules.{module}")
        target = getattr(real, name)
    except (ImportError, AttributeError):
        target = fn
        fake = types.ModuleType(f"tradexl.rules.{module}")
        monkeypatch.setitem(sys.modules, f"tradexl.rules.{module}", fake)
        real = fake

    def spy(*args: Any) -> Any:
        calls.append(args)
        return target(*args)

    monkeypatch.setattr(real, name, spy, raising=False)
    return calls


def test_next_contact_converts_dates_and_flags(udfs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_core(monkeypatch, "contacts", "next_contact_date",
                       lambda grade, last, is_open, settings, today: date(2026, 12, 1))
    result = call(udfs.TRADEXL_NEXT_CONTACT, "A", datetime(2026, 11, 28), 1.0, datetime(2026, 11, 30),
                  mock.sentinel.missing)
    assert isinstance(result, date)
    grade, last, is_open, settings, today = calls[0]
    assert (grade, last, is_open, today) == ("A", date(2026, 11, 28), True, date(2026, 11, 30))
    assert type(last) is date and isinstance(settings, Settings)


def test_grade_and_reason_come_from_one_core_call(udfs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_core(monkeypatch, "grading", "grade_inquiry",
                       lambda *fields: ("B", "specific model; target price given"))
    fields = ("LED-100", 5000.0, 1.2, "please send PI", "buyer@acme.de", "Acme GmbH", "+49 30 1234")
    grade = call(udfs.TRADEXL_SUGGESTED_GRADE, *fields, mock.sentinel.missing)
    reason = call(udfs.TRADEXL_GRADE_REASON, *fields, mock.sentinel.missing)
    assert grade in {"A", "B", "C", "D"} and isinstance(reason, str) and reason
    assert [c[:7] for c in calls] == [fields, fields]


def test_region_price_result_is_a_plain_number(udfs: Any) -> None:
    assert udfs.Number.write_value(Decimal("12.96"), {}) == 12.96
