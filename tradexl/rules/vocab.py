"""Accepted spellings of the dropdown values: case-insensitive English, plus the Chinese words salespeople type.

The canonical values are the choice lists of `tradexl.schema`; this table only adds other ways of writing them.
"""

from __future__ import annotations

import re

from tradexl import schema

ALIASES: dict[str, tuple[str, ...]] = {
    "Email": ("e-mail", "mail", "邮件", "电子邮件", "邮箱"),
    "Alibaba": ("阿里巴巴", "阿里", "alibaba.com"),
    "Website": ("web", "网站", "官网"),
    "Phone": ("tel", "telephone", "call", "电话"),
    "Fax": ("传真",),
    "Trade show": ("tradeshow", "exhibition", "fair", "展会", "广交会"),
    "WhatsApp": ("wa", "whats app"),
    "Other": ("others", "其他", "其它"),
    "Visit": ("拜访", "visited"),
    "Sample": ("样品", "寄样"),
    "Quote": ("quotation", "报价"),
    "New": ("新", "新询盘", "未处理"),
    "Replied": ("已回复", "回复"),
    "Quoted": ("已报价",),
    "Sample sent": ("样品已寄", "已寄样", "sample", "samples sent"),
    "Ordered": ("order", "已下单", "下单", "成交", "已成交", "won"),
    "Lost": ("丢失", "流失", "已流失", "失败", "closed"),
    "Sent": ("已发送", "已发", "发送", "已寄出"),
    "Accepted": ("接受", "已接受", "成交", "won"),
    "Rejected": ("拒绝", "已拒绝", "declined"),
    "Expired": ("过期", "已过期", "失效"),
    "E-sample": ("esample", "electronic", "电子样品", "电子样"),
    "Physical": ("实物", "实物样品", "实样"),
    "Collect": ("到付", "freight collect"),
    "Prepaid": ("预付", "寄付", "freight prepaid"),
    "T/T prepay": ("tt", "t/t", "电汇预付"),
    "Preparing": ("准备中", "待寄"),
    "Delivered": ("已签收", "签收", "已送达"),
    "Feedback": ("已反馈", "反馈"),
    "Approved": ("通过", "已确认", "确认"),
    "Importer": ("进口商",),
    "Wholesaler": ("批发商",),
    "Distributor": ("经销商", "分销商", "代理商"),
    "Retailer": ("零售商",),
    "Brand owner": ("品牌商", "brand"),
    "Project contractor": ("工程商", "contractor", "项目商"),
    "Large": ("大", "l", "big"),
    "Medium": ("中", "m", "mid"),
    "Small": ("小", "s"),
    "Referral": ("推荐", "介绍"),
    "Existing customer": ("老客户", "existing"),
    "Yes": ("y", "true", "1", "是", "x", "✓", "有"),
    "No": ("n", "false", "0", "否", "无"),
}
"""Canonical value -> other spellings. An alias only applies to a column whose
choice list contains its canonical value, so "成交" is Ordered for inquiries and Accepted for quotes."""

_FOLD = re.compile(r"[\s_\-./]+")


def fold(text: object) -> str:
    return _FOLD.sub("", str(text).casefold())


def choice_lookup(choices: tuple[str, ...]) -> dict[str, str]:
    """Folded spelling -> canonical choice, for one column's choice list."""
    lookup: dict[str, str] = {}
    for choice in choices:
        lookup[fold(choice)] = choice
        for alias in ALIASES.get(choice, ()):
            lookup.setdefault(fold(alias), choice)
    if choices == schema.GRADES:
        lookup |= {fold(f"{g}级"): g for g in choices} | {fold(f"grade {g}"): g for g in choices}
    return lookup
