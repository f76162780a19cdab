"""The message table: complete in both languages, and a keyed message stays English text until a shell shows it
in the workbook's language."""

import copy
import pickle
import re

import pytest

from tradexl.errors import MissingColumnError, WorkbookError
from tradexl.messages import MESSAGES, Msg, error_text, localize, msg
from tradexl.model import Problem
from tradexl.reports.check import check_sheet
from tradexl.reports.labels import LABELS, Labels
from tradexl.settings import CompanyProfile, Settings, parse_settings, settings_grid_rows

FIELD = re.compile(r"{(\w+)}")
ZH_DROPS = {"fix.missing": {"column"}, "fix.duplicate": {"column"}, "settings.label": {"en"}}
"""Chinese texts that leave out a field the Check row already shows (its Column cell); a Settings label whose
two spellings are its fields."""
ZH_ADDS = {"settings.label": {"zh"}}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    en, zh = MESSAGES[key]
    assert en and zh
    assert set(FIELD.findall(zh)) == set(FIELD.findall(en)) - ZH_DROPS.get(key, set()) | ZH_ADDS.get(key, set())


def test_a_key_lives_in_one_table_only():
    assert not set(MESSAGES) & set(LABELS)


def test_chinese_messages_are_chinese():
    """Every Chinese text has Chinese in it (a copied English text would not), unless it is only punctuation."""
    for key, (_, zh) in MESSAGES.items():
        words = FIELD.sub("", zh)
        assert re.search(r"[\u4e00-\u9fff]", words) or not re.search(r"[A-Za-z]{3,}", words), key


def test_a_keyed_message_is_english_text_that_remembers_its_key():
    text = msg("error.no_inquiry", inquiry_id="I0042")
    assert text == "no inquiry 'I0042' on the Inquiries sheet (see its Inquiry ID column)"
    assert isinstance(text, str) and text.key == "error.no_inquiry"
    assert localize(text, "zh") == "询盘表中没有询盘“I0042”（请查看询盘编号列）"
    assert localize(text, "en") == text
    assert localize("typed by a person", "zh") == "typed by a person"


def test_fields_that_are_messages_or_lists_are_shown_in_the_same_language():
    done = msg("cli.reply.draft", path="d/r.eml", done=msg("cli.reply.not_logged"))
    assert done == "Draft: d/r.eml  (not logged; once sent, run again with --sent)"
    assert localize(done, "zh") == "草稿：d/r.eml（未登记；发送后请加 --sent 再运行一次）"
    summary = msg("import.summary", parts=(msg("import.added", 2), msg("import.duplicates", 1)))
    assert summary == "2 inquiries added, 1 duplicates skipped"
    assert localize(summary, "zh") == "新增询盘 2 条，跳过重复 1 条"


def test_copies_and_pickles_keep_the_key():
    """Problems and errors cross copies (dataclasses.replace, deepcopy) and processes; str's own copy drops it."""
    text = msg("fix.no_rate", currency="EUR")
    for again in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert isinstance(again, Msg) and again == text
        assert localize(again, "zh") == "没有 EUR 的汇率 – 请在设置的“币种”中添加（币种、汇率）"


def test_an_error_keeps_its_key_for_the_shell_that_shows_it():
    error = MissingColumnError("客户", "Company")
    assert str(error) == "sheet '客户' has no column 'Company' (add it to the header row)"
    assert localize(error_text(error), "zh") == "工作表“客户”没有“Company”列（请在标题行添加）"
    assert error_text(WorkbookError("plain words")) == "plain words"


def test_check_rows_in_chinese_name_the_chinese_header_and_dropdown_word():
    problems = [Problem("样品", 22, "Freight", "Prepaid", msg("fix.prepay", cost="121.85", limit="100.00")),
                Problem("客户", 24, "Country", "Malysia", msg("fix.unknown_country")),
                Problem("Settings", None, "", "", parse_settings([["Setting", "Value"], ["Language", "fr"]])[1][0]),
                Problem("Inquiries", 5, "Owner", "Zoe", "a text nobody keyed is shown as it is")]
    sheet = check_sheet(problems, Settings(language="zh"))
    rows = [row.values for row in sheet.rows]
    assert rows[0] == ("数据检查 – 发现 4 个问题",)
    assert rows[1] == ("工作表", "行", "列", "值", "如何修改")
    assert rows[3] == ("Settings", None, "", "", "语言：“fr”不是 en 或 zh")
    assert rows[4] == ("客户", 24, "国家", "Malysia", "未知国家 – 请改正，或在设置的“国家区域对照”中添加")
    assert rows[5] == ("样品", 22, "运费", "预付",
                       "样品费 121.85 超过预付上限 100.00（设置 › 样品）– 大额样品应由客户电汇预付")
    assert rows[2] == ("Inquiries", 5, "业务员", "Zoe", "a text nobody keyed is shown as it is")
    assert sheet.print_setup is not None and sheet.print_setup.header_center == "数据检查"
    english = check_sheet(problems, Settings())
    assert [row.values for row in english.rows][5] == (
        "样品", 22, "Freight", "Prepaid",
        "sample cost 121.85 is above the prepay limit 100.00 (Settings › Samples) – large samples are prepaid by the "
        "buyer by T/T")
    assert english.print_setup is not None and english.print_setup.header_center == "Check"


def test_settings_problems_in_chinese_name_the_setting_in_chinese():
    _, problems = parse_settings([["Setting", "Value"], ["Reply Target Hours", "two"]])
    assert problems[0] == "Reply Target Hours: 'two' is not a number"
    assert localize(problems[0], "zh") == "回复目标(小时)：“two”不是数字"


def test_chinese_company_name_is_an_optional_setting_used_in_chinese_titles():
    settings = Settings(language="zh", company=CompanyProfile(name="Ningbo Lumax", name_zh="宁波卢马克斯"))
    rows = settings_grid_rows(settings)["general"]
    assert ["Company Name (Chinese)", "宁波卢马克斯"] in rows
    grid = [["Setting", "Value"], *rows]
    read, problems = parse_settings(grid)
    assert not problems and read.company.name_zh == "宁波卢马克斯"
    zh_grid = [["设置项", "值"], ["公司中文名", "宁波卢马克斯"]]
    assert parse_settings(zh_grid)[0].company.name_zh == "宁波卢马克斯"
    assert Labels("zh").company(settings) == "宁波卢马克斯"
    assert Labels("en").company(settings) == "Ningbo Lumax"
    assert Labels("zh").company(Settings()) == "Your Company Co., Ltd."  # no Chinese name: the English one
