"""The sheets of a new workbook: input Tables, dropdowns, formats, frozen headers, Settings round trip, text
safety. Reading a NEW file back with openpyxl is fine (this never touches a user's workbook)."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from tradexl.builder import build_workbook
from tradexl.builder.cells import COMPUTED_FILL
from tradexl.builder.input_sheets import VALIDATION_ROWS
from tradexl.schema import INPUT_SHEETS, INQUIRIES, SETTINGS_SHEET, SETTINGS_SHEET_ZH
from tradexl.settings import (
    BankDetails,
    Cadence,
    CompanyProfile,
    MailRoute,
    RegionPricing,
    Settings,
    TeamMember,
    parse_settings,
)

ROWS: dict[str, list[dict[str, Any]]] = {
    "inquiries": [
        {"Inquiry ID": "Q-001", "Received": datetime(2024, 5, 6, 9, 30), "Channel": "Email",
         "Company": "=HYPERLINK(\"http://evil\")", "Contact": "+86 138 0000", "Email": "@buyer",
         "Message": "-urgent, need PI", "Quantity": 5000, "Target Price": 1.25, "Status": "New"},
        {"Inquiry ID": "Q-002", "Received": datetime(2024, 5, 7, 14, 0), "Channel": "Fax", "Company": "Gulf Co"},
    ],
    "customers": [{"Customer ID": "C1", "Company": "Gulf Co", "Country": "UAE", "Grade": "A"}],
    "products": [{"Model": "X1", "Base Price": 10.5, "MOQ": 1000, "Hot": True, "Active": False}],
    "samples": [{"Date": date(2024, 5, 1), "Model": "X1", "Type": "Physical", "Freight": "Collect"}],
}


@pytest.fixture(scope="module")
def empty_book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("empty") / "new.xlsm"
    build_workbook(path)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "filled.xlsm"
    build_workbook(path, data=ROWS)
    return path


def grid(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_sheets_in_order_opening_on_inquiries_with_hidden_xlwings_conf(empty_book: openpyxl.Workbook) -> None:
    assert empty_book.sheetnames == [s.name for s in INPUT_SHEETS] + [SETTINGS_SHEET, "xlwings.conf"]
    assert empty_book.active.title == "Inquiries"
    conf = empty_book["xlwings.conf"]
    assert conf.sheet_state == "hidden"
    assert conf["A1"].value == "UDF Modules" and conf["B1"].value == "udfs"


@pytest.mark.parametrize("sheet", INPUT_SHEETS, ids=lambda s: s.key)
def test_input_sheet_is_a_table_with_all_columns_and_one_empty_row(empty_book: openpyxl.Workbook, sheet) -> None:
    ws = empty_book[sheet.name]
    table = ws.tables[sheet.table]
    assert table.ref == f"A1:{get_column_letter(len(sheet.columns))}2"
    assert table.tableStyleInfo.name.startswith("TableStyle") and table.tableStyleInfo.showRowStripes
    assert [c.value for c in ws[1]] == [c.name for c in sheet.columns]
    assert all(c.value is None for c in ws[2])
    assert ws.freeze_panes == "A2"
    for i, col in enumerate(sheet.columns, start=1):
        header = ws.cell(1, i)
        assert ws.column_dimensions[get_column_letter(i)].width == col.width
        is_computed_style = header.fill.fgColor.rgb == COMPUTED_FILL.fgColor.rgb and header.font.italic
        assert is_computed_style == col.computed, col.name


@pytest.mark.parametrize("sheet", INPUT_SHEETS, ids=lambda s: s.key)
def test_every_choice_column_has_a_dropdown_down_the_sheet(empty_book: openpyxl.Workbook, sheet) -> None:
    ws = empty_book[sheet.name]
    found = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    for i, col in enumerate(sheet.columns, start=1):
        if col.choices:
            letter = get_column_letter(i)
            assert found[f"{letter}2:{letter}{VALIDATION_ROWS}"] == '"' + ",".join(col.choices) + '"'
    assert len(found) == sum(1 for c in sheet.columns if c.choices)


def test_data_rows_fill_the_table_with_formats(filled: Path) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb["Inquiries"]
    assert ws.tables["tblInquiries"].ref == f"A1:{get_column_letter(len(INQUIRIES.columns))}3"
    assert ws["B2"].value == datetime(2024, 5, 6, 9, 30) and ws["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["K2"].value == 5000 and ws["K2"].number_format == "#,##0"
    assert ws["L2"].number_format == "#,##0.00"
    samples = wb["Samples"]
    assert samples["A2"].value == datetime(2024, 5, 1) and samples["A2"].number_format == "yyyy-mm-dd"
    products = wb["Products"]
    assert [products["L2"].value, products["N2"].value] == ["Yes", "No"]
    assert wb["Follow-ups"].tables["tblFollowups"].ref == "A1:I2"  # Needs Help, Decision after By


@pytest.mark.parametrize(("cell", "text"), [("E2", "=HYPERLINK(\"http://evil\")"), ("F2", "+86 138 0000"),
                                            ("G2", "@buyer"), ("M2", "-urgent, need PI")])
def test_formula_looking_buyer_text_is_stored_as_text(filled: Path, cell: str, text: str) -> None:
    ws = openpyxl.load_workbook(filled)["Inquiries"]
    assert ws[cell].value == text and ws[cell].data_type == "s"
    with zipfile.ZipFile(filled) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


def test_unknown_sheet_or_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="invoices"):
        build_workbook(tmp_path / "x.xlsm", data={"invoices": []})
    with pytest.raises(ValueError, match="Colour"):
        build_workbook(tmp_path / "x.xlsm", data={"customers": [{"Company": "A", "Colour": "red"}]})
    assert not (tmp_path / "x.xlsm").exists()


def test_settings_sheet_has_a_titled_table_per_settings_table(empty_book: openpyxl.Workbook) -> None:
    ws = empty_book[SETTINGS_SHEET]
    assert set(ws.tables) == {"tblSettings", "tblCadence", "tblRegions", "tblCountryRegions", "tblTeam",
                              "tblKeywords", "tblMailRouting", "tblBank", "tblTradeShows", "tblSampleRules",
                              "tblCurrency"}
    for table in ws.tables.values():
        min_col, min_row, _, _ = range_boundaries(table.ref)
        assert ws.cell(min_row - 1, min_col).value, f"{table.name} has no title above it"
    dropdowns = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"en,zh"' in dropdowns
    assert '"Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday"' in dropdowns


def test_default_settings_round_trip(empty_book: openpyxl.Workbook) -> None:
    assert parse_settings(grid(empty_book[SETTINGS_SHEET])) == (Settings(), [])


def test_custom_settings_round_trip(tmp_path: Path) -> None:
    custom = replace(
        Settings(),
        company=CompanyProfile(name="Ningbo =Best+ Co., Ltd.", founded="1998", phone="+86 574 1234 5678"),
        cadence=(Cadence("A", 2, "Phone"), Cadence("B", 5, "WhatsApp"), Cadence("C", 14, "Email"),
                 Cadence("D", 28, "Email")),
        open_inquiry_max_days=10, reply_target_hours=1.5, reply_limit_hours=12.0, fax_limit_hours=6.0,
        regions=(RegionPricing("Middle East", 0.93, "Firm price.", "T/T", "FOB Ningbo", 10),),
        country_regions={"UAE": "Middle East", "台湾": "East Asia"},
        team=(TeamMember("Lily", True, "lily@example.com", 50000.0), TeamMember("Tom", False)),
        language="zh", week_ends_on=2, catalog_file="catalog.pdf",
        keywords={**Settings().keywords, "urgent": ("urgent", "急")},
        mail_routing=(MailRoute("amy@lumax.example", "Amy"), MailRoute("solar", "Tony")),
        grade_after_loss="D", quote_expiry_days=10, mail_folder="C:\\Mail\\inquiries",
        bank=BankDetails("Ningbo Best Co., Ltd.", "Bank of China Ningbo Branch", "3581 0000 1234", "BKCHCNBJ92A",
                         "139 Yaohang Street, Ningbo"),
    )
    path = tmp_path / "custom.xlsm"
    build_workbook(path, settings=custom)
    assert parse_settings(grid(openpyxl.load_workbook(path)[SETTINGS_SHEET_ZH])) == (custom, [])  # a zh workbook
