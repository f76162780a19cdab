"""Every word on the generated internal sheets, in English and Chinese, as one data table.

Internal sheets (Due Follow-ups, Weekly Summary, Check) follow `Settings.language`; sheet names stay English
because they identify engine-owned sheets. Buyer-facing quotes are always English and do not use this table.
Values arriving from the rules (reply status, inquiry status, channels) are English canonical words and are
translated through `VOCAB_ZH`; anything not in the table is shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradexl.settings import WEEKDAYS, WEEKDAYS_ZH, Settings

LANGUAGES = ("en", "zh")

# key -> (English, Chinese). A key ending in ".one" is the singular form used when count == 1.
LABELS: dict[str, tuple[str, str]] = {
    # shared
    "no_owner": ("(no owner)", "(未分配)"),
    "none": ("None", "无"),
    "total": ("Total", "合计"),
    "unknown": ("(unknown)", "(未知)"),
    "page_footer": ("Page &P of &N", "第 &P 页，共 &N 页"),
    "date_weekday": ("{weekday} {date}", "{date}（{weekday}）"),
    # column headers
    "col.owner": ("Owner", "业务员"),
    "col.salesperson": ("Salesperson", "业务员"),
    "col.customer": ("Customer", "客户"),
    "col.company": ("Company", "公司"),
    "col.grade": ("Grade", "等级"),
    "col.country": ("Country", "国家"),
    "col.last_contact": ("Last contact", "最近联系"),
    "col.next_contact": ("Next contact", "下次联系"),
    "col.days_overdue": ("Days overdue", "逾期天数"),
    "col.channel": ("Channel", "建议渠道"),
    "col.last_summary": ("Last summary", "最近跟进摘要"),
    "col.next_step": ("Next step", "下一步"),
    "col.model": ("Model", "型号"),
    "col.quote_no": ("Quote no", "报价单号"),
    "col.quote_date": ("Quoted", "报价日期"),
    "col.valid_until": ("Valid until", "有效期至"),
    "col.days_left": ("Days left", "剩余天数"),
    "col.price": ("Offer", "报价"),
    "col.phone": ("Phone", "电话"),
    "col.email": ("Email", "邮箱"),
    "col.new": ("New", "新询盘"),
    "col.within_target": ("≤2 h", "2小时内"),
    "col.within_limit": ("≤24 h", "24小时内"),
    "col.late": ("Late", "超时回复"),
    "col.unreplied": ("Unreplied", "未回复"),
    "col.followups": ("Follow-ups", "跟进次数"),
    "col.overdue": ("Overdue", "逾期客户"),
    "col.quotes": ("Quotes", "报价"),
    "col.samples": ("Samples", "寄样"),
    "col.orders": ("Orders", "成交"),
    "col.target": ("Target", "月目标"),
    "col.latest_inquiry": ("Latest inquiry", "最新询盘"),
    "col.product": ("Product", "产品"),
    "col.inquiries": ("Inquiries", "询盘数"),
    "col.share": ("Share", "占比"),
    "col.region": ("Region", "区域"),
    "col.sheet": ("Sheet", "工作表"),
    "col.row": ("Row", "行"),
    "col.column": ("Column", "列"),
    "col.value": ("Value", "值"),
    "col.fix": ("What to fix", "如何修改"),
    # Due Follow-ups
    "due.title": ("Due Follow-ups – {date}: {due} customers due, {overdue_ab} overdue A/B",
                  "待跟进客户 – {date}：{due} 个客户到期，{overdue_ab} 个 A/B 客户逾期"),
    "due.title.one": ("Due Follow-ups – {date}: 1 customer due, {overdue_ab} overdue A/B",
                      "待跟进客户 – {date}：1 个客户到期，{overdue_ab} 个 A/B 客户逾期"),
    "due.message": ("{due} customers due today, {overdue_ab} overdue A/B",
                    "今天 {due} 个客户待跟进，{overdue_ab} 个 A/B 客户逾期"),
    "due.message.one": ("1 customer due today, {overdue_ab} overdue A/B",
                        "今天 1 个客户待跟进，{overdue_ab} 个 A/B 客户逾期"),
    "due.section": ("{owner} – {count} due", "{owner} – {count} 个待跟进"),
    "due.print_header": ("Due Follow-ups {date}", "待跟进客户 {date}"),
    "due.none": ("Nobody is due for a follow-up today.", "今天没有需要跟进的客户。"),
    "due.quotes": ("Quotes expiring within {days} days – {count}: call before the price lapses",
                   "{days} 天内到期的报价 – {count} 条：请在报价失效前联系客户"),
    "due.quotes.one": ("Quotes expiring within {days} days – 1: call before the price lapses",
                       "{days} 天内到期的报价 – 1 条：请在报价失效前联系客户"),
    "due.greeting": ("Greeting due: {holiday} {date}", "节日问候: {holiday} {date}"),
    # Trip and Show (tradexl trip / show)
    "col.rank": ("#", "序号"),
    "col.contact": ("Contact", "联系人"),
    "col.city": ("City", "城市"),
    "col.orders_12mo": ("Orders (12 mo)", "近12月订单额"),
    "col.orders_count": ("Orders", "成交询盘"),
    "col.open_inquiries": ("Open inquiries", "未结询盘"),
    "col.call_window": ("Call window", "通话时段"),
    "col.draft": ("Draft", "草稿"),
    "col.invited": ("Invited", "已邀请"),
    "col.replied": ("Replied", "已回复"),
    "col.met": ("Met", "已见面"),
    "col.products_asked": ("Products asked", "询问产品"),
    "trip.title": ("Trip – {place}: {count} buyers, best first", "出差 – {place}：{count} 个客户（按重要性）"),
    "trip.title.one": ("Trip – {place}: 1 buyer", "出差 – {place}：1 个客户"),
    "trip.dates": ("Travel {start} – {end}; log each visit with: tradexl log BOOK CUSTOMER --channel Visit",
                   "行程 {start} 至 {end}；拜访后登记：tradexl log BOOK 客户 --channel Visit"),
    "trip.log": ("Log each visit with: tradexl log BOOK CUSTOMER --channel Visit",
                 "拜访后登记：tradexl log BOOK 客户 --channel Visit"),
    "trip.none": ("No customer in {place}.", "{place} 没有客户。"),
    "show.title": ("{show} – {city}, {start} – {end}, booth {booth}: {count} buyers to invite",
                   "{show} – {city}，{start} 至 {end}，展位 {booth}：{count} 个客户可邀请"),
    "show.howto": ("Mark Replied / Met in Follow-ups: tradexl log BOOK CUSTOMER --channel \"Trade show\" "
                   "--summary \"Met at {show}\"",
                   "回复/见面请登记跟进：tradexl log BOOK 客户 --channel \"Trade show\" --summary \"Met at {show}\""),
    # Weekly Summary
    "weekly.title": ("Weekly Summary – {company}", "周报 – {company}"),
    "weekly.week": ("Week {start} – {end}", "统计周期：{start} 至 {end}"),
    "weekly.print_header": ("Weekly Summary {start} – {end}", "周报 {start} 至 {end}"),
    "weekly.team": ("Salespeople", "业务员业绩"),
    "weekly.key": ("Key (A) customers", "重点客户（A 类）"),
    "weekly.overdue_ab": ("Overdue A/B customers", "逾期未跟进的 A/B 客户"),
    "weekly.top_products": ("Top products (inquiries this week)", "热门产品（本周询盘）"),
    "weekly.regions": ("Inquiries by region", "各区域询盘"),
    "weekly.grades": ("Grades: A {A} · B {B} · C {C} · D {D}", "等级：A {A} · B {B} · C {C} · D {D}"),
    "weekly.note.replies": ("New, A–D and reply columns count the inquiries received this week; ≤24 h includes ≤2 h; "
                            "fax inquiries use the fax limit.",
                            "新询盘、A–D 和回复列统计本周收到的询盘；24小时内包含2小时内；传真询盘按传真时限。"),
    "weekly.note.orders": ("Orders = inquiries with status Ordered that were received or replied to this week. "
                           "Overdue = customers past their next contact date today.",
                           "成交 = 本周收到或回复、状态为已下单的询盘。逾期客户 = 今天已超过下次联系日期的客户。"),
    # Check
    "check.title": ("Check – {count} problems found", "数据检查 – 发现 {count} 个问题"),
    "check.title.one": ("Check – 1 problem found", "数据检查 – 发现 1 个问题"),
    "check.none": ("No problems found", "未发现问题"),
    # Pool (公海) and conflicts (撞单)
    "col.customer_id": ("Customer ID", "客户编号"),
    "col.reason": ("Why", "原因"),
    "col.history": ("History", "历史"),
    "pool.title": ("Pool – {date}: {count} customers to reassign, {conflicts} buyers with two owners",
                   "公海 – {date}：{count} 个客户待重新分配，{conflicts} 个客户有两个业务员"),
    "pool.print_header": ("Pool {date}", "公海 {date}"),
    "pool.section": ("To reassign (type a new Owner on Customers, or tradexl handover) – {count}",
                     "待重新分配（在客户表输入新业务员，或使用 tradexl handover）– {count}"),
    "pool.conflicts": ("Buyers owned by two salespeople (撞单) – {count}", "撞单：同一客户有两个业务员 – {count}"),
    "pool.none": ("Nobody to reassign.", "没有需要重新分配的客户。"),
    "pool.no_conflicts": ("No buyer has two owners.", "没有撞单。"),
    "pool.overdue": ("{days} days overdue", "逾期 {days} 天"),
    "pool.inactive": ("owner inactive", "业务员已离职"),
    "pool.same_buyer": ("buyer {group}: {how}", "客户 {group}：{how}"),
    "pool.last": ("last {date}", "最近 {date}"),
    "pool.never": ("never contacted", "从未联系"),
    "team.check_title": ("Team Check – {books} workbooks read, {notes} notes about the folder",
                         "团队数据检查 – 读取 {books} 个工作簿，文件夹备注 {notes} 条"),
    "pool.counts": ("{inquiries} inq · {quotes} quotes · {orders} orders",
                    "询盘 {inquiries} · 报价 {quotes} · 成交 {orders}"),
}

# Values produced by the rules (English canonical) -> Chinese.
VOCAB_ZH: dict[str, str] = {
    # reply status
    "Within target": "目标内回复",
    "Within limit": "时限内回复",
    "Late": "超时回复",
    "Unreplied – in time": "未回复（未超时）",
    "Unreplied – overdue": "未回复（已超时）",
    "Replied – time not recorded": "已回复（未记时间）",
    # inquiry status
    "New": "新询盘",
    "Replied": "已回复",
    "Quoted": "已报价",
    "Sample sent": "已寄样",
    "Ordered": "已下单",
    "Lost": "已流失",
    # channels
    "Email": "邮件",
    "Phone": "电话",
    "Fax": "传真",
    "Visit": "拜访",
    "Trade show": "展会",
    "WhatsApp": "WhatsApp",
    "Alibaba": "阿里巴巴",
    "Website": "网站",
    "Sample": "样品",
    "Quote": "报价",
    "Other": "其他",
}

# The seed's grade definitions, shown as a legend on the weekly report.
GRADE_MEANINGS: dict[str, tuple[str, str]] = {
    "A": ("clear intent, likely to buy", "意向明确，可能成交"),
    "B": ("intent but hesitant", "有意向但犹豫"),
    "C": ("long-cycle purchase", "采购周期长、不确定多"),
    "D": ("intent unclear", "意向不明"),
}

_DASHES = str.maketrans({"-": "–", "—": "–"})


@dataclass(frozen=True)
class Labels:
    """The label table bound to one language: `L("col.owner")`, `L.value("Late")`, `L.day(d)`."""

    lang: str = "en"

    @property
    def _pos(self) -> int:
        return 1 if self.lang == "zh" else 0

    def __call__(self, key: str, count: int | None = None, **fields: object) -> str:
        if count == 1 and f"{key}.one" in LABELS:
            key = f"{key}.one"
        text = LABELS[key][self._pos]
        return text.format(count=count, **fields) if (fields or count is not None) else text

    def value(self, text: str) -> str:
        """A rule's canonical English value in this language (unknown values unchanged)."""
        if self.lang != "zh" or not text:
            return text
        return VOCAB_ZH.get(text, VOCAB_ZH.get(text.translate(_DASHES), text))

    def weekday(self, day: date) -> str:
        return (WEEKDAYS_ZH if self.lang == "zh" else WEEKDAYS)[day.weekday()]

    def day(self, day: date) -> str:
        """A date with its weekday name, e.g. "Saturday 2024-05-11" / "2024-05-11（星期六）"."""
        return self("date_weekday", weekday=self.weekday(day), date=day.isoformat())

    def grade_meaning(self, grade: str) -> str:
        return GRADE_MEANINGS[grade][self._pos]


def labels_for(settings: Settings) -> Labels:
    return Labels("zh" if settings.language == "zh" else "en")
