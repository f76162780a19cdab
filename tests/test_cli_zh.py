"""A Chinese workbook (`tradexl demo --lang zh`, `tradexl new --lang zh`) through every command, with the real CLI:
everything printed is Chinese apart from names, numbers, paths and the workbook's own data. The English demo
stays English.

"Chinese" is checked precisely: from each output the workbook's own values (companies, contacts, countries, IDs,
tab names, Settings values), paths, file names and `--options` are removed, and no ASCII word of three letters
or more may remain outside a short allowlist. The same check finds the English words in the English output, so
it can fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.cli_support import invoke
from tests.test_adopt import chinese_list
from tradexl.settings import SETTING_KEYS

TODAY = "2026-11-28"
ALLOWED = {"tradexl", "handover", "refresh", "USD", "WhatsApp", "INQ", "LXQ", "TradeXL", "Python", "Excel", "VBA",
           "xlwings", "udfs", "Windows", "macOS",
           "Quote"}  # Quote - <Region> sheets are the buyer's (English) quotes, tab name included
"""Command names quoted in a hint, the report currency, a channel's own name, ID prefixes inside file names, and
the names of the programs and parts `tradexl doctor` checks."""
WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
PATHLIKE = re.compile(r"\S*[/\\]\S*|\S+\.(?:xlsm|xlsx|eml|csv|txt|pdf)\b|--[a-z-]+")

EML = """From: Omar Haddad <omar@newbuyer-lights.ae>
To: sales@lumaxlighting.com
Subject: Inquiry LED floodlight LX-7100
Date: Fri, 27 Nov 2026 09:15:00 +0400
Message-ID: <zh-cli-1@newbuyer-lights.ae>
Content-Type: text/plain; charset=utf-8

Dear sir, please quote 500 pcs LX-7100 floodlight CIF Jebel Ali.
Regards, Omar Haddad, New Buyer Lights LLC, Dubai, UAE
"""


def workbook_values(path: Path) -> list[str]:
    """Every text the workbook itself holds on its input sheets and Settings, and its tab names, longest first
    (the reply and lookup show values cut to 80 characters: those prefixes too)."""
    book = CalamineWorkbook.from_path(str(path))
    generated = {"Due Follow-ups", "Unanswered", "Weekly Summary", "Monthly Review", "Statistics", "Pool", "Check",
                 "History", "Trip", "Show", "Team Check", "Handover Log", "xlwings.conf"}
    values = set(book.sheet_names)
    for name in book.sheet_names:
        if name in generated or name.startswith(("Quote - ", "Team ")):
            continue
        for row in book.get_sheet_by_name(name).to_python():
            values.update(str(v) for v in row if isinstance(v, str) and v.strip())
    values |= {v[:80] for v in values}
    return sorted(values, key=len, reverse=True)


TYPED = ["Nobody Such Co", "nobody-at-all.example", "Amy", "Atlantis"]
"""What the tests type on the command line (a command may quote it back)."""


def english_words(text: str, values: list[str]) -> set[str]:
    """The ASCII words left in `text` once paths, options, the workbook's values and what was typed are taken
    out."""
    text = PATHLIKE.sub(" ", text)
    for value in [*values, *TYPED]:
        if len(value) >= 3 and value in text:
            text = text.replace(value, " ")
    return {w for w in WORD.findall(text) if w not in ALLOWED}


def run(*args: object) -> tuple[int, str]:
    code, out, err = invoke(*args)
    return code, out + err


def settings_labels(path: Path, tab: str) -> list[str]:
    """The first column of the Settings sheet's General table (its labels), below its header row."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(tab).to_python()
    return [str(r[0]) for r in rows[2:2 + len(SETTING_KEYS)]]


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The zh demo, then every command on it; the outputs by command."""
    root = tmp_path_factory.mktemp("zh")
    outputs: dict[str, tuple[int, str]] = {}
    outputs["demo"] = run("demo", "--lang", "zh", "--out", root / "demo", "--today", TODAY)
    book = root / "B.xlsm"
    shutil.copy(root / "demo" / "TradeDemo.xlsm", book)
    eml = root / "inquiry.eml"
    eml.write_text(EML, encoding="utf-8")
    team = root / "team"
    team.mkdir()
    switched = root / "L.xlsm"  # switched to English first, so `language L zh` has tabs to rename
    shutil.copy(book, switched)
    assert run("language", switched, "en", "--today", TODAY)[0] == 0
    english_tabs = CalamineWorkbook.from_path(str(switched)).sheet_names
    english_labels = settings_labels(switched, "Settings")
    commands: dict[str, tuple[object, ...]] = {
        "refresh": ("refresh", book, "--today", TODAY),
        "grade": ("grade", book, "--today", TODAY),
        "followups": ("followups", book, "--today", TODAY),
        "weekly": ("weekly", book, "--today", TODAY),
        "monthly": ("monthly", book, "--today", TODAY),
        "stats": ("stats", book, "--today", TODAY),
        "check": ("check", book, "--today", TODAY),
        "quotes": ("quotes", book, "--today", TODAY, "--text-dir", root / "q"),
        "import": ("import", book, eml),
        "lookup": ("lookup", book, "C0001"),
        "lookup-none": ("lookup", book, "nobody-at-all.example"),
        "lookup-sheet": ("lookup", book, "C0001", "--sheet", "--today", TODAY),
        "reply": ("reply", book, "INQ-0030", "--out", root / "drafts", "--today", TODAY),
        "reply-sent": ("reply", book, "INQ-0030", "--out", root / "drafts", "--sent", "--today", TODAY),
        "reply-again": ("reply", book, "INQ-0030", "--out", root / "drafts", "--sent", "--today", TODAY),
        "log": ("log", book, "C0002", "--channel", "电话", "--summary", "谈了价格", "--today", TODAY),
        "pi": ("pi", book, "INQ-0030", "--out", root / "pi", "--no-pdf", "--today", TODAY),
        "pi-sent": ("pi", book, "INQ-0030", "--out", root / "pi", "--no-pdf", "--sent", "--today", TODAY),
        "mailing": ("mailing", book, "--out", root / "m", "--grade", "A", "--today", TODAY),
        "mailing-sent": ("mailing", book, "--mark-sent", root / "m", "--today", TODAY),
        "greetings": ("greetings", book, "--out", root / "g", "--days", "40", "--today", TODAY),
        "trip": ("trip", book, "--country", "UAE", "--out", root / "t", "--today", TODAY),
        "show": ("show", book, "Middle East Energy", "--out", root / "s", "--today", TODAY),
        "handover": ("handover", book, "Kevin 王凯", "Amy 李静", "--out", root / "h", "--today", TODAY),
        "handover-undo": ("handover", book, "--undo", "H20261128-1"),
        "new": ("new", root / "Team.xlsm", "--lang", "zh"),
        "new-again": ("new", root / "Team.xlsm", "--lang", "zh"),
        "error-customer": ("log", book, "Nobody Such Co", "--channel", "Email", "--summary", "x"),
        "error-inquiry": ("reply", book, "INQ-9999", "--out", root / "drafts"),
        "error-team": ("handover", book, "Kevin 王凯", "Amy"),
        "language": ("language", switched, "zh", "--today", TODAY),
        "language-again": ("language", switched, "zh", "--today", TODAY),
        "doctor": ("doctor", book),
        "adopt": ("adopt", chinese_list(root / "客户资料.xlsx"), "--out", root / "Adopted.xlsm", "--yes"),
        "error-adopt": ("adopt", root / "客户资料.xlsx", "--out", root / "Adopted.xlsm", "--yes"),
        "error-mailing": ("mailing", book, "--out", root / "m2", "--country", "Atlantis", "--today", TODAY),
    }
    for name, args in commands.items():
        outputs[name] = run(*args)
        if name == "new":
            shutil.copy(book, team / "Lily.xlsm")
            shutil.copy(book, team / "Lily.backup.xlsm")
            outputs["team"] = run("team", team, "--into", root / "Team.xlsm", "--today", TODAY)
    return {"outputs": outputs, "book": book, "root": root, "english_tabs": english_tabs,
            "english_labels": english_labels}


@pytest.fixture(scope="module")
def en(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("en")
    demo = run("demo", "--out", root, "--today", TODAY)
    book = root / "TradeDemo.xlsm"
    return {"demo": demo, "refresh": run("refresh", book, "--today", TODAY),
            "error": run("log", book, "Nobody Such Co", "--channel", "Email", "--summary", "x"), "book": book}


COMMANDS = ["demo", "refresh", "grade", "followups", "weekly", "monthly", "stats", "check", "quotes", "import",
            "lookup", "lookup-none", "lookup-sheet", "reply", "reply-sent", "reply-again", "log", "pi", "pi-sent",
            "mailing", "mailing-sent", "greetings", "trip", "show", "handover", "handover-undo", "new", "team",
            "new-again", "error-customer", "error-inquiry", "error-team", "language", "language-again", "doctor",
            "adopt", "error-adopt", "error-mailing"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_speaks_chinese_on_a_chinese_workbook(zh, command):
    outputs = zh["outputs"]
    code, text = outputs[command]
    assert code == (1 if command.startswith("error") or command == "new-again" else 0), text
    assert text.strip() and re.search(r"[\u4e00-\u9fff]", text), text
    old_tabs = zh["english_tabs"] if command == "language" else []  # "Inquiries → 询盘": the tab's old name
    assert not english_words(text, sorted([*workbook_values(zh["book"]), *old_tabs], key=len, reverse=True)), text


def test_chinese_lines_a_person_worked_out(zh):
    outputs = zh["outputs"]
    assert outputs["refresh"][1].splitlines() == ["B.xlsm：今天 36 个客户待跟进，27 个 A/B 客户逾期",
                                                  "数据检查表列出 3 个数据问题。"]
    assert outputs["import"][1].splitlines()[-1] == "B.xlsm：新增询盘 1 条，跳过重复 0 条，新客户 1 个"
    assert "（已于 2026-11-28 登记；未重复添加）\n" in outputs["reply-again"][1]
    assert outputs["error-customer"][1] == ("错误：客户表中没有与“Nobody Such Co”匹配的客户"
                                            "（请给出客户编号、邮箱或公司名）\n")
    assert outputs["error-inquiry"][1] == "错误：询盘表中没有询盘“INQ-9999”（请查看询盘编号列）\n"
    again = outputs["new-again"][1]
    assert again.startswith("错误：") and "已存在；请换一个文件名，或使用 --overwrite" in again
    assert "最新状态：已报价    业务员：Lily 张莉" in outputs["lookup"][1]


def test_the_check_sheet_of_a_chinese_workbook_is_chinese(zh):
    book = CalamineWorkbook.from_path(str(zh["root"] / "demo" / "TradeDemo.xlsm"))
    rows = book.get_sheet_by_name("数据检查").to_python()
    assert rows[0][0] == "数据检查 – 发现 3 个问题"
    assert rows[1] == ["工作表", "行", "列", "值", "如何修改"]
    assert rows[2:] == [
        ["客户", 24.0, "国家", "Malysia", "未知国家 – 请改正，或在设置的“国家区域对照”中添加"],
        ["样品", 22.0, "运费", "预付", "样品费 121.85 超过预付上限 100.00（设置 › 样品）– 大额样品应由客户电汇预付"],
        ["询盘", 182.0, "询盘编号", "INQ-0180", "重复（第 181 行也有）– 每行应唯一"],
    ]
    weekly = book.get_sheet_by_name("周报").to_python()
    assert weekly[0][0] == "周报 – 宁波卢马克斯照明科技有限公司"


def test_an_english_workbook_stays_english_and_the_check_can_fail(en):
    assert en["refresh"][1].splitlines() == ["TradeDemo.xlsm: 36 customers due today, 27 overdue A/B",
                                             "3 data problem(s) listed on the Check sheet."]
    assert en["error"][1] == ("Error: no customer matches 'Nobody Such Co' on the Customers sheet (give a Customer ID, "
                              "email or company name)\n")
    values = workbook_values(en["book"])
    assert {"data", "problem", "listed", "customers", "due", "today"} <= english_words(en["refresh"][1], values)
    assert not re.search(r"[\u4e00-\u9fff]", en["demo"][1] + en["refresh"][1])
    weekly = CalamineWorkbook.from_path(str(en["book"])).get_sheet_by_name("Weekly Summary").to_python()
    assert weekly[0][0] == "Weekly Summary – Ningbo Lumax Lighting Technology Co., Ltd."


def test_an_error_before_any_workbook_is_read_stays_english(tmp_path):
    code, out = run("refresh", tmp_path / "missing.xlsm")
    assert code == 1 and out == f"Error: {tmp_path / 'missing.xlsm'} does not exist\n"


def test_team_adopt_doctor_language_and_outreach_lines_a_person_worked_out(zh):
    outputs = zh["outputs"]
    assert outputs["language-again"][1] == ("L.xlsm：语言 zh；重命名的工作表：无；修改了 0 个标题。\n"
                                            "L.xlsm：今天 36 个客户待跟进，27 个 A/B 客户逾期\n")
    assert "Inquiries → 询盘，Customers → 客户" in outputs["language"][1]
    assert "正常    B.xlsm：TradeXL VBA 模块包含每个按钮的宏\n" in outputs["doctor"][1]
    assert "    网站                   -> （保留为单独一列）\n" in outputs["adopt"][1]
    assert "已复制 3 行到客户表\n" in outputs["adopt"][1]
    refused = outputs["error-adopt"][1]
    assert refused.splitlines()[-1].startswith("错误：") and "已存在；请用 --out 换一个路径" in refused
    assert outputs["error-mailing"][1] == "错误：没有符合这些条件的客户\n"
    assert outputs["team"][1].endswith("团队数据检查表有 1 条关于文件夹的备注。\n")


def test_the_team_check_sheet_of_a_chinese_team_is_chinese(zh):
    """Lily's book is the demo after `import` added one inquiry from a new customer (100 + 1, 360 + 1)."""
    rows = CalamineWorkbook.from_path(str(zh["root"] / "Team.xlsm")).get_sheet_by_name("Team Check").to_python()
    assert rows[0][0] == "团队数据检查 – 读取 1 个工作簿，文件夹备注 1 条"
    assert rows[2:] == [["Lily 张莉", "", "", "客户 101 个，询盘 361 条", "已读取；其数据检查表有 3 个数据问题"],
                        ["Lily.backup.xlsm", "", "", "", "TradeXL 备份（工作簿的上一个版本），已跳过"]]


def test_the_settings_labels_follow_the_language(zh):
    """`new --lang zh` labels Settings › General in Chinese; `language` swaps the labels both ways (the round trip
    en -> zh -> en is byte-identical, tests/test_markers.py); a Chinese label still finds its row (Team Folder)."""
    assert zh["english_labels"] == [k.key for k in SETTING_KEYS]
    assert settings_labels(zh["root"] / "L.xlsm", "设置") == [k.zh for k in SETTING_KEYS]
    labels = settings_labels(zh["root"] / "Team.xlsm", "设置")
    assert labels[:3] == ["公司名称", "成立年份", "总资产"]
    rows = CalamineWorkbook.from_path(str(zh["root"] / "Team.xlsm")).get_sheet_by_name("设置").to_python()
    assert ["团队文件夹", str(zh["root"] / "team")] in [r[:2] for r in rows]
