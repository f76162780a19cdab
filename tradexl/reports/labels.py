"""Every word on the generated internal sheets, in English and Chinese, as one data table.

Internal sheets (Due Follow-ups, Weekly Summary, Check) follow `Settings.language`; sheet names stay English
because they identify engine-owned sheets. Buyer-facing quotes are always English and do not use this table.
Values arriving from the rules (reply status, inquiry status, channels) are English canonical words and are
translated through `VOCAB_ZH`; anything not in the table is shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradexl.messages import localize, template
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
    "col.unreplied": ("Unreplied", "超时未回"),
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
    "unanswered.title": ("Unanswered inquiries", "未回复询盘"),
    "unanswered.subtitle": ("As of {now}: {n} unanswered, {late} past the limit",
                            "截至 {now}：未回复 {n} 条，已超时 {late} 条"),
    "unanswered.section": ("{owner}: {n} unanswered", "{owner}：未回复 {n} 条"),
    "unanswered.print_header": ("Unanswered inquiries, {now}", "未回复询盘 {now}"),
    "unanswered.days": ("{count} days", "{count} 天"),
    "unanswered.days.one": ("1 day", "1 天"),
    "unanswered.hours": ("{count} h", "{count} 小时"),
    "unanswered.minutes": ("{count} min", "{count} 分钟"),
    "unanswered.overdue": ("{amount} overdue", "已超时 {amount}"),
    "unanswered.left": ("{amount} left", "还剩 {amount}"),
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
    "due.balances": ("Balances overdue – {count} orders, {currency} {total} outstanding",
                     "逾期未收尾款 – {count} 个订单，未收 {currency} {total}"),
    "due.balances.one": ("Balances overdue – 1 order, {currency} {total} outstanding",
                         "逾期未收尾款 – 1 个订单，未收 {currency} {total}"),
    "col.order_no": ("Order No", "订单号"),
    "col.ship_date": ("Ship date", "出货日期"),
    "col.balance_due": ("Balance due", "尾款到期"),
    "col.currency": ("Currency", "币种"),
    "col.outstanding": ("Outstanding", "未收款"),
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
    # Weekly Summary: dashboard and written report (issue 9)
    "weekly.week_to_date": ("Week to date: {start} – {today} (week ends {end})",
                            "本周截至目前：{start} 至 {today}（本周截止 {end}）"),
    "weekly.print_header_to_date": ("Weekly Summary, week to date {start} – {today}",
                                    "周报（本周截至目前）{start} 至 {today}"),
    "weekly.headline": ("Headline figures (change against the same days of last week)", "核心数据（与上周同期相比）"),
    "weekly.followed": ("Customers followed up this week", "本周跟进的客户"),
    "weekly.followed_by": ("{owner}: {count} customers", "{owner}：{count} 个客户"),
    "weekly.followed_by.one": ("{owner}: 1 customer", "{owner}：1 个客户"),
    "weekly.key_in_play": ("Key (A) customers still in play", "仍在跟进的重点客户（A 类）"),
    "weekly.needs_help": ("Needs a decision (Follow-ups marked Needs Help)", "需要批复的事项（跟进表中标记需要支持）"),
    "weekly.sources": ("Inquiries by source", "各渠道询盘"),
    "weekly.note.team": ("Orders, payments, inquiries, ≤2 h, follow-ups, quotes and samples count this week; MTD = "
                         "month to date; Unreplied = past the reply limit now; Overdue = customers past their next "
                         "contact date now.",
                         "订单、收款、询盘、2小时内、跟进、报价、寄样为本周数据；本月订单为本月至今；"
                         "未回复 = 目前已超过回复时限；逾期客户 = 目前已超过下次联系日期。"),
    "weekly.legend": ("Colours: yellow = has inquiries past the reply limit, or a request waiting for a decision; "
                      "pink = past the next contact date, or unreplied inquiries past the limit.",
                      "颜色：黄色 = 有超过回复时限的询盘，或有待批复的请求；"
                      "粉色 = 已超过下次联系日期，或有超时未回复的询盘。"),
    "weekly.chart": ("Orders this month against target ({currency})", "本月订单与目标（{currency}）"),
    "kpi.new_inquiries": ("New inquiries", "新询盘"),
    "kpi.new_customers": ("New customers (first inquiry)", "新客户（首次询盘）"),
    "kpi.within_target": ("Replied within 2 h", "2小时内回复"),
    "kpi.unreplied": ("Unreplied past limit (now)", "超时未回复（当前）"),
    "kpi.overdue_customers": ("Overdue customers (now)", "逾期未跟进客户（当前）"),
    "kpi.quote_value": ("Quote value ({currency})", "报价金额（{currency}）"),
    "kpi.order_value": ("Order value ({currency})", "订单金额（{currency}）"),
    "kpi.payments": ("Payments received ({currency})", "收款（{currency}）"),
    "kpi.mtd": ("Month to date / target / %", "本月订单 / 目标 / 完成率"),
    "col.figure": ("Figure", "指标"),
    "col.this_week": ("This week", "本周"),
    "col.last_week": ("Last week", "上周同期"),
    "col.change": ("Change", "变化"),
    "col.orders_mtd": ("MTD orders", "本月订单"),
    "col.target_pct": ("% target", "完成率"),
    "col.orders_value": ("Orders", "本周订单"),
    "col.payments": ("Payments", "本周收款"),
    "col.ab": ("A/B", "A/B"),
    "col.contacts": ("Contacts", "次数"),
    "col.summary": ("Summary", "跟进情况"),
    "col.inquiry": ("Inquiry", "最新询盘"),
    "col.date": ("Date", "日期"),
    "col.by": ("By", "业务员"),
    "col.request": ("Request", "请求"),
    "col.decision": ("Decision", "批复"),
    "col.name": ("Name", "名称"),
    "col.ordered": ("Ordered", "已下单"),
    "col.source": ("Source", "渠道"),
    # Monthly Review (issue 9)
    "monthly.title": ("Monthly Review – {company}", "月度复盘 – {company}"),
    "monthly.month": ("Month {month}", "统计月份：{month}"),
    "monthly.month_to_date": ("Month {month} to date: {start} – {today}", "{month} 月至今：{start} 至 {today}"),
    "monthly.print_header": ("Monthly Review {month} (as of {today})", "月度复盘 {month}（截至 {today}）"),
    "monthly.targets": ("Orders and payments against target", "订单与收款对比目标"),
    "monthly.note.targets": ("Amounts in {currency}. Outstanding and overdue balances are as of today.",
                             "金额单位 {currency}。未收款与逾期尾款为截至今天的数据。"),
    "monthly.trend": ("Trend of the last six months", "近六个月趋势"),
    "monthly.legend": ("Colours: pink = a balance overdue, or a key customer past the next contact date.",
                       "颜色：粉色 = 有逾期尾款，或重点客户已超过下次联系日期。"),
    "monthly.chart": ("Orders and payments by month ({currency})", "每月订单与收款（{currency}）"),
    "stats.title": ("Statistics – {company}", "统计 – {company}"),
    "stats.subtitle": ("As of {today}; amounts in {currency}; activity tables cover the last 12 months.",
                       "截至 {today}；金额单位 {currency}；活动表统计近 12 个月。"),
    "stats.print_header": ("Statistics {today}", "统计 {today}"),
    "stats.by_region": ("Customers by region", "客户区域分布"),
    "stats.by_type": ("Customers by type", "客户类型分布"),
    "stats.by_size": ("Customers by size", "客户规模分布"),
    "stats.by_source": ("Customers by source", "客户来源分布"),
    "stats.by_month_chart": ("Inquiries, quotes and orders by month", "每月询盘、报价与订单"),
    "stats.activity_product": ("Top products, last 12 months ({currency})", "热门产品（近12个月，{currency}）"),
    "stats.activity_source": ("Inquiries by source, last 12 months", "各渠道询盘（近12个月）"),
    "stats.funnel": ("Inquiry → quote → sample → order (last 12 months)", "询盘 → 报价 → 样品 → 订单（近12个月）"),
    "stats.reply_times": ("Reply times by month", "每月回复用时"),
    "stats.reply_chart": ("Median reply time (hours)", "回复用时中位数（小时）"),
    "funnel.inquiries": ("Inquiries", "询盘"),
    "funnel.quoted": ("Quoted", "已报价"),
    "funnel.sampled": ("Sample sent", "已寄样"),
    "funnel.ordered": ("Ordered", "已下单"),
    "col.customers": ("Customers", "客户数"),
    "col.order_value": ("Order value", "订单金额"),
    "col.type": ("Type", "类型"),
    "col.size": ("Size", "规模"),
    "col.stage": ("Stage", "阶段"),
    "col.median_hours": ("Median h", "中位小时"),
    "col.within_target_pct": ("≤2 h %", "2小时内%"),
    "col.within_limit_pct": ("≤24 h %", "24小时内%"),
    "monthly.a_list": ("A-list: key customers and their situation", "A 类客户名单及现状"),
    "monthly.new": ("New customers this month (first inquiry)", "本月新客户（首次询盘）"),
    "monthly.lost": ("Customers lost this month", "本月流失客户"),
    "monthly.outstanding": ("Outstanding payments", "未收款项"),
    "situation.quotes": ("{count} open quote(s) {currency} {value}", "未结报价 {count} 份 {currency} {value}"),
    "situation.samples": ("{count} sample(s)", "寄样 {count} 次"),
    "situation.orders": ("orders 12 mo {currency} {value}", "近12个月订单 {currency} {value}"),
    "situation.owed": ("owes {currency} {value}", "未付 {currency} {value}"),
    "to_date": ("to date", "至今"),
    "col.orders_month": ("Orders", "本月订单"),
    "col.payments_month": ("Payments", "本月收款"),
    "col.overdue_balances": ("Overdue", "逾期尾款"),
    "col.new_customers": ("New cust.", "新客户"),
    "col.lost": ("Lost", "流失"),
    "col.month": ("Month", "月份"),
    "col.quote_value": ("Quote value", "报价金额"),
    "col.order_count": ("Orders", "订单数"),
    "col.situation": ("Situation", "现状"),
    "col.first_inquiry": ("First inquiry", "首次询盘"),
    "col.outstanding_report": ("Owed (report)", "未收(折算)"),
    "col.payment_status": ("Payment", "收款状态"),
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
    "team.print_header": ("Team {header}", "团队{header}"),
    "team.check_header": ("Team Check", "团队数据检查"),
    "team.weekly_title": ("Team Weekly Summary – {company}", "团队周报 – {company}"),
    "team.monthly_title": ("Team Monthly Review – {company}", "团队月度复盘 – {company}"),
    "team.stats_title": ("Team Statistics – {company}", "团队统计 – {company}"),
    "team.pool_title": ("Team Pool – {date}: {count} customers to reassign, {conflicts} buyers with two owners "
                        "across {books} workbooks",
                        "团队公海 – {date}：{count} 个客户待重新分配，"
                        "{books} 个工作簿中 {conflicts} 个客户有两个业务员"),
    "team.other_currency": ("its amounts are in this currency, not {currency}: the team's money figures add them "
                            "as they are – set the same Report Currency in every workbook",
                            "该工作簿金额使用此币种而非 {currency}：团队金额按原数相加 – "
                            "请在每个工作簿设置相同的报告币种"),
    "stats.activity_salesperson": ("By salesperson, last 12 months ({currency})", "按业务员（近12个月，{currency}）"),
    "pool.counts": ("{inquiries} inq · {quotes} quotes · {orders} orders",
                    "询盘 {inquiries} · 报价 {quotes} · 成交 {orders}"),
    # Messages in the workbook's language (issue 13): Check's print header
    "check.print_header": ("Check", "数据检查"),
    # Statistics: month × region matrices (months as rows, regions as columns)
    "stats.matrix_inquiries": ("Inquiries by month × region", "询盘：月份 × 区域"),
    "stats.matrix_quotes": ("Quotes by month × region", "报价：月份 × 区域"),
    "stats.matrix_orders": ("Orders by month × region", "订单数：月份 × 区域"),
    "stats.matrix_value": ("Order value by month × region ({currency})", "订单额：月份 × 区域（{currency}）"),
    # Due Follow-ups: what its colours mean
    "due.legend": ("Colours: pink = an A or B customer past the next contact date, or a balance overdue; yellow = "
                   "another customer past the next contact date, or a quote expiring within 2 days.",
                   "颜色：粉色 = A/B 类客户已超过下次联系日期，或尾款逾期；黄色 = 其他客户已超过下次联系日期，"
                   "或报价 2 天内到期。"),
    # Weekly Summary: samples sent, their cost, and the orders that followed
    "weekly.samples": ("Samples: sent this week, cost ({currency}), and orders after the last {days} days' samples",
                       "样品：本周寄出、费用（{currency}），以及近 {days} 天样品后的订单"),
    "col.samples_sent": ("Sent", "寄出"),
    "col.sample_cost": ("Cost", "费用"),
    "col.samples_90": ("Sent, 90 days", "近90天寄出"),
    "col.samples_ordered": ("Then ordered", "之后下单"),
    "col.conversion": ("Conversion", "转化率"),
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
    # payment status
    "Paid": "已付清",
    "Deposit received": "已收定金",
    "Awaiting deposit": "待收定金",
    "Balance due": "待收尾款",
    "Balance overdue": "尾款逾期",
    # customer source
    "Referral": "转介绍",
    "Existing customer": "老客户",
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
        text = template(LABELS, key, self.lang, count)
        return text.format(count=count, **fields) if (fields or count is not None) else text

    def value(self, text: str) -> str:
        """A rule's canonical English value in this language (unknown values unchanged)."""
        if self.lang != "zh" or not text:
            return text
        return VOCAB_ZH.get(text, VOCAB_ZH.get(text.translate(_DASHES), text))

    def text(self, message: str) -> str:
        """A keyed message (`tradexl.messages.msg`, e.g. a Check problem) in this language; other text as it is."""
        return str(localize(message, self.lang))

    def company(self, settings: Settings) -> str:
        """The company name for a report title: Settings › Company Name (Chinese) in Chinese, when given."""
        return settings.company.name_zh if self.lang == "zh" and settings.company.name_zh else settings.company.name

    def weekday(self, day: date) -> str:
        return (WEEKDAYS_ZH if self.lang == "zh" else WEEKDAYS)[day.weekday()]

    def day(self, day: date) -> str:
        """A date with its weekday name, e.g. "Saturday 2024-05-11" / "2024-05-11（星期六）"."""
        return self("date_weekday", weekday=self.weekday(day), date=day.isoformat())

    def grade_meaning(self, grade: str) -> str:
        return GRADE_MEANINGS[grade][self._pos]


def labels_for(settings: Settings) -> Labels:
    return Labels("zh" if settings.language == "zh" else "en")
