"""`tradexl adopt` on a Chinese customer list written for the test and on Excel-saved corpus files: the sheets are
recognised by their headers, the new .xlsm keeps every original part byte for byte (only the bookkeeping parts and
the appended styles change), validates, opens in LibreOffice, and `tradexl refresh` works on it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from partdiff import diff_parts, read_parts
from python_calamine import CalamineWorkbook

from tradexl.adopt.mapping import match_row, recognise
from tradexl.builder.ribbon import CUSTOMUI_PART
from tradexl.fileengine.reader import read_workbook

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "excel"
BOOKKEEPING = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "_rels/.rels",
               "xl/styles.xml"}
CORPUS_FILES = ("poi__51626_contact.xlsx", "cal__temperature-table.xlsx", "poi__ExcelPivotTableSample.xlsx",
                "poi__54436.xlsx", "xw__macro01.xlsm")
CI = os.environ.get("CI") == "true"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tradexl", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def squeeze(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def chinese_list(path: Path) -> Path:
    """客户资料.xlsx as a team keeps it: a title row, Chinese headers, a website column, one row without company."""
    wb = Workbook()
    ws = wb.active
    ws.title = "客户资料"
    ws.append(["2026年客户名单"])
    ws.append(["公司名称", "国家", "联系人", "邮箱", "电话", "来源", "业务员", "备注", "网站"])
    ws.append(["迪拜星光贸易有限公司", "阿联酋", "Ahmed", "ahmed@starlight.ae", 97145551234, "Alibaba", "王芳",
               "老客户", "starlight.ae"])
    ws.append(["Sunrise Imports LLC", "USA", "John Smith", "john@sunrise-imports.com", "+1 212 555 0100",
               "Trade show", "李明", None, None])
    ws.append([None, "Germany", "Nobody", "x@example.de", None, None, "王芳", "no company", None])
    notes = wb.create_sheet("说明")
    notes["A1"] = "内部资料，请勿外传"
    wb.save(path)
    return path


def test_chinese_headers_map_to_customers() -> None:
    grid = [["2026年客户名单"], ["公司名称", "国家", "联系人", "邮箱", "电话", "来源", "业务员", "备注", "网站"]]
    m = recognise("客户资料", grid)
    assert (m.kind, m.header_row) == ("customers", 2)
    assert [(c.header, c.column) for c in m.columns] == [
        ("公司名称", "Company"), ("国家", "Country"), ("联系人", "Contact"), ("邮箱", "Email"), ("电话", "Phone"),
        ("来源", "Source"), ("业务员", "Owner"), ("备注", "Notes"), ("网站", None)]


def test_english_synonyms_and_first_header_wins() -> None:
    columns = match_row("customers", ["Company Name", "E-mail", "Tel", "Sales", "Mobile", "Website"])
    assert [c.column for c in columns] == ["Company", "Email", "Phone", "Owner", None, None]


def test_inquiry_log_is_not_a_customer_list() -> None:
    m = recognise("询盘记录", [["询盘日期", "公司名称", "国家", "产品", "数量", "询盘内容"]])
    assert m.kind == "inquiries"
    assert recognise("Notes", [["Title", "Body"]]).kind is None


def test_adopt_chinese_list(tmp_path: Path) -> None:
    source = chinese_list(tmp_path / "客户资料.xlsx")
    out = tmp_path / "Sales.xlsm"
    done = run("adopt", source, "--out", out, "--yes")
    assert done.returncode == 0, done.stderr
    said = squeeze(done.stdout)
    assert "公司名称 -> Company (公司)" in said and "网站 -> (kept as its own column)" in said
    assert "3 row(s) copied into the customers sheet" in done.stdout

    diff = diff_parts(source, out)
    assert not diff.removed
    assert diff.touching(BOOKKEEPING | set(diff.added)) == [], str(diff)
    assert set(diff.changed) <= BOOKKEEPING
    assert {"xl/vbaProject.bin", CUSTOMUI_PART} <= set(diff.added)
    assert b"macroEnabled.main+xml" in read_parts(out)["[Content_Types].xml"]

    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["客户资料", "说明", "询盘", "客户", "跟进", "报价", "产品", "样品", "订单", "设置",
                                "xlwings.conf"]
    rows = book.get_sheet_by_name("客户").to_python()
    assert rows[0][:9] == ["公司", "国家", "联系人", "邮箱", "电话", "来源", "业务员", "备注", "网站"]
    assert rows[1][:9] == ["迪拜星光贸易有限公司", "阿联酋", "Ahmed", "ahmed@starlight.ae", 97145551234.0,
                           "Alibaba", "王芳", "老客户", "starlight.ae"]
    assert "客户编号" in rows[0]  # the contract's columns their list lacked, after theirs
    customers = read_workbook(out).frames["customers"]
    assert list(customers["Company"]) == ["迪拜星光贸易有限公司", "Sunrise Imports LLC", None]

    refreshed = run("refresh", out, "--today", "2026-12-01")
    assert refreshed.returncode == 0, refreshed.stderr
    check = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("数据检查").to_python()  # a Chinese workbook
    assert check[2][:2] == ["客户", 4.0] and check[2][2] in {"Company", "公司"}  # the row without a company
    after = read_workbook(out).frames["customers"]
    assert after.loc[2, "Company"] == "迪拜星光贸易有限公司"


def test_mapping_file_edits(tmp_path: Path) -> None:
    source = chinese_list(tmp_path / "list.xlsx")
    saved = tmp_path / "map.json"
    assert run("adopt", source, "--save-map", saved).returncode == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["sheets"][0]["columns"]["备注"] == "Notes"
    edited = tmp_path / "map.csv"
    edited.write_text("sheet,kind,header,column\n客户资料,客户,备注,\n客户资料,客户,网站,City\n", encoding="utf-8")
    out = tmp_path / "o.xlsm"
    done = run("adopt", source, "--map", edited, "--out", out, "--yes")
    assert done.returncode == 0, done.stderr
    assert "备注 -> (kept as its own column)" in squeeze(done.stdout)
    header = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("客户").to_python()[0]
    assert header[7:9] == ["备注", "城市"]

    bad = tmp_path / "bad.csv"
    bad.write_text("客户资料,Buyers,,\n", encoding="utf-8")
    failed = run("adopt", source, "--map", bad, "--out", tmp_path / "x.xlsm", "--yes")
    assert failed.returncode == 1
    assert failed.stderr.startswith("Error: bad.csv line 1: 'Buyers' is not an input sheet")
    assert not (tmp_path / "x.xlsm").exists()


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    source = chinese_list(tmp_path / "list.xlsx")
    out = tmp_path / "o.xlsm"
    out.write_bytes(b"keep")
    failed = run("adopt", source, "--out", out, "--yes")
    assert failed.returncode == 1 and "already exists" in failed.stderr
    assert out.read_bytes() == b"keep"


def _audit_errors(path: Path) -> list[str]:
    exe = Path(sys.executable).with_name("openxml-audit")
    done = subprocess.run([str(exe), str(path)], capture_output=True, text=True, timeout=300)
    return [line.split(". ", 1)[1] for line in done.stdout.splitlines() if line[:1].isdigit() and ". " in line]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_adopt_excel_saved_files(tmp_path: Path, name: str) -> None:
    source = CORPUS / name
    out = tmp_path / "adopted.xlsm"
    done = run("adopt", source, "--out", out, "--yes")
    assert done.returncode == 0, done.stderr
    diff = diff_parts(source, out)
    assert not diff.removed
    assert set(diff.changed) <= BOOKKEEPING, str(diff)
    assert _audit_errors(out) == _audit_errors(source)
    if name.endswith(".xlsm"):  # their VBA project stays theirs, byte for byte
        assert "no Trade ribbon" in done.stdout and CUSTOMUI_PART not in diff.added
    refreshed = run("refresh", out, "--today", str(date(2026, 12, 1)))
    assert refreshed.returncode == 0, refreshed.stderr
    assert set(diff_parts(source, out).removed) == set()


def test_contact_list_from_corpus_is_recognised() -> None:
    from tradexl.adopt.service import propose

    maps = {m.sheet: m for m in propose(CORPUS / "poi__51626_contact.xlsx").maps}
    kinds = {m.kind for m in maps.values()}
    assert "customers" in kinds


def test_libreoffice_opens_the_adopted_workbook(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if CI:
            pytest.fail("LibreOffice is required with CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "Sales.xlsm"
    assert run("adopt", chinese_list(tmp_path / "list.xlsx"), "--out", out, "--yes").returncode == 0
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                           "pdf", "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "Sales.pdf").stat().st_size > 1000


def test_a_sheet_named_like_an_input_sheet_is_used_in_place(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(["Company Name", "Country", "E-mail"])
    ws.append(["Gulf Star Trading", "UAE", "info@gulfstar.ae"])
    source = tmp_path / "list.xlsx"
    wb.save(source)
    out = tmp_path / "o.xlsm"
    done = run("adopt", source, "--out", out, "--yes")
    assert done.returncode == 0, done.stderr
    assert "row(s) copied" not in done.stdout
    assert "Note: sheet 'Customers' is used as it is, and has no 'Company' (公司) column" in done.stdout
    assert "Country -> Country (国家)" in squeeze(done.stdout)
    assert "Company Name -> (kept as its own column)" in squeeze(done.stdout)
    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert names[0] == "Customers" and "Inquiries" in names and names.count("Customers") == 1
    assert set(diff_parts(source, out).changed) <= BOOKKEEPING
