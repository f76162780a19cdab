"""Region quote sheets: prices rounded half-up to the currency's minor unit, safe sheet names, layout."""

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from tradexl.reports.pricing import (
    active_products,
    format_price,
    quote_sheet_name,
    select_products,
    unique_sheet_names,
    unit_price,
)
from tradexl.reports.quotes import quote_sheet, quote_sheets
from tradexl.settings import CompanyProfile, RegionPricing, Settings

TODAY = date(2024, 5, 10)
PRODUCTS = pd.DataFrame({
    "Model": ["LED-100", "PV-2000", "OLD-1", "CAM-9", ""],
    "Name": ["LED panel", "Inverter", "Old lamp", "Camera", "no model"],
    "Specification": ["600×600 mm", "2 kW", "", "4K", ""],
    "MOQ": [1000.0, 50.0, 10.0, float("nan"), 1.0],
    "Unit": ["pcs", "sets", "pcs", "", ""],
    "Base Price": [12.345, 1005.0, 1.0, float("nan"), 1.0],
    "Currency": ["USD", "JPY", "USD", "", "USD"],
    "Certifications": ["CE, RoHS", "CE", "", "FCC", ""],
    "Technical Parameters": ["PF ≥ 0.9", "", "", "", ""],
    "Active": ["", "Yes", "No", "yes", ""],
}, index=[2, 3, 4, 5, 6])
MIDDLE_EAST = RegionPricing("Middle East", 0.95, "Competitive first offer.", "30% T/T deposit", "FOB Ningbo", 15)


@pytest.mark.parametrize(("base", "factor", "currency", "expected"), [
    (12.345, 0.95, "USD", "11.73"),      # 11.72775
    (1.005, 1.0, "USD", "1.01"),         # half-up on the value as written, not binary 1.00499999
    (2.675, 1.0, "EUR", "2.68"),
    (0.125, 1.0, "usd", "0.13"),
    (10.0, 1.15, "USD", "11.50"),
    (1005.0, 0.95, "JPY", "955"),        # 954.75 -> whole yen
    (1002.5, 1.0, "JPY", "1003"),        # half-up, not to even
    (1500.0, 1.0, "KRW", "1500"),
    (1.2345, 1.0, "KWD", "1.235"),       # three-decimal currency
    (12.5, 1.0, "", "12.50"),            # blank currency -> USD
])
def test_unit_price_rounds_half_up_to_the_currency_minor_unit(base, factor, currency, expected):
    assert unit_price(base, factor, currency) == Decimal(expected)
    assert str(unit_price(base, factor, currency)) == expected


@pytest.mark.parametrize("base", [float("nan"), None, "n/a"])
def test_unit_price_missing_base_is_none(base):
    assert unit_price(base, 1.0, "USD") is None


def test_format_price_keeps_currency_decimals():
    assert format_price(Decimal("1234.50")) == "1,234.50"
    assert format_price(Decimal("1234567")) == "1,234,567"


@pytest.mark.parametrize(("region", "expected"), [
    ("Middle East", "Quote - Middle East"),
    ("Russia & Central Asia", "Quote - Russia & Central Asia"),
    ("Asia/Pacific [new]: *big*?", "Quote - Asia-Pacific (new) big"),
    ("'Quoted'", "Quote - Quoted"),
    ("A very long region name that goes on", "Quote - A very long region name"),
    ("Back\\slash", "Quote - Back-slash"),
])
def test_quote_sheet_name_is_valid_for_excel(region, expected):
    name = quote_sheet_name(region)
    assert name == expected
    assert len(name) <= 31
    assert not set("[]:*?/\\") & set(name)


def test_sheet_names_stay_unique_after_truncation():
    names = unique_sheet_names(["A very long region name that goes on", "A very long region name that differs",
                                "EUROPE", "Europe"])
    assert names == ["Quote - A very long region name", "Quote - A very long region  (2)", "Quote - EUROPE",
                     "Quote - Europe (2)"]
    assert all(len(n) <= 31 for n in names)


def test_active_products_blank_counts_as_active_no_excludes_and_model_required():
    assert list(active_products(PRODUCTS)["Model"]) == ["LED-100", "PV-2000", "CAM-9"]


def test_select_products_in_asked_order_ignoring_case_and_punctuation():
    chosen, missing = select_products(PRODUCTS, ["pv 2000", "led100", "OLD-1", "XYZ", "LED-100"])
    assert list(chosen["Model"]) == ["PV-2000", "LED-100"]
    assert missing == ["OLD-1", "XYZ"]


def test_quote_sheet_rows_exactly():
    company = CompanyProfile(name="Ningbo Bright Co., Ltd.", founded="2005", total_assets="USD 20 million",
                             annual_sales="USD 35 million", awards="ISO 9001", contact="Lily Wang",
                             phone="+86 574 1", fax="+86 574 2", email="lily@bright.cn", website="bright.cn",
                             address="Ningbo, China")
    settings = Settings(company=company, regions=(MIDDLE_EAST,), language="zh")  # buyer-facing: always English
    sheet = quote_sheet(MIDDLE_EAST, PRODUCTS, settings, TODAY)
    assert sheet.name == "Quote - Middle East"
    assert [(r.kind, r.values) for r in sheet.rows] == [
        ("title", ("Ningbo Bright Co., Ltd.",)),
        ("subtitle", ("Quotation - Middle East",)),
        ("blank", ()),
        ("data", ("Founded", "2005")), ("data", ("Total assets", "USD 20 million")),
        ("data", ("Annual sales", "USD 35 million")), ("data", ("Awards", "ISO 9001")),
        ("data", ("Contact", "Lily Wang")), ("data", ("Phone", "+86 574 1")), ("data", ("Fax", "+86 574 2")),
        ("data", ("Email", "lily@bright.cn")), ("data", ("Website", "bright.cn")),
        ("data", ("Address", "Ningbo, China")),
        ("blank", ()),
        ("data", ("Quote date", date(2024, 5, 10))), ("data", ("Valid until", date(2024, 5, 25))),
        ("data", ("Payment terms", "30% T/T deposit")), ("data", ("Incoterm", "FOB Ningbo")),
        ("blank", ()),
        ("header", ("Model", "Name", "Specification", "MOQ", "Unit", "Unit Price", "Currency", "Certifications",
                    "Technical Parameters")),
        ("data", ("LED-100", "LED panel", "600×600 mm", 1000, "pcs", 11.73, "USD", "CE, RoHS", "PF ≥ 0.9")),
        ("data", ("PV-2000", "Inverter", "2 kW", 50, "sets", 955.0, "JPY", "CE", "")),
        ("data", ("CAM-9", "Camera", "4K", None, "", "on request", "USD", "FCC", "")),
        ("blank", ()),
        ("note", ("Note: Competitive first offer.",)),
    ]
    assert sheet.rows[14].format_of(1) == "date"
    assert [r.format_of(5) for r in sheet.rows[20:22]] == ["money", "int"]
    setup = sheet.print_setup
    assert setup is not None
    assert (setup.landscape, setup.paper, setup.fit_width, setup.repeat_rows) == (True, "A4", True, (20, 20))


def test_quote_sheets_one_per_region_in_table_order():
    sheets = quote_sheets(PRODUCTS, Settings(), TODAY)
    assert [s.name for s in sheets] == [f"Quote - {r.region}" for r in Settings().regions]
    north_america = sheets[[s.name for s in sheets].index("Quote - North America")]
    prices = [r.values[5] for r in north_america.rows if r.kind == "data" and len(r.values) == 9]
    assert prices == [14.2, 1156.0, "on request"]  # 12.345 x 1.15 = 14.19675; 1005 x 1.15 = 1155.75


def test_an_ampersand_in_a_region_prints_once_in_the_page_header():
    import zipfile
    from pathlib import Path

    from tradexl.fileengine.render import render_sheet
    from tradexl.fileengine.styles import StyleBook

    region = RegionPricing("Russia & Central Asia", 1.0, "", "T/T", "FOB Ningbo", 15)
    sheet = quote_sheet(region, PRODUCTS, Settings(regions=(region,)), TODAY)
    assert sheet.print_setup is not None and sheet.print_setup.header_center == "Quotation - Russia & Central Asia"
    template = Path(__file__).resolve().parents[1] / "TradeWorkbook.xlsm"
    with zipfile.ZipFile(template) as z:
        styles = StyleBook(z.read("xl/styles.xml"))
    xml = render_sheet(sheet, styles).xml.decode()
    # '&' is a code in headers: one literal '&' is written '&&' (XML-escaped), so Excel prints it once
    assert "Russia &amp;&amp; Central Asia" in xml and "&amp;&amp;&amp;&amp;" not in xml


def test_long_specifications_wrap_and_rows_grow_in_both_shells():
    import re
    import zipfile
    from pathlib import Path

    from tradexl.fileengine.render import render_sheet
    from tradexl.fileengine.styles import StyleBook
    from tradexl.xlshell.plan import render

    long_spec = "Aluminium housing, tempered glass, 150 lm/W, 5000K, IP66, IK08, 0-10V dimming"  # 81 characters
    products = pd.concat([PRODUCTS.iloc[:1].assign(Specification=long_spec), PRODUCTS.iloc[1:]], ignore_index=True)
    sheet = quote_sheet(MIDDLE_EAST, products, Settings(regions=(MIDDLE_EAST,)), TODAY)
    # rows: title, subtitle, blank, 10 company lines (4-13), blank, 4 terms (15-18), blank, header (20), products
    assert [r.kind for r in sheet.rows[19:23]] == ["header", "data", "data", "data"]
    # Specification is 26 wide: 25 characters a line, so 81 characters take 4 lines of 15 points; the default
    # Awards line "(awards and certificates)" (25 characters) in the 24-wide column B takes 2
    assert sheet.row_heights() == {7: 30.0, 21: 60.0}
    excel = render(sheet)
    # Excel gets the rows grouped by look and sorts them back by the key column; count wraps where rows end up
    keys = [row[excel.sort_key - 1] for row in excel.values] if excel.sort_key else range(1, len(excel.values) + 1)
    wrapped = {keys[r - 1] for area in ",".join(excel.wraps).split(",")
               for r in range(int(area.split(":")[0][1:]), int(area.split(":")[1][1:]) + 1)}
    assert sorted(wrapped) == [*range(4, 14), *range(15, 19), *range(21, 24)]
    assert excel.heights == ((30.0, ("A7:I7",)), (60.0, ("A21:I21",)))
    with zipfile.ZipFile(Path(__file__).resolve().parents[1] / "TradeWorkbook.xlsm") as z:
        styles = StyleBook(z.read("xl/styles.xml"))
    xml = render_sheet(sheet, styles).xml.decode()
    assert '<row r="21" ht="60" customHeight="1">' in xml and '<row r="22">' in xml
    style_of = dict(re.findall(r'<c r="([A-I])21" s="(\d+)"', xml))
    book = (styles.result() or b"").decode()
    xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", book.split("<cellXfs", 1)[1].split("</cellXfs>")[0])
    assert all('wrapText="1"' in xfs[int(style_of[c])] and 'vertical="top"' in xfs[int(style_of[c])]
               for c in "ACF")
