"""Sheets are recognised by the engine's marker names, which follow a renamed tab; `tradexl language` switches a
workbook between English and Chinese and back without losing a byte."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.cli_support import invoke
from tradexl import services
from tradexl.builder import build_workbook
from tradexl.fileengine.engine import refresh_file
from tradexl.fileengine.language import rename_tabs
from tradexl.fileengine.package import open_package
from tradexl.fileengine.reader import read_workbook
from tradexl.language import rename_columns, rename_sheet_refs
from tradexl.markers import SheetIndex, identity_of, marker_name, markers_of, sheet_roles, tab_of_ref
from tradexl.model import RunResult
from tradexl.operations import STEPS
from tradexl.plan import stale_sheets
from tradexl.settings import Settings
from tradexl.sheetspec import SheetSpec

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 23, 59, 59)


def test_marker_names_are_defined_names_and_decode_back() -> None:
    assert marker_name("Due Follow-ups") == "_TradeXL.Due_Follow.002dups"
    assert marker_name("Quote - Russia & Central Asia") == "_TradeXL.Quote_.002d_Russia_.0026_Central_Asia"
    for identity in ("Due Follow-ups", "Quote - Russia & Central Asia", "Orders (12 mo)", "报价 - 欧洲", "a_b.c"):
        assert identity_of(marker_name(identity)) == identity
    assert identity_of("_xlnm.Print_Titles") is None
    assert tab_of_ref("'It''s mine'!$A$1") == "It's mine"
    assert tab_of_ref("Pool!$A$1") == "Pool"
    assert tab_of_ref("#REF!$A$1") is None  # Excel's reference after the sheet was deleted


def test_marker_wins_over_names_and_names_work_in_both_languages() -> None:
    tabs = ["询盘", "Buyers", "Customers", "My due", "数据检查", "Quote - Mars"]
    index = SheetIndex.build(tabs, {"Customers": "Buyers", "Due Follow-ups": "My due", "Pool": "gone"},
                             ["Quote - Mars"])
    assert index.tab("Customers") == "Buyers"  # the marker, not the tab called Customers
    assert index.identity("Customers") == "Customers"  # that tab is now just a user sheet with that name
    assert index.tab("Inquiries") == "询盘" and index.tab("Check") == "数据检查"
    assert index.tab("Pool") is None  # a marker to a missing tab is ignored
    assert index.identity("My due") == "Due Follow-ups"
    result = RunResult(computed={}, sheets=[SheetSpec("Due Follow-ups", ())], message="",
                       owned=("Due Follow-ups", "Check", "Quote - *"))
    assert stale_sheets(tabs, result, index) == ("数据检查", "Quote - Mars")


def test_input_sheets_by_marker_then_name_then_table_name() -> None:
    tabs = ["客户资料", "Sheet3", "Settings", "Leads"]
    roles = sheet_roles(tabs, {"Customers": "客户资料"}, lambda: {"tblinquiries": "Leads", "tblquotes": "Sheet3"})
    assert roles == {"customers": "客户资料", "inquiries": "Leads", "quotes": "Sheet3", "settings": "Settings"}


def test_formula_references_follow_renamed_tabs_and_columns() -> None:
    renames = {"Inquiries": "询盘", "Due Follow-ups": "待跟进"}
    assert rename_sheet_refs("SUM(Inquiries!K2:K9)+'Due Follow-ups'!B3", renames) == "SUM(询盘!K2:K9)+'待跟进'!B3"
    assert rename_sheet_refs('"Inquiries!A1"&inquiries!A1&MyInquiries!A1', renames) == \
        '"Inquiries!A1"&询盘!A1&MyInquiries!A1'  # a string literal and another sheet stay
    assert rename_sheet_refs("'询盘'!A1+询盘!B2", {"询盘": "Inquiries"}) == "'Inquiries'!A1+Inquiries!B2"
    assert rename_sheet_refs("Pool!A1", {"Pool": "Due Follow-ups"}) == "'Due Follow-ups'!A1"  # quotes when needed
    columns = {"Status": "状态", "Channel": "渠道"}
    assert rename_columns("COUNTIF(tblInquiries[Status],\"New\")+tblInquiries[[#This Row],[Channel]]",
                          "tblInquiries", columns, own_sheet=False) == \
        "COUNTIF(tblInquiries[状态],\"New\")+tblInquiries[[#This Row],[渠道]]"
    assert rename_columns("tblFollowups[Channel]&[@Status]", "tblInquiries", columns, own_sheet=True) == \
        "tblFollowups[Channel]&[@状态]"  # another table's column of the same name keeps its name


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return services.demo(tmp_path_factory.mktemp("demo"), today=TODAY).workbook


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_renamed_generated_and_input_tabs_are_rebuilt_in_place(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsm"
    book.write_bytes(demo.read_bytes())
    rename_tabs(book, {"Due Follow-ups": "My due", "Customers": "Buyers", "Check": "问题"})
    before = open_package(book)
    tabs = [s.name for s in before.sheets]
    assert "Due Follow-ups" not in tabs and "Buyers" in tabs
    assert markers_of(before.defined_names)["Customers"] == "Buyers"  # the marker followed, as in Excel
    refresh_file(book, today=date(2026, 11, 30), now=datetime(2026, 11, 30, 23, 59), steps=STEPS)
    after = open_package(book)
    assert [s.name for s in after.sheets] == tabs  # nothing added, nothing removed, same order
    assert [s.part for s in after.sheets] == [s.part for s in before.sheets]
    grid = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("My due").to_python()
    assert "2026-11-30" in str(grid[0][0])  # rebuilt for the new day, in place
    buyers = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Buyers").to_python()
    due = buyers[0].index("Days Overdue")
    before_days = [row[due] for row in CalamineWorkbook.from_path(str(demo)).get_sheet_by_name("Customers")
                   .to_python()[1:]]
    after_days = [row[due] for row in buyers[1:]]
    assert len(after_days) == len(before_days) == len(read_workbook(book).frames["customers"])
    overdue = [(b, a) for b, a in zip(before_days, after_days, strict=True) if isinstance(b, float) and b > 0]
    assert overdue and all(a == b + 2 for b, a in overdue)  # computed on Buyers for two days later
    assert markers_of(after.defined_names)["Due Follow-ups"] == "My due"


def test_language_round_trip_on_the_demo_is_byte_identical(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsm"
    book.write_bytes(demo.read_bytes())
    original = _parts(demo)
    zh = services.switch_language(book, "zh", today=TODAY)
    assert zh.renamed["Inquiries"] == "询盘" and zh.renamed["Due Follow-ups"] == "待跟进"
    assert "今天" in zh.result.message
    switched = _parts(book)
    tabs = CalamineWorkbook.from_path(str(book)).sheet_names
    assert tabs[:9] == ["询盘", "客户", "跟进", "报价", "产品", "样品", "订单", "设置", "xlwings.conf"]
    assert read_workbook(book).settings.language == "zh"
    inquiries = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("询盘").to_python()[0]
    assert inquiries[:3] == ["询盘编号", "收到时间", "渠道"]
    assert '"新询盘,已回复,已报价,已寄样,已下单,已流失"' in switched["xl/worksheets/sheet1.xml"].decode()
    assert b'name="\xe8\xaf\xa2\xe7\x9b\x98\xe7\xbc\x96\xe5\x8f\xb7"' in switched["xl/tables/table1.xml"]  # 询盘编号
    untouched = [n for n in original if original[n] == switched[n]]
    assert "xl/vbaProject.bin" in untouched and "xl/styles.xml" in untouched and "docProps/app.xml" in untouched
    assert all(n.startswith(("xl/worksheets/", "xl/tables/", "xl/charts/", "xl/workbook.xml"))
               for n in original if n not in untouched)
    services.switch_language(book, "en", today=TODAY)
    back = _parts(book)
    assert list(back) == list(original)
    assert [n for n in original if back[n] != original[n]] == []


def test_new_chinese_workbook_switched_to_english_and_back(tmp_path: Path) -> None:
    book = tmp_path / "销售.xlsm"
    build_workbook(book, settings=Settings(language="zh"))
    services.refresh(book, today=TODAY)
    original = _parts(book)
    code, out, err = invoke("language", book, "en", "--today", "2026-11-28")
    assert code == 0, err
    assert "设置 → Settings" in out
    assert CalamineWorkbook.from_path(str(book)).sheet_names[:8] == [
        "Inquiries", "Customers", "Follow-ups", "Quotes", "Products", "Samples", "Orders", "Settings"]
    assert read_workbook(book).settings.language == "en"
    services.switch_language(book, "zh", today=TODAY)
    back = _parts(book)
    assert [n for n in original if back.get(n) != original[n]] == [] and list(back) == list(original)


def test_a_tab_the_user_named_keeps_its_name(demo: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsm"
    book.write_bytes(demo.read_bytes())
    rename_tabs(book, {"Orders": "Contracts 2026"})
    done = services.switch_language(book, "zh", today=TODAY)
    assert "Orders" not in done.renamed
    assert "Contracts 2026" in CalamineWorkbook.from_path(str(book)).sheet_names


def test_language_errors_are_one_line(tmp_path: Path) -> None:
    code, _, err = invoke("language", tmp_path / "missing.xlsm", "zh")
    assert code != 0 and err.strip().startswith("Error:") and len(err.strip().splitlines()) == 1
    code, _, err = invoke("language", tmp_path / "missing.xlsm", "fr")
    assert code != 0 and err.strip().startswith("Error:") and len(err.strip().splitlines()) == 1


def test_xlwings_shell_adds_hidden_markers_and_follows_a_renamed_tab() -> None:
    from xlshell_book import clock, fake_run, workbook

    from tradexl.xlshell.workbook import execute

    excel = workbook(3)
    assert execute(excel.book, ["followups"], run=fake_run, clock=clock) is not None
    assert excel.names == {
        "_TradeXL.Inquiries": "='Inquiries'!$A$1", "_TradeXL.Customers": "='Customers'!$A$1",
        "_TradeXL.Settings": "='Settings'!$A$1", "_TradeXL.Due_Follow.002dups": "='Due Follow-ups'!$A$1"}
    assert excel.hidden_names == set(excel.names)
    excel.sheet("Due Follow-ups").name = "My due"  # the user renames two tabs; Excel repoints the names
    excel.sheet("Customers").name = "Buyers"
    excel.names["_TradeXL.Due_Follow.002dups"] = "='My due'!$A$1"
    excel.names["_TradeXL.Customers"] = "=Buyers!$A$1"
    excel.log.clear()
    assert execute(excel.book, ["followups"], run=fake_run, clock=clock) is not None
    assert [s.name for s in excel.sheets] == ["Inquiries", "Buyers", "Settings", "My due"]  # nothing added
    assert excel.sheet("My due").value(1, 1) == "Due follow-ups"  # rebuilt in place
    assert ("Names", "add") not in excel.log  # every marker already points at its tab: none rewritten
