"""Settings: the defaults of the contract, and how they are read from the Settings sheet.

The Settings sheet holds small tables (a key/value table and list tables). They are found by their header
rows anywhere on the sheet, so the same parser serves the file engine and the xlwings shell (both hand over the
sheet as a grid of values) and users may move the tables around.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from tradexl.messages import msg
from tradexl.schema import normalize_header

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class CompanyProfile:
    """The company introduction every quote and reply carries (seed step 5)."""

    name: str = "Your Company Co., Ltd."
    founded: str = "(year founded)"
    total_assets: str = "(total assets)"
    annual_sales: str = "(annual sales)"
    awards: str = "(awards and certificates)"
    contact: str = "(contact person)"
    phone: str = "(phone)"
    fax: str = "(fax)"
    email: str = "(email)"
    website: str = "(website)"
    address: str = "(address)"
    name_zh: str = ""
    """The company's Chinese name (optional): the title of a Chinese workbook's reports."""


@dataclass(frozen=True)
class BankDetails:
    """Where the buyer pays the deposit: printed on every proforma invoice."""

    beneficiary: str = "(beneficiary)"
    bank: str = "(bank name)"
    account: str = "(account number)"
    swift: str = "(SWIFT code)"
    address: str = "(bank address)"


@dataclass(frozen=True)
class Cadence:
    grade: str
    every_days: int
    channel: str


@dataclass(frozen=True)
class RegionPricing:
    region: str
    price_factor: float
    pricing_note: str
    payment_terms: str
    incoterm: str
    valid_days: int


@dataclass(frozen=True)
class MailRoute:
    """Mail routing: inquiries sent to mailbox `match` (contains "@") or mentioning keyword `match` go to `owner`."""

    match: str
    owner: str


@dataclass(frozen=True)
class TeamMember:
    name: str
    active: bool = True
    email: str = ""
    monthly_target: float | None = None
    cover: str = ""
    """Who takes over while this salesperson is away (see `tradexl.rules.team`)."""
    away_until: date | None = None
    """Last day away: from today until this day their due customers and new inquiries go to `cover`."""


@dataclass(frozen=True)
class TradeShow:
    """A trade show the team exhibits at (seed step 6: invite buyers with the booth number and newest samples).

    `products` are the models or product words shown ("LX-35, panel lights"); blank means the whole catalog.
    """

    show: str
    city: str = ""
    country: str = ""
    start: date | None = None
    end: date | None = None
    booth: str = ""
    products: str = ""


DEFAULT_CADENCE = (
    Cadence("A", 3, "Phone"),
    Cadence("B", 7, "Email"),
    Cadence("C", 15, "Email"),
    Cadence("D", 30, "Email"),
)

DEFAULT_REGIONS = (
    RegionPricing("Middle East", 0.95, "Competitive first offer for the Middle East market; price firm for "
                  "the quantity quoted.", "30% T/T deposit, 70% before shipment", "FOB Ningbo", 15),
    RegionPricing("Southeast Asia", 0.95, "Competitive first offer for Southeast Asia; ask us for container "
                  "prices.", "30% T/T deposit, 70% against B/L copy", "FOB Ningbo", 15),
    RegionPricing("South Asia", 0.96, "Competitive offer; L/C at sight accepted for full containers.",
                  "L/C at sight or 30% T/T deposit", "FOB Ningbo", 15),
    RegionPricing("Africa", 0.97, "Price for full container loads; mixed containers welcome.",
                  "50% T/T deposit, 50% before shipment", "CFR destination port", 15),
    RegionPricing("Latin America", 1.00, "Standard export price.", "30% T/T deposit, 70% before shipment",
                  "FOB Ningbo", 20),
    RegionPricing("Europe", 1.08, "Includes CE documentation, EU-compliant labelling and 2-year warranty.",
                  "30% T/T deposit, 70% before shipment", "FOB Ningbo", 30),
    RegionPricing("North America", 1.15, "Includes UL/FCC documentation, custom packaging, pre-shipment "
                  "inspection report, 2-year warranty and US-hours after-sales support.",
                  "30% T/T deposit, 70% against B/L copy", "FOB Ningbo", 30),
    RegionPricing("Oceania", 1.10, "Includes SAA/RCM documentation and 2-year warranty.",
                  "30% T/T deposit, 70% before shipment", "FOB Ningbo", 30),
    RegionPricing("East Asia", 1.05, "Includes detailed inspection report with every shipment.",
                  "T/T 30 days after B/L", "FOB Ningbo", 30),
    RegionPricing("Russia & Central Asia", 1.00, "Standard export price; EAC documentation on request.",
                  "100% T/T before shipment", "FCA Ningbo", 20),
)

DEFAULT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "order": ("PI", "proforma", "purchase order", "place an order", "place order", "order", "contract",
              "deposit", "L/C", "payment", "下单", "订单", "形式发票"),
    "urgent": ("urgent", "urgently", "asap", "as soon as possible", "immediately", "this week",
               "prompt shipment", "急", "尽快"),
    "sample": ("sample", "samples", "样品"),
    "long_term": ("tender", "bidding", "next year", "budget", "long term", "long-term", "future project",
                  "planning", "feasibility", "招标", "明年", "预算"),
    "vague": ("catalog", "catalogue", "price list", "pricelist", "all your products", "all products",
              "your products", "目录", "价格表"),
}

SIGNAL_LABELS_ZH = {"order": "下单词", "urgent": "紧急词", "sample": "样品词", "long_term": "长期/招标词",
                    "vague": "泛泛询价词"}


@dataclass(frozen=True)
class Settings:
    """Everything the rules take from the Settings sheet, with the contract's defaults."""

    company: CompanyProfile = field(default_factory=CompanyProfile)
    cadence: tuple[Cadence, ...] = DEFAULT_CADENCE
    open_inquiry_max_days: int = 15
    reply_target_hours: float = 2.0
    reply_limit_hours: float = 24.0
    fax_limit_hours: float = 12.0
    regions: tuple[RegionPricing, ...] = DEFAULT_REGIONS
    country_regions: dict[str, str] = field(default_factory=dict)
    team: tuple[TeamMember, ...] = ()
    language: str = "en"
    week_ends_on: int = 5  # Monday=0 ... Sunday=6
    keywords: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_KEYWORDS))
    catalog_file: str = ""
    mail_routing: tuple[MailRoute, ...] = ()
    pool_after_days: int = 30
    """A customer more than this many days past its next contact goes to the Pool sheet (公海)."""
    team_folder: str = ""
    """The manager's workbook: the shared folder `tradexl team` (ribbon "Team report") reads."""
    grade_after_loss: str = "C"
    """A customer whose latest inquiry is Lost (nothing else open) follows this grade until a new inquiry."""
    quote_expiry_days: int = 7
    """Sent quotes whose Valid Until falls within this many days are listed on Due Follow-ups."""
    bank: BankDetails = field(default_factory=BankDetails)
    mail_folder: str = ""
    """The folder the Import mail button last imported from (remembered for the next time)."""
    imap_host: str = ""
    imap_user: str = ""
    imap_folder: str = "INBOX"
    """The Fetch mail button's mailbox (the password is never in the workbook: OS keyring or environment)."""
    trade_shows: tuple[TradeShow, ...] = ()
    e_sample_first: bool = True
    prepay_samples_above: float = 100.0
    sample_feedback_days: int = 7
    report_currency: str = "USD"
    rates: dict[str, float] = field(default_factory=dict)
    """Currency -> value of 1 unit in the report currency (the report currency itself is always 1)."""
    time_zone: str = "Asia/Shanghai"
    """The team's IANA time zone: Customers `Call Window` shows the buyer's office hours in it."""

    def cadence_for(self, grade: str | None) -> Cadence:
        by_grade = {c.grade: c for c in self.cadence}
        return by_grade.get(grade or "D") or by_grade.get("D") or DEFAULT_CADENCE[-1]

    def region_pricing(self, region: str) -> RegionPricing | None:
        for r in self.regions:
            if r.region == region:
                return r
        return None


# --- the Settings sheet layout -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SettingKey:
    key: str
    zh: str
    attr: str


SETTING_KEYS: tuple[SettingKey, ...] = (
    SettingKey("Company Name", "公司名称", "company.name"),
    SettingKey("Year Founded", "成立年份", "company.founded"),
    SettingKey("Total Assets", "总资产", "company.total_assets"),
    SettingKey("Annual Sales", "年销售额", "company.annual_sales"),
    SettingKey("Awards", "荣誉奖项", "company.awards"),
    SettingKey("Contact Person", "联系人", "company.contact"),
    SettingKey("Phone", "电话", "company.phone"),
    SettingKey("Fax", "传真", "company.fax"),
    SettingKey("Email", "邮箱", "company.email"),
    SettingKey("Website", "网站", "company.website"),
    SettingKey("Address", "地址", "company.address"),
    SettingKey("Reply Target Hours", "回复目标(小时)", "reply_target_hours"),
    SettingKey("Reply Limit Hours", "回复时限(小时)", "reply_limit_hours"),
    SettingKey("Fax Reply Limit Hours", "传真回复时限(小时)", "fax_limit_hours"),
    SettingKey("Open Inquiry Max Days", "未结询盘最长间隔(天)", "open_inquiry_max_days"),
    SettingKey("Language", "语言", "language"),
    SettingKey("Week Ends On", "周报截止日", "week_ends_on"),
    SettingKey("E-catalog File", "电子目录文件", "catalog_file"),
    SettingKey("Grade After Loss", "失单后等级", "grade_after_loss"),
    SettingKey("Quote Expiry Warning Days", "报价到期提醒(天)", "quote_expiry_days"),
    SettingKey("Mail Folder", "邮件导入文件夹", "mail_folder"),
    SettingKey("IMAP Host", "收件服务器", "imap_host"),
    SettingKey("IMAP User", "邮箱用户名", "imap_user"),
    SettingKey("IMAP Folder", "邮箱文件夹", "imap_folder"),
    SettingKey("Pool After Days Overdue", "公海逾期天数", "pool_after_days"),
    SettingKey("Team Folder", "团队文件夹", "team_folder"),
    SettingKey("Report Currency", "报告币种", "report_currency"),
    SettingKey("Company Name (Chinese)", "公司中文名", "company.name_zh"),
    SettingKey("Time Zone", "时区", "time_zone"),
)


@dataclass(frozen=True)
class TableLayout:
    """A list table on the Settings sheet: its title and headers (English, Chinese)."""

    key: str
    title: str
    title_zh: str
    headers: tuple[tuple[str, str], ...]


GENERAL_TABLE = TableLayout("general", "General", "常规", (("Setting", "设置项"), ("Value", "值")))
CADENCE_TABLE = TableLayout("cadence", "Follow-up cadence", "跟进频率",
                            (("Grade", "等级"), ("Every (days)", "间隔(天)"), ("Channel", "渠道")))
REGIONS_TABLE = TableLayout("regions", "Regions and pricing", "区域与报价", (
    ("Region", "区域"), ("Price Factor", "价格系数"), ("Pricing Note", "报价说明"),
    ("Payment Terms", "付款方式"), ("Incoterm", "贸易术语"), ("Valid Days", "有效天数")))
COUNTRY_TABLE = TableLayout("countries", "Country to region overrides", "国家区域对照",
                            (("Country", "国家"), ("Region", "区域")))
TEAM_TABLE = TableLayout("team", "Team", "团队", (("Name", "姓名"), ("Active", "在职"), ("Email", "邮箱"),
                                                ("Monthly Target", "月目标"), ("Cover", "代理人"),
                                                ("Away Until", "外出至")))
TEAM_TABLE_V1 = TableLayout("team", "Team", "团队", TEAM_TABLE.headers[:4])
"""The Team table of workbooks made before `Cover` / `Away Until`: still read, nobody away."""
KEYWORDS_TABLE = TableLayout("keywords", "Grading keywords", "评级关键词",
                             (("Signal", "信号"), ("Keywords", "关键词")))
MAIL_ROUTING_TABLE = TableLayout("routing", "Mail routing", "邮件分配", (("Match", "匹配"), ("Owner", "业务员")))
BANK_TABLE = TableLayout("bank", "Bank details", "银行信息", (("Bank Detail", "银行项目"), ("Value", "内容")))
CURRENCY_TABLE = TableLayout("currency", "Currency", "币种汇率", (("Currency", "币种"), ("Rate", "汇率")))
TRADE_SHOWS_TABLE = TableLayout("trade_shows", "Trade shows", "展会", (
    ("Show", "展会"), ("City", "城市"), ("Country", "国家"), ("From", "开始"), ("To", "结束"), ("Booth", "展位号"),
    ("Products", "展品")))
SAMPLES_TABLE = TableLayout("samples", "Samples", "样品", (("Sample Rule", "样品规则"), ("Value", "值")))
SETTINGS_TABLES = (GENERAL_TABLE, CADENCE_TABLE, REGIONS_TABLE, COUNTRY_TABLE, TEAM_TABLE, KEYWORDS_TABLE,
                   MAIL_ROUTING_TABLE, BANK_TABLE, TRADE_SHOWS_TABLE, SAMPLES_TABLE, CURRENCY_TABLE)

BANK_KEYS: tuple[SettingKey, ...] = (
    SettingKey("Beneficiary", "收款人", "beneficiary"),
    SettingKey("Bank", "开户银行", "bank"),
    SettingKey("Account", "账号", "account"),
    SettingKey("SWIFT", "SWIFT代码", "swift"),
    SettingKey("Bank Address", "银行地址", "address"),
)

SAMPLE_KEYS: tuple[SettingKey, ...] = (
    SettingKey("E-sample First", "先发电子样品", "e_sample_first"),
    SettingKey("Prepay Samples Above", "样品预付上限", "prepay_samples_above"),
    SettingKey("Sample Feedback After Days", "样品反馈天数", "sample_feedback_days"),
)
EXCEL_EPOCH = date(1899, 12, 30)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def locate_table(grid: Sequence[Sequence[Any]], layout: TableLayout) -> tuple[int, int] | None:
    """(row, column), 0-based, of the first header row on the grid matching `layout` (English or Chinese)."""
    wanted = [{normalize_header(en), normalize_header(zh)} for en, zh in layout.headers]
    width = len(wanted)
    for r, row in enumerate(grid):
        for c in range(len(row) - width + 1):
            if all(normalize_header(row[c + i]) in wanted[i] for i in range(width)):
                return r, c
    return None


def find_table(grid: Sequence[Sequence[Any]], layout: TableLayout) -> list[list[Any]] | None:
    """Rows of the first block on the grid whose header row matches `layout` (English or Chinese)."""
    found = locate_table(grid, layout)
    if found is None:
        return None
    r, c = found
    body: list[list[Any]] = []
    for below in grid[r + 1:]:
        cells = [below[c + i] if c + i < len(below) else None for i in range(len(layout.headers))]
        if all(_blank(v) for v in cells):
            break
        body.append(cells)
    return body


def table_row(grid: Sequence[Sequence[Any]], layout: TableLayout, first: str) -> tuple[int, int] | None:
    """(Excel row, Excel column of the table's first column), 1-based, of the row of `layout` whose first cell
    is `first` (case- and space-insensitive; a General key also matches in Chinese); None when absent."""
    found = locate_table(grid, layout)
    if found is None:
        return None
    r, c = found
    keys = {normalize_header(first)} | {normalize_header(k.zh) for k in SETTING_KEYS if k.key == first}
    for below in range(r + 1, len(grid)):
        row = grid[below]
        if c < len(row) and normalize_header(row[c]) in keys:
            return below + 1, c + 1
        if all(_blank(v) for v in row[c:c + len(layout.headers)]):
            return None
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any, what: str, problems: list[str]) -> float | None:
    if _blank(value):
        return None
    try:
        return float(str(value).replace(",", "").strip()) if not isinstance(value, int | float) else float(value)
    except ValueError:
        problems.append(msg("settings.not_number", what=what, value=value))
        return None


def _yes(value: Any) -> bool:
    return _blank(value) or _text(value).casefold() in {"yes", "y", "true", "1", "是", "在职", "x"}


def _day(value: Any, what: str, problems: list[str]) -> date | None:
    """A date cell of a Settings table: an Excel date, a serial number, or text like 2027-04-15."""
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        if isinstance(value, int | float):
            return EXCEL_EPOCH + timedelta(days=int(value))
        return date.fromisoformat(_text(value)[:10])
    except (ValueError, OverflowError):
        problems.append(msg("settings.not_date", what=what, value=value))
        return None


def _trade_shows(grid: Sequence[Sequence[Any]], problems: list[str]) -> tuple[TradeShow, ...]:
    shows = []
    for show, city, country, start, end, booth, products in find_table(grid, TRADE_SHOWS_TABLE) or []:
        if _text(show):
            first = _day(start, msg("settings.show_from", show=_text(show)), problems)
            last = _day(end, msg("settings.show_to", show=_text(show)), problems) or first
            shows.append(TradeShow(_text(show), _text(city), _text(country), first, last, _text(booth),
                                   _text(products)))
    return tuple(shows)


def _sample_rules(grid: Sequence[Sequence[Any]], settings: Settings, problems: list[str]) -> Settings:
    keys = {normalize_header(k.key): k for k in SAMPLE_KEYS} | {normalize_header(k.zh): k for k in SAMPLE_KEYS}
    for key_cell, value in find_table(grid, SAMPLES_TABLE) or []:
        spec = keys.get(normalize_header(key_cell))
        if spec is None or _blank(value):
            continue
        if spec.attr == "e_sample_first":
            settings = replace(settings, e_sample_first=_yes(value))
            continue
        num = _number(value, msg("settings.label", en=spec.key, zh=spec.zh), problems)
        if num is None or num < 0:
            continue
        if spec.attr == "sample_feedback_days":
            settings = replace(settings, sample_feedback_days=int(num))
        else:
            settings = replace(settings, prepay_samples_above=num)
    return settings


def _weekday(value: Any) -> int | None:
    text = _text(value).casefold()
    for i, (en, zh) in enumerate(zip(WEEKDAYS, WEEKDAYS_ZH, strict=True)):
        if text in {en.casefold(), en[:3].casefold(), zh, zh.replace("星期", "周")}:
            return i
    return None


def _time_zone(text: str) -> str | None:
    """An IANA zone name as the tz database spells it ("asia/shanghai" -> "Asia/Shanghai"), else None."""
    name = text.strip().replace(" ", "_")
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        wanted = name.casefold()
        return next((zone for zone in available_timezones() if zone.casefold() == wanted), None)


def parse_settings(grid: Sequence[Sequence[Any]]) -> tuple[Settings, list[str]]:
    """Settings from the Settings sheet's grid of values; unusable values keep their default and are reported."""
    problems: list[str] = []
    settings = Settings()
    company: dict[str, str] = {}
    scalars: dict[str, Any] = {}
    keys = {normalize_header(k.key): k for k in SETTING_KEYS} | {normalize_header(k.zh): k for k in SETTING_KEYS}
    for key_cell, value in find_table(grid, GENERAL_TABLE) or []:
        spec = keys.get(normalize_header(key_cell))
        if spec is None or _blank(value):
            continue
        if spec.attr.startswith("company."):
            company[spec.attr.removeprefix("company.")] = _text(value)
        else:
            scalars[spec.attr] = value
    if company:
        settings = replace(settings, company=replace(settings.company, **company))
    for attr in ("reply_target_hours", "reply_limit_hours", "fax_limit_hours", "open_inquiry_max_days",
                 "pool_after_days"):
        if attr in scalars:
            spec = next(k for k in SETTING_KEYS if k.attr == attr)
            num = _number(scalars[attr], msg("settings.label", en=spec.key, zh=spec.zh), problems)
            if num is not None and num > 0:
                number: Any = int(num) if attr in {"open_inquiry_max_days", "pool_after_days"} else num
                settings = replace(settings, **{attr: number})
    if "language" in scalars:
        lang = _text(scalars["language"]).casefold()
        lang = {"中文": "zh", "chinese": "zh", "english": "en", "英文": "en"}.get(lang, lang)
        if lang in {"en", "zh"}:
            settings = replace(settings, language=lang)
        else:
            problems.append(msg("settings.language", value=scalars["language"]))
    if "week_ends_on" in scalars:
        day = _weekday(scalars["week_ends_on"])
        if day is None:
            problems.append(msg("settings.week_ends_on", value=scalars["week_ends_on"]))
        else:
            settings = replace(settings, week_ends_on=day)
    if "catalog_file" in scalars:
        settings = replace(settings, catalog_file=_text(scalars["catalog_file"]))
    texts: dict[str, Any] = {attr: _text(scalars[attr]) for attr in ("mail_folder", "imap_host", "imap_user",
                                                                     "imap_folder", "team_folder") if attr in scalars}
    if texts:
        settings = replace(settings, **texts)
    if "grade_after_loss" in scalars:
        grade = _text(scalars["grade_after_loss"]).upper()
        if grade in {"A", "B", "C", "D"}:
            settings = replace(settings, grade_after_loss=grade)
        else:
            problems.append(msg("settings.grade_after_loss", value=scalars["grade_after_loss"]))
    if "time_zone" in scalars:
        zone = _time_zone(_text(scalars["time_zone"]))
        if zone is None:
            problems.append(msg("settings.time_zone", value=scalars["time_zone"]))
        else:
            settings = replace(settings, time_zone=zone)
    if "quote_expiry_days" in scalars:
        days = _number(scalars["quote_expiry_days"], msg("settings.label", en="Quote Expiry Warning Days",
                                                            zh="报价到期提醒(天)"), problems)
        if days is not None and days >= 0:
            settings = replace(settings, quote_expiry_days=int(days))

    cadence_rows = find_table(grid, CADENCE_TABLE)
    if cadence_rows:
        cadence = []
        for grade, days, channel in cadence_rows:
            num = _number(days, msg("settings.cadence", grade=grade), problems)
            if _text(grade).upper() in {"A", "B", "C", "D"} and num and num > 0:
                cadence.append(Cadence(_text(grade).upper(), int(num), _text(channel) or "Email"))
        if cadence:
            settings = replace(settings, cadence=tuple(cadence))

    region_rows = find_table(grid, REGIONS_TABLE)
    if region_rows:
        regions = []
        for region, factor, note, terms, incoterm, valid in region_rows:
            num = _number(factor, msg("settings.price_factor", region=region), problems)
            days = _number(valid, msg("settings.valid_days", region=region), problems)
            if _text(region) and num and num > 0:
                regions.append(RegionPricing(_text(region), num, _text(note), _text(terms), _text(incoterm),
                                             int(days) if days else 30))
        if regions:
            settings = replace(settings, regions=tuple(regions))

    overrides = {_text(c): _text(r) for c, r in find_table(grid, COUNTRY_TABLE) or [] if _text(c) and _text(r)}
    if overrides:
        settings = replace(settings, country_regions=overrides)

    team = []
    team_rows = find_table(grid, TEAM_TABLE) or [[*r, None, None] for r in find_table(grid, TEAM_TABLE_V1) or []]
    for name, active, email, target, cover, away in team_rows:
        if _text(name):
            team.append(TeamMember(_text(name), _yes(active), _text(email),
                                   _number(target, msg("settings.target", name=name), problems), _text(cover),
                                   _day(away, msg("settings.away_until", name=name), problems)))
    if team:
        settings = replace(settings, team=tuple(team))

    keyword_rows = find_table(grid, KEYWORDS_TABLE)
    if keyword_rows:
        keywords = dict(DEFAULT_KEYWORDS)
        for signal, words in keyword_rows:
            name = _text(signal).casefold().replace(" ", "_").replace("-", "_")
            if name in keywords:
                keywords[name] = tuple(w.strip() for w in _text(words).replace("，", ",").split(",") if w.strip())
        settings = replace(settings, keywords=keywords)

    if "report_currency" in scalars and _text(scalars["report_currency"]):
        settings = replace(settings, report_currency=_text(scalars["report_currency"]).upper())
    rates: dict[str, float] = {}
    for code, rate in find_table(grid, CURRENCY_TABLE) or []:
        num = _number(rate, msg("settings.rate_of", code=_text(code)), problems)
        if _text(code) and num is not None:
            if num > 0:
                rates[_text(code).upper()] = num
            else:
                problems.append(msg("settings.rate_above_zero", what=msg("settings.rate_of", code=_text(code)),
                                    value=rate))
    if rates:
        settings = replace(settings, rates=rates)

    routes = tuple(MailRoute(_text(m), _text(o)) for m, o in find_table(grid, MAIL_ROUTING_TABLE) or []
                   if _text(m) and _text(o))
    if routes:
        settings = replace(settings, mail_routing=routes)

    bank_keys = {normalize_header(label): k.attr for k in BANK_KEYS for label in (k.key, k.zh)}
    bank = {bank_keys[normalize_header(k)]: _text(v) for k, v in find_table(grid, BANK_TABLE) or []
            if normalize_header(k) in bank_keys and not _blank(v)}
    if bank:
        settings = replace(settings, bank=replace(settings.bank, **bank))
    shows = _trade_shows(grid, problems)
    if shows:
        settings = replace(settings, trade_shows=shows)
    settings = _sample_rules(grid, settings, problems)
    return settings, problems


def settings_grid_rows(settings: Settings) -> dict[str, list[list[Any]]]:
    """The body rows of each Settings table for `settings` (the builder lays them out under their headers)."""
    c = settings.company
    values = {
        "company.name": c.name, "company.founded": c.founded, "company.total_assets": c.total_assets,
        "company.annual_sales": c.annual_sales, "company.awards": c.awards, "company.contact": c.contact,
        "company.phone": c.phone, "company.fax": c.fax, "company.email": c.email,
        "company.website": c.website, "company.address": c.address,
        "reply_target_hours": settings.reply_target_hours, "reply_limit_hours": settings.reply_limit_hours,
        "fax_limit_hours": settings.fax_limit_hours, "open_inquiry_max_days": settings.open_inquiry_max_days,
        "language": settings.language, "week_ends_on": WEEKDAYS[settings.week_ends_on],
        "catalog_file": settings.catalog_file, "grade_after_loss": settings.grade_after_loss,
        "quote_expiry_days": settings.quote_expiry_days, "mail_folder": settings.mail_folder,
        "imap_host": settings.imap_host, "imap_user": settings.imap_user, "imap_folder": settings.imap_folder,
        "pool_after_days": settings.pool_after_days,
        "team_folder": settings.team_folder,
        "report_currency": settings.report_currency,
        "company.name_zh": c.name_zh,
        "time_zone": settings.time_zone,
    }
    return {
        "general": [[k.key, values[k.attr]] for k in SETTING_KEYS],
        "cadence": [[x.grade, x.every_days, x.channel] for x in settings.cadence],
        "regions": [[r.region, r.price_factor, r.pricing_note, r.payment_terms, r.incoterm, r.valid_days]
                    for r in settings.regions],
        "countries": [[k, v] for k, v in settings.country_regions.items()],
        "team": [[t.name, "Yes" if t.active else "No", t.email, t.monthly_target, t.cover, t.away_until]
                 for t in settings.team],
        "keywords": [[k, ", ".join(v)] for k, v in settings.keywords.items()],
        "routing": [[r.match, r.owner] for r in settings.mail_routing],
        "bank": [[k.key, getattr(settings.bank, k.attr)] for k in BANK_KEYS],
        "trade_shows": [[t.show, t.city, t.country, t.start, t.end, t.booth, t.products]
                        for t in settings.trade_shows],
        "samples": [[SAMPLE_KEYS[0].key, "Y" if settings.e_sample_first else "N"],
                    [SAMPLE_KEYS[1].key, settings.prepay_samples_above],
                    [SAMPLE_KEYS[2].key, settings.sample_feedback_days]],
        "currency": [[code, rate] for code, rate in settings.rates.items()],
    }
