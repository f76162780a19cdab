"""Plain-text quotes: pure ASCII, fixed-width columns that line up, lines within the mail width."""

from datetime import date

import pandas as pd
import pytest

from tradexl.reports.textquote import LINE_WIDTH, text_quote, text_quotes, to_ascii
from tradexl.settings import CompanyProfile, RegionPricing, Settings

TODAY = date(2024, 5, 10)
REGION = RegionPricing("Middle East", 0.95, "Competitive first offer – price firm for 7 days.",
                       "30% T/T deposit, 70% before shipment", "FOB Ningbo", 15)
COMPANY = CompanyProfile(name="Ningbo Bright Lighting Co., Ltd. (宁波)", founded="2005",
                         total_assets="USD 20 million", annual_sales="USD 35 million",
                         awards="“Top 10 Exporter” 2022", contact="Lily Wang", phone="+86 574 1", fax="+86 574 2",
                         email="lily@bright.cn", website="www.bright.cn", address="No. 8 Road, Ningbo")
SETTINGS = Settings(company=COMPANY, regions=(REGION,))
PRODUCTS = pd.DataFrame({
    "Model": ["LED-100", "PV-2000", "OLD-1"],
    "Name": ["LED panel light 600×600", "太阳能 Solar inverter with a very long descriptive name", "Old"],
    "Specification": ["≥ 90 lm/W, 3000–6500 K", "2 kW, −20~60 °C, 5 µF, 10 Ω", ""],
    "MOQ": [1000.0, 50.0, 1.0],
    "Unit": ["pcs", "sets", "pcs"],
    "Base Price": [12.345, 1005.0, 1.0],
    "Currency": ["USD", "JPY", "USD"],
    "Certifications": ["CE, RoHS, UL, SAA, ETL", "CE", ""],
    "Technical Parameters": ["Input AC 100–240 V; PF ≥ 0.9; CRI > 80; lifetime 50,000 h; IP44; 3-year "
                             "warranty; dimming 0-10V optional", "", "x"],
    "Active": ["", "Yes", "No"],
})

EXPECTED = """\
QUOTATION - MIDDLE EAST
Ningbo Bright Lighting Co., Ltd.

Founded:        2005
Total assets:   USD 20 million
Annual sales:   USD 35 million
Awards:         "Top 10 Exporter" 2022
Contact:        Lily Wang
Phone:          +86 574 1
Fax:            +86 574 2
Email:          lily@bright.cn
Website:        www.bright.cn
Address:        No. 8 Road, Ningbo

Quote date:     2024-05-10

Model        | Product          | Specification       |        MOQ |     Unit price | Certifications
-------------+------------------+---------------------+------------+----------------+---------------
LED-100      | LED panel light  | >= 90 lm/W,         |  1,000 pcs |      USD 11.73 | CE, RoHS, UL,
             | 600x600          | 3000-6500 K         |            |                | SAA, ETL
PV-2000      | Solar inverter   | 2 kW, -20~60 degC,  |    50 sets |        JPY 955 | CE
             | with a very long | 5 uF, 10 Ohm        |            |                |
             | descriptive name |                     |            |                |

Technical parameters:
  LED-100: Input AC 100-240 V; PF >= 0.9; CRI > 80; lifetime 50,000 h; IP44; 3-year warranty;
           dimming 0-10V optional

Payment terms:  30% T/T deposit, 70% before shipment
Incoterm:       FOB Ningbo
Valid until:    2024-05-25

Note: Competitive first offer - price firm for 7 days.
"""


def table_lines(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Model "))
    end = lines.index("", start)
    return lines[start:end]


def test_text_quote_golden():
    assert text_quote(REGION, PRODUCTS, SETTINGS, TODAY) == EXPECTED


def test_text_quote_is_ascii_and_within_line_width():
    long_products = PRODUCTS.assign(Specification="Ø 30 mm · ±5% · “quoted” — wide " + "x" * 150)
    text = text_quote(REGION, long_products, SETTINGS, TODAY)
    assert text.isascii()
    assert max(len(line) for line in text.splitlines()) <= LINE_WIDTH


def test_text_quote_columns_line_up_on_every_table_line():
    long_products = PRODUCTS.assign(Certifications="CE, RoHS, UL, SAA, ETL, FCC, GS, CB, KC, PSE, BIS, SASO",
                                    Name="Averyveryverylongproductnamewithoutanyspaces")
    lines = table_lines(text_quote(REGION, long_products, SETTINGS, TODAY))
    bars = [i for i, ch in enumerate(lines[0]) if ch == "|"]
    assert len(bars) == 5
    assert [i for i, ch in enumerate(lines[1]) if ch == "+"] == bars
    assert len(lines) > 8  # long cells wrapped onto continuation lines
    for line in lines[2:]:
        assert [i for i, ch in enumerate(line) if ch == "|"] == bars, line


def test_text_quote_only_the_models_asked_for():
    text = text_quote(REGION, PRODUCTS, SETTINGS, TODAY, models=["pv2000", "OLD-1", "ZX-9"])
    lines = table_lines(text)
    assert [line.split(" |")[0].strip() for line in lines[2:] if line[0] != " "] == ["PV-2000"]
    assert "Please contact us for: OLD-1, ZX-9" in text
    assert "Technical parameters" not in text


def test_text_quotes_one_per_region():
    quotes = text_quotes(PRODUCTS, Settings(), TODAY)
    assert list(quotes) == [r.region for r in Settings().regions]
    assert "USD 14.20" in quotes["North America"]
    assert all(q.isascii() for q in quotes.values())


@pytest.mark.parametrize(("raw", "expected"), [
    ("≥ 1000 pcs", ">= 1000 pcs"),
    ("3000–6500 K — warm", "3000-6500 K - warm"),
    ("“Best” ‘price’", "\"Best\" 'price'"),
    ("600×600 mm", "600x600 mm"),
    ("25 °C", "25 degC"),
    ("10 Ω, 5 µF", "10 Ohm, 5 uF"),
    ("Café Müller", "Cafe Muller"),
    ("ＡＢＣ１２３，full width", "ABC123,full width"),
    ("宁波 Bright 灯具", "Bright"),
    ("Bright Co. (宁波)【新】", "Bright Co."),
    ("line\nbreak\ttab", "line break tab"),
    (None, ""),
    (float("nan"), ""),
    (1000, "1000"),
])
def test_to_ascii(raw, expected):
    assert to_ascii(raw) == expected
