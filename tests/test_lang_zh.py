"""A Chinese workbook (`tradexl new --lang zh`, `tradexl demo --lang zh`): Chinese tabs, headers and dropdown words,
Settings › Language = zh, and the engine reads it exactly as the English one (refresh, import, reply)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from python_calamine import CalamineWorkbook

from tradexl import services
from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.rules.vocab import choice_lookup, fold
from tradexl.schema import CHOICES_ZH, INPUT_SHEETS, choice_label
from tradexl.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
MAIL = Path(__file__).parent / "fixtures" / "mail"
PRODUCTS = [{"Model": "AB-100", "Name": "LED panel light", "Base Price": 3.4, "MOQ": 500, "Unit": "pcs",
             "Active": "Yes"}]
CUSTOMERS = [{"Customer ID": "C0007", "Company": "Al Noor Trading L.L.C.", "Email": "info@alnoor-trading.ae",
              "Country": "UAE", "Owner": "Amy", "Source": "Alibaba", "Size": "Large"}]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tradexl", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)


def test_every_chinese_dropdown_word_reads_as_its_english_value() -> None:
    for sheet in INPUT_SHEETS:
        for col in sheet.columns:
            lookup = choice_lookup(col.choices)
            for value in col.choices:
                assert lookup[fold(choice_label(value, "zh"))] == value, (sheet.name, col.name, value)
    assert set(CHOICES_ZH) <= {v for s in INPUT_SHEETS for c in s.columns for v in c.choices}


def test_new_lang_zh(tmp_path: Path) -> None:
    book = tmp_path / "销售.xlsm"
    done = run("new", book, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    wb = CalamineWorkbook.from_path(str(book))
    assert wb.sheet_names == ["询盘", "客户", "跟进", "报价", "产品", "样品", "订单", "设置", "xlwings.conf"]
    assert wb.get_sheet_by_name("客户").to_python()[0][:4] == ["客户编号", "公司", "联系人", "邮箱"]
    assert read_workbook(book).settings.language == "zh"
    root = etree.fromstring(zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml"))
    lists = [el.text for el in root.iter("{*}formula1")]
    assert '"邮件,阿里巴巴,网站,电话,传真,展会,WhatsApp,其他"' in lists  # the Channel dropdown
    refreshed = run("refresh", book, "--today", "2026-11-28")
    assert refreshed.returncode == 0, refreshed.stderr
    assert "今天 0 个客户待跟进" in refreshed.stdout
    tabs = CalamineWorkbook.from_path(str(book)).sheet_names
    assert [t for t in tabs if not t.startswith("Quote - ")][-8:] == [
        "xlwings.conf", "待跟进", "未回复", "周报", "月度回顾", "统计", "公海", "数据检查"]


def test_chinese_rows_mean_the_same_as_english(tmp_path: Path) -> None:
    from datetime import date, datetime

    from tradexl.fileengine.engine import refresh_file
    from tradexl.operations import STEPS

    results = {}
    for language in ("en", "zh"):
        demo = services.demo(tmp_path / language, today=date(2026, 11, 28), language=language)
        results[language] = demo.result
        assert refresh_file(demo.workbook, today=date(2026, 11, 28), now=datetime(2026, 11, 28, 23, 59),
                            steps=STEPS).problems == demo.result.problems
    en, zh = results["en"], results["zh"]
    assert [(p.row, p.column, p.message) for p in zh.problems] == [(p.row, p.column, p.message) for p in en.problems]
    assert en.problems  # the demo's planted problems, found the same way in both languages
    for key, column in (("customers", "Next Contact"), ("customers", "Current Grade"),
                        ("inquiries", "Suggested Grade"), ("inquiries", "Reply Status")):
        assert list(zh.computed[key][column]) == list(en.computed[key][column]), (key, column)
    raw = CalamineWorkbook.from_path(str(tmp_path / "zh" / "TradeDemo.xlsm")).get_sheet_by_name("询盘").to_python()
    status = raw[0].index("状态")
    assert {row[status] for row in raw[1:]} <= {"新询盘", "已回复", "已报价", "已寄样", "已下单", "已流失"}


@pytest.fixture
def zh_book(tmp_path: Path) -> Path:
    path = tmp_path / "销售.xlsm"
    build_workbook(path, settings=Settings(language="zh"), data={"products": PRODUCTS, "customers": CUSTOMERS})
    return path


def test_import_and_reply_on_a_chinese_workbook(zh_book: Path, tmp_path: Path) -> None:
    imported = run("import", zh_book, MAIL)
    assert imported.returncode == 0, imported.stderr
    inquiries = read_workbook(zh_book).frames["inquiries"]
    assert len(inquiries) > 10 and "I0001" in set(inquiries["Inquiry ID"])
    raw = CalamineWorkbook.from_path(str(zh_book)).get_sheet_by_name("询盘").to_python()
    assert raw[0][0] == "询盘编号"
    drafts = tmp_path / "drafts"
    replied = run("reply", zh_book, "I0001", "--out", drafts, "--sent", "--today", "2026-03-21")
    assert replied.returncode == 0, replied.stderr
    inquiry = read_workbook(zh_book).frames["inquiries"].set_index("Inquiry ID").loc["I0001"]
    assert inquiry["Status"] == "Quoted" and inquiry["Replied At"] is not None
    assert len(list(drafts.glob("*.eml"))) == 1
    shutil.rmtree(drafts)
