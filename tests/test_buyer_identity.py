"""The one buyer rule on a corpus of realistic buyer pairs: the same buyer written differently is found, look-alike
buyers are never merged, and `import`, `lookup` and refresh give the same answer for every case.

Every expected value below was worked out by hand from the rule table in docs/MATCHING.md.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pandas as pd
import pytest

from tradexl import schema
from tradexl.builder import build_workbook
from tradexl.fileengine.reader import read_workbook
from tradexl.mail.importer import import_messages
from tradexl.mail.lookup import find_buyer, find_customers, history_text, query_row
from tradexl.mail.match import assign_customers
from tradexl.model import InputTables
from tradexl.rules.enrich import enrich
from tradexl.rules.identity import THRESHOLDS, BuyerIndex, identify, same_buyer_groups
from tradexl.settings import Settings

CUSTOMERS = pd.DataFrame([
    ("C0001", "Al Noor Trading L.L.C.", "info@alnoor-trading.ae", "+971 4 123 4567", "+971 4 123 4568", "UAE"),
    ("C0002", "Al Nour Electric Est.", "sales@alnour-electric.com.sa", "", "", "Saudi Arabia"),
    ("C0003", "Miller Supply, Inc.", "john.miller@gmail.com", "(713) 555-0142", "", "USA"),
    ("C0004", "Green Home Pty Ltd", "", "(02) 9876 5432", "", "Australia"),
    ("C0005", "Kenya Power", "procurement@kplc.co.ke", "", "", "Kenya"),
    ("C0006", "Kenya Power & Lighting Co.", "", "+254 20 320 1000", "", "Kenya"),
    ("C0007", "Company 5 Trading LLC", "buyer@co5.example.ae", "", "", "UAE"),
    ("C0008", "Star Lighting", "", "", "", "Kenya"),
    ("C0009", "Star Lighting", "", "", "", "India"),
    ("C0010", "Lichtwerk GmbH", "anna.schmidt@lichtwerk.de", "+49 (0)30 1234 5678", "", "Germany"),
    ("C0011", "Sun Light Ltd", "sales@sunlight-uk.co.uk", "020 7946 0018", "", "United Kingdom"),
    ("C0012", "Sun Light GmbH", "info@sunlicht.de", "", "", "Germany"),
    ("C0013", "宁波明华电器有限公司", "mh@minghua-elec.cn", "0574 8888 1234", "", "China"),
    ("C0014", "Adeyemi Power Solutions Ltd", "olu@adeyemipower.com.ng", "0803 123 4567", "", "Nigeria"),
    ("C0015", "Mensah Electrical Supplies Ltd", "", "", "", "Ghana"),
    ("C0016", "Northwind Traders", "purchasing@northwind.ca", "+1 416 555 0199 ext. 12", "", "Canada"),
], columns=["Customer ID", "Company", "Email", "Phone", "Fax", "Country"])
INQUIRIES = pd.DataFrame([  # a past inquiry: the address and phone a known buyer once wrote from count as theirs
    {"Customer ID": "C0015", "Email": "kwame.mensah@yahoo.com", "Phone": "+233 24 412 3456", "Country": "Ghana"},
])

# (probe row, expected Customer ID, expected Match): same buyers written differently, then different buyers.
CORPUS: list[tuple[dict[str, str], str, str]] = [
    ({"Customer ID": "c0010"}, "C0010", "id"),
    ({"Email": "INFO@AlNoor-Trading.ae"}, "C0001", "email"),
    ({"Email": "Anna Schmidt <anna.schmidt@lichtwerk.de>"}, "C0010", "email"),
    ({"Email": "ahmed@alnoor-trading.ae", "Company": "Noor Group"}, "C0001", "domain"),  # a colleague
    ({"Email": "kwame.mensah@yahoo.com"}, "C0015", "email"),  # known from a past inquiry
    ({"Phone": "00971 4 1234567"}, "C0001", "phone"),
    ({"Phone": "+971 (0)4 123 4568"}, "C0001", "phone"),  # the customer's fax line
    ({"Phone": "04-123 4567", "Country": "United Arab Emirates"}, "C0001", "phone"),  # local, country as hint
    ({"Phone": "+1 713 555 0142 x 7"}, "C0003", "phone"),  # extension
    ({"Phone": "+1-416-555-0199"}, "C0016", "phone"),  # Canada, another +1 country
    ({"Phone": "+61 2 9876 5432"}, "C0004", "phone"),  # Australian "(02)" trunk prefix on file
    ({"Phone": "+49 30 12345678", "Company": "Licht Werk"}, "C0010", "phone"),
    ({"Phone": "+86 574 8888 1234"}, "C0013", "phone"),
    ({"Phone": "+234 803 123 4567"}, "C0014", "phone"),
    ({"Phone": "0803 123 4567", "Email": "olu.adeyemi@yahoo.com.ng"}, "C0014", "phone"),  # hint from .ng
    ({"Email": "ahmed.saleh@gmail.com", "Signature": "Ahmed Saleh\nTel: +971 50 999 0000\nFax: +971 4 123 4568"},
     "C0001", "phone"),  # new free-mail address, known fax number in the signature
    ({"Email": "buyer77@hotmail.com", "Company": "AL-NOOR TRADING LLC", "Country": "UAE"}, "C0001", "name 100%"),
    ({"Company": "Mensah Electricals Supplies", "Country": "Ghana"}, "C0015", "name 98%"),
    ({"Company": "Miller Supply Inc", "Country": "USA"}, "C0003", "name 100%"),
    ({"Company": "宁波明华电器", "Email": "li@163.com"}, "C0013", "name 100%"),
    ({"Company": "Adeyemi Power Solution", "Country": "Nigeria"}, "C0014", "name 97%"),  # 44/45
    # different buyers that look alike: nobody merged
    ({"Email": "someone@gmail.com"}, "", ""),  # free mail: the domain says nothing
    ({"Email": "peter@millersupply.com"}, "", ""),  # not John's gmail
    ({"Email": "x@kplc.co.ke.example.org"}, "", ""),
    ({"Phone": "555-0142", "Country": "USA"}, "", ""),  # no area code: identifies no one
    ({"Phone": "+971 4 123 4569"}, "", ""),  # the next number in the same office block
    ({"Company": "Kenya Power & Lighting", "Email": "tenders@gmail.com"}, "C0006", "name 100%"),
    ({"Company": "Kenya Power Lighting Company", "Country": "Kenya"}, "C0006", "name 100%"),
    ({"Company": "Kenya Power Ltd", "Country": "Kenya"}, "C0005", "name 100%"),
    ({"Company": "Company 50 Trading LLC", "Country": "UAE"}, "", ""),  # "5" and "50": two buyers
    ({"Company": "Company 5 Trading LLC", "Email": "b@co50.example.ae"}, "", ""),  # another company's domain
    ({"Company": "Star Lighting", "Country": "Kenya"}, "C0008", "name 100%"),
    ({"Company": "Star Lighting"}, "", "check: name 100% C0008 or C0009"),  # which one? a person decides
    ({"Company": "Star Lighting", "Country": "Nigeria"}, "", ""),  # same name, a third country
    ({"Company": "Al Nour Trading", "Country": "UAE"}, "", "check: name 85% C0001"),
    ({"Company": "Al Nour Electronics", "Country": "Saudi Arabia"}, "", "check: name 91% C0002"),
    ({"Company": "Sun Light", "Country": "United Kingdom"}, "C0011", "name 100%"),
    ({"Company": "Sun Lights Ltd", "Email": "info@sunlights.ng"}, "", ""),  # a company domain they never used
    ({"Company": "Lichtwerk Berlin GmbH"}, "", ""),
    ({"Company": "ABC Co."}, "", ""),  # too short to compare
    ({"Company": "Trading Co."}, "", ""),
]
IDS = [f"{i:02d}-{row.get('Email') or row.get('Phone') or row.get('Company') or row.get('Customer ID')}"
       for i, (row, _, _) in enumerate(CORPUS)]


def _tables() -> InputTables:
    empty = {s.key: pd.DataFrame({c.name: [] for c in s.columns}, dtype=object) for s in schema.INPUT_SHEETS}
    return InputTables(frames={**empty, "customers": CUSTOMERS, "inquiries": INQUIRIES}, settings=Settings())


@pytest.mark.parametrize(("row", "cid", "how"), CORPUS, ids=IDS)
def test_corpus_lookup_and_import_agree_with_the_hand_worked_answer(row, cid, how):
    found = identify(pd.DataFrame([row]), CUSTOMERS, contacts=INQUIRIES).iloc[0]
    assert (found["Customer ID"], found["Match"]) == (cid, how)
    # import: a match keeps its ID and Match; no match makes a new customer; a check makes none
    (imported,), added = assign_customers([dict(row)], CUSTOMERS, INQUIRIES)
    expected_import = (cid, how) if cid or how else ("C0017", "new")
    assert (imported.customer_id, imported.how) == expected_import
    assert len(added) == (0 if cid or how else 1)
    # lookup of the whole row (the Customer history button) and of each field typed as a query
    ids, lookup_how = find_buyer(_tables(), dict(row))
    assert lookup_how == how and ids == ([cid] if cid else list(found["Candidates"]))
    for column in ("Customer ID", "Email", "Phone", "Company"):
        if set(row) == {column}:
            assert find_customers(_tables(), row[column]) == ids


def test_corpus_never_merges_two_customers_and_finds_every_exact_key():
    """Every customer's own e-mail, company domain and phone/fax (written another way) finds that customer, and
    grouping the Customers sheet itself joins no two of them."""
    probes, expected = [], []
    for rec in CUSTOMERS.to_dict("records"):
        for column in ("Email", "Phone", "Fax"):
            if rec[column]:
                probes.append({column: rec[column].upper().replace(" ", "-"), "Country": rec["Country"]})
                expected.append((rec["Customer ID"], "phone" if column != "Email" else "email"))
        domain = rec["Email"].partition("@")[2]
        if domain and domain != "gmail.com":
            probes.append({"Email": "new.colleague@" + domain})
            expected.append((rec["Customer ID"], "domain"))
    found = BuyerIndex(CUSTOMERS).identify(pd.DataFrame(probes))
    assert list(zip(found["Customer ID"], found["Match"], strict=True)) == expected
    assert len(expected) == 31  # 11 e-mails, 9 phones, 1 fax, 10 company domains
    groups = same_buyer_groups(CUSTOMERS)
    assert groups["Group"].tolist() == list(range(len(CUSTOMERS))), "two different customers were joined"


def test_duplicate_customers_are_grouped_for_a_person():
    duplicates = pd.concat([CUSTOMERS, pd.DataFrame([
        {"Customer ID": "C0101", "Company": "AL NOOR TRADING", "Email": "ahmed@alnoor-trading.ae", "Country": "UAE"},
        {"Customer ID": "C0102", "Company": "Green Home", "Phone": "+61 2 9876 5432", "Country": "Australia"},
    ])], ignore_index=True)
    groups = same_buyer_groups(duplicates)
    assert groups.loc[16].tolist() == [0, "domain"] and groups.loc[17].tolist() == [3, "phone"]


def test_the_threshold_table_is_the_only_place_for_cutoffs():
    assert THRESHOLDS["name_check"] < THRESHOLDS["name_link"] <= 100
    table = Path(__file__).resolve().parents[1] / "docs" / "MATCHING.md"
    text = table.read_text(encoding="utf-8")
    assert f"{THRESHOLDS['name_link']:.0f}%" in text and f"{THRESHOLDS['name_check']:.0f}%" in text


def test_refresh_links_a_phone_inquiry_typed_by_hand_and_lists_an_unknown_one():
    tables = _tables()
    tables.frames["inquiries"] = pd.DataFrame([
        {"Received": datetime(2026, 3, 9, 10), "Channel": "Fax", "Phone": "+971 4 123 4568", "Country": "UAE",
         "Message": "Fax: please quote AB-100"},
        {"Received": datetime(2026, 3, 9, 11), "Channel": "Phone", "Phone": "0803 123 4567", "Country": "Nigeria"},
        {"Received": datetime(2026, 3, 9, 12), "Channel": "Phone", "Phone": "+44 161 496 0000", "Company": "Acme"},
        {"Received": datetime(2026, 3, 9, 13), "Channel": "Phone", "Company": "Al Nour Trading", "Country": "UAE"},
    ], index=[2, 3, 4, 5])
    enriched = enrich(tables, date(2026, 3, 10), datetime(2026, 3, 10, 9))
    assert enriched.inquiries["Customer Key"].tolist()[:2] == ["C0001", "C0014"]
    problems = [(p.row, p.column, p.value, p.message.split(" –")[0]) for p in enriched.problems
                if p.sheet == "Inquiries" and p.column in ("Phone", "Company")]
    assert problems == [(4, "Phone", "+44 161 496 0000", "buyer not in Customers"),
                        (5, "Company", "Al Nour Trading", "possible returning buyer (name 85% C0001)")]


CHINA_NOW = datetime(2026, 3, 21, 9, 0)


def _eml(folder: Path, name: str, sender: str, body: str) -> Path:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "sales@ourfactory.cn", "Inquiry AB-100"
    msg["Date"] = format_datetime(datetime(2026, 3, 20, 10, 0).astimezone())
    msg["Message-ID"] = f"<{name}@example.test>"
    msg.set_content(body)
    path = folder / f"{name}.eml"
    path.write_bytes(bytes(msg))
    return path


def test_import_recognises_a_returning_buyer_by_the_fax_in_a_new_free_mail_signature(tmp_path: Path):
    book = tmp_path / "Sales.xlsm"
    build_workbook(book, data={"customers": CUSTOMERS.to_dict("records")})
    mails = tmp_path / "mail"
    mails.mkdir()
    _eml(mails, "a", "Ahmed Saleh <ahmed.saleh.dxb@gmail.com>",
         "Dear Sir,\nPlease quote AB-100, 2,000 pcs.\n\nBest regards\nAhmed Saleh\nPurchasing\n"
         "Fax: +971 4 123 4568\n")
    _eml(mails, "b", "Peter <peter@newbuyer-example.com.br>", "Hello,\nprice for CD-200?\n\nRegards\nPeter\n")
    report = import_messages(book, [mails], now=CHINA_NOW)
    rows = read_workbook(book).frames["inquiries"]
    assert rows[["Email", "Customer ID", "Match"]].values.tolist() == [
        ["ahmed.saleh.dxb@gmail.com", "C0001", "phone"], ["peter@newbuyer-example.com.br", "C0017", "new"]]
    assert [c["Customer ID"] for c in report.new_customers] == ["C0017"]
    assert "C0001 Al Noor Trading" in history_text(read_workbook(book), "ahmed.saleh.dxb@gmail.com")


def test_import_adds_the_match_column_to_a_workbook_without_it(tmp_path: Path):
    from fileengine_support import INQUIRY_HEADERS
    from fileengine_support import build_workbook as build_plain

    book = build_plain(tmp_path / "Old.xlsx", 3)
    assert "Match" not in INQUIRY_HEADERS
    mails = tmp_path / "mail"
    mails.mkdir()
    _eml(mails, "c", "Buyer 1 <buyer1@example.com>", "Hi,\nquote M-1 please\n")
    import_messages(book, [mails], now=CHINA_NOW)
    tables = read_workbook(book)
    assert tables.frames["inquiries"]["Match"].tolist()[-1] == "email"  # buyer1@example.com is customer C001
    with zipfile.ZipFile(book) as z:
        table = z.read("xl/tables/table1.xml").decode()
    column = len(INQUIRY_HEADERS) + 1
    assert 'ref="A2:O6"' in table and f'count="{column}"' in table and 'name="Match"' in table


def test_lookup_query_rows():
    assert query_row("ali@x.ae") == {"Customer ID": "ali@x.ae", "Email": "ali@x.ae"}
    assert query_row("+971 4 123 4567")["Phone"] == "+971 4 123 4567"
    assert query_row("alnoor-trading.ae")["Domain"] == "alnoor-trading.ae"
    assert query_row("Al Noor")["Company"] == "Al Noor"


def test_lookup_of_part_of_a_name_lists_the_names_containing_it_without_calling_it_a_match():
    assert identify(pd.DataFrame([{"Company": "Adeyemi"}]), CUSTOMERS)["Customer ID"].tolist() == [""]
    assert find_customers(_tables(), "Adeyemi") == ["C0014"]
    text = history_text(_tables(), "Adeyemi")
    assert text.startswith("No customer is 'Adeyemi' by the buyer rule") and "== C0014 Adeyemi Power" in text
    assert find_customers(_tables(), "Star") == ["C0008", "C0009"]
