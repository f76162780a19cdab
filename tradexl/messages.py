"""Every message a person reads outside the generated sheets (command output, `Error:` lines, Check's "what to
fix", message boxes, the status bar), in English and Chinese, as one data table.

A message is made where the fact is known, before anyone knows which language it will be shown in: `msg(key,
**fields)` returns a `Msg`, an ordinary English `str` (so logs, tests and code that only reads text are
unchanged) that also remembers its key and fields. The shell that shows it knows the workbook's language and
calls `localize(text, lang)`. Text that is not a `Msg` (a buyer's value, a message nobody keyed yet) passes
through unchanged. The report labels (`reports/labels.py`, the words on generated sheets) share `template` and
its `.one` plural convention; a key lives in exactly one of the two tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGUAGES = ("en", "zh")

# key -> (English, Chinese). A key ending in ".one" is the singular form used when count == 1.
MESSAGES: dict[str, tuple[str, str]] = {
    # command output (tradexl/cli)
    "cli.error": ("Error: {text}", "错误：{text}"),
    "cli.note": ("Note: {text}", "提示：{text}"),
    "cli.created": ("Created {path}", "已创建 {path}"),
    "cli.problems": ("{count} data problem(s) listed on the Check sheet.", "数据检查表列出 {count} 个数据问题。"),
    "cli.demo.workbook": ("Workbook: {path}  ({counts})", "工作簿：{path}（{counts}）"),
    "cli.demo.count": ("{count} {what}", "{what} {count} 条"),
    "cli.demo.sheets": ("Generated sheets: {names}", "生成的工作表：{names}"),
    "cli.demo.quotes": ("Text quotes: {count} in {folder}", "文本报价：{count} 份，在 {folder}"),
    "cli.demo.problems": ("{count} data problem(s) on the Check sheet (planted on purpose).",
                          "数据检查表有 {count} 个数据问题（演示数据中特意设置）。"),
    "cli.quotes.written": ("Wrote {count} text quotes to {folder}", "已写入 {count} 份文本报价到 {folder}"),
    "cli.log.done": ("Logged {channel} with {customer_id} {company} on {date} (Follow-ups row {row}). {result}",
                     "已登记 {date} 与 {customer_id} {company} 的{channel}跟进（跟进表第 {row} 行）。{result}"),
    "cli.pi.done": ("PI {number}: {currency} {total} ({count} line(s)) -> {files}",
                    "形式发票 {number}：{currency} {total}（{count} 行）-> {files}"),
    "cli.pi.no_pdf": ("No PDF: LibreOffice is not installed; print the .xlsx to PDF instead.",
                      "未生成 PDF：未安装 LibreOffice；请把 .xlsx 打印为 PDF。"),
    "cli.pi.logged": ("Logged {count} quote line(s) as {number}. {result}",
                      "已登记 {count} 行报价，单号 {number}。{result}"),
    "cli.import.skipped": ("Skipped {origin}: {reason}", "已跳过 {origin}：{reason}"),
    "cli.import.not_inquiry": ("Not an inquiry ({reason}): {origin}", "不是询盘（{reason}）：{origin}"),
    "cli.import.bouncing": ("Bouncing: {customer_id} {email} ({status}; {where})",
                            "退信：{customer_id} {email}（{status}；{where}）"),
    "cli.import.bounce_marked": ("marked in Email Status", "已在邮箱状态列标记"),
    "cli.import.bounce_column": ("add an 'Email Status' column to Customers to keep it",
                                 "请在客户表添加“邮箱状态”列以保存"),
    "cli.import.time_note": ("Note: {origin}: {note}; used the server's Received time or the file's time instead",
                             "提示：{origin}：{note}；改用服务器的接收时间或文件时间"),
    "cli.import.confirm": ("Confirm: {inquiry_id} {who} -> {match}", "请确认：{inquiry_id} {who} -> {match}"),
    "cli.import.new_customer": ("New customer {customer_id}: {company} ({country})",
                                "新客户 {customer_id}：{company}（{country}）"),
    "import.added": ("{count} inquiries added", "新增询盘 {count} 条"),
    "import.duplicates": ("{count} duplicates skipped", "跳过重复 {count} 条"),
    "import.new_customers": ("{count} new customers", "新客户 {count} 个"),
    "import.not_inquiries": ("{count} not inquiries ({reasons})", "非询盘 {count} 封（{reasons}）"),
    "import.reason": ("{count} {reason}", "{reason} {count}"),
    "import.bouncing": ("{count} bouncing address(es)", "退信地址 {count} 个"),
    "import.weak": ("{count} to confirm (weak name match)", "待确认 {count} 条（名称匹配较弱）"),
    "import.bad": ("{count} unreadable file(s)", "无法读取的文件 {count} 个"),
    "import.summary": ("{parts}", "{parts}"),
    "list.sep": (", ", "，"),
    "cli.lookup.result": ("{book}: {result}", "{book}：{result}"),
    "cli.reply.logged": ("logged: quote {quote_no}, {count} line(s), and a follow-up",
                         "已登记：报价 {quote_no}，{count} 行，以及一条跟进"),
    "cli.reply.logged_plain": ("logged: a follow-up (no priced lines)", "已登记：一条跟进（无报价行）"),
    "cli.reply.before": ("already logged on {date}; nothing added", "已于 {date} 登记；未重复添加"),
    "cli.reply.not_logged": ("not logged; once sent, run again with --sent", "未登记；发送后请加 --sent 再运行一次"),
    "cli.reply.draft": ("Draft: {path}  ({done})", "草稿：{path}（{done}）"),
    "cli.reply.paste": ("No buyer email; text to paste on their platform: {path}  ({done})",
                        "客户没有邮箱；请把文本粘贴到对方平台：{path}（{done}）"),
    "cli.handover.undone": ("{book}: handover {handover_id} undone, {count} cell(s) put back",
                            "{book}：交接 {handover_id} 已撤销，恢复 {count} 个单元格"),
    "cli.handover.skipped": ("  skipped {line}", "  已跳过 {line}"),
    "cli.handover.cover": ("{to} covers {frm} until {until}", "{to} 代管 {frm} 的客户至 {until}"),
    "cli.handover.moved": ("{count} owner cell(s) moved from {frm} to {to}",
                           "{count} 个业务员单元格从 {frm} 转给 {to}"),
    "cli.handover.done": ("{book}: handover {handover_id}: {what}; {count} introduction draft(s) in {folder}",
                          "{book}：交接 {handover_id}：{what}；{count} 封介绍信草稿在 {folder}"),
    "cli.handover.undo": ("Undo with: tradexl handover {book} --undo {handover_id}",
                          "撤销命令：tradexl handover {book} --undo {handover_id}"),
    "cli.handover.usage": ("give FROM and TO (or --undo HANDOVER_ID)", "请给出 FROM 和 TO（或 --undo 交接编号）"),
    "cli.team.done": ("{book}: team of {count}: {names}", "{book}：团队 {count} 人：{names}"),
    "cli.team.nobody": ("nobody", "无人"),
    "cli.team.notes": ("{count} note(s) about the folder on the Team Check sheet.",
                       "团队数据检查表有 {count} 条关于文件夹的备注。"),
    "cli.outreach.drafts": ("{count} {what} in {folder}; left out: {dnm} Do Not Mail, {no_email} without a usable "
                            "email address",
                            "{count} 封{what}在 {folder}；未包含：{dnm} 个不发邮件，{no_email} 个没有可用邮箱"),
    "cli.outreach.what.drafts": ("drafts", "草稿"),
    "cli.outreach.what.visits": ("visit requests", "拜访邀约"),
    "cli.outreach.what.invitations": ("invitations", "展会邀请"),
    "cli.outreach.list": ("List: {path}", "名单：{path}"),
    "cli.outreach.logged": ("Logged {count} follow-up(s) as sent.", "已登记 {count} 条已发送的跟进。"),
    "cli.outreach.marked": ("{book}: logged {count} follow-up(s) from {folder}.",
                            "{book}：已从 {folder} 登记 {count} 条跟进。"),
    "cli.trip.written": ("{book}: Trip sheet written.", "{book}：已生成出差表。"),
    "cli.show.written": ("{book}: Show sheet written.", "{book}：已生成展会表。"),
    "cli.interrupted": ("interrupted; nothing more was written", "已中断；没有再写入任何内容"),
    "cli.unexpected": ("unexpected {kind}: {first} (run again with {env}=1 for the details)",
                       "意外错误 {kind}：{first}（设置 {env}=1 再运行可查看详情）"),
    "cli.bad_date": ("'{value}' is not a date like 2026-11-28", "“{value}”不是日期，格式如 2026-11-28"),
    "os.cannot_use": ("cannot use {path}: {reason}", "无法使用 {path}：{reason}"),
    "os.not_dir": ("part of that path is a file, not a folder", "路径中有一部分是文件，不是文件夹"),
    "os.is_dir": ("that is a folder, not a file", "这是文件夹，不是文件"),
    "os.exists": ("a file of that name is in the way", "已有同名文件"),
    "os.no_such": ("no such file or folder", "没有这个文件或文件夹"),
    "os.no_permission": ("no permission", "没有权限"),
    "os.disk_full": ("the disk is full", "磁盘已满"),
    "os.read_only": ("the folder is read-only", "文件夹是只读的"),
    "os.too_long": ("the name is too long", "名称太长"),
    # errors (tradexl/errors.py and the modules that raise them)
    "error.no_column": ("sheet '{sheet}' has no column '{column}' (add it to the header row)",
                        "工作表“{sheet}”没有“{column}”列（请在标题行添加）"),
    "error.no_sheet": ("the workbook has no sheet '{name}' (or '{zh}'); add it or rename the sheet",
                       "工作簿没有“{zh}”（或“{name}”）工作表；请添加或重命名工作表"),
    "error.locked": ("{book} is open in {program} ({lock} exists); close it or use --force",
                     "{book} 正在 {program} 中打开（存在 {lock}）；请先关闭，或使用 --force"),
    "error.save": ("could not save {book}: {reason}; the original file is unchanged",
                   "无法保存 {book}：{reason}；原文件未改动"),
    "error.missing_file": ("{path} does not exist", "{path} 不存在"),
    "error.not_workbook": ("{book} is not an Excel workbook (not a zip file)",
                           "{book} 不是 Excel 工作簿（不是 zip 文件）"),
    "error.old_xls": ("{book} is an old .xls file; save it as .xlsm or .xlsx in Excel",
                      "{book} 是旧版 .xls 文件；请在 Excel 中另存为 .xlsm 或 .xlsx"),
    "error.password": ("{book} is password-protected; remove the password in Excel first",
                       "{book} 有密码保护；请先在 Excel 中取消密码"),
    "error.new_suffix": ("{book}: use a .xlsm name (macros and the Trade ribbon need it)",
                         "{book}：请用 .xlsm 文件名（宏和 Trade 功能区需要）"),
    "error.exists": ("{path} already exists; choose another name or pass --overwrite",
                     "{path} 已存在；请换一个文件名，或使用 --overwrite"),
    "error.unknown_channel": ("unknown channel '{channel}' (use one of: {known})",
                              "未知渠道“{channel}”（可用：{known}）"),
    "error.no_customer": ("no customer matches '{query}' on the Customers sheet (give a Customer ID, email or "
                          "company name)",
                          "客户表中没有与“{query}”匹配的客户（请给出客户编号、邮箱或公司名）"),
    "error.several_customers": ("'{query}' matches several customers ({names}); give the Customer ID",
                                "“{query}”匹配到多个客户（{names}）；请给出客户编号"),
    "error.maybe_customer": ("'{query}' may be {customer_id} {company} ({reason}); give the Customer ID to confirm",
                             "“{query}”可能是 {customer_id} {company}（{reason}）；请给出客户编号确认"),
    "error.empty_summary": ("the summary is empty: say in a few words what happened",
                            "跟进摘要为空：请用几句话说明情况"),
    "error.no_inquiry": ("no inquiry '{inquiry_id}' on the Inquiries sheet (see its Inquiry ID column)",
                         "询盘表中没有询盘“{inquiry_id}”（请查看询盘编号列）"),
    "error.pi_no_model": ("no catalogue model in the inquiry's Product ('{asked}'); put the model number in its "
                          "Product column",
                          "询盘的产品列（“{asked}”）中没有目录型号；请在产品列填写型号"),
    "error.pi_no_price": ("product {model} has no Base Price on the Products sheet",
                          "产品 {model} 在产品表中没有基础价格"),
    "error.pi_currencies": ("the models are priced in different currencies ({currencies}); make one PI per currency",
                            "这些型号的定价币种不同（{currencies}）；请按币种分别开形式发票"),
    "error.pi_not_active": ("'{model}' is not an active catalogue model; add it by hand",
                            "“{model}”不是在售的目录型号；请手动添加"),
    "error.pi_no_quantity": ("{model}: no quantity or MOQ; quantity 1 entered",
                             "{model}：没有数量或起订量；已填数量 1"),
    "error.pi_moq_quantity": ("{model}: quantity set to the MOQ {moq}; adjust it to the buyer's order",
                              "{model}：数量按起订量 {moq} 填写；请按客户订单调整"),
    "error.pi_below_moq": ("{model}: {quantity} is below the MOQ {moq}", "{model}：{quantity} 低于起订量 {moq}"),
    "error.history_row": ("row {row} of {sheet} has no Customer ID, email, phone or company to look up",
                          "{sheet} 第 {row} 行没有可查询的客户编号、邮箱、电话或公司名"),
    # tradexl lookup (the buyer's history as text)
    "lookup.possible": ("Possible match ({how}): confirm before treating them as the same buyer.",
                        "可能匹配（{how}）：请确认是否为同一客户。"),
    "lookup.contains": ("No customer is '{query}' by the buyer rule; customers whose name contains it:",
                        "按客户识别规则没有“{query}”这个客户；名称包含它的客户："),
    "lookup.none": ("No customer matches '{query}'. New buyer: add them to Customers.",
                    "没有与“{query}”匹配的客户。新客户：请添加到客户表。"),
    "lookup.last": ("  Last status: {status}    Owner: {owner}", "  最新状态：{status}    业务员：{owner}"),
    "lookup.no_inquiry": ("(no inquiry)", "（无询盘）"),
    "lookup.no_owner": ("(none)", "（无）"),
    # notes and results of the day's commands
    "note.catalog_missing": ("e-catalog '{file}' not found; attach it by hand",
                             "未找到电子目录“{file}”；请手动添加附件"),
    "note.catalog_big": ("e-catalog '{file}' is over 20 MB; send a link instead",
                         "电子目录“{file}”超过 20 MB；请改发链接"),
    "history.done": ("History of {query}: see the History sheet", "{query} 的历史记录：见历史表"),
    "handover.no_cover_columns": ("Settings › Team has no 'Cover' and 'Away Until' columns; add them right of "
                                  "'Monthly Target' (tradexl new makes them)",
                                  "设置 › 团队没有“代管”和“外出至”列；请加在“月目标”右边（tradexl new 会自动生成）"),
    "handover.not_in_team": ("'{name}' is not in Settings › Team; add them there first",
                             "“{name}”不在设置 › 团队中；请先添加"),
    "handover.same": ("FROM and TO must be two different salespeople", "FROM 和 TO 必须是两个不同的业务员"),
    "handover.past": ("--until {until} is in the past", "--until {until} 已经过去"),
    "handover.no_email": ("{buyer}: no email, no draft", "{buyer}：没有邮箱，未写草稿"),
    "handover.unknown": ("no handover '{handover_id}' in the {sheet} sheet", "{sheet} 表中没有交接“{handover_id}”"),
    "handover.undone": ("handover '{handover_id}' is already undone", "交接“{handover_id}”已撤销过"),
    "handover.team_changed": ("Settings › Team {record} {column}: changed since, left as it is",
                              "设置 › 团队 {record} {column}：之后已改动，保持不变"),
    "handover.owner_changed": ("{sheet} {record}: owner changed since, left as it is",
                               "{sheet} {record}：业务员之后已改动，保持不变"),
    # Excel buttons: message boxes and the status bar (tradexl/xlshell)
    "xl.select_row": ("select a data row of the {sheet} sheet first", "请先在“{sheet}”表中选中一行数据"),
    "xl.choose_mail_folder": ("choose the folder your mail program saves inquiries to (Import mail asks for it)",
                              "请选择邮件程序保存询盘的文件夹（导入邮件时会询问）"),
    "xl.no_mail_folder": ("the mail folder '{folder}' does not exist", "邮件文件夹“{folder}”不存在"),
    "xl.imap_settings": ("fill in IMAP Host and IMAP User in the Settings sheet's General table first",
                         "请先在设置表的常规表格中填写收件服务器和邮箱用户名"),
    "xl.no_inquiry_id": ("the selected inquiry has no Inquiry ID; give it one first",
                         "选中的询盘没有询盘编号；请先填写"),
    "xl.select_due": ("select a customer's row on the {sheet} sheet first", "请先在“{sheet}”表中选中一个客户行"),
    "xl.team_folder": ("type the team's shared folder into Settings › Team Folder first",
                       "请先在设置 › 团队文件夹中填写团队共享文件夹"),
    "xl.reply_draft": ("Reply draft for {inquiry_id}: {path}", "{inquiry_id} 的回复草稿：{path}"),
    "xl.pi": ("PI {number}: {currency} {total} -> {folder}", "形式发票 {number}：{currency} {total} -> {folder}"),
    "xl.no_row_selected": ("select a data row on Inquiries, Customers, Quotes, Samples or Follow-ups first",
                           "请先在询盘、客户、报价、样品或跟进表中选中一行数据"),
    # Excel buttons Handover, Mailing, Trip (tradexl/xlshell/macros.py)
    "xl.handover_moved": ("Handover {id}: {count} owner cell(s) moved from {frm} to {to}; {drafts} introduction "
                          "draft(s) in {folder}",
                          "交接 {id}：{count} 个业务员单元格由 {frm} 改为 {to}；{drafts} 封介绍信草稿在 {folder}"),
    "xl.handover_cover": ("Handover {id}: {to} covers {frm} until {until}; {drafts} introduction draft(s) in "
                          "{folder}",
                          "交接 {id}：{until} 前由 {to} 代管 {frm} 的客户；{drafts} 封介绍信草稿在 {folder}"),
    "xl.bad_until": ("Until '{text}': {reason}", "截止日期“{text}”：{reason}"),
    "xl.mailing_done": ("Mailing '{name}': {count} draft(s) in {folder}; left out: {dnm} Do Not Mail, {none} "
                        "without a usable email address",
                        "群发“{name}”：{count} 封草稿在 {folder}；未包括：{dnm} 位不发邮件，{none} 位无可用邮箱"),
    "xl.trip_done": ("Trip sheet: {count} buyer(s) in {place}; {drafts} visit request(s) in {folder}",
                     "出差表：{place} 有 {count} 位客户；{drafts} 封拜访请求草稿在 {folder}"),
    # Check: the Settings sheet's problems
    "settings.label": ("{en}", "{zh}"),
    "settings.not_number": ("{what}: '{value}' is not a number", "{what}：“{value}”不是数字"),
    "settings.not_date": ("{what}: '{value}' is not a date – write it as YYYY-MM-DD",
                          "{what}：“{value}”不是日期 – 请写成 YYYY-MM-DD"),
    "settings.language": ("Language: '{value}' is not en or zh", "语言：“{value}”不是 en 或 zh"),
    "settings.week_ends_on": ("Week Ends On: '{value}' is not a weekday", "周报截止日：“{value}”不是星期几"),
    "settings.grade_after_loss": ("Grade After Loss: '{value}' is not A, B, C or D",
                                  "失单后等级：“{value}”不是 A、B、C 或 D"),
    "settings.time_zone": ("Time Zone: '{value}' is not a time zone name such as Asia/Shanghai",
                           "时区：“{value}”不是时区名称（例如 Asia/Shanghai）"),
    "settings.rate_above_zero": ("{what}: '{value}' must be above 0", "{what}：“{value}”必须大于 0"),
    "settings.rate_of": ("Rate of {code}", "{code} 的汇率"),
    "settings.show_from": ("Trade show {show} From", "展会 {show} 开始日期"),
    "settings.show_to": ("Trade show {show} To", "展会 {show} 结束日期"),
    "settings.cadence": ("Cadence {grade}", "{grade} 类跟进频率"),
    "settings.price_factor": ("Price Factor of {region}", "{region} 的价格系数"),
    "settings.valid_days": ("Valid Days of {region}", "{region} 的报价有效天数"),
    "settings.target": ("Monthly Target of {name}", "{name} 的月目标"),
    "settings.away_until": ("Away Until of {name}", "{name} 的外出截止日"),
    # Check: what to fix (the rules' Problem messages)
    "fix.unknown_country": ("unknown country – correct it or add it to Settings 'Country to region overrides'",
                            "未知国家 – 请改正，或在设置的“国家区域对照”中添加"),
    "fix.missing": ("{column} is missing – fill it in", "必填项为空 – 请填写"),
    "fix.duplicate": ("duplicate {column} (also in row {first}) – give each row its own",
                      "重复（第 {first} 行也有）– 每行应唯一"),
    "fix.no_customer_id": ("no customer – enter the Customer ID", "没有客户 – 请填写客户编号"),
    "fix.reply_before": ("reply is before the inquiry was received – check both dates",
                         "回复时间早于询盘收到时间 – 请检查两个日期"),
    "fix.no_rate": ("no exchange rate for {currency} – add it to Settings 'Currency' (Currency, Rate)",
                    "没有 {currency} 的汇率 – 请在设置的“币种”中添加（币种、汇率）"),
    "fix.owner_unknown": ("owner is not in Settings › Team – add them or type a team member's name",
                          "业务员不在设置的团队名单中 – 请添加，或填写团队成员的名字"),
    "fix.owner_inactive": ("owner is inactive – hand these customers over (tradexl handover) or type an active owner",
                           "业务员已停用 – 请交接这些客户（tradexl handover），或填写在职业务员"),
    "fix.esample_first": ("physical sample{of} sent with no e-sample before it – send the e-sample first "
                          "(Settings › Samples: E-sample first)",
                          "寄出实物样品{of}前没有先发电子样品 – 请先发电子样品（设置 › 样品：先发电子样品）"),
    "fix.esample_of": (" of {model}", " {model}"),
    "fix.prepay": ("sample cost {cost} is above the prepay limit {limit} (Settings › Samples) – large samples are "
                   "prepaid by the buyer by T/T",
                   "样品费 {cost} 超过预付上限 {limit}（设置 › 样品）– 大额样品应由客户电汇预付"),
    "fix.sample_feedback": ("{what} delivered{courier}, sent {sent}, and no follow-up since – ask the buyer for "
                            "feedback (Settings › Samples: {days} days)",
                            "{what}已签收{courier}，{sent} 寄出，此后没有跟进 – 请询问客户反馈"
                            "（设置 › 样品：{days} 天）"),
    "fix.sample": ("sample", "样品"),
    "fix.courier": (" ({courier})", "（{courier}）"),
    "fix.returning_buyer": ("possible returning buyer ({how}) – enter the Customer ID if it is them, else add them "
                            "to Customers",
                            "可能是老客户（{how}）– 如果是，请填写客户编号；否则请添加到客户表"),
    "fix.unknown_id": ("customer not in Customers – add them there or fix the ID",
                       "客户表中没有此客户 – 请添加或改正编号"),
    "fix.unknown_buyer": ("buyer not in Customers – add them there or enter the Customer ID",
                          "客户表中没有此买家 – 请添加到客户表或填写客户编号"),
    "fix.unreadable": ("unreadable value – retype it", "无法读取的值 – 请重新输入"),
    "fix.excel_error": ("Excel error {value} – fix the formula or type the value",
                        "Excel 错误 {value} – 请修正公式或直接输入值"),
    "fix.not_in_list": ("not in the list – use one of: {choices}", "不在下拉列表中 – 请使用：{choices}"),
    "fix.not_number": ("not a number – type a number", "不是数字 – 请输入数字"),
    "fix.not_amount": ("not a number – type a number such as 5000 or 2.35", "不是数字 – 请输入数字，如 5000 或 2.35"),
    "fix.not_time": ("not a time – write 14:30 or 2:30 PM", "不是时间 – 请写成 14:30 或 2:30 PM"),
    "fix.ambiguous_date": ("ambiguous date – write it as YYYY-MM-DD", "日期有歧义 – 请写成 YYYY-MM-DD"),
    "fix.not_date": ("not a date – write it as YYYY-MM-DD", "不是日期 – 请写成 YYYY-MM-DD"),
    "fix.invalid_date": ("not a valid date – write it as YYYY-MM-DD", "不是有效日期 – 请写成 YYYY-MM-DD"),
    "fix.date_range": ("date out of range ({first}–{last}) – check the year",
                       "日期超出范围（{first}–{last}）– 请检查年份"),
}


class Msg(str):
    """An English message that remembers its key and fields, so a shell can show it in another language."""

    key: str
    fields: Mapping[str, Any]
    number: int | None
    """The count that chose the `.one` form (str has its own `count`)."""

    def __new__(cls, key: str, count: int | None = None, **fields: Any) -> Msg:
        made = super().__new__(cls, render(key, "en", count, fields))
        made.key, made.number, made.fields = key, count, fields
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # keep the key across copy/pickle (str's own drops it)
        return (_rebuild, (self.key, self.number, dict(self.fields)))


def _rebuild(key: str, count: int | None, fields: dict[str, Any]) -> Msg:
    return Msg(key, count, **fields)


def msg(key: str, count: int | None = None, **fields: Any) -> Msg:
    """The message `key` with its fields (English text; `localize` shows it in the workbook's language)."""
    return Msg(key, count, **fields)


def template(table: Mapping[str, tuple[str, str]], key: str, lang: str, count: int | None) -> str:
    """The text of `key` in `lang`, the `.one` form when count == 1 (shared with the report labels)."""
    if count == 1 and f"{key}.one" in table:
        key = f"{key}.one"
    return table[key][1 if lang == "zh" else 0]


def render(key: str, lang: str, count: int | None, fields: Mapping[str, Any]) -> str:
    text = template(MESSAGES, key, lang, count)
    values = {name: _field(value, lang) for name, value in fields.items()}
    return text.format(count=count, **values) if (values or count is not None) else text


def _field(value: Any, lang: str) -> Any:
    """A field in `lang`: a keyed message translated, a tuple of them joined as a list."""
    if isinstance(value, tuple):
        return template(MESSAGES, "list.sep", lang, None).join(str(_field(v, lang)) for v in value)
    return localize(value, lang)


def localize(text: object, lang: str) -> Any:
    """`text` in `lang` when it is a keyed message (its keyed fields too); anything else unchanged."""
    if isinstance(text, Msg):
        return render(text.key, lang, text.number, text.fields) if lang == "zh" else str(text)
    return text


def error_text(exc: BaseException) -> str:
    """An exception's message, keeping its key when it was raised with `msg(...)` (str(exc) drops it)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Msg) else str(exc)
