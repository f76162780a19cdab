"""Due Follow-ups: who is due, in which order, highlighted how, in which language."""

from datetime import date

import pandas as pd
import pytest

from tradexl.model import Enriched
from tradexl.reports.due import due_message, due_sheet
from tradexl.settings import Settings
from tradexl.sheetspec import Row

T = pd.Timestamp
TODAY = date(2024, 5, 10)  # a Friday
NAT = pd.NaT


def enriched(**frames: pd.DataFrame) -> Enriched:
    keys = ("inquiries", "customers", "followups", "quotes", "products", "samples")
    return Enriched(**{k: frames.get(k, pd.DataFrame()) for k in keys})


def customers(rows: list[tuple]) -> pd.DataFrame:
    cols = ["Customer Key", "Company", "Owner", "Effective Grade", "Country", "Last Contact", "Next Contact",
            "Channel", "Phone", "Email"]
    frame = pd.DataFrame(rows, columns=cols, index=range(2, 2 + len(rows)))
    frame["Customer ID"] = frame["Customer Key"]
    frame["Current Grade"] = frame["Effective Grade"]
    return frame


CUSTOMERS = customers([
    ("C1", "Alpha Trading", "Li", "A", "UAE", T("2024-05-01"), T("2024-05-04"), "Phone", "+971 1", "a@alpha.ae"),
    ("C2", "Beta LLC", "", "C", "USA", NAT, T("2024-05-10"), "Email", "", "b@beta.com"),
    ("C3", "Gamma Co", "Li", "B", "India", T("2024-05-08"), T("2024-05-15"), "Email", "", ""),
    ("C4", "Delta SA", "Wang", "D", "Chile", T("2024-04-01"), T("2024-05-01"), "Fax", "", ""),
    ("C5", "Epsilon", "Li", "C", "Peru", T("2024-04-20"), T("2024-05-05"), "Email", "", ""),
    ("C6", "Zeta", "Li", "B", "Oman", T("2024-05-02"), T("2024-05-09"), "Email", "", ""),
    ("C7", "Eta", "Wang", "", "Iran", NAT, NAT, "Email", "", ""),
])
FOLLOWUPS = pd.DataFrame({
    "Date": [T("2024-05-01"), T("2024-04-20"), T("2024-05-03"), T("2024-05-02")],
    "Customer Key": ["C1", "C1", "C1", "C6"],
    "Summary": ["sent PI", "first call", "", "asked for catalog"],
    "Next Step": ["", "send PI", "wait for deposit", ""],
})


def test_due_sheet_groups_by_owner_most_overdue_first_with_highlights():
    sheet = due_sheet(enriched(customers=CUSTOMERS, followups=FOLLOWUPS), TODAY, Settings())
    assert sheet.name == "Due Follow-ups"
    assert sheet.rows[-2:] == (Row((), kind="blank"), Row((
        "Colours: pink = an A or B customer past the next contact date, or a balance overdue; yellow = another "
        "customer past the next contact date, or a quote expiring within 2 days.",), kind="note"))
    assert [(r.kind, r.highlight, r.values) for r in sheet.rows[:-2]] == [
        ("title", "", ("Due Follow-ups – Friday 2024-05-10: 6 customers due, 2 overdue A/B",)),
        ("header", "", ("Owner", "Customer", "Grade", "Country", "Last contact", "Next contact", "Days overdue",
                        "Channel", "Last summary", "Next step", "Phone", "Email")),
        ("section", "", ("Li – 3 due",)),
        ("data", "overdue", ("Li", "Alpha Trading", "A", "UAE", date(2024, 5, 1), date(2024, 5, 4), 6, "Phone",
                             "sent PI", "wait for deposit", "+971 1", "a@alpha.ae")),
        ("data", "warn", ("Li", "Epsilon", "C", "Peru", date(2024, 4, 20), date(2024, 5, 5), 5, "Email", "", "", "",
                          "")),
        ("data", "overdue", ("Li", "Zeta", "B", "Oman", date(2024, 5, 2), date(2024, 5, 9), 1, "Email",
                             "asked for catalog", "", "", "")),
        ("section", "", ("Wang – 2 due",)),
        ("data", "warn", ("Wang", "Delta SA", "D", "Chile", date(2024, 4, 1), date(2024, 5, 1), 9, "Fax", "", "", "",
                          "")),
        ("data", "", ("Wang", "Eta", "", "Iran", None, None, 0, "Email", "", "", "", "")),
        ("section", "", ("(no owner) – 1 due",)),
        ("data", "", ("(no owner)", "Beta LLC", "C", "USA", None, date(2024, 5, 10), 0, "Email", "", "", "",
                      "b@beta.com")),
    ]


def test_due_sheet_layout_freezes_filters_and_prints_with_repeated_header():
    sheet = due_sheet(enriched(customers=CUSTOMERS), TODAY, Settings())
    assert sheet.rows[1].kind == "header"
    assert sheet.freeze_rows == 2
    assert sheet.autofilter_header_row == 2
    assert len(sheet.widths) == len(sheet.rows[1].values)
    setup = sheet.print_setup
    assert setup is not None
    assert (setup.landscape, setup.fit_width, setup.repeat_rows) == (True, True, (2, 2))
    assert [sheet.rows[3].format_of(i) for i in (4, 5, 6)] == ["date", "date", "int"]


def test_due_message_counts_due_and_overdue_ab():
    data = enriched(customers=CUSTOMERS)
    assert due_message(data, TODAY, Settings()) == "6 customers due today, 2 overdue A/B"
    assert due_message(data, TODAY, Settings(language="zh")) == "今天 6 个客户待跟进，2 个 A/B 客户逾期"


@pytest.mark.parametrize(("today", "expected"), [
    (date(2024, 4, 30), "1 customer due today, 0 overdue A/B"),  # never contacted = due
    (date(2024, 5, 1), "2 customers due today, 0 overdue A/B"),  # next contact today is due, not overdue
    (date(2024, 5, 5), "4 customers due today, 1 overdue A/B"),
])
def test_due_message_by_day(today, expected):
    assert due_message(enriched(customers=CUSTOMERS), today, Settings()) == expected


def test_nobody_due_gives_a_note_row():
    sheet = due_sheet(enriched(customers=CUSTOMERS.iloc[0:0]), TODAY, Settings())
    assert [(r.kind, r.values) for r in sheet.rows[2:]] == [("note", ("Nobody is due for a follow-up today.",))]
    assert sheet.rows[0].values == ("Due Follow-ups – Friday 2024-05-10: 0 customers due, 0 overdue A/B",)


def test_due_sheet_in_chinese_keeps_english_sheet_name_and_buyer_text():
    sheet = due_sheet(enriched(customers=CUSTOMERS, followups=FOLLOWUPS), TODAY, Settings(language="zh"))
    assert sheet.name == "Due Follow-ups"
    assert sheet.rows[0].values == ("待跟进客户 – 2024-05-10（星期五）：6 个客户到期，2 个 A/B 客户逾期",)
    assert sheet.rows[1].values[:3] == ("业务员", "客户", "等级")
    assert sheet.rows[2].values == ("Li – 3 个待跟进",)
    assert sheet.rows[3].values[7:9] == ("电话", "sent PI")
    assert sheet.rows[-4].values == ("(未分配) – 1 个待跟进",)
    assert sheet.rows[-1].values[0].startswith("颜色：粉色 = A/B 类客户已超过下次联系日期")
    assert sheet.print_setup is not None and sheet.print_setup.footer_center == "第 &P 页，共 &N 页"


def test_cells_are_plain_python_values_for_the_renderers():
    sheet = due_sheet(enriched(customers=CUSTOMERS, followups=FOLLOWUPS), TODAY, Settings())
    assert {type(v) for r in sheet.rows for v in r.values} <= {str, int, date, type(None)}
