"""The label table: complete in both languages, placeholders consistent, rule vocabulary translated."""

import re
from datetime import date

import pytest

from tradexl.reports.labels import LABELS, VOCAB_ZH, Labels, labels_for
from tradexl.settings import Settings

FIELD = re.compile(r"{(\w+)}")


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_both_languages_with_the_same_placeholders(key):
    en, zh = LABELS[key]
    assert en and zh
    assert set(FIELD.findall(en)) == set(FIELD.findall(zh))


def test_language_choice_defaults_to_english():
    assert labels_for(Settings()).lang == "en"
    assert labels_for(Settings(language="zh")).lang == "zh"
    assert labels_for(Settings(language="fr")).lang == "en"


@pytest.mark.parametrize(("value", "zh"), [
    ("Within target", "目标内回复"),
    ("Within limit", "时限内回复"),
    ("Late", "超时回复"),
    ("Unreplied – in time", "未回复（未超时）"),
    ("Unreplied – overdue", "未回复（已超时）"),
    ("Unreplied - overdue", "未回复（已超时）"),  # a plain hyphen is accepted too
    ("Sample sent", "已寄样"),
    ("Phone", "电话"),
    ("Something new", "Something new"),
    ("", ""),
])
def test_rule_values_translate_for_chinese_only(value, zh):
    assert Labels("zh").value(value) == zh
    assert Labels("en").value(value) == value


def test_reply_statuses_from_rules_are_all_translated():
    for status in ("Within target", "Within limit", "Late", "Unreplied – in time", "Unreplied – overdue"):
        assert status in VOCAB_ZH


def test_weekday_and_page_labels():
    saturday = date(2024, 5, 11)
    assert Labels("en").day(saturday) == "Saturday 2024-05-11"
    assert Labels("zh").day(saturday) == "2024-05-11（星期六）"
    assert Labels("en")("page_footer") == "Page &P of &N"
    assert Labels("zh")("page_footer") == "第 &P 页，共 &N 页"


def test_singular_form_only_for_one():
    labels = Labels("en")
    assert labels("check.title", count=1) == "Check – 1 problem found"
    assert labels("check.title", count=2) == "Check – 2 problems found"
