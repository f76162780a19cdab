"""The workbook contract as data: input sheets, their columns, Chinese aliases and dropdown choices.

Both shells (file engine and xlwings) and the builder read this table, so a header or a choice list is
defined exactly once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "id", "date", "datetime", "number", "int", "choice", "bool"]

CHANNELS = ("Email", "Alibaba", "Website", "Phone", "Fax", "Trade show", "WhatsApp", "Other")
INQUIRY_STATUSES = ("New", "Replied", "Quoted", "Sample sent", "Ordered", "Lost")
OPEN_STATUSES = ("New", "Replied", "Quoted", "Sample sent")
GRADES = ("A", "B", "C", "D")
CUSTOMER_TYPES = (
    "Importer", "Wholesaler", "Distributor", "Retailer", "Brand owner", "Project contractor", "Other",
)
SIZES = ("Large", "Medium", "Small")
SOURCES = ("Alibaba", "Trade show", "Website", "Referral", "Existing customer", "Other")
FOLLOWUP_CHANNELS = ("Email", "Phone", "Fax", "Visit", "Trade show", "WhatsApp", "Sample", "Quote")
QUOTE_STATUSES = ("Sent", "Accepted", "Rejected", "Expired")
SAMPLE_TYPES = ("E-sample", "Physical")
FREIGHT = ("Collect", "Prepaid", "T/T prepay")
SAMPLE_STATUSES = ("Preparing", "Sent", "Delivered", "Feedback", "Approved", "Rejected")
YES_NO = ("Yes", "No")
ORDER_STATUSES = ("Confirmed", "In production", "Shipped", "Completed", "Cancelled")
PAYMENT_STATUSES = ("Paid", "Deposit received", "Awaiting deposit", "Balance due", "Balance overdue")


@dataclass(frozen=True)
class Column:
    """One column of an input sheet: canonical English header, accepted aliases, value kind."""

    name: str
    zh: str
    kind: Kind = "text"
    choices: tuple[str, ...] = ()
    required: bool = False
    computed: bool = False
    aliases: tuple[str, ...] = ()
    width: float = 14.0

    def labels(self) -> tuple[str, ...]:
        return (self.name, self.zh, *self.aliases)


@dataclass(frozen=True)
class SheetDef:
    """An input sheet: its key (used in code), English and Chinese names, and columns in default order."""

    key: str
    name: str
    zh: str
    table: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def user_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.computed)

    @property
    def computed_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.computed)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


C = Column

INQUIRIES = SheetDef("inquiries", "Inquiries", "询盘", "tblInquiries", (
    C("Inquiry ID", "询盘编号", "id", width=11, aliases=("询盘号",)),
    C("Received", "收到时间", "datetime", required=True, width=17, aliases=("询盘时间", "日期")),
    C("Channel", "渠道", "choice", CHANNELS, width=11, aliases=("来源渠道",)),
    C("Customer ID", "客户编号", "id", width=11),
    C("Company", "公司", "text", width=26, aliases=("公司名称", "客户名称")),
    C("Contact", "联系人", width=16),
    C("Email", "邮箱", width=26, aliases=("电子邮件", "邮件")),
    C("Phone", "电话", width=16),
    C("Country", "国家", width=14),
    C("Product", "产品", width=16, aliases=("型号", "产品型号")),
    C("Quantity", "数量", "number", width=10),
    C("Target Price", "目标价", "number", width=11, aliases=("目标价格",)),
    C("Message", "内容", width=40, aliases=("询盘内容", "留言")),
    C("Owner", "业务员", width=12, aliases=("负责人",)),
    C("Replied At", "回复时间", "datetime", width=17),
    C("Status", "状态", "choice", INQUIRY_STATUSES, width=12),
    C("Grade", "等级", "choice", GRADES, width=7, aliases=("手动等级",)),
    C("Message ID", "邮件编号", width=18, aliases=("Message-ID",)),
    C("Match", "匹配方式", width=14),
    C("Suggested Grade", "建议等级", computed=True, width=10),
    C("Grade Reason", "评级理由", computed=True, width=40),
    C("Region", "区域", computed=True, width=16),
    C("Response Hours", "回复用时(小时)", "number", computed=True, width=10, aliases=("回复用时",)),
    C("Reply Status", "回复状态", computed=True, width=22),
))

CUSTOMERS = SheetDef("customers", "Customers", "客户", "tblCustomers", (
    C("Customer ID", "客户编号", "id", width=11),
    C("Company", "公司", required=True, width=28, aliases=("公司名称", "客户名称")),
    C("Contact", "联系人", width=16),
    C("Email", "邮箱", width=26, aliases=("电子邮件", "邮件")),
    C("Phone", "电话", width=16),
    C("Fax", "传真", width=16),
    C("Country", "国家", width=14),
    C("City", "城市", width=14),
    C("Type", "类型", "choice", CUSTOMER_TYPES, width=14, aliases=("客户类型",)),
    C("Size", "规模", "choice", SIZES, width=9),
    C("Source", "来源", "choice", SOURCES, width=14),
    C("Owner", "业务员", width=12, aliases=("负责人",)),
    C("Grade", "等级", "choice", GRADES, width=7, aliases=("手动等级",)),
    C("Notes", "备注", width=30),
    C("Email Status", "邮箱状态", width=24),
    C("Do Not Mail", "不发邮件", "choice", YES_NO, width=8, aliases=("DNM", "退订")),
    C("Region", "区域", computed=True, width=16),
    C("Current Grade", "当前等级", computed=True, width=9),
    C("Last Contact", "最近联系", "date", computed=True, width=12),
    C("Next Contact", "下次联系", "date", computed=True, width=12),
    C("Days Overdue", "逾期天数", "int", computed=True, width=9),
    C("Channel", "建议渠道", computed=True, width=10),
    C("Inquiries", "询盘数", "int", computed=True, width=9),
    C("Top Product", "主要产品", computed=True, width=14),
    C("Orders (12 mo)", "订单额(12个月)", "number", computed=True, width=13, aliases=("近12个月订单额",)),
    C("Call Window", "通话时段", computed=True, width=13),
))

FOLLOWUPS = SheetDef("followups", "Follow-ups", "跟进", "tblFollowups", (
    C("Date", "日期", "date", required=True, width=12, aliases=("跟进日期",)),
    C("Customer ID", "客户编号", "id", width=11),
    C("Company", "公司", width=26, aliases=("公司名称", "客户名称")),
    C("Channel", "方式", "choice", FOLLOWUP_CHANNELS, width=11, aliases=("渠道", "跟进方式")),
    C("Summary", "内容摘要", width=40, aliases=("摘要", "跟进内容")),
    C("Next Step", "下一步", width=30),
    C("By", "业务员", width=12, aliases=("跟进人",)),
    C("Needs Help", "需要支持", "choice", YES_NO, width=9, aliases=("求助",)),
    C("Decision", "批复", width=30, aliases=("领导批复",)),
))

QUOTES = SheetDef("quotes", "Quotes", "报价", "tblQuotes", (
    C("Quote No", "报价单号", "id", width=12, aliases=("报价编号",)),
    C("Date", "日期", "date", required=True, width=12, aliases=("报价日期",)),
    C("Customer ID", "客户编号", "id", width=11),
    C("Company", "公司", width=26, aliases=("公司名称", "客户名称")),
    C("Region", "区域", width=16),
    C("Model", "型号", required=True, width=14, aliases=("产品型号",)),
    C("Quantity", "数量", "number", width=10),
    C("Unit Price", "单价", "number", width=11),
    C("Currency", "币种", width=8),
    C("Incoterm", "贸易术语", width=9),
    C("Valid Until", "有效期至", "date", width=12),
    C("Status", "状态", "choice", QUOTE_STATUSES, width=10),
    C("By", "业务员", width=12, aliases=("报价人",)),
    C("Quote State", "报价状态", computed=True, width=10),
))

PRODUCTS = SheetDef("products", "Products", "产品", "tblProducts", (
    C("Model", "型号", required=True, width=14, aliases=("产品型号",)),
    C("Name", "名称", width=26, aliases=("产品名称", "品名")),
    C("Specification", "规格", width=26),
    C("MOQ", "最小起订量", "number", width=9, aliases=("起订量",)),
    C("Unit", "单位", width=7),
    C("Base Price", "基础价", "number", required=True, width=11, aliases=("基础价格", "单价")),
    C("Currency", "币种", width=8),
    C("Certifications", "认证", width=20, aliases=("国际认证",)),
    C("Technical Parameters", "技术参数", width=34),
    C("Key Contact", "关键人", width=14, aliases=("联系人",)),
    C("Image", "图片", width=16),
    C("Hot", "热销", "choice", YES_NO, width=6),
    C("New", "新品", "choice", YES_NO, width=6),
    C("Active", "在售", "choice", YES_NO, width=7),
    C("Carton Qty", "每箱数量", "number", width=9, aliases=("装箱数",)),
    C("Carton Size", "外箱尺寸", width=14, aliases=("箱规",)),
    C("CBM", "每箱体积", "number", width=8, aliases=("体积",)),
    C("Gross Weight", "每箱毛重", "number", width=9, aliases=("毛重",)),
    C("Lead Time (days)", "交期(天)", "number", width=9, aliases=("Lead Time", "交期")),
))

SAMPLES = SheetDef("samples", "Samples", "样品", "tblSamples", (
    C("Date", "日期", "date", required=True, width=12, aliases=("寄样日期",)),
    C("Customer ID", "客户编号", "id", width=11),
    C("Company", "公司", width=26, aliases=("公司名称", "客户名称")),
    C("Model", "型号", width=14, aliases=("产品型号",)),
    C("Type", "类型", "choice", SAMPLE_TYPES, width=10, aliases=("样品类型",)),
    C("Freight", "运费", "choice", FREIGHT, width=11),
    C("Courier", "快递", width=10),
    C("Tracking No", "运单号", width=18),
    C("Cost", "费用", "number", width=9),
    C("Status", "状态", "choice", SAMPLE_STATUSES, width=11),
    C("By", "业务员", width=12, aliases=("寄样人",)),
))

ORDERS = SheetDef("orders", "Orders", "订单", "tblOrders", (
    C("Order No", "订单号", "id", required=True, width=13, aliases=("合同号", "PI号")),
    C("Date", "日期", "date", required=True, width=12, aliases=("下单日期",)),
    C("Customer ID", "客户编号", "id", width=11),
    C("Company", "公司", width=26, aliases=("公司名称", "客户名称")),
    C("Model", "型号", width=14, aliases=("产品型号",)),
    C("Quantity", "数量", "number", width=10),
    C("Unit Price", "单价", "number", width=11),
    C("Amount", "金额", "number", width=13, aliases=("订单金额",)),
    C("Currency", "币种", width=8),
    C("Payment Terms", "付款方式", width=30, aliases=("付款条件",)),
    C("Deposit Received", "已收定金", "number", width=13, aliases=("定金",)),
    C("Deposit Date", "定金日期", "date", width=12, aliases=("定金到账日",)),
    C("Balance Received", "已收尾款", "number", width=13, aliases=("尾款",)),
    C("Balance Date", "尾款日期", "date", width=12, aliases=("尾款到账日",)),
    C("Ship Date", "出货日期", "date", width=12, aliases=("船期",)),
    C("Status", "状态", "choice", ORDER_STATUSES, width=13),
    C("Owner", "业务员", width=12, aliases=("负责人",)),
    C("Amount (Report Currency)", "金额(报告币种)", "number", computed=True, width=14, aliases=("折算金额",)),
    C("Outstanding", "未收款", "number", computed=True, width=13),
    C("Payment Status", "收款状态", computed=True, width=17),
))

INPUT_SHEETS: tuple[SheetDef, ...] = (INQUIRIES, CUSTOMERS, FOLLOWUPS, QUOTES, PRODUCTS, SAMPLES, ORDERS)
SHEETS_BY_KEY = {s.key: s for s in INPUT_SHEETS}

SETTINGS_SHEET = "Settings"
SETTINGS_SHEET_ZH = "设置"

_SPACE = re.compile(r"[\s_]+")


def normalize_header(text: object) -> str:
    """Header text folded for matching: case, spaces, underscores and full-width brackets ignored."""
    if text is None:
        return ""
    folded = str(text).replace("（", "(").replace("）", ")").strip().casefold()
    return _SPACE.sub("", folded)


def sheet_labels(sheet: SheetDef) -> tuple[str, ...]:
    return (sheet.name, sheet.zh)


def match_headers(sheet: SheetDef, headers: list[object]) -> dict[str, int]:
    """Map canonical column name -> 0-based position in `headers`; the first matching header wins."""
    wanted: dict[str, str] = {}
    for col in sheet.columns:
        for label in col.labels():
            wanted.setdefault(normalize_header(label), col.name)
    found: dict[str, int] = {}
    for pos, text in enumerate(headers):
        name = wanted.get(normalize_header(text))
        if name is not None and name not in found:
            found[name] = pos
    return found


def find_sheet(sheet: SheetDef, sheet_names: list[str]) -> str | None:
    """The workbook's sheet that plays this role (English or Chinese name, any case), if any."""
    targets = {normalize_header(label) for label in sheet_labels(sheet)}
    for name in sheet_names:
        if normalize_header(name) in targets:
            return name
    return None


CHOICES_ZH: dict[str, str] = {
    "Email": "邮件", "Alibaba": "阿里巴巴", "Website": "网站", "Phone": "电话", "Fax": "传真", "Trade show": "展会",
    "Other": "其他", "Visit": "拜访", "Sample": "样品", "Quote": "报价",
    "New": "新询盘", "Replied": "已回复", "Quoted": "已报价", "Sample sent": "已寄样", "Ordered": "已下单",
    "Lost": "已流失",
    "Importer": "进口商", "Wholesaler": "批发商", "Distributor": "经销商", "Retailer": "零售商",
    "Brand owner": "品牌商", "Project contractor": "工程商",
    "Large": "大", "Medium": "中", "Small": "小",
    "Referral": "推荐", "Existing customer": "老客户",
    "Sent": "已发送", "Accepted": "已接受", "Rejected": "已拒绝", "Expired": "已过期",
    "E-sample": "电子样品", "Physical": "实物样品",
    "Collect": "到付", "Prepaid": "预付", "T/T prepay": "电汇预付",
    "Preparing": "准备中", "Delivered": "已签收", "Feedback": "已反馈", "Approved": "已确认",
    "Yes": "是", "No": "否",
}
"""The dropdown word a Chinese workbook shows for each choice (grades and WhatsApp stay as they are). Each is one
of the spellings `rules.vocab` accepts, so the engine reads a Chinese dropdown value as the English one."""


def choice_label(value: str, language: str) -> str:
    """A choice as a workbook in `language` shows it in its dropdown ("zh": Chinese, otherwise English)."""
    return CHOICES_ZH.get(value, value) if language == "zh" else value
